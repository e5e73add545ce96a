/// Why nobody can join on a date no route accepts, with what the notice says about
/// particular stretches of those dates (zhuji 三(二)/三(三) on January–February).
public struct ClosedRule: Equatable, Hashable, Sendable {
    /// A stretch of refused dates with its own explanation.
    public struct Stretch: Equatable, Hashable, Sendable {
        public let period: Period
        public let note: LocalizedText
        /// Situations that open a route on these dates, suggested to the clerk.
        public let suggest: [Situation]
        public let provenance: Provenance
    }

    public let note: LocalizedText
    public let provenance: Provenance
    public let stretches: [Stretch]

    /// The stretch explaining a refusal on `date`, if any.
    public func stretch(containing date: CivilDate) -> Stretch? {
        stretches.first { $0.period.contains(date) }
    }

    init(_ node: JSONNode) throws(PolicyError) {
        let object = try node.object()
        note = try LocalizedText(object.required("note"))
        provenance = try Provenance(object)
        var stretches: [Stretch] = []
        for element in try object.optional("during")?.array() ?? [] {
            let stretch = try element.object()
            let period = try Period(reading: stretch)
            var suggest: [Situation] = []
            for name in try stretch.optional("suggest")?.strings() ?? [] {
                guard let situation = Situation(rawValue: name) else {
                    throw element.failure("unknown situation '\(name)'"
                        + Suggestion.didYouMean(name, among: Situation.allCases.map(\.rawValue)))
                }
                suggest.append(situation)
            }
            stretches.append(Stretch(period: period, note: try LocalizedText(stretch.required("note")),
                                     suggest: suggest, provenance: try Provenance(stretch)))
            try stretch.finish()
        }
        self.stretches = stretches
        try object.finish()
    }
}
