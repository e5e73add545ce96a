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

    /// A policy year as typed: `2021`, or `2021年`, `2021年度` as clerks type it.
    public static func year(_ typed: String) -> Int? {
        var text = Substring(typed)
        for suffix in ["年度", "年"] where text.hasSuffix(suffix) { text = text.dropLast(suffix.count); break }
        guard let value = Int(text), (1900...2200).contains(value) else { return nil }
        return value
    }

    /// Resolves the request. `label` turns a flag name into what the user typed
    /// (`--paid-on` for flags; for batch fields `缴费日期（paid_on）` in Chinese, `paid_on`).
    public func resolve(in store: PolicyStore, today: CivilDate, label: (String) -> LocalizedText) throws(RequestError) -> (policy: RegionPolicy, resident: Resident, selection: LocalizedText?) {
        guard let region, !region.isEmpty else { throw .invalid(LocalizedText(zh: "缺少\(label("region").zh)（例如 北塔区 或 beita）", en: "missing \(label("region").en) (e.g. beita, 北塔区)")) }
        var year: Int?
        if let typed = self[.year] {
            guard let value = QuoteRequest.year(typed) else {
                throw .invalid(LocalizedText(zh: "\(label("year").zh)“\(typed)”无效：应为年份，例如 2021",
                                             en: "invalid \(label("year").en) '\(typed)': expected a year such as 2021"))
            }
            year = value
        }
        var resident = Resident(situations: situations)
        for field in ResidentField.all {
            guard case .date(let input) = field.kind, let text = values[field.index] else { continue }
            guard let date = CivilDate(clerkText: text) else {
                throw .invalid(LocalizedText(
                    zh: "\(label(field.flag).zh)“\(text)”不是有效的日期：应为真实的日期，例如 2022-01-05、2022/1/5、20220105 或 2022年1月5日",
                    en: "invalid date '\(text)' for \(label(field.flag).en): expected a real date such as 2022-01-05, 2022/1/5, 20220105 or 2022年1月5日"))
            }
            input.set(date, on: &resident)
        }
        if let text = self[.idNumber], !text.isEmpty {
            let id: IDNumber
            do { id = try IDNumber(text, today: today) } catch {
                throw .invalid(LocalizedText(zh: "\(label("id-number").zh) “\(text)”有误：\(error.message.zh)",
                                             en: "invalid \(label("id-number").en) '\(text)': \(error.message.en)"))
            }
            if let born = resident.born, born != id.born {
                throw .invalid(LocalizedText(zh: "\(label("id-number").zh) “\(id.text)”中的出生日期为 \(id.born)，与\(label("born").zh) \(born) 不符",
                                         en: "\(label("id-number").en) '\(id.text)' gives the date of birth \(id.born), but \(label("born").en) is \(born)"))
            }
            resident.born = id.born
        }
        let policy: RegionPolicy, selection: LocalizedText?
        do {
            (policy, selection) = try store.select(region: region, year: year, paidOn: resident.paidOn)
        } catch {
            throw .policy(error)
        }
        for typed in categories.flatMap({ $0.split(whereSeparator: ResidentField.separatesCategories) }) {
            do {
                let id = try policy.resolveCategory(String(typed)).id
                if !resident.categories.contains(id) { resident.categories.append(id) }
            } catch {
                if ResidentField.noCategoryWords.contains(typed.lowercased()) { continue }
                throw .policy(error)
            }
        }
        if let typed = self[.tier] {
            // `一档`, `二档`, `2档` as the notices and clerks name tiers.
            var text = typed.hasSuffix("档") ? String(typed.dropLast()) : typed
            if let index = ["一", "二", "三"].firstIndex(of: text) { text = String(index + 1) }
            guard let value = Int(text), value >= 1 else {
                throw .invalid(LocalizedText(zh: "\(label("tier").zh)“\(typed)”无效：应为 1 或 2（一档或二档）",
                                             en: "invalid \(label("tier").en) '\(typed)': expected 1 or 2 (一档 or 二档)"))
            }
            resident.tier = value
        }
        return (policy, resident, selection)
    }
}
