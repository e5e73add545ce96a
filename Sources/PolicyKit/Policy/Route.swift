/// A way of joining for a policy year: when one may pay, who may, what it costs and
/// when cover starts. A region's routes are tried in file order; the first that fits
/// the resident and the payment date is the one that applies.
///
/// A final class of constants, like `RegionPolicy`: a quote refers to its route
/// instead of copying a dozen fields.
public final class Route: Sendable {
    /// What a resident pays on this route besides hardship subsidies.
    public enum Charge: String, Equatable, Hashable, Sendable {
        /// The individual fee.
        case fee
        /// The individual fee plus the fiscal subsidy (个人缴费 + 财政补助).
        case feePlusFiscal = "fee_plus_fiscal"
    }

    public let id: String
    public let name: LocalizedText
    /// The centralised collection window: the default when no payment date is given.
    public let centralised: Bool
    /// The payment dates this route accepts.
    public let paid: Period
    /// Who may use it: any one of these (empty: everyone).
    public let requiresAny: [Requirement]
    public let charge: Charge
    /// Fees that replace the region's (e.g. college students); `nil`: the region's fees.
    public let fees: [FeeTier]?
    /// Whether hardship subsidies apply on this route.
    public let subsidies: Bool
    public let benefitStart: BenefitStart
    public let benefitEnd: BenefitEnd
    /// Later ends of cover for some residents, tried in order.
    public let coverExtensions: [CoverExtension]
    /// A caveat shown with every quote on this route.
    public let note: LocalizedText?
    public let provenance: Provenance

    init(_ node: JSONNode) throws(PolicyError) {
        let object = try node.object()
        id = try object.required("id").string()
        name = try LocalizedText(object.required("name"))
        centralised = try object.optional("centralised")?.bool() ?? false
        paid = try Period(object.required("paid"))
        requiresAny = try Requirement.list(object.optional("requires_any"))
        let chargeNode = object.optional("charge")
        if let chargeNode {
            let text = try chargeNode.string()
            guard let value = Charge(rawValue: text) else {
                throw chargeNode.failure("unknown charge '\(text)'; use 'fee' or 'fee_plus_fiscal'")
            }
            charge = value
        } else {
            charge = .fee
        }
        fees = try object.optional("fees").map { (node) throws(PolicyError) in try FeeTier.list(node) }
        subsidies = try object.optional("subsidies")?.bool() ?? true
        benefitStart = try BenefitStart(object.required("benefit_start"))
        benefitEnd = try object.optional("benefit_end").map { (node) throws(PolicyError) in try BenefitEnd(node) } ?? BenefitEnd.coverageEnd
        var extensions: [CoverExtension] = []
        for element in try object.optional("cover_extensions")?.array() ?? [] { extensions.append(try CoverExtension(element)) }
        coverExtensions = extensions
        note = try object.optional("note").map { (node) throws(PolicyError) in try LocalizedText(node) }
        provenance = try Provenance(object)
        try object.finish()
    }
}
