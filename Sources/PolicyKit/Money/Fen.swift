/// An exact amount of renminbi, counted in fen (1 yuan = 100 fen).
///
/// Money never passes through `Double`. Policy files give yuan as JSON numbers with at
/// most two decimals, read digit by digit; output prints yuan from integer fen.
public struct Fen: RawRepresentable, Hashable, Comparable, Sendable {
    /// The amount in fen.
    public var rawValue: Int

    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Creates an amount from whole yuan plus fen, e.g. `Fen(yuan: 280)`.
    public init(yuan: Int, fen: Int = 0) { self.rawValue = yuan * 100 + fen }

    /// No money.
    public static let zero = Fen(rawValue: 0)

    public static func + (lhs: Fen, rhs: Fen) -> Fen { Fen(rawValue: lhs.rawValue + rhs.rawValue) }
    public static func - (lhs: Fen, rhs: Fen) -> Fen { Fen(rawValue: lhs.rawValue - rhs.rawValue) }
    public static func += (lhs: inout Fen, rhs: Fen) { lhs.rawValue += rhs.rawValue }
    public static func < (lhs: Fen, rhs: Fen) -> Bool { lhs.rawValue < rhs.rawValue }

    /// This amount times `percent / 100`, rounding half a fen away from zero.
    ///
    ///     Fen(yuan: 390).percent(90)  // 351.00
    public func percent(_ percent: Int) -> Fen {
        let product = rawValue * percent
        let (quotient, remainder) = product.quotientAndRemainder(dividingBy: 100)
        let roundsAway = 2 * remainder.magnitude >= 100
        return Fen(rawValue: roundsAway ? quotient + product.signum() : quotient)
    }

    /// Parses a decimal number of yuan exactly (`"280"`, `"85.5"`, `"0.01"`).
    ///
    /// Returns `nil` for anything that is not a plain decimal or has more than two
    /// decimals (a fraction of a fen), or exponents. A leading `-` is allowed so that
    /// validation can report negative amounts by name.
    public init?(yuanText text: some StringProtocol) {
        var utf8 = Substring(text).utf8[...]
        let negative = utf8.first == UInt8(ascii: "-")
        if negative { utf8 = utf8.dropFirst() }
        let parts = utf8.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.count <= 12,
              whole.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        var fen = 0
        for digit in whole { fen = fen * 10 + Int(digit - 48) }
        fen *= 100
        if parts.count == 2 {
            let fraction = parts[1]
            guard !fraction.isEmpty, fraction.count <= 2, fraction.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
                return nil
            }
            var value = 0
            for digit in fraction { value = value * 10 + Int(digit - 48) }
            fen += fraction.count == 1 ? value * 10 : value
        }
        self.rawValue = negative ? -fen : fen
    }
}

extension Fen: CustomStringConvertible {
    /// Yuan with two decimals, e.g. `"195.00"`. No locale, no formatter.
    public var description: String {
        let (yuan, fen) = rawValue.magnitude.quotientAndRemainder(dividingBy: 100)
        return (rawValue < 0 ? "-" : "") + "\(yuan)." + (fen < 10 ? "0" : "") + "\(fen)"
    }

    /// Yuan as a JSON number with no trailing zeros: `195`, `85.5`, `0.05`.
    public var jsonNumber: String {
        let (yuan, fen) = rawValue.magnitude.quotientAndRemainder(dividingBy: 100)
        let sign = rawValue < 0 ? "-" : ""
        if fen == 0 { return sign + "\(yuan)" }
        if fen % 10 == 0 { return sign + "\(yuan).\(fen / 10)" }
        return sign + "\(yuan)." + (fen < 10 ? "0" : "") + "\(fen)"
    }
}
