import Foundation
@testable import Workbook
import Testing
import TestSupport

struct InflateTests {
    static let roster = hexBytes(
        "e5a793e5908d2ce8baabe4bbbde8af81e58fb72ce69d912ce58cba2ce7b1bbe588ab2ce58f82e4bf9de697a5e69c9f0ae5bca0e4b8892c34333035"
        + "31313139393030313031313233362ce4b89ce69d912c62656974612c646962616f2c323032302d31312d30310ae69d8ee59b9b2c34333035313131"
        + "39383530373135323431392ce8a5bfe69d912c62656974612c74656b756e2c323032312d30312d31350a")

    // Compressed with Python's zlib (raw deflate, level 9); the block type is noted.
    @Test("decodes known streams", arguments: [
        ("4b0400", Array("a".utf8)),                                          // fixed Huffman
        ("cb48cdc9c957c8402701", Array("hello hello hello hello".utf8)),       // fixed, with a match
        ("0105 00faff 68656c6c6f".replacingOccurrences(of: " ", with: ""), Array("hello".utf8)), // stored
        ("010000ffff", []),                                                    // an empty stored block
        ("0300", []),                                                          // an empty fixed block
        // Two blocks: stored "ab" (not final), then fixed "a".
        ("000200fdff6162" + "4b0400", Array("aba".utf8)),
        ("45cb310e82401000c09eb72cc9eec1a9f71c8814c4441b7c80569aa8602c2c8068432c288c9504347ce6f6e419e61a9d7ef876e26c0f435b"
         + "ebee3ddc579c3ec19447e05d0b9f47c79b1a385debbe34e7ca1417875f57dd6cc1f750129152888444c21b816e0a1bc3284e0298c661b0"
         + "0081025d2217c931e581f3fcf72612c724854f0a86aaffbf249a2de7f6d9e49274be", roster), // dynamic Huffman
    ] as [(String, [UInt8])])
    func decodesKnownStreams(hex: String, expected: [UInt8]) throws {
        #expect(try inflate(hexBytes(hex)) == expected)
        #expect(try inflate(hexBytes(hex), chunkSize: 1) == expected)
    }

    @Test("refuses broken streams", arguments: [
        ("", "compressed data ends early"),
        ("07", "invalid block type 3"),
        ("0105", "compressed data ends early"),
        ("010500fbff68656c6c6f", "stored block length check failed"),
        ("0105 00faff 6865".replacingOccurrences(of: " ", with: ""), "compressed data ends early"),
        ("4b04", "compressed data ends early"),
        ("cb48cdc9c957c840", "compressed data ends early"),
        // Fixed block: literal 'a', then length 3 at distance 30000 (before the start).
        ("4b04" + "03", nil),
    ] as [(String, String?)])
    func refusesBrokenStreams(hex: String, reason: String?) {
        do {
            let output = try inflate(hexBytes(hex))
            Issue.record("decoded \(output.count) bytes from a broken stream")
        } catch {
            if let reason { #expect(error.reason == reason) }
        }
    }

    @Test func refusesADistanceBeforeTheStart() {
        // Fixed Huffman: length symbol 257 (length 3, code 0000001), distance code 0 (00000), end of block.
        var writer = BitWriter()
        writer.write(1, 1); writer.write(1, 2)          // final, fixed
        writer.writeReversed(0b0000001, 7)              // symbol 257
        writer.writeReversed(0, 5)                      // distance 1
        writer.writeReversed(0, 7)                      // end of block
        #expect(throws: InflateError("distance 1 reaches before the start of the data")) { try inflate(writer.bytes) }
    }

    @Test func decodesAHandMadeDynamicBlock() throws {
        // Literal/length code: 'a' and 'b' and 256 and 257 each 2 bits; distance code: one 1-bit code.
        // Code-length code: lengths 0, 1 and 2 used; 18 for runs of zeros.
        var writer = BitWriter()
        writer.write(1, 1); writer.write(2, 2)          // final, dynamic
        writer.write(258 - 257, 5)                      // HLIT: 258 codes (0…257)
        writer.write(0, 5)                              // HDIST: 1 code
        writer.write(18 - 4, 4)                         // HCLEN: 18 code-length codes in the order below
        // Order 16,17,18,0,8,7,9,6,10,5,11,4,12,3,13,2,14,1: lengths 18→2, 0→2, 2→1, 1→2... keep it complete:
        // symbol 2 → "0" (1 bit), symbol 18 → "10", symbol 1 → "11"; 0 unused (length 0).
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1]
        let codeLengthLengths: [Int: Int] = [2: 1, 18: 2, 1: 2]
        for symbol in order { writer.write(codeLengthLengths[symbol] ?? 0, 3) }
        // Canonical codes: symbol 2 → 0, symbol 1 → 10, symbol 18 → 11.
        func emit(_ symbol: Int) {
            switch symbol {
            case 2: writer.writeReversed(0b0, 1)
            case 1: writer.writeReversed(0b10, 2)
            default: writer.writeReversed(0b11, 2)
            }
        }
        func zeros(_ count: Int) { emit(18); writer.write(count - 11, 7) }
        zeros(97)                                       // 0…96
        emit(2); emit(2)                                // 'a', 'b'
        zeros(138); zeros(19)                           // 99…255
        emit(2); emit(2)                                // 256, 257
        emit(1)                                         // the one distance code, length 1
        // Literal/length codes (2 bits each): 'a' 00, 'b' 01, 256 10, 257 11. Distance 0 → "0".
        writer.writeReversed(0b00, 2)                   // a
        writer.writeReversed(0b01, 2)                   // b
        writer.writeReversed(0b11, 2); writer.writeReversed(0, 1)  // length 3, distance 1: "bbb"
        writer.writeReversed(0b10, 2)                   // end of block
        #expect(try inflate(writer.bytes) == Array("abbbb".utf8))
    }

    @Test func matchesZlibOnManyInputs() throws {
        guard let python = TestPython.any else { return }  // the hand-made vectors above still run
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var random = SplitMix(seed: 15)
        var inputs: [[UInt8]] = [[], [0], Array(repeating: 0x41, count: 100_000)]
        inputs.append((0..<300_000).map { _ in UInt8.random(in: 0...255, using: &random) })
        inputs.append((0..<200_000).map { _ in UInt8.random(in: 97...100, using: &random) })
        var xml = ""
        for row in 1...3000 { xml += "<row r=\"\(row)\"><c r=\"A\(row)\" t=\"s\"><v>\(row % 97)</v></c><c r=\"B\(row)\"><v>\(row * 7919 % 100_003)</v></c></row>" }
        inputs.append(Array(xml.utf8))
        for (index, input) in inputs.enumerated() {
            try Data(input).write(to: directory.appendingPathComponent("\(index).in"))
        }
        let script = """
        import sys, zlib, os
        d = sys.argv[1]
        for name in sorted(os.listdir(d)):
            if not name.endswith('.in'): continue
            data = open(os.path.join(d, name), 'rb').read()
            for level, strategy, tag in [(0, 0, 'l0'), (1, 0, 'l1'), (6, 0, 'l6'), (9, 0, 'l9'), (6, zlib.Z_FIXED, 'fixed'),
                                         (6, zlib.Z_HUFFMAN_ONLY, 'huff'), (6, zlib.Z_RLE, 'rle')]:
                c = zlib.compressobj(level, zlib.DEFLATED, -15, 9, strategy)
                open(os.path.join(d, name[:-3] + '.' + tag), 'wb').write(c.compress(data) + c.flush())
        """
        _ = try TestPython.script(python, script, [directory.path])
        for (index, input) in inputs.enumerated() {
            for tag in ["l0", "l1", "l6", "l9", "fixed", "huff", "rle"] {
                let compressed = try [UInt8](Data(contentsOf: directory.appendingPathComponent("\(index).\(tag)")))
                #expect(try inflate(compressed) == input, "input \(index), \(tag)")
                if index == 5 { #expect(try inflate(compressed, chunkSize: 1000) == input, "input \(index), \(tag), small chunks") }
            }
        }
    }

    @Test func neverCrashesOnDamagedStreams() throws {
        // Flip bytes and cut the dynamic-block vector everywhere: an error or some output, never a trap.
        let good = hexBytes("45cb310e82401000c09eb72cc9eec1a9f71c8814c4441b7c80569aa8602c2c8068432c288c9504347ce6f6e419e61a9d7ef876e26c0f435b"
                            + "ebee3ddc579c3ec19447e05d0b9f47c79b1a385debbe34e7ca1417875f57dd6cc1f750129152888444c21b816e0a1bc3284e0298c661b0"
                            + "0081025d2217c931e581f3fcf72612c724854f0a86aaffbf249a2de7f6d9e49274be")
        for cut in 0..<good.count { #expect(throws: InflateError.self) { try inflate(Array(good[..<cut])) } }
        var random = SplitMix(seed: 7)
        for _ in 0..<2000 {
            var damaged = good
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                damaged[Int.random(in: 0..<damaged.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            }
            _ = try? inflate(damaged)
        }
    }
}

/// Packs bits least significant first, as deflate does.
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private var used = 8

    /// Writes the `count` low bits of `value`, least significant first (header fields, extra bits).
    mutating func write(_ value: Int, _ count: Int) {
        for bit in 0..<count { put(value >> bit & 1) }
    }

    /// Writes a Huffman code of `count` bits, most significant bit first.
    mutating func writeReversed(_ code: Int, _ count: Int) {
        for bit in stride(from: count - 1, through: 0, by: -1) { put(code >> bit & 1) }
    }

    private mutating func put(_ bit: Int) {
        if used == 8 { bytes.append(0); used = 0 }
        bytes[bytes.count - 1] |= UInt8(bit) << used
        used += 1
    }
}

/// SplitMix64, so damaged and random inputs repeat exactly.
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
