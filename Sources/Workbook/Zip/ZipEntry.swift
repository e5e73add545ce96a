/// One file recorded in a zip archive's central directory.
public struct ZipEntry: Equatable, Hashable, Sendable {
    /// The path inside the archive, e.g. `xl/worksheets/sheet1.xml`.
    public var name: String
    /// 0 (stored) or 8 (deflate); anything else is refused when the entry is read.
    public var method: Int
    /// General-purpose flags: bit 0 encrypted, bit 3 sizes in a data descriptor, bit 11 UTF-8 name.
    public var flags: Int
    /// The CRC-32 of the uncompressed bytes.
    public var crc32: UInt32
    /// Bytes of (compressed) data in the archive.
    public var compressedSize: Int
    /// Bytes once extracted.
    public var uncompressedSize: Int
    /// Where the entry's local header starts.
    public var localHeaderOffset: Int

    /// True when the entry is encrypted (flag bit 0).
    public var isEncrypted: Bool { flags & 1 != 0 }
}
