import PolicyKit
@testable import PremiumBatch
import ResidentIO
import Testing
import TestSupport

/// The compiled pricer gives, for every resident, exactly the result the engine gives:
/// the same JSON members (or CSV cells), byte for byte, so every field agrees.
///
/// Residents are random, in every region, with their dates drawn on and around every
/// threshold the policy holds (each date ± 2 days, each offset its conditions use,
/// each age), so each interval the pricer compiles is visited from both sides. One
/// pricer serves the whole run, so most residents are answered from a result first
/// worked out for someone else.
struct CompiledPricerTests {
    static let store: PolicyStore = {
        do { return try PolicyStore.embedded() } catch { fatalError("embedded policy data does not load: \(error)") }
    }()

    /// A date near one of the policy's thresholds, or anywhere in its span.
    static func nearThreshold(_ thresholds: DateThresholds, _ rng: inout SeededRandom) -> CivilDate {
        let dates = thresholds.dates
        if Int.random(in: 0..<4, using: &rng) == 0 {
            let first = dates.first!.adding(days: -30), span = first.days(until: dates.last!.adding(days: 30))
            return first.adding(days: Int.random(in: 0...span, using: &rng))
        }
        return dates.randomElement(using: &rng)!.adding(days: Int.random(in: -2...2, using: &rng))
    }

    /// A resident's own date relative to the payment date: on the far side of an offset
    /// the conditions use, by a day or so, or anywhere.
    static func relative(to paid: CivilDate, _ thresholds: DateThresholds, _ rng: inout SeededRandom, maxYears: Int) -> CivilDate {
        let jitter = Int.random(in: -1...1, using: &rng)
        switch Int.random(in: 0..<6, using: &rng) {
        case 0 where !thresholds.days.isEmpty:
            return paid.adding(days: -thresholds.days.randomElement(using: &rng)! + jitter)
        case 1 where !thresholds.months.isEmpty:
            return paid.adding(months: -thresholds.months.randomElement(using: &rng)!).adding(days: jitter)
        case 2 where !thresholds.ages.isEmpty:
            return paid.adding(months: -12 * thresholds.ages.randomElement(using: &rng)!).adding(days: jitter)
        case 3:
            return paid.adding(days: Int.random(in: -3...3, using: &rng))
        case 4:
            return nearThreshold(thresholds, &rng)
        default:
            return paid.adding(days: -Int.random(in: 0...(maxYears * 366), using: &rng))
        }
    }

    static func randomResident(_ policy: RegionPolicy, _ thresholds: DateThresholds, _ rng: inout SeededRandom) -> Resident {
        let paid = nearThreshold(thresholds, &rng)
        var resident = Resident(paidOn: Int.random(in: 0..<10, using: &rng) == 0 ? nil : paid)
        let ids = policy.categories.map(\.id)
        let count = [0, 0, 1, 1, 1, 2, 2, 3].randomElement(using: &rng)!
        resident.categories = Array(ids.shuffled(using: &rng).prefix(count))
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: resident.tier = 1
        case 1: resident.tier = policy.fees.count
        case 2: resident.tier = Int.random(in: 1...3, using: &rng)
        default: break
        }
        if Int.random(in: 0..<5, using: &rng) > 0 { resident.born = relative(to: paid, thresholds, &rng, maxYears: 95) }
        for situation in Situation.allCases where Int.random(in: 0..<20, using: &rng) == 0 { resident.situations.insert(situation) }
        if resident.situations.contains(.student) || Int.random(in: 0..<10, using: &rng) == 0 {
            resident.schoolEntry = relative(to: paid, thresholds, &rng, maxYears: 1)
        }
        if Int.random(in: 0..<8, using: &rng) == 0 { resident.leftEmployeeInsurance = relative(to: paid, thresholds, &rng, maxYears: 1) }
        if Int.random(in: 0..<6, using: &rng) == 0 { resident.recognizedOn = relative(to: paid, thresholds, &rng, maxYears: 1) }
        return resident
    }

    /// The resident with his dates moved: all by the same days, or only the payment date,
    /// or only the birth date. Often the key stays the same and the result is reused
    /// with other dates filled in; that is what this checks.
    static func moved(_ resident: Resident, _ rng: inout SeededRandom) -> Resident {
        var moved = resident
        let days = Int.random(in: -40...40, using: &rng)
        func shift(_ date: CivilDate?) -> CivilDate? { date?.adding(days: days) }
        switch Int.random(in: 0..<3, using: &rng) {
        case 0:
            moved.paidOn = shift(resident.paidOn); moved.born = shift(resident.born)
            moved.schoolEntry = shift(resident.schoolEntry); moved.leftEmployeeInsurance = shift(resident.leftEmployeeInsurance)
            moved.recognizedOn = shift(resident.recognizedOn)
        case 1: moved.paidOn = shift(resident.paidOn)
        default: moved.born = shift(resident.born)
        }
        return moved
    }

    /// The engine's answer, rendered as batch renders it.
    static func reference(_ policy: RegionPolicy, _ resident: Resident, full: Bool, csv: Bool) -> [UInt8] {
        let buffer = ByteBuffer(capacity: 1024)
        do {
            let quote = try QuoteEngine(policy: policy).quote(resident)
            if csv {
                buffer.append(BatchResult.csvCells(quote, policy: policy, language: .zh).joined(separator: ","))
            } else {
                var json = JSONWriter(pretty: false, into: buffer)
                QuoteJSON.write(quote, language: .zh, full: full, into: &json)
            }
        } catch {
            BatchResult.write(error: Echo.message(RequestError.policy(error).message(.zh)), csv: csv, into: buffer)
        }
        return Array(buffer.bytes)
    }

    /// The compiled pricer's answer for the same resident.
    static func compiled(_ pricer: CompiledPricer, policy number: Int, _ resident: Resident) -> [UInt8] {
        let buffer = ByteBuffer(capacity: 1024)
        let priced = pricer.price(policy: number, resident)
        priced.template.write(into: buffer, paidOn: priced.paidOn, cover: priced.cover)
        return Array(buffer.bytes)
    }

    @Test(arguments: [(full: false, csv: false, count: 100_000), (full: true, csv: false, count: 100_000),
                      (full: false, csv: true, count: 30_000)])
    func compiledResultsEqualTheEngine(full: Bool, csv: Bool, count: Int) {
        let store = Self.store
        let pricer = CompiledPricer(store: store, language: .zh, full: full, csv: csv)
        let thresholds = store.policies.map(\.dateThresholds)
        var rng = SeededRandom(seed: 2026_12_02 &+ (full ? 1 : 0) &+ (csv ? 2 : 0))
        var mismatches = 0, enrollable = 0, refused = 0, errors = 0, reused = 0
        var routes = Set<String>()
        var base: (number: Int, resident: Resident)?
        for index in 0..<count {
            // Each new resident is followed by four with his dates moved.
            if index % 5 == 0 {
                let number = Int.random(in: 0..<store.policies.count, using: &rng)
                base = (number, Self.randomResident(store.policies[number], thresholds[number], &rng))
            }
            let number = base!.number
            let policy = store.policies[number]
            let resident = index % 5 == 0 ? base!.resident : Self.moved(base!.resident, &rng)
            let expected = Self.reference(policy, resident, full: full, csv: csv)
            let before = pricer.templates.count
            let got = Self.compiled(pricer, policy: number, resident)
            if pricer.templates.count == before { reused += 1 }
            if got != expected {
                mismatches += 1
                if mismatches <= 3 {
                    Issue.record("\(policy.id) \(policy.year) \(resident):\n engine:   \(String(decoding: expected, as: UTF8.self))\n compiled: \(String(decoding: got, as: UTF8.self))")
                }
            }
            if let quote = try? QuoteEngine(policy: policy).quote(resident) {
                if quote.enrollable { enrollable += 1 } else { refused += 1 }
                if let route = quote.route { routes.insert(policy.id + "/" + route.id) }
            } else {
                errors += 1
            }
        }
        #expect(mismatches == 0)
        // The residents reach every kind of answer, and every route of every notice.
        #expect(enrollable > count / 10 && refused > count / 20 && errors > 0)
        let allRoutes = Set(store.policies.flatMap { policy in policy.routes.map { policy.id + "/" + $0.id } })
        #expect(routes == allRoutes, "routes never reached: \(allRoutes.subtracting(routes).sorted())")
        // Most answers came from a result worked out for someone else.
        #expect(reused > count / 4, "reused \(reused) of \(count)")
    }

    /// Refusals name the payment date ("2021-10-05缴费无法参保：…", nancheng 三(三)): one
    /// result serves the whole key, with the date cut out of the text, once a resident
    /// paying on another day has confirmed it. Memory does not grow with the days.
    @Test func aRefusalNamingThePaymentDateIsKeptOncePerKey() throws {
        let store = Self.store
        let number = try #require(store.policies.firstIndex { $0.id == "nancheng" && $0.year == 2021 })
        let pricer = CompiledPricer(store: store, language: .zh, full: false, csv: false)
        let first = CivilDate(year: 2021, month: 10, day: 1)!
        var results: [[UInt8]] = []
        for offset in 0..<30 {
            let resident = Resident(paidOn: first.adding(days: offset))
            let got = Self.compiled(pricer, policy: number, resident)
            #expect(got == Self.reference(store.policies[number], resident, full: false, csv: false))
            results.append(got)
        }
        #expect(String(decoding: results[4], as: UTF8.self).contains(#""reason":"2021-10-05缴费无法参保：中途参保最迟申报缴费时间为参保年度的9月30日"#))
        #expect(pricer.templates.count == 1)
    }

    /// A payment too late for any cover names the payment date and the cover start it
    /// would give ("2024-11-15缴费，待遇最早2025-01-15开始…", nanan 二(二), 60-day waiting period):
    /// both are cut out, and residents born on different days share the result.
    @Test func aRefusalNamingTheCoverStartIsKeptOncePerKey() throws {
        let store = Self.store
        let number = try #require(store.policies.firstIndex { $0.id == "nanan" && $0.year == 2024 })
        let pricer = CompiledPricer(store: store, language: .zh, full: false, csv: false)
        for offset in 0..<20 {
            let resident = Resident(paidOn: CivilDate(year: 2024, month: 11, day: 5 + offset)!,
                                    born: CivilDate(year: 1975 + offset % 10, month: 1 + offset % 12, day: 1 + offset))
            let got = String(decoding: Self.compiled(pricer, policy: number, resident), as: UTF8.self)
            #expect(got == String(decoding: Self.reference(store.policies[number], resident, full: false, csv: false), as: UTF8.self))
            #expect(got.contains(#""reason_code":"no_cover_left""#))
        }
        #expect(pricer.templates.count == 1)
    }

    /// When the first resident's payment date is also a date a text gives literally, the
    /// cut would be wrong for other days: the second day shows it, and the key's
    /// results are kept by exact payment date from then on.
    @Test func aLiteralDateEqualToThePaymentDateIsNotCut() throws {
        let files = PolicyStore.embeddedFiles.map { file in
            guard file.path.hasSuffix("nancheng/2021.json") else { return file }
            let text = String(decoding: file.bytes, as: UTF8.self)
                .replacingOccurrences(of: "中途参保最迟申报缴费时间为参保年度的9月30日（", with: "中途参保最迟申报缴费时间为参保年度的9月30日，2021-10-05起不再受理（")
            return (path: file.path, bytes: Array(text.utf8))
        }
        let store = try PolicyStore(files: files)
        let number = try #require(store.policies.firstIndex { $0.id == "nancheng" && $0.year == 2021 })
        let pricer = CompiledPricer(store: store, language: .zh, full: false, csv: false)
        for day in [5, 9, 5, 12, 9, 20] {
            let resident = Resident(paidOn: CivilDate(year: 2021, month: 10, day: day)!)
            let got = String(decoding: Self.compiled(pricer, policy: number, resident), as: UTF8.self)
            #expect(got == String(decoding: Self.reference(store.policies[number], resident, full: false, csv: false), as: UTF8.self))
            #expect(got.contains("2021-10-05起不再受理"))
        }
    }
}
