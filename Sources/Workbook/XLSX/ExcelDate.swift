/// Excel's date serial numbers in the 1900 and 1904 date systems.
///
/// In the 1900 system serial 1 is 1900-01-01 and serial 60 is Excel's nonexistent
/// 1900-02-29 (kept for Lotus 1-2-3 compatibility); from serial 61 (1900-03-01) on, the
/// serial is the count of days since 1899-12-30. In the 1904 system (old Mac workbooks,
/// `workbookPr date1904="1"`) serial 0 is 1904-01-01.
public enum ExcelDate {
    /// The 1900-system serial of a proleptic Gregorian date from 1900-03-01 on.
    public static func serial(year: Int, month: Int, day: Int) -> Int {
        daysFromCivil(year: year, month: month, day: day) - daysFromCivil(year: 1899, month: 12, day: 30)
    }

    /// The calendar date of a serial's whole part, or nil for serials 0 (1900-01-00) and 60 in
    /// the 1900 system, a negative serial, or text that is no number.
    public static func civil(serial text: String, uses1904Dates: Bool = false) -> (year: Int, month: Int, day: Int)? {
        let whole = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? text
        guard let days = Int(whole), days >= 0, days < 3_000_000 else { return nil }
        if uses1904Dates { return civil(days: daysFromCivil(year: 1904, month: 1, day: 1) + days) }
        if days == 0 || days == 60 { return nil }
        let base = days < 60 ? daysFromCivil(year: 1899, month: 12, day: 31) : daysFromCivil(year: 1899, month: 12, day: 30)
        return civil(days: base + days)
    }

    /// Days since 1970-01-01 (Howard Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension ExcelDate {
    /// A serial as ISO 8601 text: `2021-01-15` for a whole day, `2021-01-15 08:30:00` with a
    /// time of day, `08:30:00` for a time alone (serial below 1); nil when it is no date.
    public static func isoText(serial text: String, uses1904Dates: Bool = false) -> String? {
        guard let value = Double(text), value >= 0, value < 3_000_000 else { return nil }
        var days = Int(value)
        var seconds = Int(((value - Double(days)) * 86_400).rounded())
        if seconds == 86_400 { days += 1; seconds = 0 }
        func two(_ number: Int) -> String { number < 10 ? "0\(number)" : "\(number)" }
        let time = two(seconds / 3600) + ":" + two(seconds / 60 % 60) + ":" + two(seconds % 60)
        if days == 0 && !uses1904Dates { return seconds == 0 ? nil : time }
        guard let date = civil(serial: String(days), uses1904Dates: uses1904Dates) else { return nil }
        let year = String(date.year), day = year + "-" + two(date.month) + "-" + two(date.day)
        return seconds == 0 ? day : day + " " + time
    }
}
