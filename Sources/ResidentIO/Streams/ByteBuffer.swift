import PolicyKit

/// A growable byte buffer for the batch hot path: appends are a capacity check and a
/// copy, with no copy-on-write or exclusivity bookkeeping.
///
/// The appends are `@inlinable`: batch calls them from another module several times per
/// record, and a call each cost more than the copy.
public final class ByteBuffer {
    @usableFromInline @exclusivity(unchecked) var storage: UnsafeMutablePointer<UInt8>
    @usableFromInline @exclusivity(unchecked) var used = 0
    @usableFromInline @exclusivity(unchecked) var capacity: Int

    public init(capacity: Int = 1 << 16) {
        self.capacity = max(capacity, 16)
        storage = .allocate(capacity: self.capacity)
    }

    public var base: UnsafeMutablePointer<UInt8> { storage }
    public var count: Int { used }

    deinit { storage.deallocate() }

    /// The bytes written so far.
    public var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: storage, count: used) }

    @inlinable @inline(__always)
    public func append(_ byte: UInt8) {
        if used == capacity { grow(to: used + 1) }
        storage[used] = byte
        used += 1
    }

    @inlinable @inline(__always)
    public func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        if used + bytes.count > capacity { grow(to: used + bytes.count) }
        UnsafeMutableRawPointer(storage + used).copyMemory(from: source, byteCount: bytes.count)
        used += bytes.count
    }

    @inlinable @inline(__always)
    public func append(_ bytes: UnsafeBufferPointer<UInt8>) { append(UnsafeRawBufferPointer(bytes)) }

    public func append(_ bytes: [UInt8]) { bytes.withUnsafeBytes { append($0) } }

    @inlinable @inline(__always)
    public func append(_ text: StaticString) {
        append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    public func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Appends `YYYY-MM-DD`.
    @inlinable @inline(__always)
    public func append(date: CivilDate) {
        if used + 10 > capacity { grow(to: used + 10) }
        let at = storage + used
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
        used += 10
    }

    /// "00" to "99", two bytes each (a literal: no lazy global to check on each date).
    @usableFromInline static var pairs: StaticString {
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

    public func removeAll() { used = 0 }

    @usableFromInline
    func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        larger.update(from: storage, count: used)
        storage.deallocate()
        storage = larger
        capacity = newCapacity
    }
}
