#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PolicyKit
import ResidentIO

/// A CSV roster in the encoding it was saved in, read as UTF-8.
///
/// "CSV (逗号分隔)" from Chinese Excel or WPS is GBK, which GB18030 covers. Without a
/// forced encoding the bytes pass through as UTF-8 for as long as they are valid UTF-8;
/// at the first byte that is not, if everything before it was ASCII (a header row of
/// English names, say), the rest is read as GB18030, since ASCII is the same in both.
/// UTF-8 after Chinese UTF-8 that then turns invalid is an error: the file mixes
/// encodings. A UTF-16 byte-order mark selects UTF-16. Memory holds one chunk and the
/// bytes of one unfinished character.
final class TranscodingSource: ByteSource {
    private(set) var base: any ByteSource
    private let choice: BatchRun.Encoding
    /// The encoding being read, once known.
    private(set) var encoding: TextDecoding.Encoding = .utf8
    private var started = false
    /// Whether every byte so far was ASCII (so switching to GB18030 changes nothing read).
    private var asciiSoFar = true
    /// Raw bytes read but not yet decoded (an unfinished character).
    private var pending: [UInt8] = []
    /// Line breaks in the input before `pending`, for messages.
    private var lines = 0
    /// Why the input stopped being text, when it did.
    private(set) var failure: TextDecodingError?
    private var finished = false
    private var decidedOnFirstChunk = false
    /// Characters of more than one byte seen by `validUTF8Prefix`.
    private var multibyte = 0
    /// UTF-8 characters of three or four bytes among them (Chinese is three).
    private var threeByte = 0

    init(_ base: any ByteSource, choice: BatchRun.Encoding) {
        self.base = base
        self.choice = choice
        if choice == .gb18030 { encoding = .gb18030 }
    }

    var readError: Int32? { base.readError }
    var identity: FileIdentity? { base.identity }

    func read(into buffer: inout [UInt8], count: Int) -> Int {
        while !finished {
            let got = base.read(into: &pending, count: count)
            if base.readError != nil { return 0 }
            let atEnd = got == 0
            if !started, pending.count >= 2 || atEnd {
                started = true
                if choice == .detect, pending.starts(with: [0xFF, 0xFE]) { encoding = .utf16LittleEndian }
                if choice == .detect, pending.starts(with: [0xFE, 0xFF]) { encoding = .utf16BigEndian }
            }
            if !started { continue }
            let before = buffer.count
            decode(into: &buffer, atEnd: atEnd)
            if atEnd || failure != nil { finished = true }
            if buffer.count > before { return buffer.count - before }
        }
        return 0
    }

    /// Decodes what of `pending` forms whole characters, appending UTF-8 to `buffer`.
    private func decode(into buffer: inout [UInt8], atEnd: Bool) {
        if encoding == .utf8, choice == .detect, !decidedOnFirstChunk {
            // The first chunk decides as a whole: a GBK file can begin with bytes that
            // happen to be UTF-8 (证件号码 is D6 A4 …), and only what follows shows it.
            decidedOnFirstChunk = true
            // A few Chinese characters of real UTF-8 before the bad byte mean a UTF-8
            // file with a bad byte (an error below), not GBK.
            multibyte = 0
            threeByte = 0
            let valid = validUTF8Prefix(atEnd: atEnd)
            let tail = atEnd ? 0 : TextDecoding.incompleteUTF8Tail(pending)
            if valid < pending.count - tail, multibyte < 4 { encoding = .gb18030 }
            // GBK that is valid UTF-8 throughout (郑英 is D6 A3 D3 A2, which UTF-8 reads as
            // Hebrew and Cyrillic): only two-byte characters and no Chinese, while GB18030
            // reads Chinese in the same bytes.
            if encoding == .utf8, multibyte > 0, threeByte == 0, TranscodingSource.readsAsChinese(pending[..<(pending.count - tail)]) {
                encoding = .gb18030
            }
            asciiSoFar = true
        }
        if encoding == .utf8 {
            let valid = validUTF8Prefix(atEnd: atEnd)
            buffer += pending[..<valid]
            countLines(valid)
            pending.removeFirst(valid)
            if pending.isEmpty || (!atEnd && pending.count < 4 && TextDecoding.incompleteUTF8Tail(pending) == pending.count) { return }
            guard choice == .detect, asciiSoFar else {
                fail(.invalidSequence)
                return
            }
            encoding = .gb18030
        }
        let whole = atEnd ? pending.count : wholeCharacters()
        guard whole > 0 else { return }
        do {
            let text = try pending.withUnsafeBufferPointer { (bytes) throws(TextDecodingError) in
                try TextDecoding.decode(Array(bytes[..<whole]), as: encoding)
            }
            buffer += text.utf8
            countLines(whole)
            pending.removeFirst(whole)
        } catch {
            failure = TextDecodingError(error.encoding, error.problem, offset: error.offset, line: lines + error.line)
        }
    }

    /// Whether `bytes` decode as GB18030 with Chinese characters in them.
    private static func readsAsChinese(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard let text = try? TextDecoding.decode(Array(bytes), as: .gb18030) else { return false }
        return text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
    }

    /// How many bytes of `pending` are valid UTF-8, leaving an unfinished character at
    /// the end for the next chunk.
    private func validUTF8Prefix(atEnd: Bool) -> Int {
        pending.withUnsafeBufferPointer { bytes in
            var index = 0
            let count = bytes.count
            let raw = UnsafeRawBufferPointer(bytes)
            while index < count {
                // Runs of ASCII, eight bytes at a time.
                if index + 8 <= count, raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    index += 8
                    continue
                }
                let byte = bytes[index]
                if byte < 0x80 { index += 1; continue }
                // Most Chinese characters: a lead byte E1–EC or EE–EF, whose second byte
                // may be any continuation byte, and a continuation byte.
                if byte &- 0xE1 < 0x0C || byte &- 0xEE < 2, index + 3 <= count,
                   bytes[index + 1] & 0xC0 == 0x80, bytes[index + 2] & 0xC0 == 0x80 {
                    asciiSoFar = false
                    multibyte += 1
                    threeByte += 1
                    index += 3
                    continue
                }
                // The second byte's range depends on the first (Unicode 15, table 3-7).
                let length: Int, second: ClosedRange<UInt8>
                switch byte {
                case 0xC2...0xDF: (length, second) = (2, 0x80...0xBF)
                case 0xE0: (length, second) = (3, 0xA0...0xBF)
                case 0xED: (length, second) = (3, 0x80...0x9F)
                case 0xE1...0xEF: (length, second) = (3, 0x80...0xBF)
                case 0xF0: (length, second) = (4, 0x90...0xBF)
                case 0xF4: (length, second) = (4, 0x80...0x8F)
                case 0xF1...0xF3: (length, second) = (4, 0x80...0xBF)
                default: return index
                }
                if index + length > count { return index }
                guard second.contains(bytes[index + 1]) else { return index }
                for next in (index + 2)..<(index + length) where bytes[next] & 0xC0 != 0x80 { return index }
                asciiSoFar = false
                multibyte += 1
                if length > 2 { threeByte += 1 }
                index += length
            }
            return index
        }
    }

    /// How many bytes of `pending` end on a character boundary.
    private func wholeCharacters() -> Int {
        switch encoding {
        case .utf16LittleEndian, .utf16BigEndian:
            var count = pending.count & ~1
            // Keep a high surrogate for its partner in the next chunk.
            if count >= 2 {
                let high = encoding == .utf16LittleEndian ? pending[count - 1] : pending[count - 2]
                if (0xD8...0xDB).contains(high) { count -= 2 }
            }
            return count
        default:
            var index = 0
            while index < pending.count {
                let byte = pending[index]
                let length = byte < 0x81 || byte == 0xFF ? 1 : (index + 1 < pending.count && (0x30...0x39).contains(pending[index + 1]) ? 4 : 2)
                if index + length > pending.count { break }
                index += length
            }
            return index
        }
    }

    /// The message for a roster that stopped being text.
    static func explain(_ failure: TextDecodingError, forced: BatchRun.Encoding) -> LocalizedText {
        let hint = switch (failure.encoding, forced) {
        case (.utf8, .utf8): LocalizedText(zh: "；如果文件由中文版 Excel 或 WPS 保存，请试用 --encoding gb18030",
                                           en: "; if the file was saved by Chinese Excel or WPS, try --encoding gb18030")
        case (.utf8, _): LocalizedText(zh: "；文件混用了编码（前面是 UTF-8 中文，后面的字节不是 UTF-8）",
                                       en: "; the file mixes encodings (UTF-8 Chinese first, then bytes that are not UTF-8)")
        case (.gb18030, .detect): LocalizedText(zh: "；如果文件是 UTF-8 编码，请试用 --encoding utf-8", en: "; if the file is UTF-8, try --encoding utf-8")
        default: LocalizedText(verbatim: "")
        }
        return failure.message + hint
    }

    private func countLines(_ count: Int) {
        pending.withUnsafeBufferPointer { bytes in
            guard var at = bytes.baseAddress else { return }
            let end = at + count
            while at < end, let found = memchr(at, 0x0A, end - at) {
                lines += 1
                at = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) + 1
            }
        }
    }

    private func fail(_ problem: TextDecodingError.Problem) {
        failure = TextDecodingError(encoding, problem, offset: 0, line: lines + 1)
    }
}
