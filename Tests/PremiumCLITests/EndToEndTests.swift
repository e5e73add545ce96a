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

/// Issue 12, item 8: a large roster with broken lines keeps every line, numbered right.
struct LargeRosterTests {
    /// 100,000 lines, not the issue's 1,000,000: the debug binary `swift test` builds
    /// prices about 16,000 lines a second, so a million would take over a minute.
    static let count = 100_000

    @Test func everyLineOfALargeRosterWithBrokenLinesComesOut() throws {
        let good = [#"{"id":"r","region":"beita","category":"dibao"}"#, #"{"id":"r","region":"nanan","paid_on":"2024-03-01"}"#,
                    #"{"id":"r","region":"zhuji","category":"jiance","migrant_worker":true}"#]
        let broken = [#"{"id":"r","region":"beita""#, #"{"id":01,"region":"beita"}"#, "", #"{"region":"zhuji","household":"y"}"#,
                      "\u{1}not json"]
        var roster = ""
        roster.reserveCapacity(Self.count * 60)
        var brokenLines: Set<Int> = []
        for line in 1...Self.count {
            if line % 100 == 37 {
                brokenLines.insert(line)
                roster += broken[(line / 100) % broken.count] + "\n"
            } else {
                roster += good[line % good.count] + "\n"
            }
        }
        let result = try runBinary(["batch"], stdin: Data(roster.utf8))
        #expect(result.status == 65)
        let lines = result.output.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == Self.count)
        #expect(brokenLines.count == Self.count / 100)
        var wrong = 0
        for (index, line) in lines.enumerated() {
            let prefix = Array("{\"line\":\(index + 1),".utf8)
            let isError = line.firstRange(of: Array(#""error":"#.utf8)) != nil
            if !line.starts(with: prefix) || isError != brokenLines.contains(index + 1) { wrong += 1 }
        }
        #expect(wrong == 0)
    }
}
