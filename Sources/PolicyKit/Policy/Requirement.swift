/// A condition on a resident; every key that is set must hold.
///
/// Routes, subsidies and surcharge exemptions list requirements as "any of", so
/// `[{situation: household}, {born_after_days: 90}]` reads "a household, or a child
/// more than 90 days old". Day counting: the event day is not counted, so
/// `born_within_days: 90` holds when paid on or before birth + 90 days.
public struct Requirement: Equatable, Hashable, Sendable {
    public var situation: Situation?
    /// Holds when the resident has any of these categories.
    public var categories: [String]?
    /// Holds when the resident has a category marked as a hardship group.
    public var hardship: Bool?
    /// Holds when the resident gave a date of recognition as a hardship group.
    public var recognized: Bool?
    /// Paid no earlier than birth and at most this many days after it.
    public var bornWithinDays: Int?
    /// Paid no earlier than birth and at most this many months after it.
    public var bornWithinMonths: Int?
    /// Paid more than this many days after birth.
    public var bornAfterDays: Int?
    /// Age on the payment date below this many years.
    public var ageUnder: Int?
    /// Age on the payment date at least this many years.
    public var ageAtLeast: Int?
    /// Left employee insurance (any time).
    public var leftEmployeeInsurance: Bool?
    /// Left employee insurance at most this many months before paying.
    public var employeeStoppedWithinMonths: Int?
    /// Left employee insurance more than this many months before paying.
    public var employeeStoppedAfterMonths: Int?
    /// Paid at most this many months after entering school.
    public var schoolEntryWithinMonths: Int?
    /// Entered school inside this period.
    public var schoolEntryIn: Period?

    static let keys = [
        "situation", "categories", "hardship", "recognized", "born_within_days", "born_within_months",
        "born_after_days", "age_under", "age_at_least", "left_employee_insurance",
        "employee_stopped_within_months", "employee_stopped_after_months", "school_entry_within_months",
        "school_entry_in",
    ]

    init(_ node: JSONNode) throws(PolicyError) {
        let object = try node.object()
        if let situationNode = object.optional("situation") {
            let name = try situationNode.string()
            guard let value = Situation(rawValue: name) else {
                throw situationNode.failure("unknown situation '\(name)'"
                    + Suggestion.didYouMean(name, among: Situation.allCases.map(\.rawValue)))
            }
            situation = value
        }
        categories = try object.optional("categories")?.strings()
        hardship = try object.optional("hardship")?.bool()
        recognized = try object.optional("recognized")?.bool()
        bornWithinDays = try object.optional("born_within_days")?.int(in: 1...3660)
        bornWithinMonths = try object.optional("born_within_months")?.int(in: 1...120)
        bornAfterDays = try object.optional("born_after_days")?.int(in: 0...3660)
        ageUnder = try object.optional("age_under")?.int(in: 1...150)
        ageAtLeast = try object.optional("age_at_least")?.int(in: 0...150)
        leftEmployeeInsurance = try object.optional("left_employee_insurance")?.bool()
        employeeStoppedWithinMonths = try object.optional("employee_stopped_within_months")?.int(in: 0...120)
        employeeStoppedAfterMonths = try object.optional("employee_stopped_after_months")?.int(in: 0...120)
        schoolEntryWithinMonths = try object.optional("school_entry_within_months")?.int(in: 0...24)
        schoolEntryIn = try object.optional("school_entry_in").map { (node) throws(PolicyError) in try Period(node) }
        try object.finish()
        guard self != Requirement() else {
            throw node.failure("an empty requirement always holds; omit it instead")
        }
    }

    init() {}

    static func list(_ node: JSONNode?) throws(PolicyError) -> [Requirement] {
        guard let node else { return [] }
        var result: [Requirement] = []
        for element in try node.array() { result.append(try Requirement(element)) }
        return result
    }
}
