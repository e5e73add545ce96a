/// A hardship group a notice subsidises (特困, 低保, 建档立卡 …) with its subsidy.
///
/// A final class of constants, like `RegionPolicy`: quoting refers to the group
/// instead of copying it.
public final class Category: Sendable {
    public let id: String
    /// The group's name as the notice gives it.
    public let name: LocalizedText
    /// Other names a clerk may type (the Chinese short forms).
    public let aliases: [String]
    /// Whether the notice counts the group among people in hardship (困难人口), for
    /// rules that exempt them (nanan's surcharge and waiting period).
    public let hardship: Bool
    public let parts: [SubsidyPart]
    /// The subsidy applies only when one of these holds (empty: always).
    public let conditionsAny: [Requirement]
    /// The payment dates the subsidy applies to (`nil`: the whole year).
    public let paid: Period?
    /// Where the notice limits the subsidy to `paid`.
    public let paidProvenance: Provenance?
    /// Residents for whom `paid` does not limit the subsidy (e.g. dynamic additions).
    public let paidExemptAny: [Requirement]
    /// A caveat shown when the group is quoted.
    public let note: LocalizedText?
    public let provenance: Provenance

    init(_ node: JSONNode) throws(PolicyError) {
        let object = try node.object()
        id = try object.required("id").string()
        name = try LocalizedText(object.required("name"))
        aliases = try object.optional("aliases")?.strings() ?? []
        hardship = try object.optional("hardship")?.bool() ?? false
        var parts: [SubsidyPart] = []
        for element in try object.required("subsidy").array() { parts.append(try SubsidyPart(element)) }
        self.parts = parts
        conditionsAny = try Requirement.list(object.optional("conditions_any"))
        if let paidNode = object.optional("paid") {
            let paidObject = try paidNode.object()
            paid = try Period(reading: paidObject)
            paidProvenance = try Provenance(paidObject)
            try paidObject.finish()
        } else {
            paid = nil
            paidProvenance = nil
        }
        paidExemptAny = try Requirement.list(object.optional("paid_exempt_any"))
        note = try object.optional("note").map { (node) throws(PolicyError) in try LocalizedText(node) }
        provenance = try Provenance(object)
        try object.finish()
    }
}
