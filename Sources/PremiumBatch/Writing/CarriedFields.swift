import PolicyKit
import ResidentIO

/// The fields of an input record that are not quote inputs (id, name, village …),
/// carried to the output unchanged, as the input format holds them.
enum CarriedFields {
    /// Raw `"key":value` members of a JSON Lines record (both valid until the next
    /// record is read).
    case json(UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<Range<Int>>)
    /// The carried cells of a CSV row without quotes, as byte ranges, in header order.
    case csv(UnsafeBufferPointer<UInt8>, [Range<Int>])
    /// The carried cells of a CSV row with quoted cells, unescaped, in header order.
    case csvText(QuotedCells)
    /// A line that is not a record (bad JSON, bad CSV row).
    case none
}

/// The carried cells of a quoted CSV row, and its village, unescaped. A class, so that
/// `CarriedFields` (and the record holding it) is copied and destroyed without calling
/// a value witness for every record of an unquoted roster.
final class QuotedCells {
    let cells: [String]
    let village: String?

    init(_ cells: [String], village: String? = nil) {
        self.cells = cells
        self.village = village
    }
}
