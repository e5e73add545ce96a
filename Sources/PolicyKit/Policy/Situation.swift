/// A fact about a resident that some notice treats specially, beyond hardship groups.
///
/// These are generic concepts; which notice cares about which one is policy data.
public enum Situation: String, CaseIterable, Sendable {
    /// Enrols with the whole household (以户为单位参保).
    case household
    /// New forms of employment, first enrolment with a residence permit (新就业形态从业人员).
    case newEmployment = "new-employment"
    /// One of a notice's listed special late cases (户籍新迁入、弃婴、未就业毕业生 …).
    case specialCase = "special-case"
    /// A full-time college student enrolled through the school (全日制大中专学生).
    case student
    /// A newly admitted pupil or student (入学新生).
    case newStudent = "new-student"
    /// A migrant worker home for the Spring Festival (春节返乡农民工).
    case migrantWorker = "migrant-worker"
    /// A soldier discharged this year, or an accompanying unemployed spouse (退役军人及随军配偶).
    case dischargedSoldier = "discharged-soldier"
    /// Released from prison or leaving another scheme (刑满释放等退出其他制度保障).
    case leftOtherScheme = "left-other-scheme"
    /// Paid in advance for a child not yet born (为未出生婴儿提前缴费).
    case unborn
    /// Has a disability (残疾人), for conditions such as nanan's 低保边缘.
    case disabled
    /// A student graduating this summer without employee insurance (毕业当年未参加职工医保).
    case graduate

    /// What the situation means, for help text and explanations.
    public var meaning: LocalizedText {
        switch self {
        case .household: LocalizedText(zh: "以户为单位参保", en: "enrols with the whole household")
        case .newEmployment: LocalizedText(zh: "新就业形态从业人员凭居住证初次参保", en: "new-employment worker joining for the first time")
        case .specialCase: LocalizedText(zh: "通知列明的特殊情形（新迁入户口、未就业毕业生、弃婴等）", en: "one of the notice's listed special late cases")
        case .student: LocalizedText(zh: "在校学生（各地范围不同，见各地通知）", en: "a student (each notice defines which)")
        case .newStudent: LocalizedText(zh: "入学新生", en: "newly admitted student")
        case .migrantWorker: LocalizedText(zh: "春节返乡农民工", en: "migrant worker home for the Spring Festival")
        case .dischargedSoldier: LocalizedText(zh: "退役军人（各地范围不同，见各地通知）", en: "a discharged soldier (each notice defines which)")
        case .leftOtherScheme: LocalizedText(zh: "刑满释放人员等（各地范围不同，见各地通知）", en: "released from prison, or the like (each notice defines which)")
        case .unborn: LocalizedText(zh: "为未出生婴儿提前缴费", en: "advance payment for an unborn child")
        case .disabled: LocalizedText(zh: "残疾人", en: "person with a disability")
        case .graduate: LocalizedText(zh: "毕业当年未参加职工医保的学生", en: "student graduating this year without employee insurance")
        }
    }
}
