import PolicyKit
@testable import PremiumBatch
import Testing

struct TextDecodingTests {
    typealias Encoding = TextDecoding.Encoding

    @Test("detects the encoding from the first bytes", arguments: [
        ([0xEF, 0xBB, 0xBF, 0x69, 0x64], Encoding.utf8), ([0xFF, 0xFE, 0x69, 0x00], .utf16LittleEndian),
        ([0xFE, 0xFF, 0x00, 0x69], .utf16BigEndian), ([0xFF, 0xFE], .utf16LittleEndian),
        (Array("id,name\n".utf8), .utf8), (Array("1,张三\n".utf8), .utf8), ([], .utf8),
        ([0x31, 0x2C, 0xD5, 0xC5, 0xC8, 0xFD], .gb18030), ([0xB5, 0xCD, 0xB1, 0xA3], .gb18030),
        // A prefix cut inside a UTF-8 character ("张" is E5 BC A0; "𠀀" F0 A0 80 80).
        ([0x31, 0xE5, 0xBC], .utf8), ([0x31, 0xE5], .utf8), ([0x31, 0xF0, 0xA0, 0x80], .utf8),
        // Not a cut: a GBK pair, whose second byte is no UTF-8 continuation byte.
        ([0x31, 0xD5, 0xC5], .gb18030), ([0x31, 0xE5, 0xBC, 0xA0, 0xA0], .gb18030),
    ] as [([UInt8], Encoding)])
    func detect(prefix: [UInt8], encoding: Encoding) {
        #expect(Encoding.detect(prefix: prefix) == encoding)
    }

    @Test func utf8LosesItsByteOrderMark() throws {
        #expect(try TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array("姓名,类别\n".utf8), as: .utf8) == "姓名,类别\n")
        #expect(try TextDecoding.decode(Array("\u{FEFF}".utf8) + Array("\u{FEFF}x".utf8), as: .utf8) == "\u{FEFF}x")
    }

    @Test("refuses bad UTF-8 at the sequence's first byte", arguments: [
        ([0xC3, 0x28], 0, TextDecodingError.Problem.invalidSequence), ([0x61, 0x80], 1, .invalidSequence),
        ([0x61, 0xE5, 0xBC], 1, .truncatedSequence), ([0xEF, 0xBB, 0xBF, 0xE5], 3, .truncatedSequence),
        ([0xE5, 0xBC, 0x61], 0, .invalidSequence), ([0xED, 0xA0, 0x80], 0, .invalidSequence), ([0xC0, 0xAF], 0, .invalidSequence),
        ([0x0A, 0x0A, 0xD5, 0xC5], 2, .invalidSequence),
    ] as [([UInt8], Int, TextDecodingError.Problem)])
    func refusesUTF8(bytes: [UInt8], offset: Int, problem: TextDecodingError.Problem) {
        let line = bytes[..<offset].filter { $0 == 0x0A }.count + 1
        #expect(throws: TextDecodingError(.utf8, problem, offset: offset, line: line)) { try TextDecoding.decode(bytes, as: .utf8) }
    }

    /// Excel's "Unicode text": UTF-16LE with a byte-order mark, tabs between cells, CRLF.
    @Test func excelUnicodeText() throws {
        let bytes: [UInt8] = [0xFF, 0xFE, 0xD3, 0x59, 0x0D, 0x54, 0x09, 0x00, 0x7B, 0x7C, 0x2B, 0x52, 0x0D, 0x00, 0x0A, 0x00,
                              0x20, 0x5F, 0x09, 0x4E, 0x09, 0x00, 0x4E, 0x4F, 0xDD, 0x4F, 0x0D, 0x00, 0x0A, 0x00]
        #expect(Encoding.detect(prefix: bytes) == .utf16LittleEndian)
        #expect(try TextDecoding.decode(bytes, as: .utf16LittleEndian) == "姓名\t类别\r\n张三\t低保\r\n")
    }

    @Test func utf16BothByteOrdersAndSurrogatePairs() throws {
        #expect(try TextDecoding.decode([0xFF, 0xFE, 0x40, 0xD8, 0x00, 0xDC, 0x41, 0x00], as: .utf16LittleEndian) == "𠀀A")
        #expect(try TextDecoding.decode([0xFE, 0xFF, 0xD8, 0x40, 0xDC, 0x00, 0x00, 0x41], as: .utf16BigEndian) == "𠀀A")
        #expect(try TextDecoding.decode([0xFE, 0xFF, 0x5F, 0x20, 0x4E, 0x09], as: .utf16BigEndian) == "张三")
        #expect(try TextDecoding.decode([0x20, 0x5F], as: .utf16LittleEndian) == "张")   // no byte-order mark
        #expect(try TextDecoding.decode([0xFF, 0xDB, 0xFF, 0xDF], as: .utf16LittleEndian) == "\u{10FFFF}")
        #expect(try TextDecoding.decode([0xFF, 0xFE], as: .utf16LittleEndian) == "")
        #expect(try TextDecoding.decode([], as: .utf16BigEndian) == "")
    }

    @Test("refuses bad UTF-16", arguments: [
        ([0xFF, 0xFE, 0x40, 0xD8], Encoding.utf16LittleEndian, 2, 1, TextDecodingError.Problem.unpairedSurrogate),
        ([0xFF, 0xFE, 0x40, 0xD8, 0x41, 0x00], .utf16LittleEndian, 2, 1, .unpairedSurrogate),
        ([0xFF, 0xFE, 0x41, 0x00, 0x00, 0xDC], .utf16LittleEndian, 4, 1, .unpairedSurrogate),
        ([0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00, 0x62, 0x00, 0x0A, 0x00, 0x00, 0xDC], .utf16LittleEndian, 10, 3, .unpairedSurrogate),
        ([0xFE, 0xFF, 0x00, 0x0A, 0xDC, 0x00], .utf16BigEndian, 4, 2, .unpairedSurrogate),
        ([0xFF, 0xFE, 0x41, 0x00, 0x42], .utf16LittleEndian, 4, 1, .truncatedSequence),
        ([0xFF, 0xFE, 0x0A, 0x00, 0x0A], .utf16LittleEndian, 4, 2, .truncatedSequence),
        // 0A 0A is U+0A0A, not a line end, in either byte order.
        ([0x0A, 0x0A, 0x00, 0xDC], .utf16LittleEndian, 2, 1, .unpairedSurrogate),
    ] as [([UInt8], Encoding, Int, Int, TextDecodingError.Problem)])
    func refusesUTF16(bytes: [UInt8], encoding: Encoding, offset: Int, line: Int, problem: TextDecodingError.Problem) {
        #expect(throws: TextDecodingError(encoding, problem, offset: offset, line: line)) { try TextDecoding.decode(bytes, as: encoding) }
    }

    @Test func messagesNameTheEncoding() {
        #expect(TextDecodingError(.utf16LittleEndian, .unpairedSurrogate, offset: 10, line: 3).message
            == LocalizedText(zh: "第3行含有不成对的 UTF-16 代理项（字节偏移 10）", en: "line 3 has an unpaired UTF-16 surrogate (byte offset 10)"))
        #expect(TextDecodingError(.utf8, .truncatedSequence, offset: 1, line: 1).message
            == LocalizedText(zh: "第1行在字符中间结束，不是完整的 UTF-8 编码（字节偏移 1）", en: "line 1 ends in the middle of a UTF-8 character (byte offset 1)"))
    }

    /// Every encoding decodes the same roster to the same text.
    @Test func oneTextFourEncodings() throws {
        let text = "身份证号,姓名,类别\r\n430511199001011236,张三,低保\r\n"
        // The GBK bytes checked with Python's codec.
        let gbk: [UInt8] = [0xC9, 0xED, 0xB7, 0xDD, 0xD6, 0xA4, 0xBA, 0xC5, 0x2C, 0xD0, 0xD5, 0xC3, 0xFB, 0x2C, 0xC0, 0xE0, 0xB1, 0xF0, 0x0D, 0x0A]
            + Array("430511199001011236,".utf8) + [0xD5, 0xC5, 0xC8, 0xFD, 0x2C, 0xB5, 0xCD, 0xB1, 0xA3, 0x0D, 0x0A]
        let utf16 = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try TextDecoding.decode([0xEF, 0xBB, 0xBF] + Array(text.utf8), as: .utf8) == text)
        #expect(try TextDecoding.decode(gbk, as: .gb18030) == text)
        #expect(try TextDecoding.decode([0xFF, 0xFE] + utf16, as: .utf16LittleEndian) == text)
        #expect(try TextDecoding.decode([0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }, as: .utf16BigEndian) == text)
    }
}
