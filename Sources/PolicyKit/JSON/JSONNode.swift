/// A JSON value with the file and JSON path it came from, for decoding policy data
/// with errors of the form `beita/2021.json: at routes.2.paid.from: …`.
struct JSONNode {
    let value: JSONValue
    let file: String
    let path: String

    var isNull: Bool {
        if case .null = value { return true }
        return false
    }

    func child(_ component: String) -> String { path.isEmpty ? component : path + "." + component }

    func failure(_ message: String) -> PolicyError {
        .invalidData(file: file, path: path, message: message)
    }

    func object() throws(PolicyError) -> JSONObjectReader {
        guard case .object(let members) = value else { throw failure("expected an object, got \(value.typeName)") }
        // Objects in policy files are small: a pairwise check is cheaper than hashing.
        for (index, member) in members.enumerated() where members[..<index].contains(where: { $0.key == member.key }) {
            throw JSONNode(value: member.value, file: file, path: child(member.key))
                .failure("duplicate key '\(member.key)'")
        }
        return JSONObjectReader(node: self, members: members)
    }

    func array() throws(PolicyError) -> [JSONNode] {
        guard case .array(let elements) = value else { throw failure("expected an array, got \(value.typeName)") }
        return elements.enumerated().map { JSONNode(value: $1, file: file, path: child(String($0))) }
    }

    func string() throws(PolicyError) -> String {
        guard case .string(let text) = value else { throw failure("expected a string, got \(value.typeName)") }
        guard !text.isEmpty else { throw failure("expected a non-empty string") }
        return text
    }

    func bool() throws(PolicyError) -> Bool {
        guard case .bool(let flag) = value else { throw failure("expected true or false, got \(value.typeName)") }
        return flag
    }

    func int(in range: ClosedRange<Int>) throws(PolicyError) -> Int {
        guard case .number(let text) = value else { throw failure("expected a whole number, got \(value.typeName)") }
        guard let number = Int(text), range.contains(number) else {
            throw failure("expected a whole number from \(range.lowerBound) to \(range.upperBound), got \(text)")
        }
        return number
    }

    /// Yuan as a JSON number with at most two decimals, never negative.
    func fen() throws(PolicyError) -> Fen {
        guard case .number(let text) = value else {
            throw failure("expected an amount in yuan as a number, got \(value.typeName)")
        }
        guard let amount = Fen(yuanText: text) else {
            throw failure("amount \(text) is not a whole number of fen (at most two decimals)")
        }
        guard amount >= .zero else { throw failure("amount \(text) is negative") }
        return amount
    }

    func date() throws(PolicyError) -> CivilDate {
        let text = try string()
        guard let date = CivilDate(iso8601: text) else {
            throw failure("expected a real date as YYYY-MM-DD, got '\(text)'")
        }
        return date
    }

    func strings() throws(PolicyError) -> [String] {
        var result: [String] = []
        for element in try array() { result.append(try element.string()) }
        return result
    }
}

/// An object being decoded: it remembers which keys were read, so `finish()` can reject
/// unknown keys (typos) instead of silently ignoring them.
final class JSONObjectReader {
    let node: JSONNode
    private let members: [(key: String, value: JSONValue)]
    private var read: [Bool]
    private var asked: [String] = []

    init(node: JSONNode, members: [(key: String, value: JSONValue)]) {
        self.node = node
        self.members = members
        read = Array(repeating: false, count: members.count)
    }

    func optional(_ key: String) -> JSONNode? {
        asked.append(key)
        guard let index = members.firstIndex(where: { $0.key == key }) else { return nil }
        read[index] = true
        let member = members[index]
        if case .null = member.value { return nil }
        return JSONNode(value: member.value, file: node.file, path: node.child(key))
    }

    /// Like `optional`, but a `null` value comes back as a node (for keys where `null`
    /// is an answer, such as an expected `benefit_start` of a refused case).
    func optionalIncludingNull(_ key: String) -> JSONNode? {
        asked.append(key)
        guard let index = members.firstIndex(where: { $0.key == key }) else { return nil }
        read[index] = true
        return JSONNode(value: members[index].value, file: node.file, path: node.child(key))
    }

    func required(_ key: String) throws(PolicyError) -> JSONNode {
        guard let child = optional(key) else { throw node.failure("missing required key '\(key)'") }
        return child
    }

    /// Every key, in file order (for maps keyed by data, such as `situations`).
    var keys: [String] { members.map(\.key) }

    /// Rejects any key that was never read.
    func finish() throws(PolicyError) {
        if let index = read.firstIndex(of: false) {
            let unknown = members[index]
            let known = asked.sorted()
            throw JSONNode(value: unknown.value, file: node.file, path: node.child(unknown.key))
                .failure("unknown key '\(unknown.key)'" + Suggestion.didYouMean(unknown.key, among: known))
        }
    }
}
