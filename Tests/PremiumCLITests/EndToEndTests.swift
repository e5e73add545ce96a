import Foundation
import Testing

/// Runs the built `premium` binary as a separate process.
struct EndToEndTests {
    @Test func quoteJSONFromTheBinary() throws {
        let result = try runBinary(["quote", "--region", "beita", "--year", "2021", "--category", "dibao", "--json"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: result.output) as? [String: Any])
        #expect(json["payable"] as? Int == 195)
        #expect(json["benefit_start"] as? String == "2021-01-01")
        #expect(String(decoding: result.output, as: UTF8.self).contains("\"payable\": 195"))
    }

    @Test func exitStatusesFromTheBinary() throws {
        let usage = try runBinary(["quote", "--region", "nowhere"])
        #expect(usage.status == 64)
        #expect(usage.output.isEmpty)
        #expect(usage.errors.hasPrefix("premium: error: unknown region 'nowhere'"))
        let refused = try runBinary(["quote", "--region", "nancheng", "--year", "2021", "--paid-on", "2021-10-01"])
        #expect(refused.status == 1)
        let missingDirectory = try runBinary(["quote", "--region", "beita", "--year", "2021"], environment: ["PREMIUM_POLICY_DIR": "/nonexistent/premium"])
        #expect(missingDirectory.status == 66)
    }

    @Test func aCopiedBinaryWorksFromAnyDirectory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("premium-copy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let copy = directory.appendingPathComponent("premium")
        try FileManager.default.copyItem(at: premiumBinary, to: copy)
        // No resource bundle sits beside the copy: the data is compiled in.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["premium"])
        let result = try runBinary(["quote", "--region", "zhuji", "--year", "2023", "--category", "dibao", "--json"], binary: copy, directory: directory)
        #expect(result.status == 0)
        #expect(String(decoding: result.output, as: UTF8.self).contains("\"payable\": 50"))
    }
}
