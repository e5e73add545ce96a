import PolicyKit

/// The inputs of one quote as typed: from `quote` flags or from a batch record.
///
/// Resolution turns text into a policy and a `Resident`, naming the offending flag or
/// field (`--paid-on` or `paid_on`) in every error.
struct QuoteRequest: Equatable, Hashable {
    var region: String?
    var year: String?
    var categories: [String] = []
    var paidOn: String?
    var tier: String?
    var born: String?
    var situations: Set<Situation> = []
    var schoolEntry: String?
    var leftEmployeeInsurance: String?
    var recognizedOn: String?

    /// The date inputs, by flag name.
    static let dateFlags = ["paid-on", "born", "school-entry", "left-employee-insurance", "recognized-on"]

    /// Resolves the request. `label` turns a flag name into what the user typed
    /// (`--paid-on` for flags, `paid_on` for batch fields).
    func resolve(in store: PolicyStore, label: (String) -> String) throws(CLIError) -> (policy: RegionPolicy, resident: Resident, selection: LocalizedText?) {
        guard let region, !region.isEmpty else { throw .usage("missing \(label("region")) (e.g. beita, 北塔区)") }
        var year: Int?
        if let text = self.year {
            guard let value = Int(text), (1900...2200).contains(value) else {
                throw .usage("invalid \(label("year")) '\(text)': expected a year such as 2021")
            }
            year = value
        }
        func date(_ text: String?, _ flag: String) throws(CLIError) -> CivilDate? {
            guard let text else { return nil }
            guard let date = CivilDate(iso8601: text) else {
                throw .usage("invalid date '\(text)' for \(label(flag)): expected a real date as YYYY-MM-DD")
            }
            return date
        }
        let paid = try date(paidOn, "paid-on")
        let policy: RegionPolicy, selection: LocalizedText?
        do {
            (policy, selection) = try store.select(region: region, year: year, paidOn: paid)
        } catch {
            throw CLIError(error)
        }
        var resident = Resident(situations: situations)
        for typed in categories {
            do {
                let id = try policy.resolveCategory(typed).id
                if !resident.categories.contains(id) { resident.categories.append(id) }
            } catch {
                throw CLIError(error)
            }
        }
        if let text = tier {
            guard let value = Int(text), value >= 1 else {
                throw .usage("invalid \(label("tier")) '\(text)': expected 1 or 2")
            }
            resident.tier = value
        }
        resident.paidOn = paid
        resident.born = try date(born, "born")
        resident.schoolEntry = try date(schoolEntry, "school-entry")
        resident.leftEmployeeInsurance = try date(leftEmployeeInsurance, "left-employee-insurance")
        resident.recognizedOn = try date(recognizedOn, "recognized-on")
        return (policy, resident, selection)
    }
}
