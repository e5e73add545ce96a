/// An entry's bytes, extracted chunk by chunk and checked as they come.
///
/// Stops with an error as soon as the output passes the size limit, the entry's
/// recorded size, or the ratio limit; at the end, checks the size and CRC-32.
public struct ZipEntryStream {
    /// The entry being read.
    public let entry: ZipEntry
    private let archive: [UInt8]
    private let data: Range<Int>
    private let inflater: Inflater?
    private let sizeLimit: Int
    private let ratioLimit: Int
    private let ratioCheckedAbove: Int
    private var storedPosition: Int
    private var produced = 0
    private var crc = CRC32()
    private var finished = false

    /// Stored entries are handed out this many bytes at a time.
    static let chunkSize = 256 << 10

    init(_ archive: ZipArchive, _ entry: ZipEntry, sizeLimit: Int) throws(ZipError) {
        self.entry = entry
        self.archive = archive.bytes
        self.sizeLimit = sizeLimit
        ratioLimit = archive.limits.maximumRatio
        ratioCheckedAbove = archive.limits.ratioCheckedAbove
        if entry.isEncrypted { throw .encrypted(entry: entry.name) }
        guard entry.method == 0 || entry.method == 8 else { throw .unsupportedMethod(entry: entry.name, method: entry.method) }
        if entry.uncompressedSize > sizeLimit { throw .entryTooLarge(entry: entry.name, limit: sizeLimit) }
        if entry.uncompressedSize > ratioCheckedAbove, entry.uncompressedSize > entry.compressedSize * ratioLimit {
            throw .compressionRatioTooHigh(entry: entry.name, limit: ratioLimit)
        }
        let bytes = archive.bytes
        let local = entry.localHeaderOffset
        guard local + 30 <= bytes.count else { throw .truncated }
        guard bytes.uint32(at: local) == 0x0403_4B50 else { throw .corruptData(entry: entry.name, reason: "no local header") }
        let start = local + 30 + bytes.uint16(at: local + 26) + bytes.uint16(at: local + 28)
        guard start + entry.compressedSize <= bytes.count else { throw .truncated }
        data = start..<(start + entry.compressedSize)
        storedPosition = start
        inflater = entry.method == 8 ? Inflater(bytes, range: data) : nil
    }

    /// Appends the next chunk to `buffer`; false once the entry has been read and checked
    /// (nothing is appended then).
    public mutating func read(appendingTo buffer: inout [UInt8]) throws(ZipError) -> Bool {
        if finished { return false }
        var added = 0
        if let inflater {
            do {
                if let chunk = try inflater.produce() {
                    crc.update(UnsafeRawBufferPointer(chunk))
                    buffer.append(contentsOf: chunk)
                    added = chunk.count
                }
            } catch {
                throw .corruptData(entry: entry.name, reason: error.reason)
            }
        } else {
            let end = min(data.upperBound, storedPosition + ZipEntryStream.chunkSize)
            let chunk = archive[storedPosition..<end]
            crc.update(chunk)
            buffer.append(contentsOf: chunk)
            added = end - storedPosition
            storedPosition = end
        }
        produced += added
        if produced > sizeLimit { throw .entryTooLarge(entry: entry.name, limit: sizeLimit) }
        if produced > ratioCheckedAbove, produced > entry.compressedSize * ratioLimit {
            throw .compressionRatioTooHigh(entry: entry.name, limit: ratioLimit)
        }
        if produced > entry.uncompressedSize {
            throw .sizeMismatch(entry: entry.name, expected: entry.uncompressedSize, found: produced)
        }
        if added > 0 { return true }
        finished = true
        if produced != entry.uncompressedSize {
            throw .sizeMismatch(entry: entry.name, expected: entry.uncompressedSize, found: produced)
        }
        if crc.value != entry.crc32 { throw .checksumMismatch(entry: entry.name) }
        return false
    }
}
