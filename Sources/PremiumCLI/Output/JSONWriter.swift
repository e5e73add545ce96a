import PolicyKit

/// Writes JSON into a byte buffer, compact (one line, for batch) or pretty
/// (two-space indent, `"key": value`, for `quote --json`).
///
/// Callers write keys in sorted order themselves; that keeps output stable without a
/// dictionary or a sort per record.
struct JSONWriter {
    var bytes: [UInt8] = []
    let pretty: Bool
    private var depth = 0
    private var needsComma = false

    init(pretty: Bool, capacity: Int = 512) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
    }

    private mutating func newline() {
        guard pretty else { return }
        bytes.append(10)
        for _ in 0..<depth { bytes.append(32); bytes.append(32) }
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        if depth > 0 { newline() }
    }

    mutating func beginObject() { bytes.append(UInt8(ascii: "{")); depth += 1; needsComma = false }
    mutating func beginArray() { bytes.append(UInt8(ascii: "[")); depth += 1; needsComma = false }

    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func close(_ byte: UInt8) {
        depth -= 1
        let empty = !needsComma
        if !empty { newline() }
        bytes.append(byte)
        needsComma = true
    }

    /// Starts a member with a key written in the source: `"key": ` (pretty) or
    /// `"key":` (compact). Such keys need no escaping.
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(32) }
        needsComma = false
    }

    /// Starts a member whose key comes from data (a village, a CSV column), escaped.
    mutating func key(escaping name: String) {
        separate()
        var name = name
        name.withUTF8 { appendString($0) }
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(32) }
        needsComma = false
    }

    /// Before an array element.
    mutating func element() { separate(); needsComma = false }

    private mutating func value(_ utf8: some Sequence<UInt8>) { bytes.append(contentsOf: utf8); needsComma = true }

    mutating func null() { literal("null") }
    mutating func bool(_ flag: Bool) { literal(flag ? "true" : "false") }

    private mutating func literal(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        needsComma = true
    }

    mutating func int(_ number: Int) {
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(number.magnitude)
        needsComma = true
    }

    /// Yuan with no trailing zeros, as `Fen.jsonNumber` spells it, without a `String`.
    mutating func yuan(_ amount: Fen) {
        if amount.rawValue < 0 { bytes.append(UInt8(ascii: "-")) }
        let (yuan, fen) = amount.rawValue.magnitude.quotientAndRemainder(dividingBy: 100)
        appendDigits(yuan)
        if fen != 0 {
            bytes.append(UInt8(ascii: "."))
            bytes.append(UInt8(48 + fen / 10))
            if fen % 10 != 0 { bytes.append(UInt8(48 + fen % 10)) }
        }
        needsComma = true
    }

    private mutating func appendDigits(_ number: UInt) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        var value = number
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat { buffer[23 - count] = UInt8(48 + value % 10); value /= 10; count += 1 } while value > 0
            bytes.append(contentsOf: buffer[(24 - count)...])
        }
    }

    mutating func date(_ date: CivilDate?) {
        guard let date else { return null() }
        let year = date.year, month = date.month, day = date.day
        guard (0...9999).contains(year) else { return string(date.description) }
        var text: (UInt64, UInt32) = (0, 0)
        withUnsafeMutableBytes(of: &text) { buffer in
            buffer[0] = UInt8(ascii: "\"")
            buffer[1] = UInt8(48 + year / 1000); buffer[2] = UInt8(48 + year / 100 % 10)
            buffer[3] = UInt8(48 + year / 10 % 10); buffer[4] = UInt8(48 + year % 10)
            buffer[5] = UInt8(ascii: "-"); buffer[6] = UInt8(48 + month / 10); buffer[7] = UInt8(48 + month % 10)
            buffer[8] = UInt8(ascii: "-"); buffer[9] = UInt8(48 + day / 10); buffer[10] = UInt8(48 + day % 10)
            buffer[11] = UInt8(ascii: "\"")
            bytes.append(contentsOf: buffer[0..<12])
        }
        needsComma = true
    }
    /// Raw bytes that are already valid JSON (carried batch fields).
    mutating func raw(_ json: ArraySlice<UInt8>) { value(json) }

    mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { appendString($0) }
        needsComma = true
    }

    private mutating func appendString(_ utf8: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            bytes.append(contentsOf: utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [92, 34])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [92, 92])
            case 10: bytes.append(contentsOf: [92, 110])
            case 13: bytes.append(contentsOf: [92, 114])
            case 9: bytes.append(contentsOf: [92, 116])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [92, 117, 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The document written so far as text, with a trailing newline.
    var text: String { String(decoding: bytes, as: UTF8.self) + "\n" }

    mutating func strings(_ texts: [String]) {
        beginArray()
        for text in texts { element(); string(text) }
        endArray()
    }
}
