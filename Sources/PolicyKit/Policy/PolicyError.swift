/// Why policy data could not be loaded, or a request could not be answered from it.
///
/// PolicyKit throws only this type. It says *what* went wrong; the command line decides
/// how that is shown and which exit status it maps to.
public enum PolicyError: Error, Equatable, Sendable {
    /// A policy directory does not exist or is not a directory.
    case directoryNotFound(path: String)
    /// A policy file could not be read at all.
    case unreadableFile(path: String, reason: String)
    /// A policy file is not valid JSON, or a value in it is wrong; `path` is the JSON
    /// path such as `routes.2.paid.from`.
    case invalidData(file: String, path: String, message: String)
    /// No region with this id, name or alias; `known` lists the region ids.
    case unknownRegion(String, known: [String])
    /// The region exists but has no notice for this policy year.
    case yearNotAvailable(region: String, year: Int, available: [Int])
    /// The region's notice names no such category; `known` lists its category ids.
    case unknownCategory(String, region: String, known: [String])
    /// `--tier` names a tier the notice does not offer.
    case tierNotOffered(Int, region: String, tiers: [Int])
    /// The resident's facts contradict each other (e.g. paid before birth).
    case inconsistentResident(String)
    /// A case of a notice's case file (`<region>/<year>.cases.json`) did not get the
    /// answer it expects.
    case caseFailed(file: String, id: String, message: String)
}

extension PolicyError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .directoryNotFound(let path):
            "policy directory '\(path)' does not exist"
        case .unreadableFile(let path, let reason):
            "\(path): \(reason)"
        case .invalidData(let file, let path, let message):
            "\(file): at \(path.isEmpty ? "(top level)" : path): \(message)"
        case .unknownRegion(let region, _):
            "unknown region '\(region)'"
        case .yearNotAvailable(let region, let year, let available):
            "region '\(region)' has no notice for \(year); available: \(available.map(String.init).joined(separator: ", "))"
        case .unknownCategory(let category, let region, _):
            "region '\(region)' has no category '\(category)'"
        case .tierNotOffered(let tier, let region, let tiers):
            tiers.count <= 1
                ? "region '\(region)' has one fee level; '--tier \(tier)' does not apply"
                : "region '\(region)' has no tier \(tier); tiers: \(tiers.map(String.init).joined(separator: ", "))"
        case .inconsistentResident(let message):
            message
        case .caseFailed(let file, let id, let message):
            "\(file): case \"\(id)\": \(message)"
        }
    }
}
