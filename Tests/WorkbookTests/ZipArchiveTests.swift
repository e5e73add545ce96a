import Foundation
@testable import Workbook
import Testing

/// Zip archives built here byte for byte, following APPNOTE 6.3 §4.3.
struct ZipArchiveTests {
    /// One entry as the test lays it out.
    struct Entry {
        var name: String
        var data: [UInt8]
        var method = 0
        var flags = 0
        var crc: UInt32? = nil
        var size: Int? = nil
        /// Write sizes and CRC in a data descriptor after the data (flag bit 3), zeros in the local header.
        var descriptor = false
    }

    static func le16(_ value: Int) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
    static func le32(_ value: Int) -> [UInt8] { le16(value & 0xFFFF) + le16(value >> 16 & 0xFFFF) }

    /// An archive of `entries`, uncompressed sizes given by `size` (default: of the original text).
    static func archive(_ entries: [Entry], comment: [UInt8] = []) -> [UInt8] {
        var bytes: [UInt8] = []
        var directory: [UInt8] = []
        for entry in entries {
            let offset = bytes.count
            let name = Array(entry.name.utf8)
            let crc = Int(entry.crc ?? CRC32.checksum(entry.data))
            let size = entry.size ?? entry.data.count
            let flags = entry.flags | (entry.descriptor ? 8 : 0)
            bytes += le32(0x0403_4B50) + le16(20) + le16(flags) + le16(entry.method) + le16(0) + le16(0x21)
            bytes += entry.descriptor ? le32(0) + le32(0) + le32(0) : le32(crc) + le32(entry.data.count) + le32(size)
            bytes += le16(name.count) + le16(0) + name + entry.data
            if entry.descriptor { bytes += le32(0x0807_4B50) + le32(crc) + le32(entry.data.count) + le32(size) }
            directory += le32(0x0201_4B50) + le16(20) + le16(20) + le16(flags) + le16(entry.method) + le16(0) + le16(0x21)
            directory += le32(crc) + le32(entry.data.count) + le32(size) + le16(name.count) + le16(0) + le16(0)
            directory += le16(0) + le16(0) + le32(0) + le32(offset) + name
        }
        let directoryOffset = bytes.count
        bytes += directory
        bytes += le32(0x0605_4B50) + le16(0) + le16(0) + le16(entries.count) + le16(entries.count)
        bytes += le32(directory.count) + le32(directoryOffset) + le16(comment.count) + comment
        return bytes
    }

    static let hello = Array("hello".utf8)
    /// "hello hello hello hello", raw deflate from Python's zlib.
    static let helloDeflated = hexBytes("cb48cdc9c957c8402701")
    static let helloText = Array("hello hello hello hello".utf8)

    @Test func readsStoredAndDeflatedEntries() throws {
        let bytes = Self.archive([Entry(name: "a.txt", data: Self.hello),
                                  Entry(name: "dir/b.txt", data: Self.helloDeflated, method: 8, crc: CRC32.checksum(Self.helloText), size: 23)],
                                 comment: Array("a comment".utf8))
        let archive = try ZipArchive(bytes)
        #expect(archive.entries.map(\.name) == ["a.txt", "dir/b.txt"])
        #expect(try archive.extract("a.txt") == Self.hello)
        #expect(try archive.extract("DIR/B.TXT") == Self.helloText)
        #expect(throws: ZipError.missingEntry("c.txt")) { try archive.extract("c.txt") }
    }

    @Test func readsEntriesWithDataDescriptors() throws {
        let bytes = Self.archive([Entry(name: "b.txt", data: Self.helloDeflated, method: 8, crc: CRC32.checksum(Self.helloText), size: 23, descriptor: true),
                                  Entry(name: "a.txt", data: Self.hello, descriptor: true)])
        let archive = try ZipArchive(bytes)
        #expect(try archive.extract("b.txt") == Self.helloText)
        #expect(try archive.extract("a.txt") == Self.hello)
    }

    @Test func refusesWhatIsNoZip() {
        #expect(throws: ZipError.notAZip) { try ZipArchive([]) }
        #expect(throws: ZipError.notAZip) { try ZipArchive(Array("姓名,身份证号\n张三,430511199001011236\n".utf8)) }
        #expect(throws: ZipError.notAZip) { try ZipArchive([UInt8](repeating: 0, count: 100)) }
    }

    @Test func refusesOldExcelFiles() {
        let xls: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)
        #expect(throws: ZipError.oldExcelFormat) { try ZipArchive(xls) }
        #expect(ZipError.oldExcelFormat.description.contains("save it as .xlsx"))
    }

    @Test func refusesTruncatedArchivesAtEveryLength() {
        let bytes = Self.archive([Entry(name: "a.txt", data: Self.hello),
                                  Entry(name: "b.txt", data: Self.helloDeflated, method: 8, crc: CRC32.checksum(Self.helloText), size: 23)])
        for length in 4..<bytes.count {
            #expect(throws: ZipError.truncated) { try ZipArchive(Array(bytes[..<length])) }
        }
    }

    @Test func refusesEntriesWhoseDataRunsPastTheEnd() throws {
        // The central directory (at offset 40) says 1000 compressed bytes; the file has 5.
        var bytes = Self.archive([Entry(name: "a.txt", data: Self.hello)])
        bytes.replaceSubrange((40 + 20)..<(40 + 24), with: Self.le32(1000))
        let archive = try ZipArchive(bytes)
        #expect(throws: ZipError.truncated) { try archive.extract("a.txt") }
    }

    @Test func refusesEncryptedEntries() throws {
        let archive = try ZipArchive(Self.archive([Entry(name: "xl/workbook.xml", data: Self.hello, flags: 1)]))
        #expect(throws: ZipError.encrypted(entry: "xl/workbook.xml")) { try archive.extract("xl/workbook.xml") }
    }

    @Test func refusesOtherCompressionMethods() throws {
        let archive = try ZipArchive(Self.archive([Entry(name: "a", data: Self.hello, method: 14)]))
        #expect(throws: ZipError.unsupportedMethod(entry: "a", method: 14)) { try archive.extract("a") }
    }

    @Test func refusesZip64() {
        var entry = Entry(name: "a", data: Self.hello)
        entry.size = 0xFFFF_FFFF
        #expect(throws: ZipError.zip64Unsupported) { try ZipArchive(Self.archive([entry])) }
    }

    @Test func checksCRCAndSize() throws {
        let badCRC = try ZipArchive(Self.archive([Entry(name: "a", data: Self.hello, crc: 1234)]))
        #expect(throws: ZipError.checksumMismatch(entry: "a")) { try badCRC.extract("a") }
        let short = try ZipArchive(Self.archive([Entry(name: "a", data: Self.helloDeflated, method: 8, crc: CRC32.checksum(Self.helloText), size: 20)]))
        #expect(throws: ZipError.sizeMismatch(entry: "a", expected: 20, found: 23)) { try short.extract("a") }
        let long = try ZipArchive(Self.archive([Entry(name: "a", data: Self.helloDeflated, method: 8, crc: CRC32.checksum(Self.helloText), size: 30)]))
        #expect(throws: ZipError.sizeMismatch(entry: "a", expected: 30, found: 23)) { try long.extract("a") }
        let corrupt = try ZipArchive(Self.archive([Entry(name: "a", data: [0xFF, 0xFF], method: 8, size: 5)]))
        #expect(throws: ZipError.self) { try corrupt.extract("a") }
    }

    /// 8 MiB of zeros in about 8 KiB (a ratio of about 1000), as a hand-made dynamic block.
    static func bomb(declaring size: Int?) throws -> (ZipArchive, actual: Int) {
        let matches = 32_768
        let data = bombStream(matches: matches)
        let actual = 1 + 258 * matches
        let crc = CRC32.checksum([UInt8](repeating: 0, count: actual))
        return (try ZipArchive(Self.archive([Entry(name: "xl/worksheets/sheet1.xml", data: data, method: 8, crc: crc, size: size ?? actual)])), actual)
    }

    @Test func inflatesTheHandMadeBomb() throws {
        #expect(try inflate(bombStream(matches: 1000)) == [UInt8](repeating: 0, count: 1 + 258 * 1000))
    }

    @Test func refusesZipBombsByTheirDeclaredRatio() throws {
        let (archive, _) = try Self.bomb(declaring: nil)
        #expect(throws: ZipError.compressionRatioTooHigh(entry: "xl/worksheets/sheet1.xml", limit: 200)) {
            _ = try archive.extract("xl/worksheets/sheet1.xml")
        }
    }

    @Test func stopsInflatingALyingZipBombAtTheFirstChunkPastItsDeclaredSize() throws {
        // Declares 100 bytes: inflating stops after one chunk (at most 288 KiB), not after 8 MiB.
        let (archive, _) = try Self.bomb(declaring: 100)
        var stream = try archive.stream(archive.entries[0])
        var buffer: [UInt8] = []
        #expect(throws: ZipError.self) {
            while try stream.read(appendingTo: &buffer) {}
        }
        #expect(buffer.count <= (256 + 32) << 10 + 258)
    }

    @Test func ratioLimitIsAdjustable() throws {
        let (bomb, actual) = try Self.bomb(declaring: nil)
        let lenient = try ZipArchive(bomb.bytes, limits: ZipLimits(maximumRatio: 2000))
        #expect(try lenient.extract(lenient.entries[0]).count == actual)
        // A lie within the ratio is caught by the declared size, one chunk past it.
        let (lying, _) = try Self.bomb(declaring: 1 << 20)
        var stream = try lying.stream(lying.entries[0])
        var buffer: [UInt8] = []
        #expect(throws: ZipError.self) {
            while try stream.read(appendingTo: &buffer) {}
        }
        #expect(buffer.count < (1 << 20) + (288 << 10) + 258)
    }

    @Test func refusesEntriesOverTheSizeLimit() throws {
        let (bomb, _) = try Self.bomb(declaring: nil)
        let small = try ZipArchive(bomb.bytes, limits: ZipLimits(maximumExtractedSize: 1 << 20, maximumRatio: 5000))
        #expect(throws: ZipError.entryTooLarge(entry: "xl/worksheets/sheet1.xml", limit: 1 << 20)) { _ = try small.extract(small.entries[0]) }
        var stream = try small.stream(small.entries[0])
        var buffer: [UInt8] = []
        while try stream.read(appendingTo: &buffer) {}
        #expect(buffer.count == 1 + 258 * 32_768)
    }
}

extension ZipLimits {
    init(maximumExtractedSize: Int = 256 << 20, maximumRatio: Int = 200, ratioCheckedAbove: Int = 1 << 20) {
        self.init()
        self.maximumExtractedSize = maximumExtractedSize
        self.maximumRatio = maximumRatio
        self.ratioCheckedAbove = ratioCheckedAbove
    }
}

/// A dynamic block: one literal 0, then `matches` copies of (length 258, distance 1),
/// each 2 bits: literal/length code 285 → "0", 0 → "10", 256 → "11"; distance 0 → "0".
func bombStream(matches: Int) -> [UInt8] {
    var writer = BitWriter()
    writer.write(1, 1); writer.write(2, 2)
    writer.write(286 - 257, 5)
    writer.write(0, 5)
    writer.write(18 - 4, 4)
    let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1]
    let codeLengthLengths: [Int: Int] = [2: 1, 18: 2, 1: 2]
    for symbol in order { writer.write(codeLengthLengths[symbol] ?? 0, 3) }
    func emit(_ symbol: Int) {
        switch symbol {
        case 2: writer.writeReversed(0b0, 1)
        case 1: writer.writeReversed(0b10, 2)
        default: writer.writeReversed(0b11, 2)
        }
    }
    func zeros(_ count: Int) { emit(18); writer.write(count - 11, 7) }
    emit(2)                      // symbol 0: length 2
    zeros(138); zeros(117)       // 1…255
    emit(2)                      // 256: length 2
    zeros(28)                    // 257…284
    emit(1)                      // 285: length 1
    emit(1)                      // distance 0: length 1
    writer.writeReversed(0b10, 2)
    for _ in 0..<matches { writer.writeReversed(0, 1); writer.writeReversed(0, 1) }
    writer.writeReversed(0b11, 2)
    return writer.bytes
}

struct FileSignatureTests {
    @Test func recognizesZipAndCompoundFiles() throws {
        #expect(FileSignature(try WorkbookWriter().bytes()) == .zip)
        #expect(FileSignature(try ZipWriter().finish()) == .zip)
        #expect(FileSignature([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]) == .compoundFile)
        #expect(FileSignature(Array("id_number,name\n".utf8)) == .other)
        #expect(FileSignature([0x50, 0x4B]) == .other)
        #expect(FileSignature([]) == .other)
    }
}
