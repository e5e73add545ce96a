import PolicyKit

/// Exact totals (in fen) of the residents priced under one policy: a region-year, or
/// one village of it. Errors are not here: a rejected row's region may be what is wrong
/// with it, so `BatchSummary` counts them for the roster as a whole.
public struct SummaryTotals: Equatable, Sendable {
    /// An amount with the number of residents it is for.
    public struct Share: Equatable, Sendable {
        public var residents = 0
        /// In fen.
        public var amount = 0
    }

    /// Residents priced: enrollable plus refused.
    public var residents = 0
    public var enrollable = 0
    /// Residents who cannot join, by `Quote.Refusal.code`.
    public var refused: [String: Int] = [:]
    /// Individual fees before subsidies, in fen (enrollable residents).
    public var fees = 0
    /// Every subsidy (deducted now and refunded later), in fen.
    public var subsidies = 0
    /// Subsidies by funder id.
    public var subsidyByFunder: [String: Share] = [:]
    /// Subsidies by the group whose subsidy applied (category id).
    public var subsidyByGroup: [String: Share] = [:]
    /// Late payers' surcharges (the fiscal part they pay themselves), in fen.
    public var surcharges = 0
    /// Residents who pay a surcharge.
    public var surchargedResidents = 0
    /// What residents pay now: fees + surcharges − subsidies deducted now, in fen.
    public var payable = 0
    /// Subsidies a department refunds later (先缴后补), in fen.
    public var refundLater = 0

    public init() {}

    /// Residents refused, whatever the reason.
    public var refusedTotal: Int { refused.values.reduce(0, +) }

    /// Adds `times` residents whose result has `tally`.
    mutating func add(_ tally: BatchTally, times: Int) {
        guard !tally.error, times > 0 else { return }
        residents += times
        if let code = tally.refusal { refused[code, default: 0] += times }
        guard tally.enrollable else { return }
        enrollable += times
        fees += tally.fee * times
        subsidies += tally.subsidyTotal * times
        surcharges += tally.surcharge * times
        if tally.surcharge > 0 { surchargedResidents += times }
        payable += tally.payable * times
        refundLater += tally.refundLater * times
        for share in tally.subsidyByFunder where share.amount != 0 {
            subsidyByFunder[share.funder, default: Share()].residents += times
            subsidyByFunder[share.funder, default: Share()].amount += share.amount * times
        }
        if let group = tally.subsidyCategory, tally.subsidyTotal != 0 {
            subsidyByGroup[group, default: Share()].residents += times
            subsidyByGroup[group, default: Share()].amount += tally.subsidyTotal * times
        }
    }

    /// Adds another set of totals.
    mutating func add(_ other: SummaryTotals) {
        residents += other.residents
        enrollable += other.enrollable
        for (code, count) in other.refused { refused[code, default: 0] += count }
        fees += other.fees
        subsidies += other.subsidies
        surcharges += other.surcharges
        surchargedResidents += other.surchargedResidents
        payable += other.payable
        refundLater += other.refundLater
        for (id, share) in other.subsidyByFunder {
            subsidyByFunder[id, default: Share()].residents += share.residents
            subsidyByFunder[id, default: Share()].amount += share.amount
        }
        for (id, share) in other.subsidyByGroup {
            subsidyByGroup[id, default: Share()].residents += share.residents
            subsidyByGroup[id, default: Share()].amount += share.amount
        }
    }
}
