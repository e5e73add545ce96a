/// A body that pays a subsidy: 医疗救助, 区财政, 退役军人事务局, 卫健 …
public struct Funder: Equatable, Hashable, Sendable {
    /// A stable id used in JSON output and batch totals, e.g. `medical-assistance`.
    public let id: String
    public let name: LocalizedText

    init(_ node: JSONNode) throws(PolicyError) {
        let object = try node.object()
        id = try object.required("id").string()
        name = try LocalizedText(object.required("name"))
        try object.finish()
    }
}
