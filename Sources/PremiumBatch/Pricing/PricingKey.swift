import PolicyKit
import ResidentIO

/// The classes a resident falls in for one region-year, each in a fixed field of six
/// words: everything a quote depends on except the dates it prints. Residents with equal
/// keys get the same result, with only those dates filled in (`ResultTemplate`).
/// `CompiledPolicy.key` says which field holds what.
struct PricingKey: Equatable {
    var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0)
    /// Set when a value did not fit its field: such a resident is priced by the engine directly.
    var overflow = false

    /// A key that fits nowhere.
    static let overflowing: PricingKey = {
        var key = PricingKey()
        key.overflow = true
        return key
    }()

    @inline(__always)
    static func == (lhs: PricingKey, rhs: PricingKey) -> Bool {
        // Or-ing the differences: one branch instead of six.
        ((lhs.words.0 ^ rhs.words.0) | (lhs.words.1 ^ rhs.words.1) | (lhs.words.2 ^ rhs.words.2)
            | (lhs.words.3 ^ rhs.words.3) | (lhs.words.4 ^ rhs.words.4) | (lhs.words.5 ^ rhs.words.5)) == 0
            && lhs.overflow == rhs.overflow
    }

    /// A 64-bit mix of the words, for the pricer's table.
    @inline(__always)
    var mixed: UInt64 {
        @inline(__always) func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
            let product = (hash ^ word) &* 0xBF58_476D_1CE4_E5B9
            return product ^ (product >> 31)
        }
        var hash = mix(0x9E37_79B9_7F4A_7C15, words.0)
        hash = mix(hash, words.1)
        hash = mix(hash, words.2)
        hash = mix(hash, words.3)
        hash = mix(hash, words.4)
        return mix(hash, words.5)
    }
}

extension PricingKey: Hashable {
    func hash(into hasher: inout Hasher) { hasher.combine(mixed) }
}
