/// The batch field names by their bytes, hashed on length and end bytes: a key is
/// compared with at most a name or two, eight bytes at a time. Held by each reader so
/// that the hot path reaches it without a lazy global's check.
final class FieldNameTable {
    private let names: ByteStrings
    /// The first name of each hash, then the next of the same hash (-1: none).
    private let heads: UnsafeMutablePointer<Int16>
    private let next: [Int16]
    private static let size = 256

    init() {
        let fields = RecordField.allCases
        names = ByteStrings(fields.map { Array($0.name.utf8) })
        heads = .allocate(capacity: FieldNameTable.size)
        heads.initialize(repeating: -1, count: FieldNameTable.size)
        var next = Array(repeating: Int16(-1), count: fields.count)
        for field in fields.reversed() {
            let name = Array(field.name.utf8)
            let slot = FieldNameTable.hash(count: name.count, first: name.first ?? 0, last: name.last ?? 0)
            next[field.rawValue] = heads[slot]
            heads[slot] = Int16(field.rawValue)
        }
        self.next = next
    }

    deinit { heads.deallocate() }

    @inline(__always)
    private static func hash(count: Int, first: UInt8, last: UInt8) -> Int {
        (count &* 37 &+ Int(first) &* 5 &+ Int(last)) & (size - 1)
    }

    /// The field `key` names exactly, or nil.
    @inline(__always)
    func field(_ key: UnsafeBufferPointer<UInt8>) -> RecordField? {
        guard let first = key.first else { return nil }
        var index = Int(heads[FieldNameTable.hash(count: key.count, first: first, last: key[key.count - 1])])
        while index >= 0 {
            if names.matches(index, key) { return RecordField(rawValue: index) }
            index = Int(next[index])
        }
        return nil
    }
}
