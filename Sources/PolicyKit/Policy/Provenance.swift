/// Where a value comes from: the clause of the notice, and the assumption made when the
/// notice does not give the value outright.
public struct Provenance: Equatable, Hashable, Sendable {
    /// The clause as the notice numbers it, e.g. `二(四)5`.
    public let clause: String
    public let assumption: Assumption?

    public init(clause: String, assumption: Assumption? = nil) {
        self.clause = clause
        self.assumption = assumption
    }

    /// Reads the `source` (required) and `assumption` (optional) keys of `object`.
    init(_ object: JSONObjectReader) throws(PolicyError) {
        guard let source = object.optional("source") else {
            throw object.node.failure("value has no source: add a 'source' clause")
        }
        clause = try source.string()
        assumption = try object.optional("assumption").map { (node) throws(PolicyError) in try Assumption(node) }
    }
}
