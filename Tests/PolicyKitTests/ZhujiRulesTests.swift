import PolicyKit
import Testing

/// zhuji 2023 (朱政〔2022〕34号): what `2023.cases.json` cannot say.
struct ZhujiRulesTests {
    @Test func financingIs610Plus350Equals960三二() throws {
        let policy = try embeddedStore.policy(region: "zhuji", year: 2023)
        #expect(policy.financingTotal?.amount == yuan(960))
        #expect(policy.fiscalSubsidy.amount == yuan(610))
    }
}
