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
    /// How the policy was chosen when the caller named no year (`PolicyStore.select`);
    /// every quote shows it as an assumption.
    public let selection: LocalizedText?

    public init(policy: RegionPolicy, selection: LocalizedText? = nil) {
        self.policy = policy
        self.selection = selection
    }

    /// The quote for `resident`.
    ///
    /// - Throws: `PolicyError.unknownCategory` for a category the region does not have,
    ///   `.tierNotOffered` for a tier it does not offer, `.inconsistentResident` when the
    ///   payment date is before the date of birth.
    public func quote(_ resident: Resident) throws(PolicyError) -> Quote {
        // Tier 1 where there is one fee is that fee: a roster written by batch says so.
        if let tier = resident.tier, !policy.tiers.contains(tier) {
            throw .tierNotOffered(tier, region: policy.id, tiers: policy.tiers)
        }
        for id in resident.categories where !policy.hasCategory(id) {
            throw .unknownCategory(id, region: policy.choice, known: policy.categoryChoices)
        }
        // A group the notice subsidises in another tier is quoted in that tier when none
        // is given, if that group's subsidy is the one that applies (nancheng 五(二)).
        if resident.tier == nil, let tier = resident.categories.compactMap({ policy.category($0)?.defaultTier }).max() {
            var inTier = resident
            inTier.tier = tier
            let quote = try compute(inTier, defaultTier: tier)
            if let chosen = quote.subsidyCategory, policy.category(chosen)?.defaultTier == tier { return quote }
        }
        return try compute(resident, defaultTier: nil)
    }

    private func compute(_ resident: Resident, defaultTier: Int?) throws(PolicyError) -> Quote {
        var builder = Builder(policy: policy, resident: resident)
        if let selection { builder.assume(selection) }

        // 1. The payment date.
        let window = policy.centralisedWindow
        let assumed = policy.assumedPayment(born: resident.born)
        let paidOn = resident.paidOn ?? assumed.date
        if resident.paidOn == nil, assumed.onBirth, let born = resident.born {
            builder.assume(LocalizedText(
                zh: "未给出缴费日期：按出生当日（\(born)）缴费计算",
                en: "no payment date given: assumed paid on the day of birth (\(born))"))
        } else if resident.paidOn == nil {
            builder.assume(LocalizedText(
                zh: "未给出缴费日期：按在集中缴费期（\(window.from)至\(window.to)）内缴费计算",
                en: "no payment date given: assumed paid inside the centralised window (\(window.from) … \(window.to))"))
        }
        if let born = resident.born, paidOn < born, !resident.situations.contains(.unborn) {
            throw .inconsistentResident(LocalizedText(zh: "缴费日期 \(paidOn) 早于出生日期 \(born)",
                                                       en: "payment date \(paidOn) is before the date of birth \(born)"))
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
            $0.covers(paidOn) && !$0.exemptRoutes.contains(route.id)
                && !($0.exemptAny.isEmpty == false && $0.exemptAny.anyHolds(for: resident, paidOn: paidOn, in: policy))
        }) {
            builder.surcharge = policy.fiscalSubsidy.amount
            builder.surchargeClause = rule.provenance.clause
            builder.cite(rule.provenance)
        }
        if builder.surcharge > .zero { builder.cite(policy.fiscalSubsidy.provenance) }

        // 4. Subsidies.
        chooseSubsidy(route: route, fee: fee.amount, paidOn: paidOn, builder: &builder)
        if let defaultTier, let chosen = builder.subsidyCategory.flatMap(policy.category), chosen.defaultTier == defaultTier {
            builder.note(LocalizedText(
                zh: "未指定缴费档次：\(chosen.name.zh)按通知全额资助参加\(fee.name.zh)，按\(fee.name.zh)计（\(chosen.provenance.clause)）",
                en: "no tier given: \(chosen.name.en) are fully subsidised in \(fee.name.en) by the notice, so quoted in \(fee.name.en) (\(chosen.provenance.clause))"))
        }

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
        let prefix = LocalizedText(zh: "\(paidOn)缴费无法参保：", en: "cannot join by paying on \(paidOn): ")
        if let stretch = policy.closed.stretch(containing: paidOn) {
            builder.cite(stretch.provenance)
            return Quote.Refusal(code: "closed", text: LocalizedText(
                zh: prefix.zh + stretch.note.zh, en: prefix.en + stretch.note.en), suggest: stretch.suggest)
        }
        builder.cite(policy.closed.provenance)
        return Quote.Refusal(code: "closed", text: LocalizedText(
            zh: prefix.zh + policy.closed.note.zh, en: prefix.en + policy.closed.note.en))
    }

    private func chooseSubsidy(route: Route, fee: Fen, paidOn: CivilDate, builder: inout Builder) {
        let resident = builder.resident
        var candidates: [(category: Category, order: Int, lines: [Quote.SubsidyLine], total: Fen, now: Fen)] = []
        for id in resident.categories {
            guard let order = policy.categories.firstIndex(where: { $0.id == id }) else { continue }
            let category = policy.categories[order]
            if !route.subsidies {
                builder.setAside(category.id, .zero, route.provenance, LocalizedText(
                    zh: "本参保途径按全额缴纳，不享受资助", en: "this way of joining pays in full, without subsidy"))
                continue
            }
            let membership = policy.membership(category, of: resident, paidOn: paidOn)
            switch membership {
            case .conditionsNotMet:
                builder.setAside(category.id, .zero, category.provenance, {
                    let wanted = category.conditionsAny.describe(in: policy)
                    return LocalizedText(zh: "不符合该类别条件（不享受资助及困难人口待遇）：" + wanted.zh,
                                         en: "the group's conditions do not hold (no subsidy, no hardship exemption): " + wanted.en)
                }())
                continue
            case .notYet(let effective):
                notRecognisedYet(category, effective: effective, paidOn: paidOn, builder: &builder)
                continue
            case .member, .memberSettledLater:
                break
            }
            if let owner = category.excludedBy.first(where: { policy.isMember($0, of: resident, paidOn: paidOn) }),
               let other = policy.category(owner) {
                builder.setAside(category.id, .zero, category.provenance, LocalizedText(
                    zh: "同时属于\(other.name.zh)的，按\(other.name.zh)资助", en: "also in \(other.name.en): subsidised as that group"))
                continue
            }
            if category.parts.isEmpty {
                builder.cite(category.provenance)
                builder.setAside(category.id, .zero, category.provenance, LocalizedText(
                    zh: "不享受资助", en: "no subsidy"))
                if let note = category.note { builder.note(note) }
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
            let settledLater = membership == .memberSettledLater
            var lines: [Quote.SubsidyLine] = []
            var total = Fen.zero, now = Fen.zero
            for part in category.parts {
                let amount = min(part.amount(against: fee), fee - total)
                let timing = settledLater ? SubsidyPart.Timing.later : part.timing
                total += amount
                if timing == .now { now += amount }
                lines.append(Quote.SubsidyLine(category: category.id, amount: amount, timing: timing,
                                               funder: policy.funder(part.fundedBy)!, clause: part.provenance.clause))
            }
            candidates.append((category, order, lines, total, now))
        }
        // The single most favourable group: the largest subsidy, then the most paid now,
        // then the group the notice lists first (never the order the clerk typed them in).
        guard let best = candidates.max(by: { lhs, rhs in
            (lhs.total, lhs.now, -lhs.order) < (rhs.total, rhs.now, -rhs.order)
        }) else { return }
        for other in candidates where other.category.id != best.category.id {
            // The notice's own words, or the assumption's (only nancheng 五(四) states the rule).
            builder.setAside(other.category.id, other.total, policy.severalCategories.provenance, policy.severalCategories.note)
        }
        if candidates.count > 1 { builder.cite(policy.severalCategories.provenance) }
        builder.subsidyCategory = best.category.id
        builder.subsidies = best.lines
        builder.cite(best.category.provenance)
        for part in best.category.parts { builder.cite(part.provenance) }
        if let note = best.category.note { builder.note(note) }
        if let rule = policy.recognition, let recognized = resident.recognizedOn,
           best.lines.contains(where: { $0.timing == .later }), paidOn < rule.effective(recognizedOn: recognized) {
            builder.cite(rule.provenance)
            builder.note(LocalizedText(
                zh: "\(recognized)认定、此前已缴费：\(rule.note.zh)；资助\(best.total)元日后由原资助渠道结算退还",
                en: "recognised on \(recognized), after paying: \(rule.note.en); the subsidy of \(best.total) is settled later by the same funder"))
        }
    }

    /// Why a group recognised after the payment does not count, in the region's own terms.
    private func notRecognisedYet(_ category: Category, effective: CivilDate, paidOn: CivilDate, builder: inout Builder) {
        let recognized = builder.resident.recognizedOn!
        let source: Provenance, why: LocalizedText, aside: LocalizedText
        if let rule = policy.recognition {
            source = rule.provenance
            why = LocalizedText(
                zh: "\(rule.note.zh)。认定日期\(recognized)，身份自\(effective)起生效：\(paidOn)缴费按普通居民计（不享受减免，也不享受困难人口的其他待遇）；自\(effective)起缴费方可享受",
                en: "\(rule.note.en). Recognised on \(recognized), the status counts from \(effective): paying on \(paidOn) is paying as an ordinary resident (no reduction, no hardship exemption); the reduction applies to payments from \(effective)")
            aside = LocalizedText(zh: "身份自\(effective)起生效，此前缴费不享受（见说明）", en: "the status counts from \(effective); no reduction before (see the notes)")
        } else {
            // The notice is silent: say so, and cite only the group's own clause.
            source = category.provenance
            why = LocalizedText(
                zh: "认定日期\(recognized)晚于缴费日期\(paidOn)：缴费时尚不属于\(category.name.zh)，不享受资助；通知未规定缴费后才认定的人员如何处理",
                en: "recognised on \(recognized), after paying on \(paidOn): not in \(category.name.en) when paying, so no subsidy; the notice does not say how people recognised after paying are treated")
            aside = LocalizedText(zh: "缴费后才认定，不享受资助（见说明）", en: "recognised after paying: no subsidy (see the notes)")
        }
        builder.cite(source)
        builder.setAside(category.id, .zero, source, aside)
        builder.note(why)
    }

    private func computeCover(route: Route, paidOn: CivilDate, builder: inout Builder) throws(PolicyError) {
        let resident = builder.resident
        let raw = policy.coverByRule(on: route, paidOn: paidOn, for: resident)
        var start = raw.start
        var end = raw.end
        builder.waitingDays = raw.waitingDays
        builder.benefitStartRule = route.benefitStart

        if route.benefitEnd == .coverageEnd, let early = start, early < policy.coverage.from {
            start = policy.coverage.from
            builder.note(LocalizedText(
                zh: "\(policy.year)年度待遇不早于\(policy.coverage.from)开始；此前的待遇属上一年度通知",
                en: "cover for \(policy.year) starts no earlier than \(policy.coverage.from); earlier days are the previous year's notice's business"))
        }
        if let cover = route.coverExtensions.first(where: { $0.requiresAny.anyHolds(for: resident, paidOn: paidOn, in: policy) }) {
            end = max(end, cover.to)
            builder.cite(cover.provenance)
            if let note = cover.note { builder.note(note) }
        }
        if paidOn > policy.coverage.to, end == policy.coverage.to {
            builder.note(LocalizedText(
                zh: "\(paidOn)缴纳的是\(policy.year)年度保费，待遇至\(end)止；\(policy.year + 1)年度须按该年度通知另行参保缴费",
                en: "paying on \(paidOn) pays for \(policy.year), covered until \(end); \(policy.year + 1) needs its own payment under that year's notice"))
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

    init(policy: RegionPolicy, resident: Resident) {
        self.policy = policy
        self.resident = resident
    }

    mutating func cite(_ provenance: Provenance) {
        // Byte comparison: clauses are data, and `==` on non-ASCII strings normalises.
        let clause = provenance.clause
        if !clauses.contains(where: { Builder.sameBytes($0, clause) }) { clauses.append(clause) }
        if let assumption = provenance.assumption { assume(assumption) }
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

    /// Adds an assumption once: the same text is never printed twice.
    mutating func assume(_ note: @autoclosure () -> LocalizedText) {
        assume(Assumption(note: note()))
    }

    mutating func assume(_ assumption: Assumption) {
        if !assumptions.contains(where: { Builder.same($0, assumption) }) { assumptions.append(assumption) }
    }

    mutating func note(_ note: @autoclosure () -> LocalizedText) {
        notes.append(note())
    }

    mutating func setAside(_ category: String, _ amount: Fen, _ source: Provenance, _ why: @autoclosure () -> LocalizedText) {
        setAside.append(Quote.SetAside(category: category, amount: amount, why: why(), clause: source.clause))
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
