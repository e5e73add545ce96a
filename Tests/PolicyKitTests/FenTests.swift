import PolicyKit
import Testing

struct FenTests {
    @Test("parses yuan text exactly", arguments: zip(["280", "85.5", "0.01", "655.00", "0"], [28_000, 8_550, 1, 65_500, 0]))
    func parses(text: String, fen: Int) {
        #expect(Fen(yuanText: text) == Fen(rawValue: fen))
    }

    @Test("rejects fractions of a fen and non-numbers", arguments: ["280.001", "1e3", "350元", "", ".5", "5.", "+5", "--5"])
    func rejects(text: String) {
        #expect(Fen(yuanText: text) == nil)
    }

    @Test func percentRoundsHalfAwayFromZero() {
        #expect(Fen(yuan: 390).percent(90) == Fen(yuan: 351))
        #expect(Fen(yuan: 390).percent(70) == Fen(yuan: 273))
        #expect(Fen(yuan: 280).percent(60) == Fen(yuan: 168))
        #expect(Fen(rawValue: 1).percent(50) == Fen(rawValue: 1))
    }

    @Test func formats() {
        #expect(Fen(yuan: 195).description == "195.00")
        #expect(Fen(yuan: 195).jsonNumber == "195")
        #expect(Fen(rawValue: 8_550).jsonNumber == "85.5")
        #expect(Fen(rawValue: 5).jsonNumber == "0.05")
    }
}
