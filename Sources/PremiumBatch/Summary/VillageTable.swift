import PolicyKit

/// Puts a region's village totals into the rows of its summary, matching the roster's
/// spellings to the notice's task table (`CollectionTargets.village(matching:)`).
enum VillageTable {
    /// The rows: the task table's villages in the notice's order (each with every
    /// roster spelling that matches it; 0 enrolled where the roster has nobody), then the
    /// roster's other villages by name, then residents with no village.
    static func rows(_ totals: [(name: String, totals: SummaryTotals)], targets: CollectionTargets?) -> [VillageSummary] {
        let tasks = targets?.villages ?? []
        var matched = Array(repeating: (spellings: [String](), totals: SummaryTotals()), count: tasks.count)
        var others: [String: SummaryTotals] = [:]
        var unnamed = SummaryTotals()
        for (name, total) in totals {
            if name.isEmpty {
                unnamed.add(total)
            } else if let target = targets?.village(matching: name), let index = tasks.firstIndex(of: target) {
                if !matched[index].spellings.contains(name) { matched[index].spellings.append(name) }
                matched[index].totals.add(total)
            } else {
                others[name, default: SummaryTotals()].add(total)
            }
        }
        var rows: [VillageSummary] = []
        for (index, target) in tasks.enumerated() {
            rows.append(VillageSummary(name: target.name, spellings: matched[index].spellings.sorted(), target: target,
                                       totals: matched[index].totals))
        }
        for name in others.keys.sorted() {
            rows.append(VillageSummary(name: name, spellings: [name], target: nil, totals: others[name]!))
        }
        if unnamed.residents > 0 { rows.append(VillageSummary(name: "", spellings: [], target: nil, totals: unnamed)) }
        return rows
    }

    /// A village cell without surrounding spaces.
    static func trimmed(_ name: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{3000}" }
        guard let first = name.firstIndex(where: { !isSpace($0) }), let last = name.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(name[first...last])
    }
}
