#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a path names, links followed: a folder or not, and which file it is.
struct FileEntry {
    /// Device and inode: the same for every path to one file.
    let identity: [UInt64]
    let isDirectory: Bool

    /// Nil when nothing is there (a link to nothing) or it cannot be examined.
    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        identity = [UInt64(info.st_dev), UInt64(info.st_ino)]
        isDirectory = info.st_mode & S_IFMT == S_IFDIR
    }
}
