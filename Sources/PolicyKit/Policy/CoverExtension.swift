/// A later end of cover for some of a route's residents: beita 二(六) students who
/// graduate that summer without employee insurance are covered to 31 December.
public struct CoverExtension: Equatable, Hashable, Sendable {
    /// Who gets the later end: any one of these.
    public let requiresAny: [Requirement]
    /// The last day of cover for them.
    public let to: CivilDate
    public let note: LocalizedText?
    public let provenance: Provenance

    init(_ node: JSONNode) throws(PolicyError) {
        let object = try node.object()
        requiresAny = try Requirement.list(object.required("requires_any"))
        to = try object.required("to").date()
        note = try object.optional("note").map { (node) throws(PolicyError) in try LocalizedText(node) }
        provenance = try Provenance(object)
        try object.finish()
    }
}
