import PolicyKit

/// The totals of one region-year: never mixed with another region's.
public struct RegionSummary: Sendable {
    public let policy: RegionPolicy
    public let totals: SummaryTotals
    /// The region's villages: the notice's task table in its order (with 0 enrolled where
    /// the roster has nobody), then other villages of the roster by name, then residents
    /// with no village. Empty when no resident of the region names a village.
    public let villages: [VillageSummary]

    /// The fiscal subsidy implied: enrollable residents × the notice's fiscal standard
    /// per person, in fen. Late payers pay that fiscal part themselves
    /// (`totals.surcharges`); it is not taken off here.
    public var fiscalSubsidy: Int { totals.enrollable * policy.fiscalSubsidy.amount.rawValue }

    /// The assumption behind the fiscal standard, where the notice does not give it.
    public var fiscalAssumption: Assumption? { policy.fiscalSubsidy.provenance.assumption }

    /// Progress against the overall task the notice states, when it states one.
    public var overallRateBasisPoints: Int? {
        guard let task = policy.targets?.overall?.residents, task > 0 else { return nil }
        return totals.enrollable * 10_000 / task
    }

    /// Residents still to enrol to meet the overall task.
    public var overallShortfall: Int? { policy.targets?.overall.map { max(0, $0.residents - totals.enrollable) } }

    /// A funder's name in `language`, or its id when the policy has no such funder.
    public func funderName(_ id: String, _ language: Language) -> String {
        policy.funder(id)?.name(language) ?? id
    }

    /// A group's name in `language`, or its id.
    public func groupName(_ id: String, _ language: Language) -> String {
        policy.category(id)?.name(language) ?? id
    }

    /// Funder ids in the policy's order, then any others by id.
    public var funderOrder: [String] {
        let known = policy.funders.map(\.id).filter { totals.subsidyByFunder[$0] != nil }
        return known + totals.subsidyByFunder.keys.filter { !known.contains($0) }.sorted()
    }

    /// Group ids in the policy's order, then any others by id.
    public var groupOrder: [String] {
        let known = policy.categories.map(\.id).filter { totals.subsidyByGroup[$0] != nil }
        return known + totals.subsidyByGroup.keys.filter { !known.contains($0) }.sorted()
    }

    /// Refusal codes, most residents first, then by code.
    public var refusalOrder: [String] {
        totals.refused.keys.sorted { (totals.refused[$0]!, $1) > (totals.refused[$1]!, $0) }
    }

    /// The region-year as a clerk reads it: `北塔区 2021年度`, `beita 2021`.
    public func title(_ language: Language) -> String {
        language == .zh ? "\(policy.name.zh) \(policy.year)年度" : "\(policy.name.en) \(policy.year)"
    }
}
