import Foundation
@testable import Workbook
import Testing
import TestSupport

struct DeflaterTests {
    static func deflate(_ bytes: [UInt8]) -> [UInt8] {
        var deflater = Deflater()
        deflater.write(bytes)
        return deflater.finish()
    }

    static func inputs() -> [[UInt8]] {
        var random = SplitMix(seed: 21)
        var xml = ""
        for row in 1...20_000 { xml += "<row r=\"\(row)\"><c r=\"A\(row)\" s=\"4\" t=\"inlineStr\"><is><t>张三\(row % 13)</t></is></c><c r=\"B\(row)\"><v>\(row * 37)</v></c></row>" }
        return [
            [], [0], [7, 7], Array(0...255), [UInt8](repeating: 0x41, count: 300_000),
            (0..<200_000).map { _ in UInt8.random(in: 0...255, using: &random) },   // literals only, several blocks
            (0..<200_000).map { _ in UInt8.random(in: 0...3, using: &random) },     // short matches, skewed codes
            Array(xml.utf8),                                                        // over 32,768 tokens: several blocks
        ]
    }

    @Test func roundTripsThroughTheInflater() throws {
        for (index, input) in Self.inputs().enumerated() {
            let compressed = Self.deflate(input)
            #expect(try inflate(compressed) == input, "input \(index)")
        }
    }

    @Test func zlibInflatesIt() throws {
        guard let python = TestPython.any else { return }
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputs = Self.inputs()
        for (index, input) in inputs.enumerated() {
            try Data(Self.deflate(input)).write(to: directory.appendingPathComponent("\(index).deflate"))
        }
        let script = """
            import sys, zlib, os
            d = sys.argv[1]
            for name in sorted(os.listdir(d)):
                data = zlib.decompress(open(os.path.join(d, name), 'rb').read(), -15)
                open(os.path.join(d, name[:-8] + '.out'), 'wb').write(data)
            """
        _ = try TestPython.script(python, script, [directory.path])
        for (index, input) in inputs.enumerated() {
            #expect(try [UInt8](Data(contentsOf: directory.appendingPathComponent("\(index).out"))) == input, "input \(index)")
        }
    }

    @Test func compressesSheetXMLWell() {
        let xml = Self.inputs().last!
        #expect(Self.deflate(xml).count * 8 < xml.count)
    }

    @Test("limits code lengths", arguments: [15, 7])
    func limitsCodeLengths(limit: Int) {
        // Fibonacci frequencies make the deepest possible Huffman tree.
        var frequencies = [1, 1]
        while frequencies.count < 30 { frequencies.append(frequencies[frequencies.count - 1] + frequencies[frequencies.count - 2]) }
        let lengths = HuffmanCode.lengths(frequencies, limit: limit)
        #expect(lengths.allSatisfy { $0 >= 1 && Int($0) <= limit })
        let kraft = lengths.reduce(0.0) { $0 + 1.0 / Double(1 << Int($1)) }
        #expect(kraft <= 1.0)
    }

    @Test func runLengthCodesTheCodeLengths() {
        let lengths: [UInt8] = [3, 3, 3, 3, 3, 3, 3, 3] + [UInt8](repeating: 0, count: 150) + [0, 0, 5, 0, 0, 0, 0]
        var decoded: [UInt8] = []
        for run in DeflateBlock.runLengths(lengths) {
            switch run.symbol {
            case 16: decoded += [UInt8](repeating: decoded.last!, count: 3 + Int(run.extra))
            case 17: decoded += [UInt8](repeating: 0, count: 3 + Int(run.extra))
            case 18: decoded += [UInt8](repeating: 0, count: 11 + Int(run.extra))
            default: decoded.append(run.symbol)
            }
        }
        #expect(decoded == lengths)
    }
}
