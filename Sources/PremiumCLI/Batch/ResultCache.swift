#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Rendered batch results by the bytes of a record's known fields, in fixed memory.
///
/// Entries (key bytes then value bytes) are written one after another into rings of
/// bytes; when a ring wraps, its oldest entries are overwritten and so forgotten. A
/// table of 4-way sets finds them by hash. Memory is the rings and the table, all
/// sized once, so it does not grow with the roster.
///
/// There are two rings, as in a segmented LRU. A new result goes into the *probation*
/// ring. When its key is seen again while it is still there, it is copied into the
/// *protected* ring. So one-off records, such as most newborns, pass through probation
/// without pushing out the combinations that repeat, and a repeating combination is
/// computed once, not once per sighting until it is kept.
final class ResultCache {
    /// Where a cached value lives, and its summary tally.
    struct Hit {
        let value: UnsafeRawBufferPointer
        let tally: Int32
    }

    /// A ring of bytes written at an ever-growing virtual offset.
    private struct Ring {
        let base: UnsafeMutableRawPointer
        let size: Int
        /// The virtual offset the next entry is written at; only grows.
        var head = 0

        init(size: Int) {
            self.size = size
            base = .allocate(byteCount: size, alignment: 16)
        }

        /// Whether an entry written at `offset` has not been overwritten since.
        func holds(_ offset: Int) -> Bool { offset >= head - size }

        /// Copies `key` then `value` in; returns the entry's virtual offset and where it
        /// starts in the ring, or nil when the entry is larger than a quarter of the ring.
        mutating func write(_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) -> (offset: Int, position: Int)? {
            let count = key.count + value.count
            guard count <= size / 4 else { return nil }
            if head % size + count > size { head += size - head % size }
            let position = head % size
            if key.count > 0 { (base + position).copyMemory(from: key.baseAddress!, byteCount: key.count) }
            if value.count > 0 { (base + position + key.count).copyMemory(from: value.baseAddress!, byteCount: value.count) }
            defer { head += count }
            return (head, position)
        }

        /// Forgets every entry.
        mutating func clear() { head += size + (size - head % size) }
    }

    private struct Slot {
        var hash: UInt64 = 0
        /// Virtual offset of the entry in its ring, plus one; 0 for an empty slot. Tells
        /// whether the entry has been overwritten since.
        var stored = 0
        /// Where the entry starts in its ring (the virtual offset modulo the ring size,
        /// kept so a lookup need not divide).
        var position: UInt32 = 0
        var tally: Int32 = 0
        var keyCount: UInt16 = 0
        var valueCount: UInt16 = 0
        var isProtected = false
    }

    /// Entries whose key or value is longer are not stored (see `Slot`).
    private static let longest = Int(UInt16.max)

    private static let ways = 4
    private let slots: UnsafeMutablePointer<Slot>
    private let setMask: Int
    @exclusivity(unchecked) private var probation: Ring
    @exclusivity(unchecked) private var protected: Ring
    private var reserved = false
    /// Where the warming loads go, so they are not optimised away.
    @exclusivity(unchecked) private var sink: UInt64 = 0

    /// - Parameters:
    ///   - ringBytes: bytes for keys and values together; three fifths protected, two
    ///     fifths probation.
    ///   - sets: number of 4-way sets (a power of two).
    init(ringBytes: Int = 20 << 20, sets: Int = 1 << 15) {
        precondition(sets > 0 && sets & (sets - 1) == 0, "sets must be a power of two")
        precondition(ringBytes < 1 << 32, "ring positions are 32-bit")
        let total = max(ringBytes, 128)
        protected = Ring(size: total / 5 * 3)
        probation = Ring(size: total - total / 5 * 3)
        setMask = sets - 1
        slots = .allocate(capacity: sets * ResultCache.ways)
        slots.initialize(repeating: Slot(), count: sets * ResultCache.ways)
    }

    deinit {
        probation.base.deallocate()
        protected.base.deallocate()
        slots.deallocate()
    }

    /// Touches both rings, so memory stays the same from here to the end of the roster
    /// instead of creeping up as they fill. Costs about 10 ms for 20 MB on this VM, so
    /// the runner calls it only once the input is longer than one chunk.
    ///
    /// Touching writes zeros over entries already stored, so they are forgotten too:
    /// an entry with an empty key (a record of only carried fields) is found without
    /// comparing key bytes, and would otherwise be answered with zeros.
    func reserve() {
        guard !reserved else { return }
        reserved = true
        probation.base.initializeMemory(as: UInt8.self, repeating: 0, count: probation.size)
        protected.base.initializeMemory(as: UInt8.self, repeating: 0, count: protected.size)
        removeAll()
    }

    /// Starts loading the set `hash` falls in. Called for a group of records in a row,
    /// the loads overlap; the `lookup` that follows finds the set in the CPU cache.
    func warmSet(hash: UInt64) {
        sink &+= slots[(Int(truncatingIfNeeded: hash) & setMask) &* ResultCache.ways].hash
    }

    /// Starts loading the first bytes of the entry for `hash`, if its set names one.
    func warmEntry(hash: UInt64) {
        let base = (Int(truncatingIfNeeded: hash) & setMask) &* ResultCache.ways
        for way in 0..<ResultCache.ways where slots[base + way].hash == hash {
            sink &+= UInt64(entry(slots[base + way]).load(as: UInt8.self))
        }
    }

    /// The cached value for `key`, if it is still held. A value found in probation is
    /// moved to the protected ring first.
    func lookup(_ key: UnsafeRawBufferPointer, hash: UInt64) -> Hit? {
        let base = (Int(truncatingIfNeeded: hash) & setMask) &* ResultCache.ways
        for way in 0..<ResultCache.ways {
            let index = base + way
            let slot = slots[index]
            guard slot.hash == hash, isLive(slot), Int(slot.keyCount) == key.count else { continue }
            let start = entry(slot)
            guard key.count == 0 || memcmp(start, key.baseAddress!, key.count) == 0 else { continue }
            var value = UnsafeRawBufferPointer(start: start + key.count, count: Int(slot.valueCount))
            if !slot.isProtected, let (offset, position) = protected.write(key, value) {
                slots[index].stored = offset + 1
                slots[index].position = UInt32(position)
                slots[index].isProtected = true
                value = UnsafeRawBufferPointer(start: entry(slots[index]) + key.count, count: value.count)
            }
            return Hit(value: value, tally: slot.tally)
        }
        return nil
    }

    /// Stores `value` for `key` (just looked up and missed) in probation, replacing in
    /// its set an empty or overwritten slot, else the oldest in probation, else the
    /// oldest protected one.
    func insert(_ key: UnsafeRawBufferPointer, hash: UInt64, value: UnsafeRawBufferPointer, tally: Int32) {
        guard key.count <= ResultCache.longest, value.count <= ResultCache.longest,
              let (offset, position) = probation.write(key, value) else { return }
        let base = (Int(truncatingIfNeeded: hash) & setMask) &* ResultCache.ways
        var victim = base
        for way in 0..<ResultCache.ways {
            let slot = slots[base + way]
            if !isLive(slot) { victim = base + way; break }
            let current = slots[victim]
            if slot.isProtected == current.isProtected ? slot.stored < current.stored : !slot.isProtected {
                victim = base + way
            }
        }
        slots[victim] = Slot(hash: hash, stored: offset + 1, position: UInt32(position), tally: tally,
                             keyCount: UInt16(key.count), valueCount: UInt16(value.count), isProtected: false)
    }

    /// Forgets every entry.
    func removeAll() {
        probation.clear()
        protected.clear()
    }

    /// Where the slot's entry (key, then value) starts.
    private func entry(_ slot: Slot) -> UnsafeMutableRawPointer {
        (slot.isProtected ? protected : probation).base + Int(slot.position)
    }

    /// Whether the slot's entry has not been overwritten since it was written.
    private func isLive(_ slot: Slot) -> Bool {
        slot.stored != 0 && (slot.isProtected ? protected : probation).holds(slot.stored - 1)
    }

    /// A 64-bit hash of `bytes`, eight at a time.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var index = 0
        while index + 8 <= bytes.count {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            hash ^= hash >> 31
            index += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while index < bytes.count { tail |= UInt64(bytes[index]) << shift; shift += 8; index += 1 }
        hash = (hash ^ tail) &* 0x94D0_49BB_1331_11EB
        hash ^= hash >> 29
        return hash | 1
    }
}
