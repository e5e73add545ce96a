import Foundation
import PolicyKit
@testable import PremiumCLI
@testable import PremiumBatch
@testable import ResidentIO
import Testing

/// `premium explain`: the steps of the calculation, each with the clause it comes from.
struct ExplainCommandTests {
    /// The steps of `explain --json` as (step, amount, clauses).
    static func steps(_ arguments: [String]) throws -> (status: ExitCode, steps: [[String: Any]], object: [String: Any]) {
        let result = runCLI(["explain"] + arguments + ["--json"], environment: chineseLocale)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        return (result.status, try #require(object["steps"] as? [[String: Any]]), object)
    }

    @Test func beitaDibaoShows280Minus85Is195WithClauses二三And二四5() throws {
        let result = runCLI(["explain", "--region", "beita", "--year", "2021", "--category", "dibao"], environment: chineseLocale)
        #expect(result.status == .success)
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.contains(" 3. 个人缴费  个人缴费标准 280元  [二(三)]"))
        #expect(lines.contains(" 4. 资助      城乡低保对象：定额资助85.00元，本次减85元，由医疗救助资金承担  [二(四)5]"))
        #expect(lines.contains(" 5. 本次应缴  280 − 85 = 195元  [二(三)、二(四)5]"))
        #expect(lines.contains(" 6. 待遇开始  自待遇期开始（2021-01-01）起：2021-01-01  [二(二)]"))
        #expect(result.output.contains("通知未给出财政补助金额"), "the fiscal-subsidy assumption is listed")

        let (_, steps, object) = try Self.steps(["--region", "beita", "--year", "2021", "--category", "dibao"])
        #expect(steps.map { $0["step"] as? String } == ["paid_on", "route", "fee", "subsidy", "payable", "benefit_start", "benefit_end"])
        let payable = try #require(steps.first { $0["step"] as? String == "payable" })
        #expect(payable["amount"] as? Int == 195)
        #expect(payable["clauses"] as? [String] == ["二(三)", "二(四)5"])
        #expect(payable["sources"] as? [String] == ["北塔区政府办通知(2020-11-09) 二(三)", "北塔区政府办通知(2020-11-09) 二(四)5"])
        #expect((object["quote"] as? [String: Any])?["payable"] as? Int == 195)
    }

    @Test func subsidiesNotChosenAreListedWithWhy() throws {
        // beita 二(四)6 建档立卡 140 beats 二(四)7 边缘户 70: only the most favourable applies.
        let (_, steps, _) = try Self.steps(["--region", "beita", "--year", "2021", "--category", "bianyuanhu", "--category", "jiandang"])
        let subsidies = steps.filter { $0["step"] as? String == "subsidy" }
        #expect(subsidies.map { $0["amount"] as? Int } == [140])
        #expect(subsidies.map { $0["clauses"] as? [String] } == [["二(四)6"]])
        let aside = try #require(steps.first { $0["step"] as? String == "not_applied" })
        #expect(aside["amount"] as? Int == 70)
        #expect(aside["clauses"] as? [String] == ["二(四)"])
        #expect((aside["value"] as? String)?.hasPrefix("边缘户（可资助70元）：同时属于多个资助类别的，只享受最优惠的一项") == true)
    }

    @Test func aGroupOutsideAnotherIsSetAsideWithItsOwnClause() throws {
        // beita 二(四)5 subsidises 低保 "社会救助兜底保障对象以外": a 兜底 member is 兜底's (二(四)4).
        let (_, steps, _) = try Self.steps(["--region", "beita", "--year", "2021", "--category", "dibao", "--category", "doudi"])
        let subsidies = steps.filter { $0["step"] as? String == "subsidy" }
        #expect(subsidies.map { $0["amount"] as? Int } == [140, 140])
        let aside = try #require(steps.first { $0["step"] as? String == "not_applied" })
        #expect(aside["clauses"] as? [String] == ["二(四)5"])
        #expect((aside["value"] as? String)?.contains("同时属于社会救助兜底保障对象的，按社会救助兜底保障对象资助") == true, "\(aside)")
    }

    @Test func nanchengLatePayerSurchargeAndCutOff() throws {
        // 四(一)2: paid after 2021-06-30 the resident also pays the fiscal part (580, assumed);
        // 五(三): 低保's subsidy is for payments up to 2021-06-30 only.
        let (status, steps, _) = try Self.steps(["--region", "nancheng", "--year", "2021", "--category", "dibao", "--paid-on", "2021-07-15", "--lang", "en"])
        #expect(status == .success)
        let surcharge = try #require(steps.first { $0["step"] as? String == "surcharge" })
        #expect(surcharge["amount"] as? Int == 580)
        #expect(surcharge["clauses"] as? [String] == ["四(一)2"])
        let aside = try #require(steps.first { $0["step"] as? String == "not_applied" })
        #expect(aside["clauses"] as? [String] == ["五(三)"])
        let payable = try #require(steps.first { $0["step"] as? String == "payable" })
        #expect(payable["value"] as? String == "280 + 580 = 860 yuan")
        let start = try #require(steps.first { $0["step"] as? String == "benefit_start" })
        #expect(start["date"] is NSNull, "三(三) does not say when mid-year joiners are covered")
    }

    @Test func refusedResidentGetsTheReasonAndExit1() throws {
        // nanan 二(二): paid 2024-12-15, the 60-day wait runs past the coverage year.
        let (status, steps, _) = try Self.steps(["--region", "nanan", "--year", "2024", "--paid-on", "2024-12-15"])
        #expect(status == .notEnrollable)
        #expect(steps.map { $0["step"] as? String } == ["paid_on", "route", "refused"])
        #expect((steps.last?["value"] as? String)?.contains("2025-02-14") == true)
    }

    @Test func badInputIsAUsageError() {
        let result = runCLI(["explain", "--region", "beita", "--year", "2021", "--category", "dibo"])
        #expect(result.status == .usage)
        #expect(result.output.isEmpty)
        #expect(result.errors.hasPrefix("premium: error: region 'beita' has no category 'dibo'; did you mean 'dibao' (城乡低保对象)?\n"))
    }
}
