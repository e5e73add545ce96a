import PolicyKit
import ResidentIO
import ResidentIO

/// An error shown to the user as one `premium: error: …` line, plus an exit status.
struct CLIError: Error, Equatable {
    var message: String
    var status: ExitCode

    static func usage(_ message: String) -> CLIError { CLIError(message: message, status: .usage) }

    /// A write, flush or close of `name` (`standard output`, `'FILE'`) failed.
    static func cannotWrite(_ name: String, _ code: Int32) -> CLIError {
        CLIError(message: "cannot write \(name): \(systemMessage(code))", status: .ioError)
    }

    /// A read of `name` failed.
    static func cannotRead(_ name: String, _ code: Int32) -> CLIError {
        CLIError(message: "cannot read \(name): \(systemMessage(code))", status: .ioError)
    }
}

extension CLIError {
    /// The one place where domain errors get exit statuses (`PolicyError.userMessage`
    /// words them).
    init(_ error: PolicyError) {
        switch error {
        case .directoryNotFound: self.init(message: error.userMessage, status: .noInput)
        case .unreadableFile, .invalidData, .caseFailed: self.init(message: error.userMessage, status: .dataError)
        case .unknownRegion, .unknownCategory, .yearNotAvailable, .tierNotOffered, .inconsistentResident:
            self.init(message: error.userMessage, status: .usage)
        }
    }

    /// A request that cannot be resolved is a usage error on the command line.
    init(_ error: RequestError) {
        switch error {
        case .invalid(let message): self.init(message: message, status: .usage)
        case .policy(let policy): self.init(policy)
        }
    }
}
