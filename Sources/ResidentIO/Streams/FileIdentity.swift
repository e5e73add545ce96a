#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which file a descriptor or path is (device and inode), so that an output that is
/// the same file as an input, through a hard link or `/dev/stdin`, can be refused.
public struct FileIdentity: Sendable {
    public let device: UInt64
    public let inode: UInt64
    public let isDirectory: Bool
    /// Terminals and `/dev/null`: reading and writing them at once clobbers nothing.
    public let isCharacterDevice: Bool

    public init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        isDirectory = info.st_mode & S_IFMT == S_IFDIR
        isCharacterDevice = info.st_mode & S_IFMT == S_IFCHR
    }

    /// The file open on `descriptor`, or nil when it is not open.
    public init?(descriptor: Int32) {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        self.init(info)
    }

    /// The file at `path` (following symbolic links), or nil when there is none.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    /// Whether writing to `self` would overwrite what is read from `other`.
    public func clobbers(_ other: FileIdentity) -> Bool {
        device == other.device && inode == other.inode && !isCharacterDevice
    }
}
