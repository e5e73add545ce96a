/// Where a tokenizer gets its bytes: a zip entry stream, or bytes in memory.
protocol ChunkSource {
    /// Appends the next chunk to `buffer`; false at the end (nothing appended).
    mutating func read(appendingTo buffer: inout [UInt8]) throws(ZipError) -> Bool
}

extension ZipEntryStream: ChunkSource {}

/// Bytes already in memory, handed out in one chunk.
struct MemoryChunks: ChunkSource {
    private var bytes: [UInt8]?
    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func read(appendingTo buffer: inout [UInt8]) throws(ZipError) -> Bool {
        guard let bytes else { return false }
        buffer.append(contentsOf: bytes)
        self.bytes = nil
        return true
    }
}
