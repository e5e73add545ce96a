#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PolicyKit

/// Turns the common batch record straight into a policy and a `Resident`, without
/// building strings or parsing JSON values: a region by its exact id, categories by
/// exact id, dates as `YYYY-MM-DD`, numbers as plain digits, situations as `true` or
/// `false`.
///
/// Anything else (names, aliases, `categories` arrays, nulls, escapes, spreadsheet
/// truth values, and every error) returns nil, and the record takes the general path
/// through `QuoteRequest`, which gives the same answer and names the field at fault.
/// `BatchQuotePropertyTests` checks both paths against `premium quote`.
final class PlainRecordDecoder {
    private let policies: [RegionPolicy]
    private let ids: [[UInt8]]
    /// Each policy's category ids, as bytes and as the policy's own strings.
    private let categories: [[(bytes: [UInt8], id: String)]]

    init(store: PolicyStore) {
        policies = store.policies
        ids = store.policies.map { Array($0.id.utf8) }
        categories = store.policies.map { policy in policy.categories.map { (Array($0.id.utf8), $0.id) } }
    }

    func decode(_ line: UnsafeBufferPointer<UInt8>, _ record: JSONLineScanner.Record) -> (RegionPolicy, Resident)? {
        guard let regionRange = record[.region], let region = Self.plain(line, regionRange) else { return nil }
        var year: Int?
        if let range = record[.year] {
            guard let value = Self.digits(line, range), (1900...2200).contains(value) else { return nil }
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
        let policy = policies[chosen]

        var resident = Resident()
        var fields = record.present & ~(1 << UInt32(RecordField.region.rawValue) | 1 << UInt32(RecordField.year.rawValue))
        while fields != 0 {
            let field = RecordField(rawValue: fields.trailingZeroBitCount)
            fields &= fields - 1
            let range = record[field]!
            switch field.kind {
            case .categories:
                guard !field.isList, let text = Self.plain(line, range),
                      let known = categories[chosen].first(where: { Self.same($0.bytes, text) })
                else { return nil }
                resident.categories = [known.id]
            case .tier:
                guard let value = Self.digits(line, range), value >= 1 else { return nil }
                resident.tier = value
            case .date(let input):
                guard let text = Self.plain(line, range), let date = CivilDate(isoBytes: text) else { return nil }
                input.set(date, on: &resident)
            case .situation(let situation):
                let raw = UnsafeBufferPointer(rebasing: line[range])
                if raw.elementsEqual("true".utf8) { resident.situations.insert(situation) }
                else if !raw.elementsEqual("false".utf8) { return nil }
            case .region, .year:
                return nil
            }
        }
        return (policy, resident)
    }

    /// The bytes inside a JSON string with no escapes and no surrounding spaces.
    private static func plain(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UnsafeBufferPointer<UInt8>? {
        guard range.count >= 2, line[range.lowerBound] == UInt8(ascii: "\""), line[range.upperBound - 1] == UInt8(ascii: "\"") else {
            return nil
        }
        let inner = UnsafeBufferPointer(rebasing: line[(range.lowerBound + 1)..<(range.upperBound - 1)])
        guard let first = inner.first, let last = inner.last, first != 32, last != 32, !inner.contains(UInt8(ascii: "\\")) else {
            return nil
        }
        return inner
    }

    /// Byte equality of an id and a field's text (`elementsEqual` compared byte by byte
    /// through generic code).
    private static func same(_ id: [UInt8], _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        id.count == text.count && (text.isEmpty || id.withUnsafeBytes { memcmp($0.baseAddress!, text.baseAddress!, text.count) == 0 })
    }

    /// A JSON number of one to nine plain digits.
    private static func digits(_ line: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        guard (1...9).contains(range.count) else { return nil }
        var value = 0
        for index in range {
            let digit = line[index] &- 48
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }
}
