import Foundation
import Testing
import TestSupport
@testable import Workbook

/// A fresh scratch directory for one test.
func scratchDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("workbook-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Bytes from a hex string (`"4b0400"`).
func hexBytes(_ hex: String) -> [UInt8] {
    var result: [UInt8] = []
    var index = hex.startIndex
    while index < hex.endIndex {
        let next = hex.index(index, offsetBy: 2)
        result.append(UInt8(hex[index..<next], radix: 16)!)
        index = next
    }
    return result
}

/// Inflates a whole raw deflate stream, `chunkSize` bytes at a time.
func inflate(_ compressed: [UInt8], chunkSize: Int = 256 << 10) throws(InflateError) -> [UInt8] {
    let inflater = Inflater(compressed, range: 0..<compressed.count, chunkSize: chunkSize)
    var result: [UInt8] = []
    while let chunk = try inflater.produce() { result.append(contentsOf: chunk) }
    return result
}
