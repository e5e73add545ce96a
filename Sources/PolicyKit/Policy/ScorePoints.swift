/// Points of a performance score (考核分), counted exactly in hundredths of a point.
///
/// Policy files write them as JSON numbers with at most two decimals (`0.1`, `2`), as
/// amounts are written in yuan; like money they never pass through `Double`.
public struct ScorePoints: Equatable, Hashable, Comparable, Sendable {
    /// The points × 100.
    public let hundredths: Int

    public init(hundredths: Int) { self.hundredths = hundredths }

    public static func < (lhs: ScorePoints, rhs: ScorePoints) -> Bool { lhs.hundredths < rhs.hundredths }

    /// Reads a number of points with at most two decimals, never negative.
    init(_ node: JSONNode) throws(PolicyError) {
        guard case .number(let text) = node.value else {
            throw node.failure("expected points as a number, got \(node.value.typeName)")
        }
        // The same text rule as yuan: digits, and at most two of them after the point.
        guard let parsed = Fen(yuanText: text) else {
            throw node.failure("points \(text) have more than two decimals or are not a number")
        }
        guard parsed >= .zero else { throw node.failure("points \(text) are negative") }
        hundredths = parsed.rawValue
    }
}

extension ScorePoints: CustomStringConvertible {
    /// The points as the notice writes them: `2`, `0.1`, `0.05`.
    public var description: String { Fen(rawValue: hundredths).jsonNumber }
}
