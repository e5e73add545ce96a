extension TextDecoding {
    /// UTF-16 of either byte order, without its byte-order mark: Excel's "Unicode text".
    ///
    /// Surrogate pairs become one scalar; a surrogate without its partner is an error
    /// rather than U+FFFD, since it means the file is damaged or not UTF-16 at all.
    ///
    /// - Throws: `TextDecodingError` at the first byte of the unpaired surrogate, or at
    ///   the last byte when the input has an odd number of bytes.
    static func decodeUTF16(_ bytes: UnsafeBufferPointer<UInt8>, bigEndian: Bool) throws(TextDecodingError) -> String {
        let encoding: Encoding = bigEndian ? .utf16BigEndian : .utf16LittleEndian
        let (high, low) = bigEndian ? (0, 1) : (1, 0)
        let count = bytes.count & ~1
        var start = 0
        if count >= 2, bytes[high] == 0xFE, bytes[low] == 0xFF { start = 2 }
        var failure: (offset: Int, problem: TextDecodingError.Problem)?
        // Two bytes become at most three of UTF-8, a surrogate pair's four become four.
        let text = String(unsafeUninitializedCapacity: count / 2 * 3) { output in
            var read = start, written = 0
            while read < count {
                let unit = UInt32(bytes[read + high]) << 8 | UInt32(bytes[read + low])
                var scalar = unit
                if (0xD800...0xDBFF).contains(unit) {
                    let next = read + 2 < count ? UInt32(bytes[read + 2 + high]) << 8 | UInt32(bytes[read + 2 + low]) : 0
                    guard (0xDC00...0xDFFF).contains(next) else { failure = (read, .unpairedSurrogate); return 0 }
                    scalar = 0x1_0000 + ((unit - 0xD800) << 10 | (next - 0xDC00))
                    read += 4
                } else if (0xDC00...0xDFFF).contains(unit) {
                    failure = (read, .unpairedSurrogate); return 0
                } else {
                    read += 2
                }
                TextDecoding.writeUTF8(scalar, to: output, at: &written)
            }
            return written
        }
        if let failure { throw TextDecodingError(encoding, failure.problem, at: failure.offset, in: bytes) }
        if bytes.count != count { throw TextDecodingError(encoding, .truncatedSequence, at: count, in: bytes) }
        return text
    }
}
