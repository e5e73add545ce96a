/// A single sourced amount, such as the fiscal subsidy or a stated financing total.
public struct Amount: Equatable, Hashable, Sendable {
    public let amount: Fen
    public let provenance: Provenance

    init(_ node: JSONNode) throws(PolicyError) {
        let object = try node.object()
        amount = try object.required("amount").fen()
        provenance = try Provenance(object)
        try object.finish()
    }
}
