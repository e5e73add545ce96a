/// A streaming tokenizer for the XML that Office Open XML parts use.
///
/// Hands out one token at a time (a start tag with its attributes, an end tag, or text),
/// reading its source chunk by chunk, so memory holds one chunk and the longest token.
/// Names are local names (`x:row` is `row`, `r:id` is `id`): OOXML producers differ in
/// prefixes, never in local names. Comments and processing instructions are skipped,
/// CDATA sections are text. A document type declaration is refused: OOXML forbids DTDs,
/// so no entity can expand. Only UTF-8 is read.
///
/// A token's ranges index `buffer` and are valid until the next call to `next()`.
struct XMLTokenizer<Source: ChunkSource> {
    enum Kind { case startTag, endTag, text }

    /// An attribute's local name and raw value, as ranges of `buffer`.
    struct Attribute {
        var name: Range<Int>
        var value: Range<Int>
    }

    /// Longest token (a tag with its attributes, or one run of text): 4 MiB.
    static var maximumToken: Int { 4 << 20 }

    /// The part being read, for error messages.
    let part: String
    private var source: Source
    private(set) var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var started = false
    /// Bytes of pending text after `position` already searched for a `<`.
    private var textScanned = 0

    /// The current token.
    private(set) var kind = Kind.text
    /// For a start tag: `<x/>`, with no end tag to follow.
    private(set) var isEmptyElement = false
    /// A tag's local name.
    private(set) var name: Range<Int> = 0..<0
    /// A start tag's attributes: the first `attributeCount` of `attributeStorage`
    /// (overwritten in place, so no array is emptied and refilled for each tag).
    private var attributeStorage: [Attribute] = []
    private var attributeCount = 0

    /// A start tag's attributes.
    var attributes: ArraySlice<Attribute> { attributeStorage[..<attributeCount] }
    /// Text's raw bytes (entity references not yet replaced, except in CDATA).
    private(set) var text: Range<Int> = 0..<0
    /// True when `text` is a CDATA section (no references to replace).
    private(set) var textIsCDATA = false

    init(_ source: Source, part: String) {
        self.source = source
        self.part = part
        buffer.reserveCapacity(ZipEntryStream.chunkSize * 2)
        attributeStorage = Array(repeating: Attribute(name: 0..<0, value: 0..<0), count: 16)
    }

    /// Moves to the next token; false at the end of the document.
    mutating func next() throws(WorkbookError) -> Bool {
        while true {
            if position >= buffer.count {
                if try !fill() { return false }
                continue
            }
            if buffer[position] != UInt8(ascii: "<") {
                guard let end = nextMarkup(from: position + textScanned) else {
                    textScanned = buffer.count - position  // scanned already: not again after the fill
                    if try fill() { continue }
                    textScanned = 0
                    return setText(position..<buffer.count, cdata: false, next: buffer.count)
                }
                textScanned = 0
                return setText(position..<end, cdata: false, next: end)
            }
            switch try scanMarkup(from: position) {
            case .incomplete:
                if try !fill() { throw malformed("the document ends inside a tag") }
            case .skipped(let next):
                position = next
            case .token(let next):
                position = next
                return true
            }
        }
    }

    /// The index of the next `<` from `start`, if the buffer has one.
    private func nextMarkup(from start: Int) -> Int? {
        buffer.withUnsafeBufferPointer { bytes in
            var index = start
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "<") { return index }
                index += 1
            }
            return nil
        }
    }

    /// Whether the current tag's local name is `expected`.
    @inline(__always)
    func isNamed(_ expected: StaticString) -> Bool { matches(name, expected) }

    /// Whether the bytes in `range` of the buffer are `expected`.
    @inline(__always)
    func isBytes(_ range: Range<Int>, _ expected: StaticString) -> Bool { matches(range, expected) }

    /// The raw value range of the attribute whose local name is `expected`.
    @inline(__always)
    func attributeRange(_ expected: StaticString) -> Range<Int>? {
        for index in 0..<attributeCount where matches(attributeStorage[index].name, expected) { return attributeStorage[index].value }
        return nil
    }

    /// The value of the attribute whose local name is `expected`, references replaced.
    func attribute(_ expected: StaticString) -> String? {
        attributeRange(expected).map { XMLText.decode(buffer[$0], attribute: true) }
    }

    /// The current text, references replaced.
    func textValue() -> String {
        textIsCDATA ? String(decoding: buffer[text], as: UTF8.self) : XMLText.decode(buffer[text], attribute: false)
    }

    /// An error about this part.
    func malformed(_ reason: String) -> WorkbookError { .malformedXML(part: part, reason: reason) }

    // MARK: - Scanning

    private enum Scan { case incomplete, skipped(Int), token(Int) }

    @inline(__always)
    private func matches(_ range: Range<Int>, _ expected: StaticString) -> Bool {
        guard range.count == expected.utf8CodeUnitCount else { return false }
        let pointer = expected.utf8Start
        return buffer.withUnsafeBufferPointer { bytes in
            var index = 0
            while index < range.count {
                if bytes[range.lowerBound + index] != pointer[index] { return false }
                index += 1
            }
            return true
        }
    }

    private mutating func setText(_ range: Range<Int>, cdata: Bool, next: Int) -> Bool {
        kind = .text
        text = range
        textIsCDATA = cdata
        position = next
        return true
    }

    /// Drops consumed bytes and appends the next chunk; false when the source is done.
    private mutating func fill() throws(WorkbookError) -> Bool {
        if atEnd { return false }
        if buffer.count - position > XMLTokenizer.maximumToken {
            throw malformed("a tag or text is longer than \(XMLTokenizer.maximumToken) bytes")
        }
        if position > 0 {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        let before = buffer.count
        do {
            // Until the first four bytes are in, so a byte order mark is recognized.
            while buffer.count == before || (!started && buffer.count < 4) {
                if try !source.read(appendingTo: &buffer) {
                    atEnd = true
                    break
                }
            }
        } catch {
            throw .zip(error)
        }
        if buffer.count == before { return false }
        if !started {
            started = true
            if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { buffer.removeFirst(3) }
            if buffer.starts(with: [0xFF, 0xFE]) || buffer.starts(with: [0xFE, 0xFF]) || buffer.starts(with: [0x3C, 0x00]) {
                throw malformed("UTF-16 XML is not supported")
            }
        }
        return true
    }

    private func find(_ pattern: [UInt8], from start: Int) -> Int? {
        var index = start
        let last = buffer.count - pattern.count
        while index <= last {
            if buffer[index] == pattern[0] {
                var same = true
                for offset in 1..<pattern.count where buffer[index + offset] != pattern[offset] { same = false; break }
                if same { return index }
            }
            index += 1
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
    private static func endsName(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "=")
    }

    /// Reads the markup starting with `<` at `start`.
    private mutating func scanMarkup(from start: Int) throws(WorkbookError) -> Scan {
        let count = buffer.count
        guard start + 1 < count else { return .incomplete }
        switch buffer[start + 1] {
        case UInt8(ascii: "?"):
            guard let end = find(Array("?>".utf8), from: start + 2) else { return .incomplete }
            return .skipped(end + 2)
        case UInt8(ascii: "!"):
            if buffer[start...].starts(with: Array("<!--".utf8)) {
                guard let end = find(Array("-->".utf8), from: start + 4) else { return .incomplete }
                return .skipped(end + 3)
            }
            if buffer[start...].starts(with: Array("<![CDATA[".utf8)) {
                guard let end = find(Array("]]>".utf8), from: start + 9) else { return .incomplete }
                _ = setText((start + 9)..<end, cdata: true, next: end + 3)
                return .token(end + 3)
            }
            if count - start < 9 { return .incomplete }
            throw malformed("document type declarations are not allowed")
        case UInt8(ascii: "/"):
            let found = buffer.withUnsafeBufferPointer { bytes -> (name: Range<Int>, next: Int)?? in
                var index = start + 2
                let nameStart = index
                var localStart = index
                while index < count, !XMLTokenizer.endsName(bytes[index]) {
                    if bytes[index] == UInt8(ascii: ":") { localStart = index + 1 }
                    index += 1
                }
                let nameEnd = index
                while index < count, XMLTokenizer.isSpace(bytes[index]) { index += 1 }
                guard index < count else { return .some(nil) }
                guard bytes[index] == UInt8(ascii: ">"), nameEnd > nameStart else { return nil }
                return (localStart..<nameEnd, index + 1)
            }
            guard let found else { throw malformed("a broken end tag") }
            guard let found else { return .incomplete }
            kind = .endTag
            name = found.name
            return .token(found.next)
        default:
            return try scanStartTag(from: start)
        }
    }

    private mutating func scanStartTag(from start: Int) throws(WorkbookError) -> Scan {
        attributeCount = 0
        let result = buffer.withUnsafeBufferPointer { bytes in
            XMLTokenizer.scanStartTag(bytes, from: start, into: &attributeStorage, count: &attributeCount)
        }
        switch result {
        case .incomplete:
            return .incomplete
        case .failure(let reason):
            throw malformed(reason)
        case .tag(let tagName, let empty, let next):
            kind = .startTag
            isEmptyElement = empty
            name = tagName
            return .token(next)
        }
    }

    private enum StartTag { case incomplete, failure(String), tag(name: Range<Int>, empty: Bool, next: Int) }

    /// Scans the start tag at `start` over raw bytes (no bounds checks, no copies of the
    /// tokenizer), appending its attributes.
    private static func scanStartTag(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int,
                                     into attributes: inout [Attribute], count attributeCount: inout Int) -> StartTag {
        let count = bytes.count
        var index = start + 1
        var localStart = index
        while index < count, !endsName(bytes[index]) {
            if bytes[index] == UInt8(ascii: ":") { localStart = index + 1 }
            index += 1
        }
        guard index < count else { return .incomplete }
        guard index > start + 1 else { return .failure("a '<' that starts no tag") }
        let tagName = localStart..<index
        while true {
            while index < count, isSpace(bytes[index]) { index += 1 }
            guard index < count else { return .incomplete }
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") { return .tag(name: tagName, empty: false, next: index + 1) }
            if byte == UInt8(ascii: "/") {
                guard index + 1 < count else { return .incomplete }
                guard bytes[index + 1] == UInt8(ascii: ">") else { return .failure("a '/' inside a tag") }
                return .tag(name: tagName, empty: true, next: index + 2)
            }
            // An attribute: name, '=', quoted value.
            let attributeStart = index
            var attributeLocal = index
            while index < count, !endsName(bytes[index]) {
                if bytes[index] == UInt8(ascii: ":") { attributeLocal = index + 1 }
                index += 1
            }
            let attributeName = attributeLocal..<index
            while index < count, isSpace(bytes[index]) { index += 1 }
            guard index < count else { return .incomplete }
            guard bytes[index] == UInt8(ascii: "="), index > attributeStart else { return .failure("an attribute without a value") }
            index += 1
            while index < count, isSpace(bytes[index]) { index += 1 }
            guard index < count else { return .incomplete }
            let quote = bytes[index]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return .failure("an attribute value without quotes") }
            let valueStart = index + 1
            index = valueStart
            while index < count, bytes[index] != quote { index += 1 }
            guard index < count else { return .incomplete }
            let attribute = Attribute(name: attributeName, value: valueStart..<index)
            if attributeCount < attributes.count { attributes[attributeCount] = attribute } else { attributes.append(attribute) }
            attributeCount += 1
            index += 1
        }
    }
}
