import PolicyKit
@testable import PremiumBatch
import Testing
import TestSupport

/// `JSONLineScanner.skipString` skips words of eight bytes over Chinese text and checks
/// UTF-8 afterwards: it must accept exactly the strings a strict JSON parser accepts,
/// wherever the string sits against the line's end (where the words stop mid-character).
struct JSONLineScannerTests {
    /// Pieces of string content: ASCII, two-, three- and four-byte characters, escapes,
    /// and bytes that are not valid in a JSON string.
    static let valid: [[UInt8]] = ["a", "Z", " ", "0", "吴", "军", "é", "😀", "\\n", "\\\"", "\\\\", "\\u0041", "\\/"].map { Array($0.utf8) }
    static let invalid: [[UInt8]] = [[0xFF], [0x80], [0xE5, 0x90], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0x01], [0x1F],
                                     [0xF5, 0x80, 0x80, 0x80], [0xE0, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF], Array("\\x".utf8)]

    @Test func skipStringAcceptsWhatAStrictParserAccepts() {
        var rng = SeededRandom(seed: 2026_12_02)
        var accepted = 0, refused = 0
        for _ in 0..<fuzzCases(20_000) {
            var content: [UInt8] = []
            for _ in 0..<Int.random(in: 0...14, using: &rng) {
                let bad = Int.random(in: 0..<25, using: &rng) == 0
                content += (bad ? Self.invalid : Self.valid).randomElement(using: &rng)!
            }
            let closed = Int.random(in: 0..<10, using: &rng) > 0
            // What follows an unterminated string holds no quote that could close it.
            let suffix = Array((closed ? #","k":1}"# : ",k:1} ").utf8).prefix(Int.random(in: 0...7, using: &rng))
            let line = [34] + content + (closed ? [34] : []) + suffix
            let expected: Int? = closed && (try? JSONParser.parse([34] + content + [34])) != nil ? content.count + 2 : nil
            let got = line.withUnsafeBufferPointer { JSONLineScanner.skipString($0, 0) }
            #expect(got == expected, "\(line)")
            if got == nil { refused += 1 } else { accepted += 1 }
        }
        // Both answers are reached often.
        #expect(accepted > 1_000 && refused > 1_000)
    }
}
