/// A quote as the steps of its calculation, in order, each with its value and the
/// clauses it comes from: what a clerk shows a resident who asks "why 195 and not 280?".
public struct Explanation: Sendable {
    public struct Step: Sendable {
        /// A stable id for scripts: `paid_on`, `route`, `fee`, `surcharge`, `subsidy`,
        /// `not_applied`, `payable`, `refund_later`, `benefit_start`, `benefit_end`, `refused`.
        public let id: String
        public let label: LocalizedText
        public let value: LocalizedText
        public let amount: Fen?
        public let date: CivilDate?
        /// Clauses of the notice, e.g. `二(三)`.
        public let clauses: [String]
    }

    public let quote: Quote
    public let steps: [Step]

    public init(quote: Quote, policy: RegionPolicy) {
        self.quote = quote
        var steps: [Step] = []
        func step(_ id: String, _ zh: String, _ en: String, _ value: LocalizedText,
                  amount: Fen? = nil, date: CivilDate? = nil, clauses: [String] = []) {
            var unique: [String] = []
            for clause in clauses where !unique.contains(clause) { unique.append(clause) }
            steps.append(Step(id: id, label: LocalizedText(zh: zh, en: en), value: value, amount: amount, date: date, clauses: unique))
        }
        func name(_ category: String) -> LocalizedText { policy.category(category)?.name ?? LocalizedText(zh: category, en: category) }
        func yuan(_ amount: Fen) -> String { amount.jsonNumber }

        let window = policy.centralisedWindow
        step("paid_on", "缴费日期", "payment date", quote.paidOnAssumed
            ? LocalizedText(zh: "\(quote.paidOn)（未给出，按集中缴费期\(window.from)至\(window.to)内缴费计）",
                            en: "\(quote.paidOn) (not given: assumed inside the centralised window \(window.from) … \(window.to))")
            : LocalizedText(zh: quote.paidOn.description, en: quote.paidOn.description), date: quote.paidOn)

        if let route = quote.route {
            step("route", "参保途径", "way of joining", LocalizedText(
                zh: "\(route.name.zh)（\(route.paid.from)至\(route.paid.to)缴费）" + (route.requiresAny.isEmpty ? "" : "，条件：" + route.requiresAny.describe(in: policy).zh),
                en: "\(route.name.en) (payments \(route.paid.from) … \(route.paid.to))" + (route.requiresAny.isEmpty ? "" : ", for: " + route.requiresAny.describe(in: policy).en)),
                clauses: [route.provenance.clause])
        }
        guard let route = quote.route, quote.refusal == nil else {
            let clauses = quote.route.map { [$0.provenance.clause] } ?? [policy.closed.provenance.clause]
            step("refused", "不能参保", "cannot join", quote.refusal?.text ?? LocalizedText(zh: "不能参保", en: "cannot join"), clauses: clauses)
            self.steps = steps
            return
        }

        let fees = route.fees ?? policy.fees
        let fee = fees[quote.tier - 1]
        step("fee", "个人缴费", "individual fee", LocalizedText(
            zh: "\(fee.name.zh) \(yuan(fee.amount))元", en: "\(fee.name.en): \(yuan(fee.amount)) yuan"),
            amount: fee.amount, clauses: [fee.provenance.clause])

        if quote.lateSurcharge > .zero {
            step("surcharge", "另缴财政补助", "plus the fiscal subsidy", LocalizedText(
                zh: "+\(yuan(quote.lateSurcharge))元（\(route.charge == .feePlusFiscal ? "此途径按个人缴费加财政补助缴纳" : "逾期缴费，财政补助部分由个人缴纳")）",
                en: "+\(yuan(quote.lateSurcharge)) yuan (\(route.charge == .feePlusFiscal ? "this way of joining pays the fee plus the fiscal subsidy" : "a late payer pays the fiscal part himself"))"),
                amount: quote.lateSurcharge, clauses: [quote.surchargeClause, policy.fiscalSubsidy.provenance.clause].compactMap { $0 })
        }

        if let chosen = quote.subsidyCategory {
            // The engine writes one line per part of the chosen group, in order.
            for (line, part) in zip(quote.subsidies, policy.category(chosen)?.parts ?? []) {
                let words = part.describe(against: fees)
                step("subsidy", line.timing == .now ? "资助" : "先缴后补", line.timing == .now ? "subsidy" : "refunded later", LocalizedText(
                    zh: "\(name(chosen).zh)：\(words.zh)，本次\(line.timing == .now ? "减" : "先缴后退")\(yuan(line.amount))元，由\(line.funder.name.zh)承担",
                    en: "\(name(chosen).en): \(words.en); \(yuan(line.amount)) yuan \(line.timing == .now ? "off now" : "refunded later"), funded by \(line.funder.name.en)"),
                    amount: line.amount, clauses: [line.clause])
            }
        } else if quote.categories.isEmpty {
            step("subsidy", "资助", "subsidy", LocalizedText(zh: "无（普通居民，未申报资助类别）", en: "none (ordinary resident, no hardship group given)"), amount: .zero)
        }
        for aside in quote.setAside {
            let would = aside.amount > .zero ? LocalizedText(zh: "（可资助\(yuan(aside.amount))元）", en: " (would give \(yuan(aside.amount)) yuan)") : LocalizedText(zh: "", en: "")
            step("not_applied", "未采用", "not applied", LocalizedText(
                zh: "\(name(aside.category).zh)\(would.zh)：\(aside.why.zh)",
                en: "\(name(aside.category).en)\(would.en): \(aside.why.en)"),
                amount: aside.amount, clauses: [aside.clause])
        }

        var sum = yuan(quote.individualFee)
        if quote.lateSurcharge > .zero { sum += " + " + yuan(quote.lateSurcharge) }
        if quote.subsidy > .zero { sum += " − " + yuan(quote.subsidy) }
        step("payable", "本次应缴", "pay now", LocalizedText(zh: "\(sum) = \(yuan(quote.payable))元", en: "\(sum) = \(yuan(quote.payable)) yuan"),
             amount: quote.payable,
             clauses: [fee.provenance.clause] + [quote.surchargeClause].compactMap { $0 } + quote.subsidies.filter { $0.timing == .now }.map(\.clause))
        if quote.refundLater > .zero {
            step("refund_later", "日后退还", "refunded later", LocalizedText(zh: "\(yuan(quote.refundLater))元", en: "\(yuan(quote.refundLater)) yuan"),
                 amount: quote.refundLater, clauses: quote.subsidies.filter { $0.timing == .later }.map(\.clause))
        }

        let rule = route.benefitStart.describe(coverageFrom: policy.coverage.from)
        let start = quote.benefitStart.map { LocalizedText(zh: "：\($0)", en: ": \($0)") }
            ?? LocalizedText(zh: "：日期未定", en: ": no date")
        step("benefit_start", "待遇开始", "cover starts", LocalizedText(zh: rule.zh + start.zh, en: rule.en + start.en),
             date: quote.benefitStart, clauses: [route.provenance.clause])
        if let end = quote.benefitEnd {
            step("benefit_end", "待遇结束", "cover ends", LocalizedText(zh: end.description, en: end.description),
                 date: end, clauses: [route.benefitEnd == .coverageEnd ? policy.coverageProvenance.clause : route.provenance.clause])
        }
        self.steps = steps
    }
}
