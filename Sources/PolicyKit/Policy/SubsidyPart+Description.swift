extension SubsidyPart {
    /// The part in words with its numbers, e.g. "定额资助85.00元" / "fixed 85.00 yuan";
    /// a full subsidy names the fee of every tier it covers.
    public func describe(against fees: [FeeTier]) -> LocalizedText {
        let amounts = fees.map { amount(against: $0.amount) }
        let byTier = LocalizedText(
            zh: fees.count == 1 ? "\(amounts[0])元" : zip(fees, amounts).map { "\($0.name.zh)\($1)元" }.joined(separator: "，"),
            en: fees.count == 1 ? "\(amounts[0]) yuan" : zip(fees, amounts).map { "\($1) yuan on \($0.name.en)" }.joined(separator: ", "))
        var text: LocalizedText
        switch kind {
        case .full: text = LocalizedText(zh: "全额资助个人缴费（\(byTier.zh)）", en: "the whole individual fee (\(byTier.en))")
        case .fixed(let amount): text = LocalizedText(zh: "定额资助\(amount)元", en: "a fixed \(amount) yuan")
        case .percent(let percent):
            text = LocalizedText(zh: "按个人缴费的\(percent)%资助（\(byTier.zh)）", en: "\(percent)% of the individual fee (\(byTier.en))")
        }
        if timing == .later {
            text = LocalizedText(zh: text.zh + "，先缴后补（先全额缴费，日后退还）", en: text.en + ", paid in full now and refunded later")
        }
        return text
    }
}
