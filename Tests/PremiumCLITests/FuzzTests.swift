import Foundation
import PolicyKit
@testable import PremiumCLI
@testable import PremiumBatch
@testable import ResidentIO
import Testing
import TestSupport

/// Random argv and random batch input never trap; every input gets a result or one
/// clear error with a documented exit status. Fixed seeds; `PREMIUM_FUZZ_CASES` for more.
struct FuzzTests {
    static let documented: Set<ExitCode> = [.success, .notEnrollable, .usage, .dataError, .noInput, .cantCreate, .ioError]

    static let words = [
        "quote", "batch", "help", "--region", "beita", "北塔区", "nancheng", "nanan", "dongzhi", "zhuji", "朱集",
        "--category", "dibao", "低保", "tekun", "jiandang", "tuibu-yumin", "--paid-on", "2021-02-30", "2024-02-29",
        "2021-07-01", "--born", "2021-03-01", "--tier", "2", "3", "--json", "--lang", "en", "zh", "--year", "2021",
        "--household", "--student", "--school-entry", "--unborn", "--migrant-worker", "--left-employee-insurance",
        "--recognized-on", "--disabled", "--", "-", "--x", "-h", "", " ", "🙂", "\u{0}", "--region=", "--tier=1",
        String(repeating: "长", count: 5000), "--policy-dir", "/nonexistent",
    ]

    @Test func randomArgumentsNeverTrap() {
        var rng = SeededRandom(seed: 64)
        for _ in 0..<fuzzCases(3000) {
            let count = Int.random(in: 0...8, using: &rng)
            let arguments = (0..<count).map { _ in Self.words.randomElement(using: &rng)! }
            let result = runCLI(arguments)
            #expect(Self.documented.contains(result.status), "\(arguments)")
            if result.status == .success || result.status == .notEnrollable {
                #expect(result.errors.isEmpty, "\(arguments)")
            } else {
                #expect(result.output.isEmpty, "\(arguments)")
                // English, or Chinese where the arguments say `--lang zh`.
                #expect(result.errors.hasPrefix("premium: error: ") || result.errors.hasPrefix("premium: 错误："), "\(arguments)")
                #expect(result.errors.split(separator: "\n").count <= 2, "\(arguments)")
            }
        }
    }

    static let fragments: [[UInt8]] = [
        Array(#"{"region":"beita","category":"dibao"}"#.utf8),
        Array(#"{"region":"nanan","paid_on":"2024-07-01","categories":["dibao",1]}"#.utf8),
        Array(#"{"region":"zhuji","born":null,"paid_on":"2023-03-01","migrant_worker":true}"#.utf8),
        Array(#"{"region":1,"year":"x","tier":[2]}"#.utf8),
        Array(#"{"region":"dongzhi","nested":{"a":{"b":[{},[],"\u00e9"]}},"id":"\"q\""}"#.utf8),
        Array(#"{"region":"beita""#.utf8), Array(#"{"#.utf8), Array(#"}"#.utf8), Array("[]".utf8), Array("null".utf8),
        [0xFF, 0xC3, 0x28], [0x00, 0x00], Array("{\"name\":\"\u{0}\"}".utf8), Array("\r".utf8),
        Array(#"{"region":"beita","region":"nanan"}"#.utf8), Array(#"{"region":"nancheng","tier":"2","category":"jiandang","paid_on":"2021-09-30"}"#.utf8),
        // Issue 12: escaped and duplicate keys, strict numbers and truth values, echoes.
        Array(#"{"c\u0061tegory":"dibao","r\u0065gion":"beita","n\u0061me":"\u001b[2J"}"#.utf8),
        Array(#"{"id":"a","id":"b","region":"zhuji"}"#.utf8), Array(#"{"id":01,"region":"beita"}"#.utf8),
        Array(#"{"id":-1.5e+2,"region":"beita","household":"maybe"}"#.utf8),
        Array(#"{"region":"zhuji","migrant_worker":"是","left_other_scheme":0}"#.utf8),
        Array("{\"region\":\"\(String(repeating: "北", count: 300))\"}".utf8),
    ]

    @Test func randomBatchInputKeepsEveryLine() throws {
        var rng = SeededRandom(seed: 65)
        for round in 0..<fuzzCases(300) {
            var input: [UInt8] = []
            let lines = Int.random(in: 1...30, using: &rng)
            for _ in 0..<lines {
                var line = Self.fragments.randomElement(using: &rng)!
                if Int.random(in: 0..<5, using: &rng) == 0 { line = Array(line.prefix(Int.random(in: 0...line.count, using: &rng))) }
                if round % 100 == 0, Int.random(in: 0..<20, using: &rng) == 0 {
                    line = Array(#"{"region":"beita","pad":""#.utf8) + Array(repeating: 120, count: 1 << 20) + Array(#""}"#.utf8)
                }
                line.removeAll { $0 == 10 }
                input += line + (Bool.random(using: &rng) ? [13, 10] : [10])
            }
            var source = MemorySource(input)
            var output = "", errors = ""
            let status = PremiumCLI.run(["batch"], environment: englishLocale, input: &source, output: &output, errors: &errors)
            #expect(status == .success || status == .dataError)
            let outLines = output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(outLines.count == lines, "round \(round)")
            for (index, line) in outLines.enumerated() {
                let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                #expect(object?["line"] as? Int == index + 1, "round \(round)")
            }
        }
    }

    /// CSV of every shape issue 12 names: quotes inside unquoted fields, quoted fields
    /// with separators and line breaks, CR, LF and CRLF, blank and separator-only rows,
    /// and (in some rounds) an unterminated quote. Every row is answered or skipped.
    @Test func csvOfEveryShapeKeepsEveryRow() throws {
        var rng = SeededRandom(seed: 67)
        let cells = ["beita", "5\"5 inch", "\"a, \"\"b\"\"\"", "\"two\nlines\"", "\"cr\rlf\r\n\"", "", " ", "=1+1", "是", "yes"]
        for round in 0..<fuzzCases(150) {
            // One line ending per file: a CR row end followed by an LF blank row is a CRLF.
            let ending = ["\n", "\r", "\r\n"].randomElement(using: &rng)!
            var csv = "id,region,name,household" + ending
            let rows = Int.random(in: 1...25, using: &rng)
            var blank = 0
            for row in 0..<rows {
                switch Int.random(in: 0..<8, using: &rng) {
                case 0: csv += ",,," + ending; blank += 1
                case 1: csv += ending; blank += 1
                default:
                    csv += "r\(row)," + (0..<3).map { _ in cells.randomElement(using: &rng)! }.joined(separator: ",") + ending
                }
            }
            let unterminated = round % 10 == 0
            if unterminated { csv += "u,beita,\"never closed" + ending + "w,beita,x,no" + ending }
            let result = runBatch(["--input-format", "csv", "--summary", "--summary-format", "json"], input: csv)
            #expect(result.status == .success || result.status == .dataError, "\(csv.debugDescription)")
            let lines = try jsonLines(result.output)
            let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.errors.utf8)) as? [String: Any])
            let numbers = lines.compactMap { $0["line"] as? Int }
            #expect(numbers.count == lines.count && numbers == numbers.sorted() && Set(numbers).count == numbers.count)
            #expect(summary["skipped"] as? Int == blank, "\(csv.debugDescription)")
            #expect(lines.count == rows - blank + (unterminated ? 2 : 0), "\(csv.debugDescription)")
            if unterminated {
                #expect((lines[lines.count - 2]["error"] as? String)?.hasPrefix("unterminated quoted field") == true)
                #expect(lines.last?["id"] as? String == "w")
            }
        }
    }

    @Test func raggedCSVKeepsEveryRecord() throws {
        var rng = SeededRandom(seed: 66)
        for _ in 0..<fuzzCases(200) {
            var csv = "id,region,category,paid_on\n"
            let rows = Int.random(in: 1...20, using: &rng)
            for row in 0..<rows {
                let cells = ["r\(row)", ["beita", "nanan", "x"].randomElement(using: &rng)!, ["dibao", "", "a;b"].randomElement(using: &rng)!, ["", "2024-03-01", "bad"].randomElement(using: &rng)!]
                csv += cells.prefix(Int.random(in: 1...5, using: &rng)).joined(separator: ",") + (Bool.random(using: &rng) ? "\r\n" : "\n")
            }
            let result = runBatch(["--input-format", "csv"], input: csv)
            #expect(result.output.split(separator: "\n").count == rows)
        }
    }
}

/// `premium batch` gives, for every record, the answer `premium quote` gives.
struct BatchQuotePropertyTests {
    @Test func batchResultEqualsQuoteResult() throws {
        var rng = SeededRandom(seed: 99)
        let regions = ["beita", "nancheng", "nanan", "dongzhi", "zhuji"]
        for _ in 0..<fuzzCases(150) {
            let region = regions.randomElement(using: &rng)!
            let policy = try PolicyStore.embedded().policy(region: region)
            let category = Bool.random(using: &rng) ? policy.categories.randomElement(using: &rng)!.id : nil
            let paid = policy.routes.map(\.paid.from).min()!.adding(days: Int.random(in: 0...480, using: &rng))
            var record = #"{"region":"\#(region)","paid_on":"\#(paid)""#
            var arguments = ["quote", "--region", region, "--paid-on", paid.description, "--json"]
            if let category { record += #","category":"\#(category)""#; arguments += ["--category", category] }
            record += "}\n"
            let batch = try #require(try jsonLines(runBatch(["--full"], input: record).output).first)
            let quote = runCLI(arguments)
            var single = try #require(try JSONSerialization.jsonObject(with: Data(quote.output.utf8)) as? [String: Any])
            single["line"] = 1
            let a = try JSONSerialization.data(withJSONObject: batch, options: [.sortedKeys])
            let b = try JSONSerialization.data(withJSONObject: single, options: [.sortedKeys])
            #expect(a == b, "\(record)")
        }
    }
}
