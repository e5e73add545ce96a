#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command writes bytes: stdout in the binary, a `String` in tests.
public protocol ByteSink: TextOutputStream {
    mutating func write(bytes: [UInt8])
    /// Writes bytes the caller owns (no array needed).
    mutating func write(buffer: UnsafeRawBufferPointer)
}

extension ByteSink {
    public mutating func write(buffer: UnsafeRawBufferPointer) { write(bytes: Array(buffer)) }
}

extension String: ByteSink {
    public mutating func write(bytes: [UInt8]) { self += String(decoding: bytes, as: UTF8.self) }
}

/// Where a command reads bytes from: stdin or a file in the binary, memory in tests.
public protocol ByteSource {
    /// Appends up to `count` bytes to `buffer`; returns how many (0 at end of input).
    mutating func read(into buffer: inout [UInt8], count: Int) -> Int
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

/// A POSIX file descriptor (0 for stdin, or a file opened by path).
public struct FileDescriptorSource: ByteSource {
    public let descriptor: Int32

    public init(descriptor: Int32) { self.descriptor = descriptor }

    /// Opens `path` for reading; `nil` when it cannot be opened.
    public init?(path: String) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
    }

    public mutating func read(into buffer: inout [UInt8], count: Int) -> Int {
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
        buffer.removeLast(count - max(got, 0))
        return max(got, 0)
    }
}

/// A POSIX file descriptor to write to.
public struct FileDescriptorSink: ByteSink {
    public let descriptor: Int32

    public init(descriptor: Int32) { self.descriptor = descriptor }

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

    private func writeAll(_ bytes: UnsafeBufferPointer<UInt8>) {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written <= 0 { if errno == EINTR { continue }; return }
            offset += written
        }
    }
}
