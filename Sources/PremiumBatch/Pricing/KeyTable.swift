/// The pricer's table from `PricingKey` to a number: open addressing with linear probing
/// over the key's own mix, at most half full. A lookup is a multiply-and-shift hash and
/// one or two key comparisons, with no `Hasher` and no reference counting.
final class KeyTable {
    private var keys: UnsafeMutablePointer<PricingKey>
    private var values: UnsafeMutablePointer<Int32>
    private var mask: Int
    private(set) var count = 0
    /// What an empty slot holds (no number the pricer keeps is this low).
    private static let empty = Int32.min

    init(capacity: Int = 1 << 10) {
        var size = 16
        while size < 2 * capacity { size <<= 1 }
        mask = size - 1
        keys = .allocate(capacity: size)
        keys.initialize(repeating: PricingKey(), count: size)
        values = .allocate(capacity: size)
        values.initialize(repeating: KeyTable.empty, count: size)
    }

    deinit {
        keys.deallocate()
        values.deallocate()
    }

    /// The number kept for `key`, or nil.
    @inline(__always)
    subscript(key: PricingKey) -> Int32? {
        var slot = Int(truncatingIfNeeded: key.mixed) & mask
        while true {
            let value = values[slot]
            if value == KeyTable.empty { return nil }
            if keys[slot] == key { return value }
            slot = (slot + 1) & mask
        }
    }

    /// Keeps `value` (above `Int32.min`) for `key`, replacing any earlier one.
    func set(_ key: PricingKey, _ value: Int32) {
        precondition(value != KeyTable.empty)
        if 2 * (count + 1) > mask + 1 { grow() }
        var slot = Int(truncatingIfNeeded: key.mixed) & mask
        while values[slot] != KeyTable.empty {
            if keys[slot] == key { values[slot] = value; return }
            slot = (slot + 1) & mask
        }
        keys[slot] = key
        values[slot] = value
        count += 1
    }

    private func grow() {
        let (oldKeys, oldValues, oldSize) = (keys, values, mask + 1)
        let size = 2 * oldSize
        mask = size - 1
        keys = .allocate(capacity: size)
        keys.initialize(repeating: PricingKey(), count: size)
        values = .allocate(capacity: size)
        values.initialize(repeating: KeyTable.empty, count: size)
        count = 0
        for slot in 0..<oldSize where oldValues[slot] != KeyTable.empty { set(oldKeys[slot], oldValues[slot]) }
        oldKeys.deallocate()
        oldValues.deallocate()
    }
}
