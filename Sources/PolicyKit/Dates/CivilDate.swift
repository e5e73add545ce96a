/// A day on the proleptic Gregorian calendar, with no time of day and no time zone.
///
/// Every date in the notices is a civil date. Day counting follows the Civil Code
/// (art. 201): the day an event happens is not counted, so "within 90 days of B" means
/// on or before `B.adding(days: 90)`.
public struct CivilDate: Hashable, Comparable, Sendable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Returns `nil` unless the fields name a real date (so `2021-02-29` is rejected).
    /// Inlinable: it is the check of every date a roster gives (`init(isoBytes:)`).
    @inlinable
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CivilDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// A date whose fields are known to name a real day (one taken apart and put back,
    /// as batch packs a checked date into a word): no check.
    @inlinable
    package init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD` (ASCII digits only; no signs, no time part).
    public init?(iso8601 text: some StringProtocol) {
        var text = String(text)
        guard let date = text.withUTF8({ CivilDate(isoBytes: $0) }) else { return nil }
        self = date
    }

    /// Parses `YYYY-MM-DD` from ten bytes (the fast path used by batch input): the
    /// first eight as one word, checked for digits and dashes in one test. Inlinable, so
    /// that a roster's dates are read where they are decoded.
    @inlinable
    public init?(isoBytes bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 10,
              // "YYYY-MM-", lowest byte first: "0" less at the digits, "-" at the dashes.
              let head = DigitWord.values(DigitWord.load(bytes, at: 0), less: 0x2D30_302D_3030_3030, maxima: 0x0009_0900_0909_0909)
        else { return nil }
        let tens = bytes[8] &- 48, units = bytes[9] &- 48
        guard tens < 10, units < 10 else { return nil }
        let year = DigitWord.byte(head, 0) * 1000 + DigitWord.byte(head, 1) * 100 + DigitWord.byte(head, 2) * 10 + DigitWord.byte(head, 3)
        self.init(year: year, month: DigitWord.byte(head, 5) * 10 + DigitWord.byte(head, 6), day: Int(tens) * 10 + Int(units))
    }

    /// Whether `year` has a 29 February.
    @inlinable
    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in a month.
    @inlinable
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

extension CivilDate {
    /// Days since 1970-01-01 (negative before), by Hinnant's `days_from_civil`.
    /// Inlinable: batch takes it of each resident's dates, and a call cost more than the
    /// arithmetic.
    @inlinable
    public var daysSince1970: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01, by Hinnant's `civil_from_days`.
    public init(daysSince1970 days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(unchecked: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> CivilDate {
        CivilDate(daysSince1970: daysSince1970 + days)
    }

    /// The same day-of-month `months` months later, or that month's last day when it
    /// has no such day: 2020-11-30 + 3 months = 2021-02-28.
    public func adding(months: Int) -> CivilDate {
        let index = year * 12 + (month - 1) + months
        let newYear = index / 12
        let newMonth = index % 12 + 1
        return CivilDate(unchecked: newYear, newMonth, min(day, CivilDate.daysIn(month: newMonth, year: newYear)))
    }

    /// The 1st of the following month ("从缴费的下个月起").
    public var firstOfNextMonth: CivilDate {
        month == 12 ? CivilDate(unchecked: year + 1, 1, 1) : CivilDate(unchecked: year, month + 1, 1)
    }

    /// The number of days from `self` to `other` (positive when `other` is later).
    public func days(until other: CivilDate) -> Int { other.daysSince1970 - daysSince1970 }

    /// Completed years of age on `date` for someone born on `self` (a 29 February
    /// birthday is reached on 1 March in common years).
    public func age(on date: CivilDate) -> Int {
        var years = date.year - year
        if (date.month, date.day) < (month, day) { years -= 1 }
        return years
    }

    /// Today's date in China (UTC+8 all year, no daylight saving) for a Unix time.
    public static func inChina(unixSeconds: Int) -> CivilDate {
        let seconds = unixSeconds + 8 * 3600
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        return CivilDate(daysSince1970: days)
    }
}

extension CivilDate: CustomStringConvertible {
    /// `YYYY-MM-DD`.
    public var description: String {
        String(unsafeUninitializedCapacity: 10) { buffer in
            let (year, month, day) = (self.year, self.month, self.day)
            buffer[0] = UInt8(48 + year / 1000 % 10); buffer[1] = UInt8(48 + year / 100 % 10)
            buffer[2] = UInt8(48 + year / 10 % 10); buffer[3] = UInt8(48 + year % 10)
            buffer[4] = UInt8(ascii: "-")
            buffer[5] = UInt8(48 + month / 10); buffer[6] = UInt8(48 + month % 10)
            buffer[7] = UInt8(ascii: "-")
            buffer[8] = UInt8(48 + day / 10); buffer[9] = UInt8(48 + day % 10)
            return 10
        }
    }
}
