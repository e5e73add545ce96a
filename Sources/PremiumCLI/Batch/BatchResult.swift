import PolicyKit

/// One record's answer, rendered once and reused for every identical record.
struct BatchResult {
    /// What one record adds to the summary. Many records share a tally, so the runner
    /// counts records per tally and multiplies at the end.
    struct Tally: Hashable {
        /// A subsidy amount by funder id.
        struct Share: Hashable {
            let funder: String
            let amount: Int
        }

        var error = false
        var enrollable = false
        var payable = 0
        var refundLater = 0
        var subsidyTotal = 0
        var subsidyCategory: String?
        var subsidyByFunder: [Share] = []
    }

    /// Compact JSON members (no braces) of the quote, or `"error":…`.
    var json: [UInt8]
    /// CSV cells of the result columns.
    var csv: [UInt8]
    var tally = Tally()

    static let csvColumns = [
        "region", "year", "categories", "tier", "paid_on", "enrollable", "individual_fee", "fiscal_subsidy",
        "late_surcharge", "subsidy", "subsidy_category", "payable", "refund_later", "benefit_start", "benefit_end",
        "waiting_days", "route", "reason_code", "reason", "error",
    ]

    init(error message: String) {
        tally.error = true
        var json = JSONWriter(pretty: false, capacity: 64)
        json.key("error"); json.string(message)
        self.json = json.bytes
        csv = Array((String(repeating: ",", count: BatchResult.csvColumns.count - 1) + CSV.escape(message)).utf8)
    }

    init(quote: Quote, policy: RegionPolicy, language: Language, full: Bool, csv wantCSV: Bool) {
        let enrolled = quote.enrollable
        json = []
        csv = []
        if wantCSV {
            csv = BatchResult.csvCells(quote, language: language)
        } else {
            var json = JSONWriter(pretty: false, capacity: 512)
            QuoteJSON.write(quote, policy: policy, language: language, full: full, into: &json)
            self.json = json.bytes
        }
        tally.enrollable = enrolled
        if enrolled {
            tally.payable = quote.payable.rawValue
            tally.refundLater = quote.refundLater.rawValue
            tally.subsidyTotal = quote.subsidies.reduce(0) { $0 + $1.amount.rawValue }
            tally.subsidyCategory = quote.subsidyCategory
            tally.subsidyByFunder = quote.subsidies.map { Tally.Share(funder: $0.funder.id, amount: $0.amount.rawValue) }
        }
    }

    /// The result columns of a CSV row.
    private static func csvCells(_ quote: Quote, language: Language) -> [UInt8] {
        let enrolled = quote.enrollable
        func money(_ amount: Fen) -> String { enrolled ? amount.jsonNumber : "" }
        let cells: [String] = [
            quote.region, String(quote.year), quote.categories.joined(separator: ";"), String(quote.tier),
            quote.paidOn.description, enrolled ? "true" : "false", quote.individualFee.jsonNumber,
            quote.fiscalSubsidy.jsonNumber, money(quote.lateSurcharge), money(quote.subsidy),
            quote.subsidyCategory ?? "", money(quote.payable), money(quote.refundLater),
            quote.benefitStart?.description ?? "", quote.benefitEnd?.description ?? "",
            enrolled ? String(quote.waitingDays) : "", quote.route?.id ?? "", quote.refusal?.code ?? "",
            quote.refusal?.text(language) ?? "", "",
        ]
        return Array(cells.map(CSV.escape).joined(separator: ",").utf8)
    }
}
