import Foundation
import PolicyKit
@testable import PremiumCLI
@testable import PremiumBatch
@testable import ResidentIO
import Testing

/// Runs `premium batch` in-process on `input`.
func runBatch(_ arguments: [String], input: String, environment: [String: String] = [:]) -> (status: ExitCode, output: String, errors: String) {
    var source = MemorySource(Array(input.utf8))
    var output = "", errors = ""
    let status = PremiumCLI.run(["batch"] + arguments, environment: englishLocale.merging(environment) { $1 }, input: &source, output: &output, errors: &errors)
    return (status, output, errors)
}

/// A JSON number of yuan (as `JSONSerialization` reads it) in whole fen: exact for any
/// amount with at most two decimals below 2^53 fen.
func fen(_ value: Any?) -> Int {
    guard let number = value as? NSNumber else { return 0 }
    return Int((number.doubleValue * 100).rounded())
}

func jsonLines(_ text: String) throws -> [[String: Any]] {
    try text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map {
        try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
}

struct BatchCommandTests {
    static let roster = """
        {"id":"a","name":"张三","village":"姜山村","region":"beita","year":2021,"category":"dibao"}

        {"id":"b","village":"刘寨村","region":"nanan","year":2024,"paid_on":"2024-03-01","categories":["dibao","tekun"]}
        not json
        {"id":"c","region":"beita","year":2021,"paid_on":"2021-02-30"}
        {"id":"d","region":"dongzhi","year":2021,"paid_on":"2021-02-01","extra":{"a":[1,2]}}\r
        {"id":"e","region":"zhuji","year":2023,"category":"dibao","village":"姜山村"}
        {"id":"f","region":"zhuji","year":2023,"category":"nope"}
        {"id":"g","region":"nanan","year":2024,"category":"dushengzi","village":"刘寨村"}
        {"id":"h","region":"beita","year":2021,"category":"dibao","truncated":
        """

    @Test func oneLineOutPerLineInInOrderWithLineNumbers() throws {
        let result = runBatch([], input: Self.roster)
        let lines = try jsonLines(result.output)
        #expect(lines.count == 10)
        #expect(lines.map { $0["line"] as? Int } == Array(1...10))
        #expect(lines.map { $0["id"] as? String } == ["a", nil, "b", nil, "c", "d", "e", "f", "g", nil])
        #expect(lines[0]["payable"] as? Int == 195)                          // beita 二(四)5
        #expect(lines[1]["error"] as? String == "empty line")
        #expect(lines[2]["payable"] as? Int == 0)                            // nanan 特困 (best of two)
        #expect(lines[3]["error"] as? String == "not a JSON object")
        #expect(lines[4]["error"] as? String == "invalid date '2021-02-30' for paid_on: expected a real date such as 2022-01-05, 2022/1/5, 20220105 or 2022年1月5日")
        #expect(lines[5]["enrollable"] as? Bool == false)
        #expect(lines[5]["reason_code"] as? String == "closed")
        #expect(lines[6]["payable"] as? Int == 50)                           // zhuji 三(二)2(2)
        #expect((lines[7]["error"] as? String)?.hasPrefix("region 'zhuji' has no category 'nope'") == true)
        #expect(lines[8]["refund_later"] as? Int == 390)                     // nanan 五(三)
        #expect(lines[9]["error"] as? String == "invalid JSON value")
        #expect(result.status == .dataError)                                 // some records had errors
    }

    /// Records are scanned ahead in groups of `BatchCommand.stageSize` and the input is
    /// read in 64 KiB chunks; neither boundary may reorder, drop or renumber a line.
    @Test func readingAheadKeepsOrderAcrossGroupAndChunkBoundaries() throws {
        let copies = 700  // 7,000 lines, about 600 KB: many groups and ten chunks
        let single = try jsonLines(runBatch([], input: Self.roster).output)
        let lines = try jsonLines(runBatch([], input: Array(repeating: Self.roster, count: copies).joined(separator: "\n")).output)
        #expect(lines.count == single.count * copies)
        #expect(lines.map { $0["line"] as? Int } == Array(1...(single.count * copies)))
        for (index, line) in lines.enumerated() {
            let expected = single[index % single.count]
            guard line["id"] as? String == expected["id"] as? String, line["error"] as? String == expected["error"] as? String,
                  line["payable"] as? Int == expected["payable"] as? Int else {
                Issue.record("line \(index + 1) differs from line \(index % single.count + 1) of one roster: \(line)")
                return
            }
        }
    }

    @Test func carriedFieldsRoundTripByteForByte() {
        let input = #"{"id":"x1","name":"王 \"小\" 二","note":"a,b\nc","nested":{"k":[1,2.50,null,true]},"region":"dongzhi","year":2021,"category":"退捕渔民"}"# + "\n"
        let result = runBatch([], input: input)
        #expect(result.status == .success)
        #expect(result.output.hasPrefix(#"{"line":1,"id":"x1","name":"王 \"小\" 二","note":"a,b\nc","nested":{"k":[1,2.50,null,true]},"benefit_end":"2021-12-31""#))
        #expect(result.output.contains(#""payable":112,"#))                 // dongzhi 四(三)2: 40% of 280
        // Carried members next to each other are copied as one run; a known field or a
        // space between them splits the run, and the output has neither.
        let spaced = #"{"id":"x1","a":1, "b":2 ,"region":"dongzhi","c":[3],"d":"4","year":2021}"# + "\n"
        #expect(runBatch([], input: spaced).output.hasPrefix(#"{"line":1,"id":"x1","a":1,"b":2,"c":[3],"d":"4","benefit_end""#))
    }

    /// An ID number is read (it gives the birth date) and also kept in the output, in its
    /// place among the carried members, on the first line and on lines whose key order is
    /// already known.
    @Test func idNumbersAreKeptInJSONLinesOutput() throws {
        let line = #"{"id_number":"43051119880412677X","name":"梁秀","region":"beita","year":2021,"paid_on":"2020-11-19"}"#
        let result = runBatch([], input: line + "\n" + line + "\n")
        #expect(result.status == .success)
        for (number, output) in result.output.split(separator: "\n").enumerated() {
            #expect(output.hasPrefix(#"{"line":\#(number + 1),"id_number":"43051119880412677X","name":"梁秀","#))
        }
        #expect(try jsonLines(result.output).map { $0["payable"] as? Int } == [280, 280])   // beita 二(三): 280 in the window 二(二)
    }

    @Test func resultsEqualQuoteResultsForTheSameInputs() throws {
        let line = #"{"region":"nancheng","year":2021,"paid_on":"2021-08-01","tier":2,"category":"jiandang"}"#
        let batch = try #require(try jsonLines(runBatch(["--full"], input: line + "\n").output).first)
        let quote = runCLI(["quote", "--region", "nancheng", "--year", "2021", "--paid-on", "2021-08-01", "--tier", "2", "--category", "jiandang", "--json"])
        let single = try #require(try JSONSerialization.jsonObject(with: Data(quote.output.utf8)) as? [String: Any])
        var withoutLine = batch
        #expect(withoutLine.removeValue(forKey: "line") as? Int == 1)
        func canonical(_ object: [String: Any]) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
        #expect(try canonical(withoutLine) == canonical(single))
        #expect(batch["payable"] as? Int == 655 + 580 - 200)                 // 四(一)2 and 五(三)
    }

    @Test func summaryTotalsEqualTheSumOfTheLines() throws {
        let result = runBatch(["--summary", "--summary-format", "json"], input: Self.roster)
        let lines = try jsonLines(result.output)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.errors.utf8)) as? [String: Any])
        #expect(summary["records"] as? Int == 10)
        #expect(summary["rejected"] as? Int == lines.filter { $0["error"] != nil }.count)
        let regions = try #require(summary["regions"] as? [[String: Any]])
        // One summary per region-year, by id: never one total mixing regions.
        #expect(regions.map { "\($0["region"]!) \($0["year"]!)" } == ["beita 2021", "dongzhi 2021", "nanan 2024", "zhuji 2023"])
        for region in regions {
            let priced = lines.filter { $0["error"] == nil && $0["region"] as? String == region["region"] as? String }
            let totals = try #require(region["totals"] as? [String: Any])
            #expect(fen(totals["payable"]) == priced.map { fen($0["payable"]) }.reduce(0, +))
            #expect(totals["enrollable"] as? Int == priced.filter { $0["enrollable"] as? Bool == true }.count)
        }
        let nanan = try #require(regions.first { $0["region"] as? String == "nanan" }?["totals"] as? [String: Any])
        #expect(nanan["refund_later"] as? Int == 390)
        let byFunder = try #require(nanan["subsidy_by_funder"] as? [[String: Any]])
        #expect(byFunder.map { $0["name"] as? String } == ["city finance bureau", "city health commission (refund)"])
        let zhuji = try #require(regions.first { $0["region"] as? String == "zhuji" }?["villages"] as? [[String: Any]])
        let jiangshan = try #require(zhuji.first { $0["name"] as? String == "姜山村" })
        #expect(fen((jiangshan["totals"] as? [String: Any])?["payable"]) == 50 * 100)
        let nananVillages = try #require(regions.first { $0["region"] as? String == "nanan" }?["villages"] as? [[String: Any]])
        #expect((nananVillages.first { $0["name"] as? String == "刘寨村" }?["totals"] as? [String: Any])?["residents"] as? Int == 2)
    }

    @Test func csvInWithBOMQuotingAndRaggedRows() throws {
        let csv = "\u{FEFF}id,name,region,category,paid_on\r\nc1,\"李, 四\",beita,低保;建档立卡,\r\nc2,\"say \"\"hi\"\"\nthere\",nanan,,2024-03-01\r\nc3,short\r\n"
        let result = runBatch(["--input-format", "csv"], input: csv)
        let lines = try jsonLines(result.output)
        #expect(lines.count == 3)
        #expect(lines[0]["line"] as? Int == 2)
        #expect(lines[0]["name"] as? String == "李, 四")
        #expect(lines[0]["payable"] as? Int == 195)                          // beita 二(四)6: 建档立卡 on 低保 get 二(四)5's 85
        #expect(lines[1]["name"] as? String == "say \"hi\"\nthere")
        #expect(lines[1]["benefit_start"] as? String == "2024-05-01")        // nanan 二(二) 60-day wait
        #expect(lines[2]["line"] as? Int == 5)
        #expect(lines[2]["error"] as? String == "expected 5 columns, got 2")
    }

    @Test func csvOutWithBOMQuotesCarriedFields() {
        let csv = "id,name,region,category\nc1,\"李, 四\",beita,dibao\n"
        let result = runBatch(["--input-format", "csv", "--output-format", "csv", "--bom"], input: csv)
        let rows = result.output.split(separator: "\n").map(String.init)
        #expect(result.output.hasPrefix("\u{FEFF}line,id,name,region,year,categories"))
        #expect(rows.count == 2)
        #expect(rows[1].hasPrefix("2,c1,\"李, 四\",beita,2021,dibao,1,2020-09-01,true,280,580,0,85,dibao,195,0,2021-01-01,2021-12-31,0,centralised,,,"))
    }

    /// JSON Lines in, CSV out: the header names the carried columns of the first record
    /// that could be read, even when the lines before it are errors (not JSON, blank, a
    /// misspelt field); those are written after the header, in their place.
    @Test func csvOutKeepsCarriedColumnsWhenTheFirstLinesAreErrors() {
        let good = #"{"id_number":"43051119880412677X","name":"梁秀","region":"beita","year":2021,"paid_on":"2020-11-19"}"#
        let input = ["not json", "", #"{"name":"x","region":"beita","year":2021,"paid_onn":"2020-11-19"}"#, good, "{"].joined(separator: "\n") + "\n"
        let result = runBatch(["--output-format", "csv"], input: input)
        let rows = result.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(rows[0].hasPrefix("line,id_number,name,region,year,"))
        #expect(rows.count == 7)   // header, five lines, the final newline
        #expect(rows[1].hasPrefix("1,,,,") && rows[1].hasSuffix("not a JSON object"))
        #expect(rows[2].hasPrefix("2,,,,") && rows[2].hasSuffix("empty line"))
        #expect(rows[3].hasPrefix("3,,,,") && rows[3].contains("did you mean 'paid_on'?"))
        // beita 二(三): 280 in the window 二(二); the ID number keeps its tab for Excel.
        #expect(rows[4].hasPrefix("4,\t43051119880412677X,梁秀,beita,2021,,1,2020-11-19,true,280,"))
        #expect(rows[5].hasPrefix("5,,,,") && rows[5].hasSuffix("expected a key in quotes"))
        #expect(result.status == .dataError)
        // A roster of errors only still gets a header, and every line.
        let errors = runBatch(["--output-format", "csv"], input: "x\ny\n")
        #expect(errors.output.split(separator: "\n").map { $0.prefix(2) } == ["li", "1,", "2,"])
    }

    @Test func invalidUTF8AndHugeLinesStillGiveOneLineEach() throws {
        var input = Array(#"{"region":"beita","year":2021,"name":""#.utf8) + [0xFF, 0xFE] + Array("\"}\n".utf8)
        input += Array(#"{"region":"beita","year":2021,"pad":""#.utf8) + Array(repeating: UInt8(ascii: "x"), count: 1_000_000) + Array("\"}\n".utf8)
        var source = MemorySource(input)
        var output = "", errors = ""
        let status = PremiumCLI.run(["batch"], environment: englishLocale, input: &source, output: &output, errors: &errors)
        let lines = try jsonLines(output)
        #expect(lines.count == 2)
        #expect(lines[0]["error"] as? String == "not valid UTF-8")
        #expect(lines[1]["payable"] as? Int == 280)
        #expect(status == .dataError)
    }

    @Test func badEscapesAndBareControlCharactersInAnyFieldAreErrors() throws {
        // Carried fields are copied byte for byte, so they must be valid JSON themselves.
        let input = #"{"note":"a\qb","region":"beita","year":2021}"# + "\n" + #"{"note":"\u12G4","region":"beita","year":2021}"# + "\n"
            + "{\"note\":\"tab\there\",\"region\":\"beita\"}\n" + #"{"note":"ok \u00e9 \" \\ \/","region":"beita","year":2021}"# + "\n"
        let lines = try jsonLines(runBatch([], input: input).output)
        #expect(lines.map { $0["error"] as? String } == ["invalid JSON value", "invalid JSON value", "invalid JSON value", nil])
        #expect(lines[3]["note"] as? String == "ok é \" \\ /")
        #expect(lines[3]["payable"] as? Int == 280)                          // beita 二(三)
    }

    @Test func batchBinaryReadsAFileAndStdin() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("premium-batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("roster.jsonl")
        try Data(#"{"region":"zhuji","year":2023,"category":"jiance"}"#.utf8).write(to: file)
        let fromFile = try runBinary(["batch", file.path])
        #expect(fromFile.status == 0)
        #expect(String(decoding: fromFile.output, as: UTF8.self).contains(#""payable":175"#))   // zhuji 三(二)2(2)
        let fromStdin = try runBinary(["batch", "-"], stdin: Data(#"{"region":"zhuji","year":2023,"category":"jiance"}"#.utf8))
        #expect(fromStdin.output == fromFile.output)
        let missing = try runBinary(["batch", directory.appendingPathComponent("nope.jsonl").path])
        #expect(missing.status == 66)
        #expect(missing.output.isEmpty)
    }
}
