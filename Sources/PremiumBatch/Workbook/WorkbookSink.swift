import PolicyKit
import ResidentIO
import Workbook

/// Batch's CSV output turned into a worksheet as it is written: the header row bold and
/// frozen, ID numbers and other carried columns as text cells (all 18 digits kept),
/// amounts as numbers with two decimals, dates as dates, counts as numbers.
///
/// The workbook is built in memory (the sheet XML, about 50 bytes a cell) and handed out
/// by `finish` once the run is over; an `.xlsx` cannot be streamed, its directory comes last.
struct WorkbookSink: ByteSink {
    private var sheet: SheetWriter
    private var pending: [UInt8] = []
    private var framing = CSVFraming()
    private var columns: [Kind]?
    private let language: Language

    /// What a column holds, from its place in batch's CSV header.
    private enum Kind { case count, text, amount, date }

    init(language: Language) {
        self.language = language
        sheet = SheetWriter(name: language == .zh ? "计算结果" : "results")
    }

    mutating func write(bytes: [UInt8]) {
        pending += bytes
        var start = 0
        pending.withUnsafeBufferPointer { buffer in
            while let record = framing.next(buffer, from: start, atEnd: false) {
                add(UnsafeBufferPointer(rebasing: buffer[start..<record.contentEnd]))
                start = record.next
            }
        }
        pending.removeFirst(start)
    }

    mutating func write(buffer: UnsafeRawBufferPointer) { write(bytes: Array(buffer)) }

    mutating func write(_ string: String) { write(bytes: Array(string.utf8)) }

    /// The workbook: the results sheet, then `summary` (one line of text a row) when given.
    mutating func finish(summary: String?) throws(BatchStop) -> [UInt8] {
        if !pending.isEmpty {
            pending.withUnsafeBufferPointer { buffer in
                if let record = framing.next(buffer, from: 0, atEnd: true) { add(UnsafeBufferPointer(rebasing: buffer[0..<record.contentEnd])) }
            }
            pending = []
        }
        var workbook = WorkbookWriter()
        workbook.add(sheet)
        if let summary {
            var totals = SheetWriter(name: language == .zh ? "汇总" : "summary", freezesHeader: false, columnWidths: [100])
            for line in summary.split(separator: "\n", omittingEmptySubsequences: false).dropLast() { totals.append([.text(String(line))]) }
            workbook.add(totals)
        }
        do { return try workbook.bytes() } catch {
            throw .invalid(LocalizedText(zh: "无法生成工作簿：\(error)", en: "cannot make the workbook: \(error)"))
        }
    }

    private mutating func add(_ record: UnsafeBufferPointer<UInt8>) {
        guard let cells = CSV.fields(record, 0..<record.count) else { return }
        guard let columns else {
            columns = WorkbookSink.kinds(count: cells.count)
            sheet.appendHeader(cells)
            return
        }
        sheet.append(cells.enumerated().map { index, cell in
            WorkbookSink.cell(cell, index < columns.count ? columns[index] : .text)
        })
    }

    /// Line number first, carried columns, then `BatchResult.csvColumns` in their order.
    private static func kinds(count: Int) -> [Kind] {
        let results = BatchResult.csvColumns.map { key -> Kind in
            switch key {
            case "year", "tier", "waiting_days": .count
            case "individual_fee", "fiscal_subsidy", "late_surcharge", "subsidy", "payable", "refund_later": .amount
            case "paid_on", "benefit_start", "benefit_end": .date
            default: .text
            }
        }
        let carried = max(0, count - 1 - results.count)
        return [.count] + Array(repeating: .text, count: carried) + results
    }

    private static func cell(_ text: String, _ kind: Kind) -> OutputCell {
        guard !text.isEmpty else { return .empty }
        switch kind {
        case .count:
            return Int(text) != nil ? .number(text) : .text(text)
        case .amount:
            guard let fen = Fen(yuanText: text) else { return .text(text) }
            return .amount(fen.description)
        case .date:
            guard let date = CivilDate(iso8601: text) else { return .text(text) }
            return .date(year: date.year, month: date.month, day: date.day)
        case .text:
            // The CSV's marks for Excel are not needed in a workbook's text cells: the tab
            // before an ID number, the `'` before a cell that would be a formula.
            var value = Substring(text)
            if value.first == "\t" { value = value.dropFirst() }
            if value.first == "'", let next = value.dropFirst().first, "=+-@\t\r".contains(next) { value = value.dropFirst() }
            return .text(String(value))
        }
    }
}
