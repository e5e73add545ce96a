import PolicyKit
import Testing

/// Every notice's case file (`PolicyData/<region>/<year>.cases.json`), run as `premium
/// check` runs it. The cases are the notices' clauses as data; the Swift rule tests keep
/// only what data cannot say.
struct CaseFileTests {
    static let files: [(path: String, bytes: [UInt8])] = {
        do { return try PolicyStore.files(in: policyDataDirectory) } catch { fatalError("\(error)") }
    }()

    @Test func everyCaseOfEveryNoticeHolds() {
        let report = PolicyCheck.report(Self.files)
        #expect(report.problems.isEmpty, "\(report.problems.map(\.description).joined(separator: "\n"))")
        // The five notices this project ships carry theirs; a year just copied in may not
        // yet (check counts it), and must not break the suite.
        for shipped in ["beita/2021.json", "nancheng/2021.json", "nanan/2024.json", "dongzhi/2021.json", "zhuji/2023.json"] {
            #expect(!report.withoutCases.contains(shipped), "\(shipped) needs its case file")
        }
        #expect(report.cases >= 100)
    }

    /// The runner must be able to fail: a changed expectation is reported by case id
    /// with both answers.
    @Test func aWrongExpectationIsReported() throws {
        let files = Self.files.map { file -> (path: String, bytes: [UInt8]) in
            guard file.path == "nanan/2024.cases.json" else { return file }
            let text = String(decoding: file.bytes, as: UTF8.self)
                .replacingOccurrences(of: #""expect": {"payable": 1030, "late_surcharge": 640, "waiting_days": 60, "benefit_start": "2024-10-01""#,
                                      with: #""expect": {"payable": 390, "late_surcharge": 640, "waiting_days": 60, "benefit_start": "2024-10-01""#)
            return (file.path, Array(text.utf8))
        }
        let messages = PolicyCheck.report(files).problems.map(\.description)
        #expect(messages.contains(#"nanan/2024.cases.json: case "dibao-bianyuan-34-august": payable 1030, expected 390"#), "\(messages)")
        #expect(messages.count == 1)
    }

    @Test func aCaseFileWithoutItsPolicyIsAProblem() {
        let files = Self.files + [(path: "beita/2019.cases.json", bytes: Array(#"{"region": "beita", "year": 2019, "cases": [{"id": "x", "clause": "一", "resident": {}, "expect": {"payable": 1}}]}"#.utf8))]
        let messages = PolicyCheck.report(files).problems.map(\.description)
        #expect(messages == ["beita/2019.cases.json: at region: no sound policy beita/2019.json to run these cases against"])
    }
}
