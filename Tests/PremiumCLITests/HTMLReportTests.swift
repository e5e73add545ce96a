import Foundation
import PolicyKit
@testable import PremiumCLI
@testable import PremiumBatch
import Testing

/// `batch --report FILE.html`: one self-contained page whose figures are the JSON
/// summary's, every roster text escaped, written like `--output`, and rendered by a real
/// browser (headless Chromium, where it is installed; CI sets
/// `PREMIUM_REQUIRE_CHROMIUM=1`, which turns a missing browser into a failure).
struct HTMLReportTests {
    static let chromium: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            for name in ["chromium", "chromium-browser", "google-chrome"] {
                let candidate = "\(directory)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }()
    static let chromiumRequired = ProcessInfo.processInfo.environment["PREMIUM_REQUIRE_CHROMIUM"] == "1"

    /// Runs batch with `--report` into a scratch directory; returns the page and the JSON summary.
    static func report(_ arguments: [String] = [], input: String = BatchSummaryTests.roster) throws -> (html: String, summary: [String: Any], path: String) {
        let directory = try scratchDirectory("report")
        let path = directory.path + "/汇总.html"
        let result = runBatch(["--report", path, "--summary-format", "json"] + arguments, input: input)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.errors.utf8)) as? [String: Any], "\(result.errors)")
        let html = try String(contentsOfFile: path, encoding: .utf8)
        return (html, summary, path)
    }

    /// The values of `attribute` on elements that also carry `marker`, in order.
    static func attributes(_ html: Substring, row marker: String, _ attribute: String) -> [String] {
        html.components(separatedBy: "<tr ").dropFirst().filter { $0.contains(marker) }.compactMap { row in
            guard let start = row.range(of: " \(attribute)=\"") ?? (row.hasPrefix("\(attribute)=\"") ? row.range(of: "\(attribute)=\"") : nil) else { return nil }
            return String(row[start.upperBound...].prefix { $0 != "\"" })
        }
    }

    /// Each region's section of the page, by `region year`.
    static func sections(_ html: String) -> [String: Substring] {
        var sections: [String: Substring] = [:]
        for part in html.components(separatedBy: "<section class=\"region\" ").dropFirst() {
            let region = String(part.drop { $0 != "\"" }.dropFirst().prefix { $0 != "\"" })
            let year = part.range(of: "data-year=\"").map { String(part[$0.upperBound...].prefix { $0 != "\"" }) } ?? ""
            sections["\(region) \(year)"] = Substring(part.components(separatedBy: "</section>")[0])
        }
        return sections
    }

    @Test func theNumbersInThePageAreTheJSONSummarys() throws {
        let (html, summary, _) = try Self.report()
        let regions = try #require(summary["regions"] as? [[String: Any]])
        let sections = Self.sections(html)
        #expect(sections.count == regions.count)
        for region in regions {
            let key = "\(region["region"]!) \(region["year"]!)"
            let section = try #require(sections[key], "no section for \(key)")
            let totals = try #require(region["totals"] as? [String: Any])
            for field in ["individual_fees", "subsidies", "late_surcharges", "payable", "refund_later"] {
                #expect(Self.attributes(section, row: "data-k=\"\(field)\"", "data-fen") == ["\(fen(totals[field]))"], "\(key) \(field)")
            }
            for field in ["residents", "enrollable"] {
                #expect(Self.attributes(section, row: "data-k=\"\(field)\"", "data-n") == ["\(totals[field]!)"], "\(key) \(field)")
            }
            let fiscal = try #require(region["fiscal_subsidy"] as? [String: Any])
            #expect(Self.attributes(section, row: "data-k=\"fiscal_subsidy\"", "data-fen") == ["\(fen(fiscal["amount"]))"])
            #expect(section.contains("data-assumed=\"true\"") == !(fiscal["assumption"] is NSNull), "\(key): the assumed standard is marked")
            for share in totals["subsidy_by_funder"] as? [[String: Any]] ?? [] {
                #expect(Self.attributes(section, row: "data-funder=\"\(share["funder"]!)\"", "data-fen") == ["\(fen(share["amount"]))"])
            }
            for village in region["villages"] as? [[String: Any]] ?? [] {
                let name = try #require(village["name"] as? String)
                let marker = "data-village=\"\(HTML.escape(name))\""
                let villageTotals = try #require(village["totals"] as? [String: Any])
                #expect(Self.attributes(section, row: marker, "data-fen-payable") == ["\(fen(villageTotals["payable"]))"], "\(key) \(name)")
                #expect(Self.attributes(section, row: marker, "data-enrolled") == ["\(village["enrolled"]!)"], "\(key) \(name)")
                if let task = village["task"] as? [String: Any] {
                    #expect(Self.attributes(section, row: marker, "data-task") == ["\(task["residents"]!)"], "\(key) \(name)")
                }
            }
        }
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"), "the tests' locale is English")
    }

    @Test func thePageIsChineseByDefaultAndSelfContained() throws {
        let (html, _, _) = try Self.report(["--lang", "zh"])
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">"))
        #expect(html.contains("城乡居民基本医疗保险征缴汇总"))
        #expect(html.contains("资助（按资金来源）"))
        #expect(html.contains("按村：任务完成进度"))
        #expect(html.contains("<svg class=\"chart\""))
        #expect(html.contains("class=\"target\""), "progress bars mark the task")
        for external in ["<script", "http://", "https://", "src=", "href=", "@import", "url("] {
            #expect(!html.contains(external), "\(external)")
        }
        let defaults = runBatch(["--report", try scratchDirectory("report-zh").path + "/r.html"], input: "", environment: ["LANG": "C"])
        #expect(defaults.status == .success)
    }

    @Test func rosterTextIsEscaped() throws {
        let input = #"{"region":"nancheng","year":2021,"village":"<script>alert(\"x\")</script>&'"}"# + "\n"
        let (html, _, _) = try Self.report(input: input)
        #expect(!html.contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;"))
        #expect(HTML.escape("a\u{1B}[31mb") == "a\u{FFFD}[31mb")
    }

    @Test func theReportIsWrittenLikeOutputAndNeverOverTheInput() throws {
        let directory = try scratchDirectory("report-safety")
        let roster = directory.path + "/r.jsonl"
        try Data((#"{"region":"beita","year":2021}"# + "\n").utf8).write(to: URL(fileURLWithPath: roster))
        let overInput = runBatch([roster, "--report", roster], input: "")
        #expect(overInput.status == .usage)
        #expect(overInput.errors.contains("--report"))
        #expect(try String(contentsOfFile: roster, encoding: .utf8).hasPrefix("{\"region\""))
        let sameAsOutput = runBatch([roster, "--report", directory.path + "/o", "--output", directory.path + "/o"], input: "")
        #expect(sameAsOutput.status == .usage)
        // A report that cannot be created fails the run (73) and leaves the old results.
        try Data("old".utf8).write(to: URL(fileURLWithPath: directory.path + "/results"))
        let failed = runBatch([roster, "--output", directory.path + "/results", "--report", directory.path + "/missing/r.html"], input: "")
        #expect(failed.status == .cantCreate)
        #expect(try String(contentsOfFile: directory.path + "/results", encoding: .utf8) == "old")
        // No temporary file is left beside it.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains(".premium-") }
        #expect(leftovers.isEmpty)
    }

    @Test(.enabled(if: chromium != nil || chromiumRequired, "needs chromium (apt-get install chromium)"))
    func chromiumRendersTheReport() throws {
        let chromium = try #require(Self.chromium, "PREMIUM_REQUIRE_CHROMIUM=1 but no chromium on PATH")
        let (_, _, path) = try Self.report(["--lang", "zh"])
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        let png = directory.appendingPathComponent("report.png")
        let profile = directory.appendingPathComponent("profile")
        let url = URL(fileURLWithPath: path).absoluteString
        let result = try runBinary(["--headless", "--disable-gpu", "--no-sandbox", "--hide-scrollbars", "--user-data-dir=\(profile.path)",
                                    "--screenshot=\(png.path)", "--window-size=1200,1600", url],
                                   binary: URL(fileURLWithPath: chromium), environment: ["HOME": directory.path])
        #expect(result.status == 0, "\(result.errors)")
        let bytes = try Data(contentsOf: png)
        #expect(bytes.count > 20_000, "a page of tables and charts is not a few bytes of PNG")
        #expect(bytes.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        // Decode the PNG (python3's zlib) and count its colours: a blank page has one.
        let script = packageRoot.appendingPathComponent("scripts/png-colours.py").path
        let decoded = try runBinary(["python3", script, png.path], binary: URL(fileURLWithPath: "/usr/bin/env"))
        #expect(decoded.status == 0, "\(decoded.errors)")
        let report = String(decoding: decoded.output, as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Double($0) }
        try #require(report.count == 4, "\(String(decoding: decoded.output, as: UTF8.self))")
        #expect(report[0] == 1200 && report[1] == 1600, "width and height")
        #expect(report[2] > 20, "distinct colours: \(report[2])")
        #expect(report[3] > 0.02, "share of pixels that are not the background: \(report[3])")
    }
}
