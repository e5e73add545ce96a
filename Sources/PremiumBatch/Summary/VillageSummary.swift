import PolicyKit

/// One village's totals within a region-year, and its progress against the task the
/// notice sets for it.
public struct VillageSummary: Sendable {
    /// The notice's name when the village has a task, else the roster's spelling; empty
    /// for residents whose village cell was empty or missing.
    public let name: String
    /// The roster's spellings that were matched to this row (`清桥村` for `清桥`).
    public let spellings: [String]
    /// The task-table row, when the notice sets one.
    public let target: CollectionTargets.Village?
    public let totals: SummaryTotals

    /// Residents the roster enrols: the enrollable ones (refused and rejected rows do
    /// not count).
    public var enrolled: Int { totals.enrollable }

    /// `enrolled / task` in basis points (1 % = 100), truncated, so that 100 % means
    /// the task is met.
    public var rateBasisPoints: Int? {
        guard let task = target?.task, task > 0 else { return nil }
        return enrolled * 10_000 / task
    }

    /// Residents still to enrol to meet the task (0 when it is met).
    public var shortfall: Int? { target.map { max(0, $0.task - enrolled) } }

    /// Whether this is the row of residents with no village.
    public var isUnnamed: Bool { name.isEmpty }
}
