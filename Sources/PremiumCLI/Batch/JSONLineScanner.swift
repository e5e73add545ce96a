/// Reads one JSON Lines record without building a document: the known fields' value
/// bytes by `RecordField`, and every other member's raw bytes, kept byte for byte so
/// they can be carried to the output unchanged.
struct JSONLineScanner {
    /// A record split into known fields and carried members.
    struct Record {
        /// Raw value bytes (with quotes for strings) per `RecordField.rawValue`, or nil.
        var known: [Range<Int>?] = Array(repeating: nil, count: RecordField.allCases.count)
        /// Raw `"key":value` members that are not known fields, in input order.
        var carried: [Range<Int>] = []
        /// The raw value of a carried `village` member, for summaries.
        var village: Range<Int>?
    }

    /// Why a line is not a usable record.
    struct Failure: Error { var message: String }

    /// Scans `line` (no trailing newline). Throws for anything that is not one flat-or-
    /// nested JSON object in valid UTF-8.
    static func scan(_ line: UnsafeBufferPointer<UInt8>, into record: inout Record) throws(Failure) {
        for index in record.known.indices { record.known[index] = nil }
        record.carried.removeAll(keepingCapacity: true)
        record.village = nil
        guard isValidUTF8(line) else { throw Failure(message: "not valid UTF-8") }
        var index = skipSpace(line, 0)
        guard index < line.count, line[index] == UInt8(ascii: "{") else {
            throw Failure(message: index == line.count ? "empty line" : "not a JSON object")
        }
        index = skipSpace(line, index + 1)
        if index < line.count, line[index] == UInt8(ascii: "}") {
            index += 1
        } else {
            while true {
                guard index < line.count, line[index] == UInt8(ascii: "\"") else { throw Failure(message: "expected a key in quotes") }
                let memberStart = index
                guard let keyEnd = skipString(line, index) else { throw Failure(message: "unterminated key") }
                let keyRange = (index + 1)..<(keyEnd - 1)
                index = skipSpace(line, keyEnd)
                guard index < line.count, line[index] == UInt8(ascii: ":") else { throw Failure(message: "expected ':' after a key") }
                index = skipSpace(line, index + 1)
                let valueStart = index
                guard let valueEnd = skipValue(line, index, depth: 0) else { throw Failure(message: "invalid JSON value") }
                let key = UnsafeBufferPointer(rebasing: line[keyRange])
                if let field = RecordField.named(key) {
                    guard record.known[field.rawValue] == nil else {
                        throw Failure(message: "field '\(field.name)' given twice")
                    }
                    record.known[field.rawValue] = valueStart..<valueEnd
                } else {
                    record.carried.append(memberStart..<valueEnd)
                    if key.elementsEqual(RecordField.villageName) { record.village = valueStart..<valueEnd }
                }
                index = skipSpace(line, valueEnd)
                guard index < line.count else { throw Failure(message: "truncated JSON object") }
                if line[index] == UInt8(ascii: ",") { index = skipSpace(line, index + 1); continue }
                if line[index] == UInt8(ascii: "}") { index += 1; break }
                throw Failure(message: "expected ',' or '}'")
            }
        }
        guard skipSpace(line, index) == line.count else { throw Failure(message: "text after the JSON object") }
    }

    static func skipSpace(_ line: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        var index = start
        while index < line.count, line[index] == 32 || line[index] == 9 || line[index] == 13 { index += 1 }
        return index
    }

    /// The index after the closing quote of the string starting at `start`.
    static func skipString(_ line: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        var index = start + 1
        while index < line.count {
            switch line[index] {
            case UInt8(ascii: "\""): return index + 1
            case UInt8(ascii: "\\"): index += 2
            case 0..<0x20: return nil
            default: index += 1
            }
        }
        return nil
    }

    /// The index after the JSON value starting at `start`, or nil when it is not valid.
    static func skipValue(_ line: UnsafeBufferPointer<UInt8>, _ start: Int, depth: Int) -> Int? {
        guard start < line.count, depth < 64 else { return nil }
        switch line[start] {
        case UInt8(ascii: "\""): return skipString(line, start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close = line[start] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            var index = skipSpace(line, start + 1)
            if index < line.count, line[index] == close { return index + 1 }
            while true {
                if close == UInt8(ascii: "}") {
                    guard index < line.count, line[index] == UInt8(ascii: "\""), let keyEnd = skipString(line, index) else { return nil }
                    index = skipSpace(line, keyEnd)
                    guard index < line.count, line[index] == UInt8(ascii: ":") else { return nil }
                    index = skipSpace(line, index + 1)
                }
                guard let end = skipValue(line, index, depth: depth + 1) else { return nil }
                index = skipSpace(line, end)
                guard index < line.count else { return nil }
                if line[index] == UInt8(ascii: ",") { index = skipSpace(line, index + 1); continue }
                return line[index] == close ? index + 1 : nil
            }
        case UInt8(ascii: "t"): return literal(line, start, "true")
        case UInt8(ascii: "f"): return literal(line, start, "false")
        case UInt8(ascii: "n"): return literal(line, start, "null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            var index = start + 1
            while index < line.count, "0123456789.eE+-".utf8.contains(line[index]) { index += 1 }
            return index
        default: return nil
        }
    }

    static func literal(_ line: UnsafeBufferPointer<UInt8>, _ start: Int, _ word: StaticString) -> Int? {
        let count = word.utf8CodeUnitCount
        guard start + count <= line.count else { return nil }
        for offset in 0..<count where line[start + offset] != word.utf8Start[offset] { return nil }
        return start + count
    }

    /// A fast UTF-8 validity check (ASCII runs skip the decoder).
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 { index += 1; continue }
            let length: Int
            switch byte {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return false
            }
            guard index + length <= bytes.count else { return false }
            for offset in 1..<length where bytes[index + offset] & 0xC0 != 0x80 { return false }
            if byte == 0xE0 && bytes[index + 1] < 0xA0 { return false }
            if byte == 0xED && bytes[index + 1] > 0x9F { return false }
            if byte == 0xF0 && bytes[index + 1] < 0x90 { return false }
            if byte == 0xF4 && bytes[index + 1] > 0x8F { return false }
            index += length
        }
        return true
    }
}
