/// A parsed JSON document that keeps what `JSONDecoder` throws away: the order of
/// object keys, duplicate keys, and the exact text of numbers (so yuan amounts are read
/// digit by digit into fen, never through `Double`).
public enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    /// The number exactly as written, e.g. `"280"` or `"85.50"`.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in document order; duplicates are kept so validation can report them.
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.number(a), .number(b)): a == b
        case let (.string(a), .string(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)): a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    /// The JSON type's name, for messages ("expected a string, got a number").
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

extension JSONValue {
    /// `typeName` in Chinese, for messages a clerk reads.
    public var chineseTypeName: String {
        switch self {
        case .null: "null"
        case .bool: "真假值"
        case .number: "数字"
        case .string: "字符串"
        case .array: "数组"
        case .object: "对象"
        }
    }
}
