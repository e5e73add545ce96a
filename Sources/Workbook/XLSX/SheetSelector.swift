/// Which sheet to read.
public enum SheetSelector: Equatable, Hashable, Sendable {
    /// The first visible worksheet in tab order (hidden and chart sheets are passed over).
    case first
    /// The sheet with this name (exactly, then ignoring case).
    case named(String)
    /// The sheet at this 1-based position in tab order, hidden sheets included.
    case position(Int)

    /// Reads a command-line value: a sheet's name if one has it, otherwise a position
    /// when the value is a positive integer, otherwise a name (which will not be found).
    public init(_ argument: String, in sheets: [SheetInfo]) {
        if sheets.contains(where: { $0.name == argument }) {
            self = .named(argument)
        } else if let position = Int(argument), position >= 1 {
            self = .position(position)
        } else {
            self = .named(argument)
        }
    }
}
