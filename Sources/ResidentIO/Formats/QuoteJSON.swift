import PolicyKit

/// The JSON contract of a quote: snake_case keys in sorted order, amounts as yuan
/// numbers computed in fen, dates as `"YYYY-MM-DD"` or `null`.
///
/// When the resident cannot join, the money and cover fields are `null` and `reason`
/// says why. `full: false` (batch without `--full`) leaves out the long texts:
/// `assumptions`, `notes` and `sources`.
public enum QuoteJSON {
    public static func write(_ quote: Quote, language: Language, full: Bool, into json: inout JSONWriter) {
        let enrolled = quote.enrollable
        func money(_ key: StaticString, _ amount: Fen) {
            json.key(key)
            enrolled ? json.yuan(amount) : json.null()
        }
        if full {
            json.key("assumptions")
            json.strings(quote.assumptions.map { $0.text(language) })
        }
        json.key("benefit_end"); json.date(quote.benefitEnd)
        json.key("benefit_start"); json.date(quote.benefitStart)
        json.key("benefit_start_rule")
        if enrolled { json.string(quote.benefitStartRule.id) } else { json.null() }
        json.key("categories"); json.strings(quote.categories)
        json.key("enrollable"); json.bool(enrolled)
        json.key("fiscal_subsidy"); json.yuan(quote.fiscalSubsidy)
        json.key("individual_fee"); json.yuan(quote.individualFee)
        money("late_surcharge", quote.lateSurcharge)
        if full {
            json.key("notes")
            json.strings(quote.notes.map { $0(language) })
        }
        json.key("paid_on"); json.date(quote.paidOn)
        json.key("paid_on_assumed"); json.bool(quote.paidOnAssumed)
        money("payable", quote.payable)
        json.key("reason")
        if let refusal = quote.refusal { json.string(refusal.text(language)) } else { json.null() }
        json.key("reason_code")
        if let refusal = quote.refusal { json.string(refusal.code) } else { json.null() }
        money("refund_later", quote.refundLater)
        json.key("region"); json.string(quote.region)
        json.key("route")
        if let route = quote.route { json.string(route.id) } else { json.null() }
        if full {
            json.key("sources"); json.strings(quote.sources)
        }
        json.key("subsidies")
        json.beginArray()
        for line in quote.subsidies {
            json.element()
            json.beginObject()
            json.key("amount"); json.yuan(line.amount)
            json.key("category"); json.string(line.category)
            json.key("funded_by"); json.string(line.funder.id)
            json.key("source"); json.string(quote.document, space: line.clause)
            json.key("when"); json.string(line.timing.rawValue)
            json.endObject()
        }
        json.endArray()
        money("subsidy", quote.subsidy)
        json.key("subsidy_category")
        if let category = quote.subsidyCategory { json.string(category) } else { json.null() }
        json.key("tier"); json.int(quote.tier)
        json.key("waiting_days")
        enrolled ? json.int(quote.waitingDays) : json.null()
        json.key("year"); json.int(quote.year)
    }

    /// The whole document for `quote --json`, pretty-printed with a trailing newline.
    public static func render(_ quote: Quote, policy: RegionPolicy, language: Language) -> String {
        var json = JSONWriter(pretty: true, capacity: 4096)
        json.beginObject()
        write(quote, language: language, full: true, into: &json)
        json.endObject()
        return json.text
    }
}
