#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ResidentIO

/// A POSIX file descriptor to read (0 for stdin, or a file opened by path). A failed
/// read is remembered in `readError`, never taken for the end of input.
public struct FileDescriptorSource: ByteSource {
    public let descriptor: Int32
    public private(set) var readError: Int32?

    /// - Parameter failed: an `errno` to report at the first read (a closed stdin).
    public init(descriptor: Int32, failed: Int32? = nil) {
        self.descriptor = descriptor
        readError = failed
    }

    /// Opens `path` for reading; the `errno` when it cannot be opened.
    public static func open(path: String) -> Result<FileDescriptorSource, OpenFailure> {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(OpenFailure(code: errno)) }
        return .success(FileDescriptorSource(descriptor: descriptor))
    }

    /// Why a file could not be opened.
    public struct OpenFailure: Error { public let code: Int32 }

    public var identity: FileIdentity? { FileIdentity(descriptor: descriptor) }

    public mutating func read(into buffer: inout [UInt8], count: Int) -> Int {
        guard readError == nil else { return 0 }
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: count))
        var got = 0
        buffer.withUnsafeMutableBufferPointer { pointer in
            while true {
                got = Glibc.read(descriptor, pointer.baseAddress! + start, count)
                if got < 0 && errno == EINTR { continue }
                break
            }
        }
        if got < 0 { readError = errno }
        buffer.removeLast(count - max(got, 0))
        return max(got, 0)
    }

    /// Closes a descriptor this source opened.
    public func close() { _ = Glibc.close(descriptor) }
}
