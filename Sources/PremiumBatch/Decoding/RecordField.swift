#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PolicyKit
import ResidentIO

/// A batch field name, numbered for the JSON Lines scanner's bit set: one per key of each
/// `ResidentField` (`category` and `categories` are two keys of one field). Everything
/// about it comes from the field table.
struct RecordField: Hashable, Sendable {
    /// The position in `allCases`, and the record's bit.
    let rawValue: Int

    static let keys: [(name: String, field: ResidentField, list: Bool)] = ResidentField.all.flatMap { field in
        field.keys.enumerated().map { (name: $1, field: field, list: field.kind == .categories && $0 > 0) }
    }
    static let allCases: [RecordField] = keys.indices.map(RecordField.init(rawValue:))

    /// Each key's kind, apart from the table so the hot path reads a small value.
    private static let kinds: [ResidentField.Kind] = keys.map(\.field.kind)

    var name: String { Self.keys[rawValue].name }
    var kind: ResidentField.Kind { Self.kinds[rawValue] }
    var field: ResidentField { Self.keys[rawValue].field }
    /// Whether the key holds a list (`categories`), not a single value (`category`).
    var isList: Bool { Self.keys[rawValue].list }

    static func named(_ name: String) -> RecordField? { byName[Array(name.utf8)] }
    static let region = named("region")!
    static let year = named("year")!

    /// The situation a truth-valued field sets.
    var situation: Situation? {
        if case .situation(let situation) = kind { return situation }
        return nil
    }

    /// Field lookup by the UTF-8 bytes of the key.
    static let byName: [[UInt8]: RecordField] = Dictionary(uniqueKeysWithValues: allCases.map { (Array($0.name.utf8), $0) })

    /// The keys by length, as bytes: a key is compared only with names of its length.
    private static let byLength: [[(bytes: [UInt8], field: RecordField)]] = {
        var table = Array(repeating: [(bytes: [UInt8], field: RecordField)](), count: (keys.map(\.name.utf8.count).max() ?? 0) + 1)
        for field in allCases { table[field.name.utf8.count].append((Array(field.name.utf8), field)) }
        return table
    }()

    /// Whether a key is `village`, the field batch summaries group by.
    static func isVillage(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        key.count == 7 && memcmp("village", key.baseAddress!, 7) == 0
    }

    /// The field a key names, compared byte by byte without allocating (this runs for
    /// every member of every batch record).
    static func named(_ key: UnsafeBufferPointer<UInt8>) -> RecordField? {
        guard key.count < byLength.count else { return nil }
        for candidate in byLength[key.count]
        where candidate.bytes.withUnsafeBytes({ memcmp($0.baseAddress!, key.baseAddress!, key.count) }) == 0 {
            return candidate.field
        }
        return nil
    }

    /// The fields' values as text (by `RecordField` index), for a `QuoteRequest`. Throws
    /// for a situation whose value is not one of the truth values, naming the field.
    static func request(from values: [String?], categories: [String]) throws(JSONLineScanner.Failure) -> QuoteRequest {
        var request = QuoteRequest()
        request.categories = categories
        for field in allCases {
            guard let value = values[field.rawValue] else { continue }
            if let situation = field.situation {
                guard let flag = ResidentField.truth(value) else {
                    throw .init(message: LocalizedText(zh: "“\(field.field.headers.first ?? field.name)”的值“\(value)”无效：应为 \(ResidentField.truthWords.zh)",
                                                       en: "invalid value '\(value)' for '\(field.name)': use \(ResidentField.truthWords.en)"))
                }
                if flag { request.situations.insert(situation) }
            } else if field.kind != .categories {
                request.values[field.field.index] = value
            }
        }
        return request
    }
}
