/// A late payer's surcharge: from a date on, the resident also pays the fiscal subsidy
/// (nancheng from 2021-07-01, nanan from 2024-07-01), unless exempt.
public struct Surcharge: Equatable, Hashable, Sendable {
    /// Payments on or after this day are surcharged.
    public let paidFrom: CivilDate
    /// The last day surcharged, where the notice bounds it (nancheng 四(一)2 "7月至12月底");
    /// `nil`: to the end of every route.
    public let paidTo: CivilDate?
    /// Routes the surcharge does not apply to.
    public let exemptRoutes: [String]
    /// Residents it does not apply to: any one of these.
    public let exemptAny: [Requirement]
    public let provenance: Provenance

    /// Whether a payment on `date` falls in the surcharged days.
    public func covers(_ date: CivilDate) -> Bool { date >= paidFrom && paidTo.map { date <= $0 } ?? true }

    init(_ node: JSONNode) throws(PolicyError) {
        let object = try node.object()
        paidFrom = try object.required("paid_from").date()
        paidTo = try object.optional("paid_to")?.date()
        exemptRoutes = try object.optional("exempt_routes")?.strings() ?? []
        exemptAny = try Requirement.list(object.optional("exempt_any"))
        provenance = try Provenance(object)
        try object.finish()
    }
}
