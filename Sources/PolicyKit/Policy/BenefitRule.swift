/// When cover starts for a way of joining, as the notice says.
public enum BenefitStart: Equatable, Hashable, Sendable {
    /// The first day of the coverage year (集中缴费 → 1 January).
    case coverageStart
    /// The day of birth (新生儿"落地"参保).
    case birth
    /// The day of payment (从缴费之日起).
    case paymentDay
    /// The day after payment (自参保缴费次日起).
    case dayAfterPayment
    /// The 1st of the month after payment (从缴费的下个月起).
    case nextMonth
    /// After a waiting period of N days: paid on D, cover starts D + N + 1.
    case waitingDays(Int)
    /// After a waiting period of N months: paid on D, cover starts the day after D + N months.
    case waitingMonths(Int)
    /// The day of entering school.
    case schoolEntry
    /// The notice does not say; the quote says so instead of guessing.
    case unknown

    /// A stable id for JSON output (`benefit_start_rule`).
    public var id: String {
        switch self {
        case .coverageStart: "coverage_start"
        case .birth: "birth"
        case .paymentDay: "payment_day"
        case .dayAfterPayment: "day_after_payment"
        case .nextMonth: "next_month"
        case .waitingDays: "waiting_days"
        case .waitingMonths: "waiting_months"
        case .schoolEntry: "school_entry"
        case .unknown: "unknown"
        }
    }

    init(_ node: JSONNode) throws(PolicyError) {
        let object = try node.object()
        let ruleNode = try object.required("rule")
        let rule = try ruleNode.string()
        switch rule {
        case "coverage_start": self = .coverageStart
        case "birth": self = .birth
        case "payment_day": self = .paymentDay
        case "day_after_payment": self = .dayAfterPayment
        case "next_month": self = .nextMonth
        case "waiting_days": self = .waitingDays(try object.required("days").int(in: 1...3660))
        case "waiting_months": self = .waitingMonths(try object.required("months").int(in: 1...120))
        case "school_entry": self = .schoolEntry
        case "unknown": self = .unknown
        default:
            throw ruleNode.failure("unknown benefit-start rule '\(rule)'" + Suggestion.didYouMean(rule, among: [
                "coverage_start", "birth", "payment_day", "day_after_payment", "next_month",
                "waiting_days", "waiting_months", "school_entry", "unknown",
            ]))
        }
        try object.finish()
    }
}

/// When cover ends for a way of joining.
public enum BenefitEnd: Equatable, Hashable, Sendable {
    /// The last day of the coverage year.
    case coverageEnd
    /// The first given month-day after school entry (a school year ending 31 August).
    case schoolYearEnd(month: Int, day: Int)
    /// A fixed date.
    case date(CivilDate)

    init(_ node: JSONNode) throws(PolicyError) {
        let object = try node.object()
        let ruleNode = try object.required("rule")
        let rule = try ruleNode.string()
        switch rule {
        case "coverage_end": self = .coverageEnd
        case "school_year_end":
            let month = try object.required("month").int(in: 1...12)
            let day = try object.required("day").int(in: 1...31)
            self = .schoolYearEnd(month: month, day: day)
        case "date": self = .date(try object.required("date").date())
        default:
            throw ruleNode.failure("unknown benefit-end rule '\(rule)'"
                + Suggestion.didYouMean(rule, among: ["coverage_end", "school_year_end", "date"]))
        }
        try object.finish()
    }
}
