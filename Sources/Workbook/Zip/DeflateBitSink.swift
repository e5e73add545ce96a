/// Packs bits least significant first, as deflate stores them (RFC 1951 §3.1.1).
struct DeflateBitSink {
    private var bytes: [UInt8] = []
    private var buffer: UInt64 = 0
    private var count = 0

    /// Writes the `bitCount` (at most 32) low bits of `value`.
    @inline(__always)
    mutating func write(_ value: Int, _ bitCount: Int) {
        buffer |= UInt64(truncatingIfNeeded: value) << UInt64(count)
        count += bitCount
        if count >= 32 {
            for _ in 0..<4 {
                bytes.append(UInt8(truncatingIfNeeded: buffer))
                buffer >>= 8
            }
            count -= 32
        }
    }

    /// The bytes written, the last one padded with zero bits.
    mutating func finish() -> [UInt8] {
        while count > 0 {
            bytes.append(UInt8(truncatingIfNeeded: buffer))
            buffer >>= 8
            count -= 8
        }
        count = 0
        return bytes
    }
}
