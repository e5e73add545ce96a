import PolicyKit
import Testing

/// nancheng 2021 (南城办发〔2020〕84号): what `2021.cases.json` cannot say.
struct NanchengRulesTests {
    @Test func familyPlanningGroupsAreTheFourNamedIn五二() throws {
        let policy = try embeddedStore.policy(region: "南城", year: 2021)
        #expect(try policy.resolveCategory("计生优抚(奖抚)对象").id == "jisheng")
        #expect(try policy.resolveCategory("计生残抚(特抚)对象").id == "jisheng-tefu")
        #expect(try policy.resolveCategory("独生子女残疾扶助对象").id == "dusheng-canji")
        #expect(try policy.resolveCategory("计划生育手术并发症对象").id == "shoushu-bingfa")
        // 一(二)'s wider name is a target group without a subsidy of its own.
        #expect(try policy.resolveCategory("计生扶助对象").parts.isEmpty)
    }

    @Test func midYearJoinersHaveNoStatedStart三三() throws {
        let q = try quote("nancheng", year: 2021, paid: "2020-12-21")
        #expect(q.benefitStartRule == .unknown)
    }

    @Test func subsidyPeriodEnds30JuneExceptForJiandang五三() throws {
        let lateDibao = try quote("nancheng", year: 2021, ["dibao"], paid: "2021-07-01")
        #expect(lateDibao.setAside.first?.category == "dibao")
    }
}
