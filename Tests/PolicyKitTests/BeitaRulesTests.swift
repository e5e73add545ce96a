import PolicyKit
import Testing

/// beita 2021 (北塔区政府办通知 2020-11-09), every rule in POLICY_RULES.md.
struct BeitaRulesTests {
    @Test("二(四) subsidy table: what each group pays and who funds it", arguments: [
        ("tekun", 0, ["medical-assistance": 280]),         // 二(四)1
        ("guer", 0, ["medical-assistance": 280]),          // 二(四)1
        ("zhongcan", 0, ["district-finance": 280]),        // 二(四)2
        ("jisheng", 0, ["medical-assistance": 280]),       // 二(四)3
        ("doudi", 0, ["medical-assistance": 140, "district-finance": 140]), // 二(四)4
        ("dibao", 195, ["medical-assistance": 85]),        // 二(四)5
        ("wurenfuyang", 195, ["medical-assistance": 85]),  // 二(四)5
        ("jiandang", 140, ["medical-assistance": 140]),    // 二(四)6
        ("bianyuanhu", 210, ["medical-assistance": 70]),   // 二(四)7
        ("youfu", 0, ["veterans-affairs": 280]),           // 二(四)8
    ])
    func subsidyTable(category: String, pays: Int, funding: [String: Int]) throws {
        let q = try quote("beita", year: 2021, [category])
        #expect(q.individualFee == yuan(280))  // 二(三)
        #expect(q.payable == yuan(pays))
        #expect(q.subsidy == yuan(280 - pays))
        var byFunder: [String: Int] = [:]
        for line in q.subsidies { byFunder[line.funder.id, default: 0] += line.amount.rawValue / 100 }
        #expect(byFunder == funding)
        #expect(q.benefitStart == day("2021-01-01"))
        #expect(q.benefitEnd == day("2021-12-31"))
    }

    @Test func ordinaryResidentPaysTheFee二三() throws {
        let q = try quote("beita", year: 2021)
        #expect(q.payable == yuan(280))
        #expect(q.paidOnAssumed)
        #expect(q.assumptions.contains { $0.note.en.contains("centralised window") })
    }

    @Test func fiscalSubsidyIsAnAssumption二五() throws {
        let q = try quote("beita", year: 2021)
        #expect(q.fiscalSubsidy == yuan(580))
        #expect(q.assumptions.contains { $0.basis == "医保发〔2021〕32号" })
    }

    @Test("二(二) centralised window 2020-09-01 … 2020-12-31 → covered from 2021-01-01", arguments: ["2020-09-01", "2020-12-31"])
    func centralisedWindow(paid: String) throws {
        let q = try quote("beita", year: 2021, paid: paid)
        #expect(q.route?.id == "centralised")
        #expect(q.benefitStart == day("2021-01-01"))
    }

    @Test func beforeCollectionOpensIsRefused二二() throws {
        let q = try quote("beita", year: 2021, paid: "2020-08-31")
        #expect(!q.enrollable)
        #expect(q.refusal?.code == "before_collection")
    }

    @Test func extensionForAHouseholdCoversFromJanuary二二() throws {
        let q = try quote("beita", year: 2021, paid: "2021-02-28", situations: [.household])
        #expect(q.route?.id == "extension-household")
        #expect(q.benefitStart == day("2021-01-01"))
        #expect(q.payable == yuan(280))
        #expect(q.notes.contains { $0.en.contains("filed it") })
    }

    @Test func extensionForAnIndividualCoversFromNextMonth二二() throws {
        let q = try quote("beita", year: 2021, paid: "2021-02-10")
        #expect(q.route?.id == "extension")
        #expect(q.benefitStart == day("2021-03-01"))
    }

    @Test func afterTheExtensionNobodyJoinsMidYear二二() throws {
        let q = try quote("beita", year: 2021, ["dibao"], paid: "2021-03-01")
        #expect(!q.enrollable)
        #expect(q.refusal?.code == "closed")
        #expect(q.payable == .zero && q.benefitStart == nil)
        #expect(q.sources.contains("北塔区政府办通知(2020-11-09) 二(二)"))
    }

    @Test func newbornOnDay90IsCoveredFromBirth二二() throws {
        let q = try quote("beita", year: 2021, paid: "2021-05-30", born: "2021-03-01")
        #expect(q.route?.id == "newborn")
        #expect(q.payable == yuan(280))
        #expect(q.benefitStart == day("2021-03-01"))
    }

    @Test func newbornOnDay91PaysTheFullStandardFromNextMonth二二() throws {
        let q = try quote("beita", year: 2021, paid: "2021-05-31", born: "2021-03-01")
        #expect(q.route?.id == "special-case")
        #expect(q.lateSurcharge == yuan(580))
        #expect(q.payable == yuan(860))
        #expect(q.benefitStart == day("2021-06-01"))
    }

    @Test func newEmploymentJoinsAnyTimeFromNextMonth二二() throws {
        let q = try quote("beita", year: 2021, paid: "2021-07-15", situations: [.newEmployment])
        #expect(q.route?.id == "new-employment")
        #expect(q.payable == yuan(280))
        #expect(q.benefitStart == day("2021-08-01"))
    }

    @Test("二(二) special cases pay 280 + fiscal, from next month, without subsidy", arguments: [
        Resident(categories: ["jiandang"], paidOn: day("2021-04-20"), situations: [.specialCase]),
        Resident(paidOn: day("2021-04-20"), situations: [.dischargedSoldier]),
        Resident(paidOn: day("2021-04-20"), situations: [.leftOtherScheme]),
        Resident(paidOn: day("2021-04-20"), leftEmployeeInsurance: day("2021-03-01")),
    ])
    func specialCases(resident: Resident) throws {
        let q = try QuoteEngine(policy: embeddedStore.policy(region: "beita", year: 2021)).quote(resident)
        #expect(q.route?.id == "special-case")
        #expect(q.payable == yuan(860))
        #expect(q.subsidy == .zero)
        #expect(q.benefitStart == day("2021-05-01"))
    }

    @Test func studentPayingWithinAMonthIsCoveredForTheSchoolYear二六() throws {
        let q = try quote("beita", year: 2021, paid: "2020-10-01", situations: [.student], schoolEntry: "2020-09-01")
        #expect(q.route?.id == "student")
        #expect(q.benefitStart == day("2020-09-01"))
        #expect(q.benefitEnd == day("2021-08-30"))             // as printed, not 08-31
        #expect(q.notes.contains { $0.zh.contains("次年8月30日") })
    }

    @Test func graduateWithoutEmployeeInsuranceIsCoveredToDecember二六() throws {
        let q = try quote("beita", year: 2021, paid: "2020-10-01", situations: [.student, .graduate], schoolEntry: "2020-09-01")
        #expect(q.benefitEnd == day("2021-12-31"))
        #expect(q.clauses.contains("二(六)"))
    }

    @Test func studentPayingLaterIsCoveredFromTheNextYear二六() throws {
        let q = try quote("beita", year: 2021, paid: "2020-10-02", situations: [.student], schoolEntry: "2020-09-01")
        #expect(q.route?.id == "centralised")
        #expect(q.benefitStart == day("2021-01-01"))
    }

    @Test func refundsStopWhenCoverStarts二七() throws {
        let policy = try embeddedStore.policy(region: "beita", year: 2021)
        #expect(policy.refunds?.provenance.clause == "二(七)")
        #expect(policy.refunds?.note.zh.contains("2021-01-01起退保的，个人缴费不再退回") == true)
        #expect(policy.refunds?.note.zh.contains("因重复缴费、参加职工医保或其他统筹地区居民医保") == true)
    }
}
