import PolicyKit
import Testing

/// zhuji 2023 (朱政〔2022〕34号).
struct ZhujiRulesTests {
    @Test("三(二)2 subsidy table", arguments: [
        ("tekun", 0), ("guer", 0), ("wurenfuyang", 0), ("jisheng", 0), ("youfu", 0),
        ("dibao", 50), ("fanpin", 80), ("jiance", 175), ("tuopin", 350),
    ])
    func subsidyTable(category: String, pays: Int) throws {
        let q = try quote("zhuji", year: 2023, [category])
        #expect(q.individualFee == yuan(350))
        #expect(q.payable == yuan(pays))
    }

    @Test func financingIs610Plus350Equals960三二() throws {
        let policy = try embeddedStore.policy(region: "zhuji", year: 2023)
        #expect(policy.financingTotal?.amount == yuan(960))
        #expect(policy.fiscalSubsidy.amount == yuan(610))
    }

    @Test func centralisedCollectionEnds31December三三() throws {
        #expect(try quote("zhuji", year: 2023, paid: "2022-12-31").benefitStart == day("2023-01-01"))
        #expect(try quote("zhuji", year: 2023, paid: "2023-01-15").refusal?.code == "closed")
    }

    @Test("三(三) returning migrant workers until 2023-02-28", arguments: [("2023-02-28", true), ("2023-03-01", false)])
    func migrantWorkers(paid: String, enrollable: Bool) throws {
        let q = try quote("zhuji", year: 2023, ["dibao"], paid: paid, situations: [.migrantWorker])
        #expect(q.enrollable == enrollable)
        if enrollable {
            #expect(q.benefitStart == day("2023-01-01"))
            #expect(q.payable == yuan(50))
        }
    }

    @Test func newbornWithin90DaysFromBirth三二1() throws {
        let q = try quote("zhuji", year: 2023, paid: "2023-06-30", born: "2023-04-01")
        #expect(q.route?.id == "newborn")
        #expect(q.benefitStart == day("2023-04-01"))
        #expect(try quote("zhuji", year: 2023, paid: "2023-07-01", born: "2023-04-01").enrollable == false)
    }

    @Test func subsidiesStopAfter28FebruaryExceptDynamicAdditions三二() throws {
        let newborn = try quote("zhuji", year: 2023, ["dibao"], paid: "2023-05-01", born: "2023-04-01")
        #expect(newborn.payable == yuan(350))
        let added = try quote("zhuji", year: 2023, ["dibao"], paid: "2023-04-12", recognized: "2023-04-10")
        #expect(added.route?.id == "late-other")
        #expect(added.payable == yuan(50))
        #expect(added.benefitStart == day("2023-04-13"))
    }

    @Test("三(三) employee insurance stopped ≤ 3 months: from the day after payment", arguments: [
        ("2023-01-31", "2023-04-30", "2023-05-01", 0),
        ("2023-01-31", "2023-05-01", "2023-11-02", 184),   // > 3 months: 6-month wait
        ("2022-09-30", "2023-03-31", "2023-10-01", 183),
    ])
    func employeeInsurance(stopped: String, paid: String, start: String, waiting: Int) throws {
        let q = try quote("zhuji", year: 2023, paid: paid, leftEmployee: stopped)
        #expect(q.benefitStart == day(start))
        #expect(q.waitingDays == waiting)
    }

    @Test("三(三) other late joiners: from the day after payment", arguments: [Situation.dischargedSoldier, .leftOtherScheme])
    func lateJoiners(situation: Situation) throws {
        let q = try quote("zhuji", year: 2023, paid: "2023-08-31", situations: [situation])
        #expect(q.route?.id == "late-other")
        #expect(q.benefitStart == day("2023-09-01"))
    }
}
