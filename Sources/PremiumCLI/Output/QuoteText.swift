import PolicyKit
import ResidentIO

/// A quote as a clerk reads it at the service window: Chinese by default.
enum QuoteText {
    static func render(_ quote: Quote, policy: RegionPolicy, language: Language) -> String {
        let zh = language == .zh
        func t(_ chinese: String, _ english: String) -> String { zh ? chinese : english }
        func categoryName(_ id: String) -> String { policy.category(id).map { $0.name(language) } ?? id }
        let yuan = t(" 元", " yuan")
        var rows: [(String, String)] = []
        var text = zh
            ? "\(policy.name.zh) \(policy.year)年度城乡居民基本医疗保险\n"
            : "\(policy.name.en), \(policy.year) urban-rural resident basic medical insurance\n"
        let who = quote.categories.isEmpty ? t("普通居民", "ordinary resident") : quote.categories.map(categoryName).joined(separator: t("、", ", "))
        rows.append((t("人员类别", "Resident"), who))
        rows.append((t("缴费日期", "Paid on"), quote.paidOn.description + (quote.paidOnAssumed ? t("（假设）", " (assumed)") : "")))
        if let route = quote.route { rows.append((t("参保途径", "Way of joining"), route.name(language))) }

        if let refusal = quote.refusal {
            rows.append((t("能否参保", "Can join"), t("否", "no")))
            rows.append((t("原因", "Reason"), refusal.text(language)))
            if !refusal.suggest.isEmpty {
                let hint = refusal.suggest.map { situation in
                    let meaning = policy.meaning(of: situation)
                    return zh ? "如属\(meaning.zh)，加 --\(situation.rawValue) 重新计算" : "if \(meaning.en), add --\(situation.rawValue) and quote again"
                }
                rows.append((t("提示", "Hint"), hint.joined(separator: t("；", "; "))))
            }
        } else {
            if policy.fees.count > 1 || quote.route?.fees != nil {
                let tier = (quote.route?.fees ?? policy.fees)[quote.tier - 1]
                rows.append((t("缴费档次", "Tier"), tier.name(language)))
            }
            rows.append((t("个人缴费", "Individual fee"), quote.individualFee.description + yuan))
            if quote.lateSurcharge > .zero {
                rows.append((t("另缴财政补助部分", "Plus fiscal part"), "+" + quote.lateSurcharge.description + yuan))
            }
            for line in quote.subsidies {
                let sign = line.timing == .now ? "−" : ""
                let label = line.timing == .now ? t("资助", "Subsidy") : t("先缴后补", "Refunded later")
                rows.append((label, sign + line.amount.description + yuan + "  " + categoryName(line.category)
                    + " · " + line.funder.name(language)))
            }
            rows.append((t("本次应缴", "Pay now"), quote.payable.description + yuan))
            if quote.refundLater > .zero {
                rows.append((t("日后退还", "Refunded later"), quote.refundLater.description + yuan))
            }
            let start = quote.benefitStart?.description ?? t("通知未规定", "not stated by the notice")
            let end = quote.benefitEnd?.description ?? "?"
            rows.append((t("待遇享受期", "Covered"), zh ? "\(start) 至 \(end)" : "\(start) to \(end)"))
            if quote.waitingDays > 0 {
                let days = zh ? "\(quote.waitingDays) 天" : "\(quote.waitingDays) days"
                if case .waitingMonths(let months) = quote.benefitStartRule {
                    rows.append((t("等待期", "Waiting period"), zh ? "\(months) 个月（\(days)）" : "\(months) months (\(days))"))
                } else {
                    rows.append((t("等待期", "Waiting period"), days))
                }
            }
        }
        let width = rows.map { DisplayWidth.of($0.0) }.max()! + 2
        for (label, value) in rows { text += DisplayWidth.pad(label, to: width) + value + "\n" }

        for aside in quote.setAside {
            text += t("未采用：", "Not applied: ") + categoryName(aside.category) + t("，", " — ") + aside.why(language) + "\n"
        }
        func section(_ title: String, _ lines: [String]) {
            guard !lines.isEmpty else { return }
            text += "\n" + title + "\n" + lines.map { "  - \($0)\n" }.joined()
        }
        section(t("说明", "Notes"), quote.notes.map { $0(language) } + (policy.refunds.map { [$0.note(language)] } ?? []))
        section(t("假设", "Assumptions"), quote.assumptions.map { $0.text(language) })
        section(t("依据", "Sources"), quote.sources)
        return text
    }
}
