#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ResidentIO

/// An output file that appears only complete: bytes go to a temporary file in the same
/// directory, which `commit` renames over the target. Until then, and after `abandon`
/// or a crash, the old file (if any) is left as it was.
///
/// A symbolic link is followed: its target is the file replaced, never the link. A
/// target that is not a regular file (`/dev/null`, a FIFO) cannot be replaced by
/// renaming (that would destroy the device): it is written to directly.
struct AtomicOutputFile {
    let path: String
    /// The temporary file, or nil when writing straight to a device or FIFO.
    private let temporaryPath: String?
    /// Where to write; check its `writeError` (`commit` does).
    var sink: FileDescriptorSink

    /// Creates the temporary file beside `path`: exit 73 when it cannot be created.
    init(path given: String) throws(CLIError) {
        var path = given
        var link = stat()
        if lstat(given, &link) == 0, link.st_mode & S_IFMT == S_IFLNK, let resolved = realpath(given, nil) {
            path = String(cString: resolved)
            free(resolved)
        }
        self.path = path
        var existing = stat()
        if stat(path, &existing) == 0 {
            if existing.st_mode & S_IFMT == S_IFDIR {
                throw CLIError(zh: "无法创建“\(given)”：这是一个目录", en: "cannot create '\(given)': it is a directory", status: .cantCreate)
            }
            if existing.st_mode & S_IFMT != S_IFREG {
                let descriptor = open(path, O_WRONLY | O_CLOEXEC)
                guard descriptor >= 0 else {
                    throw .cannotCreate(.path(given), errno)
                }
                temporaryPath = nil
                sink = FileDescriptorSink(descriptor: descriptor)
                return
            }
        }
        let slash = path.utf8.lastIndex(of: UInt8(ascii: "/"))
        let directory = slash.map { String(path[...$0]) } ?? ""
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array((directory + "." + base + ".premium-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else {
            throw .cannotCreate(.path(path), errno)
        }
        temporaryPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // mkstemp makes the file 0600: give it the old file's mode, else 0666 less umask.
        var info = stat()
        if stat(path, &info) == 0 {
            _ = fchmod(descriptor, info.st_mode & 0o7777)
        } else {
            let mask = umask(0)
            umask(mask)
            _ = fchmod(descriptor, 0o666 & ~mask)
        }
        sink = FileDescriptorSink(descriptor: descriptor)
    }

    /// Flushes and closes the temporary file and renames it over `path`: exit 74 when
    /// any of that fails (the temporary file is then removed).
    mutating func commit() throws(CLIError) {
        if sink.writeError == nil, fsync(sink.descriptor) != 0, errno != EINVAL { failFlush(errno) }
        if let code = sink.close() {
            if let temporaryPath { unlink(temporaryPath) }
            throw .cannotWrite(.path(path), code)
        }
        guard let temporaryPath else { return }
        guard rename(temporaryPath, path) == 0 else {
            let code = errno
            unlink(temporaryPath)
            throw .cannotWrite(.path(path), code)
        }
    }

    /// Removes the temporary file; `path` is untouched.
    mutating func abandon() {
        sink.close()
        if let temporaryPath { unlink(temporaryPath) }
    }

    private mutating func failFlush(_ code: Int32) {
        sink = FileDescriptorSink(descriptor: sink.descriptor, failed: code)
    }
}
