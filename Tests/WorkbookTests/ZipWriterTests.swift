import Foundation
@testable import Workbook
import Testing
import TestSupport

struct ZipWriterTests {
    @Test func writesStoredEntriesByteForByte() throws {
        var writer = ZipWriter()
        try writer.add("a.txt", [Array("hel".utf8), Array("lo".utf8)], compress: false)
        let bytes = try writer.finish()
        let expected = ZipArchiveTests.archive([.init(name: "a.txt", data: Array("hello".utf8))])
        // Same layout as the hand-built archive, apart from "version needed" (10 for stored).
        #expect(bytes.count == expected.count)
        var patched = expected
        for offset in [4, 40 + 4, 40 + 6] { patched[offset] = 10 }
        #expect(bytes == patched)
    }

    @Test func roundTripsThroughTheReader() throws {
        var random = SplitMix(seed: 3)
        let texts: [[UInt8]] = [[], Array("x".utf8), (0..<100_000).map { _ in UInt8.random(in: 0...255, using: &random) },
                                Array(String(repeating: "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>", count: 5000).utf8),
                                Array("张三,430511199001011236,东村\n".utf8)]
        var writer = ZipWriter()
        for (index, text) in texts.enumerated() { try writer.add("f\(index)", [text]) }
        try writer.add("名单.txt", [texts[4]])
        let archive = try ZipArchive(try writer.finish())
        for (index, text) in texts.enumerated() { #expect(try archive.extract("f\(index)") == text) }
        #expect(try archive.extract("名单.txt") == texts[4])
        #expect(archive.entries[3].method == 8)
        #expect(archive.entries[3].compressedSize * 10 < archive.entries[3].uncompressedSize)
        #expect(archive.entries[2].method == 0)  // random bytes do not shrink: stored
    }

    @Test func deflatedOutputIsReadByZlib() throws {
        guard let python = TestPython.any else { return }
        var xml = ""
        for row in 1...2000 { xml += "<row r=\"\(row)\"><c r=\"A\(row)\" t=\"inlineStr\"><is><t>张三\(row % 13)</t></is></c><c r=\"B\(row)\"><v>\(row * 37)</v></c></row>" }
        var deflater = Deflater()
        deflater.write(Array(xml.utf8))
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("deflated")
        try Data(deflater.finish()).write(to: file)
        let output = try TestPython.script(python, "import sys, zlib; sys.stdout.buffer.write(zlib.decompress(open(sys.argv[1], 'rb').read(), -15))", [file.path])
        #expect([UInt8](output) == Array(xml.utf8))
    }
}
