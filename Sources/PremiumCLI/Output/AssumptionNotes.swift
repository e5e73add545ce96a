import PolicyKit
import ResidentIO

/// Assumptions printed once per output: each entry that rests on some shows their
/// numbers (`含假设：[2][3]`), and the list follows at the end (`calendar`, `categories`).
struct AssumptionNotes {
    private(set) var listed: [Assumption] = []
    let language: Language

    /// `  含假设：[1][2]` for these assumptions, numbering new ones; empty for none.
    mutating func marks(_ assumptions: [Assumption]) -> String {
        guard !assumptions.isEmpty else { return "" }
        let numbers = assumptions.map { assumption in
            if let index = listed.firstIndex(of: assumption) { return "[\(index + 1)]" }
            listed.append(assumption)
            return "[\(listed.count)]"
        }
        return (language == .zh ? "  含假设：" : "  rests on assumptions: ") + numbers.joined()
    }

    /// The numbered list, after a blank line; empty when nothing was marked.
    var section: String {
        guard !listed.isEmpty else { return "" }
        return "\n" + (language == .zh ? "假设" : "Assumptions") + "\n"
            + listed.enumerated().map { "  [\($0.offset + 1)] " + $0.element.text(language) + "\n" }.joined()
    }
}
