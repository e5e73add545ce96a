import Foundation
import Testing

/// Runs the built `premium` binary as a separate process.
struct EndToEndTests {
    @Test func quoteJSONFromTheBinary() throws {
        let result = try runBinary(["quote", "--region", "beita", "--category", "dibao", "--json"])
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
        let refused = try runBinary(["quote", "--region", "nancheng", "--paid-on", "2021-10-01"])
        #expect(refused.status == 1)
        let missingDirectory = try runBinary(["quote", "--region", "beita"], environment: ["PREMIUM_POLICY_DIR": "/nonexistent/premium"])
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
        let result = try runBinary(["quote", "--region", "zhuji", "--category", "dibao", "--json"], binary: copy, directory: directory)
        #expect(result.status == 0)
        #expect(String(decoding: result.output, as: UTF8.self).contains("\"payable\": 50"))
    }
}

/// Issue 12, item 7: the binary has no `$ORIGIN` (or any) run path to load libraries from.
struct LinkageTests {
    @Test func theBinaryHasNoOriginRunPath() throws {
        guard let readelf = ["/usr/bin/readelf", "/bin/readelf"].first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            return  // no binutils here
        }
        let binaries = [premiumBinary, packageRoot.appendingPathComponent(".build/release/premium")]
            .filter { FileManager.default.isExecutableFile(atPath: $0.path) }
        #expect(!binaries.isEmpty)
        for binary in binaries {
            let result = try runBinary(["-d", binary.path], binary: URL(fileURLWithPath: readelf))
            let text = String(decoding: result.output, as: UTF8.self)
            #expect(result.status == 0)
            #expect(!text.contains("$ORIGIN"), "\(binary.path): \(text)")
            #expect(!text.contains("RUNPATH") && !text.contains("RPATH"), "\(binary.path): \(text)")
        }
    }
}
