/// A record's known fields as byte ranges of its line, as a reader found them: the raw
/// value bytes of a JSON member (a string with its quotes), or a CSV cell.
struct FieldTexts {
    let line: UnsafeBufferPointer<UInt8>
    /// Start and end of each field's bytes, by `RecordField.rawValue`.
    let bounds: UnsafePointer<Int>
    /// Bit `field.rawValue` set when the field is present.
    let present: UInt32
    /// Bit set when the field is a JSON string holding an escape (never for CSV).
    let escaped: UInt32
    let json: Bool

    /// The bytes of `field`, or nil when the record does not have it.
    @inline(__always)
    func text(_ field: RecordField) -> UnsafeBufferPointer<UInt8>? {
        guard present & (1 << UInt32(field.rawValue)) != 0 else { return nil }
        let start = bounds[2 * field.rawValue]
        return UnsafeBufferPointer(start: line.baseAddress! + start, count: bounds[2 * field.rawValue + 1] - start)
    }

    /// Whether `field`'s JSON string holds an escape.
    @inline(__always)
    func isEscaped(_ field: RecordField) -> Bool { escaped & (1 << UInt32(field.rawValue)) != 0 }
}
