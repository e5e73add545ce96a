/// The collection targets a notice sets (目标任务): an overall number of residents to
/// enrol, a participation rate, each village's task, and how units are scored against
/// the rate.
///
/// Figures are kept as the notice prints them. Where its village rows do not add up to a
/// total it states (nancheng 附表1: rows 55,202, 合计 55,761), both are kept, and
/// `discrepancies` lists the difference; nothing is corrected.
public struct CollectionTargets: Equatable, Hashable, Sendable {
    /// The overall number of residents to enrol, as the notice's text states it.
    public struct Overall: Equatable, Hashable, Sendable {
        public let residents: Int
        /// The last day whose enrolments count towards it (zhuji 四(一): 截至2022年12月31日).
        public let countedUntil: CivilDate?
        public let provenance: Provenance

        init(_ node: JSONNode) throws(PolicyError) {
            let object = try node.object()
            residents = try object.required("residents").int(in: CollectionTargets.countRange)
            countedUntil = try object.optional("counted_until")?.date()
            provenance = try Provenance(object)
            try object.finish()
        }
    }

    /// The participation rate the notice aims at, in whole percent.
    public struct Rate: Equatable, Hashable, Sendable {
        public let percent: Int
        /// What the rate is a rate of, where the notice says more than a number.
        public let note: LocalizedText?
        public let provenance: Provenance

        init(_ node: JSONNode) throws(PolicyError) {
            let object = try node.object()
            percent = try object.required("percent").int(in: 1...100)
            note = try object.optional("note").map { (node) throws(PolicyError) in try LocalizedText(node) }
            provenance = try Provenance(object)
            try object.finish()
        }
    }

    /// One row of the notice's task table: a village (村) or community (社区).
    public struct Village: Equatable, Hashable, Sendable {
        /// The name exactly as the table prints it (`清桥`, `姜山村`).
        public let name: String
        /// The village's population (村人口数), where the table gives it.
        public let population: Int?
        /// The number of residents the village is to enrol (任务数).
        public let task: Int
        public let provenance: Provenance

        init(_ node: JSONNode) throws(PolicyError) {
            let object = try node.object()
            name = try object.required("name").string()
            population = try object.optional("population")?.int(in: CollectionTargets.countRange)
            task = try object.required("task").int(in: CollectionTargets.countRange)
            provenance = try Provenance(object)
            try object.finish()
        }
    }

    /// The total row the table itself prints (合计).
    public struct VillagesTotal: Equatable, Hashable, Sendable {
        public let population: Int?
        public let task: Int
        public let provenance: Provenance

        init(_ node: JSONNode) throws(PolicyError) {
            let object = try node.object()
            population = try object.optional("population")?.int(in: CollectionTargets.countRange)
            task = try object.required("task").int(in: CollectionTargets.countRange)
            provenance = try Provenance(object)
            try object.finish()
        }
    }

    /// What a village figure counts.
    public enum Measure: String, Sendable, CaseIterable {
        case task, population
    }

    /// A total the notice states beside its village rows, and where.
    public struct StatedTotal: Equatable, Hashable, Sendable {
        /// Whether it totals the tasks or the populations.
        public let measure: Measure
        /// The figure as printed.
        public let figure: Int
        /// The clause that states it.
        public let source: String
    }

    /// The overall task in the notice's text (nancheng 一(一), zhuji 二).
    public let overall: Overall?
    /// The participation rate aimed at (nancheng 100 %, beita 95 %).
    public let rate: Rate?
    /// The task table's rows, in the notice's order.
    public let villages: [Village]
    /// The table's own total row, kept even where the rows do not add up to it.
    public let villagesTotal: VillagesTotal?
    /// How units are scored against the rate (beita 附件 三1).
    public let scoring: ParticipationScoring?

    /// Counts of residents as files may write them. Zero and negative numbers decode,
    /// so that `check` reports each one instead of stopping at the first.
    static let countRange = -1_000_000_000...1_000_000_000

    init(_ node: JSONNode) throws(PolicyError) {
        let object = try node.object()
        overall = try object.optional("task").map { (node) throws(PolicyError) in try Overall(node) }
        rate = try object.optional("rate").map { (node) throws(PolicyError) in try Rate(node) }
        var villages: [Village] = []
        for element in try object.optional("villages")?.array() ?? [] { villages.append(try Village(element)) }
        self.villages = villages
        villagesTotal = try object.optional("villages_total").map { (node) throws(PolicyError) in try VillagesTotal(node) }
        scoring = try object.optional("scoring").map { (node) throws(PolicyError) in try ParticipationScoring(node) }
        try object.finish()
    }

    /// The village named exactly `name`, if the table has one.
    public func village(named name: String) -> Village? { villages.first { $0.name == name } }

    /// The sum of the village rows' figures: nil when there are no rows, or for the
    /// population when a row gives none.
    public func rowSum(_ measure: Measure) -> Int? {
        guard !villages.isEmpty else { return nil }
        switch measure {
        case .task:
            return villages.reduce(0) { $0 + $1.task }
        case .population:
            var sum = 0
            for village in villages {
                guard let population = village.population else { return nil }
                sum += population
            }
            return sum
        }
    }

    /// Every total the notice states for `measure`: the overall task first, then the
    /// table's total row.
    public func statedTotals(_ measure: Measure) -> [StatedTotal] {
        var totals: [StatedTotal] = []
        switch measure {
        case .task:
            if let overall { totals.append(StatedTotal(measure: .task, figure: overall.residents, source: overall.provenance.clause)) }
            if let total = villagesTotal { totals.append(StatedTotal(measure: .task, figure: total.task, source: total.provenance.clause)) }
        case .population:
            if let total = villagesTotal, let population = total.population {
                totals.append(StatedTotal(measure: .population, figure: population, source: total.provenance.clause))
            }
        }
        return totals
    }

    /// The stated totals that differ from the sum of the village rows, tasks first.
    /// Empty when there are no rows or every total agrees.
    public var discrepancies: [StatedTotal] {
        Measure.allCases.flatMap { measure in
            guard let sum = rowSum(measure) else { return [StatedTotal]() }
            return statedTotals(measure).filter { $0.figure != sum }
        }
    }

    /// Errors in the targets: a village named twice, a count that is not positive, a
    /// population given for some villages only, a total with no rows, a date out of
    /// bounds, scoring bands that do not fit together.
    func problems(path: String, dates: ClosedRange<CivilDate>, _ at: (String, String) -> Void) {
        func positive(_ count: Int, _ countPath: String, _ what: String) {
            if count <= 0 { at(countPath, "\(what) \(count) is not a positive whole number") }
        }
        if let overall {
            positive(overall.residents, path + ".task.residents", "task")
            if let day = overall.countedUntil, !dates.contains(day) {
                at(path + ".task.counted_until", "\(day) lies outside \(dates.lowerBound) … \(dates.upperBound)")
            }
        }
        var first: [String: Int] = [:]
        for (index, village) in villages.enumerated() {
            let villagePath = path + ".villages.\(index)"
            if let earlier = first[village.name] {
                at(villagePath + ".name", "village '\(village.name)' is named twice (first at \(path).villages.\(earlier))")
            } else {
                first[village.name] = index
            }
            positive(village.task, villagePath + ".task", "task")
            if let population = village.population { positive(population, villagePath + ".population", "population") }
        }
        let withPopulation = villages.filter { $0.population != nil }.count
        if withPopulation > 0, withPopulation < villages.count, let index = villages.firstIndex(where: { $0.population == nil }) {
            at(path + ".villages.\(index)", "\(withPopulation) of \(villages.count) villages give a population: every village needs one, or none")
        }
        if let total = villagesTotal {
            positive(total.task, path + ".villages_total.task", "total task")
            if let population = total.population { positive(population, path + ".villages_total.population", "total population") }
            if villages.isEmpty {
                at(path + ".villages_total", "a total row needs the village rows it totals")
            } else if total.population != nil, withPopulation == 0 {
                at(path + ".villages_total.population", "the total row states a population, but no village gives one")
            }
        }
        scoring?.problems(path: path + ".scoring", at)
    }
}
