import Foundation
@testable import Workbook
import Testing

/// Damaged files end in an error or in some rows, never in a crash or a hang.
struct DamagedWorkbookTests {
    static func readEverything(_ bytes: [UInt8]) throws(WorkbookError) -> Int {
        let workbook = try WorkbookReader(bytes)
        var count = 0
        for sheet in workbook.sheets where sheet.isWorksheet {
            var rows = try workbook.rows(of: sheet)
            while try rows.next() != nil { count += 1 }
        }
        return count
    }

    @Test("survives random damage", arguments: [true, false])
    func randomDamage(compressed: Bool) throws {
        let good = try WorkbookWriterTests.roster().bytes(compress: compressed)
        #expect(try Self.readEverything(good) == 5)
        var random = SplitMix(seed: compressed ? 11 : 12)
        var failures = 0
        for _ in 0..<fuzzRuns(400) {
            var damaged = good
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                damaged[Int.random(in: 0..<damaged.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            do { _ = try Self.readEverything(damaged) } catch { failures += 1 }
        }
        #expect(failures > 0)
    }

    @Test func truncatedWorkbooksSayTruncated() throws {
        let good = try WorkbookWriterTests.roster().bytes()
        for length in stride(from: 4, to: good.count, by: 7) {
            #expect(throws: WorkbookError.zip(.truncated)) { _ = try Self.readEverything(Array(good[..<length])) }
        }
    }

    @Test func aDamagedSheetEntryIsCaughtByItsChecksum() throws {
        // Stored entries: flip a byte inside a cell's text; the XML stays well-formed, the CRC does not match.
        let good = try WorkbookWriterTests.roster().bytes(compress: false)
        let marker = Array("430511199001011236".utf8)
        let sheetStart = try #require(ZipArchive(good).entry(named: "xl/worksheets/sheet1.xml")).localHeaderOffset
        var at = sheetStart
        while good[at] != marker[0] || Array(good[at..<(at + marker.count)]) != marker { at += 1 }
        var damaged = good
        damaged[at + 5] = UInt8(ascii: "9")
        #expect(throws: WorkbookError.zip(.checksumMismatch(entry: "xl/worksheets/sheet1.xml"))) { _ = try Self.readEverything(damaged) }
    }
}

/// How many cases a fuzz test runs: `PREMIUM_FUZZ_CASES`, else `default`.
func fuzzRuns(_ default: Int) -> Int {
    ProcessInfo.processInfo.environment["PREMIUM_FUZZ_CASES"].flatMap(Int.init) ?? `default`
}
