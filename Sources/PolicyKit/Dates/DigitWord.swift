/// Eight bytes of ASCII text read as one little-endian word, for fixed-layout fields
/// (`YYYY-MM-DD`, the 18 characters of an ID number) that rosters give millions of.
@usableFromInline
enum DigitWord {
    /// Each byte of `word` less the same byte of `base`, when every difference is at
    /// most the same byte of `maxima` (each at most 0x7F), else nil: `base` 0x30 and
    /// maximum 9 for a digit, `base` 0x2D and maximum 0 for a "-".
    ///
    /// Neither an allowed difference nor it plus `0x7F - maximum` reaches 0x80; the
    /// lowest byte out of range sets a top bit in one of them (bytes above it may be
    /// noise from its borrow or carry, but one set bit is enough).
    @inlinable @inline(__always)
    static func values(_ word: UInt64, less base: UInt64, maxima: UInt64) -> UInt64? {
        let values = word &- base
        let tops: UInt64 = 0x8080_8080_8080_8080
        return (values | (values &+ (0x7F7F_7F7F_7F7F_7F7F - maxima))) & tops == 0 ? values : nil
    }

    /// The eight bytes at `offset`.
    @inlinable @inline(__always)
    static func load(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress!).loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// Byte `index` (0 the lowest) of `word`.
    @inlinable @inline(__always)
    static func byte(_ word: UInt64, _ index: Int) -> Int { Int(truncatingIfNeeded: word >> UInt64(8 * index) & 0xFF) }

    /// `values` of eight digits: "0" each, at most 9 more.
    @inlinable @inline(__always)
    static func digits(_ word: UInt64) -> UInt64? {
        values(word, less: 0x3030_3030_3030_3030, maxima: 0x0909_0909_0909_0909)
    }
}
