import PolicyKit
import Testing
import TestSupport

struct CivilDateTests {
    @Test("rejects dates that do not exist", arguments: ["2021-02-29", "2021-02-30", "2024-02-30", "2021-04-31", "2021-13-01", "2021-00-10", "2021-1-01", "21-01-01", "2021-01-01T00", "２０２１-01-01", ""])
    func rejects(text: String) {
        #expect(CivilDate(iso8601: text) == nil)
    }

    /// The batch fast path reads "YYYY-MM-" as one word. Every day of 1900–2100 reads as
    /// itself; every byte other than the right one, in each of the ten places of a valid
    /// date, is refused; and so is every day past its month's end or outside 1–12.
    @Test func isoBytesReadsOneWordAsTheFieldsWould() {
        func parse(_ text: [UInt8]) -> CivilDate? { text.withUnsafeBufferPointer { CivilDate(isoBytes: $0) } }
        var date = day("1900-01-01")
        while date.year <= 2100 {
            #expect(parse(Array(date.description.utf8)) == date)
            date = date.adding(days: 1)
        }
        let valid = Array("2024-02-29".utf8)
        for place in 0..<10 {
            for byte in (0...255).map(UInt8.init) where byte != valid[place] && (place == 4 || place == 7 || !(48...57).contains(byte)) {
                var bytes = valid
                bytes[place] = byte
                #expect(parse(bytes) == nil, "byte \(byte) in place \(place)")
            }
        }
        var rng = SeededRandom(seed: 2026_12_02)
        for _ in 0..<20_000 {
            let year = Int.random(in: 0...9999, using: &rng), month = Int.random(in: 0...19, using: &rng)
            let dayOfMonth = Int.random(in: 0...39, using: &rng)
            let text = String(repeating: "0", count: 4 - String(year).count) + "\(year)-" + (month < 10 ? "0" : "") + "\(month)-"
                + (dayOfMonth < 10 ? "0" : "") + "\(dayOfMonth)"
            #expect(parse(Array(text.utf8)) == CivilDate(year: year, month: month, day: dayOfMonth), "\(text)")
        }
    }

    @Test func acceptsLeapDay() {
        #expect(CivilDate(iso8601: "2024-02-29") == CivilDate(year: 2024, month: 2, day: 29))
    }

    // Expected day counts computed independently with Python's datetime.
    @Test("daysSince1970 round-trips", arguments: zip(["1970-01-01", "2000-02-29", "2020-11-01", "1969-12-31", "2024-03-01"], [0, 11_016, 18_567, -1, 19_783]))
    func daysSince1970(text: String, days: Int) {
        #expect(day(text).daysSince1970 == days)
        #expect(CivilDate(daysSince1970: days) == day(text))
    }

    @Test("adding months keeps the day or takes the month's last day", arguments: [
        ("2020-11-30", 3, "2021-02-28"), ("2023-11-30", 3, "2024-02-29"), ("2021-01-31", 1, "2021-02-28"),
        ("2023-03-31", 6, "2023-09-30"), ("2022-12-31", 3, "2023-03-31"), ("2021-05-15", 12, "2022-05-15"),
    ])
    func addingMonths(start: String, months: Int, expected: String) {
        #expect(day(start).adding(months: months) == day(expected))
    }

    @Test func dayArithmeticCrossesLeapFebruary() {
        #expect(day("2024-03-01").adding(days: 61) == day("2024-05-01"))
        #expect(day("2024-02-28").adding(days: 1) == day("2024-02-29"))
        #expect(day("2021-12-15").firstOfNextMonth == day("2022-01-01"))
    }

    @Test func ageCountsCompletedYears() {
        #expect(day("1964-07-01").age(on: day("2024-06-30")) == 59)
        #expect(day("1964-07-01").age(on: day("2024-07-01")) == 60)
        #expect(day("2008-02-29").age(on: day("2026-02-28")) == 17)
        #expect(day("2008-02-29").age(on: day("2026-03-01")) == 18)
    }

    @Test func todayInChinaIsUTCPlusEight() {
        // 2020-12-31T16:00:00Z is midnight, 1 January 2021, in Beijing.
        #expect(CivilDate.inChina(unixSeconds: 1_609_430_400) == day("2021-01-01"))
        #expect(CivilDate.inChina(unixSeconds: 1_609_430_399) == day("2020-12-31"))
    }
}
