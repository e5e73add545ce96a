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
///
/// The cover a route's rule gives depends, for most routes, on the payment date alone:
/// for each day the policy's dates span it is worked out once, here, with its part of
/// the key, so that pricing a record calls no rule at all.
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
    /// Routes whose cover dates follow from the payment date (so their interval is part
    /// of the key); routes starting on a fixed date, the birth date or school entry and
    /// ending on a fixed date need nothing more than the dates' own intervals. Split into
    /// those whose rule reads the payment date only, and those that also read one of the
    /// resident's dates.
    private let paymentRoutes: [Route]
    private let liveRoutes: [Route]
    let categoryIDs: [String]
    /// Whether every class fits its field of the key; if not, the engine prices everyone.
    private let keyable: Bool

    /// The payment routes' part of the key, by payment day from `firstDay`, numbered.
    private var paymentParts: [UInt32] = []
    /// Numbers of the payment routes' parts (for days outside the table too).
    private var partNumbers: [[UInt32]: UInt32] = [:]
    /// Each route's cover by payment day from `firstDay`, for routes whose rule reads the
    /// payment date only (nil for the others).
    private let covers: [[CoverDates]?]

    init(_ policy: RegionPolicy, number: Int) {
        self.policy = policy
        self.number = number
        thresholds = policy.dateThresholds
        let days = thresholds.dates.map(\.daysSince1970)
        let firstDay = (days.first ?? 0) - 1
        self.firstDay = firstDay
        var table: [UInt16] = []
        var next = 0
        for day in firstDay...((days.last ?? 0) + 1) {
            while next < days.count, days[next] < day { next += 1 }
            table.append(UInt16(next < days.count && days[next] == day ? 2 * next + 1 : 2 * next))
        }
        intervals = table
        lastInterval = 2 * days.count
        let derived = policy.routes.filter(policy.coverFollowsPayment(on:))
        paymentRoutes = derived.filter(CompiledPolicy.readsPaymentOnly)
        liveRoutes = derived.filter { !CompiledPolicy.readsPaymentOnly($0) }
        categoryIDs = policy.categories.map(\.id)
        keyable = number < 256 && lastInterval < 256 && Situation.allCases.count <= 16
            && 1 + thresholds.days.count + thresholds.months.count <= 8 && thresholds.ages.count < 16
            && liveRoutes.count <= 3
        // Days past a few years of dates (no shipped notice) are worked out when met.
        let tabled = table.count <= 1 << 14 ? table.count : 0
        covers = policy.routes.map { route in
            guard CompiledPolicy.readsPaymentOnly(route) else { return nil }
            return (0..<tabled).map {
                policy.coverByRule(on: route, paidOn: CivilDate(daysSince1970: firstDay + $0), for: Resident())
            }
        }
        paymentParts = (0..<tabled).map { offset in partNumber(paymentPart(paidOn: CivilDate(daysSince1970: firstDay + offset))) }
    }

    /// Whether `coverByRule` on `route` reads no date of the resident's, only the payment
    /// date: a start that is not the birth date or school entry, and an end that is not
    /// counted from school entry. (The rule itself lives in `RegionPolicy.coverByRule`.)
    private static func readsPaymentOnly(_ route: Route) -> Bool {
        switch route.benefitStart {
        case .birth, .schoolEntry: return false
        case .coverageStart, .paymentDay, .dayAfterPayment, .nextMonth, .waitingDays, .waitingMonths, .unknown: break
        }
        switch route.benefitEnd {
        case .schoolYearEnd: return false
        case .coverageEnd, .date: return true
        }
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

    /// The cover the route numbered `route` in the policy gives a resident paying on `paidOn`.
    @inline(__always)
    func cover(route: Int, paidOn: CivilDate, paidDay: Int, _ facts: ResidentFacts) -> CoverDates {
        let offset = paidDay - firstDay
        if let table = covers[route], offset >= 0, offset < table.count { return table[offset] }
        return policy.coverByRule(on: policy.routes[route], paidOn: paidOn,
                                  for: Resident(born: facts.born, schoolEntry: facts.schoolEntry))
    }

    /// A route's cover as key bits: its start's interval (plus one; 0 for none), its
    /// end's interval, and how the start compares with the end.
    @inline(__always)
    private func part(_ cover: CoverDates) -> UInt32 {
        let start = cover.start.map { UInt32(interval($0) + 1) } ?? 0
        let order = cover.start.map { UInt32(CompiledPolicy.order($0, cover.end) + 1) } ?? 0
        return start | UInt32(interval(cover.end)) << 9 | order << 17
    }

    private func paymentPart(paidOn: CivilDate) -> [UInt32] {
        paymentRoutes.map { part(policy.coverByRule(on: $0, paidOn: paidOn, for: Resident())) }
    }

    private func partNumber(_ parts: [UInt32]) -> UInt32 {
        if let known = partNumbers[parts] { return known }
        let made = UInt32(partNumbers.count)
        partNumbers[parts] = made
        return made
    }

    /// One of the resident's own dates: given (bit 0), its interval (bits 1–8), and how
    /// the payment date compares with it and with it plus each offset the conditions use,
    /// two bits each from bit 9.
    @inline(__always)
    private func own(_ date: CivilDate?, paidOn: CivilDate, paidDay: Int) -> UInt64 {
        guard let date else { return 0 }
        let day = date.daysSince1970
        var bits = 1 | UInt64(interval(day: day)) << 1 | CompiledPolicy.order(paidDay, day) << 9
        var shift: UInt64 = 11
        for days in thresholds.days {
            bits |= CompiledPolicy.order(paidDay, day + days) << shift
            shift += 2
        }
        for months in thresholds.months {
            bits |= UInt64(CompiledPolicy.order(paidOn, date.adding(months: months))) << shift
            shift += 2
        }
        return bits
    }

    @inline(__always)
    private static func order(_ lhs: Int, _ rhs: Int) -> UInt64 {
        lhs < rhs ? 0 : (lhs == rhs ? 1 : 2)
    }

    /// -1, 0 or 1 as 0, 1, 2.
    @inline(__always)
    private static func order(_ lhs: CivilDate, _ rhs: CivilDate) -> Int {
        lhs < rhs ? 0 : (lhs == rhs ? 1 : 2)
    }

    /// The key of a resident paying on `paidOn` (the given date, or the one the policy
    /// assumes), under `selection` (a number for the text saying how the year was chosen).
    ///
    /// Word 0: policy (bits 0–7), selection (8–15), payment date given (16), tier plus
    /// one (17–20), number of groups (21–23), the payment date's interval (24–31), age
    /// class (32–35), recognition against payment (36–37), situations (40–55). Word 1: the
    /// groups, a byte each. Words 2 and 3: birth, school entry, employee insurance stopped,
    /// recognition (`own`), 32 bits each. Word 4: the payment routes' part (bits 0–31),
    /// then each other derived route's part, 32 bits each.
    ///
    /// - Parameters:
    ///   - paidDay: `paidOn.daysSince1970`; `born`: `facts.born` (the caller has both).
    func key(_ facts: ResidentFacts, paidOn: CivilDate, paidDay: Int, born: CivilDate?, selection: Int) -> PricingKey {
        let tier = facts.tier.map { $0 + 1 } ?? 0
        guard keyable, selection < 256, facts.categoryCount <= ResidentFacts.categoryCapacity, tier >= 0, tier < 16
        else { return .overflowing }
        var key = PricingKey()
        var word = UInt64(number) | UInt64(selection) << 8 | (facts.paidOnGiven ? 1 : 0) << 16
        word |= UInt64(tier) << 17 | UInt64(facts.categoryCount) << 21 | UInt64(interval(day: paidDay)) << 24
        word |= UInt64(facts.situations & 0xFFFF) << 40
        let schoolEntry = facts.schoolEntry
        if let born, !thresholds.ages.isEmpty {
            let age = born.age(on: paidOn)
            var older: UInt64 = 0
            for threshold in thresholds.ages where age >= threshold { older += 1 }
            word |= older << 32
        }
        if let recognized = facts.recognizedOn {
            word |= UInt64(CompiledPolicy.order(paidOn, policy.effectiveRecognition(recognized))) << 36
        }
        key.words.0 = word
        key.words.1 = facts.categories
        key.words.2 = own(born, paidOn: paidOn, paidDay: paidDay) | own(schoolEntry, paidOn: paidOn, paidDay: paidDay) << 32
        key.words.3 = own(facts.leftEmployeeInsurance, paidOn: paidOn, paidDay: paidDay)
            | own(facts.recognizedOn, paidOn: paidOn, paidDay: paidDay) << 32
        let offset = paidDay - firstDay
        var routes = UInt64(offset >= 0 && offset < paymentParts.count ? paymentParts[offset]
                            : partNumber(paymentPart(paidOn: paidOn)))
        if !liveRoutes.isEmpty {
            let resident = Resident(born: born, schoolEntry: schoolEntry)
            for (index, route) in liveRoutes.enumerated() {
                let bits = UInt64(part(policy.coverByRule(on: route, paidOn: paidOn, for: resident)))
                if index == 0 { routes |= bits << 32 } else { key.words.5 |= bits << (32 * UInt64(index - 1)) }
            }
        }
        key.words.4 = routes
        return key
    }
}
