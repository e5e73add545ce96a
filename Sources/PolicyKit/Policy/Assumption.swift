/// A value the notice does not give, or an ambiguity decided, with a note saying so.
///
/// Every assumption in policy data is shown to the user wherever it affects an answer.
public struct Assumption: Equatable, Hashable, Sendable {
    /// What the notice says and what was assumed.
    public let note: LocalizedText
    /// An outside source the assumption rests on, e.g. `医保发〔2021〕32号`.
    public let basis: String?

    public init(note: LocalizedText, basis: String? = nil) {
        self.note = note
        self.basis = basis
    }

    /// The note, followed by its basis in brackets.
    public func text(_ language: Language) -> String {
        guard let basis else { return note(language) }
        return note(language) + (language == .zh ? "（依据：\(basis)）" : " (basis: \(basis))")
    }

    init(_ node: JSONNode) throws(PolicyError) {
        let object = try node.object()
        let zh = try object.optional("zh")?.string()
        let en = try object.optional("en")?.string()
        guard let zh, let en else { throw node.failure("an assumption needs a note in both 'zh' and 'en'") }
        note = LocalizedText(zh: zh, en: en)
        basis = try object.optional("basis")?.string()
        try object.finish()
    }
}
