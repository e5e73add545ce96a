import PolicyKit

/// Why a `QuoteRequest` cannot be resolved: a value that is not what its field takes, or
/// what the policy data says about it (an unknown region or category, a tier not
/// offered). `message` is the one place either becomes words; the command line adds an
/// exit status, batch puts it in the record's `error`.
public enum RequestError: Error, Equatable {
    case invalid(String)
    case policy(PolicyError)

    public var message: String {
        switch self {
        case .invalid(let message): message
        case .policy(let error): error.userMessage
        }
    }
}

extension PolicyError {
    /// The error as a user reads it, with a did-you-mean or the known values where it
    /// names something unknown.
    public var userMessage: String {
        switch self {
        case .unknownRegion(let region, let known):
            let hint = Suggestion.didYouMean(region, among: known)
            return description + (hint.isEmpty ? "; regions: " + known.joined(separator: ", ") : hint)
        case .unknownCategory(let category, _, let known):
            let hint = Suggestion.didYouMean(category, among: known)
            return description + (hint.isEmpty ? "; its categories: " + known.joined(separator: ", ") : hint)
        default:
            return description
        }
    }
}
