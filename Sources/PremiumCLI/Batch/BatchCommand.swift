import PolicyKit
import ResidentIO
import PremiumBatch
import ResidentIO

/// `premium batch`: a roster in (JSON Lines or CSV), one result per record out, in
/// order, streaming in constant memory.
///
/// The command only wires `BatchRun` (PremiumBatch) to files, flags and exit statuses.
enum BatchCommand {
    static let options: [OptionSpec] = [
        .value("input-format", "jsonl|csv|xlsx", zh: "输入格式（默认：文件名以 .xlsx 结尾或文件是工作簿时为 xlsx，以 .csv 结尾时为 csv，否则为 jsonl）。工作簿读取第一个工作表，行号即表中的行号。CSV 第一行为表头（字段名或其中文表头：人员类别、缴费日期……）；一个单元格中的多个类别用“;”“；”“、”“|”或“,”分隔。",
               en: "Input format (default: xlsx for a file named *.xlsx or that is a workbook, csv for *.csv, else jsonl). A workbook's first sheet is read, numbered as in Excel. CSV has a header row (field names or their Chinese headers: 人员类别, 缴费日期 …); several categories in one cell separated by ';', '；', '、', '|' or ','."),
        .value("encoding", "utf-8|gb18030", zh: "CSV 名册的编码（默认：字节是 UTF-8 时为 UTF-8，否则为 GB18030，即涵盖中文版 Excel 保存的 GBK；有字节顺序标记时为 UTF-16，即 Excel 的“Unicode 文本”，以制表符分隔）。",
               en: "Encoding of a CSV roster (default: UTF-8 when the bytes are UTF-8, else GB18030, which covers GBK from Chinese Excel; UTF-16 by its byte-order mark, Excel's tab-separated \"Unicode text\")."),
        .repeated("carry", "column", zh: "原样保留一个表头看似拼错字段名的 CSV 列（否则运行会停止并提示“您是否要输入”）。",
                  en: "Carry a CSV column whose header looks like a misspelt field name (otherwise the run stops with a did-you-mean)."),
        .value("region", "region", zh: "没有地区的记录所用的地区。", en: "Region for records that have none."),
        .value("year", "yyyy", zh: "没有年度的记录所用的政策年度。", en: "Policy year for records that have none."),
        .value("output-format", "jsonl|csv|xlsx", zh: "输出格式（默认 jsonl；--output 以 .xlsx 结尾时为 xlsx）。CSV 和工作簿的表头与枚举值随 --lang：中文或英文。工作簿（xlsx）中身份证号为文本，金额为两位小数，日期为日期，表头冻结，第二个工作表为汇总。",
               en: "Output format (default jsonl; xlsx when --output ends in .xlsx). CSV and workbook headers and values follow --lang. In a workbook ID numbers are text, amounts have two decimals, dates are dates, the header is frozen, and a second sheet holds the summary."),
        .value("sheet", "name|n", zh: "读取工作簿（xlsx）的哪个工作表：名称或从 1 起的序号（默认第一个可见的工作表）。",
               en: "The worksheet of an .xlsx roster: its name or 1-based position (default: the first visible one)."),
        .flag("bom", zh: "CSV 输出以 UTF-8 字节顺序标记开头（便于 Excel 和 WPS 打开）。", en: "Start CSV output with a UTF-8 byte-order mark (for Excel and WPS)."),
        .flag("full", zh: "每条 JSON 结果中包含假设、备注和出处。", en: "Include assumptions, notes and sources in each JSON result."),
        .flag("summary", zh: "运行结束后输出汇总（到标准错误，或到 --summary-file）：每个地区年度分开，按资金来源、类别和村，含各村任务完成情况。",
              en: "Print totals after the run (to stderr, or to --summary-file): per region-year, by fund, group and village, with each village's progress against its task."),
        .value("output", "file", zh: "把结果写入 FILE；只有整个运行成功时才替换它。", en: "Write the results to FILE, replacing it only when the whole run succeeded."),
        .value("summary-file", "file", zh: "把汇总写入 FILE 而不是标准错误（隐含 --summary）。", en: "Write the summary to FILE instead of stderr (implies --summary)."),
        .value("summary-format", "text|json|csv", zh: "汇总格式（默认 text；json 和 csv 隐含 --summary）。", en: "Summary format (default text; json and csv imply --summary)."),
        .value("report", "file", zh: "把汇总写成一个 HTML 报告 FILE（自包含：表格和图表，不联网；只有整个运行成功时才替换它）。",
               en: "Write the summary as an HTML report to FILE (self-contained tables and charts, nothing fetched; replaced only when the whole run succeeded)."),
        .value("lang", "zh|en", zh: "结果中的提示信息、CSV 表头和汇总的语言（默认取自 LC_ALL/LC_MESSAGES/LANG，中文环境、C、POSIX 或未设置时为中文）。",
               en: "Language of messages in results, of CSV headers and of the summary (default from LC_ALL/LC_MESSAGES/LANG: Chinese for zh*, C, POSIX or none)."),
        .value("policy-dir", "dir", zh: "从 DIR 读取政策数据，而不用内置数据（也可用 $PREMIUM_POLICY_DIR）。",
               en: "Read policy data from DIR instead of the built-in copy (also $PREMIUM_POLICY_DIR)."),
    ]

    /// The record fields, from the field table.
    static let fieldsHelp: LocalizedText = {
        var values: [String] = [], situations: [String] = []
        for field in ResidentField.all {
            switch field.kind {
            case .categories: values.append(field.keys[0] + " (string) or " + field.keys[1] + " (array)")
            case .situation: situations.append(field.name)
            default: values.append(field.name)
            }
        }
        var headers: [String] = []
        for field in ResidentField.all where !field.headers.isEmpty { headers.append(field.name + " " + field.headers.joined(separator: "/")) }
        return LocalizedText(
            zh: "每条记录以字段给出 quote 的输入：" + values.joined(separator: ", ") + "，以及各种情形 " + situations.joined(separator: ", ")
                + "，取值为 " + ResidentField.truthWords.zh + "（留空为否，其他值都是错误）。CSV 表头可用中文：" + headers.joined(separator: "；")
                + "。其他字段（姓名、村……）原样带到输出；与输出字段同名的字段使整个运行出错。无法计算的记录得到 \"error\" 和它的 \"line\"，不会丢弃任何记录。超过 1 MiB 的行也是这样的错误。CSV 空行跳过并计数。",
            en: "Each record has the quote's inputs as fields: " + values.joined(separator: ", ")
                + ", and the situations " + situations.joined(separator: ", ") + ", each " + ResidentField.truthWords.en
                + " (empty is false; anything else is an error). CSV headers may be Chinese: " + headers.joined(separator: "; ")
                + ". Other fields (id, name, village …) are carried to the output unchanged; one named like an output field is an error for the run. A record"
                + " that cannot be priced gets \"error\" and its \"line\"; nothing is dropped. A line over 1 MiB is"
                + " such an error. CSV blank rows are skipped and counted.")
    }()

    static let help = HelpPage(
        usage: "premium batch [FILE|-] [options]",
        overview: LocalizedText(zh: "计算整份名册：每位居民一个 JSON 对象（或一行 CSV）输入，按顺序每行输出一个结果。",
                                en: "Price a whole roster: one JSON object (or CSV row) per resident in, one result per line out, in order."),
        options: options,
        examples: [
            "premium batch --output results.jsonl < roster.jsonl",
            "premium batch 名册.csv --output-format csv --bom > 结果.csv",
            "premium batch --summary --summary-format json < roster.jsonl > results.jsonl",
            "premium batch --input-format csv --summary --report 汇总.html < 名册.csv > 结果.jsonl",
        ],
        notes: [
            fieldsHelp,
            LocalizedText(
                zh: "使用 --output FILE 时，结果先写入 FILE 旁的临时文件，结束时改名覆盖 FILE；运行失败（退出状态 64、66、73、74）时原来的 FILE 保持不变。任何输出（标准输出、--output、--summary-file、--report）都不能是输入文件。",
                en: "With --output FILE the results go to a temporary file beside FILE, renamed over it at the end; a run that fails (exit 64, 66, 73, 74) leaves the old FILE as it was. No output (stdout, --output, --summary-file, --report) may be the input file."),
            LocalizedText(
                zh: "退出状态：0 每条记录都已计算（其中可能有不能参保的）；65 有记录出错；64 用法错误，或输出就是输入；66 输入文件不存在或是目录；73 无法创建输出文件；74 读写失败。",
                en: "EXIT STATUS: 0 every record priced (some may be enrollable: false); 65 some records had errors; 64 usage, or an output is the input; 66 the input file does not exist or is a directory; 73 an output file cannot be created; 74 a read or write failed."),
        ])

    static let info = CommandInfo(
        name: "batch", summary: LocalizedText(zh: "整份名册（JSON Lines 或 CSV）输入，每位居民输出一个结果。",
                                              en: "A whole roster (JSON Lines or CSV) in, one result per resident out."),
        help: help, options: options)

    static func run(
        _ arguments: ArraySlice<String>, context: CommandContext,
        input: inout some ByteSource, output: inout some ByteSink, errors: inout some TextOutputStream
    ) throws(CLIError) -> ExitCode {
        let parsed = try FlagParser(options: options).parse(arguments)
        if parsed.helpRequested { output.write(help.render(try context.language(parsed), width: context.width)); return .success }
        let language = try context.language(parsed)
        let inputFormat = try format(parsed, "input-format", file: parsed.positionals.first)
        let outputFormat = try format(parsed, "output-format", file: parsed.values["output"])
        let full = parsed.flags.contains("full")
        let summaryFormat = parsed.values["summary-format"] ?? "text"
        guard ["text", "json", "csv"].contains(summaryFormat) else {
            throw .usage(zh: "--summary-format 的值“\(summaryFormat)”无效：请用 text、json 或 csv", en: "invalid --summary-format '\(summaryFormat)': use text, json or csv")
        }
        guard parsed.positionals.count <= 1 else { throw .usage(zh: "batch 只接受一个输入文件，实际给出了\(parsed.positionals.count)个", en: "batch takes one input file; got \(parsed.positionals.count)") }
        let store = try context.store(parsed)
        let wantsSummary = parsed.flags.contains("summary") || parsed.values["summary-file"] != nil || parsed.values["summary-format"].map { $0 != "text" } == true
        let reportPath = parsed.values["report"]
        var options = BatchRun.Options()
        options.input = inputFormat
        options.output = outputFormat
        options.sheet = parsed.values["sheet"]
        options.language = language
        options.full = full
        options.bom = parsed.flags.contains("bom")
        options.villages = wantsSummary || reportPath != nil
        options.today = context.today
        options.region = parsed.values["region"]
        options.year = parsed.values["year"]
        options.carry = parsed.repeated["carry"] ?? []
        switch parsed.values["encoding"]?.lowercased() {
        case nil: options.encoding = .detect
        case "utf-8", "utf8": options.encoding = .utf8
        case "gb18030", "gbk", "gb2312": options.encoding = .gb18030
        case let other?: throw .usage(zh: "--encoding 的值“\(other)”无效：请用 utf-8 或 gb18030", en: "invalid --encoding '\(other)': use utf-8 or gb18030")
        }
        try checkDefaults(region: options.region, year: options.year, store: store, today: context.today)
        var runner = BatchRun(store: store, options: options)

        // The input, opened (not read) first so that no output can be the same file.
        var file: FileDescriptorSource?
        var inputName = FileName.standardInput
        if let path = parsed.positionals.first, path != "-" {
            switch FileDescriptorSource.open(path: path) {
            case .success(let opened): file = opened
            case .failure(let failure):
                let reason = systemMessage(failure.code)
                throw CLIError(zh: "无法打开输入文件“\(path)”：\(reason.zh)", en: "cannot open input file '\(path)': \(reason.en)", status: .noInput)
            }
            inputName = .path(path)
        }
        defer { file?.close() }
        for (first, second) in [("summary-file", "output"), ("report", "output"), ("report", "summary-file")] {
            if let one = parsed.values[first], let other = parsed.values[second],
               one == other || FileIdentity(path: one).map({ identity in FileIdentity(path: other)?.clobbers(identity) == true }) == true {
                throw .usage(zh: "--\(first) 和 --\(second) 是同一个文件“\(other)”", en: "--\(first) and --\(second) are the same file '\(other)'")
            }
        }
        try refuseSummaryOverResults(parsed, output: output)
        let source = file?.identity ?? input.identity
        if let source {
            guard !source.isDirectory else {
                throw CLIError(zh: "\(inputName.zh)是一个目录，不是名册", en: "\(inputName.en) is a directory, not a roster", status: .noInput)
            }
            try refuseClobbering(source, inputName: inputName, parsed: parsed, output: output)
        }

        /// Runs the roster into `sink`, then writes the summary.
        func run(into sink: inout some ByteSink, named outputName: FileName) throws(CLIError) {
            do throws(BatchStop) {
                if file != nil {
                    try runner.process(&file!, into: &sink)
                } else {
                    try runner.process(&input, into: &sink)
                }
            } catch {
                switch error {
                case .read(let code): throw .cannotRead(inputName, code)
                case .write(let code): throw .cannotWrite(outputName, code)
                case .invalid(let message): throw CLIError(message: message.map(Echo.message), status: .dataError)
                }
            }
            if let reportPath {
                var report = try AtomicOutputFile(path: reportPath)
                report.sink.write(runner.summary.html(language))
                do { try report.commit() } catch { report.abandon(); throw error }
            }
            guard wantsSummary else { return }
            let text = switch summaryFormat {
            case "json": runner.summary.json(language)
            case "csv": runner.summary.csv(language)
            default: runner.summary.text(language)
            }
            if let path = parsed.values["summary-file"] {
                try FileWriter.write(text, to: path)
            } else {
                errors.write(text)   // a failed write here is exit 74, by `PremiumCLI.finish`
            }
        }

        if let path = parsed.values["output"] {
            var target = try AtomicOutputFile(path: path)
            do {
                try run(into: &target.sink, named: .path(path))
                try target.commit()
            } catch {
                target.abandon()
                throw error
            }
        } else {
            try run(into: &output, named: .standardOutput)
        }
        return runner.summary.errors > 0 ? .dataError : .success
    }

    /// Refuses (exit 64, before anything is read) an output that is the input file:
    /// `--summary-file`, `--output`, or stdout itself when there is no `--output`.
    private static func refuseClobbering(_ source: FileIdentity, inputName: FileName, parsed: ParsedArguments,
                                         output: some ByteSink) throws(CLIError) {
        for name in ["summary-file", "report", "output"] {
            if let path = parsed.values[name], FileIdentity(path: path)?.clobbers(source) == true {
                throw .usage(zh: "--\(name) “\(path)”就是输入文件\(inputName.zh)，读取时会被覆盖",
                             en: "--\(name) '\(path)' is the input file \(inputName.en); it would be overwritten while it is read")
            }
        }
        if parsed.values["output"] == nil, output.identity?.clobbers(source) == true {
            throw .usage(zh: "标准输出就是输入文件\(inputName.zh)；请写到另一个文件，或使用 --output FILE",
                         en: "standard output is the input file \(inputName.en); write to another file or use --output FILE")
        }
    }

    /// Refuses (exit 64) a `--summary-file` or `--report` that is where the results go: standard
    /// output (`> out.jsonl --summary-file out.jsonl`, `/dev/stdout`) when there is no
    /// `--output`.
    private static func refuseSummaryOverResults(_ parsed: ParsedArguments, output: some ByteSink) throws(CLIError) {
        guard parsed.values["output"] == nil, let results = output.identity else { return }
        for name in ["summary-file", "report"] {
            guard let path = parsed.values[name], FileIdentity(path: path)?.clobbers(results) == true else { continue }
            throw .usage(zh: "--\(name) “\(path)”就是结果的去处（标准输出），会覆盖结果",
                         en: "--\(name) '\(path)' is where the results go (standard output); it would overwrite them")
        }
    }

    /// `--region` and `--year` are checked once, before any record: a region that does
    /// not exist is one usage error (exit 64), not an error on every line.
    private static func checkDefaults(region: String?, year: String?, store: PolicyStore, today: CivilDate) throws(CLIError) {
        if let region {
            var request = QuoteRequest()
            request.region = region
            request[.year] = year
            do { _ = try request.resolve(in: store, today: today, label: ResidentField.flagLabel) } catch { throw CLIError(error) }
        } else if let year, QuoteRequest.year(year) == nil {
            throw .usage(zh: "年度 --year 的值“\(year)”无效：应为年份，例如 2021", en: "invalid --year '\(year)': expected a year such as 2021")
        }
    }

    /// Whether `--input-format` or `--output-format` is CSV. Without the flag, a roster
    /// file named `*.csv`, `*.tsv` or `*.txt` (Excel's "Unicode text") is CSV: a clerk
    /// who saved one from Excel should not have to say so.
    private static func format(_ parsed: ParsedArguments, _ name: String, file: String?) throws(CLIError) -> BatchRun.Format {
        switch parsed.values[name]?.lowercased() ?? defaultFormat(file, sniff: name == "input-format") {
        case "jsonl", "json": return .jsonLines
        case "csv": return .csv
        case "xlsx": return .xlsx
        case let other:
            throw .usage(zh: "--\(name) 的值“\(other)”无效：请用 jsonl、csv 或 xlsx", en: "invalid --\(name) '\(other)': use jsonl, csv or xlsx")
        }
    }

    /// The format a file's name says (`*.xlsx`, `*.xls` → xlsx; `*.csv`, `*.tsv`, `*.txt` →
    /// csv), else, for an input, what its first bytes say (a zip or an old Excel file is a
    /// workbook), else JSON Lines.
    private static func defaultFormat(_ file: String?, sniff: Bool) -> String {
        guard let file, file != "-" else { return "jsonl" }
        let name = file.lowercased()
        if [".xlsx", ".xlsm", ".xls"].contains(where: name.hasSuffix) { return "xlsx" }
        if [".csv", ".tsv", ".txt"].contains(where: name.hasSuffix) { return "csv" }
        guard sniff, case .success(var source) = FileDescriptorSource.open(path: file) else { return "jsonl" }
        defer { source.close() }
        var head: [UInt8] = []
        _ = source.read(into: &head, count: 8)
        return BatchRun.isWorkbook(prefix: head) ? "xlsx" : "jsonl"
    }

}
