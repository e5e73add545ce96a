// The premium binary: a shim that hands argv, stdin and stdout to PremiumCLI and exits
// with its status.
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

var input = FileDescriptorSource(descriptor: 0)
var output = FileDescriptorSink(descriptor: 1)
var errors = FileDescriptorSink(descriptor: 2)
let status = PremiumCLI.run(
    Array(CommandLine.arguments.dropFirst()),
    environment: ProcessInfo.processInfo.environment,
    today: CivilDate.inChina(unixSeconds: Int(time(nil))),
    input: &input, output: &output, errors: &errors)
exit(status.rawValue)
