/// The key dates of a region-year in order: payment windows, subsidy cut-offs, surcharge
/// start, the coverage year. Each window says what paying then costs and when cover starts.
public struct PolicyCalendar: Sendable {
    public struct Entry: Sendable {
        public enum Kind: String, Sendable {
            /// A way of joining's payment window (`route` is set).
            case window
            /// The last day a payment gets some groups' subsidy.
            case subsidyDeadline = "subsidy_deadline"
            /// From this day a late payer also pays the fiscal subsidy.
            case surcharge
            /// The coverage year (待遇享受期).
            case coverage
        }

        public let kind: Kind
        public let from: CivilDate
        public let to: CivilDate
        /// The route id for windows.
        public let route: String?
        public let name: LocalizedText
        /// Who may pay in this window (`nil`: everyone).
        public let who: LocalizedText?
        /// What paying then costs.
        public let amount: LocalizedText?
        /// When cover starts for someone paying then.
        public let cover: LocalizedText?
        /// A caveat the notice attaches (beita's extension only where a township filed it).
        public let note: LocalizedText?
        public let clause: String
        /// Every assumption behind the entry's dates and amounts (the fiscal subsidy a
        /// late payer adds, a window's opening day …).
        public let assumptions: [Assumption]
    }

    public let entries: [Entry]

    public init(policy: RegionPolicy) {
        var entries: [Entry] = []
        let fiscal = policy.fiscalSubsidy.amount
        let fiscalAssumption = policy.fiscalSubsidy.provenance.assumption
        for route in policy.routes {
            let fees = route.fees ?? policy.fees
            let feeText = LocalizedText(
                zh: fees.map { fees.count == 1 ? "\($0.amount)元" : "\($0.name.zh)\($0.amount)元" }.joined(separator: "，"),
                en: fees.map { fees.count == 1 ? "\($0.amount) yuan" : "\($0.amount) yuan (\($0.name.en))" }.joined(separator: ", "))
            var amount: LocalizedText
            var assumptions = [route.provenance.assumption] + fees.map(\.provenance.assumption)
            switch route.charge {
            case .fee: amount = LocalizedText(zh: "个人缴费" + feeText.zh, en: "the individual fee, " + feeText.en)
            case .feePlusFiscal:
                amount = LocalizedText(zh: "个人缴费\(feeText.zh)加财政补助\(fiscal)元", en: "the individual fee (\(feeText.en)) plus the fiscal subsidy of \(fiscal) yuan")
                assumptions.append(fiscalAssumption)
            }
            amount = route.subsidies
                ? LocalizedText(zh: amount.zh + "；资助对象按类别减免", en: amount.en + "; hardship groups get their subsidy")
                : LocalizedText(zh: amount.zh + "；不享受资助", en: amount.en + "; no hardship subsidy")
            // A route only the exempt may use (nanan's make-up route for 困难人口 …) never pays it.
            let exemptOnly = !route.requiresAny.isEmpty
            for surcharge in policy.surcharges where !surcharge.exemptRoutes.contains(route.id) && route.charge == .fee
                && surcharge.paidFrom > route.paid.from && surcharge.paidFrom <= route.paid.to
                && !(exemptOnly && route.requiresAny.allSatisfy(surcharge.exemptAny.contains)) {
                let until = surcharge.paidTo.flatMap { $0 < route.paid.to ? $0 : nil }
                amount = LocalizedText(zh: amount.zh + "；\(surcharge.paidFrom)起" + (until.map { "至\($0)" } ?? "") + "另缴财政补助\(fiscal)元",
                                       en: amount.en + "; from \(surcharge.paidFrom)" + (until.map { " to \($0)" } ?? "") + " plus the fiscal subsidy of \(fiscal) yuan")
                assumptions += [surcharge.provenance.assumption, fiscalAssumption]
            }
            entries.append(Entry(
                kind: .window, from: route.paid.from, to: route.paid.to, route: route.id, name: route.name,
                who: route.requiresAny.isEmpty ? nil : route.requiresAny.describe(in: policy),
                amount: amount, cover: route.benefitStart.describe(coverageFrom: policy.coverage.from),
                note: route.note, clause: route.provenance.clause, assumptions: Self.distinct(assumptions)))
        }
        // Subsidy cut-offs, one entry per distinct period, naming its groups.
        var periods: [(Period, [Category])] = []
        for category in policy.categories {
            guard let period = category.paid else { continue }
            if let index = periods.firstIndex(where: { $0.0 == period && $0.1[0].paidProvenance == category.paidProvenance && $0.1[0].paidExemptAny == category.paidExemptAny }) { periods[index].1.append(category) } else { periods.append((period, [category])) }
        }
        for (period, categories) in periods {
            let source = categories[0].paidProvenance ?? categories[0].provenance
            let names = LocalizedText(zh: categories.map(\.name.zh).joined(separator: "、"), en: categories.map(\.name.en).joined(separator: "; "))
            let exempt = categories[0].paidExemptAny.isEmpty ? nil : categories[0].paidExemptAny.describe(in: policy)
            entries.append(Entry(
                kind: .subsidyDeadline, from: period.to, to: period.to, route: nil,
                name: LocalizedText(zh: "资助缴费截止：此后缴费不再享受" + names.zh, en: "last day of subsidised payment for: " + names.en),
                who: exempt.map { LocalizedText(zh: "除外：" + $0.zh, en: "except: " + $0.en) }, amount: nil, cover: nil, note: nil,
                clause: source.clause, assumptions: Self.distinct([source.assumption])))
        }
        for surcharge in policy.surcharges {
            let exempt = surcharge.exemptAny.isEmpty ? nil : surcharge.exemptAny.describe(in: policy)
            entries.append(Entry(
                kind: .surcharge, from: surcharge.paidFrom, to: surcharge.paidTo ?? policy.coverage.to, route: nil,
                name: LocalizedText(zh: "逾期缴费另缴财政补助\(fiscal)元", en: "late payers also pay the fiscal subsidy of \(fiscal) yuan"),
                who: exempt.map { LocalizedText(zh: "除外：" + $0.zh, en: "except: " + $0.en) },
                amount: LocalizedText(zh: "个人缴费加\(fiscal)元", en: "the individual fee plus \(fiscal) yuan"), cover: nil, note: nil,
                clause: surcharge.provenance.clause, assumptions: Self.distinct([surcharge.provenance.assumption, fiscalAssumption])))
        }
        entries.append(Entry(
            kind: .coverage, from: policy.coverage.from, to: policy.coverage.to, route: nil,
            name: LocalizedText(zh: "\(policy.year)年度待遇享受期", en: "\(policy.year) coverage year"),
            who: nil, amount: nil, cover: nil, note: nil,
            clause: policy.coverageProvenance.clause, assumptions: Self.distinct([policy.coverageProvenance.assumption])))
        // In date order; on the same day, in the order above (stable).
        self.entries = entries.enumerated().sorted { ($0.element.from, $0.offset) < ($1.element.from, $1.offset) }.map(\.element)
    }

    /// The assumptions present, each once, in order.
    private static func distinct(_ assumptions: [Assumption?]) -> [Assumption] {
        var seen: [Assumption] = []
        for case let assumption? in assumptions where !seen.contains(assumption) { seen.append(assumption) }
        return seen
    }
}
