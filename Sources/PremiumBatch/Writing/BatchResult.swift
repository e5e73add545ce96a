#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PolicyKit
import ResidentIO

/// The shape of a batch result: its JSON keys and CSV columns, and how an answer and an
/// error are written as either.
enum BatchResult {
    /// Every key a batch output line may have (JSON members with and without `--full`,
    /// and the CSV columns): an input field of one of these names would be written twice.
    static let outputKeys: [String] = [
        "line", "error", "assumptions", "benefit_end", "benefit_start", "benefit_start_rule", "categories",
        "enrollable", "fiscal_subsidy", "individual_fee", "late_surcharge", "notes", "paid_on", "paid_on_assumed",
        "payable", "reason", "reason_code", "refund_later", "region", "route", "sources", "subsidies", "subsidy",
        "subsidy_category", "tier", "waiting_days", "year",
    ]

    /// Whether `key`, which names no input field, is one of `outputKeys`: compared by
    /// length and first byte before any bytes (this runs for every carried member).
    /// `BatchResultTests` checks it against `outputKeys`.
    @inline(__always)
    static func isOutputKey(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        func is_(_ name: StaticString) -> Bool {
            key[0] == name.utf8Start[0] && memcmp(name.utf8Start, key.baseAddress!, name.utf8CodeUnitCount) == 0
        }
        switch key.count {
        case 4: return is_("line")
        case 5: return is_("error") || is_("notes") || is_("route")
        case 6: return is_("reason")
        case 7: return is_("sources") || is_("payable") || is_("subsidy")
        case 9: return is_("subsidies")
        case 10: return is_("enrollable")
        case 11: return is_("reason_code") || is_("benefit_end") || is_("assumptions")
        case 12: return is_("refund_later") || is_("waiting_days")
        case 13: return is_("benefit_start")
        case 14: return is_("fiscal_subsidy") || is_("late_surcharge") || is_("individual_fee")
        case 15: return is_("paid_on_assumed")
        case 16: return is_("subsidy_category")
        case 18: return is_("benefit_start_rule")
        default: return false
        }
    }

    static let csvColumns = [
        "region", "year", "categories", "tier", "paid_on", "enrollable", "individual_fee", "fiscal_subsidy",
        "late_surcharge", "subsidy", "subsidy_category", "payable", "refund_later", "benefit_start", "benefit_end",
        "waiting_days", "route", "reason_code", "reason", "error",
    ]

    /// `csvColumns` as a Chinese header names them, in the same order. The input columns
    /// among them (地区, 年度, 人员类别, 档次, 缴费日期) are their fields' Chinese headers,
    /// so the output reads back; the others name no input (`享受资助类别`, not `资助类别`,
    /// which is a header of `category`).
    static let chineseColumns = [
        "地区", "年度", "人员类别", "档次", "缴费日期", "可参保", "个人缴费标准", "财政补助",
        "逾期加收", "资助金额", "享受资助类别", "应缴金额", "先缴后返金额", "待遇开始日期", "待遇结束日期",
        "等待期天数", "参保途径", "原因代码", "原因", "错误",
    ]

    /// The header of the line-number column.
    static func lineColumn(_ language: Language) -> String { language == .zh ? "行号" : "line" }

    /// The result columns' headers in `language`.
    static func columns(_ language: Language) -> [String] { language == .zh ? chineseColumns : csvColumns }

    /// Whether a (normalised) CSV header is one of the result columns batch writes, in
    /// either language, or its line-number column.
    static func isResultHeader(_ key: String) -> Bool {
        outputKeys.contains(key) || chineseColumns.contains(key) || key == lineColumn(.zh)
    }

    /// Writes `"error":…` (compact JSON members, no braces) or the CSV cells of an error.
    static func write(error message: String, csv: Bool, into buffer: ByteBuffer) {
        if csv {
            for _ in 1..<csvColumns.count { buffer.append(UInt8(ascii: ",")) }
            buffer.append(CSV.text(message))
        } else {
            var json = JSONWriter(pretty: false, into: buffer)
            json.key("error"); json.string(message)
        }
    }

    /// The `csvColumns` that hold text (region, categories, subsidy_category, route,
    /// reason_code, reason, error): the others hold numbers, dates and booleans.
    private static let textColumns: Set<Int> = [0, 2, 10, 16, 17, 18, 19]

    /// The hole a CSV column is, for templates.
    static func csvHole(column: Int) -> ResultTemplate.Hole? {
        switch csvColumns[column] {
        case "paid_on": .paidOn
        case "benefit_start": .benefitStart
        case "benefit_end": .benefitEnd
        case "waiting_days": .waitingDays
        default: nil
        }
    }

    /// The JSON member that holds a hole, up to its value: `"paid_on":`.
    static func jsonKey(of hole: ResultTemplate.Hole) -> String {
        switch hole {
        case .paidOn: #""paid_on":"#
        case .benefitStart: #""benefit_start":"#
        case .benefitEnd: #""benefit_end":"#
        case .waitingDays: #""waiting_days":"#
        }
    }

    /// The result columns of a CSV row, each escaped. In Chinese, the region, groups and
    /// route by their Chinese names and yes/no as 是/否 (all of which batch reads back).
    static func csvCells(_ quote: Quote, policy: RegionPolicy, language: Language) -> [String] {
        let enrolled = quote.enrollable, zh = language == .zh
        func money(_ amount: Fen) -> String { enrolled ? amount.jsonNumber : "" }
        func group(_ id: String) -> String { zh ? policy.category(id)?.name.zh ?? id : id }
        let cells: [String] = [
            zh ? policy.name.zh : quote.region, String(quote.year), quote.categories.map(group).joined(separator: zh ? "、" : ";"),
            String(quote.tier), quote.paidOn.description, enrolled ? (zh ? "是" : "true") : (zh ? "否" : "false"),
            quote.individualFee.jsonNumber, quote.fiscalSubsidy.jsonNumber, money(quote.lateSurcharge), money(quote.subsidy),
            quote.subsidyCategory.map(group) ?? "", money(quote.payable), money(quote.refundLater),
            quote.benefitStart?.description ?? "", quote.benefitEnd?.description ?? "",
            enrolled ? String(quote.waitingDays) : "", quote.route.map { zh ? $0.name.zh : $0.id } ?? "", quote.refusal?.code ?? "",
            quote.refusal?.text(language) ?? "", "",
        ]
        return cells.enumerated().map { index, cell in textColumns.contains(index) ? CSV.text(cell) : CSV.escape(cell) }
    }
}
