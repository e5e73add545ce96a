import Foundation

/// SplitMix64: a small deterministic generator, so fuzz and property runs repeat exactly.
public struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// How many cases a fuzz or property test runs: `PREMIUM_FUZZ_CASES`, else `default`.
/// CI uses the defaults (well under a minute); `PREMIUM_FUZZ_CASES=100000 swift test` runs long.
public func fuzzCases(_ default: Int) -> Int {
    ProcessInfo.processInfo.environment["PREMIUM_FUZZ_CASES"].flatMap(Int.init) ?? `default`
}
