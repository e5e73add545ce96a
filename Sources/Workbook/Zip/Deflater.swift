/// A small deflate compressor (RFC 1951): greedy LZ77 over hash chains, then one block
/// of fixed Huffman codes.
///
/// Not zlib's ratio (no dynamic codes, no lazy matching), but sheet XML is repetitive
/// enough that it still shrinks about 6–10 times, at some tens of MB/s. Holds the whole
/// input: the writer's entries are in memory already.
struct Deflater {
    private var input: [UInt8] = []

    /// Longest chain of earlier positions tried for a match.
    private static let chainLimit = 8
    /// A match this long ends the search (zlib's `nice_length`).
    private static let niceLength = 64
    private static let hashBits = 15

    /// Adds bytes to compress.
    mutating func write(_ bytes: [UInt8]) { input.append(contentsOf: bytes) }

    /// The raw deflate stream of everything written.
    func finish() -> [UInt8] {
        var bits = BitSink()
        bits.write(1, 1)                                    // final block
        bits.write(1, 2)                                    // fixed Huffman
        let count = input.count
        let hashSize = 1 << Deflater.hashBits
        let windowMask = Inflater.windowSize - 1
        // Most recent position of each 3-byte hash, and each position's previous one with the same hash.
        let head = UnsafeMutablePointer<Int32>.allocate(capacity: hashSize)
        head.initialize(repeating: -1, count: hashSize)
        let previous = UnsafeMutablePointer<Int32>.allocate(capacity: Inflater.windowSize)
        previous.initialize(repeating: -1, count: Inflater.windowSize)
        defer {
            head.deallocate()
            previous.deallocate()
        }
        input.withUnsafeBufferPointer { buffer in
            guard let data = buffer.baseAddress else { return }
            let base = UnsafeRawPointer(data)
            @inline(__always) func hash(_ at: Int) -> Int {
                let value = Int(data[at]) << 16 | Int(data[at + 1]) << 8 | Int(data[at + 2])
                return (value &* 0x9E37_79B1) >> 13 & (hashSize - 1)
            }
            var position = 0
            while position < count {
                var bestLength = 0, bestDistance = 0
                if position + 2 < count {
                    let slot = hash(position)
                    var candidate = Int(head[slot])
                    previous[position & windowMask] = head[slot]
                    head[slot] = Int32(position)
                    var tries = Deflater.chainLimit
                    let longest = min(258, count - position)
                    while candidate >= 0, position - candidate <= Inflater.windowSize, tries > 0 {
                        if bestLength == 0 || data[candidate + bestLength] == data[position + bestLength] {
                            // Compare eight bytes at a time while eight remain, then byte by byte.
                            var length = 0
                            while length + 8 <= longest {
                                let difference = base.loadUnaligned(fromByteOffset: candidate + length, as: UInt64.self)
                                    ^ base.loadUnaligned(fromByteOffset: position + length, as: UInt64.self)
                                if difference != 0 {
                                    length += difference.littleEndian.trailingZeroBitCount / 8
                                    break
                                }
                                length += 8
                            }
                            if length + 8 > longest {
                                while length < longest, data[candidate + length] == data[position + length] { length += 1 }
                            }
                            if length > bestLength {
                                bestLength = length
                                bestDistance = position - candidate
                                if length >= Deflater.niceLength { break }
                            }
                        }
                        let next = Int(previous[candidate & windowMask])
                        if next >= candidate { break }
                        candidate = next
                        tries -= 1
                    }
                }
                if bestLength >= 3 {
                    bits.writeLength(bestLength)
                    bits.writeDistance(bestDistance)
                    // The match's other positions go into the hash chains too.
                    var at = position + 1
                    let end = min(position + bestLength, count - 2)
                    while at < end {
                        let slot = hash(at)
                        previous[at & windowMask] = head[slot]
                        head[slot] = Int32(at)
                        at += 1
                    }
                    position += bestLength
                } else {
                    bits.writeLiteral(Int(data[position]))
                    position += 1
                }
            }
        }
        bits.writeLiteral(256)
        return bits.finish()
    }
}

/// Packs bits least significant first, with the fixed Huffman codes of RFC 1951 §3.2.6.
private struct BitSink {
    private var bytes: [UInt8] = []
    private var buffer: UInt64 = 0
    private var count = 0

    mutating func write(_ value: Int, _ bitCount: Int) {
        buffer |= UInt64(value) << UInt64(count)
        count += bitCount
        while count >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: buffer))
            buffer >>= 8
            count -= 8
        }
    }

    mutating func writeLiteral(_ symbol: Int) {
        let (code, length) = BitSink.fixedCodes[symbol]
        write(Int(code), Int(length))
    }

    mutating func writeLength(_ length: Int) {
        var code = 28
        while Int(BitSink.lengthBase[code]) > length { code -= 1 }
        writeLiteral(257 + code)
        write(length - Int(BitSink.lengthBase[code]), Int(BitSink.lengthExtra[code]))
    }

    mutating func writeDistance(_ distance: Int) {
        var code = 29
        while Int(BitSink.distanceBase[code]) > distance { code -= 1 }
        write(BitSink.reverse(code, 5), 5)
        write(distance - Int(BitSink.distanceBase[code]), Int(BitSink.distanceExtra[code]))
    }

    mutating func finish() -> [UInt8] {
        if count > 0 { bytes.append(UInt8(truncatingIfNeeded: buffer)) }
        return bytes
    }

    static func reverse(_ code: Int, _ length: Int) -> Int {
        var result = 0
        for bit in 0..<length where code & (1 << bit) != 0 { result |= 1 << (length - 1 - bit) }
        return result
    }

    /// Bit-reversed fixed codes and their lengths, by literal/length symbol.
    static let fixedCodes: [(UInt16, UInt8)] = (0..<288).map { symbol in
        switch symbol {
        case 0..<144: return (UInt16(reverse(0x30 + symbol, 8)), 8)
        case 144..<256: return (UInt16(reverse(0x190 + symbol - 144, 9)), 9)
        case 256..<280: return (UInt16(reverse(symbol - 256, 7)), 7)
        default: return (UInt16(reverse(0xC0 + symbol - 280, 8)), 8)
        }
    }
    static let lengthBase: [UInt16] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
                                       67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase: [UInt16] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
                                         1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra: [UInt8] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10,
                                         11, 11, 12, 12, 13, 13]
}
