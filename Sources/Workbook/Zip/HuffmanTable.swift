/// A canonical Huffman code (RFC 1951 §3.2.2) as one flat look-up table.
///
/// The table has `1 << bits` entries, `bits` being the longest code length, indexed by
/// the next `bits` input bits (least significant first, as deflate packs them). Each
/// entry is `symbol << 4 | length`; 0 marks a bit pattern no code starts with (an
/// incomplete code), which the decoder reports as corrupt data.
final class HuffmanTable {
    /// Longest code length deflate allows.
    static let maximumBits = 15

    /// The entries; `1 << maximumBits` are allocated once and reused by every block.
    let entries: UnsafeMutablePointer<UInt16>
    /// `(1 << bits) - 1`: the input bits one look-up consumes at most.
    private(set) var mask: UInt64 = 0

    init() {
        entries = .allocate(capacity: 1 << HuffmanTable.maximumBits)
        entries.initialize(repeating: 0, count: 1 << HuffmanTable.maximumBits)
    }

    deinit { entries.deallocate() }

    /// Rebuilds the table for the code whose symbol `s` has length `lengths[s]` (0: unused).
    ///
    /// - Throws: `InflateError` if the lengths over-subscribe the code space.
    func build(_ lengths: UnsafeBufferPointer<UInt8>) throws(InflateError) {
        var counts = (0...HuffmanTable.maximumBits).map { _ in 0 }
        for length in lengths { counts[Int(length)] += 1 }
        counts[0] = 0
        var left = 1
        var longest = 1
        for length in 1...HuffmanTable.maximumBits {
            left = (left << 1) - counts[length]
            if left < 0 { throw InflateError("over-subscribed Huffman code") }
            if counts[length] > 0 { longest = length }
        }
        let size = 1 << longest
        entries.update(repeating: 0, count: size)
        mask = UInt64(size - 1)
        var next = [0]
        var code = 0
        for length in 1...HuffmanTable.maximumBits {
            code = (code + counts[length - 1]) << 1
            next.append(code)
        }
        // next[length] is now the first code of that length (RFC 1951 §3.2.2 step 2).
        for (symbol, length) in lengths.enumerated() where length > 0 {
            let length = Int(length)
            let code = next[length]
            next[length] += 1
            var reversed = 0
            for bit in 0..<length where code & (1 << bit) != 0 { reversed |= 1 << (length - 1 - bit) }
            let entry = UInt16(symbol << 4 | length)
            var index = reversed
            while index < size {
                entries[index] = entry
                index += 1 << length
            }
        }
    }

    /// Builds from an array of lengths.
    func build(_ lengths: [UInt8]) throws(InflateError) {
        let failure: InflateError? = lengths.withUnsafeBufferPointer { (buffer) -> InflateError? in
            do throws(InflateError) { try build(buffer); return nil } catch { return error }
        }
        if let failure { throw failure }
    }
}

/// Why deflate data cannot be decoded; the zip reader adds the entry's name.
struct InflateError: Error, Equatable {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}
