/// The cover a way of joining gives by its own rules, before the coverage year bounds
/// it: the start its rule names, the end its rule names, and the waiting days between.
/// The engine then moves a start before the coverage year to its first day and applies
/// cover extensions; anyone who needs the dates a rule gives (the batch pricer fills
/// them into results it has worked out once) asks here, so the rules live in one place.
public struct CoverDates: Equatable, Sendable {
    /// Nil when the rule's date is not known (no birth or school-entry date given, or a
    /// notice that does not say).
    public let start: CivilDate?
    public let end: CivilDate
    public let waitingDays: Int
}

extension RegionPolicy {
    /// The cover `route` gives a resident paying on `paidOn`.
    public func coverByRule(on route: Route, paidOn: CivilDate, for resident: Resident) -> CoverDates {
        var start: CivilDate?
        var waitingDays = 0
        switch route.benefitStart {
        case .coverageStart: start = coverage.from
        case .birth: start = resident.born
        case .paymentDay: start = paidOn
        case .dayAfterPayment: start = paidOn.adding(days: 1)
        case .nextMonth: start = paidOn.firstOfNextMonth
        case .waitingDays(let days):
            start = paidOn.adding(days: days + 1)
            waitingDays = days
        case .waitingMonths(let months):
            let last = paidOn.adding(months: months)
            start = last.adding(days: 1)
            waitingDays = paidOn.days(until: last)
        case .schoolEntry: start = resident.schoolEntry
        case .unknown: start = nil
        }
        let end: CivilDate
        switch route.benefitEnd {
        case .coverageEnd:
            end = coverage.to
        case .schoolYearEnd(let month, let day):
            let from = resident.schoolEntry ?? start ?? paidOn
            var candidate = CivilDate(year: from.year, month: month, day: min(day, CivilDate.daysIn(month: month, year: from.year)))!
            if candidate <= from {
                candidate = CivilDate(year: from.year + 1, month: month, day: min(day, CivilDate.daysIn(month: month, year: from.year + 1)))!
            }
            end = candidate
        case .date(let date):
            end = date
        }
        return CoverDates(start: start, end: end, waitingDays: waitingDays)
    }

    /// Whether `route`'s cover dates depend on the payment date (and so can differ
    /// between residents whose other dates fall in the same intervals): a start counted
    /// from payment, or an end counted from it or from school entry.
    public func coverFollowsPayment(on route: Route) -> Bool {
        switch route.benefitStart {
        case .paymentDay, .dayAfterPayment, .nextMonth, .waitingDays, .waitingMonths: return true
        case .coverageStart, .birth, .schoolEntry, .unknown: break
        }
        switch route.benefitEnd {
        case .schoolYearEnd: return true
        case .coverageEnd, .date: return false
        }
    }

    /// The payment date assumed when none is given: the day of birth for a child born
    /// after the centralised window opened, else the window's first day.
    public func assumedPayment(born: CivilDate?) -> (date: CivilDate, onBirth: Bool) {
        if let born, born > centralisedWindow.from { return (born, true) }
        return (centralisedWindow.from, false)
    }
}
