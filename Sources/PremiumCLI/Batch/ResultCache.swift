#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Rendered batch results by the bytes of a record's known fields, in fixed memory.
///
/// Entries (key bytes then value bytes) are written one after another into a ring of
/// bytes; when the ring wraps, the oldest entries are overwritten and so forgotten. A
/// table of 4-way sets finds them by hash. Memory is the ring, the table and a filter,
/// all sized once, so it does not grow with the roster.
///
/// An entry is stored only when its key is seen a second time (the filter remembers one
/// hash per bucket), so one-off records, such as most newborns, do not push out
/// combinations that repeat.
final class ResultCache {
    /// Where a cached value lives, and its summary tally.
    struct Hit {
        let value: UnsafeRawBufferPointer
        let tally: Int32
    }

    private struct Slot {
        var hash: UInt64 = 0
        /// Virtual offset of the entry in the ring, plus one; 0 for an empty slot.
        var stored = 0
        var keyCount: UInt32 = 0
        var valueCount: UInt32 = 0
        var tally: Int32 = 0
    }

    private static let ways = 4
    private let slots: UnsafeMutablePointer<Slot>
    private let setMask: Int
    private let ring: UnsafeMutableRawPointer
    private let ringSize: Int
    /// The virtual offset the next entry is written at; only grows.
    @exclusivity(unchecked) private var head = 0
    private var reserved = false
    private let seen: UnsafeMutablePointer<UInt64>
    private let seenMask: Int

    /// - Parameters:
    ///   - ringBytes: bytes for keys and values together.
    ///   - sets: number of 4-way sets (a power of two).
    init(ringBytes: Int = 16 << 20, sets: Int = 1 << 14) {
        precondition(sets > 0 && sets & (sets - 1) == 0, "sets must be a power of two")
        ringSize = max(ringBytes, 64)
        ring = UnsafeMutableRawPointer.allocate(byteCount: ringSize, alignment: 16)
        setMask = sets - 1
        slots = .allocate(capacity: sets * ResultCache.ways)
        slots.initialize(repeating: Slot(), count: sets * ResultCache.ways)
        seenMask = sets * ResultCache.ways - 1
        seen = .allocate(capacity: seenMask + 1)
        seen.initialize(repeating: 0, count: seenMask + 1)
    }

    deinit {
        ring.deallocate()
        slots.deallocate()
        seen.deallocate()
    }

    /// Touches the whole ring, so memory stays the same from here to the end of the
    /// roster instead of creeping up as the ring fills. Costs about 10 ms for 16 MB on
    /// this VM, so the runner calls it only once the input is longer than one chunk.
    func reserve() {
        guard !reserved else { return }
        reserved = true
        ring.initializeMemory(as: UInt8.self, repeating: 0, count: ringSize)
    }

    /// The cached value for `key`, if it is still held.
    func lookup(_ key: UnsafeRawBufferPointer, hash: UInt64) -> Hit? {
        let base = (Int(truncatingIfNeeded: hash) & setMask) &* ResultCache.ways
        for way in 0..<ResultCache.ways {
            let slot = slots[base + way]
            guard slot.hash == hash, isLive(slot), Int(slot.keyCount) == key.count else { continue }
            let start = ring + (slot.stored - 1) % ringSize
            guard key.count == 0 || memcmp(start, key.baseAddress!, key.count) == 0 else { continue }
            return Hit(value: UnsafeRawBufferPointer(start: start + key.count, count: Int(slot.valueCount)), tally: slot.tally)
        }
        return nil
    }

    /// Stores `value` for `key` (just looked up and missed) when the key has been seen
    /// before and the entry fits in a quarter of the ring.
    func insert(_ key: UnsafeRawBufferPointer, hash: UInt64, value: UnsafeRawBufferPointer, tally: Int32) {
        let bucket = Int(truncatingIfNeeded: hash >> 17) & seenMask
        guard seen[bucket] == hash else { seen[bucket] = hash; return }
        let count = key.count + value.count
        guard count <= ringSize / 4 else { return }
        if head % ringSize + count > ringSize { head += ringSize - head % ringSize }
        let start = ring + head % ringSize
        if key.count > 0 { start.copyMemory(from: key.baseAddress!, byteCount: key.count) }
        if value.count > 0 { (start + key.count).copyMemory(from: value.baseAddress!, byteCount: value.count) }

        let base = (Int(truncatingIfNeeded: hash) & setMask) &* ResultCache.ways
        var victim = base
        for way in 0..<ResultCache.ways {
            let slot = slots[base + way]
            if !isLive(slot) { victim = base + way; break }
            if slot.stored < slots[victim].stored { victim = base + way }
        }
        slots[victim] = Slot(hash: hash, stored: head + 1, keyCount: UInt32(key.count),
                             valueCount: UInt32(value.count), tally: tally)
        head += count
    }

    /// Forgets every entry.
    func removeAll() {
        head += ringSize + (ringSize - head % ringSize)
    }

    /// Whether the slot's entry has not been overwritten since it was written.
    private func isLive(_ slot: Slot) -> Bool {
        slot.stored != 0 && slot.stored - 1 >= head - ringSize
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
