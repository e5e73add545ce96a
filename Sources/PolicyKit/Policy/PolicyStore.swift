#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Every region-year policy, loaded and validated up front.
public struct PolicyStore: Sendable {
    /// All policies, sorted by region id then year.
    public let policies: [RegionPolicy]
    /// Every id, name and alias → indices into `policies`, oldest year first.
    private let byName: [String: [Int]]

    /// Builds a store from `(relative path, bytes)` pairs, validating every file and
    /// rejecting two files for the same region and year.
    public init(files: [(path: String, bytes: [UInt8])]) throws(PolicyError) {
        var policies: [RegionPolicy] = []
        for file in files.sorted(by: { $0.path < $1.path }) where !PolicyCases.isCaseFile(file.path) {
            let policy = try RegionPolicy(file: file.path, bytes: file.bytes)
            if let problem = Self.problem(with: policy, after: policies) { throw problem }
            policies.append(policy)
        }
        self.policies = policies.sorted { ($0.id, $0.year) < ($1.id, $1.year) }
        var byName: [String: [Int]] = [:]
        for (index, policy) in self.policies.enumerated() {
            for name in Set(policy.names) { byName[name, default: []].append(index) }
        }
        self.byName = byName
    }

    /// What is wrong with adding `policy` to a store that holds `earlier`: a file not at
    /// `<region>/<year>.json` (loading one region by id relies on it), a region-year
    /// defined twice, or a name that already names another region.
    static func problem(with policy: RegionPolicy, after earlier: [RegionPolicy]) -> PolicyError? {
        let expected = "\(policy.id)/\(policy.year).json"
        if policy.file != expected {
            return .invalidData(file: policy.file, path: "region", message: "\(policy.id) \(policy.year) belongs in \(expected)")
        }
        if let clash = earlier.first(where: { $0.id == policy.id && $0.year == policy.year }) {
            return .invalidData(file: policy.file, path: "region", message: "\(policy.id) \(policy.year) is already defined in \(clash.file)")
        }
        if let clash = earlier.first(where: { $0.id != policy.id && !Set($0.names).isDisjoint(with: policy.names) }) {
            return .invalidData(file: policy.file, path: "aliases", message: "a name of '\(policy.id)' already names region '\(clash.id)'")
        }
        return nil
    }

    /// The copy of `PolicyData/` compiled into this binary.
    public static func embedded() throws(PolicyError) -> PolicyStore {
        try PolicyStore(files: embeddedFiles)
    }

    /// Only the files of region `id` (those under `id/`) when there are any, otherwise
    /// all of them: a quote by region id parses and validates one region, not every one.
    public static func files(_ files: [(path: String, bytes: [UInt8])], forRegion id: String?) -> [(path: String, bytes: [UInt8])] {
        guard let id = id?.trimmedOfSpaces.lowercased(), !id.isEmpty else { return files }
        let prefix = id + "/"
        let matching = files.filter { $0.path.hasPrefix(prefix) }
        return matching.isEmpty ? files : matching
    }

    /// The embedded files, for `premium check` and the test that compares them with disk.
    public static var embeddedFiles: [(path: String, bytes: [UInt8])] {
        EmbeddedPolicyData.files.map { ($0.path, Array($0.text.utf8)) }
    }

    /// Loads every `*.json` file below `directory`.
    public static func load(from directory: String) throws(PolicyError) -> PolicyStore {
        try PolicyStore(files: files(in: directory))
    }

    /// Folders below a policy directory that are read at most; data lives at depth one.
    public static let maximumDepth = 8

    /// The `*.json` files below `directory`, with paths relative to it. Symbolic links
    /// are followed, but a folder reached twice (a link loop, or two links to one
    /// folder), a folder deeper than `maximumDepth`, an entry that cannot be read or a
    /// link to nothing is an error, and so is a directory with no JSON file at all.
    public static func files(in directory: String) throws(PolicyError) -> [(path: String, bytes: [UInt8])] {
        let manager = FileManager.default
        guard let top = FileEntry(path: directory), top.isDirectory else { throw .directoryNotFound(path: directory) }
        var visited: Set<[UInt64]> = [top.identity]
        var files: [(path: String, bytes: [UInt8])] = []
        var pending: [(relative: String, full: String, depth: Int)] = [("", directory, 0)]
        while let (relative, full, depth) = pending.popLast() {
            let children: [String]
            do {
                children = try manager.contentsOfDirectory(atPath: full)
            } catch {
                throw .unreadableFile(path: full, reason: "cannot read the folder")
            }
            for name in children.sorted() {
                let childRelative = relative.isEmpty ? name : relative + "/" + name
                let childFull = full + "/" + name
                guard let entry = FileEntry(path: childFull) else {
                    throw .unreadableFile(path: childFull, reason: "is a link to nothing or cannot be read")
                }
                if entry.isDirectory {
                    guard !name.hasSuffix(".json") else {
                        throw .unreadableFile(path: childFull, reason: "is a folder, not a policy file")
                    }
                    guard depth + 1 < maximumDepth else {
                        throw .unreadableFile(path: childFull, reason: "is nested deeper than \(maximumDepth) folders")
                    }
                    guard visited.insert(entry.identity).inserted else {
                        throw .unreadableFile(path: childFull, reason: "is a folder already read through another path (a symbolic link loop?)")
                    }
                    pending.append((childRelative, childFull, depth + 1))
                } else if name.hasSuffix(".json") {
                    guard let data = manager.contents(atPath: childFull) else {
                        throw .unreadableFile(path: childFull, reason: "cannot read the file")
                    }
                    files.append((childRelative, [UInt8](data)))
                } else {
                    throw .unreadableFile(path: childFull, reason: depth == 0
                        ? "is not a region folder (expected <region>/<year>.json)"
                        : "is not a policy file (<year>.json) or a case file (<year>.cases.json)")
                }
            }
            if depth > 0, !children.contains(where: { $0.hasSuffix(".json") }), !children.contains(where: { !$0.hasPrefix(".") }) {
                throw .unreadableFile(path: full, reason: "is an empty region folder")
            }
        }
        guard !files.isEmpty else {
            throw .invalidData(file: directory, path: "", message: "no policy files: expected <region>/<year>.json below it")
        }
        // A policy folder replaces the built-in data whole: a region of it must not
        // vanish from every answer unnoticed.
        let regions = Set(files.map { String($0.path.prefix { $0 != "/" }) })
        let builtIn = Set(EmbeddedPolicyData.files.map { String($0.path.prefix { $0 != "/" }) })
        if let missing = builtIn.subtracting(regions).sorted().first {
            throw .unreadableFile(path: directory + "/" + missing, reason: "is missing: region '\(missing)' of the built-in data has no folder here")
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The region ids, sorted.
    public var regionIDs: [String] {
        var seen = Set<String>()
        return policies.map(\.id).filter { seen.insert($0).inserted }
    }

    /// The regions as an error lists them, sorted by id.
    public var regionChoices: [NamedChoice] {
        var seen = Set<String>()
        return policies.filter { seen.insert($0.id).inserted }.map(\.choice)
    }

    /// The policy for a region and, when no year is named, the one whose collection holds
    /// `paidOn`: the notice whose centralised window holds it, else the latest whose ways
    /// of joining accept it, else the latest. `because` says which was chosen and why
    /// whenever the region has more than one notice and no year was named.
    public func select(region: String, year: Int?, paidOn: CivilDate?) throws(PolicyError) -> (policy: RegionPolicy, because: LocalizedText?) {
        if let year { return (try policy(region: region, year: year), nil) }
        let latest = try policy(region: region)
        let years = policies.filter { $0.id == latest.id }
        guard years.count > 1 else { return (latest, nil) }
        guard let paidOn else {
            return (latest, LocalizedText(
                zh: "未指定年度和缴费日期：按最新的\(latest.year)年度通知计算",
                en: "no year and no payment date given: the latest notice, \(latest.year), is used"))
        }
        if let held = years.last(where: { $0.centralisedWindow.contains(paidOn) }) {
            return (held, LocalizedText(
                zh: "未指定年度：缴费日期\(paidOn)在\(held.year)年度集中缴费期内，按\(held.year)年度通知计算",
                en: "no year given: \(paidOn) lies in the \(held.year) centralised window, so the \(held.year) notice is used"))
        }
        if let held = years.last(where: { policy in policy.routes.contains { $0.paid.contains(paidOn) } }) {
            return (held, LocalizedText(
                zh: "未指定年度：缴费日期\(paidOn)在\(held.year)年度征缴期内，按\(held.year)年度通知计算",
                en: "no year given: \(paidOn) lies in the \(held.year) collection period, so the \(held.year) notice is used"))
        }
        return (latest, LocalizedText(
            zh: "未指定年度：缴费日期\(paidOn)不在任何年度的征缴期内，按最新的\(latest.year)年度通知计算",
            en: "no year given: \(paidOn) lies in no year's collection period; the latest notice, \(latest.year), is used"))
    }

    /// The policy for a region id, Chinese name or alias, and a year (default: the
    /// region's latest).
    public func policy(region: String, year: Int? = nil) throws(PolicyError) -> RegionPolicy {
        let typed = region.trimmedOfSpaces
        // Indices, not copies: this runs once per distinct batch record.
        guard let matches = byName[typed] ?? byName[typed.lowercased()], let latest = matches.last else {
            throw .unknownRegion(region, known: regionChoices)
        }
        guard let year else { return policies[latest] }
        guard let index = matches.first(where: { policies[$0].year == year }) else {
            throw .yearNotAvailable(region: policies[latest].id, year: year, available: matches.map { policies[$0].year })
        }
        return policies[index]
    }
}

extension RegionPolicy {
    /// Every name that selects this region: id, Chinese name, aliases.
    var names: [String] { [id, name.zh] + aliases }

    /// The region as an error names it.
    public var choice: NamedChoice { NamedChoice(id: id, name: name.zh, aliases: aliases) }

    /// The region's hardship groups as an error lists them.
    public var categoryChoices: [NamedChoice] { categories.map { NamedChoice(id: $0.id, name: $0.name.zh, aliases: $0.aliases) } }

    /// Resolves a category typed as id, Chinese name or alias.
    public func resolveCategory(_ typed: String) throws(PolicyError) -> Category {
        let text = typed.trimmedOfSpaces
        if let match = categories.first(where: { $0.id == text }) { return match }
        let lowered = text.lowercased()
        if let match = categories.first(where: { $0.id == lowered || $0.name.zh == text || $0.aliases.contains(text) }) {
            return match
        }
        throw .unknownCategory(typed, region: choice, known: categoryChoices)
    }
}

extension String {
    /// The string without leading and trailing white space (ASCII and ideographic).
    var trimmedOfSpaces: String {
        // Most input has no surrounding space: check the first and last bytes first.
        if let first = utf8.first, let last = utf8.last, first > 32, first < 128, last > 32, last < 128 { return self }
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}

extension PolicyStore {
    /// A 64-bit FNV-1a hash of the files' paths and bytes, in path order, as 16 hex
    /// digits: two binaries carry the same policy data exactly when it matches.
    public static func contentHash(of files: [(path: String, bytes: [UInt8])]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        for file in files.sorted(by: { $0.path < $1.path }) {
            for byte in file.path.utf8 { mix(byte) }
            mix(0)
            for byte in file.bytes { mix(byte) }
            mix(0)
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
