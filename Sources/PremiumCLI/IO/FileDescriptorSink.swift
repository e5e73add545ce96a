#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ResidentIO

/// A POSIX file descriptor to write to. The first failed write is remembered in
/// `writeError` and nothing more is written; `close` reports a failed close the same way.
public struct FileDescriptorSink: ByteSink {
    public let descriptor: Int32
    public private(set) var writeError: Int32?

    /// - Parameter failed: an `errno` to report as if a write had failed (a closed stdout).
    public init(descriptor: Int32, failed: Int32? = nil) {
        self.descriptor = descriptor
        writeError = failed
    }

    public var identity: FileIdentity? { FileIdentity(descriptor: descriptor) }

    public mutating func write(_ string: String) {
        var string = string
        string.withUTF8 { writeAll($0) }
    }

    public mutating func write(bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { writeAll($0) }
    }

    public mutating func write(buffer: UnsafeRawBufferPointer) {
        writeAll(buffer.assumingMemoryBound(to: UInt8.self))
    }

    /// Closes the descriptor; a failure (a delayed write error) becomes `writeError`.
    /// Returns `writeError`.
    @discardableResult
    public mutating func close() -> Int32? {
        if Glibc.close(descriptor) != 0, writeError == nil, errno != EINTR { writeError = errno }
        return writeError
    }

    private mutating func writeAll(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard writeError == nil else { return }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { writeError = written == 0 ? EIO : errno; return }
            offset += written
        }
    }
}
