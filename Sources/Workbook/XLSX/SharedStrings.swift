/// The shared string table (`xl/sharedStrings.xml`): cells of type `s` hold an index.
///
/// Each `<si>` is plain (`<t>`) or rich text (runs `<r><t>`); their texts are joined.
/// Phonetic guides (`<rPh>`, furigana over Japanese text) are not part of the value.
/// Whitespace is kept as written (the `xml:space` attribute only tells other readers
/// not to trim; nothing is trimmed here).
struct SharedStrings: Sendable {
    private(set) var strings: [String] = []

    /// No shared strings.
    init() {}

    /// Reads a shared strings part.
    init(_ source: some ChunkSource, part: String) throws(WorkbookError) {
        var tokens = XMLTokenizer(source, part: part)
        while try tokens.next() {
            if tokens.kind == .startTag, tokens.isNamed("si") {
                if tokens.isEmptyElement { strings.append(""); continue }
                strings.append(try SharedStrings.readRichText(&tokens, until: "si"))
            }
        }
    }

    subscript(index: Int) -> String? { index >= 0 && index < strings.count ? strings[index] : nil }

    /// Reads the texts of `<t>` elements up to the end tag `closing`, outside `<rPh>`.
    static func readRichText<Source>(_ tokens: inout XMLTokenizer<Source>, until closing: StaticString) throws(WorkbookError) -> String {
        var result = ""
        var inText = false
        var phonetic = 0
        while try tokens.next() {
            switch tokens.kind {
            case .startTag:
                if tokens.isNamed("rPh") && !tokens.isEmptyElement { phonetic += 1 }
                if tokens.isNamed("t") && !tokens.isEmptyElement && phonetic == 0 { inText = true }
            case .endTag:
                if tokens.isNamed("t") { inText = false }
                else if tokens.isNamed("rPh") { phonetic -= 1 }
                else if tokens.isNamed(closing) { return result }
            case .text:
                if inText { result += tokens.textValue() }
            }
        }
        throw tokens.malformed("the document ends inside <\(closing)>")
    }
}
