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
    var villageText: String? = nil
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

    mutating func read(_ bytes: UnsafeBufferPointer<UInt8>, unterminated: Bool) throws(BatchStop) -> InputRecord? {
        do throws(JSONLineScanner.Failure) {
            try JSONLineScanner.scan(bytes, into: record)
        } catch {
            if error.fatal { throw .invalid(Echo.message(error.message)) }
            return InputRecord(decoded: .failure(error.message), carried: .none, village: nil)
        }
        return InputRecord(decoded: decoder.decode(bytes, record), carried: .json(bytes, record.carried),
                           village: record.village.map { UnsafeBufferPointer(rebasing: bytes[$0]) })
    }

    func villageName(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        if case .string(let text)? = try? JSONParser.parse(Array(bytes)) { return text }
        return nil
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
            return InputRecord(decoded: .failure("unterminated quoted field: a quote opened in this row is never closed"),
                               carried: .none, village: nil)
        }
        // Blank rows and rows of only separators are not residents: skipped, counted.
        if CSV.isBlank(bytes) { skippedBlank = true; return nil }
        guard let header else {
            try readHeader(bytes)
            return nil
        }
        if bytes.isEmpty || memchr(bytes.baseAddress!, Int32(UInt8(ascii: "\"")), bytes.count) == nil {
            split(bytes)
            guard cells.count == header.count else {
                return InputRecord(decoded: .failure("expected \(header.count) columns, got \(cells.count)"), carried: .none, village: nil)
            }
            if let column = unnamedColumns.first(where: { !cells[$0].isEmpty }) {
                return InputRecord(decoded: .failure("column \(column + 1) has no header but this row has a value in it"), carried: .none, village: nil)
            }
            carriedCells.removeAll(keepingCapacity: true)
            for column in carriedColumns {
                carriedCells.append(fields[column] == nil ? cells[column] : RecordDecoder.trimmed(bytes, cells[column]))
            }
            return InputRecord(decoded: decoder.decode(bytes, cells: cells, fields: fields),
                               carried: .csv(bytes, carriedCells),
                               village: villageColumn.map { UnsafeBufferPointer(rebasing: bytes[cells[$0]]) })
        }
        guard let texts = CSV.fields(bytes, 0..<bytes.count) else {
            return InputRecord(decoded: .failure("malformed CSV quoting"), carried: .none, village: nil)
        }
        guard texts.count == header.count else {
            return InputRecord(decoded: .failure("expected \(header.count) columns, got \(texts.count)"), carried: .none, village: nil)
        }
        if let column = unnamedColumns.first(where: { !CSV.trimmed(texts[$0]).isEmpty }) {
            return InputRecord(decoded: .failure("column \(column + 1) has no header but this row has a value in it"), carried: .none, village: nil)
        }
        var values: [String?] = Array(repeating: nil, count: RecordField.allCases.count)
        for (column, field) in fields.enumerated() {
            guard let field else { continue }
            let text = CSV.trimmed(texts[column])
            if !text.isEmpty { values[field.rawValue] = text }
        }
        return InputRecord(decoded: decoder.decode(texts: values),
                           carried: .csvText(carriedColumns.map { fields[$0] == nil ? texts[$0] : CSV.trimmed(texts[$0]) }),
                           village: nil, villageText: villageColumn.map { texts[$0] })
    }

    private mutating func readHeader(_ bytes: UnsafeBufferPointer<UInt8>) throws(BatchStop) {
        let names = (CSV.fields(bytes, 0..<bytes.count) ?? []).map(CSV.trimmed)
        var seen = Set<String>()
        for name in names where !name.isEmpty && !seen.insert(name).inserted {
            throw .invalid("CSV header names column '\(Echo.value(name))' twice")
        }
        let columns = try matcher.columns(names)
        fields = columns.map { if case .field(let field) = $0 { field } else { nil } }
        header = names
        // An ID number is read and carried, so the output keeps it.
        carriedColumns = columns.indices.filter { index in
            switch columns[index] {
            case .carried: true
            case .field(let field): field.kind == .idNumber
            case .result, .unnamed: false
            }
        }
        unnamedColumns = columns.indices.filter { columns[$0] == .unnamed }
        carriedNames = carriedColumns.map { names[$0] }
        villageColumn = columns.firstIndex(of: .carried(village: true))
    }

    /// The cells of a row without quotes, split at commas.
    private mutating func split(_ bytes: UnsafeBufferPointer<UInt8>) {
        cells.removeAll(keepingCapacity: true)
        var start = 0
        let raw = UnsafeRawBufferPointer(bytes)
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var index = 0
        // Eight bytes at a time: each comma's high bit in `commas` (exact, as a comma's
        // byte is below 0x80 and the test is made on each byte without borrows).
        while index + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let match = word ^ (ones &* 0x2C)
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
            if bytes[index] == UInt8(ascii: ",") {
                cells.append(start..<index)
                start = index + 1
            }
            index += 1
        }
        cells.append(start..<bytes.count)
    }

    func villageName(_ bytes: UnsafeBufferPointer<UInt8>) -> String? { String(decoding: bytes, as: UTF8.self) }
}
