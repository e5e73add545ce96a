/// What a notice says about someone recognised as a hardship group (新认定、动态新增)
/// after the year's collection started: from which day the status counts, and what
/// someone who had already paid before then gets.
///
/// Each region states its own rule, or none: a region without one is silent, and a
/// resident recognised after paying was not in the group when he paid.
public struct RecognitionRule: Equatable, Hashable, Sendable {
    /// What a resident who paid before his status took effect gets.
    public enum PaidBefore: String, Equatable, Hashable, Sendable {
        /// Nothing: he paid as an ordinary resident (nanan 五(七) 认定前已参保的不再资助).
        case none
        /// The group's subsidy, settled later by the same funder (dongzhi 四(四)).
        case refundLater = "refund_later"
    }

    /// Whether the status starts on the 1st of the month after recognition (otherwise
    /// on the day of recognition).
    public let fromNextMonth: Bool
    public let paidBefore: PaidBefore
    /// With `refundLater`: only recognitions on or before this day are settled.
    public let recognizedBy: CivilDate?
    /// The rule in the notice's terms, shown with every quote it decides.
    public let note: LocalizedText
    public let provenance: Provenance

    /// The first payment date on which someone recognised on `date` counts as a member.
    public func effective(recognizedOn date: CivilDate) -> CivilDate {
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
        let paidBeforeNode = try object.required("paid_before")
        let text = try paidBeforeNode.string()
        guard let value = PaidBefore(rawValue: text) else {
            throw paidBeforeNode.failure("unknown paid_before rule '\(text)'; use 'none' or 'refund_later'")
        }
        paidBefore = value
        recognizedBy = try object.optional("recognized_by")?.date()
        note = try LocalizedText(object.required("note"))
        provenance = try Provenance(object)
        try object.finish()
    }
}
