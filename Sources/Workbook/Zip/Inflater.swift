/// A raw deflate decoder (RFC 1951): stored, fixed-Huffman and dynamic-Huffman blocks.
///
/// Resumable: each `produce()` decodes about `chunkSize` more bytes and returns them, so a
/// caller can stream an entry of any size in bounded memory (the 32 KiB window, one chunk
/// and the two code tables: about 400 KiB with the default chunk). Codes are decoded with
/// one look-up in a flat table of `1 << longest code` entries.
final class Inflater {
    /// Deflate's largest back-reference distance, so the history kept between chunks.
    static let windowSize = 32_768
    /// Longest match deflate can emit, so how far one symbol can overshoot a chunk.
    private static let longestMatch = 258

    private let chunkSize: Int
    private let output: UnsafeMutablePointer<UInt8>
    /// Bytes in `output`: the retained window, then the chunk being produced.
    private var count = 0
    /// Bytes produced so far, over all chunks.
    private(set) var produced = 0

    private let input: [UInt8]
    private let inputEnd: Int
    private var reader: BitState

    private enum State { case blockHeader, stored(remaining: Int), huffman, done }
    private var state = State.blockHeader
    private var lastBlock = false
    private let literals = HuffmanTable()
    private let distances = HuffmanTable()

    /// Decodes `input[range]`, a raw deflate stream (no zlib or gzip wrapper).
    init(_ input: [UInt8], range: Range<Int>, chunkSize: Int = 256 << 10) {
        precondition(chunkSize > 0 && range.lowerBound >= 0 && range.upperBound <= input.count)
        self.input = input
        self.inputEnd = range.upperBound
        self.chunkSize = chunkSize
        reader = BitState(position: range.lowerBound)
        let capacity = Inflater.windowSize + chunkSize + Inflater.longestMatch
        output = .allocate(capacity: capacity)
    }

    deinit { output.deallocate() }

    /// Input bytes consumed so far (whole bytes, up to the end of the last block once done).
    var consumed: Int { reader.position - reader.phantom - reader.count / 8 }

    /// Decodes the next chunk; nil once the final block has been decoded and returned.
    ///
    /// The buffer is valid until the next call.
    /// - Throws: `InflateError` for invalid data or input that ends before the final block.
    func produce() throws(InflateError) -> UnsafeBufferPointer<UInt8>? {
        if case .done = state { return nil }
        if count > Inflater.windowSize {
            (output).update(from: output + (count - Inflater.windowSize), count: Inflater.windowSize)
            count = Inflater.windowSize
        }
        let start = count
        var failure: InflateError?
        input.withUnsafeBufferPointer { bytes in
            do throws(InflateError) { try decode(bytes.baseAddress!, limit: Inflater.windowSize + chunkSize) } catch { failure = error }
        }
        if let failure { throw failure }
        produced += count - start
        if count == start, case .done = state { return nil }
        return UnsafeBufferPointer(start: output + start, count: count - start)
    }

    private func decode(_ data: UnsafePointer<UInt8>, limit: Int) throws(InflateError) {
        var bits = reader
        defer { reader = bits }
        while count < limit {
            switch state {
            case .done:
                return
            case .blockHeader:
                if lastBlock {
                    if bits.phantom * 8 > bits.count { throw InflateError("compressed data ends early") }
                    state = .done
                    return
                }
                try bits.need(3, data, inputEnd)
                lastBlock = bits.take(1) == 1
                switch bits.take(2) {
                case 0:
                    try bits.rewindToByte()
                    guard bits.position + 4 <= inputEnd else { throw InflateError("compressed data ends early") }
                    let length = Int(data[bits.position]) | Int(data[bits.position + 1]) << 8
                    let complement = Int(data[bits.position + 2]) | Int(data[bits.position + 3]) << 8
                    guard length ^ complement == 0xFFFF else { throw InflateError("stored block length check failed") }
                    bits.position += 4
                    state = .stored(remaining: length)
                case 1:
                    try literals.build(Inflater.fixedLiteralLengths)
                    try distances.build(Inflater.fixedDistanceLengths)
                    state = .huffman
                case 2:
                    try readDynamicTables(&bits, data)
                    state = .huffman
                default:
                    throw InflateError("invalid block type 3")
                }
            case .stored(let remaining):
                let take = min(remaining, limit - count, inputEnd - bits.position)
                if take == 0 && remaining > 0 { throw InflateError("compressed data ends early") }
                (output + count).update(from: data + bits.position, count: take)
                count += take
                bits.position += take
                state = remaining == take ? .blockHeader : .stored(remaining: remaining - take)
            case .huffman:
                if try decodeSymbols(&bits, data, limit: limit) { state = .blockHeader }
            }
        }
    }

    /// Decodes literals and matches until the end-of-block symbol (true) or `limit` (false).
    private func decodeSymbols(_ bits: inout BitState, _ data: UnsafePointer<UInt8>, limit: Int) throws(InflateError) -> Bool {
        let literalTable = literals.entries, literalMask = literals.mask
        let distanceTable = distances.entries, distanceMask = distances.mask
        let end = inputEnd
        var out = count
        defer { count = out }
        while out < limit {
            if bits.count < 48 { try bits.refill(data, end) }
            let entry = literalTable[Int(bits.bits & literalMask)]
            let codeLength = Int(entry & 15)
            if codeLength == 0 { throw InflateError("invalid literal/length code") }
            bits.bits >>= UInt64(codeLength)
            bits.count -= codeLength
            let symbol = Int(entry >> 4)
            if symbol < 256 {
                output[out] = UInt8(truncatingIfNeeded: symbol)
                out += 1
                continue
            }
            if symbol == 256 { return true }
            let lengthCode = symbol - 257
            if lengthCode >= 29 { throw InflateError("invalid length symbol \(symbol)") }
            let length = Int(Inflater.lengthBase[lengthCode]) + Int(bits.take(Int(Inflater.lengthExtra[lengthCode])))
            let distanceEntry = distanceTable[Int(bits.bits & distanceMask)]
            let distanceLength = Int(distanceEntry & 15)
            if distanceLength == 0 { throw InflateError("invalid distance code") }
            bits.bits >>= UInt64(distanceLength)
            bits.count -= distanceLength
            let distanceCode = Int(distanceEntry >> 4)
            if distanceCode >= 30 { throw InflateError("invalid distance symbol \(distanceCode)") }
            let distance = Int(Inflater.distanceBase[distanceCode]) + Int(bits.take(Int(Inflater.distanceExtra[distanceCode])))
            if distance > out { throw InflateError("distance \(distance) reaches before the start of the data") }
            let source = output + (out - distance)
            let target = output + out
            if distance >= length {
                target.update(from: source, count: length)
            } else {
                for index in 0..<length { target[index] = source[index] }
            }
            out += length
        }
        return false
    }

    /// Reads a dynamic block's code-length code, then its literal/length and distance codes.
    private func readDynamicTables(_ bits: inout BitState, _ data: UnsafePointer<UInt8>) throws(InflateError) {
        try bits.need(14, data, inputEnd)
        let literalCount = Int(bits.take(5)) + 257
        let distanceCount = Int(bits.take(5)) + 1
        let codeLengthCount = Int(bits.take(4)) + 4
        if literalCount > 286 || distanceCount > 30 { throw InflateError("too many length or distance codes") }
        var codeLengthLengths = [UInt8](repeating: 0, count: 19)
        for index in 0..<codeLengthCount {
            try bits.need(3, data, inputEnd)
            codeLengthLengths[Inflater.codeLengthOrder[index]] = UInt8(bits.take(3))
        }
        let codeLengths = HuffmanTable()
        try codeLengths.build(codeLengthLengths)
        var lengths = [UInt8](repeating: 0, count: literalCount + distanceCount)
        var index = 0
        while index < lengths.count {
            try bits.need(14, data, inputEnd)
            let entry = codeLengths.entries[Int(bits.bits & codeLengths.mask)]
            let codeLength = Int(entry & 15)
            if codeLength == 0 { throw InflateError("invalid code-length code") }
            bits.bits >>= UInt64(codeLength)
            bits.count -= codeLength
            let symbol = entry >> 4
            var repeated: UInt8 = 0, times = 1
            switch symbol {
            case 0...15: repeated = UInt8(symbol)
            case 16:
                if index == 0 { throw InflateError("length repeat with no previous length") }
                repeated = lengths[index - 1]
                times = 3 + Int(bits.take(2))
            case 17: times = 3 + Int(bits.take(3))
            default: times = 11 + Int(bits.take(7))
            }
            if index + times > lengths.count { throw InflateError("code lengths overrun") }
            for _ in 0..<times {
                lengths[index] = repeated
                index += 1
            }
        }
        if lengths[256] == 0 { throw InflateError("no end-of-block code") }
        try literals.build(Array(lengths[0..<literalCount]))
        try distances.build(Array(lengths[literalCount...]))
    }

    private static let fixedLiteralLengths: [UInt8] =
        [UInt8](repeating: 8, count: 144) + [UInt8](repeating: 9, count: 112) + [UInt8](repeating: 7, count: 24) + [UInt8](repeating: 8, count: 8)
    private static let fixedDistanceLengths = [UInt8](repeating: 5, count: 32)
    private static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
    private static let lengthBase: [UInt16] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
                                               67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBase: [UInt16] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
                                                 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtra: [UInt8] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10,
                                                 11, 11, 12, 12, 13, 13]
}

/// The bit reader's state: up to 64 input bits, least significant first.
///
/// Past the end of the input it shifts in zero bytes and counts them (`phantom`), so the
/// hot loop never checks the end; consuming a phantom bit is caught at the end of the
/// stream, and more than 16 phantom bytes stop decoding at once.
struct BitState {
    var position: Int
    var bits: UInt64 = 0
    var count = 0
    var phantom = 0

    /// Tops the buffer up to at least 56 bits.
    @inline(__always)
    mutating func refill(_ data: UnsafePointer<UInt8>, _ end: Int) throws(InflateError) {
        if position + 8 <= end {
            let word = UnsafeRawPointer(data + position).loadUnaligned(as: UInt64.self).littleEndian
            bits |= word << UInt64(count)
            position += (63 - count) >> 3
            count |= 56
            return
        }
        while count <= 56 {
            if position < end {
                bits |= UInt64(data[position]) << UInt64(count)
                position += 1
            } else {
                phantom += 1
                if phantom > 16 { throw InflateError("compressed data ends early") }
            }
            count += 8
        }
    }

    /// Makes sure at least `bitCount` bits are buffered.
    @inline(__always)
    mutating func need(_ bitCount: Int, _ data: UnsafePointer<UInt8>, _ end: Int) throws(InflateError) {
        if count < bitCount { try refill(data, end) }
    }

    /// Removes and returns the next `bitCount` bits (at most 32; they must be buffered).
    @inline(__always)
    mutating func take(_ bitCount: Int) -> UInt32 {
        let value = UInt32(truncatingIfNeeded: bits & ((1 << UInt64(bitCount)) - 1))
        bits >>= UInt64(bitCount)
        count -= bitCount
        return value
    }

    /// Drops the bits up to the next byte boundary and gives back the buffered whole
    /// bytes, so a stored block is read straight from the input.
    mutating func rewindToByte() throws(InflateError) {
        count -= count % 8
        let real = count / 8 - phantom
        if real < 0 { throw InflateError("compressed data ends early") }
        position -= real
        bits = 0
        count = 0
        phantom = 0
    }
}
