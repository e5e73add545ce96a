import Foundation
import PolicyKit
@testable import PremiumCLI
@testable import PremiumBatch
@testable import ResidentIO
import Testing

/// `premium regions`, `categories` and `calendar`: the policy data in words and numbers.
struct DiscoveryCommandTests {
    static func json(_ arguments: [String]) throws -> [String: Any] {
        let result = runCLI(arguments + ["--json"], environment: chineseLocale)
        #expect(result.status == .success, "\(result.errors)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    }

    @Test func regionsListEveryRegionWithItsNotice() throws {
        let regions = try #require(try Self.json(["regions"])["regions"] as? [[String: Any]])
        #expect(regions.map { $0["id"] as? String } == ["beita", "dongzhi", "nanan", "nancheng", "zhuji"])
        let beita = regions[0]
        #expect(beita["name"] as? String == "北塔区")
        #expect(beita["province"] as? String == "湖南省")
        #expect(beita["city"] as? String == "邵阳市")
        let year = try #require((beita["years"] as? [[String: Any]])?.first)
        #expect(year["year"] as? Int == 2021)
        #expect(year["document"] as? String == "北塔区政府办通知(2020-11-09)")
        #expect(year["coverage_from"] as? String == "2021-01-01")

        let text = runCLI(["regions"], environment: chineseLocale).output
        #expect(text.contains("nancheng  南城街道（重庆市南川区）"))
        #expect(text.contains("  2021  南城办发〔2020〕84号  "))
        #expect(runCLI(["regions", "--lang", "en"]).output.contains("Beita District (Shaoyang, Hunan)"))
    }

    @Test func categoriesGiveTheSubsidyInWordsAndNumbersAndTheFunder() throws {
        let object = try Self.json(["categories", "--region", "北塔区"])
        #expect(object["region"] as? String == "beita")
        let categories = try #require(object["categories"] as? [[String: Any]])
        // 二(四)5: 低保 85, from the medical assistance fund.
        let dibao = try #require(categories.first { $0["id"] as? String == "dibao" })
        let part = try #require((dibao["subsidy"] as? [[String: Any]])?.first)
        #expect(part["kind"] as? String == "fixed")
        #expect(part["amounts"] as? [Int] == [85])
        #expect(part["funded_by"] as? String == "medical-assistance")
        #expect(part["source"] as? String == "北塔区政府办通知(2020-11-09) 二(四)5")
        #expect(dibao["aliases"] as? [String] == ["低保", "低保对象", "低保户"])
        // 二(四)4: 兜底 140 + 140 from two funders.
        let doudi = try #require(categories.first { $0["id"] as? String == "doudi" })
        #expect((doudi["subsidy"] as? [[String: Any]])?.map { $0["funded_by"] as? String } == ["medical-assistance", "district-finance"])

        // nancheng 五(二): 特困 full subsidy of either tier; 五(三) payments to 2021-06-30 only.
        let nancheng = try #require(try Self.json(["categories", "--region", "nancheng"])["categories"] as? [[String: Any]])
        let tekun = try #require(nancheng.first { $0["id"] as? String == "tekun" })
        #expect((tekun["subsidy"] as? [[String: Any]])?.first?["amounts"] as? [Int] == [280, 655])
        #expect(tekun["paid_to"] as? String == "2021-06-30")

        let text = runCLI(["categories", "--region", "beita"], environment: chineseLocale).output
        #expect(text.contains("  资助：定额资助85.00元，由医疗救助资金承担  [二(四)5]\n"))
        // dongzhi 四(三): 退捕渔民 60% of 280 = 168.
        #expect(runCLI(["categories", "--region", "dongzhi"], environment: chineseLocale).output.contains("按个人缴费的60%资助（168.00元）"))
    }

    @Test func calendarPutsTheKeyDatesInOrder() throws {
        let entries = try #require(try Self.json(["calendar", "--region", "nancheng"])["entries"] as? [[String: Any]])
        let summary = entries.map { "\($0["kind"]!) \($0["from"]!) \($0["route"] as? String ?? "-")" }
        #expect(summary == [
            "window 2020-09-01 student",          // 四(二)
            "window 2020-09-01 centralised",      // 三(一)
            "window 2020-12-21 newborn",          // 三(二)
            "window 2020-12-21 mid-year",         // 三(三)
            "coverage 2021-01-01 -",
            "subsidy_deadline 2021-06-30 -",      // 五(三)
            "surcharge 2021-07-01 -",             // 四(一)2
        ])
        #expect(entries[5]["source"] as? String == "南城办发〔2020〕84号 五(三)")
        #expect(entries[6]["source"] as? String == "南城办发〔2020〕84号 四(一)2")
        #expect(entries[1]["cover"] as? String == "自待遇期开始（2021-01-01）起")
        #expect(entries[3]["cover"] as? String == "通知未规定待遇开始日期")

        // nanan 二(二): the make-up window from 2024-03-01 has a 60-day wait.
        let nanan = runCLI(["calendar", "--region", "nanan", "--lang", "en"]).output
        #expect(nanan.contains("  cover: after a 60-day waiting period from payment\n"))
    }

    @Test("a missing or unknown region is a usage error", arguments: [
        (["categories"], "premium: error: missing --region (e.g. beita, 北塔区)"),
        (["calendar", "--region", "beta"], "premium: error: unknown region 'beta'; did you mean 'beita' (北塔区)?"),
        (["categories", "--region", "zhuji", "--year", "2021"], "premium: error: region 'zhuji' has no notice for 2021; available: "),
    ])
    func badRegion(arguments: [String], message: String) {
        let result = runCLI(arguments)
        #expect(result.status == .usage)
        #expect(result.output.isEmpty)
        #expect(result.errors.hasPrefix(message), "\(result.errors)")
        #expect(result.errors.contains("\n"))
    }
}
