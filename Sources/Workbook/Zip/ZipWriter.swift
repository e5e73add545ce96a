/// Builds a zip archive in memory from whole entries (APPNOTE 6.3, no zip64).
///
/// Entries are stored (method 0) or deflated (method 8, with `Deflater`) and carry
/// their CRC-32 and sizes in the local header, so no data descriptors are written.
/// Timestamps are fixed at 1980-01-01 00:00, so the same entries give the same bytes.
public struct ZipWriter {
    /// An entry larger than this (or an archive past it) would need zip64.
    public static let maximumSize = 0xFFFF_FFFE
    /// More entries than this would need zip64.
    public static let maximumEntries = 0xFFFE

    private var output: [UInt8] = []
    private var directory: [UInt8] = []
    private var count = 0

    /// An empty archive.
    public init() {}

    /// Adds an entry made of `pieces` joined, stored or deflated.
    ///
    /// - Throws: `ZipError.entryTooLarge` past 4 GiB, `.tooManyEntries` past 65,534.
    public mutating func add(_ name: String, _ pieces: [[UInt8]], compress: Bool = true) throws(ZipError) {
        var crc = CRC32()
        var size = 0
        for piece in pieces {
            crc.update(piece)
            size += piece.count
        }
        guard size <= ZipWriter.maximumSize else { throw .entryTooLarge(entry: name, limit: ZipWriter.maximumSize) }
        guard count < ZipWriter.maximumEntries else { throw .tooManyEntries(limit: ZipWriter.maximumEntries) }
        var data: [UInt8]? = nil
        if compress, size > 64 {
            var deflater = Deflater()
            for piece in pieces { deflater.write(piece) }
            let deflated = deflater.finish()
            if deflated.count < size { data = deflated }
        }
        let method = data == nil ? 0 : 8
        let compressedSize = data?.count ?? size
        let offset = output.count
        guard offset + compressedSize + 30 + name.utf8.count <= ZipWriter.maximumSize else {
            throw .entryTooLarge(entry: name, limit: ZipWriter.maximumSize)
        }
        let nameBytes = Array(name.utf8)
        let flags = nameBytes.allSatisfy { $0 < 0x80 } ? 0 : 1 << 11
        let version = method == 8 ? 20 : 10
        // Local file header.
        output.appendLE32(0x0403_4B50)
        output.appendLE16(version)
        output.appendLE16(flags)
        output.appendLE16(method)
        output.appendLE16(0)                  // time 00:00:00
        output.appendLE16(0x21)               // date 1980-01-01
        output.appendLE32(Int(crc.value))
        output.appendLE32(compressedSize)
        output.appendLE32(size)
        output.appendLE16(nameBytes.count)
        output.appendLE16(0)
        output.append(contentsOf: nameBytes)
        if let data { output.append(contentsOf: data) } else { for piece in pieces { output.append(contentsOf: piece) } }
        // Central directory header.
        directory.appendLE32(0x0201_4B50)
        directory.appendLE16(version)         // made by: MS-DOS, this version
        directory.appendLE16(version)
        directory.appendLE16(flags)
        directory.appendLE16(method)
        directory.appendLE16(0)
        directory.appendLE16(0x21)
        directory.appendLE32(Int(crc.value))
        directory.appendLE32(compressedSize)
        directory.appendLE32(size)
        directory.appendLE16(nameBytes.count)
        directory.appendLE16(0)               // extra
        directory.appendLE16(0)               // comment
        directory.appendLE16(0)               // disk
        directory.appendLE16(0)               // internal attributes
        directory.appendLE32(0)               // external attributes
        directory.appendLE32(offset)
        directory.append(contentsOf: nameBytes)
        count += 1
    }

    /// The finished archive: the entries, the central directory and its end record.
    ///
    /// - Throws: `ZipError.entryTooLarge` when the archive would pass 4 GiB.
    public func finish() throws(ZipError) -> [UInt8] {
        var result = output
        let directoryOffset = result.count
        guard directoryOffset + directory.count + 22 <= ZipWriter.maximumSize else {
            throw .entryTooLarge(entry: "(central directory)", limit: ZipWriter.maximumSize)
        }
        result.append(contentsOf: directory)
        result.appendLE32(0x0605_4B50)
        result.appendLE16(0)
        result.appendLE16(0)
        result.appendLE16(count)
        result.appendLE16(count)
        result.appendLE32(directory.count)
        result.appendLE32(directoryOffset)
        result.appendLE16(0)
        return result
    }
}

extension [UInt8] {
    /// Appends the low 16 bits of `value`, little-endian.
    mutating func appendLE16(_ value: Int) {
        append(UInt8(truncatingIfNeeded: value))
        append(UInt8(truncatingIfNeeded: value >> 8))
    }

    /// Appends the low 32 bits of `value`, little-endian.
    mutating func appendLE32(_ value: Int) {
        appendLE16(value)
        appendLE16(value >> 16)
    }
}
