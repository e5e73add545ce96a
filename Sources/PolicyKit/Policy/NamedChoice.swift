/// Something a clerk may name in more than one way, as an error lists it: a region or a
/// hardship group, by id, Chinese name and aliases.
public struct NamedChoice: Equatable, Hashable, Sendable {
    public let id: String
    /// The Chinese name (`北塔区`, `低保对象`).
    public let name: String
    public let aliases: [String]

    public init(id: String, name: String, aliases: [String] = []) {
        self.id = id
        self.name = name
        self.aliases = aliases
    }

    /// `低保对象（dibao）`, as a Chinese message lists it.
    public var zh: String { "\(name)（\(id)）" }
    /// `dibao (低保对象)`, as an English message lists it.
    public var en: String { "\(id) (\(name))" }

    /// The choice a typed text is closest to by any of its names, when it is close
    /// enough (the limit of `Suggestion.closest`) and no other choice is as close.
    public static func closest(to typed: String, among choices: [NamedChoice]) -> NamedChoice? {
        let limit = max(1, typed.count / 3), lowered = typed.lowercased()
        let ranked = choices.map { choice in
            (choice, ([choice.id, choice.name] + choice.aliases).map { Suggestion.editDistance(lowered, $0.lowercased()) }.min()!)
        }.filter { $0.1 <= limit }.sorted { $0.1 < $1.1 }
        guard let best = ranked.first, ranked.dropFirst().first?.1 != best.1 else { return nil }
        return best.0
    }
}
