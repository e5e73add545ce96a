#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
    private let store: PolicyStore
    /// Each policy compiled when a record first names it: a roster of one region pays
    /// for one (walking a policy's data for its thresholds is most of batch's start-up).
    private var compiled: [CompiledPolicy?]
    private let language: Language
    private let full: Bool
    private let csv: Bool
    /// Template number by key; when the key's results print some of the resident's own
    /// dates, `-1 - mask` with a bit per date printed (see `dates(of:mask:)`).
    ///
    /// Sized from the start for more keys than a year of the shipped notices gives a
    /// realistic roster (1,613 at 10^6 residents), so that it does not double halfway
    /// through a run.
    private let byKey = KeyTable(capacity: 1 << 12)
    private var byExactKey: [ExactKey: Int32] = [:]
    /// Template numbers with this bit set in `byKey` are unconfirmed: their texts had the
    /// payment or cover dates cut out for the first resident of the key, whose payment
    /// day is in `unconfirmedDays` (`confirm`).
    private static let unconfirmed: Int32 = 1 << 30
    private var unconfirmedDays: [PricingKey: Int] = [:]
    private(set) var templates: [ResultTemplate] = []
    private var byShape: [ResultTemplate.Shape: Int32] = [:]
    /// Each text saying how a year was chosen, numbered for the key.
    private var selections: [String: Int] = [:]

    /// Results kept under exact dates, at most.
    static let exactLimit = 1 << 16
    /// Results kept by key, at most (far more than the shipped policies have).
    static let keyLimit = 1 << 18
    /// Bytes of kept results, at most: past it, new results are quoted afresh each time.
    static let byteBudget = 16 << 20
    private var keptBytes = 0

    /// A key with the resident's dates as given.
    private struct ExactKey: Hashable {
        let key: PricingKey
        let dates: OwnDays
    }

    /// The dates a mask names, packed (`ResidentFacts.Packed`: 0 for a date not given),
    /// and `UInt32.max` for the dates it does not name, in the order of the mask's bits.
    private struct OwnDays: Hashable {
        var paidOn: UInt32, born: UInt32, schoolEntry: UInt32, leftEmployeeInsurance: UInt32, recognizedOn: UInt32
    }

    init(store: PolicyStore, language: Language, full: Bool, csv: Bool) {
        self.store = store
        compiled = Array(repeating: nil, count: store.policies.count)
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
        let compiled = compiled[number] ?? compile(policy: number)
        return price(compiled, ResidentFacts(resident, categoryIDs: compiled.categoryIDs), selection: selection, resident: resident)
    }

    /// The result for a resident decoded as `facts` under the policy numbered `policy`.
    @inline(__always)
    func price(policy number: Int, _ facts: ResidentFacts) -> Priced {
        price(compiled[number] ?? compile(policy: number), facts, selection: nil, resident: nil)
    }

    /// `resident`: the resident the facts were made from, when there was one (else the
    /// engine is given the one the facts describe).
    private func price(_ compiled: CompiledPolicy, _ facts: ResidentFacts, selection: LocalizedText?, resident: Resident?) -> Priced {
        let policy = compiled.policy
        let born = facts.born
        let paidOn = facts.paidOn ?? policy.assumedPayment(born: born).date
        let paidDay = paidOn.daysSince1970
        let key = compiled.key(facts, paidOn: paidOn, paidDay: paidDay, born: born, selection: selectionNumber(selection))
        if !key.overflow, let found = byKey[key] {
            var number = found
            if found < 0 {
                let exact = ExactKey(key: key, dates: CompiledPricer.dates(of: facts, paidOn: paidOn, mask: -1 - found))
                number = byExactKey[exact] ?? -1
            }
            if number >= 0 {
                if number & CompiledPricer.unconfirmed != 0 {
                    number &= ~CompiledPricer.unconfirmed
                    if unconfirmedDays[key] != paidDay {
                        return confirm(number, compiled, resident ?? facts.resident(categoryIDs: compiled.categoryIDs), facts,
                                       paidOn: paidOn, key: key, selection: selection)
                    }
                }
                let template = templates[Int(number)]
                let cover = template.routeIndex.map {
                    compiled.cover(route: $0, paidOn: paidOn, paidDay: paidDay, facts)
                }
                return Priced(template: template, paidOn: paidOn, cover: cover)
            }
        }
        return compile(compiled, resident ?? facts.resident(categoryIDs: compiled.categoryIDs), facts,
                       paidOn: paidOn, key: key, selection: selection)
    }

    private func compile(policy number: Int) -> CompiledPolicy {
        let made = CompiledPolicy(store.policies[number], number: number)
        compiled[number] = made
        return made
    }

    /// Quotes `resident` with the engine and keeps the result as a template for his key.
    ///
    /// A result whose texts name the payment date or a cover date and no other date of
    /// the resident's (a refusal: "2021-11-16缴费无法参保：…") is kept with those dates cut
    /// out of the texts too, so it serves the whole key; until a resident paying on
    /// another day confirms it (`confirm`), it is not trusted for other days.
    private func compile(_ compiled: CompiledPolicy, _ resident: Resident, _ facts: ResidentFacts, paidOn: CivilDate,
                         key: PricingKey, selection: LocalizedText?) -> Priced {
        let (priced, mask, cut) = quote(compiled, resident, paidOn: paidOn, selection: selection, textDates: true)
        guard !key.overflow, keptBytes + priced.template.size <= CompiledPricer.byteBudget, byKey.count < CompiledPricer.keyLimit
        else { return priced }
        if cut {
            byKey.set(key, keep(priced.template) | CompiledPricer.unconfirmed)
            unconfirmedDays[key] = paidOn.daysSince1970
        } else if mask == 0 {
            byKey.set(key, keep(priced.template))
        } else if byExactKey.count < CompiledPricer.exactLimit {
            byKey.set(key, -1 - mask)
            byExactKey[ExactKey(key: key, dates: CompiledPricer.dates(of: facts, paidOn: paidOn, mask: mask))] = keep(priced.template)
        }
        return priced
    }

    /// The engine's result for `resident`, as a template, and which of his dates its
    /// texts name. With `textDates`, a result whose texts name the payment date or the
    /// cover dates, and no other date of the resident's, has them cut out of the texts
    /// (`cut`).
    private func quote(_ compiled: CompiledPolicy, _ resident: Resident, paidOn: CivilDate, selection: LocalizedText?,
                       textDates: Bool) -> (Priced, mask: Int32, cut: Bool) {
        let policy = compiled.policy
        do {
            let quote = try QuoteEngine(policy: policy, selection: selection).quote(resident)
            let cover = quote.route.map { policy.coverByRule(on: $0, paidOn: paidOn, for: resident) }
            let named = printedDates(quote, resident: resident, cover: cover)
            // Texts that name the payment date or the cover dates, and none of the
            // resident's other dates, can have them cut out.
            let cut = textDates && named.own & ~1 == 0 && named.mask != 0
            let template = ResultTemplate.make(quote, policy: policy, cover: cover, csv: csv, language: language, full: full,
                                               tally: CompiledPricer.tally(quote, policy: compiled.number),
                                               textHoles: !cut ? [] : named.cover ? [.paidOn, .benefitStart, .benefitEnd] : [.paidOn])
            if template.needsCover { template.routeIndex = policy.routes.firstIndex { $0 === quote.route } }
            return (Priced(template: template, paidOn: paidOn, cover: cover), cut ? 0 : named.mask, cut)
        } catch {
            let message = RequestError.policy(error).message(language)
            let mask = CompiledPricer.printed(in: message, datesOf: resident, paidOn: paidOn, cover: nil).mask
            return (Priced(template: ResultTemplate.error(message, csv: csv), paidOn: paidOn, cover: nil), mask, false)
        }
    }

    /// The first resident of an unconfirmed key paying on another day than the one its
    /// result (template `number`) was made for: quoted by the engine. When his result is
    /// the template filled with his dates, the template serves the key from now on; when
    /// it is not (a text gave a literal date that was the first resident's), the key's
    /// results are kept by exact dates, as for any text naming the resident's dates.
    private func confirm(_ number: Int32, _ compiled: CompiledPolicy, _ resident: Resident, _ facts: ResidentFacts,
                         paidOn: CivilDate, key: PricingKey, selection: LocalizedText?) -> Priced {
        unconfirmedDays[key] = nil
        let template = templates[Int(number)]
        let (priced, _, _) = quote(compiled, resident, paidOn: paidOn, selection: selection, textDates: true)
        if priced.template.writesLike(template) {
            byKey.set(key, number)
            return Priced(template: template, paidOn: paidOn, cover: priced.cover)
        }
        // The first resident's exact result is worked out again when his dates recur.
        let (exact, mask, _) = quote(compiled, resident, paidOn: paidOn, selection: selection, textDates: false)
        byKey.set(key, -1 - mask)
        if byExactKey.count < CompiledPricer.exactLimit, keptBytes + exact.template.size <= CompiledPricer.byteBudget {
            byExactKey[ExactKey(key: key, dates: CompiledPricer.dates(of: facts, paidOn: paidOn, mask: mask))] = keep(exact.template)
        }
        return exact
    }

    /// The number of a template that writes what `template` writes, kept once: many
    /// keys share a result (a refusal, an ordinary payer's fee), so the results kept are
    /// bounded by the answers the notices give, not by the keys.
    private func keep(_ template: ResultTemplate) -> Int32 {
        let shape = template.shape
        if let known = byShape[shape] { return known }
        template.number = Int32(templates.count)
        templates.append(template)
        keptBytes += template.size
        byShape[shape] = template.number
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

    /// Which of the resident's dates a text the result prints names: a bit each for the
    /// payment date, birth, school entry, employee insurance stopped and recognition
    /// (`dates(of:mask:)`), and whether one names a cover start or end. `mask` counts a
    /// date derived from them (a cover date) as all of them. Zero: no text names one,
    /// and the result holds for the whole key.
    ///
    /// Which dates a text names is fixed by the branch of the engine that wrote it, and
    /// so by the key; a coincidence (a literal date equal to the resident's) only adds
    /// a bit, which keeps more results apart than needed, never fewer.
    private func printedDates(_ quote: Quote, resident: Resident, cover: CoverDates?) -> Named {
        var texts: [String] = []
        if let refusal = quote.refusal { texts.append(refusal.text(language)) }
        if full {
            texts += quote.assumptions.map { $0.text(language) }
            texts += quote.notes.map { $0(language) }
        }
        return texts.reduce(Named(own: 0, cover: false)) {
            let named = CompiledPricer.printed(in: $1, datesOf: resident, paidOn: quote.paidOn, cover: cover)
            return Named(own: $0.own | named.own, cover: $0.cover || named.cover)
        }
    }

    /// The dates a result's texts name.
    private struct Named {
        /// A bit per own date (`dates(of:mask:)`).
        let own: Int32
        /// Whether a cover start or end is named.
        let cover: Bool
        /// The dates the result depends on: a cover date depends on all of them.
        var mask: Int32 { own | (cover ? 0b11111 : 0) }
    }

    private static func printed(in text: String, datesOf resident: Resident, paidOn: CivilDate, cover: CoverDates?) -> Named {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.contains(UInt8(ascii: "-")) else { return Named(own: 0, cover: false) }
            func names(_ date: CivilDate?) -> Bool {
                guard let date, bytes.count >= 10 else { return false }
                var needle = date.description
                return needle.withUTF8 { needle in
                    (0...(bytes.count - 10)).contains { at in
                        bytes[at] == needle[0] && memcmp(bytes.baseAddress! + at, needle.baseAddress!, 10) == 0
                    }
                }
            }
            var own: Int32 = 0
            for (bit, date) in ownDates(resident, paidOn: paidOn).enumerated() where names(date) { own |= 1 << bit }
            return Named(own: own, cover: names(cover?.start) || names(cover?.end))
        }
    }

    /// The resident's own dates, in the order of the bits of a mask.
    private static func ownDates(_ resident: Resident, paidOn: CivilDate) -> [CivilDate?] {
        [paidOn, resident.born, resident.schoolEntry, resident.leftEmployeeInsurance, resident.recognizedOn]
    }

    /// The dates `mask` names.
    private static func dates(of facts: ResidentFacts, paidOn: CivilDate, mask: Int32) -> OwnDays {
        let packed = facts.packedDates
        @inline(__always) func date(_ value: UInt32, _ bit: Int32) -> UInt32 { mask & (1 << bit) == 0 ? .max : value }
        return OwnDays(paidOn: date(ResidentFacts.pack(paidOn), 0), born: date(packed.1, 1), schoolEntry: date(packed.2, 2),
                       leftEmployeeInsurance: date(packed.3, 3), recognizedOn: date(packed.4, 4))
    }

    /// What `quote`, priced under the policy numbered `policy`, adds to the summary.
    static func tally(_ quote: Quote, policy: Int) -> BatchTally {
        var tally = BatchTally(policy: Int32(policy), enrollable: quote.enrollable, refusal: quote.refusal?.code)
        if quote.enrollable {
            tally.fee = quote.individualFee.rawValue
            tally.surcharge = quote.lateSurcharge.rawValue
            tally.payable = quote.payable.rawValue
            tally.refundLater = quote.refundLater.rawValue
            tally.subsidyTotal = quote.subsidies.reduce(0) { $0 + $1.amount.rawValue }
            tally.subsidyCategory = quote.subsidyCategory
            var shares: [BatchTally.Share] = []
            for line in quote.subsidies {
                if let index = shares.firstIndex(where: { $0.funder == line.funder.id }) {
                    shares[index] = BatchTally.Share(funder: line.funder.id, amount: shares[index].amount + line.amount.rawValue)
                } else {
                    shares.append(BatchTally.Share(funder: line.funder.id, amount: line.amount.rawValue))
                }
            }
            tally.subsidyByFunder = shares
        }
        return tally
    }
}
