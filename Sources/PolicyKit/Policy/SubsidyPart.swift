/// One piece of a hardship group's subsidy, paid by one body.
///
/// beita's 兜底 group has two parts (140 from 医疗救助, 140 from 区财政); most groups one.
public struct SubsidyPart: Equatable, Hashable, Sendable {
    /// How much of the individual fee the part covers.
    public enum Kind: Equatable, Hashable, Sendable {
        /// The whole fee of the chosen tier (全额资助).
        case full
        /// A fixed amount, never more than the fee (定额资助).
        case fixed(Fen)
        /// A percentage of the fee, rounded half away from zero to the fen.
        case percent(Int)
    }

    /// When the resident sees the money.
    public enum Timing: String, Equatable, Hashable, Sendable {
        /// Deducted from what is paid now.
        case now
        /// Paid in full now and refunded later (先缴后补).
        case later
    }

    public let kind: Kind
    public let timing: Timing
    /// A `Funder.id` of the region.
    public let fundedBy: String
    public let provenance: Provenance

    /// The amount this part gives against `fee`.
    public func amount(against fee: Fen) -> Fen {
        switch kind {
        case .full: fee
        case .fixed(let amount): min(amount, fee)
        case .percent(let percent): fee.percent(percent)
        }
    }

    init(_ node: JSONNode) throws(PolicyError) {
        let object = try node.object()
        let kindNode = try object.required("kind")
        switch try kindNode.string() {
        case "full": kind = .full
        case "fixed": kind = .fixed(try object.required("amount").fen())
        case "percent": kind = .percent(try object.required("percent").int(in: 1...100))
        case let other: throw kindNode.failure("unknown subsidy kind '\(other)'; use 'full', 'fixed' or 'percent'")
        }
        if let timingNode = object.optional("when") {
            let text = try timingNode.string()
            guard let value = Timing(rawValue: text) else {
                throw timingNode.failure("unknown timing '\(text)'; use 'now' or 'later'")
            }
            timing = value
        } else {
            timing = .now
        }
        fundedBy = try object.required("funded_by").string()
        provenance = try Provenance(object)
        try object.finish()
    }
}
