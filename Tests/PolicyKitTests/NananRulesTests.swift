import PolicyKit
import Testing

/// nanan 2024 (南政办明传〔2023〕41号).
struct NananRulesTests {
    @Test("五 reductions of the 390: what each group pays now and gets back later", arguments: [
        ("tekun", 0, 0), ("guer", 0, 0), ("wurenfuyang", 0, 0), ("wulao", 0, 0), ("jingjian", 0, 0), // 五(一)
        ("dibao", 39, 0),                                                                            // 五(一) 90%
        ("tuopin", 39, 0), ("jiance", 39, 0),                                                         // 五(二) 90%
        ("jisheng", 0, 0), ("dushengzi", 390, 390), ("chenfei", 390, 390),                            // 五(三)
        ("zhongcan", 0, 0), ("yihuduocan", 0, 0),                                                     // 五(四)
        ("youfu", 0, 0),                                                                              // 五(五)
        ("kunnan-xuesheng", 0, 0),                                                                    // 五(六)
    ])
    func reductions(category: String, paysNow: Int, refunded: Int) throws {
        let q = try quote("nanan", year: 2024, [category])
        #expect(q.individualFee == yuan(390))
        #expect(q.payable == yuan(paysNow))
        #expect(q.refundLater == yuan(refunded))
    }

    @Test func payThenReimburseIsFundedByHealthCommission五三() throws {
        let line = try #require(try quote("nanan", year: 2024, ["dushengzi"]).subsidies.first)
        #expect(line.timing == .later)
        #expect(line.funder.id == "health-commission")
    }

    @Test("五(一) 低保边缘 gets 70% only when disabled, 60+ or under 18 on the payment date", arguments: [
        (nil, [.disabled], 117),
        ("1963-09-01", [], 117),   // 60 on 2023-09-01
        ("1963-09-02", [], 390),   // 59 on 2023-09-01
        ("2005-09-02", [], 117),   // 17
        ("2005-09-01", [], 390),   // 18
        (nil, [], 390),            // age unknown, not disabled
    ] as [(String?, Set<Situation>, Int)])
    func marginFamily(born: String?, situations: Set<Situation>, pays: Int) throws {
        let q = try quote("nanan", year: 2024, ["dibao-bianyuan"], paid: "2023-09-01", born: born, situations: situations)
        #expect(q.payable == yuan(pays))
    }

    @Test func centralisedWindowCoversFromJanuary二一() throws {
        let q = try quote("nanan", year: 2024, paid: "2023-12-31")
        #expect(q.benefitStart == day("2024-01-01"))
        #expect(q.benefitEnd == day("2024-12-31"))   // 四(五)
    }

    @Test func makeUpUntil29FebruaryHasNoWaitingPeriod二二() throws {
        let q = try quote("nanan", year: 2024, paid: "2024-02-29")
        #expect(q.route?.id == "makeup-early")
        #expect(q.benefitStart == day("2024-02-29"))
        #expect(q.waitingDays == 0)
    }

    @Test func makeUpFrom1MarchWaits60Days二二() throws {
        let q = try quote("nanan", year: 2024, paid: "2024-03-01")
        #expect(q.route?.id == "makeup")
        #expect(q.waitingDays == 60)
        #expect(q.benefitStart == day("2024-05-01"))   // 03-02 … 04-30 is the wait
    }

    @Test func waitingPeriodPastYearEndLeavesNoCover二二() throws {
        #expect(try quote("nanan", year: 2024, paid: "2024-10-31").benefitStart == day("2024-12-31"))
        let q = try quote("nanan", year: 2024, paid: "2024-11-01")
        #expect(!q.enrollable)
        #expect(q.refusal?.code == "no_cover_left")
    }

    @Test("二(二) groups without a waiting period (assumption)", arguments: [
        Resident(categories: ["dibao"], paidOn: day("2024-03-15")),
        Resident(paidOn: day("2024-03-15"), situations: [.newStudent]),
        Resident(paidOn: day("2024-03-15"), leftEmployeeInsurance: day("2024-03-01")),
    ])
    func noWait(resident: Resident) throws {
        let q = try QuoteEngine(policy: embeddedStore.policy(region: "nanan", year: 2024)).quote(resident)
        #expect(q.route?.id == "makeup-exempt")
        #expect(q.benefitStart == day("2024-03-15"))
    }

    @Test("三 from 2024-07-01 a make-up payer pays 390 + 640", arguments: [("2024-06-30", 390), ("2024-07-01", 1030)])
    func julySurcharge(paid: String, pays: Int) throws {
        #expect(try quote("nanan", year: 2024, paid: paid).payable == yuan(pays))
    }

    @Test func hardshipAndNewStudentsAreExemptFromTheSurcharge三() throws {
        #expect(try quote("nanan", year: 2024, ["dibao"], paid: "2024-07-01").payable == yuan(39))
        #expect(try quote("nanan", year: 2024, paid: "2024-07-01", situations: [.newStudent]).payable == yuan(390))
    }

    @Test func newbornWithin90DaysInclusiveIsCoveredFromBirth四四() throws {
        let q = try quote("nanan", year: 2024, paid: "2024-05-30", born: "2024-03-01")
        #expect(q.route?.id == "newborn")
        #expect(q.benefitStart == day("2024-03-01"))
    }

    @Test func newbornAfter90DaysPaysTheOrdinaryFeeFromPaymentDay四四() throws {
        let q = try quote("nanan", year: 2024, paid: "2024-05-31", born: "2024-03-01")
        #expect(q.route?.id == "newborn-late")
        #expect(q.benefitStart == day("2024-05-31"))
        let july = try quote("nanan", year: 2024, paid: "2024-08-01", born: "2024-03-01")
        #expect(july.payable == yuan(390))   // no surcharge for newborns (三)
    }

    @Test func newbornBornLastYearIsCoveredFromJanuaryNotBirth四四() throws {
        let q = try quote("nanan", year: 2024, paid: "2024-01-10", born: "2023-12-20")
        #expect(q.benefitStart == day("2024-01-01"))
    }

    @Test("五(七) reduction from the month after recognition; paid before: none", arguments: [
        ("2024-03-10", 390), ("2024-03-20", 390), ("2024-04-01", 39),
    ])
    func recognition(paid: String, pays: Int) throws {
        let q = try quote("nanan", year: 2024, ["dibao"], paid: paid, recognized: "2024-03-15")
        #expect(q.payable == yuan(pays))
    }
}
