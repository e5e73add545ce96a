/// The facts about one resident that a quote depends on.
///
/// Everything is optional: an empty `Resident` is an ordinary resident paying inside
/// the centralised window.
public struct Resident: Equatable, Hashable, Sendable {
    /// Hardship category ids (already resolved against the region).
    public var categories: [String]
    /// The day of payment; `nil`: inside the centralised window (and the quote says so).
    public var paidOn: CivilDate?
    /// The fee tier; `nil`: tier 1.
    public var tier: Int?
    /// Date of birth, for newborn rules and age conditions.
    public var born: CivilDate?
    public var situations: Set<Situation>
    /// The day the student entered school.
    public var schoolEntry: CivilDate?
    /// The day employee-insurance contributions stopped.
    public var leftEmployeeInsurance: CivilDate?
    /// The day the resident was recognised as a hardship group (a dynamic addition).
    public var recognizedOn: CivilDate?

    public init(categories: [String] = [], paidOn: CivilDate? = nil, tier: Int? = nil, born: CivilDate? = nil,
                situations: Set<Situation> = [], schoolEntry: CivilDate? = nil,
                leftEmployeeInsurance: CivilDate? = nil, recognizedOn: CivilDate? = nil) {
        self.categories = categories
        self.paidOn = paidOn
        self.tier = tier
        self.born = born
        self.situations = situations
        self.schoolEntry = schoolEntry
        self.leftEmployeeInsurance = leftEmployeeInsurance
        self.recognizedOn = recognizedOn
    }
}
