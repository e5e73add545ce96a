/// One dynamic-Huffman block (RFC 1951 §3.2.7) from LZ77 tokens.
///
/// A token is a literal byte (`0…255`) or a match made by `match(length:distance:)`.
enum DeflateBlock {
    /// Tokens per block: enough for the codes to pay for their header, few enough to follow
    /// changes in the data.
    static let maximumTokens = 1 << 15

    /// A match token: bit 31 set, length − 3 in bits 15–22, distance − 1 in bits 0–14.
    @inline(__always)
    static func match(length: Int, distance: Int) -> UInt32 {
        0x8000_0000 | UInt32(length - 3) << 15 | UInt32(distance - 1)
    }

    /// Writes `tokens` and an end-of-block code as one block.
    static func write(_ tokens: [UInt32], final: Bool, to bits: inout DeflateBitSink) {
        var literalFrequencies = [Int](repeating: 0, count: 286)
        var distanceFrequencies = [Int](repeating: 0, count: 30)
        for token in tokens {
            if token & 0x8000_0000 == 0 {
                literalFrequencies[Int(token)] += 1
            } else {
                literalFrequencies[257 + Int(lengthCode[Int(token >> 15 & 0xFF)])] += 1
                distanceFrequencies[distanceCode(Int(token & 0x7FFF))] += 1
            }
        }
        literalFrequencies[256] = 1
        let literalLengths = HuffmanCode.lengths(literalFrequencies, limit: 15)
        let distanceLengths = HuffmanCode.lengths(distanceFrequencies, limit: 15)
        let literalCodes = HuffmanCode.codes(literalLengths)
        let distanceCodes = HuffmanCode.codes(distanceLengths)

        // The header: both code lengths sequences, run-length coded with 16, 17 and 18.
        var literalCount = 286
        while literalCount > 257, literalLengths[literalCount - 1] == 0 { literalCount -= 1 }
        var distanceCount = 30
        while distanceCount > 1, distanceLengths[distanceCount - 1] == 0 { distanceCount -= 1 }
        let runs = runLengths(Array(literalLengths[..<literalCount]) + Array(distanceLengths[..<distanceCount]))
        var codeLengthFrequencies = [Int](repeating: 0, count: 19)
        for run in runs { codeLengthFrequencies[Int(run.symbol)] += 1 }
        let codeLengthLengths = HuffmanCode.lengths(codeLengthFrequencies, limit: 7)
        let codeLengthCodes = HuffmanCode.codes(codeLengthLengths)
        var codeLengthCount = 19
        while codeLengthCount > 4, codeLengthLengths[order[codeLengthCount - 1]] == 0 { codeLengthCount -= 1 }

        bits.write(final ? 1 : 0, 1)
        bits.write(2, 2)
        bits.write(literalCount - 257, 5)
        bits.write(distanceCount - 1, 5)
        bits.write(codeLengthCount - 4, 4)
        for index in 0..<codeLengthCount { bits.write(Int(codeLengthLengths[order[index]]), 3) }
        for run in runs {
            let symbol = Int(run.symbol)
            bits.write(Int(codeLengthCodes[symbol]), Int(codeLengthLengths[symbol]))
            switch symbol {
            case 16: bits.write(Int(run.extra), 2)
            case 17: bits.write(Int(run.extra), 3)
            case 18: bits.write(Int(run.extra), 7)
            default: break
            }
        }

        for token in tokens {
            if token & 0x8000_0000 == 0 {
                let symbol = Int(token)
                bits.write(Int(literalCodes[symbol]), Int(literalLengths[symbol]))
            } else {
                let lengthIndex = Int(token >> 15 & 0xFF)
                let code = Int(lengthCode[lengthIndex])
                bits.write(Int(literalCodes[257 + code]), Int(literalLengths[257 + code]))
                bits.write(lengthIndex + 3 - Int(lengthBase[code]), Int(lengthExtra[code]))
                let distance = Int(token & 0x7FFF)
                let distanceSymbol = distanceCode(distance)
                bits.write(Int(distanceCodes[distanceSymbol]), Int(distanceLengths[distanceSymbol]))
                bits.write(distance + 1 - Int(distanceBase[distanceSymbol]), Int(distanceExtra[distanceSymbol]))
            }
        }
        bits.write(Int(literalCodes[256]), Int(literalLengths[256]))
    }

    /// Code-length symbols (0–15 literal lengths; 16 repeat previous 3–6; 17 zeros 3–10;
    /// 18 zeros 11–138) with their extra-bit values.
    static func runLengths(_ lengths: [UInt8]) -> [(symbol: UInt8, extra: UInt8)] {
        var result: [(symbol: UInt8, extra: UInt8)] = []
        var index = 0
        while index < lengths.count {
            let length = lengths[index]
            var run = 1
            while index + run < lengths.count, lengths[index + run] == length { run += 1 }
            index += run
            if length == 0 {
                while run >= 11 { let take = min(run, 138); result.append((18, UInt8(take - 11))); run -= take }
                if run >= 3 { result.append((17, UInt8(run - 3))); run = 0 }
                while run > 0 { result.append((0, 0)); run -= 1 }
            } else {
                result.append((length, 0))
                run -= 1
                while run >= 3 { let take = min(run, 6); result.append((16, UInt8(take - 3))); run -= take }
                while run > 0 { result.append((length, 0)); run -= 1 }
            }
        }
        return result
    }

    /// The distance symbol of `distance − 1` (0…32767).
    @inline(__always)
    static func distanceCode(_ distanceMinusOne: Int) -> Int {
        distanceMinusOne < 256 ? Int(nearDistanceCode[distanceMinusOne]) : Int(farDistanceCode[distanceMinusOne >> 7])
    }

    static let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
    static let lengthBase: [UInt16] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59,
                                       67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase: [UInt16] = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769,
                                         1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra: [UInt8] = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10,
                                         11, 11, 12, 12, 13, 13]
    /// The length symbol − 257 of each length − 3 (0…255).
    static let lengthCode: [UInt8] = (3...258).map { length in
        UInt8(lengthBase.lastIndex { Int($0) <= length }!)
    }
    /// Distance symbols of distance − 1 below 256, and of (distance − 1) >> 7 above.
    static let nearDistanceCode: [UInt8] = (1...256).map { distance in UInt8(distanceBase.lastIndex { Int($0) <= distance }!) }
    static let farDistanceCode: [UInt8] = (0..<256).map { shifted in
        UInt8(distanceBase.lastIndex { Int($0) <= (shifted << 7) + 1 }!)
    }
}
