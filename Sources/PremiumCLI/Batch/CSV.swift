/// Minimal RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines.
enum CSV {
    /// The index after the record starting at `start` (after its line break), or nil
    /// when the record is not complete in `bytes` yet. `atEnd` accepts a last record
    /// with no line break.
    static func recordEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool) -> (contentEnd: Int, next: Int)? {
        var quoted = false
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            else if byte == 10 && !quoted {
                let contentEnd = index > start && bytes[index - 1] == 13 ? index - 1 : index
                return (contentEnd, index + 1)
            }
            index += 1
        }
        return atEnd && index > start ? (index, index) : nil
    }

    /// Splits one record into fields; nil when a quote is not closed properly.
    static func fields(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [String]? {
        var fields: [String] = []
        var field: [UInt8] = []
        var index = range.lowerBound
        var quoted = false, wasQuoted = false
        while index < range.upperBound {
            let byte = bytes[index]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < range.upperBound, bytes[index + 1] == UInt8(ascii: "\"") { field.append(byte); index += 1 }
                    else { quoted = false }
                } else { field.append(byte) }
            } else if byte == UInt8(ascii: ",") {
                fields.append(String(decoding: field, as: UTF8.self)); field.removeAll(keepingCapacity: true); wasQuoted = false
            } else if byte == UInt8(ascii: "\"") && field.isEmpty && !wasQuoted {
                quoted = true; wasQuoted = true
            } else if wasQuoted {
                return nil
            } else { field.append(byte) }
            index += 1
        }
        guard !quoted else { return nil }
        fields.append(String(decoding: field, as: UTF8.self))
        return fields
    }

    /// One field, quoted when it holds a comma, quote or line break.
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) else { return text }
        return "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }
}
