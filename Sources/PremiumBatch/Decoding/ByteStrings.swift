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

    /// Byte equality of `count` bytes. Up to 16 bytes (every key and id batch compares)
    /// it is two loads from each side, the first and the last bytes overlapping, with
    /// no loop whose exit depends on the length; longer strings go eight at a time.
    @inline(__always)
    static func equal(_ lhs: UnsafePointer<UInt8>, _ rhs: UnsafePointer<UInt8>?, _ count: Int) -> Bool {
        guard let rhs else { return count == 0 }
        let left = UnsafeRawPointer(lhs), right = UnsafeRawPointer(rhs)
        @inline(__always) func differ<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T {
            left.loadUnaligned(fromByteOffset: offset, as: T.self) ^ right.loadUnaligned(fromByteOffset: offset, as: T.self)
        }
        switch count {
        case 8...16: return differ(UInt64.self, at: 0) | differ(UInt64.self, at: count - 8) == 0
        case 4..<8: return differ(UInt32.self, at: 0) | differ(UInt32.self, at: count - 4) == 0
        case 2..<4: return differ(UInt16.self, at: 0) | differ(UInt16.self, at: count - 2) == 0
        case 1: return lhs[0] == rhs[0]
        case 0: return true
        default: break
        }
        var offset = 0
        while offset + 8 <= count {
            if differ(UInt64.self, at: offset) != 0 { return false }
            offset += 8
        }
        return differ(UInt64.self, at: count - 8) == 0
    }
}
