/// The keys of a record, in order, for the JSON Lines scanner: a roster writes every
/// record's keys in the same order, leaving out some (no group, no tier), so the scanner
/// first compares a key's bytes with the next key, or the one or two after it, in the
/// order kept, and only when none is the same finds the key's end and looks it up. The
/// order is kept from the last record that had a key it did not. A key matches only when
/// the same bytes are followed by the closing quote (kept with the key, so one comparison
/// checks both); keys kept here never hold an escape, so a match is the whole key.
final class KeyOrder {
    /// What a key was last time: a field's `rawValue`, or `carried`.
    static let carried: Int16 = -1
    /// A key with an escape: the record's order is not kept.
    static let escaped: Int16 = -2

    private var bytes: UnsafeMutablePointer<UInt8>
    private var byteCapacity = 256
    /// Per key of the last record: start in `bytes`, length, what it was.
    private var starts: UnsafeMutablePointer<Int>
    private var counts: UnsafeMutablePointer<Int>
    private var kinds: UnsafeMutablePointer<Int16>
    private var count = 0
    /// Per key of the current record: start in its line, length, what it is.
    private var lineStarts: UnsafeMutablePointer<Int>
    private var lineCounts: UnsafeMutablePointer<Int>
    private var lineKinds: UnsafeMutablePointer<Int16>
    private var keyCapacity = 16
    /// Whether a key of the current record was not in the order kept.
    private var diverged = false
    /// Where the next key is looked for in the order kept.
    private var cursor = 0
    /// Keys of the order kept that a record may leave out before the one it has.
    private static let skips = 2

    init() {
        bytes = .allocate(capacity: byteCapacity)
        starts = .allocate(capacity: keyCapacity)
        counts = .allocate(capacity: keyCapacity)
        kinds = .allocate(capacity: keyCapacity)
        lineStarts = .allocate(capacity: keyCapacity)
        lineCounts = .allocate(capacity: keyCapacity)
        lineKinds = .allocate(capacity: keyCapacity)
    }

    deinit {
        bytes.deallocate()
        for pointer in [starts, counts, lineStarts, lineCounts] { pointer.deallocate() }
        kinds.deallocate()
        lineKinds.deallocate()
    }

    /// Starts a record.
    @inline(__always)
    func begin() {
        diverged = false
        cursor = 0
    }

    /// When the key whose opening quote is at `index` is the next in the order kept (or
    /// one of the two after it): the index after its closing quote, and what it was.
    @inline(__always)
    func match(_ line: UnsafeBufferPointer<UInt8>, at index: Int) -> (end: Int, kind: Int16)? {
        var position = cursor
        let last = min(count, cursor + 1 + KeyOrder.skips)
        let text = line.baseAddress! + index + 1
        while position < last {
            // The key is kept with its closing quote: one comparison takes both.
            let length = counts[position], end = index + 1 + length
            if end <= line.count, ByteStrings.equal(bytes + starts[position], text, length) {
                cursor = position + 1
                return (end, kinds[position])
            }
            position += 1
        }
        diverged = true
        return nil
    }

    /// Notes the `position`-th key of the current record: its bytes in the line, what it is.
    @inline(__always)
    func note(_ position: Int, start: Int, count length: Int, kind: Int16) {
        if position == keyCapacity { growKeys() }
        lineStarts[position] = start
        lineCounts[position] = length
        lineKinds[position] = kind
    }

    /// Whether every key of the current record was in the order kept: the order was not
    /// replaced.
    var followed: Bool { !diverged }

    /// Ends a record that was scanned without error, with `keys` keys: keeps its order
    /// when it had a key the order kept did not.
    @inline(__always)
    func commit(_ line: UnsafeBufferPointer<UInt8>, keys: Int) {
        guard diverged else { return }
        keep(line, keys: keys)
    }

    private func keep(_ line: UnsafeBufferPointer<UInt8>, keys: Int) {
        count = 0
        var total = 0
        // Each key is kept with its closing quote (the byte after a key noted is that quote).
        @inline(__always) func kept(_ position: Int) -> Int { lineCounts[position] + 1 }
        for position in 0..<keys {
            if lineKinds[position] == KeyOrder.escaped { return }
            total += kept(position)
        }
        if total > byteCapacity {
            bytes.deallocate()
            byteCapacity = max(total, 2 * byteCapacity)
            bytes = .allocate(capacity: byteCapacity)
        }
        var at = 0
        for position in 0..<keys {
            (bytes + at).update(from: line.baseAddress! + lineStarts[position], count: kept(position))
            starts[position] = at
            counts[position] = kept(position)
            kinds[position] = lineKinds[position]
            at += kept(position)
        }
        count = keys
    }

    private func growKeys() {
        let larger = 2 * keyCapacity
        func grown<T>(_ pointer: UnsafeMutablePointer<T>, keep: Int) -> UnsafeMutablePointer<T> {
            let made = UnsafeMutablePointer<T>.allocate(capacity: larger)
            made.moveInitialize(from: pointer, count: keep)
            pointer.deallocate()
            return made
        }
        starts = grown(starts, keep: count)
        counts = grown(counts, keep: count)
        kinds = grown(kinds, keep: count)
        lineStarts = grown(lineStarts, keep: keyCapacity)
        lineCounts = grown(lineCounts, keep: keyCapacity)
        lineKinds = grown(lineKinds, keep: keyCapacity)
        keyCapacity = larger
    }
}
