import PolicyKit
import ResidentIO

/// The classes a resident falls in for one region-year, packed into bits: everything a
/// quote depends on except the dates it prints. Residents with equal keys get the same
/// result, with only those dates filled in (`ResultTemplate`).
struct PricingKey: Hashable {
    private var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
    private var used = 0
    /// Set when a value did not fit: such a resident is priced by the engine directly.
    private(set) var overflow = false

    private static let capacity = 6 * 64

    /// Appends `value` (which must be below 2^bits) in `bits` bits.
    @inline(__always)
    mutating func put(_ value: Int, bits: Int) {
        guard value >= 0, value < 1 << bits, used + bits <= PricingKey.capacity else { overflow = true; return }
        let word = used >> 6, shift = used & 63
        add(UInt64(value) << shift, at: word)
        if shift + bits > 64 { add(UInt64(value) >> (64 - shift), at: word + 1) }
        used += bits
    }

    @inline(__always)
    private mutating func add(_ bits: UInt64, at word: Int) {
        switch word {
        case 0: words.0 |= bits
        case 1: words.1 |= bits
        case 2: words.2 |= bits
        case 3: words.3 |= bits
        case 4: words.4 |= bits
        default: words.5 |= bits
        }
    }

    static func == (lhs: PricingKey, rhs: PricingKey) -> Bool {
        lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2
            && lhs.words.3 == rhs.words.3 && lhs.words.4 == rhs.words.4 && lhs.words.5 == rhs.words.5
            && lhs.used == rhs.used
    }

    func hash(into hasher: inout Hasher) { hasher.combine(mixed) }

    /// A 64-bit mix of the words, for the pricer's own table.
    var mixed: UInt64 {
        @inline(__always) func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
            let product = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
            return product ^ (product >> 31)
        }
        var hash = mix(0x9E37_79B9_7F4A_7C15 ^ UInt64(used), words.0)
        hash = mix(hash, words.1)
        hash = mix(hash, words.2)
        hash = mix(hash, words.3)
        hash = mix(hash, words.4)
        return mix(hash, words.5)
    }
}
