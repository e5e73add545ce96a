import PolicyKit

/// Writes JSON into a byte buffer, compact (one line, for batch) or pretty
/// (two-space indent, `"key": value`, for `quote --json`).
///
/// Callers write keys in sorted order themselves; that keeps output stable without a
/// dictionary or a sort per record.
public struct JSONWriter {
    /// Where the document is written (a class: appends skip copy-on-write checks).
    private let buffer: ByteBuffer
    /// The document written so far.
    public var bytes: [UInt8] { Array(buffer.bytes) }
    public let pretty: Bool
    private var depth = 0
    private var needsComma = false

    public init(pretty: Bool, capacity: Int = 512) {
        self.init(pretty: pretty, into: ByteBuffer(capacity: capacity))
    }

    /// A writer that appends to `buffer` (batch reuses one buffer for every result).
    public init(pretty: Bool, into buffer: ByteBuffer) {
        self.pretty = pretty
        self.buffer = buffer
    }

    private mutating func newline() {
        guard pretty else { return }
        buffer.append(10)
        for _ in 0..<depth { buffer.append(32); buffer.append(32) }
    }

    @inline(__always)
    private mutating func separate() {
        if needsComma { buffer.append(UInt8(ascii: ",")) }
        if depth > 0 { newline() }
    }

    public mutating func beginObject() { buffer.append(UInt8(ascii: "{")); depth += 1; needsComma = false }
    public mutating func beginArray() { buffer.append(UInt8(ascii: "[")); depth += 1; needsComma = false }

    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func close(_ byte: UInt8) {
        depth -= 1
        let empty = !needsComma
        if !empty { newline() }
        buffer.append(byte)
        needsComma = true
    }

    /// Starts a member with a key written in the source: `"key": ` (pretty) or
    /// `"key":` (compact). Such keys need no escaping.
    @inline(__always)  // so the key's length is a constant and its copy a few moves
    public mutating func key(_ name: StaticString) {
        if pretty { separate() } else if needsComma { buffer.append(UInt8(ascii: ",")) }
        buffer.append(UInt8(ascii: "\""))
        buffer.append(name)
        buffer.append(UInt8(ascii: "\""))
        buffer.append(UInt8(ascii: ":"))
        if pretty { buffer.append(32) }
        needsComma = false
    }

    /// Starts a member whose key comes from data (a village, a CSV column), escaped.
    public mutating func key(escaping name: String) {
        separate()
        var name = name
        name.withUTF8 { appendString($0) }
        buffer.append(UInt8(ascii: ":"))
        if pretty { buffer.append(32) }
        needsComma = false
    }

    /// Before an array element.
    public mutating func element() { separate(); needsComma = false }


    public mutating func null() { literal("null") }
    public mutating func bool(_ flag: Bool) { literal(flag ? "true" : "false") }

    @inline(__always)
    private mutating func literal(_ text: StaticString) {
        buffer.append(text)
        needsComma = true
    }

    @inline(__always)
    public mutating func int(_ number: Int) {
        if number < 0 { buffer.append(UInt8(ascii: "-")) }
        appendDigits(number.magnitude)
        needsComma = true
    }

    /// Yuan with no trailing zeros, as `Fen.jsonNumber` spells it, without a `String`.
    @inline(__always)
    public mutating func yuan(_ amount: Fen) {
        if amount.rawValue < 0 { buffer.append(UInt8(ascii: "-")) }
        let (yuan, fen) = amount.rawValue.magnitude.quotientAndRemainder(dividingBy: 100)
        appendDigits(yuan)
        if fen != 0 {
            buffer.append(UInt8(ascii: "."))
            buffer.append(UInt8(48 + fen / 10))
            if fen % 10 != 0 { buffer.append(UInt8(48 + fen % 10)) }
        }
        needsComma = true
    }

    @inline(__always)
    private mutating func appendDigits(_ number: UInt) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var count = 0
        var value = number
        withUnsafeMutableBytes(of: &digits) { digits in
            repeat { digits[23 - count] = UInt8(48 + value % 10); value /= 10; count += 1 } while value > 0
            buffer.append(UnsafeRawBufferPointer(rebasing: digits[(24 - count)...]))
        }
    }

    @inline(__always)
    public mutating func date(_ date: CivilDate?) {
        guard let date else { return null() }
        let year = date.year, month = date.month, day = date.day
        guard (0...9999).contains(year) else { return string(date.description) }
        var text: (UInt64, UInt32) = (0, 0)
        withUnsafeMutableBytes(of: &text) { text in
            text[0] = UInt8(ascii: "\"")
            text[1] = UInt8(48 + year / 1000); text[2] = UInt8(48 + year / 100 % 10)
            text[3] = UInt8(48 + year / 10 % 10); text[4] = UInt8(48 + year % 10)
            text[5] = UInt8(ascii: "-"); text[6] = UInt8(48 + month / 10); text[7] = UInt8(48 + month % 10)
            text[8] = UInt8(ascii: "-"); text[9] = UInt8(48 + day / 10); text[10] = UInt8(48 + day % 10)
            text[11] = UInt8(ascii: "\"")
            buffer.append(UnsafeRawBufferPointer(rebasing: text[0..<12]))
        }
        needsComma = true
    }

    /// `first`, a space and `second` as one JSON string, without joining them first.
    public mutating func string(_ first: String, space second: String) {
        var (first, second) = (first, second)
        buffer.append(UInt8(ascii: "\""))
        first.withUTF8 { appendEscaped($0) }
        buffer.append(32)
        second.withUTF8 { appendEscaped($0) }
        buffer.append(UInt8(ascii: "\""))
        needsComma = true
    }

    @inline(__always)
    public mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { appendString($0) }
        needsComma = true
    }

    @inline(__always)
    private mutating func appendString(_ utf8: UnsafeBufferPointer<UInt8>) {
        buffer.append(UInt8(ascii: "\""))
        appendEscaped(utf8)
        buffer.append(UInt8(ascii: "\""))
    }

    /// The bytes of a JSON string's content, escaped (most text needs none).
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        if !JSONWriter.needsEscaping(utf8) {
            buffer.append(utf8)
            return
        }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""): buffer.append([92, 34])
            case UInt8(ascii: "\\"): buffer.append([92, 92])
            case 10: buffer.append([92, 110])
            case 13: buffer.append([92, 114])
            case 9: buffer.append([92, 116])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                buffer.append([92, 117, 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: buffer.append(byte)
            }
        }
    }

    /// Whether any byte is a quote, a backslash or a control character, eight bytes at a
    /// time (reasons are long, and almost never need escaping).
    private static func needsEscaping(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let raw = UnsafeRawBufferPointer(utf8)
        let ones: UInt64 = 0x0101_0101_0101_0101, highs = ones &* 0x80, lows = ones &* 0x7F
        var index = 0
        while index + 8 <= raw.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
            // High bit of each byte that is zero (quote, backslash) or below 0x20, exactly.
            let zeroQuote = ~(((quote & lows) &+ lows) | quote | lows)
            let zeroBackslash = ~(((backslash & lows) &+ lows) | backslash | lows)
            let control = ~((word & lows) &+ (ones &* 0x60)) & ~word & highs
            if (zeroQuote | zeroBackslash | control) != 0 { return true }
            index += 8
        }
        while index < raw.count {
            let byte = raw[index]
            if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return true }
            index += 1
        }
        return false
    }

    /// The document written so far as text, with a trailing newline.
    public var text: String { String(decoding: buffer.bytes, as: UTF8.self) + "\n" }

    public mutating func strings(_ texts: [String]) {
        beginArray()
        for text in texts { element(); string(text) }
        endArray()
    }
}
