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

    /// Starts a member: `"key": ` (pretty) or `"key":` (compact).
    mutating func key(_ name: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: name.utf8)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(32) }
        needsComma = false
    }

    /// Before an array element.
    mutating func element() { separate(); needsComma = false }

    private mutating func value(_ utf8: some Sequence<UInt8>) { bytes.append(contentsOf: utf8); needsComma = true }

    mutating func null() { value("null".utf8) }
    mutating func bool(_ flag: Bool) { value((flag ? "true" : "false").utf8) }
    mutating func int(_ number: Int) { value(String(number).utf8) }
    mutating func yuan(_ amount: Fen) { value(amount.jsonNumber.utf8) }
    mutating func date(_ date: CivilDate?) {
        guard let date else { return null() }
        string(date.description)
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
