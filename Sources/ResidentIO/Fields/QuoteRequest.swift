import PolicyKit

/// The inputs of one quote as typed: from `quote` flags or from a batch record, one text
/// per `ResidentField`.
///
/// Resolution turns text into a policy and a `Resident`, naming the offending flag or
/// field (`--paid-on` or `paid_on`) in every error.
public struct QuoteRequest: Equatable, Hashable {
    public init() {}

    /// The text of each field, by `ResidentField.index`; nil when not given.
    public var values: [String?] = Array(repeating: nil, count: ResidentField.all.count)
    public var categories: [String] = []
    public var situations: Set<Situation> = []

    public subscript(kind: ResidentField.Kind) -> String? {
        get { values[ResidentField.of(kind).index] }
        set { values[ResidentField.of(kind).index] = newValue }
    }

    public var region: String? {
        get { self[.region] }
        set { self[.region] = newValue }
    }

    /// Resolves the request. `label` turns a flag name into what the user typed
    /// (`--paid-on` for flags, `paid_on` for batch fields).
    public func resolve(in store: PolicyStore, today: CivilDate, label: (String) -> String) throws(RequestError) -> (policy: RegionPolicy, resident: Resident, selection: LocalizedText?) {
        guard let region, !region.isEmpty else { throw .invalid("missing \(label("region")) (e.g. beita, 北塔区)") }
        var year: Int?
        if let typed = self[.year] {
            // `2021年`, `2021年度` as clerks type the year.
            var text = Substring(typed)
            for suffix in ["年度", "年"] where text.hasSuffix(suffix) { text = text.dropLast(suffix.count); break }
            guard let value = Int(text), (1900...2200).contains(value) else {
                throw .invalid("invalid \(label("year")) '\(typed)': expected a year such as 2021")
            }
            year = value
        }
        var resident = Resident(situations: situations)
        for field in ResidentField.all {
            guard case .date(let input) = field.kind, let text = values[field.index] else { continue }
            guard let date = CivilDate(clerkText: text) else {
                throw .invalid("invalid date '\(text)' for \(label(field.flag)): expected a real date such as 2022-01-05, 2022/1/5, 20220105 or 2022年1月5日")
            }
            input.set(date, on: &resident)
        }
        if let text = self[.idNumber], !text.isEmpty {
            let id: IDNumber
            do { id = try IDNumber(text, today: today) } catch {
                throw .invalid("invalid \(label("id-number")) '\(text)': \(error.message.en)")
            }
            if let born = resident.born, born != id.born {
                throw .invalid("\(label("id-number")) '\(id.text)' gives the date of birth \(id.born), but \(label("born")) is \(born)")
            }
            resident.born = id.born
        }
        let policy: RegionPolicy, selection: LocalizedText?
        do {
            (policy, selection) = try store.select(region: region, year: year, paidOn: resident.paidOn)
        } catch {
            throw .policy(error)
        }
        for typed in categories {
            do {
                let id = try policy.resolveCategory(typed).id
                if !resident.categories.contains(id) { resident.categories.append(id) }
            } catch {
                throw .policy(error)
            }
        }
        if let typed = self[.tier] {
            // `一档`, `二档`, `2档` as the notices and clerks name tiers.
            var text = typed.hasSuffix("档") ? String(typed.dropLast()) : typed
            if let index = ["一", "二", "三"].firstIndex(of: text) { text = String(index + 1) }
            guard let value = Int(text), value >= 1 else {
                throw .invalid("invalid \(label("tier")) '\(typed)': expected 1 or 2 (一档 or 二档)")
            }
            resident.tier = value
        }
        return (policy, resident, selection)
    }
}
