import PolicyKit

/// Why a `QuoteRequest` cannot be resolved: a value that is not what its field takes, or
/// what the policy data says about it (an unknown region or category, a tier not
/// offered). `message` is the one place either becomes words; the command line adds an
/// exit status, batch puts it in the record's `error`.
public enum RequestError: Error, Equatable {
    case invalid(LocalizedText)
    case policy(PolicyError)

    public var message: LocalizedText {
        switch self {
        case .invalid(let message): message
        case .policy(let error): error.message
        }
    }
}
