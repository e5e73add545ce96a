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
        /// A record the general path read (boxed: rare, and large).
        indirect case resident(policy: Int, Resident, selection: LocalizedText?)
        /// Boxed too, so that a record of plain values is copied without a value witness.
        indirect case failure(LocalizedText)
    }

    private let store: PolicyStore
    private let policies: [RegionPolicy]
    /// Each policy's region id.
    private let ids: ByteStrings
    /// Every policy's category ids, one policy after another: policy `i`'s from
    /// `categoryStarts[i]` to `categoryStarts[i + 1]`.
    private let categories: ByteStrings
    private let categoryStarts: [Int]

    /// For ID numbers: a birth date after today is an error.
    private let today: CivilDate

    /// The field table's facts the plain path reads for every record, held here rather
    /// than reached through lazily initialised globals.
    private let regionField = RecordField.region, yearField = RecordField.year
    private let kinds = RecordField.allCases.map(\.kind)
    private let lists = RecordField.allCases.map(\.isList)

    init(store: PolicyStore, today: CivilDate) {
        self.store = store
        self.today = today
        policies = store.policies
        ids = ByteStrings(store.policies.map { Array($0.id.utf8) })
        categories = ByteStrings(store.policies.flatMap { policy in policy.categories.map { Array($0.id.utf8) } })
        var starts = [0]
        for policy in store.policies { starts.append(starts.last! + policy.categories.count) }
        categoryStarts = starts
    }

    // MARK: JSON Lines

    func decode(_ line: UnsafeBufferPointer<UInt8>, _ record: JSONLineScanner.Record) -> Decoded {
        if let decoded = plain(record.texts(of: line)) { return decoded }
        do throws(JSONLineScanner.Failure) {
            return resolve(try RecordDecoder.request(line, record))
        } catch {
            return .failure(error.message)
        }
    }

    // MARK: CSV

    /// Each field's cell in the current CSV row (start and end), reused from row to row.
    private let bounds: UnsafeMutablePointer<Int> = {
        let bounds = UnsafeMutablePointer<Int>.allocate(capacity: 2 * RecordField.allCases.count)
        bounds.initialize(repeating: 0, count: 2 * RecordField.allCases.count)
        return bounds
    }()

    deinit {
        bounds.deallocate()
        defaultRegionBytes?.json.deallocate()
        defaultRegionBytes?.csv.deallocate()
        defaultYearBytes?.deallocate()
    }

    /// A CSV row whose cells are byte ranges of `line` (no quoted cells), by column;
    /// `fields` names each column's field.
    func decode(_ line: UnsafeBufferPointer<UInt8>, cells: [Range<Int>], fields: [RecordField?]) -> Decoded {
        var present: UInt32 = 0
        for column in fields.indices {
            guard let field = fields[column] else { continue }
            let range = RecordDecoder.trimmed(line, cells[column])
            guard !range.isEmpty else { continue }
            present |= 1 << UInt32(field.rawValue)
            bounds[2 * field.rawValue] = range.lowerBound
            bounds[2 * field.rawValue + 1] = range.upperBound
        }
        let texts = FieldTexts(line: line, bounds: bounds, present: present, escaped: 0, json: false)
        if let decoded = plain(texts) { return decoded }
        var values: [String?] = Array(repeating: nil, count: RecordField.allCases.count)
        for field in RecordField.allCases {
            if let text = texts.text(field) { values[field.rawValue] = String(decoding: text, as: UTF8.self) }
        }
        return decode(texts: values)
    }

    /// A CSV row as text cells (quoted cells unescaped), by field.
    func decode(texts: [String?]) -> Decoded {
        var values = texts
        var categories: [String] = []
        for field in RecordField.allCases where field.kind == .categories {
            guard let text = texts[field.rawValue] else { continue }
            categories.append(text)
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

    // MARK: Both

    /// Applied to records that have no region (or no year): `batch --region`, `--year`.
    var defaultRegion: String? {
        didSet {
            defaultRegionBytes?.json.deallocate()
            defaultRegionBytes?.csv.deallocate()
            defaultRegionBytes = defaultRegion.map { (RecordDecoder.copy($0), RecordDecoder.copy("\"" + $0 + "\"")) }
        }
    }
    var defaultYear: String? {
        didSet {
            defaultYearBytes?.deallocate()
            defaultYearBytes = defaultYear.map(RecordDecoder.copy)
        }
    }
    private var defaultRegionBytes: (csv: UnsafeMutableBufferPointer<UInt8>, json: UnsafeMutableBufferPointer<UInt8>)?
    private var defaultYearBytes: UnsafeMutableBufferPointer<UInt8>?

    private static func copy(_ text: String) -> UnsafeMutableBufferPointer<UInt8> {
        let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: text.utf8.count)
        _ = bytes.initialize(from: text.utf8)
        return bytes
    }

    private func resolve(_ request: QuoteRequest) -> Decoded {
        var request = request
        if request.region?.isEmpty ?? true, let defaultRegion { request.region = defaultRegion }
        if request[.year] == nil, let defaultYear { request[.year] = defaultYear }
        do {
            let (policy, resident, selection) = try request.resolve(in: store, today: today, label: ResidentField.columnLabel)
            guard let number = policies.firstIndex(where: { $0.id == policy.id && $0.year == policy.year }) else {
                return .failure(LocalizedText(zh: "内部错误：政策 \(policy.id) \(policy.year) 不在数据中", en: "internal error: policy \(policy.id) \(policy.year) is not in the store"))
            }
            return .resident(policy: number, resident, selection: selection)
        } catch {
            return .failure(error.message)
        }
    }

    /// The plain path, or nil for the general one.
    private func plain(_ texts: FieldTexts) -> Decoded? {
        let json = texts.json
        // A default stands in for a missing region or year; only such records pay for it.
        var rawRegion = texts.text(regionField), rawYear = texts.text(yearField)
        if rawRegion == nil, let region = defaultRegionBytes { rawRegion = UnsafeBufferPointer(json ? region.json : region.csv) }
        if rawYear == nil, let year = defaultYearBytes { rawYear = UnsafeBufferPointer(year) }
        guard let rawRegion, !texts.isEscaped(regionField), let region = Self.plain(rawRegion, json: json) else { return nil }
        var year: Int?
        if let raw = rawYear {
            guard let value = Self.digits(raw), (1900...2200).contains(value) else { return nil }
            year = value
        }
        // Policies are sorted by id then year: the last match is the latest year.
        var chosen: Int?, years = 0
        for index in 0..<ids.count where ids.matches(index, region) {
            years += 1
            if year == nil || policies[index].year == year { chosen = index }
        }
        // With no year and several notices, the year follows the payment date, and the
        // general path says which it chose.
        guard let chosen, year != nil || years == 1 else { return nil }

        var resident = ResidentFacts()
        var idBorn: CivilDate?
        var fields = texts.present & ~(1 << UInt32(regionField.rawValue) | 1 << UInt32(yearField.rawValue))
        // Any escaped string goes the general way.
        guard fields & texts.escaped == 0 else { return nil }
        while fields != 0 {
            let field = RecordField(rawValue: fields.trailingZeroBitCount)
            fields &= fields - 1
            let raw = texts.text(field)!
            switch kinds[field.rawValue] {
            case .categories:
                guard !lists[field.rawValue], let value = Self.plain(raw, json: json), let known = category(value, in: chosen)
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

    /// The bytes of a text with no surrounding spaces: inside a JSON string's quotes (the
    /// caller has checked it holds no escape), or a CSV cell as it is.
    @inline(__always)
    private static func plain(_ raw: UnsafeBufferPointer<UInt8>, json: Bool) -> UnsafeBufferPointer<UInt8>? {
        var inner = raw
        if json {
            guard raw.count >= 2, raw[0] == UInt8(ascii: "\""), raw[raw.count - 1] == UInt8(ascii: "\"") else { return nil }
            inner = UnsafeBufferPointer(start: raw.baseAddress! + 1, count: raw.count - 2)
        }
        guard let first = inner.first, let last = inner.last, first != 32, last != 32 else { return nil }
        return inner
    }

    /// The position of the group `text` names by its id in policy `policy`'s list, or
    /// nil (for none, or past the 255 a key holds).
    @inline(__always)
    private func category(_ text: UnsafeBufferPointer<UInt8>, in policy: Int) -> Int? {
        let start = categoryStarts[policy], end = categoryStarts[policy + 1]
        var index = start
        while index < end {
            if categories.matches(index, text) { return index - start < 255 ? index - start : nil }
            index += 1
        }
        return nil
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
                    throw .init(message: LocalizedText(zh: "字段“\(field.name)”的值无效：", en: "invalid value for '\(field.name)': ") + LocalizedText(verbatim: error.message))
                }
            }
            let listMessage = LocalizedText(zh: "字段“\(field.name)”应为字符串数组", en: "field '\(field.name)' must be an array of strings")
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
                throw .init(message: LocalizedText(zh: "字段“\(field.name)”的类型不对（\(value.chineseTypeName)）", en: "field '\(field.name)' has the wrong type (\(value.typeName))"))
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
