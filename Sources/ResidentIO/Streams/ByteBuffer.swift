import PolicyKit

/// A growable byte buffer for the batch hot path: appends are a capacity check and a
/// copy, with no copy-on-write or exclusivity bookkeeping.
public final class ByteBuffer {
    @exclusivity(unchecked) public private(set) var base: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) public private(set) var count = 0
    @exclusivity(unchecked) private var capacity: Int

    public init(capacity: Int = 1 << 16) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The bytes written so far.
    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    @inline(__always)
    public func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    public func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        UnsafeMutableRawPointer(base + count).copyMemory(from: source, byteCount: bytes.count)
        count += bytes.count
    }

    @inline(__always)
    public func append(_ bytes: UnsafeBufferPointer<UInt8>) { append(UnsafeRawBufferPointer(bytes)) }

    public func append(_ bytes: [UInt8]) { bytes.withUnsafeBytes { append($0) } }

    @inline(__always)
    public func append(_ text: StaticString) {
        append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    public func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Appends `YYYY-MM-DD`.
    @inline(__always)
    public func append(date: CivilDate) {
        if count + 10 > capacity { grow(to: count + 10) }
        let (year, month, day) = (date.year, date.month, date.day)
        let at = base + count
        at[0] = UInt8(truncatingIfNeeded: 48 + year / 1000 % 10); at[1] = UInt8(truncatingIfNeeded: 48 + year / 100 % 10)
        at[2] = UInt8(truncatingIfNeeded: 48 + year / 10 % 10); at[3] = UInt8(truncatingIfNeeded: 48 + year % 10)
        at[4] = UInt8(ascii: "-")
        at[5] = UInt8(truncatingIfNeeded: 48 + month / 10); at[6] = UInt8(truncatingIfNeeded: 48 + month % 10)
        at[7] = UInt8(ascii: "-")
        at[8] = UInt8(truncatingIfNeeded: 48 + day / 10); at[9] = UInt8(truncatingIfNeeded: 48 + day % 10)
        count += 10
    }

    /// Appends a non-negative number in decimal.
    public func append(digits number: Int) {
        var value = number, digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var length = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            repeat {
                raw[19 - length] = UInt8(truncatingIfNeeded: 48 + value % 10)
                value /= 10
                length += 1
            } while value > 0
            append(UnsafeRawBufferPointer(rebasing: raw[(20 - length)...]))
        }
    }

    public func removeAll() { count = 0 }

    private func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        larger.update(from: base, count: count)
        base.deallocate()
        base = larger
        capacity = newCapacity
    }
}
