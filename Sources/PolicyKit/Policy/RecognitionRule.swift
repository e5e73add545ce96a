/// When a subsidy starts for someone newly recognised as a hardship group.
///
/// nanan 五(七): from the month after recognition; someone who paid before gets none.
public struct RecognitionRule: Equatable, Hashable, Sendable {
    /// Whether the subsidy starts on the 1st of the month after recognition (otherwise
    /// on the day of recognition).
    public let fromNextMonth: Bool
    public let provenance: Provenance

    /// The first payment date that gets the subsidy for someone recognised on `date`.
    public func firstSubsidisedPayment(recognizedOn date: CivilDate) -> CivilDate {
        fromNextMonth ? date.firstOfNextMonth : date
    }

    init(_ node: JSONNode) throws(PolicyError) {
        let object = try node.object()
        let effective = try object.required("effective")
        switch try effective.string() {
        case "next_month": fromNextMonth = true
        case "same_day": fromNextMonth = false
        case let other: throw effective.failure("unknown effective rule '\(other)'; use 'next_month' or 'same_day'")
        }
        provenance = try Provenance(object)
        try object.finish()
    }
}
