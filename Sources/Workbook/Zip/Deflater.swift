/// A small deflate compressor (RFC 1951): greedy LZ77 over hash chains, then blocks of
/// dynamic Huffman codes fitted to each block's symbols.
///
/// Not zlib's ratio (no lazy matching) nor its speed, but sheet XML shrinks 7–10 times.
/// Each piece written is compressed on its own (no match reaches into an earlier piece),
/// so pieces are not joined: a sheet's rows are never copied.
struct Deflater {
    private var pieces: [[UInt8]] = []

    /// Longest chain of earlier positions tried for a match.
    private static let chainLimit = 8
    /// A match this long ends the search (zlib's `nice_length`).
    private static let niceLength = 64
    private static let hashBits = 15

    /// Adds bytes to compress (kept, not copied, until `finish`).
    mutating func write(_ bytes: [UInt8]) { pieces.append(bytes) }

    /// The raw deflate stream of everything written.
    func finish() -> [UInt8] {
        var bits = DeflateBitSink()
        var tokens: [UInt32] = []
        tokens.reserveCapacity(DeflateBlock.maximumTokens)
        let hashSize = 1 << Deflater.hashBits
        // Most recent position of each 3-byte hash, and each position's previous one with the same hash.
        let head = UnsafeMutablePointer<Int32>.allocate(capacity: hashSize)
        head.initialize(repeating: -1, count: hashSize)
        let previous = UnsafeMutablePointer<Int32>.allocate(capacity: Inflater.windowSize)
        previous.initialize(repeating: -1, count: Inflater.windowSize)
        defer {
            head.deallocate()
            previous.deallocate()
        }
        for piece in pieces where !piece.isEmpty {
            head.update(repeating: -1, count: hashSize)
            previous.update(repeating: -1, count: Inflater.windowSize)
            compress(piece, head: head, previous: previous, tokens: &tokens, bits: &bits)
        }
        DeflateBlock.write(tokens, final: true, to: &bits)
        return bits.finish()
    }

    /// LZ77 over one piece: its tokens appended, full blocks written.
    private func compress(_ input: [UInt8], head: UnsafeMutablePointer<Int32>, previous: UnsafeMutablePointer<Int32>,
                          tokens: inout [UInt32], bits: inout DeflateBitSink) {
        let count = input.count
        let hashSize = 1 << Deflater.hashBits
        let windowMask = Inflater.windowSize - 1
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
                    tokens.append(DeflateBlock.match(length: bestLength, distance: bestDistance))
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
                    tokens.append(UInt32(data[position]))
                    position += 1
                }
                if tokens.count >= DeflateBlock.maximumTokens {
                    DeflateBlock.write(tokens, final: false, to: &bits)
                    tokens.removeAll(keepingCapacity: true)
                }
            }
        }
    }
}
