import PolicyKit
import ResidentIO

/// Prices residents by their `PricingKey`: the first resident of a key is quoted by
/// `QuoteEngine`, and his result, with holes for the dates that differ, serves every
/// later resident of that key.
///
/// The number of keys is bounded by the policies (their intervals, groups, tiers and
/// situations), not by the roster. Where a printed text names one of the resident's own
/// dates (a refusal's "paid on 2021-07-15 …"), the result is kept under the key plus
/// those dates exactly; such results are bounded only by the calendar, so past
/// `exactLimit` of them they are quoted afresh each time, which costs time, never memory.
final class CompiledPricer {
    private let compiled: [CompiledPolicy]
    private let language: Language
    private let full: Bool
    private let csv: Bool
    /// Template number by key; `CompiledPricer.exactMarker` when the key's results print
    /// the resident's dates.
    private var byKey: [PricingKey: Int32] = [:]
    private var byExactKey: [ExactKey: Int32] = [:]
    private(set) var templates: [ResultTemplate] = []
    /// Each text saying how a year was chosen, numbered for the key.
    private var selections: [String: Int] = [:]

    static let exactMarker: Int32 = -1
    /// Results kept under exact dates, at most.
    static let exactLimit = 1 << 16
    /// Results kept by key, at most (far more than the shipped policies have).
    static let keyLimit = 1 << 18

    /// A key with the resident's dates as given.
    private struct ExactKey: Hashable {
        let key: PricingKey
        let dates: [Int]
    }

    init(store: PolicyStore, language: Language, full: Bool, csv: Bool) {
        compiled = store.policies.enumerated().map { CompiledPolicy($1, number: $0) }
        self.language = language
        self.full = full
        self.csv = csv
    }

    /// A result to write: its template, and the dates that fill its holes.
    struct Priced {
        let template: ResultTemplate
        let paidOn: CivilDate
        let cover: CoverDates?
    }

    /// The result for `resident` under the policy numbered `policy` in the store.
    func price(policy number: Int, _ resident: Resident, selection: LocalizedText? = nil) -> Priced {
        let compiled = compiled[number]
        let policy = compiled.policy
        let paidOn = resident.paidOn ?? policy.assumedPayment(born: resident.born).date
        let key = compiled.key(resident, paidOn: paidOn, selection: selectionNumber(selection))
        if !key.overflow, let found = byKey[key] {
            if found != CompiledPricer.exactMarker {
                let template = templates[Int(found)]
                let cover = template.needsCover ? policy.coverByRule(on: template.route!, paidOn: paidOn, for: resident) : nil
                return Priced(template: template, paidOn: paidOn, cover: cover)
            }
            let exact = ExactKey(key: key, dates: CompiledPricer.dates(of: resident))
            if let found = byExactKey[exact] { return Priced(template: templates[Int(found)], paidOn: paidOn, cover: nil) }
        }
        return compile(compiled, resident, paidOn: paidOn, key: key, selection: selection)
    }

    /// Quotes `resident` with the engine and keeps the result as a template for his key.
    private func compile(_ compiled: CompiledPolicy, _ resident: Resident, paidOn: CivilDate, key: PricingKey,
                         selection: LocalizedText?) -> Priced {
        let policy = compiled.policy
        let template: ResultTemplate
        var cover: CoverDates?
        var exact: Bool
        do {
            let quote = try QuoteEngine(policy: policy, selection: selection).quote(resident)
            cover = quote.route.map { policy.coverByRule(on: $0, paidOn: paidOn, for: resident) }
            exact = printsOwnDates(quote, resident: resident, cover: cover)
            template = ResultTemplate.make(quote, cover: cover, exact: exact, csv: csv, language: language, full: full,
                                           tally: CompiledPricer.tally(quote))
        } catch {
            let message = RequestError.policy(error).message
            exact = CompiledPricer.names(message, datesOf: resident, paidOn: paidOn, cover: nil)
            template = ResultTemplate.error(message, csv: csv)
        }
        guard !key.overflow else { return Priced(template: template, paidOn: paidOn, cover: cover) }
        if exact {
            guard byExactKey.count < CompiledPricer.exactLimit, byKey.count < CompiledPricer.keyLimit else {
                return Priced(template: template, paidOn: paidOn, cover: cover)
            }
            byKey[key] = CompiledPricer.exactMarker
            byExactKey[ExactKey(key: key, dates: CompiledPricer.dates(of: resident))] = keep(template)
        } else {
            guard byKey.count < CompiledPricer.keyLimit else { return Priced(template: template, paidOn: paidOn, cover: cover) }
            byKey[key] = keep(template)
        }
        return Priced(template: template, paidOn: paidOn, cover: template.needsCover ? cover : nil)
    }

    private func keep(_ template: ResultTemplate) -> Int32 {
        template.number = Int32(templates.count)
        templates.append(template)
        return template.number
    }

    private func selectionNumber(_ selection: LocalizedText?) -> Int {
        guard let selection else { return 0 }
        let text = selection.zh + "\u{0}" + selection.en
        if let number = selections[text] { return number }
        let number = selections.count + 1
        selections[text] = number
        return number
    }

    /// Whether a text the result prints names one of the resident's dates (or a date
    /// derived from them): then the result holds for those dates only.
    private func printsOwnDates(_ quote: Quote, resident: Resident, cover: CoverDates?) -> Bool {
        var texts: [String] = []
        if let refusal = quote.refusal { texts.append(refusal.text(language)) }
        if full {
            texts += quote.assumptions.map { $0.text(language) }
            texts += quote.notes.map { $0(language) }
        }
        return texts.contains { CompiledPricer.names($0, datesOf: resident, paidOn: quote.paidOn, cover: cover) }
    }

    private static func names(_ text: String, datesOf resident: Resident, paidOn: CivilDate, cover: CoverDates?) -> Bool {
        let dates = [paidOn, resident.born, resident.schoolEntry, resident.leftEmployeeInsurance, resident.recognizedOn,
                     cover?.start, cover?.end].compactMap { $0 }
        return dates.contains { text.contains($0.description) }
    }

    /// The resident's own dates as day numbers (nil as a value no date has).
    private static func dates(of resident: Resident) -> [Int] {
        [resident.paidOn, resident.born, resident.schoolEntry, resident.leftEmployeeInsurance, resident.recognizedOn]
            .map { $0?.daysSince1970 ?? Int.min }
    }

    private static func tally(_ quote: Quote) -> BatchTally {
        var tally = BatchTally(enrollable: quote.enrollable)
        if quote.enrollable {
            tally.payable = quote.payable.rawValue
            tally.refundLater = quote.refundLater.rawValue
            tally.subsidyTotal = quote.subsidies.reduce(0) { $0 + $1.amount.rawValue }
            tally.subsidyCategory = quote.subsidyCategory
            tally.subsidyByFunder = quote.subsidies.map { BatchTally.Share(funder: $0.funder.id, amount: $0.amount.rawValue) }
        }
        return tally
    }
}
