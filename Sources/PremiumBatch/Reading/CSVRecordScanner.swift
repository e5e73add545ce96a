#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PolicyKit
import ResidentIO

/// Finds where CSV records end, as Excel and Python's `csv` module read them, in one
/// pass over the bytes however they arrive in chunks: the scan resumes where the last
/// chunk ended instead of starting the record again.
///
/// A quote opens a quoted field only as a field's first byte; anywhere else it is a
/// literal character (`5"5 inch`). In a quoted field `""` is a quote, and separators and
/// line breaks are text. Bytes after a closing quote are appended to the field. CR, LF
/// and CRLF all end a line. A quoted field still open at the end of the input (or past
/// the line limit), or one over several lines whose closing quote is followed by text,
/// is unterminated: its record ends at the end of the physical line
/// where the quote opened, and reading resumes on the next line.
struct CSVRecordScanner {
    /// One record: its content (no line break), where the next starts, how many physical
    /// lines it spans, and whether a quoted field in it was never closed.
    struct Found {
        let contentEnd: Int
        let next: Int
        let lines: Int
        let unterminated: Bool
    }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    private var state = State.fieldStart
    /// Bytes of the current record already scanned.
    private var offset = 0
    /// Line breaks inside quoted fields of the current record so far.
    private(set) var breaks = 0
    /// The first line break after the quote that opened the current quoted field: where
    /// the record ends if that field is never closed (offsets from the record's start).
    private var cut: (contentEnd: Int, next: Int, lines: Int)?

    /// The header's column count, once known: a record over several lines that does not
    /// have as many fields was never one record (a stray `"abc` closed by a quote rows
    /// later), so its open quote is treated as unterminated.
    var expectedFields: Int?
    /// Separators outside quotes in the current record so far.
    private var separators = 0
    /// The byte between fields: a comma, or a tab in tab-separated text.
    var separator = UInt8(ascii: ",")

    /// Whether the scan stands inside a quoted field.
    var inQuotes: Bool { state == .quoted }

    /// The record starting at `start`, or nil when `bytes` does not hold all of it yet.
    /// `atEnd` says no more bytes will come.
    mutating func next(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool) -> Found? {
        if offset == 0, let found = plainLine(bytes, from: start) { return found }
        var index = start + offset
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 10 || byte == 13 {
                var next = index + 1
                if byte == 13 {
                    if next == bytes.count && !atEnd { break }  // a CRLF may be split across chunks
                    if next < bytes.count && bytes[next] == 10 { next += 1 }
                }
                if state == .quoted {
                    breaks += 1
                    if cut == nil { cut = (index - start, next - start, breaks) }
                    index = next
                    continue
                }
                if cut != nil, let expected = expectedFields, separators + 1 != expected {
                    return cutUnterminated(from: start, count: bytes.count)
                }
                let found = Found(contentEnd: index, next: next, lines: breaks + 1, unterminated: false)
                reset()
                return found
            }
            switch state {
            case .quoted:
                if byte == UInt8(ascii: "\"") { state = .quoteInQuoted }
            case .fieldStart:
                if byte == separator { separators += 1 }
                state = byte == separator ? .fieldStart : byte == UInt8(ascii: "\"") ? .quoted : .unquoted
                if state == .quoted && breaks == 0 { cut = nil }
            case .quoteInQuoted:
                // A quote that closes a field running over several lines must end the
                // field. Followed by text (`5"5 inch` a few rows below a stray `"abc`), it
                // was never a closing quote: the field that opened is unterminated, and
                // the rows it would swallow are read as rows.
                if byte != UInt8(ascii: "\"") && byte != separator && cut != nil {
                    return cutUnterminated(from: start, count: bytes.count)
                }
                if byte == separator { separators += 1 }
                state = byte == UInt8(ascii: "\"") ? .quoted : byte == separator ? .fieldStart : .unquoted
            case .unquoted:
                if byte == separator { state = .fieldStart; separators += 1 }
            }
            index += 1
        }
        offset = index - start
        guard atEnd, index == bytes.count, index > start else { return nil }
        if state == .quoted { return cutUnterminated(from: start, count: bytes.count) }
        if cut != nil, let expected = expectedFields, separators + 1 != expected {
            return cutUnterminated(from: start, count: bytes.count)
        }
        let found = Found(contentEnd: index, next: index, lines: breaks + 1, unterminated: false)
        reset()
        return found
    }

    /// The common record, found without walking it byte by byte: a line with no quote
    /// and no CR but the one of its CRLF, ending in this chunk. Nil for any other (the
    /// state machine reads it).
    @inline(__always)
    private func plainLine(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Found? {
        guard start < bytes.count, let base = bytes.baseAddress,
              let found = memchr(base + start, 10, bytes.count - start) else { return nil }
        let newline = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - base
        var contentEnd = newline
        if let cr = memchr(base + start, 13, newline - start) {
            guard UnsafePointer(cr.assumingMemoryBound(to: UInt8.self)) - base == newline - 1 else { return nil }
            contentEnd = newline - 1
        }
        guard memchr(base + start, Int32(UInt8(ascii: "\"")), contentEnd - start) == nil else { return nil }
        return Found(contentEnd: contentEnd, next: newline + 1, lines: 1, unterminated: false)
    }

    /// Ends the current record, whose quoted field is still open, at the end of the line
    /// where the quote opened (or at `count`, the end of the bytes, when there was none).
    mutating func cutUnterminated(from start: Int, count: Int) -> Found {
        let found = cut.map { Found(contentEnd: start + $0.contentEnd, next: start + $0.next, lines: $0.lines, unterminated: true) }
            ?? Found(contentEnd: count, next: count, lines: breaks + 1, unterminated: true)
        reset()
        return found
    }

    /// Whether an open quoted field has a line break after its quote to end the record at.
    var canCut: Bool { cut != nil }

    mutating func reset() {
        state = .fieldStart
        separators = 0
        offset = 0
        breaks = 0
        cut = nil
    }
}
