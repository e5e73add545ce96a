extension CollectionTargets {
    /// The suffixes a roster may add to, or leave off, a name in the notice's task
    /// table: `清桥村` for 附表1's `清桥`, `姜山` for 附件's `姜山村`.
    public static let villageSuffixes = ["村", "社区"]

    /// The task-table row a roster's village column names: the row named exactly so
    /// (after trimming spaces), else the one row whose name equals it once a suffix
    /// (`villageSuffixes`) is stripped from either side. Nil when none matches, or when
    /// the stripped name fits more than one row (it is then left for a clerk to fix).
    public func village(matching rosterName: String) -> Village? {
        let name = rosterName.trimmingSpaces
        guard !name.isEmpty else { return nil }
        if let exact = village(named: name) { return exact }
        let stem = CollectionTargets.stem(name)
        let candidates = villages.filter { CollectionTargets.stem($0.name) == stem }
        return candidates.count == 1 ? candidates[0] : nil
    }

    /// `name` without one of `villageSuffixes` at its end (a name that is only the
    /// suffix is kept).
    static func stem(_ name: String) -> String {
        for suffix in villageSuffixes where name.hasSuffix(suffix) && name.count > suffix.count {
            return String(name.dropLast(suffix.count))
        }
        return name
    }
}

extension String {
    /// The text without ASCII spaces, tabs and ideographic spaces at either end.
    fileprivate var trimmingSpaces: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{3000}" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
