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
    /// JSON Lines records scanned ahead (see `StagedRecord`), and how many are waiting.
    private let staged = (0..<BatchCommand.stageSize).map { _ in StagedRecord() }
    private var stagedCount = 0
    private let decoder: PlainRecordDecoder
    /// The known fields of the current CSV record as cache key: field number, bytes, 0xFF.
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
    private var csvScanner = CSVRecordScanner()
    /// Bytes of the current JSON Lines record already searched for its newline.
    private var jsonSearched = 0
    /// Inside a line over the limit (already answered), skipping to its end.
    private var skipping = false

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

    /// Why a run stopped before the end of its input: the `errno` of a failed read or write.
    enum Stop: Error {
        case read(Int32)
        case write(Int32)
        /// The input as a whole cannot be used (a duplicate CSV header, an input field that
        /// batch also writes).
        case invalid(String)
    }

    /// Reads `input` to its end and writes one result per record to `output`. Stops at
    /// the first failed read or write: a read error is never taken for the end of input.
    mutating func process(_ input: inout some ByteSource, into output: inout some ByteSink) throws(Stop) {
        do {
            try run(&input, into: &output)
        } catch {
            // The lines answered before an input that cannot be used still go out.
            if case .invalid = error { output.write(buffer: out.bytes); out.removeAll() }
            throw error
        }
    }

    private mutating func run(_ input: inout some ByteSource, into output: inout some ByteSink) throws(Stop) {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(BatchCommand.chunkSize * 2)
        var start = 0
        var atEnd = false
        var first = true
        while !atEnd {
            atEnd = input.read(into: &buffer, count: BatchCommand.chunkSize) == 0
            if let code = input.readError { throw .read(code) }
            if first, buffer.count >= 3 || atEnd {
                first = false
                if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
            }
            if first { continue }
            if !atEnd && physicalLine.value > 1 { cache.reserve() }
            try buffer.withUnsafeBufferPointer { (bytes) throws(Stop) in
                if skipping {
                    guard let next = lineEnd(bytes, from: start, atEnd: atEnd) else { start = pendingCR(bytes, atEnd: atEnd); return }
                    skipping = false
                    start = next
                }
                while let (contentEnd, next, lines, unterminated) = nextRecord(bytes, from: start, atEnd: atEnd) {
                    let line = UnsafeBufferPointer(rebasing: bytes[start..<contentEnd])
                    if contentEnd - start > BatchCommand.lineLimit {
                        try answerStaged()
                        emitError(BatchRunner.tooLong)
                        physicalLine.advance(by: lines)
                    } else if csvIn {
                        if unterminated {
                            emitError("unterminated quoted field: a quote opened in this row is never closed")
                        } else {
                            try handleCSV(line)
                        }
                        physicalLine.advance(by: lines)
                    } else {
                        staged[stagedCount].stage(line)
                        stagedCount += 1
                        if stagedCount == staged.count { try answerStaged() }
                    }
                    start = next
                }
                try answerStaged()  // the staged lines point into this chunk
                // A record longer than the limit with no end in sight: answer it now and
                // skip the rest of its line without keeping it.
                if bytes.count - start > BatchCommand.lineLimit {
                    if csvIn && csvScanner.inQuotes && csvScanner.canCut {
                        return  // cut at its first line break on the next call
                    }
                    emitError(BatchRunner.tooLong)
                    physicalLine.advance(by: csvScanner.breaks + 1)
                    csvScanner.reset()
                    jsonSearched = 0
                    skipping = true
                    start = pendingCR(bytes, atEnd: atEnd)
                }
            }
            if out.count >= BatchCommand.chunkSize {
                output.write(buffer: out.bytes)
                out.removeAll()
                if let code = output.writeError { throw .write(code) }
            }
            if start > 0 { buffer.removeFirst(start); start = 0 }
        }
        if csvOut && outputCarried == nil { writeCSVHeader(carried: csvCarriedNames()) }
        output.write(buffer: out.bytes)
        out.removeAll()
        if let code = output.writeError { throw .write(code) }
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

    /// The error of a line over `BatchCommand.lineLimit`.
    static let tooLong = "line longer than 1 MiB (\(BatchCommand.lineLimit) bytes); skipped"

    /// The next complete record from `start`: its content end, where the next starts, the
    /// physical lines it spans, and whether a CSV quote in it was never closed. A CSV
    /// record whose open quote runs past the line limit is cut as unterminated.
    private mutating func nextRecord(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool) -> (Int, Int, Int, Bool)? {
        if csvIn {
            if let found = csvScanner.next(bytes, from: start, atEnd: atEnd) {
                return (found.contentEnd, found.next, found.lines, found.unterminated)
            }
            guard bytes.count - start > BatchCommand.lineLimit, csvScanner.inQuotes, csvScanner.canCut else { return nil }
            let found = csvScanner.cutUnterminated(from: start, count: bytes.count)
            return (found.contentEnd, found.next, found.lines, true)
        }
        guard start < bytes.count else { return nil }
        // Resume the search where the last chunk's ended: a long line is scanned once.
        let from = start + jsonSearched
        if from < bytes.count, let found = memchr(bytes.baseAddress! + from, 10, bytes.count - from) {
            jsonSearched = 0
            let newline = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - bytes.baseAddress!
            let contentEnd = newline > start && bytes[newline - 1] == 13 ? newline - 1 : newline
            return (contentEnd, newline + 1, 1, false)
        }
        jsonSearched = bytes.count - start
        guard atEnd else { return nil }
        jsonSearched = 0
        return (bytes.count, bytes.count, 1, false)
    }

    /// Where the line that `start` is in ends (after its line break), or nil when the
    /// bytes hold no line break yet. CSV lines also end at a lone CR.
    private func lineEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, atEnd: Bool) -> Int? {
        guard start < bytes.count else { return nil }
        if !csvIn {
            guard let found = memchr(bytes.baseAddress! + start, 10, bytes.count - start) else { return nil }
            return UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) - bytes.baseAddress! + 1
        }
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 10 { return index + 1 }
            if byte == 13 && csvIn {
                guard index + 1 < bytes.count else { return atEnd ? index + 1 : nil }
                return bytes[index + 1] == 10 ? index + 2 : index + 1
            }
            index += 1
        }
        return nil
    }

    /// Where to keep bytes from when skipping the rest of a long line: nothing, except a
    /// CR at the very end, which may be half of a CRLF.
    private func pendingCR(_ bytes: UnsafeBufferPointer<UInt8>, atEnd: Bool) -> Int {
        csvIn && !atEnd && bytes.last == 13 ? bytes.count - 1 : bytes.count
    }

    // MARK: JSON Lines

    /// Answers the staged records in input order, after asking the cache to fetch all
    /// their sets, then all the entries those name.
    private mutating func answerStaged() throws(Stop) {
        for index in 0..<stagedCount where staged[index].failure == nil { cache.warmSet(hash: staged[index].hash) }
        for index in 0..<stagedCount where staged[index].failure == nil { cache.warmEntry(hash: staged[index].hash) }
        for index in 0..<stagedCount {
            let next = staged[index]
            if let failure = next.failure {
                if next.fatal { throw .invalid("line \(physicalLine.value): " + Echo.message(failure)) }
                emitError(failure)
            } else {
                answerJSON(next)
            }
            physicalLine.advance(by: 1)
        }
        stagedCount = 0
    }

    private mutating func answerJSON(_ staged: StagedRecord) {
        let (line, record, key, hash) = (staged.line, staged.record, staged.key, staged.hash)
        let csvCarried = csvOut ? BatchRunner.csvCells(carried: record.carried, of: line) : nil
        var village: Int?
        if wantVillages, let range = record.village { village = villageNumber(UnsafeBufferPointer(rebasing: line[range]), json: true) }
        var answer = cache.lookup(key.bytes, hash: hash)
        if answer == nil {
            pricer.scratch.removeAll()
            let tally: BatchResult.Tally
            if let (policy, resident) = decoder.decode(line, record) {
                tally = pricer.price(policy, resident)
            } else {
                do throws(JSONLineScanner.Failure) { tally = pricer.price(try BatchRunner.request(line, record)) } catch {
                    tally = pricer.fail(error.message)
                }
            }
            answer = keep(tally, key: key, hash: hash)
        }
        beginLine(tally: answer!.tally, village: village, csvCarried: csvCarried)
        if !csvOut { for member in record.carried { out.append(44); out.append(UnsafeBufferPointer(rebasing: line[member])) } }
        endLine(answer!.value)
    }

    /// The carried members of a JSON Lines record as CSV cells by name: a string's text,
    /// any other value's JSON as written.
    private static func csvCells(carried: [Range<Int>], of line: UnsafeBufferPointer<UInt8>) -> [String: String] {
        var cells: [String: String] = [:]
        for member in carried {
            let raw = Array(line[member])
            guard case .object(let pairs)? = try? JSONParser.parse([UInt8(ascii: "{")] + raw + [UInt8(ascii: "}")]), let pair = pairs.first else { continue }
            if case .string(let text) = pair.value { cells[pair.key] = text } else {
                cells[pair.key] = String(decoding: raw.drop(while: { $0 != UInt8(ascii: ":") }).dropFirst(), as: UTF8.self)
            }
        }
        return cells
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
        beginLine(tally: number(pricer.fail(message)), village: nil, csvCarried: nil)
        endLine(pricer.scratch.bytes)
    }

    // MARK: CSV

    private mutating func handleCSV(_ line: UnsafeBufferPointer<UInt8>) throws(Stop) {
        // Blank rows and rows of only separators are not residents: skipped, counted.
        if CSV.isBlank(line) { summary.skipped += 1; return }
        guard let header = csvHeader else {
            let names = (CSV.fields(line, 0..<line.count) ?? []).map(\.trimmedOfSpaces)
            var seen = Set<String>()
            for name in names where !seen.insert(name).inserted {
                throw .invalid("CSV header names column '\(Echo.value(name))' twice")
            }
            csvFields = names.map { RecordField.byName[Array($0.utf8)] }
            for (name, field) in zip(names, csvFields) where field == nil && BatchResult.outputKeys.contains(name) {
                throw .invalid("input column '\(name)' is also a column batch writes; rename it")
            }
            csvHeader = names
            csvScanner.expectedFields = names.count
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
                if field.kind == .categories {
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
        let hash = ResultCache.hash(key.bytes)
        var answer = cache.lookup(key.bytes, hash: hash)
        if answer == nil {
            pricer.scratch.removeAll()
            let tally: BatchResult.Tally
            do throws(JSONLineScanner.Failure) {
                tally = pricer.price(try RecordField.request(from: values, categories: categories))
            } catch {
                tally = pricer.fail(error.message)
            }
            answer = keep(tally, key: key, hash: hash)
        }
        beginLine(tally: answer!.tally, village: village, csvCarried: carriedCSV)
        if !csvOut { for member in carriedJSON { out.append(44); out.append(member) } }
        endLine(answer!.value)
    }

    // MARK: Pricing and output

    /// Keeps the result just written into the pricer's scratch buffer for the record
    /// whose known fields are `key`: numbers its tally and offers it to the cache.
    private mutating func keep(_ tally: BatchResult.Tally, key: ByteBuffer, hash: UInt64) -> ResultCache.Hit {
        let number = number(tally)
        cache.insert(key.bytes, hash: hash, value: pricer.scratch.bytes, tally: number)
        return ResultCache.Hit(value: pricer.scratch.bytes, tally: number)
    }

    private func csvCarriedNames() -> [String] {
        guard let header = csvHeader else { return [] }
        return header.enumerated().filter { csvFields[$0.offset] == nil }.map(\.element)
    }

    private mutating func writeCSVHeader(carried: [String]) {
        outputCarried = carried
        out.append((["line"] + carried + BatchResult.csvColumns).map(CSV.text).joined(separator: ","))
        out.append(10)
    }

    /// Counts a record in the summary and starts its output line: `{"line":N` for JSON
    /// Lines (the caller then adds the carried members), or the line number and the
    /// carried cells for CSV. `endLine` adds the result.
    private mutating func beginLine(tally: Int32, village: Int?, csvCarried: [String: String]?) {
        tallyCounts[Int(tally)] += 1
        if let village {
            let tally = tallies[Int(tally)]
            villageTotals[village].residents += 1
            villageTotals[village].payable += tally.payable
            villageTotals[village].subsidy += tally.subsidyTotal
        }
        guard csvOut else {
            out.append(#"{"line":"# as StaticString)
            physicalLine.append(to: out)
            return
        }
        let csvCarried = csvCarried ?? [:]
        if outputCarried == nil { writeCSVHeader(carried: csvIn ? csvCarriedNames() : csvCarried.keys.sorted()) }
        physicalLine.append(to: out)
        for name in outputCarried! { out.append(44); out.append(CSV.text(csvCarried[name] ?? "")) }
    }

    private func endLine(_ result: UnsafeRawBufferPointer) {
        if csvOut {
            out.append(44)
            out.append(result)
        } else {
            if !result.isEmpty { out.append(44); out.append(result) }
            out.append(UInt8(ascii: "}"))
        }
        out.append(10)
    }
}
