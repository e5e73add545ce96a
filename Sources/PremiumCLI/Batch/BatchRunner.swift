#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PolicyKit

/// The streaming loop of `premium batch`: read a chunk, answer every complete record in
/// it, write the answers, keep only the unfinished tail. Memory holds one chunk, the
/// longest record, the output buffer and the bounded result cache.
struct BatchRunner {
    let csvIn: Bool
    let csvOut: Bool
    let bom: Bool
    var summary = BatchSummary()

    private let cache: ResultCache
    private let pricer: BatchPricer
    /// Distinct summary tallies, and how many records had each (multiplied into the
    /// summary at the end, or when the table is full).
    private var tallies: [BatchResult.Tally] = []
    private var tallyNumbers: [BatchResult.Tally: Int32] = [:]
    private var tallyCounts: [Int] = []
    private let record = JSONLineScanner.Record()
    private let decoder: PlainRecordDecoder
    /// The known fields of the current record as cache key: field number, bytes, 0xFF.
    private let key = ByteBuffer(capacity: 256)
    private var villageIndex: [[UInt8]: Int] = [:]
    private var villageNames: [String] = []
    private var villageTotals: [(residents: Int, payable: Int, subsidy: Int)] = []
    var wantVillages = false
    private let out = ByteBuffer(capacity: BatchCommand.chunkSize * 2)
    private let physicalLine = LineNumber(1)
    private var csvHeader: [String]?
    private var csvFields: [RecordField?] = []
    private var outputCarried: [String]?

    init(store: PolicyStore, language: Language, full: Bool, csvIn: Bool, csvOut: Bool, bom: Bool,
         cache: ResultCache = ResultCache()) {
        self.cache = cache
        pricer = BatchPricer(store: store, language: language, full: full, csv: csvOut)
        decoder = PlainRecordDecoder(store: store)
        self.csvIn = csvIn
        self.csvOut = csvOut
        self.bom = bom
        if csvOut && bom { out.append([0xEF, 0xBB, 0xBF]) }
    }

    mutating func process(_ input: inout some ByteSource, into output: inout some ByteSink) {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(BatchCommand.chunkSize * 2)
        var start = 0
        var atEnd = false
        var first = true
        while !atEnd {
            atEnd = input.read(into: &buffer, count: BatchCommand.chunkSize) == 0
            if first, buffer.count >= 3 || atEnd {
                first = false
                if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
            }
            if first { continue }
            if !atEnd && physicalLine.value > 1 { cache.reserve() }
            buffer.withUnsafeBufferPointer { bytes in
                while let (contentEnd, next) = nextRecord(bytes, from: start, atEnd: atEnd) {
                    let lines = countNewlines(bytes, start..<next)
                    handle(UnsafeBufferPointer(rebasing: bytes[start..<contentEnd]))
                    physicalLine.advance(by: lines)
                    start = next
                }
            }
            if out.count >= BatchCommand.chunkSize { output.write(buffer: out.bytes); out.removeAll() }
            if start > 0 { buffer.removeFirst(start); start = 0 }
        }
        if csvOut && outputCarried == nil { writeCSVHeader(carried: csvCarriedNames()) }
        output.write(buffer: out.bytes)
        out.removeAll()
        foldTallies()
        for (index, name) in villageNames.enumerated() {
            let row = villageTotals[index]
            var total = summary.villages[name] ?? (0, 0, 0)
            total.residents += row.residents; total.payable += row.payable; total.subsidy += row.subsidy
            summary.villages[name] = total
        }
    }

    /// Adds each tally to the summary once per record that had it.
    private mutating func foldTallies() {
        for (index, count) in tallyCounts.enumerated() where count > 0 { summary.add(tallies[index], times: count) }
        for index in tallyCounts.indices { tallyCounts[index] = 0 }
    }

    /// The number of `tally`, adding it when new. The table is bounded: when full, its
    /// counts go into the summary and it starts again, and so does the cache, whose
    /// entries name tallies by number.
    private mutating func number(_ tally: BatchResult.Tally) -> Int32 {
        if let number = tallyNumbers[tally] { return number }
        if tallies.count >= BatchCommand.tallyLimit {
            foldTallies()
            tallies.removeAll(keepingCapacity: true)
            tallyNumbers.removeAll(keepingCapacity: true)
            tallyCounts.removeAll(keepingCapacity: true)
            cache.removeAll()
        }
        let number = Int32(tallies.count)
        tallies.append(tally)
        tallyNumbers[tally] = number
        tallyCounts.append(0)
        return number
    }

    private func nextRecord(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool) -> (Int, Int)? {
        if csvIn { return CSV.recordEnd(bytes, from: start, atEnd: atEnd) }
        guard start < bytes.count else { return nil }
        let base = bytes.baseAddress! + start
        if let found = memchr(base, 10, bytes.count - start) {
            let newline = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - bytes.baseAddress!
            let contentEnd = newline > start && bytes[newline - 1] == 13 ? newline - 1 : newline
            return (contentEnd, newline + 1)
        }
        return atEnd ? (bytes.count, bytes.count) : nil
    }

    private func countNewlines(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        guard csvIn else { return 1 }
        var count = 0
        for index in range where bytes[index] == 10 { count += 1 }
        return max(count, 1)
    }

    private mutating func handle(_ line: UnsafeBufferPointer<UInt8>) {
        if csvIn { handleCSV(line) } else { handleJSON(line) }
    }

    // MARK: JSON Lines

    private mutating func handleJSON(_ line: UnsafeBufferPointer<UInt8>) {
        do {
            try JSONLineScanner.scan(line, into: record)
        } catch {
            emitError(error.message)
            return
        }
        key.removeAll()
        record.forEachPresent { field, range in
            key.append(UInt8(field.rawValue))
            key.append(UnsafeBufferPointer(rebasing: line[range]))
            key.append(0xFF)
        }
        var csvCarried: [String: String] = [:]
        if csvOut {
            for member in record.carried {
                let raw = Array(line[member])
                guard case .object(let pairs)? = try? JSONParser.parse([UInt8(ascii: "{")] + raw + [UInt8(ascii: "}")]), let pair = pairs.first else { continue }
                if case .string(let text) = pair.value { csvCarried[pair.key] = text } else {
                    csvCarried[pair.key] = String(decoding: raw.drop(while: { $0 != UInt8(ascii: ":") }).dropFirst(), as: UTF8.self)
                }
            }
        }
        var village: Int?
        if wantVillages, let range = record.village { village = villageNumber(UnsafeBufferPointer(rebasing: line[range]), json: true) }
        let carried = record.carried
        let (record, decoder) = (self.record, self.decoder)
        answer(csvCarried: csvCarried, village: village, compute: { pricer in
            if let (policy, resident) = decoder.decode(line, record) { return pricer.price(policy, resident) }
            let request: QuoteRequest
            do throws(JSONLineScanner.Failure) { request = try BatchRunner.request(line, record) } catch { return pricer.fail(error.message) }
            return pricer.price(request)
        }, appendCarried: { out in
            for member in carried { out.append(44); out.append(UnsafeBufferPointer(rebasing: line[member])) }
        })
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
            switch (field, value) {
            case (_, .null): continue
            case (.categories, .array(let items)):
                for item in items {
                    guard case .string(let text) = item else { throw .init(message: "field 'categories' must be an array of strings") }
                    categories.append(text)
                }
            case (.categories, _): throw .init(message: "field 'categories' must be an array of strings")
            case (.category, .string(let text)): categories.insert(text, at: 0)
            case (_, .string(let text)): values[field.rawValue] = text
            case (_, .number(let text)) where field == .year || field == .tier: values[field.rawValue] = text
            case (_, .bool(let flag)) where field.situation != nil: values[field.rawValue] = flag ? "true" : "false"
            default:
                throw .init(message: "field '\(field.name)' has the wrong type (\(value.typeName))")
            }
        }
        return RecordField.request(from: values, categories: categories)
    }

    /// The text of a JSON string with no escapes (the common case), without a parser.
    private static func plainString(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
        guard raw.count >= 2, raw[0] == UInt8(ascii: "\""), raw[raw.count - 1] == UInt8(ascii: "\""),
              !raw.contains(UInt8(ascii: "\\")) else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: raw[1..<(raw.count - 1)]), as: UTF8.self)
    }

    /// A small number for each distinct village, so per-record totals are array updates.
    private mutating func villageNumber(_ raw: UnsafeBufferPointer<UInt8>, json: Bool) -> Int? {
        let villageKey = Array(raw)
        if let number = villageIndex[villageKey] { return number }
        let name: String
        if json {
            guard let text = BatchRunner.plainString(raw) ?? {
                if case .string(let text)? = try? JSONParser.parse(Array(raw)) { return text } else { return nil }
            }() else { return nil }
            name = text
        } else {
            name = String(decoding: raw, as: UTF8.self)
        }
        villageIndex[villageKey] = villageNames.count
        villageNames.append(name)
        villageTotals.append((0, 0, 0))
        return villageNames.count - 1
    }

    /// Writes the line for a record that is not a record at all (bad JSON, bad CSV row).
    private mutating func emitError(_ message: String) {
        pricer.scratch.removeAll()
        let tally = number(pricer.fail(message))
        emit(pricer.scratch.bytes, tally: tally, csvCarried: [:], village: nil) { _ in }
    }

    // MARK: CSV

    private mutating func handleCSV(_ line: UnsafeBufferPointer<UInt8>) {
        guard let header = csvHeader else {
            let names = CSV.fields(line, 0..<line.count) ?? []
            csvHeader = names.map { $0.trimmedOfSpaces }
            csvFields = csvHeader!.map { RecordField.byName[Array($0.utf8)] }
            return
        }
        guard let cells = CSV.fields(line, 0..<line.count) else {
            emitError("malformed CSV quoting")
            return
        }
        guard cells.count == header.count else {
            emitError("expected \(header.count) columns, got \(cells.count)")
            return
        }
        var values: [String?] = Array(repeating: nil, count: RecordField.allCases.count)
        var categories: [String] = []
        var csvKey: [UInt8] = []
        var carriedJSON: [[UInt8]] = []
        var carriedCSV: [String: String] = [:]
        var villageCell: String?
        for (column, cell) in cells.enumerated() {
            if let field = csvFields[column] {
                let text = cell.trimmedOfSpaces
                guard !text.isEmpty else { continue }
                csvKey.append(UInt8(field.rawValue)); csvKey += text.utf8; csvKey.append(0xFF)
                if field == .category || field == .categories {
                    categories += text.split(whereSeparator: { $0 == ";" || $0 == "；" }).map { String($0).trimmedOfSpaces }
                } else {
                    values[field.rawValue] = text
                }
            } else {
                var json = JSONWriter(pretty: false, capacity: 32)
                json.key(escaping: header[column]); json.string(cell)
                carriedJSON.append(json.bytes)
                carriedCSV[header[column]] = cell
                if wantVillages, header[column] == "village" { villageCell = cell }
            }
        }
        key.removeAll()
        key.append(csvKey)
        var village: Int?
        if let villageCell { village = villageCell.utf8CString.withUnsafeBufferPointer { pointer in
            pointer.withMemoryRebound(to: UInt8.self) { villageNumber(UnsafeBufferPointer(rebasing: $0.dropLast()), json: false) }
        } }
        answer(csvCarried: carriedCSV, village: village, compute: { pricer in
            pricer.price(RecordField.request(from: values, categories: categories))
        }, appendCarried: { out in
            for member in carriedJSON { out.append(44); out.append(member) }
        })
    }

    // MARK: Pricing and output

    /// Writes the answer for the record whose known fields are in `key`: from the cache,
    /// or computed and offered to the cache.
    private mutating func answer(
        csvCarried: [String: String], village: Int?,
        compute: (BatchPricer) -> BatchResult.Tally,
        appendCarried: (ByteBuffer) -> Void
    ) {
        let hash = ResultCache.hash(key.bytes)
        if let hit = cache.lookup(key.bytes, hash: hash) {
            emit(hit.value, tally: hit.tally, csvCarried: csvCarried, village: village, appendCarried: appendCarried)
            return
        }
        pricer.scratch.removeAll()
        let tally = number(compute(pricer))
        cache.insert(key.bytes, hash: hash, value: pricer.scratch.bytes, tally: tally)
        emit(pricer.scratch.bytes, tally: tally, csvCarried: csvCarried, village: village, appendCarried: appendCarried)
    }

    private func csvCarriedNames() -> [String] {
        guard let header = csvHeader else { return [] }
        return header.enumerated().filter { csvFields[$0.offset] == nil }.map(\.element)
    }

    private mutating func writeCSVHeader(carried: [String]) {
        outputCarried = carried
        out.append((["line"] + carried + BatchResult.csvColumns).map(CSV.escape).joined(separator: ","))
        out.append(10)
    }

    private mutating func emit(_ result: UnsafeRawBufferPointer, tally: Int32, csvCarried: [String: String], village: Int?,
                               appendCarried: (ByteBuffer) -> Void) {
        tallyCounts[Int(tally)] += 1
        if let village {
            let tally = tallies[Int(tally)]
            villageTotals[village].residents += 1
            villageTotals[village].payable += tally.payable
            villageTotals[village].subsidy += tally.subsidyTotal
        }
        if csvOut {
            if outputCarried == nil { writeCSVHeader(carried: csvIn ? csvCarriedNames() : csvCarried.keys.sorted()) }
            physicalLine.append(to: out)
            for name in outputCarried! { out.append(44); out.append(CSV.escape(csvCarried[name] ?? "")) }
            out.append(44)
            out.append(result)
            out.append(10)
            return
        }
        out.append(#"{"line":"#)
        physicalLine.append(to: out)
        appendCarried(out)
        if !result.isEmpty { out.append(44); out.append(result) }
        out.append(UInt8(ascii: "}"))
        out.append(10)
    }
}
