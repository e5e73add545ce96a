@testable import Workbook
import Testing

struct CRC32Tests {
    // Expected values from Python's zlib.crc32.
    @Test("matches zlib's CRC-32", arguments: [
        ("", 0x0000_0000), ("123456789", 0xCBF4_3926), ("a", 0xE8B7_BE43),
        ("The quick brown fox jumps over the lazy dog", 0x414F_A339), ("张三", 0x7984_B0CA),
    ] as [(String, UInt32)])
    func checksums(text: String, crc: UInt32) {
        #expect(CRC32.checksum(Array(text.utf8)) == crc)
    }

    @Test func incrementalUpdatesEqualOneUpdate() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        for split in [0, 1, 7, 8, 9, 500, 999, 1000] {
            var crc = CRC32()
            crc.update(bytes[..<split])
            crc.update(bytes[split...])
            #expect(crc.value == CRC32.checksum(bytes))
        }
    }
}
