import PolicyKit
import ResidentIO

/// One region-year compiled into its thresholds (`RegionPolicy.dateThresholds`): turns
/// a resident into the `PricingKey` of the classes he falls in.
///
/// The key holds what is given (which dates, the tier, each situation, the categories
/// in order), the interval each date falls in among the policy's dates, how the payment
/// date compares with each of the resident's dates plus each offset the conditions use,
/// the age class, and the interval of each cover date a route's rule derives from the
/// payment date. Between two thresholds every comparison the engine makes comes out the
/// same, so equal keys give equal answers apart from the dates the answer prints, which
/// `ResultTemplate` fills in. The property tests check this against `QuoteEngine`.
final class CompiledPolicy {
    let policy: RegionPolicy
    /// Position in the store, part of the key.
    let number: Int
    private let thresholds: DateThresholds
    /// The interval of each day from `firstDay`: 2i+1 on `dates[i]`, 2i between
    /// `dates[i-1]` and `dates[i]` (0 before the first, 2n after the last).
    private let intervals: [UInt16]
    private let firstDay: Int
    private let lastInterval: Int
    private let intervalBits: Int
    /// Routes whose cover dates follow from the payment date (so their interval is part
    /// of the key); routes starting on a fixed date, the birth date or school entry and
    /// ending on a fixed date need nothing more than the dates' own intervals.
    private let derivedRoutes: [Route]
    private let situations = Situation.allCases
    let categoryIDs: [String]

    init(_ policy: RegionPolicy, number: Int) {
        self.policy = policy
        self.number = number
        thresholds = policy.dateThresholds
        let days = thresholds.dates.map(\.daysSince1970)
        firstDay = (days.first ?? 0) - 1
        var table: [UInt16] = []
        var next = 0
        for day in firstDay...((days.last ?? 0) + 1) {
            while next < days.count, days[next] < day { next += 1 }
            table.append(UInt16(next < days.count && days[next] == day ? 2 * next + 1 : 2 * next))
        }
        intervals = table
        lastInterval = 2 * days.count
        intervalBits = max(1, Int.bitWidth - lastInterval.leadingZeroBitCount)
        derivedRoutes = policy.routes.filter(policy.coverFollowsPayment(on:))
        categoryIDs = policy.categories.map(\.id)
    }

    /// The interval `date` falls in among the policy's dates.
    @inline(__always)
    func interval(_ date: CivilDate) -> Int { interval(day: date.daysSince1970) }

    @inline(__always)
    private func interval(day: Int) -> Int {
        let offset = day - firstDay
        if offset < 0 { return 0 }
        if offset >= intervals.count { return lastInterval }
        return Int(intervals[offset])
    }

    /// One of the resident's own dates: whether given, its interval, and how the payment
    /// date compares with it and with it plus each offset the conditions use.
    @inline(__always)
    private func own(_ date: CivilDate?, paidOn: CivilDate, paidDay: Int, into key: inout PricingKey) {
        guard let date else { key.put(0, bits: 1); return }
        let day = date.daysSince1970
        key.put(1, bits: 1)
        key.put(interval(day: day), bits: intervalBits)
        key.put(CompiledPolicy.order(paidDay, day), bits: 2)
        for days in thresholds.days { key.put(CompiledPolicy.order(paidDay, day + days), bits: 2) }
        for months in thresholds.months { key.put(CompiledPolicy.order(paidOn, date.adding(months: months)), bits: 2) }
    }

    @inline(__always)
    private static func order(_ lhs: Int, _ rhs: Int) -> Int {
        lhs < rhs ? 0 : (lhs == rhs ? 1 : 2)
    }

    /// -1, 0 or 1 as 0, 1, 2.
    @inline(__always)
    private static func order(_ lhs: CivilDate, _ rhs: CivilDate) -> Int {
        lhs < rhs ? 0 : (lhs == rhs ? 1 : 2)
    }

    /// The key of `resident` paying on `paidOn` (the given date, or the one the policy
    /// assumes), under `selection` (a number for the text saying how the year was chosen).
    func key(_ resident: Resident, paidOn: CivilDate, selection: Int) -> PricingKey {
        var key = PricingKey()
        key.put(number, bits: 8)
        key.put(selection, bits: 8)
        key.put(resident.paidOn == nil ? 0 : 1, bits: 1)
        key.put(resident.tier.map { $0 + 1 } ?? 0, bits: 4)
        var situationBits = 0
        for (index, situation) in situations.enumerated() where resident.situations.contains(situation) {
            situationBits |= 1 << index
        }
        key.put(situationBits, bits: situations.count)
        key.put(resident.categories.count, bits: 3)
        for id in resident.categories {
            key.put(categoryIDs.firstIndex(of: id).map { $0 + 1 } ?? 0, bits: 7)
        }
        let paidDay = paidOn.daysSince1970
        key.put(interval(day: paidDay), bits: intervalBits)
        own(resident.born, paidOn: paidOn, paidDay: paidDay, into: &key)
        own(resident.schoolEntry, paidOn: paidOn, paidDay: paidDay, into: &key)
        own(resident.leftEmployeeInsurance, paidOn: paidOn, paidDay: paidDay, into: &key)
        own(resident.recognizedOn, paidOn: paidOn, paidDay: paidDay, into: &key)
        if let born = resident.born, !thresholds.ages.isEmpty {
            let age = born.age(on: paidOn)
            key.put(thresholds.ages.reduce(0) { $0 + (age >= $1 ? 1 : 0) }, bits: 4)
        }
        if let recognized = resident.recognizedOn {
            key.put(CompiledPolicy.order(paidOn, policy.effectiveRecognition(recognized)), bits: 2)
        }
        for route in derivedRoutes {
            let cover = policy.coverByRule(on: route, paidOn: paidOn, for: resident)
            key.put(cover.start.map { interval($0) + 1 } ?? 0, bits: intervalBits + 1)
            key.put(interval(cover.end), bits: intervalBits)
            key.put(cover.start.map { CompiledPolicy.order($0, cover.end) + 1 } ?? 0, bits: 2)
        }
        return key
    }
}
