import Foundation
import PolicyKit
@testable import PremiumCLI
@testable import PremiumBatch
@testable import ResidentIO
import Testing

/// Rosters as township offices keep them: saved by Chinese Excel (GBK, CRLF), Chinese
/// headers, dates as clerks type them and as Excel writes them, ID numbers.
struct ClerkRosterTests {
    /// `premium batch` in-process on raw bytes.
    func batch(_ arguments: [String], bytes: [UInt8]) -> (status: ExitCode, output: String, errors: String) {
        var source = MemorySource(bytes)
        var output = "", errors = ""
        let status = PremiumCLI.run(["batch"] + arguments, environment: englishLocale, input: &source, output: &output, errors: &errors)
        return (status, output, errors)
    }

    /// GB 11643 check digit: the weights are 2^(17-i) mod 11.
    static func id(_ first17: String) -> String {
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(first17, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
        return first17 + String(Array("10X98765432")[sum % 11])
    }

    /// The roster as Chinese Excel saves "CSV (逗号分隔)": GBK bytes, CRLF. The header
    /// and names are written byte for byte (张三 = D5 C5 C8 FD, 低保 = B5 CD B1 A3).
    static let gbkRoster: [UInt8] = {
        // 身份证号,姓名,村,地区,人员类别,缴费日期
        var bytes: [UInt8] = [201, 237, 183, 221, 214, 164, 186, 197, 44, 208, 213, 195, 251, 44, 180, 229, 44, 181, 216, 199,
                              248, 44, 200, 203, 212, 177, 192, 224, 177, 240, 44, 189, 201, 183, 209, 200, 213, 198, 218, 13, 10]
        func row(_ id: String, _ name: [UInt8], _ category: [UInt8], _ date: [UInt8]) {
            bytes += Array(id.utf8) + [44] + name + [44] + [204, 193, 180, 229] + [44] + [177, 177, 203, 254, 199, 248] + [44]
                + category + [44] + date + [13, 10]
        }
        // 张三, 塘村, 北塔区, 低保, paid 2020/11/19
        row(id("43051119880412677"), [0xD5, 0xC5, 0xC8, 0xFD], [0xB5, 0xCD, 0xB1, 0xA3], Array("2020/11/19".utf8))
        // 张三 again, no group, Excel serial 44166 = 2020-12-01
        row(id("50011919741216239"), [0xD5, 0xC5, 0xC8, 0xFD], [], Array("44166".utf8))
        // A child born 2021-01-10 (from the ID), paid 2021年5月10日 (年 = C4 EA, 月 = D4 C2,
        // 日 = C8 D5): beita 二(二), 860.
        row(id("43051120210110477"), [0xD5, 0xC5, 0xC8, 0xFD], [],
            Array("2021".utf8) + [0xC4, 0xEA] + Array("5".utf8) + [0xD4, 0xC2] + Array("10".utf8) + [0xC8, 0xD5])
        return bytes
    }()

    @Test func aGBKRosterWithChineseHeadersExcelDatesAndIDsIsPricedWithNamesIntact() throws {
        let result = batch(["--input-format", "csv", "--summary-format", "json", "--summary"], bytes: Self.gbkRoster)
        #expect(result.status == .success, "\(result.errors)")
        let lines = try jsonLines(result.output)
        #expect(lines.count == 3)
        #expect(lines.map { $0["姓名"] as? String } == ["张三", "张三", "张三"])
        #expect(lines.map { $0["村"] as? String } == ["塘村", "塘村", "塘村"])
        #expect(lines.map { $0["身份证号"] as? String } == [Self.id("43051119880412677"), Self.id("50011919741216239"), Self.id("43051120210110477")])
        // 北塔区 二(四)5: 低保 pay 195; 二(三): 280 in the window; 二(二) a child under one paying late: 860.
        #expect(lines.map { $0["payable"] as? Int } == [195, 280, 860])
        #expect(lines.map { $0["paid_on"] as? String } == ["2020-11-19", "2020-12-01", "2021-05-10"])
        #expect(lines[2]["benefit_start"] as? String == "2021-06-01")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.errors.utf8)) as? [String: Any])
        #expect(summary["encoding"] as? String == "GB18030")
        let regions = try #require(summary["regions"] as? [[String: Any]])
        let totals = try #require(regions.first?["totals"] as? [String: Any])
        #expect(totals["payable"] as? Int == 1335)
        let villages = try #require(regions.first?["villages"] as? [[String: Any]])
        #expect(villages.map { $0["name"] as? String } == ["塘村"])
    }

    @Test(arguments: [("categroy", "did you mean 'category' (人员类别)?"), ("piad_on", "did you mean 'paid_on' (缴费日期)?"),
                      ("人员类另", "did you mean '人员类别' (category)?")])
    func aMisspeltHeaderStopsTheRunBeforeAnyPricing(header: String, hint: String) {
        let result = batch(["--input-format", "csv"], bytes: Array("name,\(header),region\n张三,dibao,beita\n".utf8))
        #expect(result.status == .dataError)
        #expect(result.output.isEmpty)
        #expect(result.errors.contains("column '\(header)' is not known; \(hint)"), "\(result.errors)")
        // --carry keeps it as it is.
        let carried = batch(["--input-format", "csv", "--carry", header], bytes: Array("name,\(header),region,year\n张三,dibao,beita,2021\n".utf8))
        #expect(carried.status == .success)
        #expect(carried.output.contains("\"payable\":280"))
    }

    @Test func headersMatchIgnoringWidthCaseAndSeparators() throws {
        let roster = "ＲＥＧＩＯＮ,Paid On, 缴费档次 ,YEAR\n南城,2020-10-01,2,2021\n"
        let line = try #require(try jsonLines(batch(["--input-format", "csv"], bytes: Array(roster.utf8)).output).first)
        #expect(line["region"] as? String == "nancheng")
        #expect(line["tier"] as? Int == 2)
        #expect(line["paid_on"] as? String == "2020-10-01")
    }

    @Test func idNumbersAreChecked() throws {
        let good = Self.id("43051119880412677")
        var bad = good; bad.removeLast(); bad += good.hasSuffix("1") ? "2" : "1"
        let roster = """
            id_number,region,year,born
            \(good),beita,2021,1988-04-12
            \(bad),beita,2021,
            \(good),beita,2021,1990-01-01
            4.30511E+17,beita,2021,

            """
        let lines = try jsonLines(batch(["--input-format", "csv"], bytes: Array(roster.utf8)).output)
        #expect(lines[0]["payable"] as? Int == 280)
        #expect((lines[1]["error"] as? String)?.contains("wrong check digit") == true)
        #expect((lines[2]["error"] as? String)?.contains("gives the date of birth 1988-04-12, but born is 1990-01-01") == true)
        #expect((lines[3]["error"] as? String)?.contains("Excel") == true)
        // A 15-digit legacy number gives its birth date with the 19 prefix.
        let legacy = try #require(try jsonLines(batch([], bytes: Array(#"{"region":"beita","year":2021,"id_number":"430511880412677","paid_on":"2021-05-10"}"#.utf8 + [10])).output).first)
        #expect(legacy["enrollable"] as? Bool == false)   // born 1988: not a newborn, the window is closed (二(二))
    }

    @Test func batchRegionAndYearApplyToRowsWithoutThem() throws {
        let roster = "name,category,paid_on\n张三,低保、特困,2020-11-01\n李四,dibao|tekun,2020-11-01\n"
        let lines = try jsonLines(batch(["--input-format", "csv", "--region", "北塔区", "--year", "2021"], bytes: Array(roster.utf8)).output)
        #expect(lines.map { $0["region"] as? String } == ["beita", "beita"])
        #expect(lines.map { $0["categories"] as? [String] } == [["dibao", "tekun"], ["dibao", "tekun"]])
        // 二(四)6: 特困 is fully subsidised; the single most favourable group applies.
        #expect(lines.map { $0["payable"] as? Int } == [0, 0])
    }

    @Test func theCSVBatchWritesReadsBackToTheSameResults() throws {
        let first = batch(["--input-format", "csv", "--output-format", "csv"], bytes: Self.gbkRoster)
        #expect(first.status == .success)
        // ID numbers carry a leading tab so Excel keeps the 18 digits as text.
        #expect(first.output.contains(",\t" + Self.id("43051119880412677") + ","))
        let again = batch(["--input-format", "csv", "--output-format", "csv"], bytes: Array(first.output.utf8))
        #expect(again.status == .success, "\(again.errors)")
        #expect(again.output == first.output)
    }

    @Test func aFileThatIsNeitherUTF8NorGB18030StopsWithTheLine() {
        // Chinese UTF-8 first (enough of it to be UTF-8), then a byte that is no UTF-8.
        let bytes = Array("name,region,year\n张三李四,beita,2021\n".utf8) + [0xC8, 0x2C] + Array("beita,2021\n".utf8)
        let result = batch(["--input-format", "csv"], bytes: bytes)
        #expect(result.status == .dataError)
        #expect(result.errors.contains("line 3"), "\(result.errors)")
        #expect(result.output.contains("\"line\":2"))
        let forced = batch(["--input-format", "csv", "--encoding", "utf-8"], bytes: Self.gbkRoster)
        #expect(forced.status == .dataError)
        #expect(forced.errors.contains("--encoding gb18030"), "\(forced.errors)")
    }

    // From an outside check of the binary as a clerk would use it.

    @Test func aGBKFileWhoseFirstBytesHappenToBeUTF8IsStillGBK() throws {
        // 证件号码 begins D6 A4, which is valid UTF-8 (U+05A4); the rest of the header is not.
        var bytes: [UInt8] = [214, 164, 188, 254, 186, 197, 194, 235, 44, 208, 213, 195, 251, 44, 181, 216, 199, 248, 44,
                              196, 234, 182, 200, 44, 181, 181, 180, 206, 44, 189, 201, 183, 209, 200, 213, 198, 218, 13, 10]
        // id, 李四, 南城, 2021年, 二档, 2020-11-01
        bytes += Array((Self.id("50011919741216239") + ",").utf8) + [192, 238, 203, 196, 44, 196, 207, 179, 199, 44]
            + Array("2021".utf8) + [196, 234, 44, 182, 254, 181, 181, 44] + Array("2020-11-01\r\n".utf8)
        let result = batch(["--input-format", "csv"], bytes: bytes)
        #expect(result.status == .success, "\(result.errors)")
        let line = try #require(try jsonLines(result.output).first)
        #expect(line["姓名"] as? String == "李四")
        // 南城 一(一): 二档 655 (年度 and 档次 as clerks type them).
        #expect(line["region"] as? String == "nancheng")
        #expect(line["tier"] as? Int == 2)
        #expect(line["payable"] as? Int == 655)
    }

    @Test(arguments: [("缴费日期（年月日）", "'缴费日期' (paid_on)"), ("身份证号（18位）", "'身份证号' (id_number)")])
    func aHeaderHoldingAFieldsChineseNameStopsTheRun(header: String, hint: String) {
        let result = batch(["--input-format", "csv"], bytes: Array("地区,\(header)\n北塔区,2021-03-15\n".utf8))
        #expect(result.status == .dataError)
        #expect(result.output.isEmpty)
        #expect(result.errors.contains("did you mean \(hint)?"), "\(result.errors)")
    }

    @Test func emptyTrailingColumnsAreIgnoredUnlessARowFillsThem() throws {
        let roster = "地区,年度,人员类别,,\n北塔区,2021,低保,,\n北塔区,2021,低保,,x\n"
        let lines = try jsonLines(batch(["--input-format", "csv"], bytes: Array(roster.utf8)).output)
        #expect(lines[0]["payable"] as? Int == 195)
        #expect(lines[1]["error"] as? String == "column 5 has no header but this row has a value in it")
    }
}

/// Issue 14: CSV output a clerk reads (Chinese headers and values under the default
/// language), that reads back to the same results in either language, and Excel's
/// tab-separated "Unicode text".
struct ChineseCSVOutputTests {
    func batch(_ arguments: [String], bytes: [UInt8], environment: [String: String] = [:]) -> (status: ExitCode, output: String, errors: String) {
        var source = MemorySource(bytes)
        var output = "", errors = ""
        let status = PremiumCLI.run(["batch"] + arguments, environment: environment, input: &source, output: &output, errors: &errors)
        return (status, output, errors)
    }

    /// beita 2021 二(四)5 (低保 85 off 280), nancheng 2021 五(二) (特困 in 二档: 655 in full), a
    /// payment after beita's windows (二(一)), and a date that does not exist.
    static let roster = """
        姓名,身份证号,地区,人员类别,缴费日期
        张三,\(ClerkRosterTests.id("43051119880412677")),北塔区,低保,2020-11-19
        李四,,南城,特困;低保,2020-12-01
        王五,,beita,,2021-13-01
        赵六,,北塔区,,2022-03-01

        """

    @Test func chineseHeadersAndValuesByDefault() throws {
        let result = batch(["--input-format", "csv", "--output-format", "csv"], bytes: Array(Self.roster.utf8))
        #expect(result.status == .dataError)   // 王五's date
        let rows = result.output.split(separator: "\n").map(String.init)
        #expect(rows[0] == "行号,姓名,身份证号,地区,年度,人员类别,档次,缴费日期,可参保,个人缴费标准,财政补助,逾期加收,资助金额,享受资助类别,应缴金额,先缴后返金额,待遇开始日期,待遇结束日期,等待期天数,参保途径,原因代码,原因,错误")
        #expect(rows[1].hasPrefix("2,张三,\t\(ClerkRosterTests.id("43051119880412677")),北塔区,2021,城乡低保对象,1,2020-11-19,是,280,580,0,85,城乡低保对象,195,0,2021-01-01,2021-12-31,0,集中参保缴费期,,,"), "\(rows[1])")
        #expect(rows[2].hasPrefix("3,李四,,南城街道,2021,特困人员、城乡低保对象,2,2020-12-01,是,655,580,0,655,特困人员,0,0,2021-01-01,"), "\(rows[2])")
        #expect(rows[3].hasSuffix(",缴费日期“2021-13-01”不是有效的日期：应为真实的日期，例如 2022-01-05、2022/1/5、20220105 或 2022年1月5日"), "\(rows[3])")
        #expect(rows[4].hasPrefix("5,赵六,,北塔区,2021,,1,2022-03-01,否,280,580,,,,,,,,,,closed,2022-03-01缴费无法参保"), "\(rows[4])")
        let english = batch(["--input-format", "csv", "--output-format", "csv", "--lang", "en"], bytes: Array(Self.roster.utf8))
        #expect(english.output.hasPrefix("line,姓名,身份证号,region,year,categories,tier,paid_on,enrollable,"))
        #expect(english.output.contains(",beita,2021,dibao,1,2020-11-19,true,280,580,0,85,dibao,195,0,2021-01-01,2021-12-31,0,centralised,"))
    }

    @Test("the CSV batch writes reads back to the same bytes, error rows too", arguments: [Language.zh, .en])
    func roundTrip(language: Language) {
        let first = batch(["--input-format", "csv", "--output-format", "csv", "--lang", language.rawValue], bytes: Array(Self.roster.utf8))
        let again = batch(["--input-format", "csv", "--output-format", "csv", "--lang", language.rawValue], bytes: Array(first.output.utf8))
        #expect(again.output == first.output)
        #expect(again.status == first.status)
        // Read back as JSON: the same answers, the error row an error again.
        let json = batch(["--input-format", "csv", "--lang", language.rawValue], bytes: Array(first.output.utf8))
        #expect(json.output.contains(#""payable":195"#))
        #expect(json.output.split(separator: "\n")[2].contains(#""error":"#))
    }

    @Test func excelsUnicodeTextIsUTF16TabSeparated() {
        // Excel's "Unicode 文本 (*.txt)": UTF-16LE with a byte-order mark, tabs, CRLF.
        let text = Self.roster.replacingOccurrences(of: ",", with: "\t").replacingOccurrences(of: "\n", with: "\r\n")
        let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let tabbed = batch(["--input-format", "csv", "--output-format", "csv"], bytes: bytes)
        let commas = batch(["--input-format", "csv", "--output-format", "csv"], bytes: Array(Self.roster.utf8))
        #expect(tabbed.output == commas.output)
        #expect(tabbed.output.contains("2,张三,"))
        // A tab-separated UTF-8 file too; a quoted cell may hold a tab.
        let tsv = batch(["--input-format", "csv"], bytes: Array("姓名\t地区\t人员类别\n\"张\t三\"\tbeita\t低保\n".utf8))
        #expect(tsv.output.contains(#""姓名":"张\t三""#), "\(tsv.output)")
        #expect(tsv.output.contains(#""payable":195"#))
    }

    @Test func aRosterNamedCSVIsReadAsCSVWithoutTheFlag() throws {
        let directory = try scratchDirectory("named-csv")
        let file = directory.appendingPathComponent("名册.CSV")
        try Data(Self.roster.utf8).write(to: file)
        let result = try runBinary(["batch", file.path], environment: ["LANG": "C"])
        #expect(String(decoding: result.output, as: UTF8.self).contains(#""姓名":"张三""#))
        #expect(String(decoding: result.output, as: UTF8.self).contains(#""payable":195"#))
    }
}

/// Issue 14: what the outside check found left, each as a clerk met it.
struct ClerkLeftoverTests {
    @Test func aBadBatchRegionOrYearIsOneUsageError() {
        let region = runBatch(["--region", "北塔去"], input: #"{"category":"dibao"}"# + "\n")
        #expect(region.status == .usage)
        #expect(region.output.isEmpty)
        #expect(region.errors == "premium: error: unknown region '北塔去'; did you mean 'beita' (北塔区)?\nRun 'premium batch --help' for usage.\n")
        let year = runBatch(["--region", "beita", "--year", "2019"], input: "{}\n")
        #expect(year.status == .usage)
        #expect(year.errors.hasPrefix("premium: error: region 'beita' has no notice for 2019; available: 2021\n"))
        #expect(runBatch(["--year", "二〇二一"], input: "{}\n").status == .usage)
        #expect(runBatch(["--region", "beita", "--year", "2021年"], input: "{}\n").status == .success)
    }

    @Test func noGroupWordsAndSpaceSeparatedGroups() throws {
        // beita 2021: 无 and 普通 are no group (280); 低保 特困 (space, and U+3000) are both, 特困 wins (二(四)1).
        let input = "姓名,地区,人员类别\n甲,beita,无\n乙,beita,普通\n丙,beita,低保 特困\n丁,beita,低保\u{3000}特困\n戊,beita,无低保\n"
        let lines = try jsonLines(runBatch(["--input-format", "csv"], input: input).output)
        #expect(lines.map { $0["payable"] as? Int } == [280, 280, 0, 0, nil])
        #expect(lines[2]["categories"] as? [String] == ["dibao", "tekun"])
        #expect((lines[4]["error"] as? String)?.hasPrefix("region 'beita' has no category '无低保'") == true)
    }

    @Test func aTitleRowAboveTheHeaderIsSkipped() throws {
        let input = "2021年北塔区城乡居民医保参保名册,,\n姓名,地区,人员类别\n张三,beita,低保\n"
        let result = runBatch(["--input-format", "csv", "--summary", "--summary-format", "json"], input: input)
        #expect(result.status == .success, "\(result.errors)")
        let lines = try jsonLines(result.output)
        #expect(lines.count == 1)
        #expect(lines[0]["line"] as? Int == 3)
        #expect(lines[0]["payable"] as? Int == 195)
        #expect(result.errors.contains(#""skipped": 1"#))
    }

    @Test(arguments: ["参保日期", "登记时间", "办理年月日", "signed_on"])
    func aDateColumnPremiumDoesNotReadStopsTheRun(header: String) {
        let result = runBatch(["--input-format", "csv"], input: "姓名,地区,\(header)\n张三,beita,2020-11-01\n")
        #expect(result.status == .dataError)
        #expect(result.output.isEmpty)
        #expect(result.errors.contains("'\(header)'"), "\(result.errors)")
        #expect(runBatch(["--input-format", "csv", "--carry", header], input: "姓名,地区,\(header)\n张三,beita,2020-11-01\n").status == .success)
    }

    @Test func datesAsExcelAndWPSWriteThem() throws {
        // 2020-11-19 was a Thursday; 44154 is its Excel serial.
        let input = "地区,缴费年月日\nbeita,44154.0\nbeita,2020年11月19日星期四\nbeita,2020-11-19 周四\nbeita,2020/11/19（星期四）\nbeita,2020年11月19日星期五\nbeita,44154.5\nbeita,19/11/2020\n"
        let lines = try jsonLines(runBatch(["--input-format", "csv"], input: input).output)
        #expect(lines.map { $0["paid_on"] as? String } == ["2020-11-19", "2020-11-19", "2020-11-19", "2020-11-19", nil, nil, nil])
        #expect(CivilDate(clerkText: "2021年1月3日星期日") == CivilDate(year: 2021, month: 1, day: 3))
        #expect(CivilDate(clerkText: "2021年1月3日星期天") == CivilDate(year: 2021, month: 1, day: 3))
        #expect(CivilDate(clerkText: "2021年1月3日星期一") == nil)
    }

    @Test func aCSVRosterReadAsJSONLinesStopsWithTheFlagToAdd() {
        let result = runBatch([], input: "姓名,地区,人员类别\n张三,beita,低保\n")
        #expect(result.status == .dataError)
        #expect(result.output.isEmpty)
        #expect(result.errors.contains("add --input-format csv"), "\(result.errors)")
        // A JSON Lines file whose first line is broken JSON is still read line by line.
        let broken = runBatch([], input: "{\"region\":\"beita\",\n{\"region\":\"beita\"}\n")
        #expect(broken.status == .dataError)
        #expect(broken.output.split(separator: "\n").count == 2)
    }
}

/// Issue 14: what a second clerk-style check of the binary found.
struct SecondClerkCheckTests {
    @Test(arguments: ["类型", "缴费", "人员身份", "付款日"])
    func aChineseHeaderPremiumDoesNotKnowStopsTheRun(header: String) {
        let input = "姓名,地区,缴费日期,\(header)\n甲,北塔区,2020/11/19,低保\n"
        let result = runBatch(["--input-format", "csv"], input: input)
        #expect(result.status == .dataError)
        #expect(result.output.isEmpty)
        #expect(result.errors.contains("--carry '\(header)'"), "\(result.errors)")
        #expect(runBatch(["--input-format", "csv", "--carry", header], input: input).status == .success)
        // Columns rosters have that no quote reads are carried; ASCII ones too (a script's).
        let usual = runBatch(["--input-format", "csv"], input: "序号,姓名,性别,联系电话,备注,note,地区\n1,甲,女,138,无,x,beita\n")
        #expect(usual.status == .success, "\(usual.errors)")
    }

    @Test func situationsByTheirShortHeaders() throws {
        // beita 2021 二(一)2: a household joining in January is covered from the 1st (extension route).
        let input = "地区,缴费日期,以户参保,退役军人\nbeita,2021-01-15,是,\nbeita,2021-01-15,,\n"
        let lines = try jsonLines(runBatch(["--input-format", "csv"], input: input).output)
        #expect(lines.map { $0["benefit_start"] as? String } == ["2021-01-01", "2021-02-01"])
    }

    @Test func anErrorRowAClerkFixedInTheOutputIsPricedAgain() throws {
        let first = runBatch(["--input-format", "csv", "--output-format", "csv"], input: "姓名,地区,缴费日期\n甲,beita,2020-13-01\n乙,beita,2020-11-01\n").output
        var rows = first.split(separator: "\n").map(String.init)
        let header = rows[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var cells = rows[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[header.firstIndex(of: "paid_on")!] = "2020-11-20"
        cells[header.firstIndex(of: "region")!] = "beita"
        rows[1] = cells.joined(separator: ",")
        let again = try jsonLines(runBatch(["--input-format", "csv"], input: rows.joined(separator: "\n") + "\n").output)
        #expect(again[0]["error"] == nil, "\(again[0])")
        #expect(again[0]["paid_on"] as? String == "2020-11-20")
        #expect(again[1]["payable"] as? Int == 280)
    }

    @Test func aCommaInATabSeparatedCellIsQuotedInTheOutput() {
        let result = runBatch(["--input-format", "csv", "--output-format", "csv"], input: "姓名\t地区\t备注\n张桂芳\tbeita\t已核实,待缴\n")
        let rows = result.output.split(separator: "\n")
        #expect(rows[1].hasPrefix(#"2,张桂芳,"已核实,待缴",beita,"#), "\(rows[1])")
        #expect(runBatch(["--input-format", "csv"], input: result.output).status == .success)
    }

    @Test func aGBKFileThatHappensToBeValidUTF8IsReadAsGBK() throws {
        // 郑英 in GBK is D6 A3 D3 A2: valid UTF-8 (U+05A3 U+04E2), but no Chinese.
        var bytes = Array("name,region\r\n".utf8) + [0xD6, 0xA3, 0xD3, 0xA2] + Array(",beita\r\n".utf8)
        bytes += [0xD0, 0xBB, 0xCE, 0xB0] + Array(",beita\r\n".utf8)   // 谢伟
        var source = MemorySource(bytes)
        var output = "", errors = ""
        _ = PremiumCLI.run(["batch", "--input-format", "csv", "--summary"], environment: englishLocale, input: &source, output: &output, errors: &errors)
        let lines = try jsonLines(output)
        #expect(lines.map { $0["name"] as? String } == ["郑英", "谢伟"])
        #expect(errors.contains("GB18030"))
    }

    @Test func aMisspeltJSONKeyIsAnErrorOnItsLine() throws {
        let input = #"{"region":"beita","catgory":"低保"}"# + "\n" + #"{"region":"beita","hosehold":true}"# + "\n"
            + #"{"region":"beita","id":"x","name":"张三","village":"塘村","note":"n"}"# + "\n"
        let lines = try jsonLines(runBatch([], input: input).output)
        #expect(lines[0]["error"] as? String == "field 'catgory' is not known; did you mean 'category'? (other fields are carried as they are)")
        #expect((lines[1]["error"] as? String)?.contains("'household'") == true)
        #expect(lines[2]["payable"] as? Int == 280)
        // Records whose keys follow the order of one already checked skip the check; a
        // misspelt key repeated on every line, or one after clean lines, is still found.
        let clean = #"{"region":"beita","id":"x","note":"n"}"#, misspelt = #"{"region":"beita","id":"x","catgory":"低保"}"#
        let repeated = try jsonLines(runBatch([], input: [misspelt, misspelt, clean, clean, misspelt].joined(separator: "\n") + "\n").output)
        #expect(repeated.map { ($0["error"] as? String)?.contains("'catgory'") == true } == [true, true, false, false, true])
    }

    @Test func batchMessagesNameTheColumnAsTheClerkKnowsIt() throws {
        var source = MemorySource(Array("地区,缴费日期\nbeita,2021-13-01\n,2021-01-01\n".utf8))
        var output = "", errors = ""
        _ = PremiumCLI.run(["batch", "--input-format", "csv"], environment: [:], input: &source, output: &output, errors: &errors)
        let lines = try jsonLines(output)
        #expect((lines[0]["error"] as? String)?.hasPrefix("缴费日期“2021-13-01”不是有效的日期") == true, "\(lines[0])")
        #expect(lines[1]["error"] as? String == "缺少地区（例如 北塔区 或 beita）")
    }
}
