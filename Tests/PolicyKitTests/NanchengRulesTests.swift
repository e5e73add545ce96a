import PolicyKit
import Testing

/// nancheng 2021 (南城办发〔2020〕84号).
struct NanchengRulesTests {
    @Test("四(一)1 two tiers: 一档 280, 二档 655", arguments: [(nil as Int?, 280), (1, 280), (2, 655)])
    func tiers(tier: Int?, fee: Int) throws {
        let q = try quote("nancheng", year: 2021, tier: tier)
        #expect(q.individualFee == yuan(fee))
        #expect(q.payable == yuan(fee))
    }

    @Test("五(二) subsidy table, tier 1 and tier 2", arguments: [
        ("dibao", 0, 375), ("minzheng-jiandang", 0, 375), ("youfu", 0, 375), ("zhongcan", 0, 375),
        ("jisheng", 0, 375), ("yinbingzhipin", 0, 375),
        ("jiandang", 80, 455),
        ("tekun", 0, 0), ("laofuyuan", 0, 0),
    ])
    func subsidyTable(category: String, tier1: Int, tier2: Int) throws {
        #expect(try quote("nancheng", year: 2021, [category], tier: 1).payable == yuan(tier1))
        #expect(try quote("nancheng", year: 2021, [category], tier: 2).payable == yuan(tier2))
    }

    @Test func familyPlanningGroupsAreTheFourNamedIn五二() throws {
        let policy = try embeddedStore.policy(region: "南城", year: 2021)
        #expect(try policy.resolveCategory("计生优抚(奖抚)对象").id == "jisheng")
        #expect(try policy.resolveCategory("计生残抚(特抚)对象").id == "jisheng-tefu")
        #expect(try policy.resolveCategory("独生子女残疾扶助对象").id == "dusheng-canji")
        #expect(try policy.resolveCategory("计划生育手术并发症对象").id == "shoushu-bingfa")
        // 一(二)'s wider name is a target group without a subsidy of its own.
        #expect(try policy.resolveCategory("计生扶助对象").parts.isEmpty)
    }

    @Test func centralisedDateIs20December三一() throws {
        let q = try quote("nancheng", year: 2021, paid: "2020-12-20")
        #expect(q.route?.id == "centralised")
        #expect(q.benefitStart == day("2021-01-01"))
    }

    @Test func midYearJoinersHaveNoStatedStart三三() throws {
        let q = try quote("nancheng", year: 2021, paid: "2020-12-21")
        #expect(q.route?.id == "mid-year")
        #expect(q.enrollable)
        #expect(q.benefitStart == nil)
        #expect(q.benefitStartRule == .unknown)
        #expect(q.notes.contains { $0.en.contains("does not say when cover starts") })
    }

    @Test func midYearClosesOn30September三三() throws {
        #expect(try quote("nancheng", year: 2021, paid: "2021-09-30").enrollable)
        let late = try quote("nancheng", year: 2021, paid: "2021-10-01")
        #expect(!late.enrollable)
        #expect(late.refusal?.code == "closed")
        #expect(late.assumptions.contains { $0.note.zh.contains("三(三)与四(一)2冲突") })
    }

    @Test("四(一)2 from 2021-07-01 the resident also pays the fiscal part", arguments: [
        ("2021-06-30", 1, 280), ("2021-07-01", 1, 860), ("2021-07-01", 2, 1235),
    ])
    func julySurcharge(paid: String, tier: Int, pays: Int) throws {
        let q = try quote("nancheng", year: 2021, paid: paid, tier: tier)
        #expect(q.payable == yuan(pays))
    }

    @Test func subsidyPeriodEnds30JuneExceptForJiandang五三() throws {
        #expect(try quote("nancheng", year: 2021, ["dibao"], paid: "2021-06-30").payable == .zero)
        let lateDibao = try quote("nancheng", year: 2021, ["dibao"], paid: "2021-07-01")
        #expect(lateDibao.subsidy == .zero)
        #expect(lateDibao.payable == yuan(860))
        #expect(lateDibao.setAside.first?.category == "dibao")
        // 建档立卡: all year.
        #expect(try quote("nancheng", year: 2021, ["jiandang"], paid: "2021-08-01").payable == yuan(280 + 580 - 200))
    }

    @Test func highestSubsidyOnly五四() throws {
        let q = try quote("nancheng", year: 2021, ["jiandang", "dibao"])
        #expect(q.subsidyCategory == "dibao")
        #expect(q.subsidy == yuan(280))
        #expect(q.sources.contains("南城办发〔2020〕84号 五(四)"))
    }

    @Test func newbornWithin90DaysIsCoveredFromBirthByAssumption三二() throws {
        let q = try quote("nancheng", year: 2021, paid: "2021-05-30", born: "2021-03-01")
        #expect(q.route?.id == "newborn")
        #expect(q.benefitStart == day("2021-03-01"))
        #expect(q.assumptions.contains { $0.note.en.contains("national rules") })
        #expect(try quote("nancheng", year: 2021, paid: "2021-05-31", born: "2021-03-01").route?.id == "mid-year")
    }

    @Test("四(二) college students pay 250 / 625 for the 2020-09 … 2021-08 school year", arguments: [(1, 250), (2, 625)])
    func students(tier: Int, fee: Int) throws {
        let q = try quote("nancheng", year: 2021, paid: "2020-10-01", tier: tier, situations: [.student])
        #expect(q.individualFee == yuan(fee))
        #expect(q.benefitEnd == day("2021-08-31"))
    }
}
