#if canImport(Glibc)
import PolicyKit
import ResidentIO
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where records end in a format's bytes, however they arrive in chunks.
protocol RecordFraming {
    init()
    /// The next complete record from `start`: its content end, where the next starts,
    /// the physical lines it spans, and whether a quote in it was never closed.
    mutating func next(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool) -> RecordBounds?
    /// For a pending record already past the line limit: where it can be cut now, if the
    /// format cuts such records rather than skipping them (CSV's open quotes).
    mutating func cutLong(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> RecordBounds?
    /// Whether a pending record past the limit will be cut on the next call.
    var cutsLater: Bool { get }
    /// The physical lines of the pending record so far.
    var pendingLines: Int { get }
    /// Forgets the pending record (skipped as too long).
    mutating func reset()
    /// Where the physical line holding `start` ends, after its line break.
    func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool) -> Int?
    /// Where to keep bytes from when skipping the rest of a long line.
    func pendingCR(_ bytes: UnsafeBufferPointer<UInt8>, atEnd: Bool) -> Int
    /// The header's column count, once known (CSV).
    mutating func expect(fields: Int)
}

struct RecordBounds {
    let contentEnd: Int
    let next: Int
    let lines: Int
    let unterminated: Bool
}

/// JSON Lines: a record per LF (a CR before it is dropped).
struct JSONLinesFraming: RecordFraming {
    /// Bytes of the current record already searched for its newline.
    private var searched = 0

    mutating func next(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool) -> RecordBounds? {
        guard start < bytes.count else { return nil }
        // Resume the search where the last chunk's ended: a long line is scanned once.
        let from = start + searched
        if from < bytes.count, let found = memchr(bytes.baseAddress! + from, 10, bytes.count - from) {
            searched = 0
            let newline = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - bytes.baseAddress!
            let contentEnd = newline > start && bytes[newline - 1] == 13 ? newline - 1 : newline
            return RecordBounds(contentEnd: contentEnd, next: newline + 1, lines: 1, unterminated: false)
        }
        searched = bytes.count - start
        guard atEnd else { return nil }
        searched = 0
        return RecordBounds(contentEnd: bytes.count, next: bytes.count, lines: 1, unterminated: false)
    }

    mutating func cutLong(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> RecordBounds? { nil }
    var cutsLater: Bool { false }
    var pendingLines: Int { 1 }
    mutating func reset() { searched = 0 }

    func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool) -> Int? {
        guard start < bytes.count, let found = memchr(bytes.baseAddress! + start, 10, bytes.count - start) else { return nil }
        return UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - bytes.baseAddress! + 1
    }

    func pendingCR(_ bytes: UnsafeBufferPointer<UInt8>, atEnd: Bool) -> Int { bytes.count }
    mutating func expect(fields: Int) {}
}

/// CSV: records as `CSVRecordScanner` finds them; lines end at LF, CR or CRLF.
struct CSVFraming: RecordFraming {
    private var scanner = CSVRecordScanner()
    private var separatorKnown = false

    /// The separator of a file whose first line (its header) is `line`: a tab when the
    /// line has tabs and no comma (Excel's "Unicode text", a `.tsv`), else a comma.
    static func separator(ofFirstLine line: UnsafeBufferPointer<UInt8>) -> UInt8 {
        line.contains(9) && !line.contains(UInt8(ascii: ",")) ? 9 : UInt8(ascii: ",")
    }

    mutating func next(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool) -> RecordBounds? {
        if !separatorKnown {
            // The header's first line decides; wait for all of it.
            let rest = UnsafeBufferPointer(rebasing: bytes[start...])
            guard let end = rest.firstIndex(where: { $0 == 10 || $0 == 13 }) ?? (atEnd ? rest.count : nil) else { return nil }
            scanner.separator = CSVFraming.separator(ofFirstLine: UnsafeBufferPointer(rebasing: rest[..<end]))
            separatorKnown = true
        }
        if let found = scanner.next(bytes, from: start, atEnd: atEnd) {
            return RecordBounds(contentEnd: found.contentEnd, next: found.next, lines: found.lines, unterminated: found.unterminated)
        }
        return nil
    }

    mutating func cutLong(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> RecordBounds? {
        guard scanner.inQuotes, scanner.canCut else { return nil }
        let found = scanner.cutUnterminated(from: start, count: bytes.count)
        return RecordBounds(contentEnd: found.contentEnd, next: found.next, lines: found.lines, unterminated: true)
    }

    var cutsLater: Bool { scanner.inQuotes && scanner.canCut }
    var pendingLines: Int { scanner.breaks + 1 }
    mutating func reset() { scanner.reset() }

    func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool) -> Int? {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 10 { return index + 1 }
            if byte == 13 {
                guard index + 1 < bytes.count else { return atEnd ? index + 1 : nil }
                return bytes[index + 1] == 10 ? index + 2 : index + 1
            }
            index += 1
        }
        return nil
    }

    /// Nothing, except a CR at the very end, which may be half of a CRLF.
    func pendingCR(_ bytes: UnsafeBufferPointer<UInt8>, atEnd: Bool) -> Int {
        !atEnd && bytes.last == 13 ? bytes.count - 1 : bytes.count
    }

    mutating func expect(fields: Int) { scanner.expectedFields = fields }
}
