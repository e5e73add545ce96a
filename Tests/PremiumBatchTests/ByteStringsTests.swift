@testable import PremiumBatch
import Testing

/// `ByteStrings.equal` compares short strings with overlapping loads: every length up to
/// past the 16-byte case, equal and with one byte changed at each position.
struct ByteStringsTests {
    @Test func equalFindsADifferenceAtEveryPositionOfEveryLength() {
        for count in 0...40 {
            let text = (0..<count).map { UInt8(65 + $0 % 26) }
            text.withUnsafeBufferPointer { left in
                var same = text
                same.withUnsafeBufferPointer { right in
                    #expect(ByteStrings.equal(left.baseAddress ?? UnsafePointer(bitPattern: 1)!, right.baseAddress, count) || count == 0)
                }
                for position in 0..<count {
                    same = text
                    same[position] ^= 0x20
                    same.withUnsafeBufferPointer { right in
                        #expect(!ByteStrings.equal(left.baseAddress!, right.baseAddress, count), "length \(count), byte \(position)")
                    }
                }
            }
        }
        let names = ByteStrings([Array("nancheng".utf8), Array("beita".utf8), Array("category".utf8)])
        #expect(Array("beita".utf8).withUnsafeBufferPointer { names.firstIndex(of: $0) } == 1)
        #expect(Array("beitb".utf8).withUnsafeBufferPointer { names.firstIndex(of: $0) } == nil)
        #expect(Array("categorz".utf8).withUnsafeBufferPointer { names.firstIndex(of: $0) } == nil)
    }
}
