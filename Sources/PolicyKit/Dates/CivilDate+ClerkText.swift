extension CivilDate {
    /// Parses a date as clerks type it into a roster, or as Excel writes a date cell to CSV.
    ///
    /// Accepted, each with a four-digit year and a one- or two-digit month and day:
    ///
    ///     2022-01-05   2022-1-5   2022/1/5   2022.1.5   20220105   2022年1月5日   2022年1月5
    ///
    /// The same separator must be used twice. Surrounding white space (including U+3000),
    /// full-width digits (`２０２２`) and full-width separators (`／`, `－`, `．`) are
    /// accepted, because Chinese input methods type them. The trailing `日` may be left
    /// out: `2022年1月5` cannot mean anything else. `YYYYMMDD` must have exactly eight digits.
    ///
    /// A time of exactly midnight (` 0:00`, ` 00:00`, ` 0:00:00`, ` 00:00:00`) after
    /// the date is accepted, because Excel writes a date cell whose format includes a time
    /// as `2022/1/5 0:00`; the clerk typed a date. Any other time is refused: it would be
    /// a timestamp, and which day it falls on is not ours to guess.
    ///
    /// The day of the week Excel and WPS add in their long Chinese date format may follow
    /// (`2020年11月19日星期四`, `2020-11-19 周四`, `2020/11/19（星期四）`); it must be the date's
    /// own weekday, else the cell is refused (one of the two was mistyped).
    ///
    /// Refused: dates that do not exist (`2022-02-30`), two-digit years (`22-1-5`, which
    /// could be 1922 or 2022), day-first dates (`19/11/2020`: `05/11/2020` could be either
    /// month), three-digit months or days, signs, and anything after the date or its midnight.
    public init?(clerkText text: some StringProtocol) {
        var scanner = ClerkDateScanner(text)
        guard let date = scanner.date() else { return nil }
        self = date
    }

    /// The date of an Excel serial day number in the 1900 date system (Windows Excel's
    /// default, and what a date cell becomes when a column is formatted as a number).
    ///
    /// Serial 1 is 1900-01-01. Excel counts a 29 February 1900 that never was (a bug kept
    /// for Lotus 1-2-3 compatibility) as serial 60, which is refused; from serial 61
    /// (1900-03-01) on, the date is 1899-12-30 plus the serial. The largest serial,
    /// 2958465, is 9999-12-31.
    ///
    ///     CivilDate(excelSerial: 45000)  // 2023-03-15
    ///
    /// - Returns: `nil` for serials outside 1...2958465 and for 60.
    public init?(excelSerial serial: Int) {
        switch serial {
        case 1...59: self = CivilDate(year: 1899, month: 12, day: 31)!.adding(days: serial)
        case 61...CivilDate.maximumExcelSerial: self = CivilDate(year: 1899, month: 12, day: 30)!.adding(days: serial)
        default: return nil
        }
    }

    /// Excel's last date, 9999-12-31.
    public static let maximumExcelSerial = 2_958_465

    /// The serial if `text` is a plain integer in 1...2958465 (surrounding white space
    /// allowed, and a fraction of zeros as a number-formatted cell may be written:
    /// `44154.0`; no sign, no leading zero), else `nil`. `44154.5` is a time of day: nil.
    ///
    /// A date column that Excel formatted as a number holds such integers. Any integer
    /// column does too, so the caller applies this only to date columns. No eight-digit
    /// `YYYYMMDD` date is in range, so the two never collide.
    public static func excelSerial(in text: some StringProtocol) -> Int? {
        var digits = Array(text.unicodeScalars)
        while let last = digits.last, last.properties.isWhitespace { digits.removeLast() }
        digits.removeFirst(digits.prefix { $0.properties.isWhitespace }.count)
        if let point = digits.firstIndex(of: "."), point > 0, point < digits.count - 1, digits[(point + 1)...].allSatisfy({ $0 == "0" }) {
            digits.removeSubrange(point...)
        }
        guard (1...7).contains(digits.count), digits.first != "0",
              digits.allSatisfy({ (0x30...0x39).contains($0.value) })
        else { return nil }
        let serial = digits.reduce(0) { $0 * 10 + Int($1.value - 0x30) }
        return serial <= maximumExcelSerial ? serial : nil
    }
}

/// Reads one clerk-typed date from the start of a text; the state of `CivilDate(clerkText:)`.
private struct ClerkDateScanner {
    /// The text's scalars without surrounding white space, full-width forms folded to ASCII.
    private let scalars: [Unicode.Scalar]
    private var position = 0

    init(_ text: some StringProtocol) {
        var scalars = text.unicodeScalars.map { scalar in
            (0xFF01...0xFF5E).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0xFEE0)! : scalar
        }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        self.scalars = Array(scalars.drop { $0.properties.isWhitespace })
    }

    mutating func date() -> CivilDate? {
        guard let (year, yearDigits) = number(maxDigits: 8) else { return nil }
        let date: CivilDate?
        if yearDigits == 8 {
            date = CivilDate(year: year / 10_000, month: year / 100 % 100, day: year % 100)
        } else {
            guard yearDigits == 4, let separator = next() else { return nil }
            guard let (month, _) = number(maxDigits: 2) else { return nil }
            let expected: Unicode.Scalar = separator == "年" ? "月" : separator
            guard [Unicode.Scalar("-"), "/", ".", "年"].contains(separator), next() == expected,
                  let (day, _) = number(maxDigits: 2)
            else { return nil }
            if separator == "年", peek() == "日" { position += 1 }
            date = CivilDate(year: year, month: month, day: day)
        }
        guard let date else { return nil }
        guard isAtEnd || weekdayToEnd(of: date) || midnightToEnd() else { return nil }
        return date
    }

    /// `星期四`, `周四`, `(星期四)`, `（周四）`, after an optional space, naming `date`'s own
    /// weekday, and nothing after it.
    private mutating func weekdayToEnd(of date: CivilDate) -> Bool {
        var rest = String(String.UnicodeScalarView(scalars[position...]))
        if rest.hasPrefix(" ") { rest.removeFirst() }
        if (rest.hasPrefix("(") && rest.hasSuffix(")")) || (rest.hasPrefix("（") && rest.hasSuffix("）")) {
            rest = String(rest.dropFirst().dropLast())
        }
        for prefix in ["星期", "礼拜", "周"] where rest.hasPrefix(prefix) {
            rest.removeFirst(prefix.count)
            // 1970-01-01 was a Thursday; 0 is Sunday.
            let weekday = ((date.daysSince1970 % 7) + 7 + 4) % 7
            let names: [[String]] = [["日", "天"], ["一"], ["二"], ["三"], ["四"], ["五"], ["六"]]
            return names[weekday].contains(rest)
        }
        return false
    }

    /// ` 0:00`, ` 00:00`, ` 0:00:00` or ` 00:00:00`, and nothing after it.
    private mutating func midnightToEnd() -> Bool {
        guard next() == " " else { return false }
        let rest = String(String.UnicodeScalarView(scalars[position...]))
        return ["0:00", "00:00", "0:00:00", "00:00:00"].contains(rest)
    }

    /// One to `maxDigits` ASCII digits (more than `maxDigits` is no number), and how many.
    private mutating func number(maxDigits: Int) -> (value: Int, digits: Int)? {
        var value = 0, count = 0
        while let scalar = peek(), (0x30...0x39).contains(scalar.value) {
            count += 1
            guard count <= maxDigits else { return nil }
            value = value * 10 + Int(scalar.value - 0x30)
            position += 1
        }
        return count == 0 ? nil : (value, count)
    }

    private var isAtEnd: Bool { position == scalars.count }

    private func peek() -> Unicode.Scalar? { isAtEnd ? nil : scalars[position] }

    private mutating func next() -> Unicode.Scalar? {
        defer { if !isAtEnd { position += 1 } }
        return peek()
    }
}
