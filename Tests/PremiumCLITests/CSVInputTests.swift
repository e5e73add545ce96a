import Foundation
import PolicyKit
@testable import PremiumCLI
@testable import PremiumBatch
@testable import ResidentIO
import Testing

/// Issue 12, item 3: CSV as Excel and Python read it.
struct CSVInputTests {
    static let header = "id,name,region,category"

    func run(_ csv: String, _ extra: [String] = []) throws -> (lines: [[String: Any]], result: (status: ExitCode, output: String, errors: String)) {
        let result = runBatch(["--input-format", "csv"] + extra, input: csv)
        return (try jsonLines(result.output), result)
    }

    @Test func aQuoteInsideAnUnquotedFieldIsALiteralCharacter() throws {
        let (lines, _) = try run(Self.header + "\na1,5\"5 inch,beita,dibao\na2,\"x\"y,beita,dibao\n")
        #expect(lines.map { $0["name"] as? String } == ["5\"5 inch", "xy"])
        #expect(lines.map { $0["payable"] as? Int } == [195, 195])
    }

    @Test func anUnterminatedQuoteEndsAtItsLineAndLaterRowsAreRead() throws {
        let (lines, _) = try run(Self.header + "\na1,\"never closed,beita,dibao\na2,ok,beita,dibao\na3,ok,beita,dibao")
        #expect(lines.count == 3)
        #expect(lines.map { $0["line"] as? Int } == [2, 3, 4])
        #expect((lines[0]["error"] as? String)?.hasPrefix("unterminated quoted field") == true)
        #expect(lines[1]["id"] as? String == "a2")
        #expect(lines[2]["payable"] as? Int == 195)
    }

    @Test func anOpenQuoteIsCutAtItsLineOnceTheRecordPassesTheLimit() throws {
        // No closing quote comes for over 1 MiB: the row is cut at its own line end.
        let row = "a2,ok,beita,dibao\n"
        let rows = BatchRun.lineLimit / row.utf8.count + 100
        let (lines, _) = try run(Self.header + "\na1,\"never closed,beita,dibao\n" + String(repeating: row, count: rows))
        #expect(lines.count == rows + 1)
        #expect((lines[0]["error"] as? String)?.hasPrefix("unterminated quoted field") == true)
        #expect(lines[1]["line"] as? Int == 3)
        #expect(lines.last?["line"] as? Int == rows + 2)
        #expect(lines.last?["payable"] as? Int == 195)
    }

    @Test("CR, LF and CRLF all end a line", arguments: ["\n", "\r", "\r\n"])
    func everyLineEnding(ending: String) throws {
        let csv = [Self.header, "a1,\"two\(ending)lines\",beita,dibao", "a2,x,beita,dibao", ""].joined(separator: ending)
        let (lines, _) = try run(csv)
        #expect(lines.map { $0["line"] as? Int } == [2, 4])
        #expect(lines[0]["name"] as? String == "two\(ending)lines")
        #expect(lines[1]["payable"] as? Int == 195)
    }

    @Test func aCRLFSplitAcrossChunksIsOneLineBreak() throws {
        // The header is padded so that a CR falls on the last byte of the first 64 KiB.
        let pad = String(repeating: "p", count: BatchRun.chunkSize - 2 - "id,region,category,".utf8.count)
        let csv = "id,region,category," + pad + "\r\na1,beita,dibao,\r\n"
        let (lines, result) = try run(csv, ["--summary", "--summary-format", "json"])
        #expect(lines.map { $0["line"] as? Int } == [2])
        #expect(result.errors.contains("\"skipped\": 0"))
    }

    @Test func blankRowsAndRowsOfSeparatorsAreSkippedAndCounted() throws {
        let csv = Self.header + "\n\n,,,\n  ,\t,,\na1,x,beita,dibao\n\r\n"
        let (lines, result) = try run(csv, ["--summary", "--summary-format", "json"])
        #expect(lines.map { $0["line"] as? Int } == [5])
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.errors.utf8)) as? [String: Any])
        #expect(summary["skipped"] as? Int == 4)
        #expect(summary["records"] as? Int == 1)
        #expect(result.status == .success)
    }

    @Test func nDataRowsGiveNLines() throws {
        var csv = Self.header + "\n"
        for index in 0..<500 {
            switch index % 5 {
            case 0: csv += "r\(index),\"q\"\"uoted\",beita,dibao\r\n"
            case 1: csv += "r\(index),short\n"
            case 2: csv += "r\(index),\"multi\rline\",nanan,dibao\r"
            case 3: csv += "r\(index),5\"5,zhuji,nope\n"
            default: csv += "r\(index),x,dongzhi,dibao\n"
            }
        }
        let (lines, _) = try run(csv)
        #expect(lines.count == 500)
        #expect(lines.map { $0["id"] as? String ?? "?" }.filter { $0 != "?" }.count == 400)  // the short rows have no id
    }

    @Test func aDuplicateHeaderIsAnErrorForTheRun() {
        let result = runBatch(["--input-format", "csv"], input: "id,region,id\n1,beita,2\n")
        #expect(result.status == .dataError)
        #expect(result.output.isEmpty)
        #expect(result.errors == "premium: error: CSV header names column 'id' twice\n")
    }
}

/// Issue 12, item 5: lines over 1 MiB are error lines, skipped in linear time.
struct LongLineTests {
    @Test("a line over 1 MiB is an error line and the next lines are read", arguments: [false, true])
    func longLinesAreSkipped(csv: Bool) throws {
        let long = String(repeating: "y", count: 3 << 20)
        let input = csv
            ? "id,region,category\na,beita,\(long)\nb,beita,dibao\nc,\"\(long)\nd,beita,dibao\n"
            : "{\"region\":\"beita\",\"x\":\"\(long)\"}\n{\"region\":\"beita\"}\r\n{\"x\":\"\(long)\n{\"region\":\"beita\"}\n"
        let lines = try jsonLines(runBatch(csv ? ["--input-format", "csv"] : [], input: input).output)
        #expect(lines.map { $0["line"] as? Int } == (csv ? [2, 3, 4, 5] : [1, 2, 3, 4]))
        #expect(lines.map { $0["error"] as? String } == [BatchRun.tooLongMessage.en, nil, BatchRun.tooLongMessage.en, nil])
    }

    @Test func aLineJustUnderTheLimitIsPriced() throws {
        let padding = BatchRun.lineLimit - #"{"region":"beita","x":""}"#.utf8.count
        let input = #"{"region":"beita","x":""# + String(repeating: "y", count: padding) + "\"}\n"
        let lines = try jsonLines(runBatch([], input: input).output)
        #expect(lines.first?["payable"] as? Int == 280)
    }
}

/// Records of only carried fields share one cache entry with an empty key; the
/// result must survive the cache being reserved after the first 64 KiB.
struct CarriedOnlyRecordTests {
    @Test func errorLinesStayTextPastTheFirstChunk() throws {
        let output = runBatch([], input: String(repeating: #"{"id":"x"}"# + "\n", count: 10_000)).output
        #expect(!output.utf8.contains(0))
        let lines = try jsonLines(output)
        #expect(lines.count == 10_000)
        #expect(Set(lines.map { $0["error"] as? String ?? "?" }).count == 1)
        #expect(lines.last?["line"] as? Int == 10_000)
    }
}

/// Issue 12, item 7: CSV output cannot smuggle a formula into a spreadsheet.
struct CSVOutputTests {
    @Test func textCellsStartingWithAFormulaCharacterAreNeutralised() {
        let csv = "id,name,note,amount,region,category\n=1+1,@SUM(A1),+cmd|' /C calc'!A0,-5,beita,dibao\n"
        let rows = runBatch(["--input-format", "csv", "--output-format", "csv"], input: csv).output.split(separator: "\n")
        #expect(rows[0].hasPrefix("line,id,name,note,amount,region"))
        #expect(rows[1].hasPrefix("2,'=1+1,'@SUM(A1),'+cmd|' /C calc'!A0,-5,beita,2021,dibao,"))  // -5 is a number
        #expect(CSV.neutralised("-1.5") == "-1.5")
        #expect(CSV.neutralised("-x") == "'-x")
        #expect(CSV.neutralised("\tA") == "'\tA")
        #expect(CSV.neutralised("a=b") == "a=b")
    }
}
