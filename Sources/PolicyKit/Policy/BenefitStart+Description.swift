extension BenefitStart {
    /// The rule in words, e.g. "自缴费次月1日起" / "from the 1st of the month after payment".
    public func describe(coverageFrom: CivilDate) -> LocalizedText {
        switch self {
        case .coverageStart: LocalizedText(zh: "自待遇期开始（\(coverageFrom)）起", en: "from the start of the coverage year (\(coverageFrom))")
        case .birth: LocalizedText(zh: "自出生之日起", en: "from the day of birth")
        case .paymentDay: LocalizedText(zh: "自缴费当日起", en: "from the day of payment")
        case .dayAfterPayment: LocalizedText(zh: "自缴费次日起", en: "from the day after payment")
        case .nextMonth: LocalizedText(zh: "自缴费次月1日起", en: "from the 1st of the month after payment")
        case .waitingDays(let days): LocalizedText(zh: "缴费后设\(days)天等待期，期满次日起", en: "after a \(days)-day waiting period from payment")
        case .waitingMonths(let months): LocalizedText(zh: "缴费后设\(months)个月等待期，期满次日起", en: "after a \(months)-month waiting period from payment")
        case .schoolEntry: LocalizedText(zh: "自入学之日起", en: "from the day of entering school")
        case .unknown: LocalizedText(zh: "通知未规定待遇开始日期", en: "the notice does not say when cover starts")
        }
    }
}
