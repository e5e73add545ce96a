import PolicyKit
import Testing
import Foundation

/// The PolicyData folder of this checkout, found from this file's path.
let policyDataDirectory: String = {
    var components = #filePath.split(separator: "/", omittingEmptySubsequences: false)
    components.removeLast(3)   // Tests/PolicyKitTests/PolicyDataTests.swift
    return components.joined(separator: "/") + "/PolicyData"
}()

struct PolicyDataTests {
    @Test func embeddedCopyEqualsPolicyDataOnDiskByteForByte() throws {
        // Case files stay out of the binary: they are for `check` and the tests.
        let onDisk = try PolicyStore.files(in: policyDataDirectory).filter { !PolicyCases.isCaseFile($0.path) }
        let embedded = PolicyStore.embeddedFiles
        // A file added or removed without a rebuild shows up here (touch Package.swift).
        #expect(embedded.map(\.path) == onDisk.map(\.path))
        for (a, b) in zip(embedded, onDisk) { #expect(a.bytes == b.bytes, "\(a.path) differs from the embedded copy") }
        // Same bytes, so loading either gives the same policies from the same files.
        #expect(try PolicyStore.load(from: policyDataDirectory).policies.map { "\($0.file) \($0.id) \($0.year)" }
                == PolicyStore.embedded().policies.map { "\($0.file) \($0.id) \($0.year)" })
    }

    @Test func allFiveNoticesAreThere() {
        // Later years may join them; these five must stay.
        let present = Set(embeddedStore.policies.map { "\($0.id) \($0.year)" })
        #expect(present.isSuperset(of: ["beita 2021", "dongzhi 2021", "nanan 2024", "nancheng 2021", "zhuji 2023"]))
    }

    @Test("regions resolve by id, Chinese name and alias", arguments: [
        ("beita", "beita"), ("北塔区", "beita"), ("北塔", "beita"), ("BEITA", "beita"), ("南城", "nancheng"),
        ("南安市", "nanan"), ("东至县", "dongzhi"), ("朱集镇", "zhuji"),
    ])
    func regionNames(typed: String, id: String) throws {
        #expect(try embeddedStore.policy(region: typed).id == id)
    }

    @Test func everyAssumptionHasBothNotes() {
        for policy in embeddedStore.policies {
            let assumptions = [policy.fiscalSubsidy.provenance.assumption, policy.coverageProvenance.assumption]
                + policy.routes.map(\.provenance.assumption) + policy.categories.flatMap { $0.parts.map(\.provenance.assumption) }
            for assumption in assumptions.compactMap({ $0 }) {
                #expect(!assumption.note.zh.isEmpty && !assumption.note.en.isEmpty)
            }
        }
    }

    // Broken copies: each is caught with the file and JSON path.
    @Test("broken policy data is rejected with FILE: at PATH", arguments: [
        ("\"amount\": 280, \"source\": \"二(三)\"", "\"amount\": -280, \"source\": \"二(三)\"", "fees.0.amount", "negative"),
        ("\"amount\": 280, \"source\": \"二(三)\"", "\"amount\": 280.001, \"source\": \"二(三)\"", "fees.0.amount", "whole number of fen"),
        ("\"amount\": 280, \"source\": \"二(三)\"", "\"amount\": \"280元\", \"source\": \"二(三)\"", "fees.0.amount", "as a number"),
        ("\"amount\": 280, \"source\": \"二(三)\"", "\"amount\": 280", "fees.0", "no source"),
        ("\"to\": \"2020-12-31\"},\n      \"benefit_start\": {\"rule\": \"coverage_start\"}", "\"to\": \"2020-02-30\"},\n      \"benefit_start\": {\"rule\": \"coverage_start\"}", "routes.1.paid.to", "real date"),
        ("\"funded_by\": \"veterans-affairs\"", "\"funded_by\": \"veteran-affairs\"", "categories.9.subsidy.0.funded_by", "did you mean 'veterans-affairs'"),
        ("\"amount\": 85,", "\"amount\": 300,", "categories.5.subsidy", "above the fee"),
        ("\"hardship\": true,\n      \"subsidy\": [{\"kind\": \"full\", \"funded_by\": \"medical-assistance\", \"source\": \"二(四)1\"}],\n      \"source\": \"二(四)1\"\n    },\n    {\n      \"id\": \"guer\"", "\"hardship\": true,\n      \"subsidy\": [{\"kind\": \"full\", \"funded_by\": \"medical-assistance\", \"source\": \"二(四)1\"}],\n      \"source\": \"二(四)1\"\n    },\n    {\n      \"id\": \"tekun\"", "categories.1.id", "'tekun' already names"),
        ("\"benefit_start\": {\"rule\": \"next_month\"},\n      \"note\"", "\"benefit_start\": {\"rule\": \"next_month\"},\n      \"notes\"", "routes.4.notes", "unknown key 'notes'"),
    ])
    func brokenCopies(original: String, broken: String, path: String, message: String) throws {
        let file = try #require(PolicyStore.embeddedFiles.first { $0.path == "beita/2021.json" })
        let text = String(decoding: file.bytes, as: UTF8.self)
        #expect(text.contains(original), "the test's original text must be in beita/2021.json")
        let mutated = text.replacingOccurrences(of: original, with: broken)
        do {
            _ = try RegionPolicy(file: "beita/2021.json", bytes: Array(mutated.utf8))
            Issue.record("expected the broken copy to be rejected")
        } catch {
            guard case .invalidData(let file, let actualPath, let actualMessage) = error else {
                Issue.record("unexpected error \(error)"); return
            }
            #expect(file == "beita/2021.json")
            #expect(actualPath == path)
            #expect(actualMessage.contains(message), "\(actualMessage)")
        }
    }

    @Test func statedTotalsMustAddUp() throws {
        let file = try #require(PolicyStore.embeddedFiles.first { $0.path == "zhuji/2023.json" })
        let text = String(decoding: file.bytes, as: UTF8.self).replacingOccurrences(of: "\"amount\": 960", with: "\"amount\": 970")
        #expect(throws: PolicyError.invalidData(file: "zhuji/2023.json", path: "financing_total.amount",
                                                message: "stated total 970 ≠ individual fee 350 + fiscal subsidy 610")) {
            try RegionPolicy(file: "zhuji/2023.json", bytes: Array(text.utf8))
        }
    }

    @Test func truncatedFileIsNotJSON() throws {
        let file = try #require(PolicyStore.embeddedFiles.first { $0.path == "nanan/2024.json" })
        do {
            _ = try RegionPolicy(file: "nanan/2024.json", bytes: Array(file.bytes.prefix(500)))
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("nanan/2024.json: at (top level): not valid JSON: line"))
        }
    }
}
