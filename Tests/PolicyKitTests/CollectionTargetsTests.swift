import Foundation
import PolicyKit
import Testing

/// The collection targets in PolicyData, figure by figure against the notices' tables,
/// and what `check` says about them. Every test names its year.
struct CollectionTargetsTests {
    static func targets(_ region: String, _ year: Int) throws -> CollectionTargets {
        try #require(try embeddedStore.policy(region: region, year: year).targets)
    }

    // 南城办发〔2020〕84号 附表1: 18 rows adding up to 55,202 under a 合计 of 55,761.
    @Test func nanchengVillageTasksAsPrinted() throws {
        let targets = try Self.targets("nancheng", 2021)
        #expect(targets.villages.count == 18)
        #expect(targets.rowSum(.task) == 55_202)
        #expect(targets.rowSum(.population) == nil, "附表1 gives no populations")
        #expect(targets.villagesTotal?.task == 55_761)
        #expect(targets.villagesTotal?.provenance.clause == "附表1 合计")
        // 一(一): 参保率稳定在100%，参保任务数55761人.
        #expect(targets.overall?.residents == 55_761)
        #expect(targets.overall?.provenance.clause == "一(一)")
        #expect(targets.rate?.percent == 100)
        let jinfo = try #require(targets.village(named: "金佛"))
        #expect(jinfo.task == 6_073)
        #expect(jinfo.provenance.clause == "附表1 序号5")
        #expect(targets.villages.first?.name == "三圣路" && targets.villages.first?.task == 2_171)
        #expect(targets.villages.last?.name == "半溪河" && targets.villages.last?.task == 2_346)
        #expect(targets.scoring == nil)
    }

    // 朱政〔2022〕34号 附件: 13 villages, populations 47,547 and tasks 41,851 as its 合计
    // says; 二 and 四(一) say 41,850.
    @Test func zhujiVillagePopulationsAndTasksAsPrinted() throws {
        let targets = try Self.targets("zhuji", 2023)
        #expect(targets.villages.count == 13)
        #expect(targets.rowSum(.task) == 41_851)
        #expect(targets.rowSum(.population) == 47_547)
        #expect(targets.villagesTotal?.task == 41_851)
        #expect(targets.villagesTotal?.population == 47_547)
        #expect(targets.overall?.residents == 41_850)
        #expect(targets.overall?.provenance.clause == "二、四(一)")
        #expect(targets.overall?.countedUntil == day("2022-12-31"))
        let jiangshan = try #require(targets.village(named: "姜山村"))
        #expect(jiangshan.population == 2_251 && jiangshan.task == 1_981)
        #expect(jiangshan.provenance.clause == "附件 序号1")
        #expect(targets.village(named: "湖光村")?.task == 3_644)
        #expect(targets.rate == nil, "the notice sets no rate")
    }

    // 北塔区 notice 一, 四(一) and 附件 三1: 95 %, then 0.1 a point to 90 %, 0.2 a point below,
    // out of 2 points.
    @Test func beitaRateAndScoringRule() throws {
        let targets = try Self.targets("beita", 2021)
        #expect(targets.rate?.percent == 95)
        #expect(targets.rate?.provenance.clause == "一、四(一)、附件 三1")
        #expect(targets.villages.isEmpty && targets.overall == nil)
        let scoring = try #require(targets.scoring)
        #expect(scoring.fullMarksFrom == 95)
        #expect(scoring.points == ScorePoints(hundredths: 200))
        #expect(scoring.deductions.map(\.fromPercent) == [90, nil])
        #expect(scoring.deductions.map(\.belowPercent) == [95, 90])
        #expect(scoring.deductions.map(\.perPoint.description) == ["0.1", "0.2"])
        #expect(scoring.provenance.clause == "附件 三、三1")
        let assumption = try #require(scoring.provenance.assumption, "the reading of the bands is an assumption")
        #expect(!assumption.note.zh.isEmpty && !assumption.note.en.isEmpty)
        #expect(scoring.scored.zh == "各乡人民政府、街道办事处")
    }

    @Test func discrepanciesKeepBothFigures() throws {
        let nancheng = try Self.targets("nancheng", 2021).discrepancies
        #expect(nancheng.map(\.figure) == [55_761, 55_761])
        #expect(nancheng.map(\.source) == ["一(一)", "附表1 合计"])
        let zhuji = try Self.targets("zhuji", 2023).discrepancies
        #expect(zhuji.map(\.figure) == [41_850])
        #expect(zhuji.map(\.measure) == [.task], "the populations agree with their 合计")
        #expect(try Self.targets("beita", 2021).discrepancies.isEmpty)
        #expect(try embeddedStore.policy(region: "dongzhi", year: 2021).targets == nil)
        #expect(try embeddedStore.policy(region: "nanan", year: 2024).targets == nil)
    }

    @Test func checkNotesBothDiscrepanciesAndPasses() {
        let report = PolicyCheck.report(PolicyStore.embeddedFiles)
        #expect(report.problems.isEmpty)
        let notes = report.notes.filter { ["nancheng/2021.json", "zhuji/2023.json"].contains($0.file) }.map(\.description)
        #expect(notes == [
            "nancheng/2021.json: at targets.villages: note: the 18 villages' tasks add up to 55202; the notice states 55761 (一(一); 附表1 合计), 559 more than the rows; both are kept as printed",
            "zhuji/2023.json: at targets.villages: note: the 13 villages' tasks add up to 41851, as 附件 合计 states; the notice states 41850 (二、四(一)), 1 fewer than the rows; both are kept as printed",
        ])
        #expect(!report.notes.contains { $0.file == "beita/2021.json" })
    }

    /// `file` from the built-in data with `original` replaced by `broken`.
    static func mutated(_ file: String, _ original: String, _ broken: String) throws -> [UInt8] {
        let bytes = try #require(PolicyStore.embeddedFiles.first { $0.path == file }).bytes
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(original), "the test's original text must be in \(file)")
        return Array(text.replacingOccurrences(of: original, with: broken).utf8)
    }

    @Test("broken targets are problems, at the offending value", arguments: [
        ("nancheng/2021.json", #"{"name": "半溪河", "task": 2346"#, #"{"name": "清桥", "task": 2346"#,
         "targets.villages.17.name", "village '清桥' is named twice (first at targets.villages.3)"),
        ("nancheng/2021.json", #""task": 2171"#, #""task": 0"#,
         "targets.villages.0.task", "task 0 is not a positive whole number"),
        ("zhuji/2023.json", #""population": 2251, "#, "",
         "targets.villages.0", "12 of 13 villages give a population: every village needs one, or none"),
        ("zhuji/2023.json", #""counted_until": "2022-12-31""#, #""counted_until": "2024-01-01""#,
         "targets.task.counted_until", "2024-01-01 lies outside 2022-01-01 … 2023-12-31"),
        ("beita/2021.json", #"{"below": 90, "per_point": 0.2}"#, #"{"below": 85, "per_point": 0.2}"#,
         "targets.scoring.deductions.1.below", "band below 85 % should start where the one above ends, at 90 %"),
    ])
    func brokenTargets(file: String, original: String, broken: String, path: String, message: String) throws {
        let bytes = try Self.mutated(file, original, broken)
        let problems = PolicyCheck.report([(file, bytes)]).problems
        #expect(problems == [.invalidData(file: file, path: path, message: message)], "\(problems)")
        // Loading refuses the same data, so no command computes from it.
        #expect(throws: PolicyError.invalidData(file: file, path: path, message: message)) {
            try RegionPolicy(file: file, bytes: bytes)
        }
    }

    @Test func pointsHaveAtMostTwoDecimals() throws {
        let bytes = try Self.mutated("beita/2021.json", #""per_point": 0.1}"#, #""per_point": 0.125}"#)
        #expect(throws: PolicyError.invalidData(file: "beita/2021.json", path: "targets.scoring.deductions.0.per_point",
                                                message: "points 0.125 have more than two decimals or are not a number")) {
            try RegionPolicy(file: "beita/2021.json", bytes: bytes)
        }
    }
}

/// How a roster's village column finds its row in the notice's task table.
struct VillageMatchingTests {
    @Test(arguments: [
        ("nancheng", 2021, "金佛", "金佛"), ("nancheng", 2021, "金佛村", "金佛"), ("nancheng", 2021, " 清桥村 ", "清桥"),
        ("nancheng", 2021, "三圣路社区", "三圣路"), ("zhuji", 2023, "姜山村", "姜山村"), ("zhuji", 2023, "姜山", "姜山村"),
    ])
    func aSpellingWithOrWithoutTheSuffixMatches(region: String, year: Int, roster: String, notice: String) throws {
        let targets = try CollectionTargetsTests.targets(region, year)
        #expect(targets.village(matching: roster)?.name == notice)
    }

    @Test(arguments: ["金佛镇", "金", "村", "", "新村", "姜山村村"])
    func otherSpellingsDoNotMatch(roster: String) throws {
        #expect(try CollectionTargetsTests.targets("nancheng", 2021).village(matching: roster) == nil)
        #expect(try CollectionTargetsTests.targets("zhuji", 2023).village(matching: roster) == nil)
    }
}
