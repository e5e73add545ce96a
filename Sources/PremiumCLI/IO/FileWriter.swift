#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ResidentIO

/// Writes a whole small file (a batch summary) with POSIX calls.
enum FileWriter {
    /// Creates or truncates `path` and writes `text`: exit 73 when it cannot be
    /// created, 74 when a write or the close fails.
    static func write(_ text: String, to path: String) throws(CLIError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw .cannotCreate(.path(path), errno)
        }
        var sink = FileDescriptorSink(descriptor: descriptor)
        sink.write(text)
        if let code = sink.close() { throw .cannotWrite(.path(path), code) }
    }
}
