/// A fixed list of short byte strings in one allocation, for comparing a record's bytes
/// with names (region ids, group ids, field keys) without arrays, retains or `memcmp`
/// calls on the hot path.
final class ByteStrings {
    private let bytes: UnsafeMutablePointer<UInt8>
    private let starts: UnsafeMutablePointer<Int>
    let count: Int

    init(_ strings: [[UInt8]]) {
        count = strings.count
        let total = strings.reduce(0) { $0 + $1.count }
        bytes = .allocate(capacity: max(total, 1))
        starts = .allocate(capacity: strings.count + 1)
        var at = 0
        for (index, string) in strings.enumerated() {
            starts[index] = at
            (bytes + at).initialize(from: string, count: string.count)
            at += string.count
        }
        starts[strings.count] = at
    }

    deinit {
        bytes.deallocate()
        starts.deallocate()
    }

    /// Whether string `index` is exactly `text`.
    @inline(__always)
    func matches(_ index: Int, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[index]
        guard starts[index + 1] - start == text.count else { return false }
        return ByteStrings.equal(bytes + start, text.baseAddress, text.count)
    }

    /// The index of the first string that is exactly `text`, or nil.
    @inline(__always)
    func firstIndex(of text: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        while index < count {
            if matches(index, text) { return index }
            index += 1
        }
        return nil
    }

    /// Byte equality of `count` bytes, eight at a time.
    @inline(__always)
    static func equal(_ lhs: UnsafePointer<UInt8>, _ rhs: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
        guard let rhs else { return count == 0 }
        let left = UnsafeRawPointer(lhs), right = UnsafeRawPointer(rhs)
        var offset = 0
        while offset + 8 <= count {
            if left.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != right.loadUnaligned(fromByteOffset: offset, as: UInt64.self) {
                return false
            }
            offset += 8
        }
        while offset < count {
            if lhs[offset] != rhs[offset] { return false }
            offset += 1
        }
        return true
    }
}
