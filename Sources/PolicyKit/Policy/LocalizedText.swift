/// The languages `premium` writes: Chinese for clerks (the default), English.
public enum Language: String, Sendable, CaseIterable {
    case zh, en
}

/// A text in Chinese and English, as policy data gives every name and note.
public struct LocalizedText: Equatable, Hashable, Sendable {
    public let zh: String
    public let en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    /// The text in `language`.
    public func callAsFunction(_ language: Language) -> String {
        language == .zh ? zh : en
    }

    init(_ node: JSONNode) throws(PolicyError) {
        let object = try node.object()
        zh = try object.required("zh").string()
        en = try object.required("en").string()
        try object.finish()
    }
}

extension LocalizedText {
    /// Both languages' texts joined: `said + hint`.
    public static func + (lhs: LocalizedText, rhs: LocalizedText) -> LocalizedText {
        LocalizedText(zh: lhs.zh + rhs.zh, en: lhs.en + rhs.en)
    }

    /// The same text in both languages (a name, a number, a path).
    public init(verbatim text: String) {
        self.init(zh: text, en: text)
    }
}

extension LocalizedText {
    /// Both texts transformed alike.
    public func map(_ transform: (String) -> String) -> LocalizedText {
        LocalizedText(zh: transform(zh), en: transform(en))
    }
}
