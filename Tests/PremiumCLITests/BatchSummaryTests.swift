import Foundation
import PolicyKit
@testable import PremiumCLI
@testable import PremiumBatch
import Testing

/// `batch --summary`: one summary per region-year whose totals are exactly the sums of
/// the output lines in fen, village progress against the notices' tasks, funder names.
struct BatchSummaryTests {
    /// A roster over four regions: groups, dates in and out of the windows (refusals,
    /// late payers), villages spelt as the notice or with a suffix, errors, no village.
    static let roster: String = {
        let regions: [(region: String, year: Int, villages: [String?], groups: [String], dates: [String])] = [
            ("zhuji", 2023, ["姜山村", "姜山", "刘寨村", "新村", nil], ["", "dibao", "tekun", "jisheng", "youfu", "nope"],
             ["2022-11-10", "2022-12-31", "2023-01-15", "2023-03-15", "2023-06-01"]),
            ("nancheng", 2021, ["金佛", "金佛村", "清桥村", " 清桥 ", "<script>alert(1)</script>"], ["", "dibao", "jiandang", "tekun", "guer"],
             ["2020-10-01", "2020-12-31", "2021-03-01", "2021-07-15", "2021-11-30"]),
            ("beita", 2021, ["塘村", "南村", nil], ["", "dibao", "tekun", "jiandang", "youfu"], ["2020-11-19", "2020-12-31", "2021-02-01", "2021-05-10"]),
            ("nanan", 2024, ["刘寨村", nil], ["", "dushengzi", "tekun", "dibao"], ["2024-01-01", "2024-03-01", "2024-09-01"]),
        ]
        var lines: [String] = []
        var index = 0
        for _ in 0..<3 {
            for region in regions {
                for group in region.groups {
                    for date in region.dates {
                        index += 1
                        let village = region.villages[index % region.villages.count]
                        var fields = [#""id":"r\#(index)""#, #""region":"\#(region.region)""#, #""year":\#(region.year)"#, #""paid_on":"\#(date)""#]
                        if !group.isEmpty { fields.append(#""category":"\#(group)""#) }
                        if let village { fields.append(#""village":"\#(village)""#) }
                        if index % 7 == 0, region.region == "nancheng" { fields.append(#""tier":2"#) }
                        lines.append("{" + fields.joined(separator: ",") + "}")
                    }
                }
            }
            lines.append("not json")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    static func summary(_ arguments: [String] = [], input: String = roster) throws -> (lines: [[String: Any]], summary: [String: Any], result: (status: ExitCode, output: String, errors: String)) {
        let result = runBatch(["--summary-format", "json"] + arguments, input: input)
        let lines = try jsonLines(result.output)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.errors.utf8)) as? [String: Any], "\(result.errors)")
        return (lines, summary, result)
    }

    /// The figures of `lines` as the summary should total them, in fen.
    static func expectedTotals(_ lines: [[String: Any]]) -> [String: Int] {
        let enrollable = lines.filter { $0["enrollable"] as? Bool == true }
        var totals: [String: Int] = [
            "residents": lines.count,
            "enrollable": enrollable.count,
            "refused_total": lines.count - enrollable.count,
            "individual_fees": enrollable.map { fen($0["individual_fee"]) }.reduce(0, +),
            "late_surcharges": enrollable.map { fen($0["late_surcharge"]) }.reduce(0, +),
            "late_surcharged_residents": enrollable.filter { fen($0["late_surcharge"]) > 0 }.count,
            "payable": enrollable.map { fen($0["payable"]) }.reduce(0, +),
            "refund_later": enrollable.map { fen($0["refund_later"]) }.reduce(0, +),
            "subsidies": enrollable.map { ($0["subsidies"] as? [[String: Any]] ?? []).map { fen($0["amount"]) }.reduce(0, +) }.reduce(0, +),
        ]
        for line in enrollable {
            var funders = Set<String>()
            for part in line["subsidies"] as? [[String: Any]] ?? [] {
                let funder = part["funded_by"] as! String
                totals["funder " + funder, default: 0] += fen(part["amount"])
                funders.insert(funder)
            }
            for funder in funders { totals["funder heads " + funder, default: 0] += 1 }
            if let group = line["subsidy_category"] as? String, fen(line["subsidy"]) + fen(line["refund_later"]) > 0 {
                totals["group " + group, default: 0] += (line["subsidies"] as? [[String: Any]] ?? []).map { fen($0["amount"]) }.reduce(0, +)
                totals["group heads " + group, default: 0] += 1
            }
        }
        for line in lines where line["enrollable"] as? Bool == false { totals["refused " + (line["reason_code"] as! String), default: 0] += 1 }
        return totals
    }

    /// The same figures read from a summary's `totals` object.
    static func reported(_ totals: [String: Any]) -> [String: Int] {
        var figures: [String: Int] = [:]
        for key in ["residents", "enrollable", "refused_total", "late_surcharged_residents"] { figures[key] = totals[key] as? Int }
        for key in ["individual_fees", "late_surcharges", "payable", "refund_later", "subsidies"] { figures[key] = fen(totals[key]) }
        for share in totals["subsidy_by_funder"] as? [[String: Any]] ?? [] {
            figures["funder " + (share["funder"] as! String)] = fen(share["amount"])
            figures["funder heads " + (share["funder"] as! String)] = share["residents"] as? Int
        }
        for share in totals["subsidy_by_group"] as? [[String: Any]] ?? [] {
            figures["group " + (share["group"] as! String)] = fen(share["amount"])
            figures["group heads " + (share["group"] as! String)] = share["residents"] as? Int
        }
        for refusal in totals["refused"] as? [[String: Any]] ?? [] { figures["refused " + (refusal["code"] as! String)] = refusal["residents"] as? Int }
        return figures
    }

    @Test func totalsAreTheSumsOfTheOutputLinesExactlyInFen() throws {
        let (lines, summary, result) = try Self.summary()
        #expect(result.status == .dataError, "the roster has errors")
        let errors = lines.filter { $0["error"] != nil }
        #expect(summary["records"] as? Int == lines.count)
        #expect(summary["rejected"] as? Int == errors.count)
        #expect(summary["priced"] as? Int == lines.count - errors.count)
        let regions = try #require(summary["regions"] as? [[String: Any]])
        #expect(regions.count == 4)
        for region in regions {
            let id = try #require(region["region"] as? String)
            let priced = lines.filter { $0["error"] == nil && $0["region"] as? String == id }
            #expect(!priced.isEmpty)
            let totals = try #require(region["totals"] as? [String: Any])
            #expect(Self.reported(totals) == Self.expectedTotals(priced), "\(id)")
            // Fiscal subsidy implied: enrollable × the standard.
            let fiscal = try #require(region["fiscal_subsidy"] as? [String: Any])
            let standard = fen(priced.first?["fiscal_subsidy"])
            #expect(fen(fiscal["amount"]) == (totals["enrollable"] as! Int) * standard)
            #expect(fen(fiscal["standard"]) == standard)
            // Village rows add up to the region (with the row of residents with no village).
            let villages = try #require(region["villages"] as? [[String: Any]])
            var sum: [String: Int] = [:]
            for village in villages {
                for (key, value) in Self.reported(try #require(village["totals"] as? [String: Any])) { sum[key, default: 0] += value }
            }
            #expect(sum.filter { $0.value != 0 } == Self.reported(totals).filter { $0.value != 0 }, "\(id)")
        }
    }

    @Test func villageRowsAreTheSumsOfTheirLinesAndTheirTasksAreTheNotices() throws {
        let (lines, summary, _) = try Self.summary()
        let regions = try #require(summary["regions"] as? [[String: Any]])
        func villages(_ region: String) throws -> [[String: Any]] {
            try #require(regions.first { $0["region"] as? String == region }?["villages"] as? [[String: Any]])
        }
        // nancheng 附表1: 18 villages in the notice's order, then the roster's others.
        let nancheng = try villages("nancheng")
        let notice = try CollectionTargetsFixture.names("nancheng", 2021)
        #expect(nancheng.prefix(18).map { $0["name"] as? String } == notice)
        let jinfo = try #require(nancheng.first { $0["name"] as? String == "金佛" })
        #expect((jinfo["task"] as? [String: Any])?["residents"] as? Int == 6073)      // 附表1 序号5
        #expect((jinfo["task"] as? [String: Any])?["source"] as? String == "附表1 序号5")
        #expect(jinfo["spellings"] as? [String] == ["金佛", "金佛村"])
        let jinfoLines = lines.filter { $0["error"] == nil && ["金佛", "金佛村"].contains($0["village"] as? String) }
        #expect(Self.reported(try #require(jinfo["totals"] as? [String: Any])) == Self.expectedTotals(jinfoLines))
        let enrolled = jinfoLines.filter { $0["enrollable"] as? Bool == true }.count
        #expect(jinfo["enrolled"] as? Int == enrolled)
        #expect(jinfo["shortfall"] as? Int == 6073 - enrolled)
        #expect(jinfo["rate_basis_points"] as? Int == enrolled * 10_000 / 6073)
        // 清桥村 and " 清桥 " are 附表1's 清桥; a village of the notice nobody in the roster names is there with 0.
        let qingqiao = try #require(nancheng.first { $0["name"] as? String == "清桥" })
        #expect(qingqiao["spellings"] as? [String] == ["清桥", "清桥村"])
        let sansheng = try #require(nancheng.first { $0["name"] as? String == "三圣路" })
        #expect(sansheng["enrolled"] as? Int == 0 && sansheng["shortfall"] as? Int == 2171)
        // A village the notice does not list has no task.
        let script = try #require(nancheng.first { $0["name"] as? String == "<script>alert(1)</script>" })
        #expect(script["task"] is NSNull && script["shortfall"] is NSNull)

        // zhuji 附件 序号1: 姜山村, task 1981 (population 2251); 姜山 is it too.
        let zhuji = try villages("zhuji")
        let jiangshan = try #require(zhuji.first { $0["name"] as? String == "姜山村" })
        #expect((jiangshan["task"] as? [String: Any])?["residents"] as? Int == 1981)
        #expect((jiangshan["task"] as? [String: Any])?["population"] as? Int == 2251)
        #expect(jiangshan["spellings"] as? [String] == ["姜山", "姜山村"])
        // Rejected rows (an unknown group) are not enrolled residents of their village.
        let jiangshanLines = lines.filter { ["姜山", "姜山村"].contains($0["village"] as? String) && $0["region"] as? String == "zhuji" }
        #expect(jiangshan["enrolled"] as? Int == jiangshanLines.filter { $0["enrollable"] as? Bool == true }.count)
        let rejected = try #require(summary["rejected_by_village"] as? [[String: Any]])
        #expect(rejected.contains { $0["village"] as? String == "姜山村" && ($0["rows"] as? Int ?? 0) > 0 })
        // Residents with no village: a row of their own, named "".
        #expect(zhuji.last?["name"] as? String == "")
    }

    @Test func theNoticesOverallTasksAndTheirDifferencesAreShown() throws {
        let (_, summary, _) = try Self.summary()
        let regions = try #require(summary["regions"] as? [[String: Any]])
        let nancheng = try #require(regions.first { $0["region"] as? String == "nancheng" }?["targets"] as? [String: Any])
        #expect((nancheng["task"] as? [String: Any])?["residents"] as? Int == 55_761)
        #expect(nancheng["villages_task_sum"] as? Int == 55_202)
        let differences = try #require(nancheng["discrepancies"] as? [[String: Any]])
        #expect(differences.map { $0["stated"] as? Int } == [55_761, 55_761])
        #expect((nancheng["rate"] as? [String: Any])?["measurable"] as? Bool == false)
        let beita = try #require(regions.first { $0["region"] as? String == "beita" }?["targets"] as? [String: Any])
        let scoring = try #require(beita["scoring"] as? [String: Any])
        #expect(scoring["full_marks_from_percent"] as? Int == 95)
        #expect((scoring["assumption"] as? String)?.isEmpty == false)
        #expect((scoring["ladder"] as? [[String: Any]])?.first { $0["percent"] as? Int == 90 }?["deduction"] as? Double == 0.5)
        // beita's fiscal standard is an assumption (二(五) gives no figure), zhuji's is printed (三(二)).
        let beitaFiscal = try #require(regions.first { $0["region"] as? String == "beita" }?["fiscal_subsidy"] as? [String: Any])
        #expect((beitaFiscal["assumption"] as? String)?.contains("580") == true)
        let zhujiFiscal = try #require(regions.first { $0["region"] as? String == "zhuji" }?["fiscal_subsidy"] as? [String: Any])
        #expect(zhujiFiscal["assumption"] is NSNull)
    }

    @Test func aRosterOverTwoRegionsGivesTwoSummaries() throws {
        let input = #"{"region":"zhuji","year":2023,"category":"dibao","village":"姜山村"}"# + "\n"
            + #"{"region":"beita","year":2021,"category":"dibao","village":"姜山村"}"# + "\n"
        let (_, summary, _) = try Self.summary(input: input)
        let regions = try #require(summary["regions"] as? [[String: Any]])
        #expect(regions.map { $0["region"] as? String } == ["beita", "zhuji"])
        #expect(regions.map { fen(($0["totals"] as? [String: Any])?["payable"]) } == [19_500, 5_000])
        // 姜山村 is zhuji's village with a task, and in beita a village without one.
        let beitaVillages = try #require(regions[0]["villages"] as? [[String: Any]])
        #expect(beitaVillages.map { $0["name"] as? String } == ["姜山村"])
        #expect(beitaVillages[0]["task"] is NSNull)
        #expect((regions[1]["villages"] as? [[String: Any]])?.first?["enrolled"] as? Int == 1)
        let text = runBatch(["--summary"], input: input).errors
        #expect(text.components(separatedBy: "\n== ").count == 3, "two region sections: \(text)")
    }

    @Test func fundersAreNamedNotIdentified() throws {
        let input = #"{"region":"beita","year":2021,"category":"dibao"}"# + "\n"
        let english = runBatch(["--summary"], input: input).errors
        #expect(english.contains("medical assistance fund"))
        #expect(!english.contains("medical-assistance"))
        let chinese = runBatch(["--summary"], input: input, environment: chineseLocale).errors
        #expect(chinese.contains("医疗救助资金"))
        #expect(chinese.contains("城乡低保对象"))
        #expect(chinese.contains("资助（按资金来源）"))
        #expect(!chinese.contains("medical-assistance"))
        // --lang overrides the locale.
        #expect(runBatch(["--summary", "--lang", "zh"], input: input).errors.contains("医疗救助资金"))
        let (_, summary, _) = try Self.summary(["--lang", "zh"], input: input)
        let share = try #require(((summary["regions"] as? [[String: Any]])?.first?["totals"] as? [String: Any])?["subsidy_by_funder"] as? [[String: Any]])
        #expect(share.first?["name"] as? String == "医疗救助资金")
        #expect(share.first?["funder"] as? String == "medical-assistance")
        #expect(share.first?["residents"] as? Int == 1)
    }

    @Test func jsonAndCSVSummaryFormatsImplySummary() throws {
        let input = #"{"region":"zhuji","year":2023,"category":"dibao","village":"姜山"}"# + "\n"
        let json = runBatch(["--summary-format", "json"], input: input)
        #expect(json.errors.hasPrefix("{"))
        let csv = runBatch(["--summary-format", "csv"], input: input)
        #expect(csv.errors.hasPrefix("region,year,village,item,name,residents,yuan,note\r\n"))
        #expect(runBatch([], input: input).errors.isEmpty)
        #expect(runBatch(["--summary-format", "xml"], input: input).status == .usage)
    }

    @Test func theCSVSummaryHasTheSameFiguresAsTheJSON() throws {
        let (_, summary, _) = try Self.summary()
        let csv = runBatch(["--summary-format", "csv"], input: Self.roster).errors
        let rows = csv.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        // Only notes (the last column) hold commas here, so the first seven cells split plainly.
        #expect(rows.allSatisfy { $0.count >= 8 })
        let regions = try #require(summary["regions"] as? [[String: Any]])
        for region in regions {
            let name = try #require(region["name"] as? String)
            let totals = try #require(region["totals"] as? [String: Any])
            let payable = try #require(rows.first { $0[0] == name && $0[2] == "" && $0[3] == "payable now" })
            #expect(Fen(yuanText: payable[6])?.rawValue == fen(totals["payable"]))
            let fiscal = try #require(rows.first { $0[0] == name && $0[3] == "fiscal subsidy implied" })
            #expect(Fen(yuanText: fiscal[6])?.rawValue == fen((region["fiscal_subsidy"] as? [String: Any])?["amount"]))
            for village in region["villages"] as? [[String: Any]] ?? [] where village["task"] is [String: Any] {
                let task = try #require(rows.first { $0[0] == name && $0[2] == village["name"] as? String && $0[3] == "task" })
                #expect(Int(task[5]) == (village["task"] as? [String: Any])?["residents"] as? Int)
            }
        }
        // A village cell that starts like a formula is neutralised, as in batch's CSV.
        let formula = runBatch(["--summary-format", "csv"], input: #"{"region":"beita","year":2021,"village":"=1+1"}"# + "\n").errors
        #expect(formula.contains(",'=1+1,"))
    }

    @Test func theTextSummaryHasLabelledAlignedColumns() {
        let input = #"{"region":"zhuji","year":2023,"category":"dibao","village":"姜山村"}"# + "\n"
            + #"{"region":"zhuji","year":2023,"village":"刘寨村","paid_on":"2023-03-15"}"# + "\n"
        let text = runBatch(["--summary", "--lang", "zh"], input: input).errors
        let lines = text.split(separator: "\n").map(String.init)
        let header = lines.first { $0.hasPrefix("村 ") }
        #expect(header?.contains("已计算") == true && header?.contains("任务数") == true && header?.contains("完成率") == true)
        let jiangshan = lines.first { $0.hasPrefix("姜山村") }
        #expect(jiangshan?.hasSuffix("1981   0.05%  1980") == true, "\(jiangshan ?? text)")
        // Columns line up: every row of the village table is as wide as its header.
        let table = lines.drop { !$0.hasPrefix("村 ") }.prefix { !$0.hasPrefix("  ") }
        #expect(Set(table.map { DisplayWidthProbe.width($0) }).count == 1, "\(table)")
        #expect(text.contains("该日期无法缴费参保"))
        #expect(text.contains("比各村合计少 1"))
    }
}

/// The notices' village names, read from the embedded policy data.
enum CollectionTargetsFixture {
    static func names(_ region: String, _ year: Int) throws -> [String?] {
        try #require(try PolicyStore.embedded().policy(region: region, year: year).targets).villages.map { $0.name }
    }
}

/// Terminal columns of a line (Chinese characters count two).
enum DisplayWidthProbe {
    static func width(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 ? 2 : 1) }
    }
}
