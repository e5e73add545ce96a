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

// First, before anything opens a file: a closed stdin or stdout must not lend its
// descriptor number to one.
var (input, output, errors) = StandardStreams.open()
let arguments = Array(CommandLine.arguments.dropFirst())
let environment = ProcessInfo.processInfo.environment
let status = PremiumCLI.run(
    arguments, environment: environment,
    today: CivilDate.inChina(unixSeconds: Int(time(nil))),
    width: StandardStreams.terminalWidth() ?? 80,
    input: &input, output: &output, errors: &errors)
exit(PremiumCLI.finish(status, language: PremiumCLI.messageLanguage(arguments, environment: environment),
                       output: &output, errors: &errors).rawValue)
