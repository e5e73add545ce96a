import PolicyKit
import ResidentIO

/// Adds results up as they are written: records per template (multiplied into the
/// totals at the end), and, when asked, the same per village.
///
/// A template's tally names the policy it was priced under, so the totals split by
/// region-year without any per-record work beyond a count.
struct SummaryAccumulator {
    /// Records per template number.
    private var counts: [Int] = []
    /// Results that were not kept as templates (errors, and quotes past the pricer's
    /// limits), added as they come, by policy number; errors at -1.
    private var direct = Direct()
    var skipped = 0
    private let villages: Bool
    /// A small number for each distinct village's bytes as they appear in the input.
    private var villageNumbers: [[UInt8]: Int] = [:]
    /// Each village's name; index 0 is residents with no village.
    private var villageNames: [String] = [""]
    /// Records per template number, by village: sparse, since a village's residents
    /// fall under a few of the run's templates (memory is bounded by the pairs seen).
    private var villageCounts: [[Int32: Int]] = [[:]]
    private var villageDirect: [Direct] = [Direct()]

    /// Totals of results added one by one.
    private struct Direct {
        var totals: [Int32: SummaryTotals] = [:]
        var errors = 0

        mutating func add(_ tally: BatchTally) {
            if tally.error { errors += 1 } else { totals[tally.policy, default: SummaryTotals()].add(tally, times: 1) }
        }
    }

    init(villages: Bool) { self.villages = villages }

    var wantsVillages: Bool { villages }

    /// Counts a record whose result is `template`.
    @inline(__always)
    mutating func add(_ template: ResultTemplate) {
        SummaryAccumulator.count(template, in: &counts, direct: &direct)
    }

    @inline(__always)
    private static func count(_ template: ResultTemplate, in counts: inout [Int], direct: inout Direct) {
        if template.number >= 0 {
            let number = Int(template.number)
            if number >= counts.count { counts += Array(repeating: 0, count: number + 1 - counts.count) }
            counts[number] += 1
        } else {
            direct.add(template.tally)
        }
    }

    /// Adds a record whose result is `template` to the totals of its village: its bytes,
    /// and the name they stand for (asked for only the first time).
    mutating func add(_ template: ResultTemplate, village: UnsafeBufferPointer<UInt8>, name: () -> String?) {
        let index: Int
        if let known = villageNumbers[Array(village)] {
            index = known
        } else {
            index = villageNames.count
            villageNumbers[Array(village)] = index
            villageNames.append(name() ?? "")
            villageCounts.append([:])
            villageDirect.append(Direct())
        }
        SummaryAccumulator.count(template, in: &villageCounts[index], direct: &villageDirect[index])
    }

    @inline(__always)
    private static func count(_ template: ResultTemplate, in counts: inout [Int32: Int], direct: inout Direct) {
        if template.number >= 0 { counts[template.number, default: 0] += 1 } else { direct.add(template.tally) }
    }

    /// Adds a record with no village to the row of residents with none.
    mutating func addWithoutVillage(_ template: ResultTemplate) {
        SummaryAccumulator.count(template, in: &villageCounts[0], direct: &villageDirect[0])
    }

    /// Totals by policy number, and errors, from counts per template.
    private static func totals(_ counts: [Int], _ direct: Direct, templates: [ResultTemplate]) -> (totals: [Int32: SummaryTotals], errors: Int) {
        totals(counts.enumerated().lazy.map { (Int32($0.offset), $0.element) }, direct, templates: templates)
    }

    private static func totals(_ counts: some Sequence<(Int32, Int)>, _ direct: Direct, templates: [ResultTemplate]) -> (totals: [Int32: SummaryTotals], errors: Int) {
        var totals = direct.totals, errors = direct.errors
        for (number, count) in counts where count > 0 {
            let tally = templates[Int(number)].tally
            if tally.error { errors += count } else { totals[tally.policy, default: SummaryTotals()].add(tally, times: count) }
        }
        return (totals, errors)
    }

    /// The totals, given the templates the counts refer to and the policies their
    /// numbers refer to.
    func summary(templates: [ResultTemplate], policies: [RegionPolicy]) -> BatchSummary {
        var summary = BatchSummary()
        summary.skipped = skipped
        let (byPolicy, errors) = SummaryAccumulator.totals(counts, direct, templates: templates)
        summary.errors = errors
        // Each village's totals by policy; rejected rows by village name.
        var villageTotals: [Int32: [(name: String, totals: SummaryTotals)]] = [:]
        var rejected: [String: Int] = [:]
        if villages {
            for (index, name) in villageNames.enumerated() {
                let counts = villageCounts[index].lazy.map { ($0.key, $0.value) }
                let (totals, errors) = SummaryAccumulator.totals(counts, villageDirect[index], templates: templates)
                let trimmed = VillageTable.trimmed(name)
                if errors > 0, !trimmed.isEmpty { rejected[trimmed, default: 0] += errors }
                for (policy, total) in totals { villageTotals[policy, default: []].append((trimmed, total)) }
            }
        }
        summary.rejectedByVillage = rejected.keys.sorted().map { ($0, rejected[$0]!) }
        let numbers = byPolicy.keys.sorted { (policies[Int($0)].id, policies[Int($0)].year) < (policies[Int($1)].id, policies[Int($1)].year) }
        for number in numbers {
            let policy = policies[Int(number)]
            let rows = villageTotals[number] ?? []
            let named = rows.contains { !$0.name.isEmpty }
            summary.regions.append(RegionSummary(policy: policy, totals: byPolicy[number]!,
                                                 villages: named ? VillageTable.rows(rows, targets: policy.targets) : []))
        }
        summary.records = summary.errors + summary.priced
        return summary
    }
}
