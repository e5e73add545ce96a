import PolicyKit
import Testing

/// beita 附件 三1 as `ParticipationScoring.deduction(rateBasisPoints:)` reads it: full 2
/// points from 95 %, 0.1 a point from 95 % down to 90 %, 0.2 a point below 90 %
/// (the bands are the file's assumption), a fraction of a point pro rata, 扣完为止.
struct ParticipationScoringTests {
    static let scoring: ParticipationScoring = {
        try! #require(try! embeddedStore.policy(region: "beita", year: 2021).targets?.scoring)
    }()

    @Test(arguments: [
        (10_000, 0), (9_500, 0), (9_499, 0),      // 0.01 point short: 0.001, rounds to 0.00
        (9_450, 5), (9_400, 10), (9_350, 15), (9_000, 50),
        (8_900, 70), (8_500, 150), (8_250, 200), (8_000, 200), (0, 200),
    ])
    func deductionByBand(rate: Int, hundredths: Int) {
        #expect(Self.scoring.deduction(rateBasisPoints: rate) == ScorePoints(hundredths: hundredths), "\(rate) bp")
    }

    @Test func theLadderRunsFromFullMarksToThePointWhereEverythingIsLost() {
        let ladder = Self.scoring.ladder
        #expect(ladder.first?.percent == 95 && ladder.first?.deduction == ScorePoints(hundredths: 0))
        #expect(ladder.first { $0.percent == 90 }?.deduction == ScorePoints(hundredths: 50))
        // 0.5 + 7.5 points × 0.2 reach 2 at 82.5 %: 82 % is the first whole rate that loses all.
        #expect(ladder.last?.percent == 82 && ladder.last?.deduction == ScorePoints(hundredths: 200))
        #expect(Self.scoring.provenance.assumption != nil, "the bands' reading is an assumption and says so")
    }
}
