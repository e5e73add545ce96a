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
    /// The subsidy; empty for a group the notice names without subsidising it
    /// (nancheng 一(二) 城乡孤儿, zhuji 三(二)2(3) 稳定脱贫人口): its `note` says so.
    public let parts: [SubsidyPart]
    /// Groups whose members are not in this one: they are subsidised as those
    /// (beita 二(四)2 重度残疾人 in 特困 are 特困's, 二(四)5 低保 that are 兜底 are 兜底's).
    public let excludedBy: [String]
    /// The tier a member is quoted in when none is given (nancheng 五(二): 特困 are fully
    /// subsidised in tier 2); `nil`: tier 1.
    public let defaultTier: Int?
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
        excludedBy = try object.optional("excluded_by")?.strings() ?? []
        defaultTier = try object.optional("default_tier")?.int(in: 1...9)
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
