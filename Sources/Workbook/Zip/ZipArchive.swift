/// A zip archive held in memory (APPNOTE 6.3): its central directory, and its entries
/// extracted whole or streamed.
///
/// Reads stored and deflate entries, with or without data descriptors (sizes and CRC
/// are taken from the central directory). Refuses zip64, split archives, encrypted
/// entries and other compression methods with a `ZipError`, and every entry is checked
/// against `limits` and against its recorded CRC-32 and size.
public struct ZipArchive: Sendable {
    /// The archive's bytes.
    public let bytes: [UInt8]
    /// The entries in central-directory order.
    public let entries: [ZipEntry]
    /// The bounds applied when entries are read.
    public let limits: ZipLimits

    /// The first eight bytes of an OLE compound file (`.xls`, or an encrypted `.xlsx`).
    static let compoundFileSignature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    /// Parses the central directory of `bytes`.
    ///
    /// - Throws: `ZipError.oldExcelFormat` for an OLE file, `.notAZip`, `.truncated`,
    ///   `.zip64Unsupported`, `.multiDisk` or `.tooManyEntries`.
    public init(_ bytes: [UInt8], limits: ZipLimits = .standard) throws(ZipError) {
        self.bytes = bytes
        self.limits = limits
        if bytes.starts(with: ZipArchive.compoundFileSignature) { throw .oldExcelFormat }
        guard let end = ZipArchive.findEndRecord(bytes) else {
            throw bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) ? .truncated : .notAZip
        }
        let disk = bytes.uint16(at: end + 4), directoryDisk = bytes.uint16(at: end + 6)
        let onDisk = bytes.uint16(at: end + 8), total = bytes.uint16(at: end + 10)
        let directorySize = bytes.uint32(at: end + 12), directoryOffset = bytes.uint32(at: end + 16)
        if total == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF
            || (end >= 20 && bytes.uint32(at: end - 20) == 0x0706_4B50) {
            throw .zip64Unsupported
        }
        if disk != 0 || directoryDisk != 0 || onDisk != total { throw .multiDisk }
        if total > limits.maximumEntries { throw .tooManyEntries(limit: limits.maximumEntries) }
        guard directoryOffset + directorySize <= end else { throw .truncated }

        var entries: [ZipEntry] = []
        entries.reserveCapacity(total)
        var offset = directoryOffset
        for _ in 0..<total {
            guard offset + 46 <= end, bytes.uint32(at: offset) == 0x0201_4B50 else { throw .truncated }
            let nameLength = bytes.uint16(at: offset + 28), extraLength = bytes.uint16(at: offset + 30)
            let commentLength = bytes.uint16(at: offset + 32)
            guard offset + 46 + nameLength <= end else { throw .truncated }
            let entry = ZipEntry(
                name: String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self),
                method: bytes.uint16(at: offset + 10), flags: bytes.uint16(at: offset + 8),
                crc32: UInt32(bytes.uint32(at: offset + 16)), compressedSize: bytes.uint32(at: offset + 20),
                uncompressedSize: bytes.uint32(at: offset + 24), localHeaderOffset: bytes.uint32(at: offset + 42))
            if entry.compressedSize == 0xFFFF_FFFF || entry.uncompressedSize == 0xFFFF_FFFF || entry.localHeaderOffset == 0xFFFF_FFFF {
                throw .zip64Unsupported
            }
            entries.append(entry)
            offset += 46 + nameLength + extraLength + commentLength
        }
        self.entries = entries
    }

    /// The entry called `name`; zip names are matched exactly, then ignoring ASCII case
    /// (Office part names are case-insensitive).
    public func entry(named name: String) -> ZipEntry? {
        if let exact = entries.first(where: { $0.name == name }) { return exact }
        let folded = name.lowercased()
        return entries.first { $0.name.lowercased() == folded }
    }

    /// Extracts the entry called `name` whole, within `limits.maximumExtractedSize`.
    public func extract(_ name: String) throws(ZipError) -> [UInt8] {
        guard let entry = entry(named: name) else { throw .missingEntry(name) }
        return try extract(entry)
    }

    /// Extracts `entry` whole, within `limits.maximumExtractedSize`.
    public func extract(_ entry: ZipEntry) throws(ZipError) -> [UInt8] {
        var stream = try ZipEntryStream(self, entry, sizeLimit: limits.maximumExtractedSize)
        var result: [UInt8] = []
        result.reserveCapacity(entry.uncompressedSize)
        while try stream.read(appendingTo: &result) {}
        return result
    }

    /// Streams `entry` chunk by chunk, within `limits.maximumStreamedSize`.
    public func stream(_ entry: ZipEntry) throws(ZipError) -> ZipEntryStream {
        try ZipEntryStream(self, entry, sizeLimit: limits.maximumStreamedSize)
    }

    /// Streams `entry` within `sizeLimit` (for parts whose contents are all kept).
    func stream(_ entry: ZipEntry, sizeLimit: Int) throws(ZipError) -> ZipEntryStream {
        try ZipEntryStream(self, entry, sizeLimit: sizeLimit)
    }

    /// The offset of the end-of-central-directory record, searched backwards over the
    /// largest possible archive comment.
    private static func findEndRecord(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 22 else { return nil }
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        var offset = bytes.count - 22
        while offset >= lowest {
            if bytes[offset] == 0x50, bytes.uint32(at: offset) == 0x0605_4B50,
               offset + 22 + bytes.uint16(at: offset + 20) == bytes.count {
                return offset
            }
            offset -= 1
        }
        return nil
    }
}

extension [UInt8] {
    /// The little-endian 16-bit value at `offset` (the caller checks the bounds).
    func uint16(at offset: Int) -> Int { Int(self[offset]) | Int(self[offset + 1]) << 8 }
    /// The little-endian 32-bit value at `offset` (the caller checks the bounds).
    func uint32(at offset: Int) -> Int { uint16(at: offset) | uint16(at: offset + 2) << 16 }
}
