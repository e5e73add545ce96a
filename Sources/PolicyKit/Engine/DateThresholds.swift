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
        func walk(_ value: Any, depth: Int) {
            if let date = value as? CivilDate { dates.insert(date); return }
            if let requirement = value as? Requirement {
                let offsets = requirement.offsets
                days.formUnion(offsets.days); months.formUnion(offsets.months); ages.formUnion(offsets.ages)
            }
            // Leaves hold no date: skip building their mirrors (most of the data is text).
            if value is String || value is LocalizedText || value is Int || value is Bool || value is Fen { return }
            guard depth < 24 else { return }
            for child in Mirror(reflecting: value).children { walk(child.value, depth: depth + 1) }
        }
        walk(self, depth: 0)
        return DateThresholds(dates: dates.sorted(), days: days.sorted(), months: months.sorted(), ages: ages.sorted())
    }
}
