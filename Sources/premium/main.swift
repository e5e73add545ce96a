// The premium binary: a shim that hands argv to PremiumCLI and exits with its status.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PolicyKit
import PremiumCLI

/// Writes straight to a file descriptor (no FileHandle, so full Foundation is not linked).
struct FileDescriptorStream: TextOutputStream {
    let descriptor: Int32
    mutating func write(_ string: String) {
        var string = string
        string.withUTF8 { bytes in writeAll(descriptor, bytes) }
    }
}

private func writeAll(_ descriptor: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
    var offset = 0
    while offset < bytes.count {
        let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
        if written <= 0 { if errno == EINTR { continue }; return }
        offset += written
    }
}

var output = FileDescriptorStream(descriptor: 1)
var errors = FileDescriptorStream(descriptor: 2)
let status = PremiumCLI.run(
    Array(CommandLine.arguments.dropFirst()),
    environment: ProcessInfo.processInfo.environment,
    today: CivilDate.inChina(unixSeconds: Int(time(nil))),
    output: &output, errors: &errors)
exit(status.rawValue)
