extension Quote.Refusal {
    /// What each refusal code means, for totals by reason (the refusal's own text names
    /// the resident's dates; this names the reason only).
    public static let names: [String: LocalizedText] = [
        "before_collection": LocalizedText(zh: "缴费日期早于征缴开始", en: "paid before collection opens"),
        "closed": LocalizedText(zh: "该日期无法缴费参保", en: "no way of joining on that date"),
        "no_cover_left": LocalizedText(zh: "本年度已无待遇期", en: "no cover left this year"),
    ]

    /// The name of `code`; the code itself for one this table does not know.
    public static func name(of code: String) -> LocalizedText {
        names[code] ?? LocalizedText(verbatim: code)
    }
}
