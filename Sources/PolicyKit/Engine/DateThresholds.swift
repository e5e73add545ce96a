/// Where a region-year's answers can change: every date its data holds, and every
/// offset its conditions add to a resident's own dates. Between two neighbouring
/// thresholds every comparison the engine makes comes out the same, so a quote depends
/// on a date only through the interval it falls in (and, for dates the answer prints,
/// the date itself). The batch pricer works a result out once per interval.
public struct DateThresholds: Equatable, Sendable {
    /// Every date in the policy data, sorted, each once.
    public let dates: [CivilDate]
    /// Days, months and whole years of age added to a resident's dates (birth,
    /// school entry, employee insurance stopped), sorted, each once.
    public let days: [Int]
    public let months: [Int]
    public let ages: [Int]
}

extension RegionPolicy {
    /// The policy's thresholds, found by walking all of its data: a new field holding a
    /// date or a requirement is included without being named here.
    public var dateThresholds: DateThresholds {
        var dates = Set<CivilDate>(), days = Set<Int>(), months = Set<Int>(), ages = Set<Int>()
        // Types are told apart by their metatypes, not by casts: a cast that fails walks
        // the runtime's conformance tables, and the walk meets thousands of values.
        let date = ObjectIdentifier(CivilDate.self), requirement = ObjectIdentifier(Requirement.self)
        // Leaves hold no date: their mirrors (thousands of instructions each) are not built.
        // Most of the data is text; optionals and arrays of leaves are leaves too.
        let leaves = Set([String.self, LocalizedText.self, Int.self, Bool.self, Fen.self,
                          String?.self, LocalizedText?.self, Int?.self, Bool?.self, Fen?.self,
                          [String].self, [Int].self].map(ObjectIdentifier.init))
        func walk(_ value: Any, depth: Int) {
            let type = ObjectIdentifier(Swift.type(of: value))
            if type == date { dates.insert(value as! CivilDate); return }
            if leaves.contains(type) { return }
            if type == requirement {
                let offsets = (value as! Requirement).offsets
                days.formUnion(offsets.days); months.formUnion(offsets.months); ages.formUnion(offsets.ages)
            }
            guard depth < 24 else { return }
            // Optionals and arrays are opened here: their own mirrors are slow to build.
            if let container = value as? any ThresholdContainer {
                container.forEachElement { walk($0, depth: depth + 1) }
                return
            }
            for child in Mirror(reflecting: value).children { walk(child.value, depth: depth + 1) }
        }
        walk(self, depth: 0)
        return DateThresholds(dates: dates.sorted(), days: days.sorted(), months: months.sorted(), ages: ages.sorted())
    }
}

/// A value the threshold walk opens without a mirror.
private protocol ThresholdContainer {
    func forEachElement(_ body: (Any) -> Void)
}

extension Optional: ThresholdContainer {
    fileprivate func forEachElement(_ body: (Any) -> Void) { if let wrapped = self { body(wrapped) } }
}

extension Array: ThresholdContainer {
    fileprivate func forEachElement(_ body: (Any) -> Void) { for element in self { body(element) } }
}
