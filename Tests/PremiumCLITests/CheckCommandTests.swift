import Foundation
import PolicyKit
@testable import PremiumCLI
@testable import PremiumBatch
@testable import ResidentIO
import Testing

/// `premium check`: one broken copy of PolicyData per kind of mistake the quote-explain
/// issue lists, each caught as `FILE: at PATH: message` with exit 65.
struct CheckCommandTests {
    /// The number of policy files compiled in (counted, so a new year breaks nothing).
    static let policyFiles = PolicyStore.embeddedFiles.count

    /// A copy of PolicyData in a temporary directory with `original` replaced by `broken`
    /// in `file`; returns the directory.
    static func brokenCopy(_ file: String, _ original: String, _ broken: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("premium-check-\(UUID().uuidString)")
        for (path, bytes) in PolicyStore.embeddedFiles {
            let url = directory.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            var data = Data(bytes)
            if path == file {
                let text = String(decoding: bytes, as: UTF8.self)
                #expect(text.contains(original), "the test's original text must be in \(file)")
                data = Data(text.replacingOccurrences(of: original, with: broken).utf8)
            }
            try data.write(to: url)
        }
        return directory
    }

    /// The notes `check` prints for the built-in data: where village rows do not add up to
    /// a total the notice states (counted, so a new year breaks nothing).
    static let notes = PolicyCheck.report(PolicyStore.embeddedFiles).notes.map(\.description)

    /// The output lines that are problems: not notes, not the summary.
    static func problemLines(_ output: String) -> [String] {
        output.split(separator: "\n").map(String.init).filter { !$0.contains(": note: ") && !$0.hasPrefix("checked ") }
    }

    @Test func policyDataPasses() {
        let result = runCLI(["check", "--policy-dir", packageRoot.appendingPathComponent("PolicyData").path])
        #expect(result.status == .success)
        #expect(result.output.hasPrefix(Self.notes.map { $0 + "\n" }.joined() + "checked \(Self.policyFiles) policy file(s)"))
        #expect(result.output.hasSuffix(" case file(s): no problems; \(Self.notes.count) note(s)\n"))
        let builtIn = runCLI(["check"])
        #expect(builtIn.status == .success, "the built-in copy passes too")
        #expect(builtIn.output == Self.notes.map { $0 + "\n" }.joined()
                + "checked \(Self.policyFiles) policy file(s) (\(Self.policyFiles) without a case file) and 0 case(s) in 0 case file(s): no problems; \(Self.notes.count) note(s)\n",
                "case files are not compiled in")
    }

    /// 南城办发〔2020〕84号 附表1 and 朱政〔2022〕34号 附件: rows that do not add up to the stated
    /// totals are notes naming both figures; check still passes.
    @Test func villageTotalsThatDisagreeAreNotesNotProblems() throws {
        let result = runCLI(["check", "--policy-dir", packageRoot.appendingPathComponent("PolicyData").path])
        #expect(result.status == .success)
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.contains("nancheng/2021.json: at targets.villages: note: the 18 villages' tasks add up to 55202; the notice states 55761 (一(一); 附表1 合计), 559 more than the rows; both are kept as printed"))
        #expect(lines.contains("zhuji/2023.json: at targets.villages: note: the 13 villages' tasks add up to 41851, as 附件 合计 states; the notice states 41850 (二、四(一)), 1 fewer than the rows; both are kept as printed"))
        #expect(Self.problemLines(result.output).isEmpty)

        let json = runCLI(["check", "--policy-dir", packageRoot.appendingPathComponent("PolicyData").path, "--json"])
        #expect(json.status == .success)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        let notes = try #require(object["notes"] as? [[String: String]])
        let nancheng = try #require(notes.first { $0["file"] == "nancheng/2021.json" })
        #expect(nancheng["path"] == "targets.villages")
        #expect(nancheng["message"]?.contains("add up to 55202; the notice states 55761") == true)
        #expect((object["problems"] as? [Any])?.isEmpty == true)
    }

    /// A village named twice in a task table is a problem: exit 65, and every other
    /// command refuses the data.
    @Test func aVillageNamedTwiceFailsCheck() throws {
        let directory = try Self.brokenCopy("nancheng/2021.json", #"{"name": "半溪河", "task": 2346"#, #"{"name": "三圣路", "task": 2346"#)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = runCLI(["check", "--policy-dir", directory.path])
        #expect(result.status == .dataError)
        #expect(Self.problemLines(result.output) == [
            "nancheng/2021.json: at targets.villages.17.name: village '三圣路' is named twice (first at targets.villages.0)",
        ])
        #expect(result.output.hasSuffix(": 1 problem(s); \(Self.notes.count) note(s)\n"), "\(result.output)")
        let quote = runCLI(["quote", "--region", "nancheng", "--year", "2021", "--policy-dir", directory.path])
        #expect(quote.status == .dataError)
        #expect(quote.errors.hasPrefix("premium: error: nancheng/2021.json: at targets.villages.17.name: village '三圣路' is named twice"))
    }

    @Test("each kind of broken data is reported as FILE: at PATH: message", arguments: [
        // A date that does not exist.
        ("beita/2021.json", "\"issued\": \"2020-11-09\"", "\"issued\": \"2020-11-31\"",
         "beita/2021.json: at document.issued: expected a real date as YYYY-MM-DD, got '2020-11-31'"),
        // A window that ends before it starts.
        ("beita/2021.json", "\"paid\": {\"from\": \"2021-01-01\", \"to\": \"2022-03-31\"},\n      \"requires_any\": [{\"born_within_days\": 90}]",
         "\"paid\": {\"from\": \"2021-01-01\", \"to\": \"2020-12-31\"},\n      \"requires_any\": [{\"born_within_days\": 90}]",
         "beita/2021.json: at routes.2.paid.to: period ends (2020-12-31) before it starts (2021-01-01)"),
        // Windows for the same residents that overlap.
        ("beita/2021.json", "\"paid\": {\"from\": \"2021-01-01\", \"to\": \"2021-02-28\"},\n      \"benefit_start\": {\"rule\": \"next_month\"}",
         "\"paid\": {\"from\": \"2020-12-01\", \"to\": \"2021-02-28\"},\n      \"benefit_start\": {\"rule\": \"next_month\"}",
         "beita/2021.json: at routes.4.paid: window 2020-12-01 … 2021-02-28 overlaps route 'centralised' (2020-09-01 … 2020-12-31), which takes the same residents"),
        // A window outside the policy year's bounds: a newborn window may reach 90 days
        // past the end of cover (a child born on 31 December), not one day more.
        ("beita/2021.json", "\"paid\": {\"from\": \"2021-01-01\", \"to\": \"2022-03-31\"},\n      \"requires_any\": [{\"born_within_days\": 90}]",
         "\"paid\": {\"from\": \"2021-01-01\", \"to\": \"2022-04-01\"},\n      \"requires_any\": [{\"born_within_days\": 90}]",
         "beita/2021.json: at routes.2.paid: payment window 2021-01-01 … 2022-04-01 lies outside 2020-01-01 … 2022-03-31"),
        ("beita/2021.json", "\"paid\": {\"from\": \"2021-01-01\", \"to\": \"2021-02-28\"},\n      \"benefit_start\": {\"rule\": \"next_month\"}",
         "\"paid\": {\"from\": \"2021-01-01\", \"to\": \"2022-02-28\"},\n      \"benefit_start\": {\"rule\": \"next_month\"}",
         "beita/2021.json: at routes.4.paid: payment window 2021-01-01 … 2022-02-28 lies outside 2020-01-01 … 2021-12-31"),
        // A negative amount.
        ("beita/2021.json", "\"amount\": 280, \"source\": \"二(三)\"", "\"amount\": -280, \"source\": \"二(三)\"",
         "beita/2021.json: at fees.0.amount: amount -280 is negative"),
        // An amount that is not whole fen, and one with a unit in it.
        ("beita/2021.json", "\"amount\": 280, \"source\": \"二(三)\"", "\"amount\": 280.005, \"source\": \"二(三)\"",
         "beita/2021.json: at fees.0.amount: amount 280.005 is not a whole number of fen (at most two decimals)"),
        ("zhuji/2023.json", "\"amount\": 350", "\"amount\": \"350元\"",
         "zhuji/2023.json: at fees.0.amount: expected an amount in yuan as a number, got a string"),
        // A subsidy above the fee it reduces.
        ("beita/2021.json", "\"amount\": 85,", "\"amount\": 300,",
         "beita/2021.json: at categories.5.subsidy: subsidy 300 is above the fee 280 it reduces"),
        // Stated totals that do not add up (zhuji 960 = 610 + 350, dongzhi 830 = 550 + 280).
        ("zhuji/2023.json", "\"amount\": 960", "\"amount\": 970",
         "zhuji/2023.json: at financing_total.amount: stated total 970 ≠ individual fee 350 + fiscal subsidy 610"),
        ("dongzhi/2021.json", "\"amount\": 830", "\"amount\": 800",
         "dongzhi/2021.json: at financing_total.amount: stated total 800 ≠ individual fee 280 + fiscal subsidy 550"),
        // A value with no source.
        ("beita/2021.json", "\"amount\": 280, \"source\": \"二(三)\"", "\"amount\": 280",
         "beita/2021.json: at fees.0: value has no source: add a 'source' clause"),
        // An assumption with no note.
        ("beita/2021.json", "\"en\": \"the notice gives no fiscal-subsidy figure (\\\"as the state sets\\\"); assumed 580, the national 2021 minimum\",", "",
         "beita/2021.json: at fiscal_subsidy.assumption: an assumption needs a note in both 'zh' and 'en'"),
        // A category referenced but not defined.
        ("zhuji/2023.json", "\"dibao\", \"fanpin\", \"jiance\"]", "\"dibao\", \"fanping\", \"jiance\"]",
         "zhuji/2023.json: at routes.5.requires_any.2.categories.4: category 'fanping' is referenced but not defined; did you mean 'fanpin'?"),
        // The same id, or the same alias, used twice.
        ("beita/2021.json", "{\n      \"id\": \"guer\"", "{\n      \"id\": \"tekun\"",
         "beita/2021.json: at categories.1.id: 'tekun' already names category 'tekun'"),
        ("beita/2021.json", "\"aliases\": [\"事实无人抚养儿童\", \"事实无人抚养\"]", "\"aliases\": [\"事实无人抚养儿童\", \"低保\"]",
         "beita/2021.json: at categories.6.aliases.1: '低保' already names category 'dibao'"),
        // An unknown key (a typo).
        ("beita/2021.json", "\"benefit_start\": {\"rule\": \"next_month\"},\n      \"note\"", "\"benefit_start\": {\"rule\": \"next_month\"},\n      \"notes\"",
         "beita/2021.json: at routes.4.notes: unknown key 'notes'; did you mean 'note'?"),
        // A file in the wrong place.
        ("nanan/2024.json", "\"year\": 2024", "\"year\": 2025",
         "nanan/2024.json: at region: nanan 2025 belongs in nanan/2025.json"),
    ])
    func brokenCopy(file: String, original: String, broken: String, expected: String) throws {
        let directory = try Self.brokenCopy(file, original, broken)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = runCLI(["check", "--policy-dir", directory.path])
        #expect(result.status == .dataError)
        let lines = Self.problemLines(result.output)
        #expect(lines.contains(expected), "\(result.output)")
        // Notes are printed for files that decode, so a file that stops decoding loses its own.
        let summary = try #require(result.output.split(separator: "\n").last.map(String.init))
        #expect(summary.hasPrefix("checked \(Self.policyFiles) policy file(s) (\(Self.policyFiles) without a case file) and 0 case(s) in 0 case file(s): \(lines.count) problem(s)"), "\(summary)")
        // Every other command refuses the same data, with the same first problem.
        let quote = runCLI(["quote", "--region", String(file.prefix { $0 != "/" }), "--year", String(file.dropFirst(file.firstIndex(of: "/")!.utf16Offset(in: file) + 1).prefix(4)), "--policy-dir", directory.path])
        #expect(quote.status == .dataError)
        #expect(quote.output.isEmpty)
        #expect(quote.errors.hasPrefix("premium: error: " + lines[0] + "\n"))
    }

    @Test func listsEveryProblemNotOnlyTheFirst() throws {
        let directory = try Self.brokenCopy("beita/2021.json", "\"amount\": 85,", "\"amount\": 300,")
        defer { try? FileManager.default.removeItem(at: directory) }
        let zhuji = directory.appendingPathComponent("zhuji/2023.json")
        let text = try String(contentsOf: zhuji, encoding: .utf8)
        try text.replacingOccurrences(of: "\"amount\": 960", with: "\"amount\": 970").write(to: zhuji, atomically: true, encoding: .utf8)
        let beita = directory.appendingPathComponent("beita/2021.json")
        let beitaText = try String(contentsOf: beita, encoding: .utf8)
        try beitaText.replacingOccurrences(of: "\"funded_by\": \"veterans-affairs\"", with: "\"funded_by\": \"veteran-affairs\"")
            .write(to: beita, atomically: true, encoding: .utf8)

        let result = runCLI(["check", "--policy-dir", directory.path, "--json"])
        #expect(result.status == .dataError)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let problems = try #require(object["problems"] as? [[String: String]])
        #expect(problems.map { $0["file"]! + " " + $0["path"]! } == [
            "beita/2021.json categories.5.subsidy",   // 低保 85 → 300
            "beita/2021.json categories.6.subsidy",   // 事实无人抚养 85 → 300
            "beita/2021.json categories.9.subsidy.0.funded_by",
            "zhuji/2023.json financing_total.amount",
        ])
        #expect((object["files"] as? [String])?.count == Self.policyFiles)
    }

    @Test func missingDirectoryIsExit66() {
        let result = runCLI(["check", "--policy-dir", "/nonexistent/premium"])
        #expect(result.status == .noInput)
        #expect(result.errors == "premium: error: policy directory '/nonexistent/premium' does not exist\n")
    }

    /// `text` with `old` replaced by `new` on the one line that contains `marker`.
    static func changing(_ text: String, line marker: String, _ old: String, to new: String) -> String {
        var lines = text.components(separatedBy: "\n")
        let index = lines.firstIndex { $0.contains(marker) }!
        #expect(lines[index].contains(old))
        lines[index] = lines[index].replacingOccurrences(of: old, with: new)
        return lines.joined(separator: "\n")
    }

    /// A copy of the PolicyData folder on disk, case files included.
    static func diskCopy() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("premium-cases-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: packageRoot.appendingPathComponent("PolicyData"), to: directory)
        return directory
    }

    @Test func aFailingCaseIsReportedByNameWithBothAnswers() throws {
        let directory = try Self.diskCopy()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("zhuji/2023.cases.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        let broken = Self.changing(text, line: #""id": "dibao-feb-28""#, #""payable": 50"#, to: #""payable": 80"#)
            .replacingOccurrences(of: #""id": "dibao-feb-28""#, with: #""id": "dibao-feb-28x""#)
        #expect(broken != text)
        try broken.write(to: file, atomically: true, encoding: .utf8)
        let result = runCLI(["check", "--policy-dir", directory.path])
        #expect(result.status == .dataError)
        #expect(result.output.contains("zhuji/2023.cases.json: case \"dibao-feb-28x\": payable 50, expected 80\n"), "\(result.output)")
        #expect(result.output.hasSuffix(": 1 problem(s); \(Self.notes.count) note(s)\n"))
    }

    @Test func caseFileProblems() throws {
        let directory = try Self.diskCopy()
        defer { try? FileManager.default.removeItem(at: directory) }
        // An unknown key in a case's expectations is an error, not ignored.
        let file = directory.appendingPathComponent("dongzhi/2021.cases.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        try Self.changing(text, line: #""id": "tuibu-yumin""#, #""expect": {"#, to: #""expect": {"payabel": 112, "#)
            .write(to: file, atomically: true, encoding: .utf8)
        // A case file with no policy beside it.
        try #"{"region": "dongzhi", "year": 2022, "cases": []}"#.write(
            to: directory.appendingPathComponent("dongzhi/2022.cases.json"), atomically: true, encoding: .utf8)
        let result = runCLI(["check", "--policy-dir", directory.path])
        #expect(result.status == .dataError)
        #expect(result.output.contains(".expect.payabel: unknown key 'payabel'"), "\(result.output)")
        #expect(result.output.hasPrefix("dongzhi/2021.cases.json: at cases."))
        #expect(result.output.contains("dongzhi/2022.cases.json: at region: no sound policy dongzhi/2022.json to run these cases against"))
    }

    /// A policy officer adds a year by copying a file and changing its amounts: nothing
    /// else breaks, and a quote without --year says which year it chose.
    @Test func aNewYearBreaksNothing() throws {
        let directory = try Self.diskCopy()
        defer { try? FileManager.default.removeItem(at: directory) }
        let old = try String(contentsOf: directory.appendingPathComponent("zhuji/2023.json"), encoding: .utf8)
        let next = old.replacingOccurrences(of: "\"year\": 2023", with: "\"year\": 2024")
            .replacingOccurrences(of: "2023-", with: "2024-").replacingOccurrences(of: "2022-", with: "2023-")
            .replacingOccurrences(of: "\"amount\": 350", with: "\"amount\": 380")
            .replacingOccurrences(of: "\"amount\": 960", with: "\"amount\": 990")
            .replacingOccurrences(of: "2024-02-28", with: "2024-02-29")
        try next.write(to: directory.appendingPathComponent("zhuji/2024.json"), atomically: true, encoding: .utf8)
        let check = runCLI(["check", "--policy-dir", directory.path])
        #expect(check.status == .success, "\(check.output)")
        let latest = runCLI(["quote", "--region", "zhuji", "--policy-dir", directory.path, "--json"], environment: chineseLocale)
        #expect(latest.output.contains("\"payable\": 380"))
        #expect(latest.output.contains("按最新的2024年度通知计算"))
        let byDate = runCLI(["quote", "--region", "zhuji", "--paid-on", "2022-11-01", "--policy-dir", directory.path, "--json"], environment: chineseLocale)
        #expect(byDate.output.contains("\"year\": 2023"))
        #expect(byDate.output.contains("\"payable\": 350"))
        #expect(byDate.output.contains("缴费日期2022-11-01在2023年度集中缴费期内"))
        let named = runCLI(["quote", "--region", "zhuji", "--year", "2023", "--policy-dir", directory.path, "--json"])
        #expect(!named.output.contains("年度通知计算"), "a named year needs no assumption")
    }
}
