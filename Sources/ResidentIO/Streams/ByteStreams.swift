/// Where a command writes bytes: stdout or a file in the binary, a `String` in tests.
///
/// A sink that can fail remembers its first failure and writes nothing after it; the
/// caller checks `writeError` and ends the run with exit status 74.
public protocol ByteSink: TextOutputStream {
    mutating func write(bytes: [UInt8])
    /// Writes bytes the caller owns (no array needed).
    mutating func write(buffer: UnsafeRawBufferPointer)
    /// The `errno` of the first write that failed, or nil while every write succeeded.
    var writeError: Int32? { get }
    /// The file this sink writes to, when it is one (so an input is never clobbered).
    var identity: FileIdentity? { get }
}

extension ByteSink {
    public mutating func write(buffer: UnsafeRawBufferPointer) { write(bytes: Array(buffer)) }
    public var writeError: Int32? { nil }
    public var identity: FileIdentity? { nil }
}

extension String: ByteSink {
    public mutating func write(bytes: [UInt8]) { self += String(decoding: bytes, as: UTF8.self) }
}

/// Where a command reads bytes from: stdin or a file in the binary, memory in tests.
public protocol ByteSource {
    /// Appends up to `count` bytes to `buffer`; returns how many (0 at end of input, or
    /// when reading failed: then `readError` says why).
    mutating func read(into buffer: inout [UInt8], count: Int) -> Int
    /// The `errno` of the read that failed, or nil.
    var readError: Int32? { get }
    /// The file read from, when it is one.
    var identity: FileIdentity? { get }
}

extension ByteSource {
    public var readError: Int32? { nil }
    public var identity: FileIdentity? { nil }
}

/// Bytes held in memory.
public struct MemorySource: ByteSource {
    private let bytes: [UInt8]
    private var offset = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public mutating func read(into buffer: inout [UInt8], count: Int) -> Int {
        let end = min(bytes.count, offset + count)
        buffer.append(contentsOf: bytes[offset..<end])
        defer { offset = end }
        return end - offset
    }
}
