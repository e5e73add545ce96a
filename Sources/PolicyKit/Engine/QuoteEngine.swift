/// Computes a `Quote` from a region-year policy and a resident.
///
/// The procedure is the same for every region; what differs lives in the policy data:
/// 1. the payment date (given, or the centralised window's first day);
/// 2. the first route, in file order, whose window holds the date and whose
///    requirements the resident meets; none: the resident cannot join, and why;
/// 3. the fee of the tier, and the fiscal part a late payer adds;
/// 4. each named hardship group's subsidy, keeping the single most favourable;
/// 5. the benefit start by the route's rule, and the benefit end.
public struct QuoteEngine: Sendable {
    public let policy: RegionPolicy

    public init(policy: RegionPolicy) {
        self.policy = policy
    }

    /// The quote for `resident`.
    ///
    /// - Parameter explaining: false leaves out what explains the answer and changes none
    ///   of it: `setAside`, `assumptions`, `notes` and `clauses` come back empty. For
    ///   callers that print none of them (`premium batch` without `--full`), this saves
    ///   building texts in two languages for every resident.
    /// - Throws: `PolicyError.unknownCategory` for a category the region does not have,
    ///   `.tierNotOffered` for a tier it does not offer, `.inconsistentResident` when the
    ///   payment date is before the date of birth.
    public func quote(_ resident: Resident, explaining: Bool = true) throws(PolicyError) -> Quote {
        if let tier = resident.tier, policy.fees.count == 1 || !policy.tiers.contains(tier) {
            throw .tierNotOffered(tier, region: policy.id, tiers: policy.tiers)
        }
        for id in resident.categories where !policy.hasCategory(id) {
            throw .unknownCategory(id, region: policy.id, known: policy.categories.map(\.id))
        }
        var builder = Builder(policy: policy, resident: resident, explaining: explaining)

        // 1. The payment date.
        let window = policy.centralisedWindow
        let paidOn: CivilDate
        if let given = resident.paidOn {
            paidOn = given
        } else if let born = resident.born, born > window.from {
            paidOn = born
            builder.assume(LocalizedText(
                zh: "未给出缴费日期：按出生当日（\(born)）缴费计算",
                en: "no payment date given: assumed paid on the day of birth (\(born))"))
        } else {
            paidOn = window.from
            builder.assume(LocalizedText(
                zh: "未给出缴费日期：按在集中缴费期（\(window.from)至\(window.to)）内缴费计算",
                en: "no payment date given: assumed paid inside the centralised window (\(window.from) … \(window.to))"))
        }
        if let born = resident.born, paidOn < born, !resident.situations.contains(.unborn) {
            throw .inconsistentResident("payment date \(paidOn) is before the date of birth \(born)")
        }
        builder.paidOn = paidOn
        builder.cite(policy.coverageProvenance)

        // 2. The way of joining.
        guard let route = policy.routes.first(where: {
            $0.paid.contains(paidOn) && $0.requiresAny.anyHolds(for: resident, paidOn: paidOn, in: policy)
        }) else {
            return builder.refuse(refusalWithoutRoute(paidOn: paidOn, builder: &builder))
        }
        builder.route = route
        builder.cite(route.provenance)
        if let note = route.note { builder.note(note) }

        // 3. Fee and surcharge.
        let tier = resident.tier ?? 1
        let fee = (route.fees ?? policy.fees)[tier - 1]
        builder.tier = tier
        builder.fee = fee.amount
        builder.cite(fee.provenance)
        builder.cite(policy.fiscalSubsidy.provenance)
        if route.charge == .feePlusFiscal {
            builder.surcharge = policy.fiscalSubsidy.amount
            builder.surchargeClause = route.provenance.clause
        } else if let rule = policy.surcharges.first(where: {
            paidOn >= $0.paidFrom && !$0.exemptRoutes.contains(route.id)
                && !($0.exemptAny.isEmpty == false && $0.exemptAny.anyHolds(for: resident, paidOn: paidOn, in: policy))
        }) {
            builder.surcharge = policy.fiscalSubsidy.amount
            builder.surchargeClause = rule.provenance.clause
            builder.cite(rule.provenance)
        }
        if builder.surcharge > .zero { builder.cite(policy.fiscalSubsidy.provenance) }

        // 4. Subsidies.
        chooseSubsidy(route: route, fee: fee.amount, paidOn: paidOn, builder: &builder)

        // 5. Cover.
        try computeCover(route: route, paidOn: paidOn, builder: &builder)
        return builder.finish()
    }

    private func refusalWithoutRoute(paidOn: CivilDate, builder: inout Builder) -> Quote.Refusal {
        let opens = policy.collectionOpens
        if paidOn < opens {
            return Quote.Refusal(code: "before_collection", text: LocalizedText(
                zh: "缴费日期\(paidOn)早于\(policy.year)年度征缴开始日（\(opens)）",
                en: "payment date \(paidOn) is before collection for \(policy.year) opens (\(opens))"))
        }
        builder.cite(policy.closed.provenance)
        let prefix = LocalizedText(zh: "\(paidOn)缴费无法参保：", en: "cannot join by paying on \(paidOn): ")
        return Quote.Refusal(code: "closed", text: LocalizedText(
            zh: prefix.zh + policy.closed.note.zh, en: prefix.en + policy.closed.note.en))
    }

    private func chooseSubsidy(route: Route, fee: Fen, paidOn: CivilDate, builder: inout Builder) {
        let resident = builder.resident
        var candidates: [(category: Category, lines: [Quote.SubsidyLine], total: Fen, now: Fen)] = []
        for category in resident.categories.compactMap(policy.category) {
            if !route.subsidies {
                builder.setAside(category.id, .zero, route.provenance, LocalizedText(
                    zh: "本参保途径按全额缴纳，不享受资助", en: "this way of joining pays in full, without subsidy"))
                continue
            }
            if !category.conditionsAny.anyHolds(for: resident, paidOn: paidOn, in: policy) {
                builder.setAside(category.id, .zero, category.provenance, {
                    let wanted = category.conditionsAny.describe(in: policy)
                    return LocalizedText(zh: "不符合资助条件：" + wanted.zh, en: "subsidy conditions not met: " + wanted.en)
                }())
                continue
            }
            if let period = category.paid, !period.contains(paidOn),
               category.paidExemptAny.isEmpty || !category.paidExemptAny.anyHolds(for: resident, paidOn: paidOn, in: policy) {
                let source = category.paidProvenance ?? category.provenance
                builder.cite(source)
                builder.setAside(category.id, .zero, source, LocalizedText(
                    zh: "资助仅适用于\(period.from)至\(period.to)期间缴费", en: "the subsidy applies only to payments from \(period.from) to \(period.to)"))
                continue
            }
            if let recognized = resident.recognizedOn {
                let first = policy.recognition?.firstSubsidisedPayment(recognizedOn: recognized) ?? recognized
                if paidOn < first {
                    let source = policy.recognition?.provenance ?? category.provenance
                    builder.cite(source)
                    builder.setAside(category.id, .zero, source, LocalizedText(
                        zh: "认定日期为\(recognized)，资助自\(first)起缴费适用；认定前已参保的不再资助",
                        en: "recognised on \(recognized): the subsidy applies to payments from \(first); someone who paid before gets none"))
                    continue
                }
            }
            var lines: [Quote.SubsidyLine] = []
            var total = Fen.zero, now = Fen.zero
            for part in category.parts {
                let amount = min(part.amount(against: fee), fee - total)
                total += amount
                if part.timing == .now { now += amount }
                lines.append(Quote.SubsidyLine(category: category.id, amount: amount, timing: part.timing,
                                               funder: policy.funder(part.fundedBy)!, clause: part.provenance.clause))
            }
            candidates.append((category, lines, total, now))
        }
        // The single most favourable group: the largest subsidy, then the most paid now.
        guard let best = candidates.enumerated().max(by: { lhs, rhs in
            (lhs.element.total, lhs.element.now, -lhs.offset) < (rhs.element.total, rhs.element.now, -rhs.offset)
        })?.element else { return }
        for other in candidates where other.category.id != best.category.id {
            builder.setAside(other.category.id, other.total, policy.severalCategories.provenance, LocalizedText(
                zh: "同时符合多种资助的，按就高不就低只享受一项", en: "only the single most favourable subsidy applies"))
        }
        if resident.categories.count > 1 {
            builder.cite(policy.severalCategories.provenance)
            if let assumption = policy.severalCategories.provenance.assumption { builder.assume(assumption) }
        }
        builder.subsidyCategory = best.category.id
        builder.subsidies = best.lines
        builder.cite(best.category.provenance)
        for part in best.category.parts { builder.cite(part.provenance) }
        if let note = best.category.note { builder.note(note) }
    }

    private func computeCover(route: Route, paidOn: CivilDate, builder: inout Builder) throws(PolicyError) {
        let resident = builder.resident
        var start: CivilDate?
        switch route.benefitStart {
        case .coverageStart: start = policy.coverage.from
        case .birth: start = resident.born
        case .paymentDay: start = paidOn
        case .dayAfterPayment: start = paidOn.adding(days: 1)
        case .nextMonth: start = paidOn.firstOfNextMonth
        case .waitingDays(let days):
            start = paidOn.adding(days: days + 1)
            builder.waitingDays = days
        case .waitingMonths(let months):
            let last = paidOn.adding(months: months)
            start = last.adding(days: 1)
            builder.waitingDays = paidOn.days(until: last)
        case .schoolEntry: start = resident.schoolEntry
        case .unknown: start = nil
        }
        builder.benefitStartRule = route.benefitStart

        let end: CivilDate
        switch route.benefitEnd {
        case .coverageEnd:
            end = policy.coverage.to
            if let early = start, early < policy.coverage.from {
                start = policy.coverage.from
                builder.assume(LocalizedText(
                    zh: "\(policy.year)年度待遇不早于\(policy.coverage.from)开始；此前的待遇属上一年度",
                    en: "cover for \(policy.year) starts no earlier than \(policy.coverage.from); earlier days belong to the previous year"))
            }
        case .schoolYearEnd(let month, let day):
            let from = resident.schoolEntry ?? start ?? paidOn
            var candidate = CivilDate(year: from.year, month: month, day: min(day, CivilDate.daysIn(month: month, year: from.year)))!
            if candidate <= from {
                candidate = CivilDate(year: from.year + 1, month: month, day: min(day, CivilDate.daysIn(month: month, year: from.year + 1)))!
            }
            end = candidate
        case .date(let date):
            end = date
        }
        if let start, start > end {
            builder.refusal = Quote.Refusal(code: "no_cover_left", text: LocalizedText(
                zh: "\(paidOn)缴费，待遇最早\(start)开始，已晚于待遇期结束日\(end)，本年度无待遇可享",
                en: "paying on \(paidOn), cover would start on \(start), after cover ends on \(end): no cover is left this year"))
            return
        }
        builder.benefitStart = start
        builder.benefitEnd = end
        if start == nil, route.benefitStart == .unknown {
            builder.note(LocalizedText(
                zh: "通知未规定此途径参保的待遇开始日期，请向医保经办机构确认",
                en: "the notice does not say when cover starts on this way of joining; ask the medical-insurance office"))
        } else if start == nil {
            builder.note(LocalizedText(
                zh: "待遇自\(route.benefitStart == .birth ? "出生" : "入学")之日起；日期未知",
                en: "cover starts on the day of \(route.benefitStart == .birth ? "birth" : "school entry"); that date is not known yet"))
        }
    }
}

/// Collects the parts of a quote while the engine works through its steps.
private struct Builder {
    let policy: RegionPolicy
    let resident: Resident
    var paidOn: CivilDate = CivilDate(daysSince1970: 0)
    var route: Route?
    var refusal: Quote.Refusal?
    var tier = 1
    var fee = Fen.zero
    var surcharge = Fen.zero
    var surchargeClause: String?
    var subsidyCategory: String?
    var subsidies: [Quote.SubsidyLine] = []
    var setAside: [Quote.SetAside] = []
    var benefitStart: CivilDate?
    var benefitStartRule = BenefitStart.unknown
    var benefitEnd: CivilDate?
    var waitingDays = 0
    var assumptions: [Assumption] = []
    var notes: [LocalizedText] = []
    var clauses: [String] = []

    /// False: collect nothing that only explains (see `QuoteEngine.quote`).
    let explaining: Bool

    init(policy: RegionPolicy, resident: Resident, explaining: Bool) {
        self.policy = policy
        self.resident = resident
        self.explaining = explaining
    }

    mutating func cite(_ provenance: Provenance) {
        guard explaining else { return }
        // Byte comparison: clauses are data, and `==` on non-ASCII strings normalises.
        let clause = provenance.clause
        if !clauses.contains(where: { Builder.sameBytes($0, clause) }) { clauses.append(clause) }
        if let assumption = provenance.assumption, !assumptions.contains(where: { Builder.same($0, assumption) }) {
            assumptions.append(assumption)
        }
    }

    /// Whether two assumptions say the same, compared as bytes.
    static func same(_ lhs: Assumption, _ rhs: Assumption) -> Bool {
        sameBytes(lhs.note.zh, rhs.note.zh) && sameBytes(lhs.note.en, rhs.note.en)
            && sameBytes(lhs.basis ?? "", rhs.basis ?? "") && (lhs.basis == nil) == (rhs.basis == nil)
    }

    /// Byte equality, without the Unicode normalisation `==` does for non-ASCII text.
    static func sameBytes(_ lhs: String, _ rhs: String) -> Bool {
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        return lhs.utf8.withContiguousStorageIfAvailable { left in
            rhs.utf8.withContiguousStorageIfAvailable { right in left.elementsEqual(right) }
        }.flatMap { $0 } ?? lhs.utf8.elementsEqual(rhs.utf8)
    }

    mutating func assume(_ note: @autoclosure () -> LocalizedText) {
        if explaining { assumptions.append(Assumption(note: note())) }
    }

    mutating func assume(_ assumption: Assumption) {
        if explaining { assumptions.append(assumption) }
    }

    mutating func note(_ note: @autoclosure () -> LocalizedText) {
        if explaining { notes.append(note()) }
    }

    mutating func setAside(_ category: String, _ amount: Fen, _ source: Provenance, _ why: @autoclosure () -> LocalizedText) {
        if explaining { setAside.append(Quote.SetAside(category: category, amount: amount, why: why(), clause: source.clause)) }
    }

    mutating func refuse(_ refusal: Quote.Refusal) -> Quote {
        self.refusal = refusal
        return finish()
    }

    func finish() -> Quote {
        let enrolled = refusal == nil
        var now = Fen.zero, later = Fen.zero
        for line in subsidies {
            if line.timing == .now { now += line.amount } else if line.timing == .later { later += line.amount }
        }
        return Quote(
            region: policy.id, year: policy.year, categories: resident.categories, tier: tier,
            paidOn: paidOn, paidOnAssumed: resident.paidOn == nil, route: route, refusal: refusal,
            individualFee: fee == .zero ? policy.fees[(resident.tier ?? 1) - 1].amount : fee,
            fiscalSubsidy: policy.fiscalSubsidy.amount,
            lateSurcharge: enrolled ? surcharge : .zero,
            surchargeClause: enrolled ? surchargeClause : nil,
            subsidyCategory: enrolled ? subsidyCategory : nil,
            subsidies: enrolled ? subsidies : [],
            subsidy: enrolled ? now : .zero,
            payable: enrolled ? fee + surcharge - now : .zero,
            refundLater: enrolled ? later : .zero,
            benefitStart: enrolled ? benefitStart : nil,
            benefitStartRule: benefitStartRule,
            benefitEnd: enrolled ? benefitEnd : nil,
            waitingDays: enrolled ? waitingDays : 0,
            setAside: setAside, assumptions: assumptions, notes: notes, document: policy.document.reference, clauses: clauses)
    }
}
