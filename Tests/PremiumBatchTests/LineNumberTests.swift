@testable import PremiumBatch
import ResidentIO
import Testing

/// Batch output writes the line number from its decimal text, advanced digit by digit.
struct LineNumberTests {
    func text(_ number: LineNumber) -> String {
        let buffer = ByteBuffer(capacity: 32)
        number.append(to: buffer)
        return String(decoding: buffer.bytes, as: UTF8.self)
    }

    @Test func addingOneMatchesTheNumberAcrossEveryCarry() {
        let number = LineNumber(1)
        for expected in 2...12_000 {
            number.advance(by: 1)
            #expect(number.value == expected)
            if text(number) != String(expected) {
                Issue.record("line \(expected) written as \(text(number))")
                return
            }
        }
    }

    @Test func largerStepsAndLargeNumbers() {
        let number = LineNumber(998)
        number.advance(by: 3)                 // a CSV record spanning three lines
        #expect(text(number) == "1001")
        let big = LineNumber(9_999_999_999)
        big.advance(by: 1)
        #expect(text(big) == "10000000000")
        #expect(text(LineNumber(0)) == "0")
    }
}
