import Foundation
@testable import PremiumCLI
@testable import PremiumBatch
@testable import ResidentIO
import Testing

/// JSONWriter checks eight bytes at a time whether a string needs escaping; every
/// position of every special byte must still be found.
struct JSONWriterTests {
    func compact(_ text: String) -> String {
        var json = JSONWriter(pretty: false)
        json.string(text)
        return String(decoding: json.bytes, as: UTF8.self)
    }

    @Test func specialBytesAreEscapedAtEveryOffset() throws {
        let specials: [(Character, String)] = [("\"", #"\""#), ("\\", #"\\"#), ("\n", #"\n"#), ("\t", #"\t"#), ("\u{1}", #"\u0001"#)]
        for (special, escaped) in specials {
            for length in 0..<20 {
                for offset in 0...length {
                    var plain = Array(repeating: "缴", count: length % 3) + Array(repeating: "a", count: length - length % 3)
                    plain.insert(String(special), at: offset)
                    let text = plain.joined()
                    let expected = "\"" + plain.map { $0 == String(special) ? escaped : $0 }.joined() + "\""
                    #expect(compact(text) == expected, "\(offset) in \(length)")
                    // And Foundation reads it back as the same text.
                    let decoded = try JSONSerialization.jsonObject(with: Data(compact(text).utf8), options: .fragmentsAllowed) as? String
                    #expect(decoded == text)
                }
            }
        }
    }

    @Test func plainTextIsCopiedAsIs() {
        let reason = "2023-03-13缴费无法参保：集中参保缴费期至2022年12月31日（返乡农民工延至2023年2月28日）"
        #expect(compact(reason) == "\"" + reason + "\"")
        #expect(compact("") == "\"\"")
    }
}
