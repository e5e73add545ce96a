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
    let store: PolicyStore
    let language: Language
    let full: Bool
    let csvIn: Bool
    let csvOut: Bool
    let bom: Bool
    var summary = BatchSummary()

    private var cache: [[UInt8]: Int] = [:]
    private var results: [BatchResult] = []
    /// How many records used each cached result since it was cached (folded into the
    /// summary when the cache is cleared and at the end).
    private var uses: [Int] = []
    private var record = JSONLineScanner.Record()
    private var key: [UInt8] = []
    private var villageIndex: [[UInt8]: Int] = [:]
    private var villageNames: [String] = []
    private var villageTotals: [(residents: Int, payable: Int, subsidy: Int)] = []
    var wantVillages = false
    private var out: [UInt8] = []
    private var physicalLine = 1
    private var csvHeader: [String]?
    private var csvFields: [RecordField?] = []
    private var outputCarried: [String]?

    init(store: PolicyStore, language: Language, full: Bool, csvIn: Bool, csvOut: Bool, bom: Bool) {
        self.store = store
        self.language = language
        self.full = full
        self.csvIn = csvIn
        self.csvOut = csvOut
        self.bom = bom
        out.reserveCapacity(BatchCommand.chunkSize * 2)
        if csvOut && bom { out += [0xEF, 0xBB, 0xBF] }
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
            buffer.withUnsafeBufferPointer { bytes in
                while let (contentEnd, next) = nextRecord(bytes, from: start, atEnd: atEnd) {
                    let lines = countNewlines(bytes, start..<next)
                    handle(UnsafeBufferPointer(rebasing: bytes[start..<contentEnd]))
                    physicalLine += lines
                    start = next
                }
            }
            if out.count >= BatchCommand.chunkSize { output.write(bytes: out); out.removeAll(keepingCapacity: true) }
            if start > 0 { buffer.removeFirst(start); start = 0 }
        }
        if csvOut && outputCarried == nil { writeCSVHeader(carried: csvCarriedNames()) }
        output.write(bytes: out)
        out.removeAll()
        foldUses()
        for (index, name) in villageNames.enumerated() {
            let row = villageTotals[index]
            var total = summary.villages[name] ?? (0, 0, 0)
            total.residents += row.residents; total.payable += row.payable; total.subsidy += row.subsidy
            summary.villages[name] = total
        }
    }

    /// Adds each cached result to the summary once per record that used it.
    private mutating func foldUses() {
        for (index, count) in uses.enumerated() where count > 0 { summary.add(results[index], times: count) }
        for index in uses.indices { uses[index] = 0 }
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
            try JSONLineScanner.scan(line, into: &record)
        } catch {
            emit(errorResult(error.message), csvCarried: [:], village: nil) { _ in }
            return
        }
        key.removeAll(keepingCapacity: true)
        for (index, range) in record.known.enumerated() {
            guard let range else { continue }
            key.append(UInt8(index))
            key.append(contentsOf: UnsafeBufferPointer(rebasing: line[range]))
            key.append(0xFF)
        }
        let known = record.known
        let (store, language, full, csv) = (self.store, self.language, self.full, self.csvOut)
        let result = cachedResult { () -> BatchResult in
            var values: [String?] = Array(repeating: nil, count: RecordField.allCases.count)
            var categories: [String] = []
            for field in RecordField.allCases {
                guard let range = known[field.rawValue] else { continue }
                let value: JSONValue
                if let text = BatchRunner.plainString(UnsafeBufferPointer(rebasing: line[range])) {
                    value = .string(text)
                } else {
                    do { value = try JSONParser.parse(Array(line[range])) } catch {
                        return BatchResult(error: "invalid value for '\(field.name)': " + ((error as? JSONParser.SyntaxError)?.message ?? "not JSON"))
                    }
                }
                switch (field, value) {
                case (_, .null): continue
                case (.categories, .array(let items)):
                    for item in items {
                        guard case .string(let text) = item else { return BatchResult(error: "field 'categories' must be an array of strings") }
                        categories.append(text)
                    }
                case (.categories, _): return BatchResult(error: "field 'categories' must be an array of strings")
                case (.category, .string(let text)): categories.insert(text, at: 0)
                case (_, .string(let text)): values[field.rawValue] = text
                case (_, .number(let text)) where field == .year || field == .tier: values[field.rawValue] = text
                case (_, .bool(let flag)) where field.situation != nil: values[field.rawValue] = flag ? "true" : "false"
                default:
                    return BatchResult(error: "field '\(field.name)' has the wrong type (\(value.typeName))")
                }
            }
            return BatchRunner.price(RecordField.request(from: values, categories: categories), store: store, language: language, full: full, csv: csv)
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
        emit(result, csvCarried: csvCarried, village: village) { out in
            for member in carried { out.append(44); out.append(contentsOf: UnsafeBufferPointer(rebasing: line[member])) }
        }
    }

    /// The text of a JSON string with no escapes (the common case), without a parser.
    private static func plainString(_ raw: UnsafeBufferPointer<UInt8>) -> String? {
        guard raw.count >= 2, raw[0] == UInt8(ascii: "\""), raw[raw.count - 1] == UInt8(ascii: "\""),
              !raw.contains(UInt8(ascii: "\\")) else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: raw[1..<(raw.count - 1)]), as: UTF8.self)
    }

    /// A small number for each distinct village, so per-record totals are array updates.
    private mutating func villageNumber(_ raw: UnsafeBufferPointer<UInt8>, json: Bool) -> Int? {
        key.removeAll(keepingCapacity: true)
        key.append(contentsOf: raw)
        if let number = villageIndex[key] { return number }
        let name: String
        if json {
            guard let text = BatchRunner.plainString(raw) ?? {
                if case .string(let text)? = try? JSONParser.parse(Array(raw)) { return text } else { return nil }
            }() else { return nil }
            name = text
        } else {
            name = String(decoding: raw, as: UTF8.self)
        }
        villageIndex[key] = villageNames.count
        villageNames.append(name)
        villageTotals.append((0, 0, 0))
        return villageNames.count - 1
    }

    private mutating func errorResult(_ message: String) -> Int {
        let index = results.count
        evictIfFull()
        results.append(BatchResult(error: message))
        uses.append(0)
        return results.count - 1 == index ? index : results.count - 1
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
            emit(errorResult("malformed CSV quoting"), csvCarried: [:], village: nil) { _ in }
            return
        }
        guard cells.count == header.count else {
            emit(errorResult("expected \(header.count) columns, got \(cells.count)"), csvCarried: [:], village: nil) { _ in }
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
                json.key(header[column]); json.string(cell)
                carriedJSON.append(json.bytes)
                carriedCSV[header[column]] = cell
                if wantVillages, header[column] == "village" { villageCell = cell }
            }
        }
        let (store, language, full, csv) = (self.store, self.language, self.full, self.csvOut)
        key = csvKey
        let result = cachedResult {
            BatchRunner.price(RecordField.request(from: values, categories: categories), store: store, language: language, full: full, csv: csv)
        }
        var village: Int?
        if let villageCell { village = villageCell.utf8CString.withUnsafeBufferPointer { pointer in
            pointer.withMemoryRebound(to: UInt8.self) { villageNumber(UnsafeBufferPointer(rebasing: $0.dropLast()), json: false) }
        } }
        emit(result, csvCarried: carriedCSV, village: village) { out in
            for member in carriedJSON { out.append(44); out += member }
        }
    }

    // MARK: Pricing and output

    /// The index of the cached result for `key`, computing it on a miss.
    private mutating func cachedResult(compute: () -> BatchResult) -> Int {
        if let index = cache[key] { return index }
        evictIfFull()
        let result = compute()
        cache[key] = results.count
        results.append(result)
        uses.append(0)
        return results.count - 1
    }

    /// Keeps memory flat: when the cache is full, fold its counts into the summary and
    /// start again.
    private mutating func evictIfFull() {
        guard results.count >= BatchCommand.cacheLimit else { return }
        foldUses()
        cache.removeAll(keepingCapacity: true)
        results.removeAll(keepingCapacity: true)
        uses.removeAll(keepingCapacity: true)
    }

    private static func price(_ request: QuoteRequest, store: PolicyStore, language: Language, full: Bool, csv: Bool) -> BatchResult {
        do {
            let (policy, resident) = try request.resolve(in: store) { $0.replacingDashes }
            do {
                let quote = try QuoteEngine(policy: policy).quote(resident)
                return BatchResult(quote: quote, policy: policy, language: language, full: full, csv: csv)
            } catch {
                return BatchResult(error: CLIError(error).message)
            }
        } catch {
            return BatchResult(error: error.message)
        }
    }

    private func csvCarriedNames() -> [String] {
        guard let header = csvHeader else { return [] }
        return header.enumerated().filter { csvFields[$0.offset] == nil }.map(\.element)
    }

    private mutating func writeCSVHeader(carried: [String]) {
        outputCarried = carried
        out += (["line"] + carried + BatchResult.csvColumns).map(CSV.escape).joined(separator: ",").utf8
        out.append(10)
    }

    private mutating func emit(_ index: Int, csvCarried: [String: String], village: Int?,
                               appendCarried: (inout [UInt8]) -> Void) {
        uses[index] += 1
        if let village {
            let result = results[index]
            villageTotals[village].residents += 1
            villageTotals[village].payable += result.payable
            villageTotals[village].subsidy += result.subsidyTotal
        }
        if csvOut {
            if outputCarried == nil { writeCSVHeader(carried: csvIn ? csvCarriedNames() : csvCarried.keys.sorted()) }
            appendNumber(physicalLine)
            for name in outputCarried! { out.append(44); out += CSV.escape(csvCarried[name] ?? "").utf8 }
            out.append(44)
            out += results[index].csv
            out.append(10)
            return
        }
        out += #"{"line":"#.utf8
        appendNumber(physicalLine)
        appendCarried(&out)
        results[index].json.withUnsafeBufferPointer { json in
            if !json.isEmpty { out.append(44); out.append(contentsOf: json) }
        }
        out.append(UInt8(ascii: "}"))
        out.append(10)
    }

    private mutating func appendNumber(_ number: Int) {
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0)
        var count = 0
        var value = number
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat { buffer[19 - count] = UInt8(48 + value % 10); value /= 10; count += 1 } while value > 0
            out.append(contentsOf: buffer[(20 - count)...])
        }
    }
}
