import PolicyKit

/// Where and why a file's bytes are not text in the encoding it was read as.
///
/// The offset and line let the message point at the spot in the file ("line 12 is not
/// GB18030"), which is what a clerk needs to find the cell, or to see that the file
/// was saved in another encoding.
struct TextDecodingError: Error, Equatable, Sendable {
    /// What is wrong with the bytes at `offset`.
    enum Problem: Equatable, Sendable {
        /// Bytes that begin no character of the encoding.
        case invalidSequence
        /// The input ends in the middle of a character (or, in UTF-16, after an odd byte).
        case truncatedSequence
        /// A UTF-16 high surrogate without a low one after it, or a low one alone.
        case unpairedSurrogate
    }

    var encoding: TextDecoding.Encoding
    var problem: Problem
    /// The offset of the first byte of the sequence, from 0 at the start of the input.
    var offset: Int
    /// The line it is on, from 1; lines end with LF.
    var line: Int

    init(_ encoding: TextDecoding.Encoding, _ problem: Problem, offset: Int, line: Int) {
        self.encoding = encoding
        self.problem = problem
        self.offset = offset
        self.line = line
    }

    /// An error at `offset` in `bytes`, counting its line there.
    init(_ encoding: TextDecoding.Encoding, _ problem: Problem, at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) {
        var line = 1
        switch encoding {
        case .utf8, .gb18030:
            // In both encodings a 0x0A byte is always LF, never part of another character.
            for byte in bytes[..<offset] where byte == 0x0A { line += 1 }
        case .utf16LittleEndian, .utf16BigEndian:
            let low = encoding == .utf16LittleEndian ? 0 : 1
            for unit in stride(from: 0, to: offset - 1, by: 2) where bytes[unit + low] == 0x0A && bytes[unit + 1 - low] == 0 { line += 1 }
        }
        self.init(encoding, problem, offset: offset, line: line)
    }

    /// What is wrong, in Chinese and English.
    var message: LocalizedText {
        let name = encoding.name
        let what: LocalizedText = switch problem {
        case .invalidSequence: LocalizedText(zh: "不是有效的 \(name) 编码", en: "is not valid \(name)")
        case .truncatedSequence: LocalizedText(zh: "在字符中间结束，不是完整的 \(name) 编码", en: "ends in the middle of a \(name) character")
        case .unpairedSurrogate: LocalizedText(zh: "含有不成对的 UTF-16 代理项", en: "has an unpaired UTF-16 surrogate")
        }
        return LocalizedText(zh: "第\(line)行\(what.zh)（字节偏移 \(offset)）", en: "line \(line) \(what.en) (byte offset \(offset))")
    }
}

extension TextDecodingError: CustomStringConvertible {
    /// The English message.
    var description: String { message.en }
}
