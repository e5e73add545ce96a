import PolicyKit
import ResidentIO
import Workbook

/// `premium batch` as a library: reads a roster (JSON Lines or CSV), prices each record
/// with the compiled pricer, and writes one result per record, in order, in memory that
/// does not grow with the roster.
public struct BatchRun {
    public enum Format: Sendable {
        case jsonLines, csv
        /// An Excel workbook (`.xlsx`): the first worksheet, or `Options.sheet`.
        case xlsx
    }

    /// How a CSV roster's bytes are read: found from the bytes (UTF-8, else GB18030,
    /// or UTF-16 by its byte-order mark), or as one encoding.
    public enum Encoding: Sendable {
        case detect, utf8, gb18030
    }

    public struct Options: Sendable {
        public var encoding: Encoding = .detect
        /// For records that have none: `batch --region`, `--year`.
        public var region: String?
        public var year: String?
        /// CSV columns to carry even though their headers look like a misspelt field.
        public var carry: [String] = []
        public var input: Format = .jsonLines
        public var output: Format = .jsonLines
        public var language: Language = .zh
        /// Assumptions, notes and sources in each JSON result.
        public var full = false
        /// A UTF-8 byte-order mark before CSV output.
        public var bom = false
        /// Totals by village in the summary (and the report).
        public var villages = false
        /// The worksheet of an `.xlsx` roster: a name, or a 1-based position; nil: the first.
        public var sheet: String?
        /// Today, for ID numbers (a birth date after it is an error).
        public var today = CivilDate(year: 2026, month: 1, day: 1)!

        public init() {}
    }

    /// Bytes read at a time, and output held before it is written.
    public static let chunkSize = 1 << 16
    /// A longer line (or CSV record) is an error line, skipped without being kept.
    public static let lineLimit = 1 << 20
    /// The error of a line over the limit.
    public static let tooLongMessage = LocalizedText(zh: "该行超过 1 MiB（\(lineLimit) 字节），已跳过",
                                                     en: "line longer than 1 MiB (\(lineLimit) bytes); skipped")

    private let store: PolicyStore
    private let options: Options
    /// The totals, once `process` has returned.
    public private(set) var summary = BatchSummary()

    public init(store: PolicyStore, options: Options) {
        self.store = store
        self.options = options
    }

    /// Reads `input` to its end and writes one result per record to `output`. Stops at
    /// the first failed read or write; what was answered before an input that cannot be
    /// used still goes out.
    public mutating func process<Source: ByteSource, Sink: ByteSink>(_ input: inout Source, into output: inout Sink) throws(BatchStop) {
        // The streams are called once per chunk, through existentials, so that the loop
        // below is specialised for each format in this module (a generic entry point
        // called from the command line would leave all of it unspecialised).
        var source: any ByteSource = input, sink: any ByteSink = output
        defer {
            input = source as! Source
            output = sink as! Sink
        }
        try process(&source, into: &sink)
    }

    /// Whether results are written as CSV (also on their way into a workbook).
    private var writesCSV: Bool { options.output != .jsonLines }

    /// A decoder for this run, with its defaults.
    private func makeDecoder() -> RecordDecoder {
        let decoder = RecordDecoder(store: store, today: options.today)
        decoder.defaultRegion = options.region
        decoder.defaultYear = options.year
        return decoder
    }

    /// Runs `body` into `output`, or, for an `.xlsx` result, into a workbook handed to
    /// `output` whole once the run is over.
    private mutating func writing(into output: inout any ByteSink,
                                  _ body: (inout BatchRun, inout any ByteSink) throws(BatchStop) -> Void) throws(BatchStop) {
        guard options.output == .xlsx else { return try body(&self, &output) }
        var workbook: any ByteSink = WorkbookSink(language: options.language)
        try body(&self, &workbook)
        var sink = workbook as! WorkbookSink
        output.write(bytes: try sink.finish(summary: summary.text(options.language)))
        if let code = output.writeError { throw .write(code) }
    }

    /// Whether a file beginning with `prefix` is a workbook (a zip, or an old `.xls`).
    public static func isWorkbook(prefix: [UInt8]) -> Bool { FileSignature(prefix) != .other }

    private mutating func processRows(_ bytes: [UInt8], into output: inout any ByteSink) throws(BatchStop) {
        let rows: SheetRowReader, uses1904: Bool
        do {
            let workbook = try WorkbookReader(bytes)
            rows = try workbook.rows(options.sheet.map { SheetSelector($0, in: workbook.sheets) } ?? .first)
            uses1904 = workbook.uses1904Dates
        } catch {
            throw .invalid(error.message)
        }
        let pricer = CompiledPricer(store: store, language: options.language, full: options.full, csv: writesCSV)
        let reading = CSVInput(decoder: makeDecoder(), carry: options.carry)
        if writesCSV {
            summary = try runRows(rows, uses1904, reading, CSVWriter(bom: options.bom && options.output == .csv, language: options.language), pricer, &output)
        } else {
            summary = try runRows(rows, uses1904, reading, JSONLinesWriter(), pricer, &output)
        }
    }

    private func runRows<Writer: ResultWriter>(_ rows: SheetRowReader, _ uses1904: Bool, _ reading: CSVInput, _ writer: Writer,
                                               _ pricer: CompiledPricer, _ output: inout any ByteSink) throws(BatchStop) -> BatchSummary {
        var rows = rows
        var runner = BatchRunner(input: reading, writer: writer, pricer: pricer, language: options.language, villages: options.villages)
        try runner.drive(into: &output) { runner, output throws(BatchStop) in
            var bytes: [UInt8] = [], ranges: [Range<Int>] = []
            while true {
                let row: SheetRow?
                do throws(WorkbookError) { row = try rows.next() } catch { throw BatchStop.invalid(error.message) }
                guard let row else { break }
                try runner.take(row, uses1904Dates: uses1904, bytes: &bytes, ranges: &ranges)
                try runner.chunkDone(into: &output)
            }
        }
        return runner.summary.summary(templates: pricer.templates, policies: store.policies)
    }

    private mutating func process(_ input: inout any ByteSource, into output: inout any ByteSink) throws(BatchStop) {
        guard options.input == .xlsx else {
            return try writing(into: &output) { run, output throws(BatchStop) in try run.processStream(&input, into: &output) }
        }
        // A workbook's directory is at its end: it is read whole, then its rows of the
        // first worksheet or of `Options.sheet`, each numbered as the sheet numbers it.
        var bytes: [UInt8] = []
        while input.read(into: &bytes, count: BatchRun.chunkSize * 16) > 0 {}
        if let code = input.readError { throw .read(code) }
        try writing(into: &output) { run, output throws(BatchStop) in try run.processRows(bytes, into: &output) }
    }

    private mutating func processStream(_ input: inout any ByteSource, into output: inout any ByteSink) throws(BatchStop) {
        let decoder = makeDecoder()
        let pricer = CompiledPricer(store: store, language: options.language, full: options.full, csv: writesCSV)
        let bom = options.bom && options.output == .csv
        guard options.input == .csv else {
            summary = writesCSV
                ? try run(JSONLinesInput(decoder: decoder), CSVWriter(bom: bom, language: options.language), pricer, &input, &output)
                : try run(JSONLinesInput(decoder: decoder), JSONLinesWriter(), pricer, &input, &output)
            return
        }
        let text = TranscodingSource(input, choice: options.encoding)
        var source: any ByteSource = text
        defer { input = text.base }
        var stop: BatchStop?
        do {
            let reading = CSVInput(decoder: decoder, carry: options.carry)
            if writesCSV {
                summary = try run(reading, CSVWriter(bom: bom, language: options.language), pricer, &source, &output)
            } else {
                summary = try run(reading, JSONLinesWriter(), pricer, &source, &output)
            }
        } catch {
            stop = error
        }
        // Bytes that are not text end the input early: that is the reason, whatever
        // the stop the early end caused.
        if let failure = text.failure { throw .invalid(TranscodingSource.explain(failure, forced: options.encoding)) }
        if let stop { throw stop }
        summary.encoding = text.encoding.name
    }

    private func run<Input: RecordInput, Writer: ResultWriter>(
        _ reading: Input, _ writer: Writer, _ pricer: CompiledPricer,
        _ input: inout any ByteSource, _ output: inout any ByteSink
    ) throws(BatchStop) -> BatchSummary {
        var runner = BatchRunner(input: reading, writer: writer, pricer: pricer, language: options.language, villages: options.villages)
        var reader = RecordReader(Input.Framing())
        try runner.drive(into: &output) { runner, output throws(BatchStop) in try reader.read(&input, into: &runner, output: &output) }
        return runner.summary.summary(templates: pricer.templates, policies: store.policies)
    }
}

/// One run's loop body: each record read, priced and written, and counted.
struct BatchRunner<Input: RecordInput, Writer: ResultWriter>: RecordConsumer {
    var input: Input
    var writer: Writer
    let pricer: CompiledPricer
    /// The language of error lines.
    let language: Language
    var summary: SummaryAccumulator
    private let line = LineNumber(1)

    init(input: Input, writer: Writer, pricer: CompiledPricer, language: Language, villages: Bool) {
        self.input = input
        self.writer = writer
        self.pricer = pricer
        self.language = language
        summary = SummaryAccumulator(villages: villages)
    }

    var expectedFields: Int? { input.expectedFields }

    mutating func take(_ record: UnsafeBufferPointer<UInt8>, lines: Int, unterminated: Bool) throws(BatchStop) {
        defer { line.advance(by: lines) }
        let hadHeader = input.carriedNames != nil
        let found: InputRecord?
        do {
            found = try input.read(record, unterminated: unterminated)
        } catch {
            if case .invalid(let message) = error, Input.fatalNamesLine {
                throw .invalid(LocalizedText(zh: "第\(line.value)行：", en: "line \(line.value): ") + message)
            }
            throw error
        }
        emit(found, hadHeader: hadHeader)
    }

    /// Prices and writes what `input` read (nothing for a header or a blank row).
    private mutating func emit(_ found: consuming InputRecord?, hadHeader: Bool) {
        guard let read = consume found else {
            if input.skippedBlank { summary.skipped += 1 }
            if !hadHeader, let names = input.carriedNames { writer.start(carriedNames: names) }
            return
        }
        let priced: CompiledPricer.Priced
        switch read.decoded {
        case .facts(let policy, let facts):
            priced = pricer.price(policy: policy, facts)
        case .resident(let policy, let resident, let selection):
            priced = pricer.price(policy: policy, resident, selection: selection)
        case .failure(let message):
            priced = CompiledPricer.Priced(template: ResultTemplate.error(message(language), csv: writer is CSVWriter),
                                           paidOn: CivilDate(daysSince1970: 0), cover: nil)
        }
        summary.add(priced.template)
        if summary.wantsVillages { addVillage(read, priced.template) }
        if writer.awaitsColumns, holds(priced.template, carried: read.carried) { return }
        writer.beginLine(line, carried: read.carried)
        priced.template.write(into: writer.out, paidOn: priced.paidOn, cover: priced.cover)
        writer.endLine()
    }

    /// Error lines of a JSON Lines roster before its first record that could be read,
    /// when the output is CSV: the header, written once, takes its carried columns from
    /// that record, so these wait for it (at most `heldLimit`; past them, or at the end,
    /// the header goes out without carried columns).
    private var held: [(line: Int, template: ResultTemplate)] = []
    static var heldLimit: Int { 1_000 }

    /// Whether the line is held: an error line (nothing carried) while the columns await
    /// a record. For any other line, first writes the held ones after the header it gives.
    private mutating func holds(_ template: ResultTemplate, carried: CarriedFields) -> Bool {
        if case .none = carried, held.count < BatchRunner.heldLimit {
            held.append((line.value, template))
            return true
        }
        writeHeld(naming: carried)
        return false
    }

    /// Writes the held lines, after the header `carried` names (nothing: no carried columns).
    private mutating func writeHeld(naming carried: CarriedFields) {
        guard !held.isEmpty else { return }
        writer.nameColumns(from: carried)
        for (number, template) in held {
            writer.beginLine(LineNumber(number), carried: .none)
            template.write(into: writer.out, paidOn: CivilDate(daysSince1970: 0), cover: nil)
            writer.endLine()
        }
        held.removeAll()
    }

    /// A worksheet row: its cells as text, numbered as the sheet numbers it, so a clerk
    /// finds it in Excel.
    /// Its cells are laid out one after another, so the row takes the fast path of a CSV row.
    mutating func take(_ row: SheetRow, uses1904Dates: Bool, bytes: inout [UInt8], ranges: inout [Range<Int>]) throws(BatchStop)
    where Input == CSVInput {
        line.advance(by: row.number - line.value)
        let hadHeader = input.carriedNames != nil
        WorkbookCells.layout(row, width: input.expectedFields, uses1904Dates: uses1904Dates, into: &bytes, ranges: &ranges)
        let ranges = ranges
        try bytes.withUnsafeBufferPointer { (buffer) throws(BatchStop) in
            // What is read points into `buffer`: priced and written before it goes.
            emit(try input.read(cells: buffer, ranges: ranges), hadHeader: hadHeader)
        }
    }

    /// Runs `read`, which feeds the whole input to this runner, then writes what is owed.
    /// After an input that cannot be used, what was answered before it still goes out.
    mutating func drive(into output: inout any ByteSink,
                        _ read: (inout BatchRunner, inout any ByteSink) throws(BatchStop) -> Void) throws(BatchStop) {
        do {
            try read(&self, &output)
            writeHeld(naming: .none)
            writer.finish()
            try flush(into: &output)
        } catch {
            if case .invalid = error {
                writeHeld(naming: .none)
                try? flush(into: &output)
            }
            throw error
        }
    }

    private mutating func addVillage(_ read: InputRecord, _ template: ResultTemplate) {
        if let village = read.village {
            let input = self.input
            summary.add(template, village: village) { input.villageName(village) }
        } else if let text = read.villageText {
            var bytes = text
            bytes.withUTF8 { village in summary.add(template, village: village) { text } }
        } else {
            summary.addWithoutVillage(template)
        }
    }

    mutating func tooLong(lines: Int) {
        defer { line.advance(by: lines) }
        let template = ResultTemplate.error(BatchRun.tooLongMessage(language), csv: writer is CSVWriter)
        summary.add(template)
        if writer.awaitsColumns, holds(template, carried: .none) { return }
        writer.beginLine(line, carried: .none)
        template.write(into: writer.out, paidOn: CivilDate(daysSince1970: 0), cover: nil)
        writer.endLine()
    }

    mutating func chunkDone(into output: inout any ByteSink) throws(BatchStop) {
        if writer.out.count >= BatchRun.chunkSize { try flush(into: &output) }
    }

    /// Hands what was written to `output`.
    mutating func flush(into output: inout any ByteSink) throws(BatchStop) {
        output.write(buffer: writer.out.bytes)
        writer.out.removeAll()
        if let code = output.writeError { throw .write(code) }
    }
}
