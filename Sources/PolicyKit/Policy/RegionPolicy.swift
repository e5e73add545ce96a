/// One region's policy for one year, as its notice publishes it.
///
/// A final class of constants: loaded once, then shared by every quote instead of
/// copying its two dozen fields into each.
///
/// Decoding validates the file completely (unknown keys, impossible dates, amounts that
/// are not whole fen, missing sources, dangling references, totals that do not add up),
/// so no command ever computes from bad data.
public final class RegionPolicy: Sendable {
    public let id: String
    public let year: Int
    public let name: LocalizedText
    /// Other names a clerk may type (`北塔`).
    public let aliases: [String]
    public let province: LocalizedText
    public let city: LocalizedText
    public let document: PolicyDocument
    /// The coverage year (待遇享受期).
    public let coverage: Period
    public let coverageProvenance: Provenance
    /// The individual fee, by tier.
    public let fees: [FeeTier]
    /// What government pays per person (财政补助).
    public let fiscalSubsidy: Amount
    /// The total the notice states (individual + fiscal), when it states one.
    public let financingTotal: Amount?
    public let funders: [Funder]
    public let categories: [Category]
    /// How several hardship groups combine (the single most favourable one).
    public let severalCategories: SourcedNote
    public let routes: [Route]
    public let surcharges: [Surcharge]
    public let recognition: RecognitionRule?
    /// Why nobody can join on a date no route accepts.
    public let closed: ClosedRule
    /// How this notice words a situation, where it differs from the generic wording
    /// (nancheng's students are 在渝高校大学生 only).
    public let situationNames: [Situation: LocalizedText]
    /// Whether and until when a payment can be refunded.
    public let refunds: SourcedNote?
    /// The collection targets the notice sets (目标任务, village task tables, scoring),
    /// when it sets any.
    public let targets: CollectionTargets?
    /// The file this came from, relative to the policy directory.
    public let file: String

    /// Decodes and validates one policy file.
    public convenience init(file: String, bytes: [UInt8]) throws(PolicyError) {
        try self.init(file: file, bytes: bytes, validating: true)
    }

    /// Decodes one file; with `validating` false, only the checks decoding itself makes
    /// (syntax, types, keys, dates, amounts), so `PolicyCheck` can list every cross-check
    /// problem instead of the first.
    convenience init(file: String, bytes: [UInt8], validating: Bool) throws(PolicyError) {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw .invalidData(file: file, path: "", message: "not valid JSON: \(error.description)")
        }
        try self.init(JSONNode(value: value, file: file, path: ""), validating: validating)
    }

    init(_ node: JSONNode, validating: Bool) throws(PolicyError) {
        let object = try node.object()
        file = node.file
        let idNode = try object.required("region")
        id = try idNode.string()
        guard id.utf8.allSatisfy({ (97...122).contains($0) || (48...57).contains($0) || $0 == 45 }) else {
            throw idNode.failure("region id '\(id)' must be lower-case ASCII letters, digits and '-'")
        }
        year = try object.required("year").int(in: 2000...2100)
        name = try LocalizedText(object.required("name"))
        aliases = try object.optional("aliases")?.strings() ?? []
        province = try LocalizedText(object.required("province"))
        city = try LocalizedText(object.required("city"))
        document = try PolicyDocument(object.required("document"))
        let coverageNode = try object.required("coverage")
        let coverageObject = try coverageNode.object()
        coverage = try Period(reading: coverageObject)
        coverageProvenance = try Provenance(coverageObject)
        try coverageObject.finish()
        fees = try FeeTier.list(object.required("fees"))
        fiscalSubsidy = try Amount(object.required("fiscal_subsidy"))
        financingTotal = try object.optional("financing_total").map { (node) throws(PolicyError) in try Amount(node) }
        var funders: [Funder] = []
        for element in try object.required("funders").array() { funders.append(try Funder(element)) }
        self.funders = funders
        var categories: [Category] = []
        for element in try object.required("categories").array() { categories.append(try Category(element)) }
        self.categories = categories
        severalCategories = try SourcedNote(object.required("several_categories"))
        var routes: [Route] = []
        for element in try object.required("routes").array() { routes.append(try Route(element)) }
        self.routes = routes
        var surcharges: [Surcharge] = []
        for element in try object.optional("surcharges")?.array() ?? [] { surcharges.append(try Surcharge(element)) }
        self.surcharges = surcharges
        recognition = try object.optional("recognition").map { (node) throws(PolicyError) in try RecognitionRule(node) }
        closed = try ClosedRule(object.required("closed"))
        var situationNames: [Situation: LocalizedText] = [:]
        if let namesNode = object.optional("situations") {
            let names = try namesNode.object()
            for key in names.keys {
                guard let situation = Situation(rawValue: key) else {
                    throw namesNode.failure("unknown situation '\(key)'"
                        + Suggestion.didYouMean(key, among: Situation.allCases.map(\.rawValue)))
                }
                situationNames[situation] = try LocalizedText(names.required(key))
            }
        }
        self.situationNames = situationNames
        refunds = try object.optional("refunds").map { (node) throws(PolicyError) in try SourcedNote(node) }
        targets = try object.optional("targets").map { (node) throws(PolicyError) in try CollectionTargets(node) }
        try object.finish()
        if validating, let first = problems().first { throw first }
    }

    /// The fee tier numbers the notice offers.
    public var tiers: [Int] { fees.map(\.tier) }

    /// The payment dates of the centralised collection route: the default when no
    /// payment date is given.
    public var centralisedWindow: Period {
        for route in routes where route.centralised { return route.paid }
        preconditionFailure("validated policies have a centralised route")
    }

    /// The first day any route accepts a payment: collection for the year opens.
    public var collectionOpens: CivilDate {
        var opens = routes[0].paid.from
        for route in routes where route.paid.from < opens { opens = route.paid.from }
        return opens
    }

    public func category(_ id: String) -> Category? { categories.first { $0.id == id } }

    /// What `situation` means in this notice's words.
    public func meaning(of situation: Situation) -> LocalizedText {
        situationNames[situation] ?? situation.meaning
    }

    /// The last day a route's window may reach: the end of cover, or for a newborn route
    /// that counts its window from birth, the end of cover plus that window (a child
    /// born on 30 November pays within its 90 days, into the next year).
    func latestPayment(for route: Route) -> CivilDate {
        guard !route.requiresAny.isEmpty else { return coverage.to }
        var latest = coverage.to
        for requirement in route.requiresAny {
            if let days = requirement.bornWithinDays {
                latest = max(latest, coverage.to.adding(days: days))
            } else if let months = requirement.bornWithinMonths {
                latest = max(latest, coverage.to.adding(months: months))
            } else {
                return coverage.to
            }
        }
        return latest
    }

    /// Whether the region has a category with this id (without copying it).
    public func hasCategory(_ id: String) -> Bool { categories.contains { $0.id == id } }

    public func funder(_ id: String) -> Funder? { funders.first { $0.id == id } }

    /// Every cross-check problem in a file that decoded, in file order: totals, references,
    /// names used twice, subsidies above fees, windows out of bounds or overlapping.
    /// Paths point at the offending value. Empty when the policy is sound.
    func problems() -> [PolicyError] {
        var problems: [PolicyError] = []
        func at(_ path: String, _ message: String) {
            problems.append(.invalidData(file: file, path: path, message: message))
        }
        if coverage.from.year != year {
            at("coverage.from", "coverage starts in \(coverage.from.year), not in policy year \(year)")
        }
        if coverage.to > coverage.from.adding(months: 12).adding(days: -1) {
            at("coverage.to", "a coverage year of \(coverage.from) … \(coverage.to) is longer than one year")
        }
        if let total = financingTotal, total.amount != fees[0].amount + fiscalSubsidy.amount {
            at("financing_total.amount", "stated total \(total.amount.jsonNumber) ≠ individual fee \(fees[0].amount.jsonNumber) + fiscal subsidy \(fiscalSubsidy.amount.jsonNumber)")
        }
        unique(funders.map(\.id), path: "funders", what: "funder id", at)
        checkNames(at)

        // Every id, name and alias a clerk may type must name one category only.
        var names: [String: String] = [:]
        for (index, category) in categories.enumerated() {
            for (offset, name) in ([category.id, category.name.zh] + category.aliases).enumerated() {
                if let owner = names[name], owner != category.id || offset == 0 {
                    at("categories.\(index)" + (offset >= 2 ? ".aliases.\(offset - 2)" : offset == 1 ? ".name.zh" : ".id"),
                       "'\(name)' already names category '\(owner)'")
                }
                names[name] = category.id
            }
        }
        // Payment dates a policy year can sensibly concern: from 1 January of the year
        // before (collection opens in the autumn) to the end of cover.
        let earliest = CivilDate(year: year - 1, month: 1, day: 1)!, latest = coverage.to
        func checkBounds(_ period: Period, _ path: String, _ what: String) {
            if period.from < earliest || period.to > latest {
                at(path, "\(what) \(period.from) … \(period.to) lies outside \(earliest) … \(latest)")
            }
        }
        let minimumFee = fees.map(\.amount).min()!
        for (index, category) in categories.enumerated() {
            if category.parts.isEmpty, category.note == nil {
                at("categories.\(index).subsidy", "a category without a subsidy needs a 'note' saying so")
            }
            for (excludedIndex, id) in category.excludedBy.enumerated() where self.category(id) == nil || id == category.id {
                at("categories.\(index).excluded_by.\(excludedIndex)", "category '\(id)' is not another defined category"
                    + Suggestion.didYouMean(id, among: categories.map(\.id)))
            }
            if let tier = category.defaultTier, !tiers.contains(tier) {
                at("categories.\(index).default_tier", "tier \(tier) is not one of the fee tiers \(tiers)")
            }
            // Membership decides `hardship` and `categories`: a condition on them would
            // make membership depend on itself.
            if category.conditionsAny.contains(where: { $0.hardship != nil || $0.categories != nil }) {
                at("categories.\(index).conditions_any", "a group's conditions may not depend on group membership")
            }
            var fixedTotal = Fen.zero
            for (partIndex, part) in category.parts.enumerated() {
                let path = "categories.\(index).subsidy.\(partIndex)"
                if funder(part.fundedBy) == nil {
                    at(path + ".funded_by", "funder '\(part.fundedBy)' is not defined in 'funders'"
                        + Suggestion.didYouMean(part.fundedBy, among: funders.map(\.id)))
                }
                if case .fixed(let amount) = part.kind { fixedTotal += amount }
            }
            if fixedTotal > minimumFee {
                at("categories.\(index).subsidy", "subsidy \(fixedTotal.jsonNumber) is above the fee \(minimumFee.jsonNumber) it reduces")
            }
            if let paid = category.paid { checkBounds(paid, "categories.\(index).paid", "subsidised payment period") }
            checkReferences(category.conditionsAny, path: "categories.\(index).conditions_any", at)
            checkReferences(category.paidExemptAny, path: "categories.\(index).paid_exempt_any", at)
        }

        unique(routes.map(\.id), path: "routes", what: "route id", at)
        if !routes.contains(where: \.centralised) {
            at("routes", "no route is marked 'centralised': the default payment window is unknown")
        }
        for (index, route) in routes.enumerated() {
            let path = "routes.\(index)"
            let routeLatest = latestPayment(for: route)
            if route.paid.from < earliest || route.paid.to > routeLatest {
                at(path + ".paid", "payment window \(route.paid.from) … \(route.paid.to) lies outside \(earliest) … \(routeLatest)")
            }
            for (extensionIndex, cover) in route.coverExtensions.enumerated() {
                checkReferences(cover.requiresAny, path: path + ".cover_extensions.\(extensionIndex).requires_any", at)
                if cover.to > coverage.to.adding(months: 12) {
                    at(path + ".cover_extensions.\(extensionIndex).to", "cover to \(cover.to) runs more than a year past \(coverage.to)")
                }
            }
            if route.centralised, route.paid.to >= coverage.to {
                at(path + ".paid.to", "the centralised window must close before the coverage year ends")
            }
            checkReferences(route.requiresAny, path: path + ".requires_any", at)
            // Routes are tried in file order: two that take the same residents on the same
            // day would leave the second one dead on those days.
            for earlier in routes[..<index] where earlier.requiresAny == route.requiresAny
                && earlier.paid.from <= route.paid.to && route.paid.from <= earlier.paid.to {
                let whole = earlier.paid.from <= route.paid.from && route.paid.to <= earlier.paid.to
                at(path + ".paid", whole
                    ? "route '\(route.id)' can never apply: route '\(earlier.id)' takes the same residents on every one of its days"
                    : "window \(route.paid.from) … \(route.paid.to) overlaps route '\(earlier.id)' (\(earlier.paid.from) … \(earlier.paid.to)), which takes the same residents")
            }
            if let tiers = route.fees, tiers.count != fees.count {
                at(path + ".fees", "route fees must list the same \(fees.count) tier(s) as the region")
            }
        }
        if let rule = recognition, let by = rule.recognizedBy, by < earliest || by > latest {
            at("recognition.recognized_by", "\(by) lies outside \(earliest) … \(latest)")
        }
        for (index, stretch) in closed.stretches.enumerated() {
            checkBounds(stretch.period, "closed.during.\(index)", "refused stretch")
        }
        for (index, surcharge) in surcharges.enumerated() {
            if surcharge.paidFrom < earliest || surcharge.paidFrom > latest {
                at("surcharges.\(index).paid_from", "surcharge date \(surcharge.paidFrom) lies outside \(earliest) … \(latest)")
            }
            if let to = surcharge.paidTo, to < surcharge.paidFrom {
                at("surcharges.\(index).paid_to", "surcharge ends (\(to)) before it starts (\(surcharge.paidFrom))")
            }
            for (routeIndex, routeID) in surcharge.exemptRoutes.enumerated() where !routes.contains(where: { $0.id == routeID }) {
                at("surcharges.\(index).exempt_routes.\(routeIndex)", "route '\(routeID)' is not defined"
                    + Suggestion.didYouMean(routeID, among: routes.map(\.id)))
            }
            checkReferences(surcharge.exemptAny, path: "surcharges.\(index).exempt_any", at)
        }
        targets?.problems(path: "targets", dates: earliest...latest, at)
        return problems
    }

    /// Ids are `[a-z0-9-]+` (they reach shell completion, file names and output keys);
    /// no name or alias holds a control character (they reach terminals).
    private func checkNames(_ at: (String, String) -> Void) {
        func id(_ text: String, _ path: String) {
            let valid = !text.isEmpty && text.utf8.allSatisfy { $0 == UInt8(ascii: "-") || ($0 >= 48 && $0 <= 57) || ($0 >= 97 && $0 <= 122) }
            if !valid { at(path, "id '\(text.debugDescription.dropFirst().dropLast())' must be lowercase letters, digits and '-'") }
        }
        func name(_ text: String, _ path: String) {
            if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
                at(path, "'\(text.debugDescription.dropFirst().dropLast())' holds a control character")
            }
        }
        func names(_ text: LocalizedText, _ path: String) { name(text.zh, path + ".zh"); name(text.en, path + ".en") }
        id(self.id, "region")
        names(self.name, "name")
        for (index, alias) in aliases.enumerated() { name(alias, "aliases.\(index)") }
        for (index, funder) in funders.enumerated() {
            id(funder.id, "funders.\(index).id")
            names(funder.name, "funders.\(index).name")
        }
        for (index, category) in categories.enumerated() {
            id(category.id, "categories.\(index).id")
            names(category.name, "categories.\(index).name")
            for (aliasIndex, alias) in category.aliases.enumerated() { name(alias, "categories.\(index).aliases.\(aliasIndex)") }
        }
        for (index, route) in routes.enumerated() {
            id(route.id, "routes.\(index).id")
            names(route.name, "routes.\(index).name")
        }
        for (index, village) in (targets?.villages ?? []).enumerated() { name(village.name, "targets.villages.\(index).name") }
        if let scoring = targets?.scoring { names(scoring.scored, "targets.scoring.of") }
    }

    private func unique(_ ids: [String], path: String, what: String, _ at: (String, String) -> Void) {
        var seen = Set<String>()
        for (index, id) in ids.enumerated() where !seen.insert(id).inserted {
            at("\(path).\(index).id", "\(what) '\(id)' is used twice")
        }
    }

    private func checkReferences(_ requirements: [Requirement], path: String, _ at: (String, String) -> Void) {
        for (index, requirement) in requirements.enumerated() {
            if let situation = requirement.situation, let name = situationNames[situation], name.zh.isEmpty {
                at("\(path).\(index).situation", "situation '\(situation.rawValue)' has an empty name")
            }
            for (categoryIndex, id) in (requirement.categories ?? []).enumerated() where category(id) == nil {
                at("\(path).\(index).categories.\(categoryIndex)", "category '\(id)' is referenced but not defined"
                    + Suggestion.didYouMean(id, among: categories.map(\.id)))
            }
        }
    }
}
