/// A notice's own test cases: `<region>/<year>.cases.json` beside the policy file, one
/// case per clause or edge, each a resident and the answer the notice gives him.
///
/// `premium check` runs them, so someone who adds a year with no Swift toolchain checks
/// the data and its cases with the binary alone; the test suite runs every case file.
///
/// ```json
/// {"region": "<region>", "year": <year>, "cases": [
///   {"id": "<case id>", "clause": "<the notice's clause>",
///    "resident": {"categories": ["<category id or name>"], "paid_on": "YYYY-MM-DD"},
///    "expect": {"payable": <yuan>, "benefit_start": "YYYY-MM-DD", "funders": ["<funder id>"]}}
/// ]}
/// ```
/// Amounts are yuan; dates `YYYY-MM-DD` or `null`; only the keys given are compared.
public enum PolicyCases {
    /// Whether a path names a case file rather than a policy file.
    public static func isCaseFile(_ path: String) -> Bool { path.hasSuffix(".cases.json") }

    /// The policy file a case file belongs to: `zhuji/2023.cases.json` → `zhuji/2023.json`.
    public static func policyFile(for path: String) -> String {
        String(path.dropLast(".cases.json".count)) + ".json"
    }

    /// The case file of a policy file: `zhuji/2023.json` → `zhuji/2023.cases.json`.
    public static func caseFile(for path: String) -> String {
        String(path.dropLast(".json".count)) + ".cases.json"
    }

    /// Every failing case of one case file, and every problem with the file itself.
    /// `policies` are the sound policies the file may refer to.
    public static func problems(file: String, bytes: [UInt8], policies: [RegionPolicy]) -> [PolicyError] {
        do {
            return try run(file: file, bytes: bytes, policies: policies)
        } catch {
            return [error]
        }
    }

    /// How many cases a case file holds (for `check`'s summary); 0 when it does not parse.
    public static func count(bytes: [UInt8]) -> Int {
        guard case .object(let members)? = try? JSONParser.parse(bytes),
              case .array(let cases)? = members.first(where: { $0.key == "cases" })?.value else { return 0 }
        return cases.count
    }

    private static func run(file: String, bytes: [UInt8], policies: [RegionPolicy]) throws(PolicyError) -> [PolicyError] {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw .invalidData(file: file, path: "", message: "not valid JSON: \(error.description)")
        }
        let root = JSONNode(value: value, file: file, path: "")
        let object = try root.object()
        let regionNode = try object.required("region")
        let region = try regionNode.string()
        let year = try object.required("year").int(in: 2000...2100)
        let casesNode = try object.required("cases")
        try object.finish()
        guard "\(region)/\(year).cases.json" == file || file.hasSuffix("/\(region)/\(year).cases.json") else {
            throw regionNode.failure("cases for \(region) \(year) belong in \(region)/\(year).cases.json")
        }
        guard let policy = policies.first(where: { $0.id == region && $0.year == year }) else {
            throw regionNode.failure("no sound policy \(region)/\(year).json to run these cases against")
        }
        var failures: [PolicyError] = []
        var ids = Set<String>()
        let cases = try casesNode.array()
        if cases.isEmpty { throw casesNode.failure("a case file needs at least one case") }
        for node in cases {
            let object = try node.object()
            let idNode = try object.required("id")
            let id = try idNode.string()
            guard ids.insert(id).inserted else { throw idNode.failure("case id '\(id)' is used twice") }
            _ = try object.required("clause").string()
            _ = try object.optional("says")?.string()
            let resident = try resident(object.required("resident"), in: policy)
            let expect = try object.required("expect").object()
            try object.finish()
            let quote: Quote
            do {
                quote = try QuoteEngine(policy: policy).quote(resident)
            } catch {
                failures.append(.caseFailed(file: file, id: id, message: "no quote: \(error.description)"))
                continue
            }
            for message in try compare(quote, with: expect) {
                failures.append(.caseFailed(file: file, id: id, message: message))
            }
            try expect.finish()
        }
        return failures
    }

    private static func resident(_ node: JSONNode, in policy: RegionPolicy) throws(PolicyError) -> Resident {
        let object = try node.object()
        var resident = Resident()
        for typed in try object.optional("categories")?.strings() ?? [] {
            do {
                resident.categories.append(try policy.resolveCategory(typed).id)
            } catch {
                throw node.failure(error.description)
            }
        }
        resident.paidOn = try object.optional("paid_on")?.date()
        resident.tier = try object.optional("tier")?.int(in: 1...9)
        resident.born = try object.optional("born")?.date()
        resident.schoolEntry = try object.optional("school_entry")?.date()
        resident.leftEmployeeInsurance = try object.optional("left_employee_insurance")?.date()
        resident.recognizedOn = try object.optional("recognized_on")?.date()
        if let situations = object.optional("situations") {
            for name in try situations.strings() {
                guard let situation = Situation(rawValue: name) else {
                    throw situations.failure("unknown situation '\(name)'"
                        + Suggestion.didYouMean(name, among: Situation.allCases.map(\.rawValue)))
                }
                resident.situations.insert(situation)
            }
        }
        try object.finish()
        return resident
    }

    /// What differs between the quote and the expected keys, one message per key.
    private static func compare(_ quote: Quote, with expect: JSONObjectReader) throws(PolicyError) -> [String] {
        var messages: [String] = []
        func money(_ key: String, _ actual: Fen) throws(PolicyError) {
            guard let node = expect.optional(key) else { return }
            let wanted = try node.fen()
            if !quote.enrollable { messages.append("\(key) none (not enrollable: \(quote.refusal!.code)), expected \(wanted.jsonNumber)") }
            else if actual != wanted { messages.append("\(key) \(actual.jsonNumber), expected \(wanted.jsonNumber)") }
        }
        func date(_ key: String, _ actual: CivilDate?) throws(PolicyError) {
            guard let node = expect.optionalIncludingNull(key) else { return }
            let wanted: CivilDate? = node.isNull ? nil : try node.date()
            if actual != wanted { messages.append("\(key) \(actual?.description ?? "null"), expected \(wanted?.description ?? "null")") }
        }
        func text(_ key: String, _ actual: String?) throws(PolicyError) {
            guard let node = expect.optionalIncludingNull(key) else { return }
            let wanted: String? = node.isNull ? nil : try node.string()
            if actual != wanted { messages.append("\(key) \(actual ?? "null"), expected \(wanted ?? "null")") }
        }
        try money("payable", quote.payable)
        try money("subsidy", quote.subsidy)
        try money("refund_later", quote.refundLater)
        try money("late_surcharge", quote.lateSurcharge)
        try money("individual_fee", quote.individualFee)
        try date("benefit_start", quote.benefitStart)
        try date("benefit_end", quote.benefitEnd)
        if let node = expect.optional("waiting_days") {
            let wanted = try node.int(in: 0...3660)
            if quote.waitingDays != wanted { messages.append("waiting_days \(quote.waitingDays), expected \(wanted)") }
        }
        if let node = expect.optional("tier") {
            let wanted = try node.int(in: 1...9)
            if quote.tier != wanted { messages.append("tier \(quote.tier), expected \(wanted)") }
        }
        if let node = expect.optional("enrollable") {
            let wanted = try node.bool()
            if quote.enrollable != wanted { messages.append("enrollable \(quote.enrollable), expected \(wanted)") }
        }
        try text("reason_code", quote.refusal?.code)
        try text("route", quote.route?.id)
        try text("subsidy_category", quote.subsidyCategory)
        if let node = expect.optional("funders") {
            let wanted = try node.strings()
            let actual = quote.subsidies.map(\.funder.id)
            if actual != wanted { messages.append("funders [\(actual.joined(separator: ", "))], expected [\(wanted.joined(separator: ", "))]") }
        }
        if let node = expect.optional("clauses_include") {
            for clause in try node.strings() where !quote.clauses.contains(clause) {
                messages.append("clauses [\(quote.clauses.joined(separator: ", "))] do not include \(clause)")
            }
        }
        if let node = expect.optional("notes_include") {
            let notes = quote.notes.map(\.zh) + quote.setAside.map(\.why.zh)
            for fragment in try node.strings() where !notes.contains(where: { $0.contains(fragment) }) {
                messages.append("no note or reason contains '\(fragment)'")
            }
        }
        if let node = expect.optional("assumptions_include") {
            let texts = quote.assumptions.map(\.note.zh)
            for fragment in try node.strings() where !texts.contains(where: { $0.contains(fragment) }) {
                messages.append("no assumption contains '\(fragment)'")
            }
        }
        return messages
    }
}
