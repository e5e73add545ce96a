/// The notice a policy file encodes.
public struct PolicyDocument: Equatable, Hashable, Sendable {
    /// How citations name it: the document number, e.g. `南城办发〔2020〕84号`.
    public let reference: String
    public let title: String
    public let issued: CivilDate?
    /// Higher-level documents the notice cites.
    public let cites: [String]

    init(_ node: JSONNode) throws(PolicyError) {
        let object = try node.object()
        reference = try object.required("reference").string()
        title = try object.required("title").string()
        issued = try object.optional("issued")?.date()
        cites = try object.optional("cites")?.strings() ?? []
        try object.finish()
    }
}
