#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PolicyKit
import ResidentIO

/// Turns a record's known fields into a policy (by its number in the store) and a
/// `Resident`, through the field table.
///
/// The common record is decoded straight from its bytes, without building strings: a
/// region by its exact id, categories by exact id, dates as `YYYY-MM-DD`, numbers as
/// plain digits, situations as `true` or `false`. Anything else (names, aliases,
/// `categories` arrays, nulls, escapes, spreadsheet truth values, and every error)
/// takes the general path through `QuoteRequest`, which gives the same answer and names
/// the field at fault. `BatchQuotePropertyTests` checks both paths against `premium quote`.
final class RecordDecoder {
    /// A decoded record, or why it cannot be priced.
    enum Decoded {
        /// A record of plain values, decoded straight from its bytes.
        case facts(policy: Int, ResidentFacts)
        case resident(policy: Int, Resident, selection: LocalizedText?)
        case failure(String)
    }

    private let store: PolicyStore
    private let policies: [RegionPolicy]
    private let ids: [[UInt8]]
    /// Each policy's category ids, as bytes and as the policy's own strings.
    private let categories: [[(bytes: [UInt8], id: String)]]

    /// For ID numbers: a birth date after today is an error.
    private let today: CivilDate

    init(store: PolicyStore, today: CivilDate) {
        self.store = store
        self.today = today
        policies = store.policies
        ids = store.policies.map { Array($0.id.utf8) }
        categories = store.policies.map { policy in policy.categories.map { (Array($0.id.utf8), $0.id) } }
    }

    /// A field's text: the bytes of a JSON string without its quotes (or a number or
    /// literal as written), or a CSV cell.
    typealias Texts = (RecordField) -> UnsafeBufferPointer<UInt8>?

    // MARK: JSON Lines

    func decode(_ line: UnsafeBufferPointer<UInt8>, _ record: JSONLineScanner.Record) -> Decoded {
        if let decoded = plain(present: record.present, json: true, text: { field in
            record[field].map { UnsafeBufferPointer(rebasing: line[$0]) }
        }) {
            return decoded
        }
        do throws(JSONLineScanner.Failure) {
            return resolve(try RecordDecoder.request(line, record))
        } catch {
            return .failure(error.message)
        }
    }

    // MARK: CSV

    /// Each field's cell in the current CSV row, reused from row to row.
    private var ranges = [Range<Int>](repeating: 0..<0, count: RecordField.allCases.count)

    /// A CSV row whose cells are byte ranges of `line` (no quoted cells), by column;
    /// `fields` names each column's field.
    func decode(_ line: UnsafeBufferPointer<UInt8>, cells: [Range<Int>], fields: [RecordField?]) -> Decoded {
        var present: UInt32 = 0
        for (column, field) in fields.enumerated() {
            guard let field else { continue }
            let range = RecordDecoder.trimmed(line, cells[column])
            guard !range.isEmpty else { continue }
            present |= 1 << UInt32(field.rawValue)
            ranges[field.rawValue] = range
        }
        if let decoded = plain(present: present, json: false, text: { field in
            present & (1 << UInt32(field.rawValue)) == 0 ? nil : UnsafeBufferPointer(rebasing: line[ranges[field.rawValue]])
        }) {
            return decoded
        }
        var texts: [String?] = Array(repeating: nil, count: RecordField.allCases.count)
        for field in RecordField.allCases where present & (1 << UInt32(field.rawValue)) != 0 {
            texts[field.rawValue] = String(decoding: UnsafeBufferPointer(rebasing: line[ranges[field.rawValue]]), as: UTF8.self)
        }
        return decode(texts: texts)
    }

    /// A CSV row as text cells (quoted cells unescaped), by field.
    func decode(texts: [String?]) -> Decoded {
        var values = texts
        var categories: [String] = []
        for field in RecordField.allCases where field.kind == .categories {
            guard let text = texts[field.rawValue] else { continue }
            categories += text.split(whereSeparator: RecordDecoder.separatesCategories).map { CSV.trimmed(String($0)) }
                .filter { !$0.isEmpty }
            values[field.rawValue] = nil
        }
        // A date column holding a plain number is an Excel serial day number.
        for field in RecordField.allCases {
            guard case .date = field.kind, let text = values[field.rawValue], let serial = CivilDate.excelSerial(in: text),
                  let date = CivilDate(excelSerial: serial) else { continue }
            values[field.rawValue] = date.description
        }
        do throws(JSONLineScanner.Failure) {
            return resolve(try RecordField.request(from: values, categories: categories))
        } catch {
            return .failure(error.message)
        }
    }

    /// Several groups in one CSV cell: `;`, `；`, `、`, `,` (inside a quoted cell) or `|`.
    static func separatesCategories(_ character: Character) -> Bool {
        character == ";" || character == "；" || character == "、" || character == "," || character == "，" || character == "|"
    }

    // MARK: Both

    /// Applied to records that have no region (or no year): `batch --region`, `--year`.
    var defaultRegion: String? {
        didSet { defaultRegionBytes = defaultRegion.map { (Array($0.utf8), Array(("\"" + $0 + "\"").utf8)) } }
    }
    var defaultYear: String? {
        didSet { defaultYearBytes = defaultYear.map { Array($0.utf8) } }
    }
    private var defaultRegionBytes: (csv: [UInt8], json: [UInt8])?
    private var defaultYearBytes: [UInt8]?

    private func resolve(_ request: QuoteRequest) -> Decoded {
        var request = request
        if request.region?.isEmpty ?? true, let defaultRegion { request.region = defaultRegion }
        if request[.year] == nil, let defaultYear { request[.year] = defaultYear }
        do {
            let (policy, resident, selection) = try request.resolve(in: store, today: today) { ResidentField.key(forFlag: $0) }
            guard let number = policies.firstIndex(where: { $0.id == policy.id && $0.year == policy.year }) else {
                return .failure("internal error: policy \(policy.id) \(policy.year) is not in the store")
            }
            return .resident(policy: number, resident, selection: selection)
        } catch {
            return .failure(error.message)
        }
    }

    /// The plain path, or nil for the general one.
    private func plain(present: UInt32, json: Bool, text: Texts) -> Decoded? {
        // A default stands in for a missing region or year; only such records pay for it.
        if text(.region) == nil, let region = defaultRegionBytes {
            return (json ? region.json : region.csv).withUnsafeBufferPointer { bytes in
                plain(present: present, json: json) { $0 == .region ? bytes : text($0) }
            }
        }
        if text(.year) == nil, let year = defaultYearBytes {
            return year.withUnsafeBufferPointer { bytes in
                plain(present: present, json: json) { $0 == .year ? bytes : text($0) }
            }
        }
        guard let rawRegion = text(.region), let region = Self.plain(rawRegion, json: json) else { return nil }
        var year: Int?
        if let raw = text(.year) {
            guard let value = Self.digits(raw), (1900...2200).contains(value) else { return nil }
            year = value
        }
        // Policies are sorted by id then year: the last match is the latest year.
        var chosen: Int?, years = 0
        for (index, id) in ids.enumerated() where Self.same(id, region) {
            years += 1
            if year == nil || policies[index].year == year { chosen = index }
        }
        // With no year and several notices, the year follows the payment date, and the
        // general path says which it chose.
        guard let chosen, year != nil || years == 1 else { return nil }

        var resident = ResidentFacts()
        var idBorn: CivilDate?
        var fields = present & ~(1 << UInt32(RecordField.region.rawValue) | 1 << UInt32(RecordField.year.rawValue))
        while fields != 0 {
            let field = RecordField(rawValue: fields.trailingZeroBitCount)
            fields &= fields - 1
            let raw = text(field)!
            switch field.kind {
            case .categories:
                guard !field.isList, let value = Self.plain(raw, json: json),
                      let known = categories[chosen].firstIndex(where: { Self.same($0.bytes, value) }), known < 255
                else { return nil }
                resident.add(category: known + 1)
            case .tier:
                guard let value = Self.digits(raw), value >= 1 else { return nil }
                resident.tier = value
            case .date(let input):
                guard let value = Self.plain(raw, json: json), let date = CivilDate(isoBytes: value) else { return nil }
                resident.set(date, as: input)
            case .situation(let situation):
                if raw.elementsEqual("true".utf8) { resident.insert(situation) }
                else if !raw.elementsEqual("false".utf8) { return nil }
            case .idNumber:
                // A valid number only; the general path words what is wrong with another.
                guard let value = Self.plain(raw, json: json),
                      let born = IDNumber.birthDate(ofPlainASCII: value, today: today) else { return nil }
                idBorn = born
            case .region, .year:
                return nil
            }
        }
        if let idBorn {
            if let born = resident.born, born != idBorn { return nil }
            resident.born = idBorn
        }
        return .facts(policy: chosen, resident)
    }

    /// The bytes of a text with no escapes and no surrounding spaces: inside a JSON
    /// string's quotes, or a CSV cell as it is.
    private static func plain(_ raw: UnsafeBufferPointer<UInt8>, json: Bool) -> UnsafeBufferPointer<UInt8>? {
        var inner = raw
        if json {
            guard raw.count >= 2, raw[0] == UInt8(ascii: "\""), raw[raw.count - 1] == UInt8(ascii: "\"") else { return nil }
            inner = UnsafeBufferPointer(rebasing: raw[1..<(raw.count - 1)])
            guard !inner.contains(UInt8(ascii: "\\")) else { return nil }
        }
        guard let first = inner.first, let last = inner.last, first != 32, last != 32 else { return nil }
        return inner
    }

    /// Byte equality of an id and a field's text.
    private static func same(_ id: [UInt8], _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        id.count == text.count && (text.isEmpty || id.withUnsafeBytes { memcmp($0.baseAddress!, text.baseAddress!, text.count) == 0 })
    }

    /// One to nine plain digits.
    private static func digits(_ raw: UnsafeBufferPointer<UInt8>) -> Int? {
        guard (1...9).contains(raw.count) else { return nil }
        var value = 0
        for byte in raw {
            let digit = byte &- 48
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    /// A cell's range without surrounding ASCII spaces and tabs (also the tab premium's
    /// own CSV output puts before an ID number).
    static func trimmed(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, line[lower] == 32 || line[lower] == 9 { lower += 1 }
        while upper > lower, line[upper - 1] == 32 || line[upper - 1] == 9 { upper -= 1 }
        return lower..<upper
    }

    /// The general way from a record's known fields to a `QuoteRequest`: any JSON value,
    /// names and aliases, nulls, spreadsheet truth values. Throws for a value of the wrong
    /// type, naming the field.
    private static func request(_ line: UnsafeBufferPointer<UInt8>, _ record: JSONLineScanner.Record) throws(JSONLineScanner.Failure) -> QuoteRequest {
        var values: [String?] = Array(repeating: nil, count: RecordField.allCases.count)
        var categories: [String] = []
        for field in RecordField.allCases {
            guard let range = record[field] else { continue }
            let value: JSONValue
            if let text = plainString(UnsafeBufferPointer(rebasing: line[range])) {
                value = .string(text)
            } else {
                do { value = try JSONParser.parse(Array(line[range])) } catch {
                    throw .init(message: "invalid value for '\(field.name)': " + error.message)
                }
            }
            let listMessage = "field '\(field.name)' must be an array of strings"
            switch (field.kind, value) {
            case (_, .null): continue
            case (.categories, .array(let items)) where field.isList:
                for item in items {
                    guard case .string(let text) = item else { throw .init(message: listMessage) }
                    categories.append(text)
                }
            case (.categories, _) where field.isList: throw .init(message: listMessage)
            case (.categories, .string(let text)): categories.insert(text, at: 0)
            case (_, .string(let text)): values[field.rawValue] = text
            case (.year, .number(let text)), (.tier, .number(let text)): values[field.rawValue] = text
            case (.situation, .bool(let flag)): values[field.rawValue] = flag ? "true" : "false"
            case (.situation, .number(let text)) where text == "1" || text == "0": values[field.rawValue] = text
            default:
                throw .init(message: "field '\(field.name)' has the wrong type (\(value.typeName))")
            }
        }
        return try RecordField.request(from: values, categories: categories)
    }

    /// The text of a JSON string with no escapes (the common case), without a parser.
    private static func plainString(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
        guard raw.count >= 2, raw[0] == UInt8(ascii: "\""), raw[raw.count - 1] == UInt8(ascii: "\""),
              !raw.contains(UInt8(ascii: "\\")) else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: raw[1..<(raw.count - 1)]), as: UTF8.self)
    }
}
