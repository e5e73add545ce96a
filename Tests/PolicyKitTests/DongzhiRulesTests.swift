import PolicyKit
import Testing

/// dongzhi 2021 (东政办〔2020〕45号): what `2021.cases.json` cannot say.
struct DongzhiRulesTests {
    @Test func financingIs280Plus550Equals830二() throws {
        let policy = try embeddedStore.policy(region: "dongzhi", year: 2021)
        #expect(policy.fees[0].amount == yuan(280))
        #expect(policy.fiscalSubsidy.amount == yuan(550))
        #expect(policy.financingTotal?.amount == yuan(830))
    }

    @Test func noOtherWayToJoinAfterTheWindow一() throws {
        let q = try quote("dongzhi", year: 2021, ["tekun"], paid: "2021-03-01")
        #expect(q.refusal?.text.en.contains("no other way to join") == true)
    }

    @Test func unbornChildIsCoveredFromBirthWithNoDateYet三三() throws {
        let q = try quote("dongzhi", year: 2021, situations: [.unborn])
        #expect(q.benefitStartRule == .birth)
    }
}
