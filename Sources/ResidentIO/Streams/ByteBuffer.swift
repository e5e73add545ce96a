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
        let at = base + count
        let year = date.year
        // Two digits at a time, from a table of 00…99.
        let pairs = ByteBuffer.pairs.utf8Start
        let high = 2 * (year / 100 % 100), low = 2 * (year % 100)
        let month = 2 * date.month, day = 2 * date.day
        at[0] = pairs[high]; at[1] = pairs[high + 1]; at[2] = pairs[low]; at[3] = pairs[low + 1]
        at[4] = UInt8(ascii: "-")
        at[5] = pairs[month]; at[6] = pairs[month + 1]
        at[7] = UInt8(ascii: "-")
        at[8] = pairs[day]; at[9] = pairs[day + 1]
        count += 10
    }

    /// "00" to "99", two bytes each (a literal: no lazy global to check on each date).
    private static var pairs: StaticString {
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
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
