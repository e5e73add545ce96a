/// One level of the individual fee (nancheng has two: 一档 280, 二档 655).
public struct FeeTier: Equatable, Hashable, Sendable {
    /// 1 for the first (default) tier.
    public let tier: Int
    public let name: LocalizedText
    public let amount: Fen
    public let provenance: Provenance

    init(_ node: JSONNode) throws(PolicyError) {
        let object = try node.object()
        tier = try object.required("tier").int(in: 1...9)
        name = try LocalizedText(object.required("name"))
        amount = try object.required("amount").fen()
        provenance = try Provenance(object)
        try object.finish()
    }

    static func list(_ node: JSONNode) throws(PolicyError) -> [FeeTier] {
        var tiers: [FeeTier] = []
        for element in try node.array() {
            let tier = try FeeTier(element)
            guard tier.tier == tiers.count + 1 else {
                throw element.failure("tiers must be numbered 1, 2, … in order; expected \(tiers.count + 1)")
            }
            tiers.append(tier)
        }
        guard !tiers.isEmpty else { throw node.failure("at least one fee tier is needed") }
        return tiers
    }
}
