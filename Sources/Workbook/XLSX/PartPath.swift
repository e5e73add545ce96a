/// Paths of parts inside the package (Open Packaging Conventions, ECMA-376 Part 2).
enum PartPath {
    /// The part a relationship's `Target` names, resolved against the folder of
    /// `source` (the part the `.rels` file belongs to); a leading `/` is the package root.
    static func resolve(_ target: String, from source: String) -> String {
        var components: [Substring] = []
        if !target.hasPrefix("/") {
            components = source.split(separator: "/", omittingEmptySubsequences: true)
            if !components.isEmpty { components.removeLast() }
        }
        for component in target.split(separator: "/", omittingEmptySubsequences: true) {
            switch component {
            case ".": continue
            case "..": if !components.isEmpty { components.removeLast() }
            default: components.append(component)
            }
        }
        return components.joined(separator: "/")
    }

    /// The relationships part of `part`: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`.
    static func relationships(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "_rels/\(part).rels" }
        return part[...slash] + "_rels/" + part[part.index(after: slash)...] + ".rels"
    }
}
