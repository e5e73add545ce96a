import PolicyKit
import Testing
import TestSupport

/// Properties that hold for every resident the engine can price, over random residents
/// in every region, on random dates around each collection year.
struct QuotePropertyTests {
    static func randomResident(_ policy: RegionPolicy, _ rng: inout SeededRandom, categoryCount: Int? = nil) -> Resident {
        let first = policy.routes.map(\.paid.from).min()!.adding(days: -20)
        let span = first.days(until: policy.coverage.to.adding(days: 20))
        let paid = first.adding(days: Int.random(in: 0...span, using: &rng))
        var resident = Resident(paidOn: Bool.random(using: &rng) || true ? paid : nil)
        let count = categoryCount ?? Int.random(in: 0...2, using: &rng)
        resident.categories = Array(policy.categories.map(\.id).shuffled(using: &rng).prefix(count))
        if policy.fees.count > 1, Bool.random(using: &rng) { resident.tier = Int.random(in: 1...policy.fees.count, using: &rng) }
        if Int.random(in: 0..<4, using: &rng) == 0 { resident.born = paid.adding(days: -Int.random(in: 0...400, using: &rng)) }
        else if Bool.random(using: &rng) { resident.born = paid.adding(days: -Int.random(in: 0...36_500, using: &rng)) }
        for situation in Situation.allCases where Int.random(in: 0..<12, using: &rng) == 0 { resident.situations.insert(situation) }
        if resident.situations.contains(.student) { resident.schoolEntry = paid.adding(days: -Int.random(in: 0...60, using: &rng)) }
        if Int.random(in: 0..<10, using: &rng) == 0 { resident.leftEmployeeInsurance = paid.adding(days: -Int.random(in: 0...300, using: &rng)) }
        if Int.random(in: 0..<10, using: &rng) == 0 { resident.recognizedOn = paid.adding(days: -Int.random(in: -30...90, using: &rng)) }
        return resident
    }

    /// `count` random residents of random regions, from a fixed seed, with their policy.
    static func randomResidents(seed: UInt64, count: Int, categoryCount: Int? = nil) -> [(RegionPolicy, Resident)] {
        var rng = SeededRandom(seed: seed)
        return (0..<count).map { _ in
            let policy = embeddedStore.policies.randomElement(using: &rng)!
            return (policy, randomResident(policy, &rng, categoryCount: categoryCount))
        }
    }

    @Test func moneyAndDatePropertiesHoldForRandomResidents() throws {
        var checked = 0
        for (policy, resident) in Self.randomResidents(seed: 2026_11_23, count: fuzzCases(4000)) {
            guard let q = try? QuoteEngine(policy: policy).quote(resident) else { continue }
            checked += 1
            guard q.enrollable else {
                #expect(q.refusal != nil && q.payable == .zero && q.benefitStart == nil)
                continue
            }
            #expect(q.payable >= .zero, "\(policy.id) \(resident)")
            #expect(q.payable == q.individualFee + q.lateSurcharge - q.subsidy, "\(policy.id) \(resident)")
            #expect(q.refundLater <= q.payable, "\(policy.id) \(resident)")
            #expect(q.subsidy <= q.individualFee, "\(policy.id) \(resident)")
            if let start = q.benefitStart, let end = q.benefitEnd {
                #expect(start <= end, "\(policy.id) \(resident)")
                if ![.birth, .coverageStart, .schoolEntry].contains(q.benefitStartRule) {
                    #expect(start >= q.paidOn, "\(policy.id) \(resident)")
                }
            }
        }
        #expect(checked > fuzzCases(4000) / 2)
    }

    /// Several groups never cost more, net of refunds, than the best of them alone, unless
    /// the notice puts one group's members outside the other (beita 二(四)6: 建档立卡 on
    /// 低保 get 低保's 85, not 140).
    @Test func addingACategoryNeverCostsMoreThanTheBestSingleCategory() throws {
        for (policy, resident) in Self.randomResidents(seed: 7, count: fuzzCases(2000), categoryCount: 2) {
            guard resident.categories.count == 2, let both = try? QuoteEngine(policy: policy).quote(resident), both.enrollable else { continue }
            let excluding = resident.categories.contains { id in
                policy.category(id)!.excludedBy.contains { resident.categories.contains($0) }
            }
            if excluding { continue }
            var singles: [Fen] = []
            for id in resident.categories {
                var one = resident
                one.categories = [id]
                let q = try QuoteEngine(policy: policy).quote(one)
                if q.enrollable { singles.append(q.payable - q.refundLater) }
            }
            guard let best = singles.min() else { continue }   // neither alone can join on that date
            #expect(both.payable - both.refundLater <= best, "\(policy.id) \(resident)")
        }
    }
}
