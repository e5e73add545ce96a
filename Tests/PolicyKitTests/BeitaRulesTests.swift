import PolicyKit
import Testing

/// beita 2021 (北塔区政府办通知 2020-11-09): what `2021.cases.json` cannot say.
struct BeitaRulesTests {
    /// 二(四)4: the case file gives 兜底's funders in order, not each one's share.
    @Test func doudiIsSplitBetweenMedicalAssistanceAndDistrictFinance二四() throws {
        let q = try quote("beita", year: 2021, ["doudi"])
        var byFunder: [String: Int] = [:]
        for line in q.subsidies { byFunder[line.funder.id, default: 0] += line.amount.rawValue / 100 }
        #expect(byFunder == ["medical-assistance": 140, "district-finance": 140])
    }

    @Test func ordinaryResidentPaysTheFee二三() throws {
        let q = try quote("beita", year: 2021)
        #expect(q.paidOnAssumed)
    }

    @Test func fiscalSubsidyIsAnAssumption二五() throws {
        let q = try quote("beita", year: 2021)
        #expect(q.fiscalSubsidy == yuan(580))
        #expect(q.assumptions.contains { $0.basis == "医保发〔2021〕32号" })
    }

    @Test func refundsStopWhenCoverStarts二七() throws {
        let policy = try embeddedStore.policy(region: "beita", year: 2021)
        #expect(policy.refunds?.provenance.clause == "二(七)")
        #expect(policy.refunds?.note.zh.contains("2021-01-01起退保的，个人缴费不再退回") == true)
        #expect(policy.refunds?.note.zh.contains("因重复缴费、参加职工医保或其他统筹地区居民医保") == true)
    }
}
