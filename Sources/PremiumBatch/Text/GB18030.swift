/// Decodes GB18030, the encoding Chinese Windows calls ANSI, so Excel's "CSV" and
/// "Text" exports of a roster are in it (GBK, which Windows uses, is a subset).
///
/// Foundation can decode GB18030 too, but only through ICU, which made a test binary
/// 70 MB instead of 24.7 MB; this is three table look-ups and some arithmetic. The
/// mapping is the one of Python's `gb18030` codec, generated into `GB18030+Tables.swift`
/// by `scripts/make-gb18030-table.py`:
///
/// * 0x00–0x7F: ASCII.
/// * Two bytes, lead 0x81–0xFE and trail 0x40–0x7E or 0x80–0xFE: a table of 23,940 BMP
///   code points.
/// * Four bytes, 0x81–0xFE 0x30–0x39 0x81–0xFE 0x30–0x39: up to 0x8431A439 the other
///   39,420 BMP code points in runs; from 0x90308130 U+10000…U+10FFFF in order.
///
/// Everything else is an error: a lone 0x80 or 0xFF, a lead byte without a valid trail,
/// four-byte codes outside those two spans, and a sequence cut off by the end.
enum GB18030 {
    /// The text of `bytes`.
    ///
    /// The result's UTF-8 is at most 1.5 times as long as the input (three bytes for two,
    /// four for four); its storage is allocated at that size once.
    ///
    /// - Throws: `TextDecodingError` with the offset of the first byte of the first
    ///   sequence that is not GB18030.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) throws(TextDecodingError) -> String {
        let twoByte = GB18030.twoByte, fourByteRuns = GB18030.fourByteRuns
        var failure: (offset: Int, problem: TextDecodingError.Problem)?
        let text = String(unsafeUninitializedCapacity: bytes.count + bytes.count / 2) { output in
            var read = 0, written = 0
            while read < bytes.count {
                let lead = bytes[read]
                if lead < 0x80 {
                    output[written] = lead; written += 1; read += 1
                    continue
                }
                guard (0x81...0xFE).contains(lead) else { failure = (read, .invalidSequence); return 0 }
                guard read + 1 < bytes.count else { failure = (read, .truncatedSequence); return 0 }
                let second = bytes[read + 1]
                switch second {
                case 0x40...0x7E, 0x80...0xFE:
                    let trail = Int(second) - (second < 0x7F ? 0x40 : 0x41)
                    TextDecoding.writeUTF8(UInt32(twoByte[(Int(lead) - 0x81) * 190 + trail]), to: output, at: &written)
                    read += 2
                case 0x30...0x39:
                    guard read + 3 < bytes.count else {
                        // Truncated only if what is there could still begin a four-byte code.
                        let third = read + 2 < bytes.count ? bytes[read + 2] : 0x81
                        failure = (read, (0x81...0xFE).contains(third) ? .truncatedSequence : .invalidSequence)
                        return 0
                    }
                    let third = bytes[read + 2], fourth = bytes[read + 3]
                    guard (0x81...0xFE).contains(third), (0x30...0x39).contains(fourth) else {
                        failure = (read, .invalidSequence); return 0
                    }
                    let index = ((Int(lead) - 0x81) * 10 + Int(second) - 0x30) * 1260 + (Int(third) - 0x81) * 10 + Int(fourth) - 0x30
                    if let scalar = GB18030.fourByteScalar(index, runs: fourByteRuns) {
                        TextDecoding.writeUTF8(scalar, to: output, at: &written)
                        read += 4
                    } else {
                        failure = (read, .invalidSequence); return 0
                    }
                default:
                    failure = (read, .invalidSequence); return 0
                }
            }
            return written
        }
        if let failure { throw TextDecodingError(.gb18030, failure.problem, at: failure.offset, in: bytes) }
        return text
    }

    /// The linear index of 0x90308130, the four-byte code of U+10000.
    static let supplementaryStart = ((0x90 - 0x81) * 10 + 0) * 1260 + 0 * 10 + 0

    /// The scalar of a four-byte code by its linear index (see `fourByteRunsHex`), or
    /// `nil` for an index no code point has.
    static func fourByteScalar(_ index: Int, runs: [(index: Int, scalar: UInt32)]) -> UInt32? {
        if index >= supplementaryStart {
            let offset = index - supplementaryStart
            return offset <= 0xF_FFFF ? 0x1_0000 + UInt32(offset) : nil
        }
        guard index < fourByteBMPCount else { return nil }
        // The last run starting at or before `index` (runs[0] starts at 0).
        var low = 0, high = runs.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if runs[middle].index <= index { low = middle } else { high = middle - 1 }
        }
        return runs[low].scalar + UInt32(index - runs[low].index)
    }

    /// How many BMP code points have a four-byte code: all but ASCII, the two-byte table
    /// and the surrogates (65,536 − 128 − 23,940 − 2,048).
    static let fourByteBMPCount = 39_420

    /// `twoByteHex` decoded, on first use.
    static let twoByte: [UInt16] = {
        let table = hexNumbers(twoByteHex)
        precondition(table.count == 126 * 190, "GB18030+Tables.swift: two-byte table has \(table.count) entries")
        return table
    }()

    /// `fourByteRunsHex` decoded, on first use.
    static let fourByteRuns: [(index: Int, scalar: UInt32)] = {
        let numbers = hexNumbers(fourByteRunsHex)
        precondition(numbers.count % 2 == 0 && numbers.first == 0, "GB18030+Tables.swift: malformed four-byte runs")
        return stride(from: 0, to: numbers.count, by: 2).map { (Int(numbers[$0]), UInt32(numbers[$0 + 1])) }
    }()

    /// The four-hex-digit numbers of a table literal; white space between them is skipped.
    static func hexNumbers(_ literal: StaticString) -> [UInt16] {
        literal.withUTF8Buffer { text in
            var numbers: [UInt16] = []
            numbers.reserveCapacity(text.count / 4)
            var value: UInt16 = 0, digits = 0
            for byte in text {
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: continue
                }
                value = value << 4 | UInt16(digit)
                digits += 1
                if digits == 4 {
                    numbers.append(value)
                    value = 0
                    digits = 0
                }
            }
            return numbers
        }
    }
}
