/// A rule stated in words with its source: why nobody can join after the windows,
/// when payments can be refunded, how several groups combine.
public struct SourcedNote: Equatable, Hashable, Sendable {
    public let note: LocalizedText
    public let provenance: Provenance

    init(_ node: JSONNode) throws(PolicyError) {
        let object = try node.object()
        note = try LocalizedText(object.required("note"))
        provenance = try Provenance(object)
        try object.finish()
    }
}
