import PolicyKit
import ResidentIO

/// What each column of a CSV roster is, from its header, as a clerk means it: a quote
/// input by its batch key or Chinese header (`category`, `人员类别`, `ＣＡＴＥＧＯＲＹ`), a column
/// carried to the output (name, village and anything else), or a result column of
/// premium's own output being fed back in.
///
/// A header that is no known name but within a few edits of one (`categroy`, `paid-on`
/// matches exactly after normalising) is taken for a misspelling, and the run stops
/// before any pricing: silently carrying it would price the roster wrong. `--carry`
/// names a column to carry anyway. A header far from every name is carried.
struct ColumnMatcher {
    enum Column: Equatable {
        case field(RecordField)
        /// Carried; `village` marks the column batch totals by village group by.
        case carried(village: Bool)
        /// A result column of premium's own CSV output, recomputed rather than read.
        case result
        /// The error column of premium's own CSV output: a row with an error there and
        /// its field columns empty is an error again (its input is not in the output).
        case previousError
        /// A column with no header (Excel's empty trailing columns): its cells must be empty.
        case unnamed
    }

    /// Normalised name → column, for every name the table knows.
    private let known: [String: Column]
    /// The names as written, for suggestions, with what to call them in a message.
    private let names: [(name: String, shown: LocalizedText)]
    private let carry: Set<String>

    /// Columns premium carries by meaning, with their Chinese headers.
    static let nameHeaders = ["name", "姓名"]
    /// Other columns township rosters have, which no quote reads: carried as they are.
    /// A Chinese header not known here, nor a field, nor given to `--carry`, stops the
    /// run: a column premium does not understand may hold what the price depends on
    /// (`类型` for the group, `缴费` for the date), and ignoring it would price the roster
    /// wrong. Headers without Chinese characters are carried.
    static let otherHeaders = [
        "id", "no", "note", "notes", "remark", "remarks", "phone", "address", "gender", "sex", "age",
        "序号", "编号", "顺序号", "性别", "民族", "年龄", "联系电话", "电话", "手机", "手机号", "手机号码", "联系方式",
        "地址", "住址", "家庭住址", "户籍地址", "现住址", "户主", "户主姓名", "与户主关系", "关系", "户号", "户编号",
        "备注", "说明", "组", "村民小组", "小组", "乡镇", "镇", "街道", "乡镇（街道）", "社保卡号", "医保卡号", "医保编号",
        "银行账号", "缴费金额", "金额", "实缴金额", "收款人", "经办人", "核实情况", "状态",
    ]
    static let villageHeaders = ["village", "村", "村居", "社区", "村名", "行政村", "所在村", "村（社区）"]

    /// Whether a header names the ID number field.
    static func isIDNumber(_ header: String) -> Bool {
        let key = HeaderMatch.normalized(header)
        return ResidentField.of(.idNumber).keys.contains(key)
            || ResidentField.of(.idNumber).headers.contains { HeaderMatch.normalized($0) == key }
    }

    init(carry: [String]) {
        var known: [String: Column] = [:], names: [(String, LocalizedText)] = []
        for field in RecordField.allCases {
            // A field's Chinese headers name its single-value key (`category`, not `categories`).
            let headers = field.isList ? [] : field.field.headers
            for name in [field.name] + headers {
                known[HeaderMatch.normalized(name)] = .field(field)
                let chinese = field.field.headers.first
                names.append((name, name == field.name
                    ? LocalizedText(zh: "“\(name)”" + (chinese.map { "（\($0)）" } ?? ""), en: "'\(name)'" + (chinese.map { " (\($0))" } ?? ""))
                    : LocalizedText(zh: "“\(name)”（\(field.name)）", en: "'\(name)' (\(field.name))")))
            }
        }
        for name in ColumnMatcher.nameHeaders { known[HeaderMatch.normalized(name)] = .carried(village: false); names.append((name, LocalizedText(zh: "“\(name)”", en: "'\(name)'"))) }
        for name in ColumnMatcher.villageHeaders { known[HeaderMatch.normalized(name)] = .carried(village: true); names.append((name, LocalizedText(zh: "“\(name)”", en: "'\(name)'"))) }
        for name in ColumnMatcher.otherHeaders where known[HeaderMatch.normalized(name)] == nil {
            known[HeaderMatch.normalized(name)] = .carried(village: false)
        }
        self.known = known
        self.names = names
        self.carry = Set(carry.map(HeaderMatch.normalized))
    }

    /// A field's Chinese header inside a longer header (`参保人员类别（低保等）`,
    /// `缴费日期（年月日）`, `身份证号（18位）`): the clerk most likely means that field, and
    /// carrying the column would price the roster as if it were missing.
    private func containedName(_ key: String) -> String? {
        names.map(\.name).filter { name in
            name.unicodeScalars.contains { $0.value > 0x7F } && name.count >= 2 && key.contains(HeaderMatch.normalized(name))
        }.max { $0.count < $1.count }
    }

    /// Whether a header names a column premium knows (a field, 姓名, 村 …).
    func knows(_ header: String) -> Bool { known[HeaderMatch.normalized(header)] != nil }

    /// A header that names a date premium does not read (`参保日期`, `登记时间`): carrying it
    /// silently would price the roster as if its payment dates were missing.
    private static func looksLikeADate(_ key: String) -> Bool {
        ["日期", "时间", "年月日"].contains { key.contains($0) } || key.hasSuffix("date") || key.hasSuffix("_on")
    }

    /// The date fields, as a message lists them.
    private static let dateFields: LocalizedText = {
        let fields = ResidentField.all.filter { if case .date = $0.kind { true } else { false } }
        return LocalizedText(zh: fields.map { $0.headers[0] }.joined(separator: "、"), en: fields.map(\.name).joined(separator: ", "))
    }()

    /// The columns of a header row. Throws for a misspelt header and for a header
    /// naming a column twice.
    func columns(_ header: [String]) throws(BatchStop) -> [Column] {
        // premium's own output: its line number and result columns are not input.
        let normalized = header.map(HeaderMatch.normalized)
        let isOwnOutput = (normalized.first == BatchResult.lineColumn(.en) && ["enrollable", "payable", "reason_code"].allSatisfy(normalized.contains))
            || (normalized.first == BatchResult.lineColumn(.zh) && ["可参保", "应缴金额", "原因代码"].allSatisfy(normalized.contains))
        var columns: [Column] = []
        for (name, key) in zip(header, normalized) {
            if key.isEmpty {
                columns.append(.unnamed)
            } else if let column = known[key] {
                columns.append(column)
            } else if BatchResult.isResultHeader(key) {
                guard isOwnOutput else {
                    throw .invalid(LocalizedText(zh: "输入列“\(Echo.value(name))”与 batch 输出的列同名，请改名",
                                                 en: "input column '\(Echo.value(name))' is also a column batch writes; rename it"))
                }
                columns.append(key == "error" || key == "错误" ? .previousError : .result)
            } else if !carry.contains(key), let suggestion = HeaderMatch.closest(to: name, among: names.map(\.name)) ?? containedName(key) {
                let shown = names.first { $0.name == suggestion }!.shown
                throw .invalid(LocalizedText(
                    zh: "无法识别列“\(Echo.value(name))”；您是否要输入\(shown.zh)？（如要原样保留该列，请加 --carry '\(Echo.value(name))'）",
                    en: "column '\(Echo.value(name))' is not known; did you mean \(shown.en)? (to keep it as it is, add --carry '\(Echo.value(name))')"))
            } else if !carry.contains(key), ColumnMatcher.looksLikeADate(key) {
                throw .invalid(LocalizedText(
                    zh: "列“\(Echo.value(name))”看起来是日期，但 premium 只读取这些日期列：\(ColumnMatcher.dateFields.zh)；如果它是缴费日期，请把表头改为“缴费日期”；如要原样保留该列，请加 --carry '\(Echo.value(name))'",
                    en: "column '\(Echo.value(name))' looks like a date, but the dates premium reads are \(ColumnMatcher.dateFields.en); if it is the payment date, name it paid_on (缴费日期); to keep it as it is, add --carry '\(Echo.value(name))'"))
            } else if carry.contains(key) || !key.unicodeScalars.contains(where: { $0.value >= 0x2E80 }) {
                // A header in Chinese is a clerk's; one without Chinese characters may be a
                // script's own column (`id`, `note`), carried as `batch` always has.
                columns.append(.carried(village: false))
            } else {
                throw .invalid(LocalizedText(
                    zh: "无法识别列“\(Echo.value(name))”：它不是 premium 读取的字段，也不是姓名、村、序号、联系电话、备注等常见列；如果它是某个字段，请改用该字段的表头（见 premium batch --help）；如要原样保留该列，请加 --carry '\(Echo.value(name))'",
                    en: "column '\(Echo.value(name))' is not known: no field premium reads, nor a usual column (name, village, phone, note …); if it is a field, use its header (see premium batch --help); to keep it as it is, add --carry '\(Echo.value(name))'"))
            }
        }
        // A field named by two columns (`category` and `类别`) would be read twice.
        var seen: [RecordField: String] = [:]
        for (name, column) in zip(header, columns) {
            guard case .field(let field) = column else { continue }
            if let other = seen[field] {
                throw .invalid(LocalizedText(zh: "“\(Echo.value(other))”和“\(Echo.value(name))”两列都给出了 \(field.name)",
                                             en: "columns '\(Echo.value(other))' and '\(Echo.value(name))' both give '\(field.name)'"))
            }
            seen[field] = name
        }
        return columns
    }
}
