/// An inclusive range of days, e.g. a collection window.
public struct Period: Equatable, Hashable, Sendable {
    public let from: CivilDate
    public let to: CivilDate

    public init(from: CivilDate, to: CivilDate) {
        self.from = from
        self.to = to
    }

    public func contains(_ date: CivilDate) -> Bool { from <= date && date <= to }

    /// Reads `from` and `to` from an object that may hold other keys too.
    init(reading object: JSONObjectReader) throws(PolicyError) {
        let fromNode = try object.required("from")
        let toNode = try object.required("to")
        from = try fromNode.date()
        to = try toNode.date()
        guard from <= to else { throw toNode.failure("period ends (\(to)) before it starts (\(from))") }
    }

    init(_ node: JSONNode) throws(PolicyError) {
        let object = try node.object()
        try self.init(reading: object)
        try object.finish()
    }
}
