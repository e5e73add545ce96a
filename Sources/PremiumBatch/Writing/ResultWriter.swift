import PolicyKit
import ResidentIO

/// Writes one output line per record: its line number, its carried fields, its result.
protocol ResultWriter {
    /// Where lines are written; the run empties it into the output.
    var out: ByteBuffer { get }
    /// The carried columns, when the input names them before any record (a CSV header).
    mutating func start(carriedNames: [String]?)
    /// Starts the line of a record; the caller then writes the result into `out` and
    /// calls `endLine`.
    mutating func beginLine(_ line: LineNumber, carried: CarriedFields)
    mutating func endLine()
    /// Anything owed at the end of the run (a CSV header when there were no records).
    mutating func finish()
    /// Whether the columns are still to be named by the first record that carries
    /// fields (CSV output of a JSON Lines roster, before its first readable record).
    var awaitsColumns: Bool { get }
    /// Names the columns from a record's carried fields, if they are still to be named.
    mutating func nameColumns(from carried: CarriedFields)
}

/// `{"line":N, carried members, result members}` per line.
struct JSONLinesWriter: ResultWriter {
    let out = ByteBuffer(capacity: BatchRun.chunkSize * 2)
    private var carriedNames: [String] = []

    mutating func start(carriedNames: [String]?) { self.carriedNames = carriedNames ?? [] }

    @inline(__always)
    mutating func beginLine(_ line: LineNumber, carried: CarriedFields) {
        out.append(#"{"line":"# as StaticString)
        line.append(to: out)
        switch carried {
        case .json(let bytes, var members):
            // Members next to each other in the record (`"id_number":…,"name":…`) are
            // copied as one run, commas and all.
            while let first = members.first {
                var end = first.upperBound, next = 1
                while next < members.count, members[next].lowerBound == end + 1, bytes[end] == 44 {
                    end = members[next].upperBound
                    next += 1
                }
                out.append(44)
                out.append(UnsafeBufferPointer(rebasing: bytes[first.lowerBound..<end]))
                members = UnsafeBufferPointer(rebasing: members[next...])
            }
        case .csv(let bytes, let cells):
            for (name, cell) in zip(carriedNames, cells) {
                member(name, String(decoding: UnsafeBufferPointer(rebasing: bytes[cell]), as: UTF8.self))
            }
        case .csvText(let quoted):
            for (name, cell) in zip(carriedNames, quoted.cells) { member(name, cell) }
        case .none:
            break
        }
        out.append(44)
    }

    private func member(_ name: String, _ value: String) {
        out.append(44)
        var json = JSONWriter(pretty: false, into: out)
        json.key(escaping: name)
        json.string(value)
    }

    mutating func endLine() {
        out.append(UInt8(ascii: "}"))
        out.append(10)
    }

    mutating func finish() {}

    var awaitsColumns: Bool { false }
    mutating func nameColumns(from carried: CarriedFields) {}
}

/// `line, carried cells, result cells` per row, after a header row.
struct CSVWriter: ResultWriter {
    let out = ByteBuffer(capacity: BatchRun.chunkSize * 2)
    /// The carried columns, once the header is written.
    private var carriedNames: [String]?

    /// The language of the header row.
    private let language: Language

    init(bom: Bool, language: Language) {
        self.language = language
        if bom { out.append([0xEF, 0xBB, 0xBF]) }
    }

    mutating func start(carriedNames: [String]?) {
        if let carriedNames { writeHeader(carriedNames) }
    }

    /// Carried columns holding ID numbers, written with a leading tab so Excel and WPS
    /// keep all 18 digits as text instead of showing `4.30511E+17` (a tab is white
    /// space to premium's own reader, so the file reads back as it was).
    private var idColumns: [Bool] = []

    private mutating func writeHeader(_ names: [String]) {
        carriedNames = names
        idColumns = names.map(ColumnMatcher.isIDNumber)
        out.append(([BatchResult.lineColumn(language)] + names + BatchResult.columns(language)).map(CSV.text).joined(separator: ","))
        out.append(10)
    }

    var awaitsColumns: Bool { carriedNames == nil }

    mutating func nameColumns(from carried: CarriedFields) {
        guard carriedNames == nil else { return }
        // JSON Lines in: the first record's carried keys, sorted, name the columns.
        if case .json(let bytes, let members) = carried {
            writeHeader(CSVWriter.cells(members, of: bytes).keys.sorted())
        } else {
            writeHeader([])
        }
    }

    mutating func beginLine(_ line: LineNumber, carried: CarriedFields) {
        nameColumns(from: carried)
        line.append(to: out)
        switch carried {
        case .json(let bytes, let members):
            let cells = CSVWriter.cells(members, of: bytes)
            for (index, name) in carriedNames!.enumerated() { cell(index, cells[name] ?? "") }
        case .csv(let bytes, let cells):
            for (index, cell) in cells.enumerated() {
                out.append(44)
                let raw = UnsafeBufferPointer(rebasing: bytes[cell])
                // An ID number (trimmed by the input) gets its tab.
                if idColumns[index] {
                    if !raw.isEmpty { out.append(9) }
                    out.append(raw)
                    continue
                }
                // A cell from an unquoted comma-separated row holds no separator, quote or
                // line break; one from tab-separated text or a workbook may. One that a
                // spreadsheet would run as a formula needs more too.
                if let first = raw.first, CSVWriter.startsFormula(first) || raw.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) {
                    out.append(CSV.text(String(decoding: raw, as: UTF8.self)))
                } else {
                    out.append(raw)
                }
            }
        case .csvText(let quoted):
            for (index, text) in quoted.cells.enumerated() { cell(index, text) }
        case .none:
            for _ in carriedNames! { out.append(44) }
        }
        out.append(44)
    }

    /// A carried cell from text: escaped, neutralised, and an ID number kept as text.
    private func cell(_ index: Int, _ text: String) {
        out.append(44)
        if idColumns[index], !CSV.trimmed(text).isEmpty {
            out.append(9)
            out.append(CSV.escape(CSV.trimmed(text)))
        } else {
            out.append(CSV.text(text))
        }
    }

    /// Whether a cell starting with `byte` is one a spreadsheet would run as a formula.
    @inline(__always)
    private static func startsFormula(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 9, 13: true
        default: false
        }
    }

    mutating func endLine() { out.append(10) }

    mutating func finish() {
        if carriedNames == nil { writeHeader([]) }
    }

    /// The carried members of a JSON Lines record as CSV cells by name: a string's text,
    /// any other value's JSON as written.
    private static func cells(_ members: UnsafeBufferPointer<Range<Int>>, of line: UnsafeBufferPointer<UInt8>) -> [String: String] {
        var cells: [String: String] = [:]
        for member in members {
            let raw = Array(line[member])
            guard case .object(let pairs)? = try? JSONParser.parse([UInt8(ascii: "{")] + raw + [UInt8(ascii: "}")]),
                  let pair = pairs.first else { continue }
            if case .string(let text) = pair.value { cells[pair.key] = text } else {
                cells[pair.key] = String(decoding: raw.drop(while: { $0 != UInt8(ascii: ":") }).dropFirst(), as: UTF8.self)
            }
        }
        return cells
    }
}
