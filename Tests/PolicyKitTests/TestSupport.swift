import PolicyKit
import Testing

/// The built-in policy data, loaded once for all tests.
let embeddedStore: PolicyStore = {
    do { return try PolicyStore.embedded() } catch { fatalError("embedded policy data does not load: \(error)") }
}()

/// A date literal that must be valid.
func day(_ text: String) -> CivilDate {
    guard let date = CivilDate(iso8601: text) else { fatalError("bad test date \(text)") }
    return date
}

/// The quote for a resident of `region`, with dates as text.
/// Tests always name the notice's year: adding a later year changes none of them.
func quote(
    _ region: String, year: Int, _ categories: [String] = [], paid: String? = nil, tier: Int? = nil, born: String? = nil,
    situations: Set<Situation> = [], schoolEntry: String? = nil, leftEmployee: String? = nil, recognized: String? = nil
) throws -> Quote {
    let policy = try embeddedStore.policy(region: region, year: year)
    let resident = Resident(
        categories: categories, paidOn: paid.map(day), tier: tier, born: born.map(day), situations: situations,
        schoolEntry: schoolEntry.map(day), leftEmployeeInsurance: leftEmployee.map(day), recognizedOn: recognized.map(day))
    return try QuoteEngine(policy: policy).quote(resident)
}

func yuan(_ amount: Int) -> Fen { Fen(yuan: amount) }
