import PolicyKit
import Testing

/// dongzhi 2021 (东政办〔2020〕45号).
struct DongzhiRulesTests {
    @Test("四(三) subsidy table", arguments: [
        ("tekun", 0), ("dibao", 30), ("jiandang", 30), ("youfu", 30), ("jisheng", 30), ("tuibu-yumin", 112),
    ])
    func subsidyTable(category: String, pays: Int) throws {
        let q = try quote("dongzhi", year: 2021, [category])
        #expect(q.individualFee == yuan(280))
        #expect(q.payable == yuan(pays))
    }

    @Test func financingIs280Plus550Equals830二() throws {
        let policy = try embeddedStore.policy(region: "dongzhi", year: 2021)
        #expect(policy.fees[0].amount == yuan(280))
        #expect(policy.fiscalSubsidy.amount == yuan(550))
        #expect(policy.financingTotal?.amount == yuan(830))
    }

    @Test("一 window 2020-10-01 … 2020-12-31", arguments: [("2020-09-30", false), ("2020-10-01", true), ("2020-12-31", true), ("2021-01-01", false)])
    func window(paid: String, enrollable: Bool) throws {
        let q = try quote("dongzhi", year: 2021, paid: paid)
        #expect(q.enrollable == enrollable)
        if enrollable { #expect(q.benefitStart == day("2021-01-01")) }
    }

    @Test func noOtherWayToJoinAfterTheWindow一() throws {
        let q = try quote("dongzhi", year: 2021, ["tekun"], paid: "2021-03-01")
        #expect(q.refusal?.code == "closed")
        #expect(q.refusal?.text.en.contains("no other way to join") == true)
    }

    @Test func unbornChildIsCoveredFromBirthWithNoDateYet三三() throws {
        let q = try quote("dongzhi", year: 2021, situations: [.unborn])
        #expect(q.route?.id == "unborn")
        #expect(q.payable == yuan(280))
        #expect(q.benefitStart == nil)
        #expect(q.benefitStartRule == .birth)
    }

    @Test("三(四) newborn within 3 months of birth, month ends", arguments: [
        ("2021-05-31", "2021-08-31", true), ("2021-05-31", "2021-09-01", false),
        ("2020-11-30", "2021-02-28", true), ("2020-11-30", "2021-03-01", false),
    ])
    func newborn(born: String, paid: String, enrollable: Bool) throws {
        let q = try quote("dongzhi", year: 2021, paid: paid, born: born)
        #expect(q.enrollable == enrollable)
        if enrollable {
            #expect(q.route?.id == "newborn")
            #expect(q.benefitStart == max(day(born), day("2021-01-01")))
        }
    }
}
