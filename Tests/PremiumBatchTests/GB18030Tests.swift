import PolicyKit
@testable import PremiumBatch
import Testing

/// Every expected byte here was checked with Python 3.11's `gb18030` codec.
struct GB18030Tests {
    func decode(_ bytes: [UInt8]) throws(TextDecodingError) -> String {
        try TextDecoding.decode(bytes, as: .gb18030)
    }

    @Test("decodes single characters", arguments: [
        ([0xD5, 0xC5, 0xC8, 0xFD], "张三"), ([0xB5, 0xCD, 0xB1, 0xA3], "低保"), ([0xB1, 0xB1, 0xCB, 0xFE, 0xC7, 0xF8], "北塔区"),
        ([0xCC, 0xD8, 0xC0, 0xA7], "特困"), ([0xA1, 0xA1], "\u{3000}"), ([0xA1, 0xAA], "—"), ([0xA2, 0xE3], "€"), ([0xFD, 0x9B], "龥"),
        // Two-byte codes with a trail below 0x7F (GBK/3 and GBK/4).
        ([0x81, 0x40], "\u{4E02}"), ([0x81, 0x7E], "\u{4E8A}"), ([0x81, 0x80], "\u{4E90}"), ([0xFE, 0xFE], "\u{E4C5}"),
        // Python maps A8BC to the private-use U+E7C7 and gives ḿ a four-byte code (GB18030-2000).
        ([0xA8, 0xBC], "\u{E7C7}"), ([0x81, 0x35, 0xF4, 0x37], "ḿ"), ([0xA3, 0xA0], "\u{E5E5}"),
        // Four-byte codes in the BMP: the first, ¥, the last before U+FFFF, U+FFFF.
        ([0x81, 0x30, 0x81, 0x30], "\u{80}"), ([0x81, 0x30, 0x84, 0x36], "¥"), ([0x84, 0x31, 0x87, 0x30], "\u{FE70}"),
        ([0x82, 0x35, 0x8F, 0x33], "\u{9FA6}"), ([0x84, 0x31, 0xA4, 0x39], "\u{FFFF}"),
        // Supplementary planes: U+10000, 𠀀 (U+20000), U+10FFFF.
        ([0x90, 0x30, 0x81, 0x30], "\u{10000}"), ([0x95, 0x32, 0x82, 0x36], "𠀀"), ([0xE3, 0x32, 0x9A, 0x35], "\u{10FFFF}"),
        ([], ""), ([0x00, 0x09, 0x7F], "\u{0}\t\u{7F}"),
    ] as [([UInt8], String)])
    func decodes(bytes: [UInt8], text: String) throws {
        #expect(try decode(bytes) == text)
    }

    @Test func decodesAGBKRosterLine() throws {
        // "430511199001011236,张三,东村,beita,dibao,2020-11-01\r\n" as Excel saves "CSV" on Chinese Windows.
        let line: [UInt8] = Array("430511199001011236,".utf8) + [0xD5, 0xC5, 0xC8, 0xFD, 0x2C, 0xB6, 0xAB, 0xB4, 0xE5]
            + Array(",beita,dibao,2020-11-01\r\n".utf8)
        #expect(try decode(line) == "430511199001011236,张三,东村,beita,dibao,2020-11-01\r\n")
    }

    @Test("refuses what is not GB18030, at the sequence's first byte", arguments: [
        ([0x80], 0, TextDecodingError.Problem.invalidSequence), ([0xFF], 0, .invalidSequence),
        ([0xD5, 0xC5, 0xC8], 2, .truncatedSequence), ([0x81], 0, .truncatedSequence),
        ([0x81, 0x30], 0, .truncatedSequence), ([0x41, 0x81, 0x30, 0x81], 1, .truncatedSequence),
        ([0x81, 0x30, 0x20], 0, .invalidSequence), ([0x81, 0x20], 0, .invalidSequence), ([0x81, 0x7F], 0, .invalidSequence),
        ([0x81, 0xFF], 0, .invalidSequence), ([0x81, 0x0A], 0, .invalidSequence),
        ([0x81, 0x30, 0x81, 0x20], 0, .invalidSequence), ([0x81, 0x30, 0xFF, 0x30], 0, .invalidSequence),
        // Four-byte codes no code point has: after U+FFFF, before U+10000, after U+10FFFF.
        ([0x84, 0x31, 0xA5, 0x30], 0, .invalidSequence), ([0x85, 0x30, 0x81, 0x30], 0, .invalidSequence),
        ([0x8F, 0x39, 0xFE, 0x39], 0, .invalidSequence), ([0xE3, 0x32, 0x9A, 0x36], 0, .invalidSequence),
        ([0xFE, 0x39, 0xFE, 0x39], 0, .invalidSequence),
        ([0xD5, 0xC5, 0x41, 0x80, 0x41], 3, .invalidSequence),
    ] as [([UInt8], Int, TextDecodingError.Problem)])
    func refuses(bytes: [UInt8], offset: Int, problem: TextDecodingError.Problem) {
        #expect(throws: TextDecodingError(.gb18030, problem, offset: offset, line: 1)) { try decode(bytes) }
    }

    @Test func anErrorNamesItsLine() {
        let bytes: [UInt8] = Array("id,name\r\n1,".utf8) + [0xD5, 0xC5, 0x0A] + Array("2,".utf8) + [0xC8, 0x0A]
        #expect(throws: TextDecodingError(.gb18030, .invalidSequence, offset: 16, line: 3)) { try decode(bytes) }
        let error = TextDecodingError(.gb18030, .invalidSequence, offset: 16, line: 3)
        #expect(error.message == LocalizedText(zh: "第3行不是有效的 GB18030 编码（字节偏移 16）", en: "line 3 is not valid GB18030 (byte offset 16)"))
        #expect(TextDecodingError(.gb18030, .truncatedSequence, offset: 2, line: 1).description
            == "line 1 ends in the middle of a GB18030 character (byte offset 2)")
    }

    /// All 23,940 two-byte codes in table order, against a hash of what Python's codec
    /// decodes from them (`scripts/make-gb18030-table.py --checksums`). A wrong entry, a
    /// shifted row or a wrong trail-byte index changes the hash.
    @Test func everyTwoByteCodeMatchesPython() throws {
        var bytes: [UInt8] = []
        for lead in UInt8(0x81)...0xFE {
            for trail in Array(UInt8(0x40)...0x7E) + Array(UInt8(0x80)...0xFE) { bytes += [lead, trail] }
        }
        let text = try decode(bytes)
        #expect(text.unicodeScalars.count == 23_940)
        #expect(fnv1a64(text.utf8) == 0xD683_C41E_A925_DC54)
    }

    /// All 39,420 four-byte codes of the BMP in index order, likewise.
    @Test func everyFourByteBMPCodeMatchesPython() throws {
        var bytes: [UInt8] = []
        for index in 0..<39_420 {
            bytes += [UInt8(0x81 + index / 12_600), UInt8(0x30 + index / 1260 % 10), UInt8(0x81 + index / 10 % 126), UInt8(0x30 + index % 10)]
        }
        let text = try decode(bytes)
        #expect(text.unicodeScalars.count == 39_420)
        #expect(fnv1a64(text.utf8) == 0xE8A6_A4F5_945A_E210)
    }

    /// ASCII, the two-byte and the four-byte codes give every BMP scalar exactly once.
    @Test func theBMPIsCoveredOnce() throws {
        var seen = Set<UInt32>(0..<0x80)
        var count = 0x80
        for scalar in GB18030.twoByte { seen.insert(UInt32(scalar)); count += 1 }
        for index in 0..<GB18030.fourByteBMPCount {
            seen.insert(try #require(GB18030.fourByteScalar(index, runs: GB18030.fourByteRuns))); count += 1
        }
        #expect(count == 0x1_0000 - 0x800)
        #expect(seen.count == count)
        #expect(seen.allSatisfy { !(0xD800...0xDFFF).contains($0) && $0 <= 0xFFFF })
    }

    @Test func supplementaryCodesAreLinear() {
        let start = GB18030.supplementaryStart
        #expect(GB18030.fourByteScalar(start, runs: GB18030.fourByteRuns) == 0x1_0000)
        #expect(GB18030.fourByteScalar(start + 0xF_FFFF, runs: GB18030.fourByteRuns) == 0x10_FFFF)
        #expect(GB18030.fourByteScalar(start + 0x10_0000, runs: GB18030.fourByteRuns) == nil)
        #expect(GB18030.fourByteScalar(start - 1, runs: GB18030.fourByteRuns) == nil)
        #expect(GB18030.fourByteScalar(GB18030.fourByteBMPCount, runs: GB18030.fourByteRuns) == nil)
    }

    func fnv1a64(_ bytes: some Sequence<UInt8>) -> UInt64 {
        bytes.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
    }
}
