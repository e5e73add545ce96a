import PolicyKit
import ResidentIO

/// Exact totals (in fen) over a batch run: the roster's rows, then one summary per
/// region-year priced, never mixed across regions.
public struct BatchSummary: Sendable {
    /// Records read (blank rows excepted): rejected plus priced.
    public internal(set) var records = 0
    /// Records that could not be priced (errors).
    public internal(set) var errors = 0
    /// CSV rows that were blank or only separators: not residents, not priced.
    public internal(set) var skipped = 0
    /// The encoding a CSV roster was read in (nil for JSON Lines, always UTF-8).
    public var encoding: String?
    /// Region-years by region id, then year.
    public internal(set) var regions: [RegionSummary] = []
    /// Rejected rows by the village they name, by name; rows with no village are not
    /// listed.
    public internal(set) var rejectedByVillage: [(village: String, rows: Int)] = []

    public init() {}

    /// Residents priced (enrollable or refused) in every region.
    public var priced: Int { regions.reduce(0) { $0 + $1.totals.residents } }
}
