import PolicyKit
import ResidentIO

/// The input line number, kept as decimal text as well: output writes it on every line,
/// and adding one changes the last digit or so instead of dividing by ten for each digit.
final class LineNumber {
    @exclusivity(unchecked) private(set) var value: Int
    /// The digits, right-aligned at the end of `capacity` bytes.
    private let digits: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var start: Int
    private static let capacity = 24

    init(_ value: Int) {
        self.value = value
        digits = .allocate(capacity: LineNumber.capacity)
        start = LineNumber.capacity
        render()
    }

    deinit { digits.deallocate() }

    /// Moves on by `lines` (one per JSON Lines record; more for a CSV record with line
    /// breaks in quoted cells).
    func advance(by lines: Int) {
        value += lines
        guard lines == 1 else { return render() }
        var index = LineNumber.capacity - 1
        while index >= start, digits[index] == UInt8(ascii: "9") {
            digits[index] = UInt8(ascii: "0")
            index -= 1
        }
        if index < start {
            start -= 1
            digits[start] = UInt8(ascii: "1")
        } else {
            digits[index] += 1
        }
    }

    func append(to buffer: ByteBuffer) {
        buffer.append(UnsafeRawBufferPointer(start: digits + start, count: LineNumber.capacity - start))
    }

    private func render() {
        var remaining = value
        start = LineNumber.capacity
        repeat {
            start -= 1
            digits[start] = UInt8(48 + remaining % 10)
            remaining /= 10
        } while remaining > 0
    }
}
