import PolicyKit
import ResidentIO

/// Adds results up as they are written: records per template (multiplied into the
/// totals at the end), errors, and, when asked, totals by village.
struct SummaryAccumulator {
    private var counts: [Int] = []
    var skipped = 0
    private let villages: Bool
    /// A small number for each distinct village's bytes as they appear in the input.
    private var villageNumbers: [[UInt8]: Int] = [:]
    private var villageNames: [String] = []
    private var villageTotals: [(residents: Int, payable: Int, subsidy: Int)] = []

    init(villages: Bool) { self.villages = villages }

    var wantsVillages: Bool { villages }

    /// Counts a record whose result is `template`.
    @inline(__always)
    mutating func add(_ template: ResultTemplate) {
        if template.number >= 0 {
            let number = Int(template.number)
            if number >= counts.count { counts += Array(repeating: 0, count: number + 1 - counts.count) }
            counts[number] += 1
        } else {
            direct.add(template.tally, times: 1)
        }
    }

    /// Adds a record whose result is `template` to the totals of its village: its bytes,
    /// and the name they stand for (asked for only the first time).
    mutating func add(_ template: ResultTemplate, village: UnsafeBufferPointer<UInt8>, name: () -> String?) {
        let index: Int
        if let known = villageNumbers[Array(village)] {
            index = known
        } else {
            guard let name = name() else { return }
            index = villageNames.count
            villageNumbers[Array(village)] = index
            villageNames.append(name)
            villageTotals.append((0, 0, 0))
        }
        villageTotals[index].residents += 1
        villageTotals[index].payable += template.tally.payable
        villageTotals[index].subsidy += template.tally.subsidyTotal
    }

    /// The totals of results that were not kept as templates (errors, and quotes past
    /// the pricer's limits), added as they come.
    private var direct = BatchSummary()

    /// The totals, given the templates the counts refer to.
    func summary(templates: [ResultTemplate]) -> BatchSummary {
        var summary = direct
        summary.skipped = skipped
        for (number, count) in counts.enumerated() where count > 0 { summary.add(templates[number].tally, times: count) }
        for (index, name) in villageNames.enumerated() {
            let row = villageTotals[index]
            var total = summary.villages[name] ?? (0, 0, 0)
            total.residents += row.residents; total.payable += row.payable; total.subsidy += row.subsidy
            summary.villages[name] = total
        }
        return summary
    }
}
