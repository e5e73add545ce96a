import Foundation
import PolicyKit
import Testing
import TestSupport

// Every valid number below had its check digit computed independently in Python
// (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2, remainder → "10X98765432").
struct IDNumberTests {
    let today = day("2026-12-01")

    func parse(_ text: String) throws(IDNumberError) -> IDNumber { try IDNumber(text, today: today) }

    /// The fast path batch uses gives a date exactly when `init` accepts the number, and
    /// the same date: over random numbers, half of them valid, the rest with one digit
    /// changed, an impossible date, an unknown province or a date after today.
    @Test func theRosterFastPathAgreesWithInit() {
        var rng = SeededRandom(seed: 2026_12_02)
        let today = CivilDate(year: 2026, month: 12, day: 2)!
        var valid = 0
        for _ in 0..<50_000 {
            var digits = (0..<17).map { _ in Int.random(in: 0...9, using: &rng) }
            let provinces = [11, 43, 50, 65, 71, 81, 83, 91, 99, 20, 94]
            let province = provinces.randomElement(using: &rng)!
            digits[0] = province / 10; digits[1] = province % 10
            let born = CivilDate(daysSince1970: Int.random(in: -60_000...21_000, using: &rng))
            let date = String(format: "%04d%02d%02d", born.year, born.month, Int.random(in: 0..<8, using: &rng) == 0 ? 31 : born.day)
            for (offset, character) in date.enumerated() { digits[6 + offset] = Int(String(character))! }
            let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
            var check = (12 - zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 } % 11) % 11
            if Bool.random(using: &rng) { check = Int.random(in: 0...10, using: &rng) }
            let text = digits.map(String.init).joined() + (check == 10 ? (Bool.random(using: &rng) ? "X" : "x") : String(check))
            let full = try? IDNumber(text, today: today)
            var bytes = Array(text.utf8)
            let fast = bytes.withUnsafeMutableBufferPointer { IDNumber.birthDate(ofPlainASCII: UnsafeBufferPointer($0), today: today) }
            #expect(fast == full?.born, "\(text)")
            if fast != nil { valid += 1 }
        }
        #expect(valid > 5_000)
    }

    /// The fast path reads sixteen characters at a time as words: a byte that is not a
    /// digit, in any of the first seventeen places, is refused, whatever its value
    /// (those just below "0" and above "9", "X", letters, controls, and bytes of Chinese
    /// text), and refused too when digits around it would borrow or carry from it.
    @Test func theRosterFastPathRefusesEveryByteThatIsNotADigit() {
        let valid = Array("430511199001011236".utf8)
        let today = CivilDate(year: 2026, month: 12, day: 2)!
        #expect(valid.withUnsafeBufferPointer { IDNumber.birthDate(ofPlainASCII: $0, today: today) } == day("1990-01-01"))
        for place in 0..<17 {
            for byte in (0...255).map(UInt8.init) where !(48...57).contains(byte) {
                var bytes = valid
                bytes[place] = byte
                let fast = bytes.withUnsafeBufferPointer { IDNumber.birthDate(ofPlainASCII: $0, today: today) }
                #expect(fast == nil, "byte \(byte) in place \(place)")
            }
        }
    }

    @Test("reads valid numbers", arguments: [
        ("430511199001011236", "430511199001011236", "1990-01-01", IDNumber.Sex.male, IDNumber.Holder.citizen),
        ("11010519491231002X", "11010519491231002X", "1949-12-31", .female, .citizen),
        ("11010519491231002x", "11010519491231002X", "1949-12-31", .female, .citizen),
        ("430511200002290068", "430511200002290068", "2000-02-29", .female, .citizen),
        ("500119198507070017", "500119198507070017", "1985-07-07", .male, .citizen),
        ("810000199408230021", "810000199408230021", "1994-08-23", .female, .residencePermit),
        ("830000199201300022", "830000199201300022", "1992-01-30", .female, .residencePermit),
        ("944840199001011238", "944840199001011238", "1990-01-01", .male, .foreignPermanentResident),
    ])
    func valid(input: String, text: String, born: String, sex: IDNumber.Sex, holder: IDNumber.Holder) throws {
        let number = try parse(input)
        #expect(number.text == text)
        #expect(number.born == day(born))
        #expect(number.sex == sex)
        #expect(number.holder == holder)
        #expect(number.legacy == false)
        #expect(number.description == text)
    }

    // The first four numbers `scripts/make-realistic-roster.py 3000` writes (all 3000 parse).
    @Test("reads the realistic roster's numbers", arguments: [
        ("500119197412162395", "1974-12-16", IDNumber.Sex.male), ("43051119880412677X", "1988-04-12", .male),
        ("350583197706159436", "1977-06-15", .male), ("341323197401259788", "1974-01-25", .female),
    ])
    func roster(input: String, born: String, sex: IDNumber.Sex) throws {
        let number = try parse(input)
        #expect(number.text == input && number.born == day(born) && number.sex == sex && number.holder == .citizen)
    }

    @Test("converts 15-digit numbers of 1989", arguments: [
        ("610104620927690", "610104196209276908", "1962-09-27", IDNumber.Sex.female),
        ("430511880229123", "430511198802291237", "1988-02-29", .male),
    ])
    func legacy(input: String, text: String, born: String, sex: IDNumber.Sex) throws {
        let number = try parse(input)
        #expect(number.text == text)
        #expect(number.born == day(born))
        #expect(number.sex == sex)
        #expect(number.legacy)
        // The converted number is itself valid, and not legacy.
        let converted = try parse(text)
        #expect(converted.text == text && converted.born == number.born && converted.sex == sex && !converted.legacy)
    }

    @Test("ignores surrounding white space and reads full-width characters", arguments: [
        "  430511199001011236 ", "\t430511199001011236\r", "\u{3000}430511199001011236\u{3000}", "\u{FEFF}430511199001011236",
        "４３０５１１１９９００１０１１２３６", "\u{A0}430511199001011236",
    ])
    func cleaned(input: String) throws {
        #expect(try parse(input).text == "430511199001011236")
    }

    @Test func fullWidthCheckLetterIsX() throws {
        #expect(try parse("11010519491231002Ｘ").text == "11010519491231002X")
        #expect(try parse("11010519491231002ｘ").text == "11010519491231002X")
    }

    @Test("the limits of the birth date are today and 130 years ago")
    func birthDateLimits() throws {
        #expect(try parse("43051120261201123X").born == today)
        #expect(try parse("430511189612011236").born == day("1896-12-01"))
    }

    @Test("refuses what is not an ID number", arguments: [
        ("", IDNumberError.empty),
        (" \u{3000}\t", .empty),
        ("4.30511E+17", .scientificNotation("4.30511E+17")),
        (" 4.30511E+17 ", .scientificNotation("4.30511E+17")),
        ("4.305111990010112e+17", .scientificNotation("4.305111990010112e+17")),
        ("4E17", .scientificNotation("4E17")),
        ("４．３０５１１Ｅ＋１７", .scientificNotation("4.30511E+17")),
        ("43051119900101123", .wrongLength(17)),
        ("4305111990010112366", .wrongLength(19)),
        ("430511-19900101-1236", .wrongLength(20)),
        ("4.3.0511E+17", .wrongLength(12)),
        ("4.30511E+1777", .wrongLength(13)),
        ("43051119900101X236", .notADigit(position: 15, character: "X")),
        ("X30511199001011236", .notADigit(position: 1, character: "X")),
        ("430511199001011 36", .notADigit(position: 16, character: " ")),
        ("43051119900101123Y", .notADigit(position: 18, character: "Y")),
        ("61010462092769X", .notADigit(position: 15, character: "X")),
        ("001234199001011234", .unknownProvince("00")),
        ("161234199001011234", .unknownProvince("16")),
        ("660000199001011234", .unknownProvince("66")),
        ("840000199001011234", .unknownProvince("84")),
        ("910000199001011234", .unknownProvince("910")),
        ("999999199001011234", .unknownProvince("999")),
        ("830000920130002", .unknownProvince("83")),
        ("944840920130002", .unknownProvince("94")),
        ("430511199002301234", .impossibleBirthDate("19900230")),
        ("430511199013011234", .impossibleBirthDate("19901301")),
        ("430511190002291234", .impossibleBirthDate("19000229")),
        ("430511900230123", .impossibleBirthDate("19900230")),
        ("430511203001011235", .bornAfterToday(day("2030-01-01"), today: day("2026-12-01"))),
        ("430511202612021234", .bornAfterToday(day("2026-12-02"), today: day("2026-12-01"))),
        ("430511189512011232", .bornTooLongAgo(day("1895-12-01"))),
        ("430511199001011235", .wrongCheckDigit(expected: "6", found: "5")),
        ("110105194912310020", .wrongCheckDigit(expected: "X", found: "0")),
        ("43051119900101123X", .wrongCheckDigit(expected: "6", found: "X")),
        ("430511199001011000", .roundedByExcel("430511199001011000")),
    ])
    func refuses(input: String, error: IDNumberError) {
        #expect(throws: error) { try parse(input) }
    }

    @Test("messages say what to fix, in both languages", arguments: [
        (IDNumberError.scientificNotation("4.30511E+17"),
         "“4.30511E+17”：Excel 已将身份证号转换为科学计数法，请将该列设为文本格式后重新录入",
         "'4.30511E+17': Excel has turned the ID number into scientific notation, losing its digits; format the column as text and type the numbers again"),
        (.wrongLength(17), "身份证号应为18位（或15位旧号码），实为17位", "an ID number has 18 characters (15 in the old form), not 17"),
        (.notADigit(position: 16, character: " "), "身份证号第16位应为数字，实为“U+0020”", "character 16 of the ID number is 'U+0020', not a digit"),
        (.notADigit(position: 18, character: "Y"), "身份证号第18位应为数字或 X，实为“Y”", "the 18th character of an ID number is a digit or X, not 'Y'"),
        (.unknownProvince("66"), "身份证号开头“66”不是有效的省级行政区划代码", "the ID number starts with '66', which is no province-level code"),
        (.impossibleBirthDate("19900230"), "身份证号中的出生日期“19900230”不存在", "the birth date '19900230' in the ID number does not exist"),
        (.bornAfterToday(day("2030-01-01"), today: day("2026-12-01")),
         "身份证号中的出生日期 2030-01-01 晚于今天（2026-12-01）", "the birth date 2030-01-01 in the ID number is after today (2026-12-01)"),
        (.bornTooLongAgo(day("1895-12-01")),
         "身份证号中的出生日期 1895-12-01 早于130年前，应为录入错误", "the birth date 1895-12-01 in the ID number is more than 130 years ago"),
        (.wrongCheckDigit(expected: "X", found: "0"),
         "身份证号校验码错误：第18位按前17位应为 X，实为 0", "wrong check digit: from the first 17 digits the 18th should be X, not 0"),
        (.roundedByExcel("430511199001011000"),
         "“430511199001011000”校验码错误且末三位为000：Excel 按数字保存身份证号时只保留15位有效数字，请将该列设为文本格式后重新录入",
         "'430511199001011000' has a wrong check digit and ends in 000: Excel keeps only 15 digits of an ID stored as a number; format the column as text and type the numbers again"),
        (.empty, "身份证号为空", "the ID number is empty"),
    ])
    func messages(error: IDNumberError, zh: String, en: String) {
        #expect(error.message == LocalizedText(zh: zh, en: en))
        #expect(error.description == en)
    }

    @Test func aFullWidthSpaceIsShownByItsCodePoint() {
        #expect(IDNumberError.notADigit(position: 7, character: "\u{3000}").message.en == "character 7 of the ID number is 'U+3000', not a digit")
    }

    /// Every single-digit change of a valid number, and every swap of two neighbouring
    /// different digits, is caught (MOD 11-2 guarantees both).
    @Test func checkDigitCatchesEveryTypingSlip() {
        let valid = Array("430511199001011236")
        for position in 0..<18 {
            for digit in "0123456789X" where digit != valid[position] && (position == 17 || digit != "X") {
                var changed = valid
                changed[position] = digit
                #expect(throws: IDNumberError.self) { try parse(String(changed)) }
            }
        }
        for position in 0..<17 where valid[position] != valid[position + 1] {
            var swapped = valid
            swapped.swapAt(position, position + 1)
            #expect(throws: IDNumberError.self) { try parse(String(swapped)) }
        }
    }
}
