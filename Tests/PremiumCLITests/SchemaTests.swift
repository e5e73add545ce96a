import Foundation
import PolicyKit
@testable import PremiumCLI
@testable import PremiumBatch
@testable import ResidentIO
import Testing

/// The JSON Schemas in `schemas/` validate real output of the built binary and every
/// PolicyData file, with Python's `jsonschema` (a test-time tool from PyPI).
///
/// Without it the suite is skipped, so `swift test` works with only Swift installed;
/// CI sets `PREMIUM_REQUIRE_SCHEMA_TESTS=1`, which turns a missing validator into a failure.
struct SchemaTests {
    static let python: String? = {
        let environment = ProcessInfo.processInfo.environment
        let onPath: [String] = (environment["PATH"] ?? "/usr/bin").split(separator: ":").map { String($0) + "/python3" }
        let candidates: [String] = [environment["PREMIUM_PYTHON"]].compactMap { $0 } + onPath
        return candidates.first { path in
            guard FileManager.default.isExecutableFile(atPath: path),
                  let result = try? runBinary(["-c", "import jsonschema, referencing"], binary: URL(fileURLWithPath: path)) else { return false }
            return result.status == 0
        }
    }()
    static let required = ProcessInfo.processInfo.environment["PREMIUM_REQUIRE_SCHEMA_TESTS"] == "1"
    static let schemas = packageRoot.appendingPathComponent("schemas")

    /// Runs the validator; returns its exit status and report.
    static func validate(_ schema: String, _ files: [URL], lines: Bool = false) throws -> (status: Int32, report: String) {
        let python = try #require(python, "install jsonschema (pip install jsonschema) or set PREMIUM_PYTHON")
        let script = packageRoot.appendingPathComponent("scripts/validate-json.py").path
        let result = try runBinary([script] + (lines ? ["--lines"] : []) + [schemas.appendingPathComponent(schema).path] + files.map(\.path),
                                   binary: URL(fileURLWithPath: python))
        return (result.status, String(decoding: result.output, as: UTF8.self) + result.errors)
    }

    /// Writes each output of the built binary to a file in a fresh directory.
    static func outputs(_ runs: [[String]], stdin: Data = Data()) throws -> [URL] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("premium-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try runs.enumerated().map { index, arguments in
            let result = try runBinary(arguments, stdin: stdin)
            #expect(result.output.count > 0, "\(arguments): \(result.errors)")
            let file = directory.appendingPathComponent("\(index).json")
            try result.output.write(to: file)
            return file
        }
    }

    /// Residents across all five regions: ordinary, subsidised, late, newborn, refused.
    static let residents: [[String]] = [
        ["--region", "beita", "--year", "2021", "--category", "dibao"],
        ["--region", "beita", "--year", "2021", "--category", "dibao", "--category", "doudi", "--paid-on", "2021-01-15", "--household"],
        ["--region", "beita", "--year", "2021", "--paid-on", "2021-03-10", "--special-case"],
        ["--region", "beita", "--year", "2021", "--student", "--school-entry", "2020-09-01", "--paid-on", "2020-09-20"],
        ["--region", "nancheng", "--year", "2021", "--tier", "2", "--category", "jiandang", "--paid-on", "2021-07-15"],
        ["--region", "nancheng", "--year", "2021", "--paid-on", "2021-10-01"],
        ["--region", "nanan", "--year", "2024", "--paid-on", "2024-03-15", "--category", "dibao-bianyuan", "--disabled"],
        ["--region", "nanan", "--year", "2024", "--paid-on", "2024-12-15"],
        ["--region", "nanan", "--year", "2024", "--born", "2024-02-29", "--paid-on", "2024-05-29"],
        ["--region", "dongzhi", "--year", "2021", "--unborn", "--category", "tuibu-yumin"],
        ["--region", "zhuji", "--year", "2023", "--paid-on", "2023-05-10", "--left-employee-insurance", "2022-12-31", "--category", "jiance"],
        ["--region", "zhuji", "--year", "2023", "--paid-on", "2022-08-01"],
    ]

    @Test(.enabled(if: python != nil || required, "needs python3 with jsonschema")) func policyDataMatchesItsSchema() throws {
        let all = try PolicyStore.files(in: packageRoot.appendingPathComponent("PolicyData").path)
        let files = all.filter { !PolicyCases.isCaseFile($0.path) }.map { packageRoot.appendingPathComponent("PolicyData/" + $0.path) }
        let cases = all.filter { PolicyCases.isCaseFile($0.path) }.map { packageRoot.appendingPathComponent("PolicyData/" + $0.path) }
        #expect(!files.isEmpty)
        #expect(!cases.isEmpty)
        let result = try Self.validate("policy.schema.json", files)
        #expect(result.status == 0, "\(result.report)")
        let caseResult = try Self.validate("cases.schema.json", cases)
        #expect(caseResult.status == 0, "\(caseResult.report)")
    }

    @Test(.enabled(if: python != nil || required, "needs python3 with jsonschema")) func quoteAndExplainOutputMatchTheirSchemas() throws {
        let quotes = try Self.outputs(Self.residents.map { ["quote"] + $0 + ["--json"] } + Self.residents.prefix(3).map { ["quote"] + $0 + ["--json", "--lang", "en"] })
        let quoteResult = try Self.validate("quote.schema.json", quotes)
        #expect(quoteResult.status == 0, "\(quoteResult.report)")
        let explanations = try Self.outputs(Self.residents.map { ["explain"] + $0 + ["--json"] })
        let explainResult = try Self.validate("explain.schema.json", explanations)
        #expect(explainResult.status == 0, "\(explainResult.report)")

        // The schema can fail: a quote whose payable is text, or that has a key too many.
        let broken = quotes[0].deletingLastPathComponent().appendingPathComponent("broken.json")
        let text = try String(contentsOf: quotes[0], encoding: .utf8)
        try text.replacingOccurrences(of: "\"payable\": 195", with: "\"payable\": \"195\"").write(to: broken, atomically: true, encoding: .utf8)
        #expect(try Self.validate("quote.schema.json", [broken]).status == 1)
        try text.replacingOccurrences(of: "\"year\": 2021", with: "\"year\": 2021, \"payable_now\": 195").write(to: broken, atomically: true, encoding: .utf8)
        #expect(try Self.validate("quote.schema.json", [broken]).report.contains("'payable_now' was unexpected"))
    }

    @Test(.enabled(if: python != nil || required, "needs python3 with jsonschema")) func batchLinesMatchTheirSchema() throws {
        var roster = [
            #"{"id":1,"name":"张三","village":"北塔村","region":"beita","year":2021,"category":"dibao"}"#,
            #"{"id":2,"region":"nancheng","year":2021,"tier":2,"categories":["jiandang","dibao"],"paid_on":"2021-07-15"}"#,
            #"{"id":3,"region":"nanan","year":2024,"paid_on":"2024-12-15"}"#,
            #"{"id":4,"region":"dongzhi","year":2021,"unborn":true}"#,
            #"{"id":5,"region":"zhuji","year":2023,"paid_on":"2023-05-10","left_employee_insurance":"2022-12-31"}"#,
            #"{"id":6,"region":"beita","year":2021,"paid_on":"2021-02-30"}"#,
            #"{"id":7,"region":"nowhere"}"#,
            "not json", "", #"{"region":"beita","year":2021,"category":"dibao""#,
        ].joined(separator: "\n") + "\n"
        roster += roster
        let files = try Self.outputs([["batch"], ["batch", "--full"], ["batch", "--lang", "en"]], stdin: Data(roster.utf8))
        for file in files {
            #expect(try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).count == 21)
        }
        let result = try Self.validate("batch-line.schema.json", files, lines: true)
        #expect(result.status == 0, "\(result.report)")
    }

    @Test(.enabled(if: python != nil || required, "needs python3 with jsonschema")) func batchSummaryMatchesItsSchema() throws {
        let roster = Data(BatchSummaryTests.roster.utf8)
        let runs = [["zh"], ["en"]].map { ["batch", "--output", "/dev/null", "--summary-format", "json", "--summary-file", "/dev/stdout", "--lang"] + $0 }
        let csv = Data("姓名,村,人员类别,缴费日期,地区,年度\n张三,姜山,低保,2022-11-10,朱集镇,2023\n李四,刘寨村,,2023-03-15,朱集镇,2023\n\n王五,南村,特困,,北塔区,2021\n赵六,,x,,北塔区,2021\n".utf8)
        let files = try Self.outputs(runs, stdin: roster)
            + Self.outputs([["batch", "--input-format", "csv", "--output", "/dev/null", "--summary-format", "json", "--summary-file", "/dev/stdout"]], stdin: csv)
        let result = try Self.validate("batch-summary.schema.json", files)
        #expect(result.status == 0, "\(result.report)")
    }
}
