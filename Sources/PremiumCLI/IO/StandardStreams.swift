#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ResidentIO

/// The process's stdin, stdout and stderr, for the binary.
public enum StandardStreams {
    /// The three streams. One that the parent closed (`<&-`, `>&-`) is reported as
    /// failed at its first use (exit 74), and its descriptor number is taken by
    /// `/dev/null` so that no file opened later (an input, a policy file) gets it and
    /// receives what was meant for stdout.
    public static func open() -> (input: FileDescriptorSource, output: FileDescriptorSink, errors: FileDescriptorSink) {
        var closed: [Int32?] = [nil, nil, nil]
        for descriptor in Int32(0)...2 where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            closed[Int(descriptor)] = EBADF
            _ = Glibc.open("/dev/null", O_RDWR)  // the lowest free number: this one
        }
        return (FileDescriptorSource(descriptor: 0, failed: closed[0]),
                FileDescriptorSink(descriptor: 1, failed: closed[1]),
                FileDescriptorSink(descriptor: 2, failed: closed[2]))
    }

    /// The width of the terminal standard output is, in columns; nil when it is not a
    /// terminal (a pipe, a file: help is then wrapped at 80).
    public static func terminalWidth() -> Int? {
        guard isatty(1) == 1 else { return nil }
        var size = winsize()
        guard ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20 else { return nil }
        return Int(size.ws_col)
    }
}
