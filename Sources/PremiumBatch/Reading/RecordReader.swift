import PolicyKit
import ResidentIO

/// Reads a roster in chunks and hands each complete record to a consumer, keeping only
/// the unfinished tail: memory holds one chunk and the longest record. A record longer
/// than `lineLimit` is reported as too long and skipped without being kept.
struct RecordReader<Framing: RecordFraming> {
    private var framing: Framing
    /// Inside a line over the limit (already answered), skipping to its end.
    private var skipping = false

    init(_ framing: Framing) { self.framing = framing }

    /// The header's column count, once known.
    mutating func expect(fields: Int) { framing.expect(fields: fields) }

    /// Reads `input` to its end. A read error is never taken for the end of input.
    ///
    /// The streams are existentials, called once per chunk: were they generic, the
    /// opened existentials the run passes would leave this loop, and every call it makes
    /// per record, unspecialised.
    mutating func read(_ input: inout any ByteSource, into consumer: inout some RecordConsumer,
                       output: inout any ByteSink) throws(BatchStop) {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(BatchRun.chunkSize * 2)
        var start = 0
        var atEnd = false
        var first = true
        while !atEnd {
            atEnd = input.read(into: &buffer, count: BatchRun.chunkSize) == 0
            if let code = input.readError { throw .read(code) }
            if first, buffer.count >= 3 || atEnd {
                first = false
                if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
            }
            if first { continue }
            try buffer.withUnsafeBufferPointer { (bytes) throws(BatchStop) in
                if skipping {
                    guard let next = framing.lineEnd(bytes, from: start, atEnd: atEnd) else {
                        start = framing.pendingCR(bytes, atEnd: atEnd)
                        return
                    }
                    skipping = false
                    start = next
                }
                while let found = nextRecord(bytes, from: start, atEnd: atEnd) {
                    let record = UnsafeBufferPointer(rebasing: bytes[start..<found.contentEnd])
                    if record.count > BatchRun.lineLimit {
                        consumer.tooLong(lines: found.lines)
                    } else {
                        try consumer.take(record, lines: found.lines, unterminated: found.unterminated)
                        if let fields = consumer.expectedFields { framing.expect(fields: fields) }
                    }
                    start = found.next
                }
                // A record longer than the limit with no end in sight: answer it now and
                // skip the rest of its line without keeping it.
                if bytes.count - start > BatchRun.lineLimit {
                    if framing.cutsLater { return }  // cut at its first line break on the next call
                    consumer.tooLong(lines: framing.pendingLines)
                    framing.reset()
                    skipping = true
                    start = framing.pendingCR(bytes, atEnd: atEnd)
                }
            }
            try consumer.chunkDone(into: &output)
            if start > 0 { buffer.removeFirst(start); start = 0 }
        }
    }

    private mutating func nextRecord(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool) -> RecordBounds? {
        if let found = framing.next(bytes, from: start, atEnd: atEnd) { return found }
        guard bytes.count - start > BatchRun.lineLimit else { return nil }
        return framing.cutLong(bytes, from: start)
    }
}

/// What a `RecordReader` hands its records to.
protocol RecordConsumer {
    /// A complete record, without its line break, spanning `lines` physical lines.
    mutating func take(_ record: UnsafeBufferPointer<UInt8>, lines: Int, unterminated: Bool) throws(BatchStop)
    /// The column count records must have, once known (a CSV header's).
    var expectedFields: Int? { get }
    /// A record over the line limit, spanning `lines` physical lines so far.
    mutating func tooLong(lines: Int)
    /// The end of a chunk: a chance to write out what has been answered.
    mutating func chunkDone(into output: inout any ByteSink) throws(BatchStop)
}

/// Why a run stopped before the end of its input.
public enum BatchStop: Error {
    /// The `errno` of a failed read.
    case read(Int32)
    /// The `errno` of a failed write.
    case write(Int32)
    /// The input as a whole cannot be used (a duplicate CSV header, an input field that
    /// batch also writes).
    case invalid(LocalizedText)
}
