/// A sheet the workbook lists, in tab order.
public struct SheetInfo: Equatable, Hashable, Sendable {
    /// The name on the sheet's tab.
    public var name: String
    /// 1-based position among all sheets, in tab order.
    public var position: Int
    /// The zip entry of its XML, e.g. `xl/worksheets/sheet1.xml`.
    public var part: String
    /// False for a chart sheet or dialog sheet.
    public var isWorksheet: Bool
    /// True for `state="hidden"` or `"veryHidden"`.
    public var isHidden: Bool
}
