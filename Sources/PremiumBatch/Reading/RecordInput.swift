#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PolicyKit
import ResidentIO

/// A record read and decoded: what to price, what to carry, and its village for the
/// summary.
struct InputRecord {
    let decoded: RecordDecoder.Decoded
    let carried: CarriedFields
    /// The village's bytes as the input holds them (a JSON string with its quotes, or a
    /// CSV cell), when the record has one.
    let village: UnsafeBufferPointer<UInt8>?
    /// The village of a quoted CSV row, unescaped.
    var villageText: String? {
        if case .csvText(let quoted) = carried { return quoted.village }
        return nil
    }
}

/// Reads records of one format into `InputRecord`s.
protocol RecordInput {
    associatedtype Framing: RecordFraming
    /// The carried columns, once the input has named them (a CSV header).
    var carriedNames: [String]? { get }
    /// The record in `bytes`, or nil when it is not a resident (a CSV header or blank
    /// row). Throws when the input as a whole cannot be used.
    mutating func read(_ bytes: UnsafeBufferPointer<UInt8>, unterminated: Bool) throws(BatchStop) -> InputRecord?
    /// The column count records must have, once known (a CSV header's).
    var expectedFields: Int? { get }
    /// Whether the last `nil` from `read` was a blank row (counted as skipped).
    var skippedBlank: Bool { get }
    /// Whether an input that cannot be used is named by the record that shows it (a JSON
    /// Lines record with a key batch writes), not by a header.
    static var fatalNamesLine: Bool { get }
    /// A village's name from its bytes.
    func villageName(_ bytes: UnsafeBufferPointer<UInt8>) -> String?
}

/// JSON Lines records, scanned without building a document.
struct JSONLinesInput: RecordInput {
    typealias Framing = JSONLinesFraming
    private let record = JSONLineScanner.Record()
    private let decoder: RecordDecoder
    var carriedNames: [String]? { nil }
    var skippedBlank: Bool { false }
    static var fatalNamesLine: Bool { true }

    init(decoder: RecordDecoder) { self.decoder = decoder }

    var expectedFields: Int? { nil }
    /// Whether a record has been read: only the first can show the input is CSV.
    private var started = false

    mutating func read(_ bytes: UnsafeBufferPointer<UInt8>, unterminated: Bool) throws(BatchStop) -> InputRecord? {
        defer { started = true }
        do throws(JSONLineScanner.Failure) {
            try JSONLineScanner.scan(bytes, into: record)
        } catch {
            if error.fatal { throw .invalid(error.message) }
            // A CSV roster read as JSON Lines (from stdin, or a file not named *.csv):
            // its header is no JSON, but has separators. Every line would be an error.
            if !started, JSONLinesInput.looksLikeACSVHeader(bytes) {
                throw .invalid(LocalizedText(zh: "输入看起来是 CSV 名册，而不是 JSON Lines（第一行不是 JSON 对象，而像表头）：请加 --input-format csv",
                                             en: "the input looks like a CSV roster, not JSON Lines (its first line is no JSON object but looks like a header): add --input-format csv"))
            }
            return InputRecord(decoded: .failure(error.message), carried: .none, village: nil)
        }
        // A record whose keys all follow the order kept has none but that record's keys:
        // once those were checked, its are too.
        if !(record.keysFollowedOrder && orderChecked) {
            let misspelt = misspeltKey(in: bytes)
            if !record.keysFollowedOrder { orderChecked = misspelt == nil }
            if let misspelt { return InputRecord(decoded: .failure(misspelt), carried: .none, village: nil) }
        }
        return InputRecord(decoded: decoder.decode(bytes, record), carried: .json(bytes, record.carried),
                           village: record.village.map { UnsafeBufferPointer(rebasing: bytes[$0]) })
    }

    /// Whether the record whose key order the scanner keeps had no misspelt key.
    private var orderChecked = false

    /// The keys of the carried members last found to be no misspelt field, by position:
    /// a roster's records have the same keys, so each is compared, not looked up.
    private var checkedKeys: [[UInt8]] = []

    /// A carried member whose key is a near miss of a field's (`catgory`, `hosehold`):
    /// carried, it would price the record as if the field were missing.
    private mutating func misspeltKey(in line: UnsafeBufferPointer<UInt8>) -> LocalizedText? {
        for (position, member) in record.carried.enumerated() {
            // The member starts with its key's opening quote; keys with escapes are rare
            // and compared as written.
            var end = member.lowerBound + 1
            while end < member.upperBound, line[end] != UInt8(ascii: "\"") { end += 1 }
            let key = UnsafeBufferPointer(rebasing: line[(member.lowerBound + 1)..<end])
            if position < checkedKeys.count, checkedKeys[position].count == key.count,
               checkedKeys[position].withUnsafeBufferPointer({ key.isEmpty || memcmp($0.baseAddress!, key.baseAddress!, key.count) == 0 }) {
                continue
            }
            let name = String(decoding: key, as: UTF8.self)
            if let field = HeaderMatch.closest(to: name, among: RecordField.allCases.map(\.name)), HeaderMatch.normalized(field) != HeaderMatch.normalized(name) {
                return LocalizedText(zh: "字段“\(Echo.value(name))”无法识别；您是否要输入“\(field)”？（其他字段会原样带到输出）",
                                     en: "field '\(Echo.value(name))' is not known; did you mean '\(field)'? (other fields are carried as they are)")
            }
            if position < checkedKeys.count { checkedKeys[position] = Array(key) } else { checkedKeys.append(Array(key)) }
        }
        return nil
    }

    func villageName(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if case .string(let text)? = try? JSONParser.parse(Array(bytes)) { return text }
        return nil
    }

    /// A line with no `{` whose comma- or tab-separated cells include a column premium
    /// knows (`地区`, `姓名`, `category`): a CSV header.
    static func looksLikeACSVHeader(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !bytes.contains(UInt8(ascii: "{")) else { return false }
        let separator = CSVFraming.separator(ofFirstLine: bytes)
        guard let cells = CSV.fields(bytes, 0..<bytes.count, separator: separator), cells.count >= 2 else { return false }
        let matcher = ColumnMatcher(carry: [])
        return cells.contains { matcher.knows(CSV.trimmed($0)) }
    }
}

/// CSV rows under a header row that names each column.
struct CSVInput: RecordInput {
    typealias Framing = CSVFraming
    private let decoder: RecordDecoder
    private var header: [String]?
    /// The field of each column; nil for a carried column.
    private var fields: [RecordField?] = []
    private var carriedColumns: [Int] = []
    private var villageColumn: Int?
    /// Columns without a header; a value in one is an error on its row.
    private var unnamedColumns: [Int] = []
    private(set) var carriedNames: [String]?
    private(set) var skippedBlank = false
    static var fatalNamesLine: Bool { false }
    /// Reused for each row's cells, and for its carried cells.
    private var cells: [Range<Int>] = []
    /// A comma, or a tab in tab-separated text (decided by the header, as the framing does).
    private var separator = UInt8(ascii: ",")
    /// The error column of premium's own output fed back in: a row that was an error is
    /// one again, with the same message, rather than priced from the cells it has left.
    private var previousErrorColumn: Int?
    /// The columns of fields other than the ID number (which the output carries): an
    /// error row of our own output has them empty. A clerk who fixes the row fills them
    /// in, and the row is priced again.
    private var inputColumns: [Int] = []
    private var carriedCells: [Range<Int>] = []

    private let matcher: ColumnMatcher

    init(decoder: RecordDecoder, carry: [String]) {
        self.decoder = decoder
        matcher = ColumnMatcher(carry: carry)
    }

    var expectedFields: Int? { header?.count }

    mutating func read(_ bytes: UnsafeBufferPointer<UInt8>, unterminated: Bool) throws(BatchStop) -> InputRecord? {
        skippedBlank = false
        if unterminated {
            return InputRecord(decoded: .failure(LocalizedText(zh: "引号未闭合：本行打开的引号没有结束", en: "unterminated quoted field: a quote opened in this row is never closed")),
                               carried: .none, village: nil)
        }
        // Blank rows and rows of only separators are not residents: skipped, counted.
        if CSV.isBlank(bytes, separator: separator) { skippedBlank = true; return nil }
        guard let header else {
            try readHeader(bytes)
            return nil
        }
        if bytes.isEmpty || memchr(bytes.baseAddress!, Int32(UInt8(ascii: "\"")), bytes.count) == nil {
            split(bytes)
            return row(bytes, header: header)
        }
        guard let texts = CSV.fields(bytes, 0..<bytes.count, separator: separator) else {
            return InputRecord(decoded: .failure(LocalizedText(zh: "CSV 引号格式有误", en: "malformed CSV quoting")), carried: .none, village: nil)
        }
        return row(texts, header: header)
    }

    /// A worksheet row whose cells are the byte ranges `ranges` of `bytes` (UTF-8, the
    /// cells one after another): the header while there is none, a blank row (nil), or
    /// a record, read as an unquoted CSV row is.
    mutating func read(cells bytes: UnsafeBufferPointer<UInt8>, ranges: [Range<Int>]) throws(BatchStop) -> InputRecord? {
        skippedBlank = false
        if ranges.allSatisfy({ RecordDecoder.trimmed(bytes, $0).isEmpty }) { skippedBlank = true; return nil }
        guard let header else {
            try readHeader(names: ranges.map { CSV.trimmed(String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self)) })
            return nil
        }
        cells.removeAll(keepingCapacity: true)
        cells += ranges
        return row(bytes, header: header)
    }

    /// A row of `bytes` split into `cells`, under `header`.
    private mutating func row(_ bytes: UnsafeBufferPointer<UInt8>, header: [String]) -> InputRecord {
        if let column = previousErrorColumn, cells.count == header.count, !cells[column].isEmpty,
           inputColumns.allSatisfy({ RecordDecoder.trimmed(bytes, cells[$0]).isEmpty }) {
            return previousError(String(decoding: UnsafeBufferPointer(rebasing: bytes[cells[column]]), as: UTF8.self),
                                 carried: .csv(bytes, carriedColumns.map { fields[$0] == nil ? cells[$0] : RecordDecoder.trimmed(bytes, cells[$0]) }))
        }
        guard cells.count == header.count else {
            return InputRecord(decoded: .failure(.columnCount(header.count, cells.count)), carried: .none, village: nil)
        }
        if let column = unnamedColumns.first(where: { !cells[$0].isEmpty }) {
            return InputRecord(decoded: .failure(LocalizedText(zh: "第\(column + 1)列没有表头，但本行在该列有值", en: "column \(column + 1) has no header but this row has a value in it")), carried: .none, village: nil)
        }
        carriedCells.removeAll(keepingCapacity: true)
        for column in carriedColumns {
            carriedCells.append(fields[column] == nil ? cells[column] : RecordDecoder.trimmed(bytes, cells[column]))
        }
        return InputRecord(decoded: decoder.decode(bytes, cells: cells, fields: fields),
                           carried: .csv(bytes, carriedCells),
                           village: villageColumn.map { UnsafeBufferPointer(rebasing: bytes[cells[$0]]) })
    }

    /// A row of text cells under `header`.
    private func row(_ texts: [String], header: [String]) -> InputRecord {
        guard texts.count == header.count else {
            return InputRecord(decoded: .failure(.columnCount(header.count, texts.count)), carried: .none, village: nil)
        }
        if let column = unnamedColumns.first(where: { !CSV.trimmed(texts[$0]).isEmpty }) {
            return InputRecord(decoded: .failure(LocalizedText(zh: "第\(column + 1)列没有表头，但本行在该列有值", en: "column \(column + 1) has no header but this row has a value in it")), carried: .none, village: nil)
        }
        if let column = previousErrorColumn, !CSV.trimmed(texts[column]).isEmpty, inputColumns.allSatisfy({ CSV.trimmed(texts[$0]).isEmpty }) {
            return previousError(texts[column], carried: .csvText(QuotedCells(carriedColumns.map { fields[$0] == nil ? texts[$0] : CSV.trimmed(texts[$0]) })))
        }
        var values: [String?] = Array(repeating: nil, count: RecordField.allCases.count)
        for (column, field) in fields.enumerated() {
            guard let field else { continue }
            let text = CSV.trimmed(texts[column])
            if !text.isEmpty { values[field.rawValue] = text }
        }
        return InputRecord(decoded: decoder.decode(texts: values),
                           carried: .csvText(QuotedCells(carriedColumns.map { fields[$0] == nil ? texts[$0] : CSV.trimmed(texts[$0]) },
                                                         village: villageColumn.map { texts[$0] })),
                           village: nil)
    }

    /// Whether a title row above the header (`2021年城乡居民医保参保名册`) was skipped.
    private var titleSkipped = false

    private mutating func readHeader(_ bytes: UnsafeBufferPointer<UInt8>) throws(BatchStop) {
        separator = CSVFraming.separator(ofFirstLine: bytes)
        try readHeader(names: (CSV.fields(bytes, 0..<bytes.count, separator: separator) ?? []).map(CSV.trimmed))
    }

    private mutating func readHeader(names: [String]) throws(BatchStop) {
        // A first row with one cell that names no column is the sheet's title, as
        // township rosters have above their header: skipped and counted like a blank row.
        let filled = names.filter { !$0.isEmpty }
        if !titleSkipped, filled.count == 1, !matcher.knows(filled[0]) {
            titleSkipped = true
            skippedBlank = true
            return
        }
        var seen = Set<String>()
        for name in names where !name.isEmpty && !seen.insert(name).inserted {
            throw .invalid(LocalizedText(zh: "CSV 表头中“\(Echo.value(name))”列出现了两次", en: "CSV header names column '\(Echo.value(name))' twice"))
        }
        let columns = try matcher.columns(names)
        fields = columns.map { if case .field(let field) = $0 { field } else { nil } }
        header = names
        // An ID number is read and carried, so the output keeps it.
        carriedColumns = columns.indices.filter { index in
            switch columns[index] {
            case .carried: true
            case .field(let field): field.kind == .idNumber
            case .result, .unnamed, .previousError: false
            }
        }
        unnamedColumns = columns.indices.filter { columns[$0] == .unnamed }
        carriedNames = carriedColumns.map { names[$0] }
        villageColumn = columns.firstIndex(of: .carried(village: true))
        previousErrorColumn = columns.firstIndex(of: .previousError)
        inputColumns = fields.indices.filter { fields[$0].map { $0.kind != .idNumber } ?? false }
    }

    /// A row of premium's own output that was an error.
    private func previousError(_ message: String, carried: CarriedFields) -> InputRecord {
        InputRecord(decoded: .failure(LocalizedText(verbatim: CSV.trimmed(message))), carried: carried, village: nil)
    }

    /// The cells of a row without quotes, split at commas.
    private mutating func split(_ bytes: UnsafeBufferPointer<UInt8>) {
        cells.removeAll(keepingCapacity: true)
        var start = 0
        let raw = UnsafeRawBufferPointer(bytes)
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var index = 0
        // Eight bytes at a time: each separator's high bit in `commas` (exact, as a comma's
        // or tab's byte is below 0x80 and the test is made on each byte without borrows).
        while index + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let match = word ^ (ones &* UInt64(separator))
            var commas = ~(((match & ~highs) &+ ~highs) | match) & highs
            while commas != 0 {
                let at = index + commas.trailingZeroBitCount >> 3
                cells.append(start..<at)
                start = at + 1
                commas &= commas - 1
            }
            index += 8
        }
        while index < bytes.count {
            if bytes[index] == separator {
                cells.append(start..<index)
                start = index + 1
            }
            index += 1
        }
        cells.append(start..<bytes.count)
    }

    func villageName(_ bytes: UnsafeBufferPointer<UInt8>) -> String? { String(decoding: bytes, as: UTF8.self) }
}

extension LocalizedText {
    /// A CSV row with another number of cells than its header.
    static func columnCount(_ expected: Int, _ found: Int) -> LocalizedText {
        LocalizedText(zh: "应有\(expected)列，实有\(found)列", en: "expected \(expected) columns, got \(found)")
    }
}
