#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PolicyKit
import ResidentIO

/// Reads one JSON Lines record without building a document: the known fields' value
/// bytes by `RecordField`, and every other member's raw bytes, kept byte for byte so
/// they can be carried to the output unchanged.
enum JSONLineScanner {
    /// A record split into known fields and carried members, reused from line to line.
    final class Record {
        /// Bit `field.rawValue` is set when the field is present.
        @exclusivity(unchecked) private(set) var present: UInt32 = 0
        /// Bit `field.rawValue` is set when the field's value is a string holding an escape.
        @exclusivity(unchecked) private(set) var escaped: UInt32 = 0
        /// Start and end of each present field's raw value bytes (with quotes for strings).
        private let bounds: UnsafeMutablePointer<Int>
        /// Raw `"key":value` members that are not known fields, in input order: valid
        /// until the next record is scanned. Kept in storage of the record's own, so
        /// that the result a record is read into holds no array (copying it, and
        /// destroying it, would retain and release one for every record).
        var carried: UnsafeBufferPointer<Range<Int>> { UnsafeBufferPointer(start: carriedStorage, count: carriedCount) }
        private var carriedStorage: UnsafeMutablePointer<Range<Int>>
        @exclusivity(unchecked) private var carriedCapacity = 16
        @exclusivity(unchecked) private var carriedCount = 0

        @inline(__always)
        fileprivate func appendCarried(_ member: Range<Int>) {
            if carriedCount == carriedCapacity {
                let larger = UnsafeMutablePointer<Range<Int>>.allocate(capacity: 2 * carriedCapacity)
                larger.moveInitialize(from: carriedStorage, count: carriedCount)
                carriedStorage.deallocate()
                carriedStorage = larger
                carriedCapacity *= 2
            }
            (carriedStorage + carriedCount).initialize(to: member)
            carriedCount += 1
        }
        /// The raw value of a carried `village` member, for summaries.
        @exclusivity(unchecked) var village: Range<Int>?
        /// The known keys.
        fileprivate let names = FieldNameTable()
        /// The last record's keys, in order.
        fileprivate let order = KeyOrder()
        /// Bit `field.rawValue` is set for the keys of an ID number, read and also carried.
        let idNumberFields = RecordField.allCases.reduce(UInt32(0)) { $1.kind == .idNumber ? $0 | 1 << UInt32($1.rawValue) : $0 }

        /// Whether every key of the record last scanned was in the order kept from an
        /// earlier record, so its carried keys are some of that record's.
        var keysFollowedOrder: Bool { order.followed }

        init() {
            bounds = .allocate(capacity: 2 * RecordField.allCases.count)
            bounds.initialize(repeating: 0, count: 2 * RecordField.allCases.count)
            carriedStorage = .allocate(capacity: carriedCapacity)
        }

        deinit {
            bounds.deallocate()
            carriedStorage.deallocate()
        }

        /// The known fields of this record, scanned from `line`.
        @inline(__always)
        func texts(of line: UnsafeBufferPointer<UInt8>) -> FieldTexts {
            FieldTexts(line: line, bounds: bounds, present: present, escaped: escaped, json: true)
        }

        /// The raw value bytes of `field`, or nil when the record does not have it.
        subscript(field: RecordField) -> Range<Int>? {
            present & (1 << UInt32(field.rawValue)) == 0 ? nil : bounds[2 * field.rawValue]..<bounds[2 * field.rawValue + 1]
        }

        /// The present fields' raw values, in `RecordField` order.
        func forEachPresent(_ body: (RecordField, Range<Int>) -> Void) {
            var bits = present
            while bits != 0 {
                let index = bits.trailingZeroBitCount
                bits &= bits - 1
                body(RecordField(rawValue: index), bounds[2 * index]..<bounds[2 * index + 1])
            }
        }

        /// Whether a key of this record had escapes, so keys are compared as text.
        @exclusivity(unchecked) fileprivate var escapedKeys = false

        /// One bit per carried key's length and end bytes: a key whose bit is clear is
        /// new, with no comparison.
        @exclusivity(unchecked) private var carriedBits: UInt64 = 0

        fileprivate func reset() {
            present = 0
            escaped = 0
            carriedCount = 0
            escapedKeys = false
            carriedBits = 0
            carriedSet = nil
            village = nil
        }

        /// Adds the member `key` (its text): a known field, or a carried member. Throws for
        /// a key given twice, and (fatally) for a key batch writes itself.
        @inline(__always)
        fileprivate func add(_ key: UnsafeBufferPointer<UInt8>, member: Range<Int>, value: Range<Int>,
                             in line: UnsafeBufferPointer<UInt8>) throws(Failure) {
            if let field = names.field(key) {
                let escape = line[value.lowerBound] == UInt8(ascii: "\"")
                    && memchr(line.baseAddress! + value.lowerBound, 92, value.count) != nil
                guard set(field, value, escaped: escape) else { throw Failure(message: .givenTwice(field.name)) }
                // An ID number is read and also carried, so the output keeps it as text.
                if idNumberFields & (1 << UInt32(field.rawValue)) != 0 { appendCarried(member) }
                return
            }
            try addCarried(key, member: member, value: value, in: line)
        }

        /// Adds a member whose key names no known field.
        @inline(__always)
        fileprivate func addCarried(_ key: UnsafeBufferPointer<UInt8>, member: Range<Int>, value: Range<Int>,
                                    in line: UnsafeBufferPointer<UInt8>) throws(Failure) {
            if BatchResult.isOutputKey(key) {
                let name = String(decoding: key, as: UTF8.self)
                throw Failure(message: LocalizedText(zh: "输入字段“\(name)”与 batch 输出的字段同名，请改名",
                                                     en: "input field '\(name)' is also a field batch writes; rename it"),
                              fatal: true)
            }
            if isCarriedTwice(key, in: line) { throw Failure(message: .givenTwice(String(decoding: key, as: UTF8.self))) }
            appendCarried(member)
            if RecordField.isVillage(key) { village = value }
        }

        /// Whether a carried member already has the key `key`.
        @inline(__always)
        private func isCarriedTwice(_ key: UnsafeBufferPointer<UInt8>, in line: UnsafeBufferPointer<UInt8>) -> Bool {
            // Past a few dozen keys the bit filter is full and every key would be compared
            // with every earlier one: a set keeps a record of many keys linear.
            if carried.count >= 32 { return isCarriedTwiceInSet(key, in: line) }
            let bit: UInt64 = key.isEmpty ? 1 : 1 << ((UInt64(key.count) &* 7 &+ UInt64(key[0]) &+ UInt64(key[key.count - 1]) &* 3) & 63)
            let seen = carriedBits & bit != 0
            carriedBits |= bit
            return (seen || escapedKeys) && compareCarried(key, in: line)
        }

        /// The carried keys' texts, once a record has many (nil until then).
        @exclusivity(unchecked) private var carriedSet: Set<[UInt8]>?

        @inline(never)
        private func isCarriedTwiceInSet(_ key: UnsafeBufferPointer<UInt8>, in line: UnsafeBufferPointer<UInt8>) -> Bool {
            if carriedSet == nil {
                carriedSet = Set(carried.map { Array(JSONLineScanner.keyText(of: $0, in: line).utf8) })
            }
            return !carriedSet!.insert(Array(key)).inserted
        }

        /// `isCarriedTwice` when a key may repeat: compares with every carried key.
        @inline(never)
        private func compareCarried(_ key: UnsafeBufferPointer<UInt8>, in line: UnsafeBufferPointer<UInt8>) -> Bool {
            if escapedKeys { return carried.contains { JSONLineScanner.keyText(of: $0, in: line).utf8.elementsEqual(key) } }
            for member in carried {
                // An earlier key had no escapes: it is the same when its closing quote
                // comes after as many bytes and the bytes match.
                let start = member.lowerBound + 1
                guard start + key.count < line.count, line[start + key.count] == 34,
                      key.isEmpty || line[start] == key[0] else { continue }
                if memcmp(line.baseAddress! + start, key.baseAddress!, key.count) == 0 { return true }
            }
            return false
        }

        /// False when the field was already set.
        @inline(__always)
        fileprivate func set(_ field: RecordField, _ range: Range<Int>, escaped escape: Bool) -> Bool {
            let bit: UInt32 = 1 << UInt32(field.rawValue)
            guard present & bit == 0 else { return false }
            present |= bit
            if escape { escaped |= bit }
            bounds[2 * field.rawValue] = range.lowerBound
            bounds[2 * field.rawValue + 1] = range.upperBound
            return true
        }
    }

    /// Whether a key holds an escape (keys are short: a plain loop).
    @inline(__always)
    private static func hasBackslash(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < key.count {
            if key[index] == 92 { return true }
            index += 1
        }
        return false
    }

    /// The text of the key of a raw `"key":value` member.
    fileprivate static func keyText(of member: Range<Int>, in line: UnsafeBufferPointer<UInt8>) -> String {
        guard let end = skipString(line, member.lowerBound),
              case .string(let text)? = try? JSONParser.parse(Array(line[member.lowerBound..<end])) else { return "" }
        return text
    }

    /// Why a line is not a usable record.
    struct Failure: Error {
        var message: LocalizedText
        /// The line shows the whole input cannot be used (an input field that batch also
        /// writes would give output lines with the key twice).
        var fatal = false
    }

    /// Scans `line` (no trailing newline). Throws for anything that is not one flat-or-
    /// nested JSON object in valid UTF-8.
    static func scan(_ line: UnsafeBufferPointer<UInt8>, into record: Record) throws(Failure) {
        do {
            try scanObject(line, into: record)
        } catch {
            // Strings were checked as they were skipped; anywhere else a byte that is not
            // ASCII is a syntax error. Say which is the cause.
            throw isValidUTF8(line) ? error : Failure(message: LocalizedText(zh: "不是有效的 UTF-8 文本", en: "not valid UTF-8"))
        }
    }

    private static func scanObject(_ line: UnsafeBufferPointer<UInt8>, into record: Record) throws(Failure) {
        record.reset()
        var index = skipSpace(line, 0)
        guard index < line.count, line[index] == UInt8(ascii: "{") else {
            throw Failure(message: index == line.count ? LocalizedText(zh: "空行", en: "empty line") : LocalizedText(zh: "不是 JSON 对象", en: "not a JSON object"))
        }
        index = skipSpace(line, index + 1)
        let order = record.order
        order.begin()
        var position = 0
        if index < line.count, line[index] == UInt8(ascii: "}") {
            index += 1
        } else {
            while true {
                guard index < line.count, line[index] == UInt8(ascii: "\"") else { throw Failure(message: LocalizedText(zh: "JSON 有误：此处应为带引号的键", en: "expected a key in quotes")) }
                let memberStart = index
                // The key in this place last time, or the key found and looked up.
                let keyEnd: Int
                var kind: Int16?
                if let hit = order.match(line, at: index) {
                    keyEnd = hit.end
                    kind = hit.kind
                } else {
                    guard let end = skipString(line, index) else { throw Failure(message: LocalizedText(zh: "JSON 有误：键缺少结尾引号", en: "unterminated key")) }
                    keyEnd = end
                }
                let keyRange = (index + 1)..<(keyEnd - 1)
                index = skipSpace(line, keyEnd)
                guard index < line.count, line[index] == UInt8(ascii: ":") else { throw Failure(message: LocalizedText(zh: "JSON 有误：键后应为“:”", en: "expected ':' after a key")) }
                index = skipSpace(line, index + 1)
                let valueStart = index
                // Strings, the common value, are skipped here, noting any escape.
                var escape = false
                let end = index < line.count && line[index] == UInt8(ascii: "\"")
                    ? skipString(line, index, escaped: &escape) : skipValue(line, index, depth: 0)
                guard let valueEnd = end else { throw Failure(message: LocalizedText(zh: "JSON 有误：值无效", en: "invalid JSON value")) }
                let key = UnsafeBufferPointer(rebasing: line[keyRange])
                if kind == nil {
                    kind = record.names.field(key).map { Int16($0.rawValue) } ?? (hasBackslash(key) ? KeyOrder.escaped : KeyOrder.carried)
                }
                order.note(position, start: keyRange.lowerBound, count: keyRange.count, kind: kind!)
                position += 1
                if kind! >= 0 {
                    let field = RecordField(rawValue: Int(kind!))
                    // A known name has no escapes.
                    guard record.set(field, valueStart..<valueEnd, escaped: escape) else { throw Failure(message: .givenTwice(field.name)) }
                    // An ID number is read and also carried, so the output keeps it as text.
                    if record.idNumberFields & (1 << UInt32(field.rawValue)) != 0 { record.appendCarried(memberStart..<valueEnd) }
                } else if kind == KeyOrder.carried {
                    try record.addCarried(key, member: memberStart..<valueEnd, value: valueStart..<valueEnd, in: line)
                } else {
                    // Keys are compared as text: "c\u0061tegory" is category.
                    guard case .string(let text)? = try? JSONParser.parse(Array(line[memberStart..<keyEnd])) else {
                        throw Failure(message: LocalizedText(zh: "JSON 有误：键无效", en: "invalid JSON key"))
                    }
                    record.escapedKeys = true
                    var unescaped = Array(text.utf8)
                    try unescaped.withUnsafeMutableBufferPointer { (text) throws(Failure) in
                        try record.add(UnsafeBufferPointer(text), member: memberStart..<valueEnd, value: valueStart..<valueEnd, in: line)
                    }
                }
                index = skipSpace(line, valueEnd)
                guard index < line.count else { throw Failure(message: LocalizedText(zh: "JSON 对象不完整", en: "truncated JSON object")) }
                if line[index] == UInt8(ascii: ",") { index = skipSpace(line, index + 1); continue }
                if line[index] == UInt8(ascii: "}") { index += 1; break }
                throw Failure(message: LocalizedText(zh: "JSON 有误：此处应为“,”或“}”", en: "expected ',' or '}'"))
            }
        }
        guard skipSpace(line, index) == line.count else { throw Failure(message: LocalizedText(zh: "JSON 对象之后还有多余内容", en: "text after the JSON object")) }
        order.commit(line, keys: position)
    }

    static func skipSpace(_ line: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int {
        var index = start
        while index < line.count, line[index] == 32 || line[index] == 9 || line[index] == 13 { index += 1 }
        return index
    }

    /// The index after the closing quote of the string starting at `start`; nil when the
    /// string is unterminated, holds a raw control character or a bad escape, or is not
    /// valid UTF-8. Runs of plain ASCII are skipped eight bytes at a time.
    @inline(__always)  // called for every key and string value: no call overhead
    static func skipString(_ line: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        var escaped = false
        return skipString(line, start, escaped: &escaped)
    }

    /// `skipString`, setting `escaped` when the string holds an escape. Transparent:
    /// `@inline(__always)` alone left it a call for every value.
    @_transparent
    static func skipString(_ line: UnsafeBufferPointer<UInt8>, _ start: Int, escaped: inout Bool) -> Int? {
        let raw = UnsafeRawBufferPointer(line)
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var index = start + 1
        while true {
            while index + 8 <= line.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
                let special = (((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash)
                    | ((word &- ones &* 0x20) & ~word) | word) & highs
                // The lowest flagged byte is exact (flags above it may be borrow noise):
                // jump straight to it.
                if special != 0 { index += special.trailingZeroBitCount >> 3; break }
                index += 8
            }
            guard index < line.count else { return nil }
            switch line[index] {
            case UInt8(ascii: "\""): return index + 1
            case UInt8(ascii: "\\"):
                escaped = true
                guard index + 1 < line.count else { return nil }
                switch line[index + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                     UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    index += 2
                case UInt8(ascii: "u"):
                    guard index + 6 <= line.count else { return nil }
                    for offset in 2..<6 where !isHexDigit(line[index + offset]) { return nil }
                    index += 6
                default: return nil
                }
            case 0..<0x20: return nil
            case 0xE1...0xEC:
                // Most Chinese characters: three bytes, any continuation bytes allowed;
                // a name is a run of them, taken here without going back to the words.
                repeat {
                    guard index + 3 <= line.count, line[index + 1] & 0xC0 == 0x80, line[index + 2] & 0xC0 == 0x80 else { return nil }
                    index += 3
                } while index < line.count && line[index] &- 0xE1 < 12
            case 0x80...:
                guard let length = utf8Length(line, index) else { return nil }
                index += length
            default: index += 1
            }
        }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"): true
        default: false
        }
    }

    /// The length of the valid UTF-8 sequence starting at `index` (a byte ≥ 0x80), or nil.
    private static func utf8Length(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Int? {
        let byte = bytes[index]
        let length: Int
        switch byte {
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return nil
        }
        guard index + length <= bytes.count else { return nil }
        for offset in 1..<length where bytes[index + offset] & 0xC0 != 0x80 { return nil }
        if byte == 0xE0 && bytes[index + 1] < 0xA0 { return nil }
        if byte == 0xED && bytes[index + 1] > 0x9F { return nil }
        if byte == 0xF0 && bytes[index + 1] < 0x90 { return nil }
        if byte == 0xF4 && bytes[index + 1] > 0x8F { return nil }
        return length
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
            return skipNumber(line, start)
        default: return nil
        }
    }

    /// The index after the JSON number at `start`, or nil when it does not follow the
    /// JSON grammar (`01`, `1.`, `.5`, `+1`, `1e` are not numbers), so that a carried
    /// number is written out as valid JSON.
    static func skipNumber(_ line: UnsafeBufferPointer<UInt8>, _ start: Int) -> Int? {
        var index = start
        func digits() -> Int {
            let from = index
            while index < line.count, line[index] &- 48 < 10 { index += 1 }
            return index - from
        }
        if line[index] == UInt8(ascii: "-") { index += 1 }
        guard index < line.count, line[index] &- 48 < 10 else { return nil }
        if line[index] == UInt8(ascii: "0") { index += 1 } else { _ = digits() }
        if index < line.count, line[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return nil }
        }
        if index < line.count, line[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < line.count, line[index] == UInt8(ascii: "+") || line[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return nil }
        }
        // A digit straight after a leading zero ("01") is not a number.
        if index < line.count, line[index] &- 48 < 10 { return nil }
        return index
    }

    static func literal(_ line: UnsafeBufferPointer<UInt8>, _ start: Int, _ word: StaticString) -> Int? {
        let count = word.utf8CodeUnitCount
        guard start + count <= line.count else { return nil }
        for offset in 0..<count where line[start + offset] != word.utf8Start[offset] { return nil }
        return start + count
    }

    /// A fast UTF-8 validity check (ASCII runs skip the decoder, eight bytes at a time).
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let raw = UnsafeRawBufferPointer(bytes)
        var index = 0
        while index < bytes.count {
            if index + 8 <= bytes.count,
               raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
                continue
            }
            if bytes[index] < 0x80 { index += 1; continue }
            guard let length = utf8Length(bytes, index) else { return false }
            index += length
        }
        return true
    }
}

extension LocalizedText {
    /// A record naming a field twice.
    static func givenTwice(_ name: String) -> LocalizedText {
        LocalizedText(zh: "字段“\(name)”出现了两次", en: "field '\(name)' given twice")
    }
}
