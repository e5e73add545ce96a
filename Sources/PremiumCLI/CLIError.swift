import PolicyKit

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
    /// The one place where domain errors become messages and exit statuses.
    init(_ error: PolicyError) {
        switch error {
        case .directoryNotFound:
            self.init(message: error.description, status: .noInput)
        case .unreadableFile, .invalidData, .caseFailed:
            self.init(message: error.description, status: .dataError)
        case .unknownRegion(let region, let known):
            self.init(message: error.description + Suggestion.didYouMean(region, among: known)
                + (Suggestion.didYouMean(region, among: known).isEmpty ? "; regions: " + known.joined(separator: ", ") : ""),
                status: .usage)
        case .unknownCategory(let category, _, let known):
            let hint = Suggestion.didYouMean(category, among: known)
            self.init(message: error.description + (hint.isEmpty ? "; its categories: " + known.joined(separator: ", ") : hint),
                      status: .usage)
        case .yearNotAvailable, .tierNotOffered, .inconsistentResident:
            self.init(message: error.description, status: .usage)
        }
    }
}
