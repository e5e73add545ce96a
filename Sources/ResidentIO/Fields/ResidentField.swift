import PolicyKit

/// One input a quote takes, declared once: its `quote` flag, its batch field names, its
/// Chinese column headers, what kind of value it holds, and its help. The flag parser,
/// `QuoteRequest`, the batch decoders (JSON Lines and CSV), batch help and completion all
/// read this table; adding an input is one row (and, for a new kind of fact, a field of
/// `Resident`).
public struct ResidentField: Sendable {
    /// What a field's value is, and where it goes.
    public enum Kind: Hashable, Sendable {
        case region
        case year
        case tier
        /// Hardship groups: a repeatable flag; in batch a string (`category`) or an array
        /// of strings (`categories`).
        case categories
        case date(DateInput)
        /// A citizen identity number (GB 11643): checked, and the birth date it holds.
        case idNumber
        /// A yes/no fact: a flag without a value; in batch a truth value.
        case situation(Situation)
    }

    /// The dates a resident may have.
    public enum DateInput: Hashable, Sendable {
        case paidOn, born, schoolEntry, leftEmployeeInsurance, recognizedOn

        public func set(_ date: CivilDate, on resident: inout Resident) {
            switch self {
            case .paidOn: resident.paidOn = date
            case .born: resident.born = date
            case .schoolEntry: resident.schoolEntry = date
            case .leftEmployeeInsurance: resident.leftEmployeeInsurance = date
            case .recognizedOn: resident.recognizedOn = date
            }
        }
    }

    /// The position in `all`, for arrays of values indexed by field.
    public let index: Int
    public let kind: Kind
    /// The `quote` flag, without dashes (`paid-on`).
    public let flag: String
    /// The batch field names; the first is the field's name in messages (`paid_on`).
    public let keys: [String]
    /// Column headers a clerk's spreadsheet may use (`缴费日期`).
    public let headers: [String]
    /// The help line's placeholder; nil for a flag without a value.
    public let placeholder: String?
    public let help: LocalizedText

    public var name: String { keys[0] }

    /// Every input, in the order help lists them.
    public static let all: [ResidentField] = {
        var rows: [(Kind, String, [String], [String], String?, LocalizedText)] = [
            (.idNumber, "id-number", ["id_number"], ["身份证号", "公民身份号码", "身份证号码", "身份证", "证件号码", "公民身份证号"], "18 digits", LocalizedText(
                zh: "公民身份号码（18位，或15位旧号码）：校验其校验码；未给出 --born 时，出生日期取自身份证号。",
                en: "Citizen identity number (公民身份号码): its check digit is checked, and it gives the date of birth when --born is not given.")),
            (.region, "region", ["region"], ["地区", "区县"], "region", LocalizedText(
                zh: "地区，中文名或拼音代码均可：北塔区 beita、南城 nancheng、南安 nanan、东至 dongzhi、朱集 zhuji。必填。",
                en: "Region id or Chinese name: beita 北塔区, nancheng 南城, nanan 南安, dongzhi 东至, zhuji 朱集. Required.")),
            (.year, "year", ["year"], ["年度"], "yyyy", LocalizedText(
                zh: "政策年度（默认：征缴期包含缴费日期的那一年度的通知，否则为最新一年；结果会注明）。",
                en: "Policy year (default: the notice whose collection holds the payment date, else the latest; the output says which).")),
            (.categories, "category", ["category", "categories"], ["人员类别", "类别", "资助类别", "困难类别", "参保类别", "参保人员类别", "身份类别", "困难群体类别"], "id", LocalizedText(
                zh: "困难群体类别，中文名或代码均可（如 低保 dibao）；多个类别可重复给出。默认：无。",
                en: "Hardship group, id or Chinese name (e.g. dibao 低保); repeat for several. Default: none.")),
            (.date(.paidOn), "paid-on", ["paid_on"], ["缴费日期", "缴费时间", "缴费年月日", "参保缴费日期"], "yyyy-mm-dd", LocalizedText(
                zh: "缴费日期（默认：按在集中缴费期内缴费计算，结果会注明）。",
                en: "Day of payment (default: inside the centralised window, and the output says so).")),
            (.tier, "tier", ["tier"], ["档次", "缴费档次"], "1|2", LocalizedText(
                zh: "缴费档次，仅适用于通知分两档的地区（南城 一档/二档）。默认一档。",
                en: "Fee tier where the notice has two (nancheng 一档/二档). Default 1.")),
            (.date(.born), "born", ["born"], ["出生日期", "出生年月日"], "yyyy-mm-dd", LocalizedText(
                zh: "出生日期：用于新生儿规定和年龄条件。", en: "Date of birth: newborn rules and age conditions.")),
            (.date(.schoolEntry), "school-entry", ["school_entry"], ["入学日期"], "yyyy-mm-dd", LocalizedText(
                zh: "大学生入学日期（与 --student 一起使用）。", en: "College students: day of entering school (with --student).")),
            (.date(.leftEmployeeInsurance), "left-employee-insurance", ["left_employee_insurance"], ["职工医保断保日期"], "yyyy-mm-dd", LocalizedText(
                zh: "职工医保停止缴费（断保/转入）的日期。", en: "Day employee-insurance contributions stopped (职工医保断保/转入).")),
            (.date(.recognizedOn), "recognized-on", ["recognized_on"], ["认定日期"], "yyyy-mm-dd", LocalizedText(
                zh: "被认定为困难群体的日期，用于动态新增/新认定。", en: "Day of recognition as a hardship group, for dynamic additions (动态新增/新认定).")),
        ]
        for situation in Situation.allCases {
            rows.append((.situation(situation), situation.rawValue, [key(forFlag: situation.rawValue)],
                         [situation.meaning.zh] + (shortHeaders[situation] ?? []), nil,
                         LocalizedText(zh: situation.meaning.zh + "。", en: situation.meaning.en + " (" + situation.meaning.zh + ").")))
        }
        return rows.enumerated().map { index, row in
            ResidentField(index: index, kind: row.0, flag: row.1, keys: row.2, headers: row.3, placeholder: row.4, help: row.5)
        }
    }()

    /// The short column headers rosters give the situations, besides their full meaning.
    private static let shortHeaders: [Situation: [String]] = [
        .household: ["以户参保", "整户参保"], .newEmployment: ["新就业形态"], .specialCase: ["特殊情形"],
        .student: ["在校学生", "学生"], .newStudent: ["新生"], .migrantWorker: ["返乡农民工", "农民工"],
        .dischargedSoldier: ["退役军人", "复转军人"], .leftOtherScheme: ["刑满释放人员"], .unborn: ["未出生婴儿"],
        .graduate: ["应届毕业生"],
    ]

    /// The field of a kind (each kind has one row).
    public static func of(_ kind: Kind) -> ResidentField { all[indexOfKind[kind]!] }

    private static let indexOfKind: [Kind: Int] = Dictionary(uniqueKeysWithValues: all.map { ($0.kind, $0.index) })

    /// The truth values a situation field may hold (ASCII words in any case, as Excel
    /// writes TRUE): true, 1, yes, 是, √; false, 0, no, 否, empty. Nil for anything else.
    public static func truth(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "1", "yes", "是", "√": true
        case "false", "0", "no", "否", "": false
        default: nil
        }
    }

    /// Whether a character separates hardship groups in one value (a CSV cell, a
    /// `--category` value, a JSON `category` string): `;` `；` `、` `,` `，` `|` and white
    /// space (no group's name or alias has any of them).
    public static func separatesCategories(_ character: Character) -> Bool {
        character == ";" || character == "；" || character == "、" || character == "," || character == "，" || character == "|"
            || character.isWhitespace
    }

    /// Words a roster uses for "no hardship group" (`无`, `普通`): read as none when the
    /// region has no group of that name.
    public static let noCategoryWords: Set<String> = ["无", "普通", "普通居民", "一般", "一般居民", "非困难群体", "none"]

    /// The truth values in words, for messages and help.
    public static let truthWords = LocalizedText(zh: "是/否、true/false、1/0、yes/no、√ 或留空",
                                                 en: "true/false, 1/0, yes/no, 是/否, √ or leave it empty")
}

extension ResidentField {
    /// A field named by its flag in a quote's message: `缴费日期 --paid-on`, `--paid-on`.
    public static func flagLabel(_ flag: String) -> LocalizedText {
        let header = all.first { $0.flag == flag }?.headers.first
        return LocalizedText(zh: (header.map { $0 + " " } ?? "") + "--" + flag, en: "--" + flag)
    }

    /// A field named as a roster column in a batch message: `缴费日期`, `paid_on`.
    public static func columnLabel(_ flag: String) -> LocalizedText {
        let field = all.first { $0.flag == flag }
        return LocalizedText(zh: field?.headers.first ?? key(forFlag: flag), en: key(forFlag: flag))
    }

    /// A flag's name as a batch key: `paid-on` → `paid_on`.
    public static func key(forFlag flag: String) -> String { String(flag.map { $0 == "-" ? "_" : $0 }) }
}
