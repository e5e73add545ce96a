import PolicyKit
import ResidentIO

/// The fields of an input record that are not quote inputs (id, name, village …),
/// carried to the output unchanged, as the input format holds them.
enum CarriedFields {
    /// Raw `"key":value` members of a JSON Lines record.
    case json(UnsafeBufferPointer<UInt8>, [Range<Int>])
    /// The carried cells of a CSV row without quotes, as byte ranges, in header order.
    case csv(UnsafeBufferPointer<UInt8>, [Range<Int>])
    /// The carried cells of a CSV row with quoted cells, unescaped, in header order.
    case csvText([String])
    /// A line that is not a record (bad JSON, bad CSV row).
    case none
}
