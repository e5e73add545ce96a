/// A citizen identity number (公民身份号码, GB 11643-1999), checked and in its 18-digit form.
///
/// A roster's ID column is where a clerk's typing and Excel's number formatting do the
/// most damage, and a wrong number makes the insurer's system refuse the whole
/// enrolment. So parsing checks everything the number itself can tell: its length and
/// characters, the province, the birth date, and the ISO 7064 MOD 11-2 check digit.
/// It cannot tell whether the number was ever issued.
///
/// Besides citizens' numbers, the same 18-digit scheme is used by the residence permits
/// of Hong Kong, Macao and Taiwan residents (address codes 810000, 820000, 830000) and by
/// the foreigner's permanent residence card of 2023 (first digit 9, then the issuing
/// province); both may enrol in resident medical insurance, so both are accepted.
public struct IDNumber: Hashable, Sendable {
    /// The 18-character number, with an upper-case `X` as check digit.
    public let text: String
    /// The date of birth, from digits 7–14.
    public let born: CivilDate
    /// From the 17th digit: odd for men, even for women.
    public let sex: Sex
    /// Whether it was given as a 15-digit number of the 1989 standard (converted by
    /// inserting the century `19` and computing the check digit).
    public let legacy: Bool
    /// Which kind of document the number belongs to.
    public let holder: Holder

    /// The sex a number records.
    public enum Sex: String, Hashable, Sendable {
        case male, female
    }

    /// The documents that carry an 18-digit identity number.
    public enum Holder: String, Hashable, Sendable {
        /// A resident identity card (居民身份证).
        case citizen
        /// A residence permit for residents of Hong Kong, Macao or Taiwan (港澳台居民居住证).
        case residencePermit
        /// A foreigner's permanent residence card, 2023 version (外国人永久居留身份证).
        case foreignPermanentResident
    }

    /// No one on a roster is older than this; an earlier birth year is a typing error.
    public static let maximumAge = 130

    /// Parses and checks a number as a clerk or a spreadsheet gives it.
    ///
    /// Surrounding white space (including U+3000 and a byte-order mark) is ignored, and
    /// full-width digits and letters are read as ASCII, because Chinese input methods
    /// produce them. A lower-case `x` is accepted and stored as `X`.
    ///
    ///     try IDNumber("11010519491231002x", today: today).text  // "11010519491231002X"
    ///     try IDNumber("610104620927690", today: today).text     // "610104196209276908"
    ///
    /// - Parameter today: The day the roster is checked; a birth date after it is refused.
    ///   Passed in so that parsing never reads the clock.
    /// - Throws: `IDNumberError`, naming the first problem found, in this order: empty,
    ///   scientific notation, length, characters, province, birth date, check digit.
    public init(_ text: some StringProtocol, today: CivilDate) throws(IDNumberError) {
        let scalars = IDNumber.cleaned(text)
        if scalars.isEmpty { throw .empty }
        if IDNumber.isScientificNotation(scalars) { throw .scientificNotation(String(String.UnicodeScalarView(scalars))) }
        guard scalars.count == 18 || scalars.count == 15 else { throw .wrongLength(scalars.count) }
        let legacy = scalars.count == 15

        var digits: [Int] = []
        for (index, scalar) in scalars.enumerated() {
            if let digit = IDNumber.digitValue(scalar) {
                digits.append(digit)
            } else if index == 17, scalar == "X" || scalar == "x" {
                digits.append(10)
            } else {
                throw .notADigit(position: index + 1, character: Character(scalar))
            }
        }

        let holder: Holder
        let province = digits[0] * 10 + digits[1]
        if digits[0] == 9, !legacy {
            guard IDNumber.isMainland(digits[1] * 10 + digits[2]) else {
                throw .unknownProvince(IDNumber.string(digits[0...2]))
            }
            holder = .foreignPermanentResident
        } else if !legacy, IDNumber.isPermit(province) {
            holder = .residencePermit
        } else if IDNumber.isMainland(province) || province == IDNumber.taiwan {
            holder = .citizen
        } else {
            throw .unknownProvince(IDNumber.string(digits[0...1]))
        }

        if legacy {
            digits.insert(contentsOf: [1, 9], at: 6)
            digits.append(IDNumber.checkDigit(digits[0..<17]))
        }
        let number = { (range: Range<Int>) in digits[range].reduce(0) { $0 * 10 + $1 } }
        guard let born = CivilDate(year: number(6..<10), month: number(10..<12), day: number(12..<14)) else {
            throw .impossibleBirthDate(IDNumber.string(digits[6..<14]))
        }
        if born > today { throw .bornAfterToday(born, today: today) }
        if born.age(on: today) > IDNumber.maximumAge { throw .bornTooLongAgo(born) }

        let expected = IDNumber.checkDigit(digits[0..<17])
        if !legacy, digits[17] != expected {
            if digits[15...17] == [0, 0, 0] { throw .roundedByExcel(IDNumber.string(digits[0..<18])) }
            throw .wrongCheckDigit(expected: IDNumber.checkCharacter(expected), found: IDNumber.checkCharacter(digits[17]))
        }

        self.text = IDNumber.string(digits[0..<18])
        self.born = born
        self.sex = digits[16] % 2 == 1 ? .male : .female
        self.legacy = legacy
        self.holder = holder
    }
}

extension IDNumber {
    /// The birth date of an 18-character number of ASCII digits (and `X`) that passes
    /// every check `init` makes, without building a string: for rosters, where almost
    /// every number is well formed. Nil for anything else, including numbers `init`
    /// accepts in other forms (15 digits, spaces, full width): ask `init`, which also
    /// says what is wrong. `IDNumberTests` checks that the two agree.
    public static func birthDate(ofPlainASCII bytes: UnsafeBufferPointer<UInt8>, today: CivilDate) -> CivilDate? {
        guard bytes.count == 18 else { return nil }
        // The first sixteen characters as two words of digit values, a byte each.
        guard let low = DigitWord.digits(DigitWord.load(bytes, at: 0)),
              let high = DigitWord.digits(DigitWord.load(bytes, at: 8)) else { return nil }
        let seventeenth = Int(bytes[16] &- 48)
        guard seventeenth < 10 else { return nil }
        // The check sum: each digit times its weight (`weight`), four at a time: the
        // digits of alternate bytes are lanes of 16 bits, and a product with the weights
        // in reverse order collects their sum in the top lane.
        @inline(__always) func weighted(_ word: UInt64, _ reversedWeights: UInt64) -> Int {
            Int(((word & 0x00FF_00FF_00FF_00FF) &* reversedWeights) >> 48)
        }
        @inline(__always) func lanes(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) -> UInt64 { a | b << 16 | c << 32 | d << 48 }
        // Constant weights, worked out by the compiler.
        @inline(__always) func w(_ index: Int) -> UInt64 { UInt64(weight(index)) }
        let sum = weighted(low, lanes(w(6), w(4), w(2), w(0))) + weighted(low >> 8, lanes(w(7), w(5), w(3), w(1)))
            + weighted(high, lanes(w(14), w(12), w(10), w(8))) + weighted(high >> 8, lanes(w(15), w(13), w(11), w(9)))
            + seventeenth * Int(w(16))
        let last = bytes[17]
        let check = last == UInt8(ascii: "X") || last == UInt8(ascii: "x") ? 10 : Int(last &- 48)
        guard check <= 10, check == (12 - sum % 11) % 11 else { return nil }
        @inline(__always) func digit(_ index: Int) -> Int { index < 8 ? DigitWord.byte(low, index) : DigitWord.byte(high, index - 8) }
        if digit(0) == 9 {
            guard isMainland(digit(1) * 10 + digit(2)) else { return nil }
        } else {
            let province = digit(0) * 10 + digit(1)
            guard isMainland(province) || isPermit(province) || province == taiwan else { return nil }
        }
        let year = digit(6) * 1000 + digit(7) * 100 + digit(8) * 10 + digit(9)
        guard let born = CivilDate(year: year, month: digit(10) * 10 + digit(11), day: digit(12) * 10 + digit(13)),
              born <= today, born.age(on: today) <= maximumAge else { return nil }
        return born
    }
}

extension IDNumber {
    /// Province-level codes of the mainland (GB/T 2260-2007 and its later editions as
    /// published by the Ministry of Civil Affairs): 北京 11 … 内蒙古 15, 辽宁 21 … 黑龙江 23,
    /// 上海 31 … 山东 37, 河南 41 … 海南 46, 重庆 50 … 西藏 54, 陕西 61 … 新疆 65.
    /// A switch, not a set: no lazily made global to reach, for every number of a roster.
    static func isMainland(_ code: Int) -> Bool {
        switch code {
        case 11...15, 21...23, 31...37, 41...46, 50...54, 61...65: true
        default: false
        }
    }
    /// 台湾省 in GB/T 2260; kept for old numbers, though the mainland issues none today.
    static let taiwan = 71
    /// The address codes of residence permits (810000 香港, 820000 澳门, 830000 台湾; 2018
    /// rules of the Ministry of Public Security). 81 and 82 are also GB/T 2260 codes; 83 is not.
    static func isPermit(_ code: Int) -> Bool { (81...83).contains(code) }

    /// The ISO 7064 MOD 11-2 weight of the `index`-th of the 17 digits: 2^(17-i) mod 11
    /// (7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2).
    @inline(__always)
    static func weight(_ index: Int) -> Int { (1 << (17 - index)) % 11 }
    static let weights = (0..<17).map(weight)

    /// The check digit of 17 digits, 10 meaning `X`.
    static func checkDigit(_ digits: ArraySlice<Int>) -> Int {
        let sum = zip(digits, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return (12 - sum % 11) % 11   // the table "10X98765432" by remainder
    }

    static func checkCharacter(_ value: Int) -> Character {
        value == 10 ? "X" : Character(Unicode.Scalar(UInt8(48 + value)))
    }

    static func string(_ digits: ArraySlice<Int>) -> String {
        String(digits.map(checkCharacter))
    }

    /// 0–9 for an ASCII digit.
    static func digitValue(_ scalar: Unicode.Scalar) -> Int? {
        (0x30...0x39).contains(scalar.value) ? Int(scalar.value - 0x30) : nil
    }

    /// The text without surrounding white space or byte-order marks, and with full-width
    /// forms (U+FF01–U+FF5E: `４`, `Ｘ`, `．`) read as the ASCII characters they stand for.
    static func cleaned(_ text: some StringProtocol) -> [Unicode.Scalar] {
        let isBlank: (Unicode.Scalar) -> Bool = { $0.properties.isWhitespace || $0 == "\u{FEFF}" }
        var scalars = Array(text.unicodeScalars)
        while let last = scalars.last, isBlank(last) { scalars.removeLast() }
        let start = scalars.firstIndex { !isBlank($0) } ?? scalars.endIndex
        return scalars[start...].map { scalar in
            (0xFF01...0xFF5E).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0xFEE0)! : scalar
        }
    }

    /// Whether the text is a number in Excel's scientific notation, such as `4.30511E+17`:
    /// what Excel shows, and writes to CSV, for an ID typed into a cell formatted as a
    /// number. The digits after the 6th are gone and cannot be recovered.
    static func isScientificNotation(_ scalars: [Unicode.Scalar]) -> Bool {
        let isDigit = { (scalar: Unicode.Scalar) in digitValue(scalar) != nil }
        guard let e = scalars.firstIndex(where: { $0 == "E" || $0 == "e" }) else { return false }
        let mantissa = scalars[..<e]
        var exponent = scalars[(e + 1)...]
        if exponent.first == "+" { exponent.removeFirst() }
        // One or more digits with at most one decimal point after the first digit.
        guard let first = mantissa.first, isDigit(first),
              mantissa.filter({ $0 == "." }).count <= 1, mantissa.allSatisfy({ isDigit($0) || $0 == "." })
        else { return false }
        return (1...3).contains(exponent.count) && exponent.allSatisfy(isDigit)
    }
}

extension IDNumber: CustomStringConvertible {
    /// The 18-character number.
    public var description: String { text }
}
