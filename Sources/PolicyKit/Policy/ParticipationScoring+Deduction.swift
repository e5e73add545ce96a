extension ParticipationScoring {
    /// The points a unit with participation `rate` (in basis points, 1 % = 100) loses:
    /// each band's points per percentage point times the part of the band below full
    /// marks that the rate falls short by, a fraction of a point pro rata, never more
    /// than the item is worth (扣完为止).
    ///
    ///     // beita 附件 三1: 93.5 % loses 1.5 points × 0.1 = 0.15
    ///     scoring.deduction(rateBasisPoints: 9350)   // 0.15
    ///
    /// The sum is exact in hundredths of a point × basis points and rounded once, half
    /// up, to hundredths of a point. The reading of the bands is `provenance.assumption`.
    public func deduction(rateBasisPoints rate: Int) -> ScorePoints {
        var scaled = 0   // hundredths of a point × basis points
        for band in deductions {
            let top = band.belowPercent * 100, bottom = (band.fromPercent ?? 0) * 100
            let short = top - max(rate, bottom)
            if short > 0 { scaled += band.perPoint.hundredths * short }
        }
        let (quotient, remainder) = scaled.quotientAndRemainder(dividingBy: 100)
        let hundredths = quotient + (2 * remainder >= 100 ? 1 : 0)
        return ScorePoints(hundredths: min(hundredths, points.hundredths))
    }

    /// Whole-percent rates from full marks down to the first that loses every point,
    /// each with its deduction: the rule as a table a clerk can read.
    public var ladder: [(percent: Int, deduction: ScorePoints)] {
        var rows: [(percent: Int, deduction: ScorePoints)] = []
        var percent = fullMarksFrom
        while percent >= 0 {
            let lost = deduction(rateBasisPoints: percent * 100)
            rows.append((percent, lost))
            if lost == points { break }
            percent -= 1
        }
        return rows
    }
}
