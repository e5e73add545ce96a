/// How a notice scores a unit's participation rate: full marks from a rate, and points
/// deducted for each percentage point below it, band by band (beita 附件 三1).
///
/// This is the rule as data. Computing a deduction from a rate is left to its user, which
/// must show `provenance.assumption` wherever the reading of the bands matters.
public struct ParticipationScoring: Equatable, Hashable, Sendable {
    /// Points deducted for each percentage point of participation inside one band.
    public struct Deduction: Equatable, Hashable, Sendable {
        /// The band's lowest rate, in percent, inclusive; nil when it runs down to 0 %.
        public let fromPercent: Int?
        /// The rate the band lies below, in percent, exclusive.
        public let belowPercent: Int
        /// What each percentage point inside the band costs.
        public let perPoint: ScorePoints

        init(_ node: JSONNode) throws(PolicyError) {
            let object = try node.object()
            fromPercent = try object.optional("from")?.int(in: 0...100)
            belowPercent = try object.required("below").int(in: 1...100)
            perPoint = try ScorePoints(object.required("per_point"))
            try object.finish()
        }
    }

    /// Who is scored, e.g. 各乡人民政府、街道办事处.
    public let scored: LocalizedText
    /// What the item is worth: deductions stop when it is used up (扣完为止).
    public let points: ScorePoints
    /// The rate, in percent, from which the full points are given (inclusive).
    public let fullMarksFrom: Int
    /// The bands below `fullMarksFrom`, highest first, each starting where the one
    /// before it ends.
    public let deductions: [Deduction]
    /// What else the notice says about the scoring (what the points are part of).
    public let note: LocalizedText?
    /// The clauses, and the assumption that settles how the bands are read.
    public let provenance: Provenance

    init(_ node: JSONNode) throws(PolicyError) {
        let object = try node.object()
        scored = try LocalizedText(object.required("of"))
        points = try ScorePoints(object.required("points"))
        fullMarksFrom = try object.required("full_marks_from").int(in: 1...100)
        var deductions: [Deduction] = []
        for element in try object.required("deductions").array() { deductions.append(try Deduction(element)) }
        self.deductions = deductions
        note = try object.optional("note").map { (node) throws(PolicyError) in try LocalizedText(node) }
        provenance = try Provenance(object)
        try object.finish()
    }

    /// What is wrong with the bands: none, a band that ends before it starts, costs
    /// nothing, or does not start where the one above it ends (a gap or an overlap).
    func problems(path: String, _ at: (String, String) -> Void) {
        if points.hundredths == 0 { at(path + ".points", "a scored item worth 0 points can lose nothing") }
        if deductions.isEmpty { at(path + ".deductions", "no deduction band below full marks at \(fullMarksFrom) %") }
        var top = fullMarksFrom
        for (index, band) in deductions.enumerated() {
            let bandPath = path + ".deductions.\(index)"
            if band.belowPercent != top {
                at(bandPath + ".below", "band below \(band.belowPercent) % should start where the one above ends, at \(top) %")
            }
            if let from = band.fromPercent, from >= band.belowPercent {
                at(bandPath + ".from", "band from \(from) % below \(band.belowPercent) % is empty")
            }
            if band.perPoint.hundredths == 0 { at(bandPath + ".per_point", "a band that deducts 0 points per point deducts nothing") }
            if band.fromPercent == nil, index != deductions.count - 1 {
                at(bandPath + ".from", "only the last band may run down to 0 %")
            }
            top = band.fromPercent ?? 0
        }
    }
}
