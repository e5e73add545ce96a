#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a whole small file (a batch summary) with POSIX calls.
enum FileWriter {
    static func write(_ text: String, to path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { return false }
        var sink = FileDescriptorSink(descriptor: descriptor)
        sink.write(text)
        return close(descriptor) == 0
    }
}
