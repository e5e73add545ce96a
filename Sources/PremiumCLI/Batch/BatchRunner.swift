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
        var record = JSONLineScanner.Record()
        do {
            try JSONLineScanner.scan(line, into: &record)
        } catch {
            emit(BatchResult(error: error.message), csvCarried: [:], village: nil) { _ in }
            return
        }
        var key: [UInt8] = []
        key.reserveCapacity(line.count)
        for (index, range) in record.known.enumerated() {
            guard let range else { continue }
            key.append(UInt8(index))
            key.append(contentsOf: UnsafeBufferPointer(rebasing: line[range]))
            key.append(0xFF)
        }
        let (store, language, full) = (self.store, self.language, self.full)
        let result = cachedResult(for: key) { () -> BatchResult in
            do {
                var values: [String?] = Array(repeating: nil, count: RecordField.allCases.count)
                var categories: [String] = []
                for field in RecordField.allCases {
                    guard let range = record.known[field.rawValue] else { continue }
                    let value = try JSONParser.parse(Array(line[range]))
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
                return BatchRunner.price(RecordField.request(from: values, categories: categories), store: store, language: language, full: full)
            } catch {
                return BatchResult(error: "invalid value: " + ((error as? JSONParser.SyntaxError)?.description ?? "\(error)"))
            }
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
        var village: String?
        if let range = record.village, case .string(let text)? = try? JSONParser.parse(Array(line[range])) { village = text }
        emit(result, csvCarried: csvCarried, village: village) { out in
            for member in record.carried { out.append(44); out.append(contentsOf: UnsafeBufferPointer(rebasing: line[member])) }
        }
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
            emit(BatchResult(error: "malformed CSV quoting"), csvCarried: [:], village: nil) { _ in }
            return
        }
        guard cells.count == header.count else {
            emit(BatchResult(error: "expected \(header.count) columns, got \(cells.count)"), csvCarried: [:], village: nil) { _ in }
            return
        }
        var values: [String?] = Array(repeating: nil, count: RecordField.allCases.count)
        var categories: [String] = []
        var key: [UInt8] = []
        var carriedJSON: [[UInt8]] = []
        var carriedCSV: [String: String] = [:]
        var village: String?
        for (column, cell) in cells.enumerated() {
            if let field = csvFields[column] {
                let text = cell.trimmedOfSpaces
                guard !text.isEmpty else { continue }
                key.append(UInt8(field.rawValue)); key += text.utf8; key.append(0xFF)
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
                if header[column] == "village" { village = cell }
            }
        }
        let (store, language, full) = (self.store, self.language, self.full)
        let result = cachedResult(for: key) {
            BatchRunner.price(RecordField.request(from: values, categories: categories), store: store, language: language, full: full)
        }
        emit(result, csvCarried: carriedCSV, village: village) { out in
            for member in carriedJSON { out.append(44); out += member }
        }
    }

    // MARK: Pricing and output

    private mutating func cachedResult(for key: [UInt8], compute: () -> BatchResult) -> BatchResult {
        if let index = cache[key] { return results[index] }
        if results.count >= BatchCommand.cacheLimit {
            cache.removeAll(keepingCapacity: true)
            results.removeAll(keepingCapacity: true)
        }
        let result = compute()
        cache[key] = results.count
        results.append(result)
        return result
    }

    private static func price(_ request: QuoteRequest, store: PolicyStore, language: Language, full: Bool) -> BatchResult {
        do {
            let (policy, resident) = try request.resolve(in: store) { $0.replacingDashes }
            do {
                let quote = try QuoteEngine(policy: policy).quote(resident)
                return BatchResult(quote: quote, policy: policy, language: language, full: full)
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

    private mutating func emit(_ result: BatchResult, csvCarried: [String: String], village: String?,
                               appendCarried: (inout [UInt8]) -> Void) {
        summary.add(result, village: village)
        if csvOut {
            if outputCarried == nil { writeCSVHeader(carried: csvIn ? csvCarriedNames() : csvCarried.keys.sorted()) }
            out += String(physicalLine).utf8
            for name in outputCarried! { out.append(44); out += CSV.escape(csvCarried[name] ?? "").utf8 }
            out.append(44)
            out += result.csv
            out.append(10)
            return
        }
        out += #"{"line":"#.utf8
        out += String(physicalLine).utf8
        appendCarried(&out)
        if !result.json.isEmpty { out.append(44); out += result.json }
        out.append(UInt8(ascii: "}"))
        out.append(10)
    }
}
