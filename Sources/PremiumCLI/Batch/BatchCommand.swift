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
        .value("input-format", "jsonl|csv", "Input format (default jsonl). CSV has a header row (field names or their Chinese headers: 人员类别, 缴费日期 …); several categories in one cell separated by ';', '；', '、', '|' or ','."),
        .value("encoding", "utf-8|gb18030", "Encoding of a CSV roster (default: UTF-8 when the bytes are UTF-8, else GB18030, which covers GBK from Chinese Excel; UTF-16 by its byte-order mark)."),
        .repeated("carry", "column", "Carry a CSV column whose header looks like a misspelt field name (otherwise the run stops with a did-you-mean)."),
        .value("region", "region", "Region for records that have none."),
        .value("year", "yyyy", "Policy year for records that have none."),
        .value("output-format", "jsonl|csv", "Output format (default jsonl)."),
        .flag("bom", "Start CSV output with a UTF-8 byte-order mark (for Excel and WPS)."),
        .flag("full", "Include assumptions, notes and sources in each JSON result."),
        .flag("summary", "Print totals after the run (to stderr, or to --summary-file)."),
        .value("output", "file", "Write the results to FILE, replacing it only when the whole run succeeded."),
        .value("summary-file", "file", "Write the summary to FILE instead of stderr (implies --summary)."),
        .value("summary-format", "text|json", "Summary format (default text)."),
        .value("lang", "zh|en", "Language of messages in results and of the text summary (default zh)."),
        .value("policy-dir", "dir", "Read policy data from DIR instead of the built-in copy (also $PREMIUM_POLICY_DIR)."),
    ]

    /// The record fields, from the field table.
    static let fieldsHelp: String = {
        var values: [String] = [], situations: [String] = []
        for field in ResidentField.all {
            switch field.kind {
            case .categories: values.append(field.keys[0] + " (string) or " + field.keys[1] + " (array)")
            case .situation: situations.append(field.name)
            default: values.append(field.name)
            }
        }
        return wrap("Each record has the quote's inputs as fields: " + values.joined(separator: ", ")
            + ", and the situations " + situations.joined(separator: ", ") + ", each " + ResidentField.truthWords
            + " (empty is false; anything else is an error). Other fields (id, name, village …) are carried"
            + " to the output unchanged; one named like an output field is an error for the run. A record"
            + " that cannot be priced gets \"error\" and its \"line\"; nothing is dropped. A line over 1 MiB is"
            + " such an error. CSV blank rows are skipped and counted.")
    }()

    /// Words wrapped at 92 columns, each line indented by 0, ending in a newline.
    private static func wrap(_ text: String) -> String {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty, line.count + 1 + word.count > 92 { lines.append(line); line = "" }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.joined(separator: "\n") + "\n"
    }

    static let help = helpText(
        usage: "premium batch [FILE|-] [options]",
        overview: "Price a whole roster: one JSON object (or CSV row) per resident in, one result per line out, in order.",
        options: options,
        examples: [
            "premium batch --output results.jsonl < roster.jsonl",
            "premium batch roster.csv --input-format csv --output-format csv --bom > results.csv",
            "premium batch --summary --summary-format json < roster.jsonl > results.jsonl",
        ]) + "\n" + fieldsHelp + """

        With --output FILE the results go to a temporary file beside FILE, renamed over it at the
        end; a run that fails (exit 64, 66, 73, 74) leaves the old FILE as it was. No output
        (stdout, --output, --summary-file) may be the input file.

        EXIT STATUS: 0 every record priced (some may be enrollable: false); 65 some records had
        errors; 64 usage, or an output is the input; 66 the input file does not exist or is a
        directory; 73 an output file cannot be created; 74 a read or write failed.

        """

    static let info = CommandInfo(
        name: "batch", summary: "A whole roster (JSON Lines or CSV) in, one result per resident out.",
        help: help, options: options)

    static func run(
        _ arguments: ArraySlice<String>, context: CommandContext,
        input: inout some ByteSource, output: inout some ByteSink, errors: inout some TextOutputStream
    ) throws(CLIError) -> ExitCode {
        let parsed = try FlagParser(options: options).parse(arguments)
        if parsed.helpRequested { output.write(help); return .success }
        let language = try context.language(parsed)
        let csvIn = try format(parsed, "input-format"), csvOut = try format(parsed, "output-format")
        let full = parsed.flags.contains("full")
        let summaryFormat = parsed.values["summary-format"] ?? "text"
        guard summaryFormat == "text" || summaryFormat == "json" else {
            throw .usage("invalid --summary-format '\(summaryFormat)': use text or json")
        }
        guard parsed.positionals.count <= 1 else { throw .usage("batch takes one input file; got \(parsed.positionals.count)") }
        let store = try context.store(parsed)
        let wantsSummary = parsed.flags.contains("summary") || parsed.values["summary-file"] != nil
        var options = BatchRun.Options()
        options.input = csvIn ? .csv : .jsonLines
        options.output = csvOut ? .csv : .jsonLines
        options.language = language
        options.full = full
        options.bom = parsed.flags.contains("bom")
        options.villages = wantsSummary
        options.today = context.today
        options.region = parsed.values["region"]
        options.year = parsed.values["year"]
        options.carry = parsed.repeated["carry"] ?? []
        switch parsed.values["encoding"]?.lowercased() {
        case nil: options.encoding = .detect
        case "utf-8", "utf8": options.encoding = .utf8
        case "gb18030", "gbk", "gb2312": options.encoding = .gb18030
        case let other?: throw .usage("invalid --encoding '\(other)': use utf-8 or gb18030")
        }
        var runner = BatchRun(store: store, options: options)

        // The input, opened (not read) first so that no output can be the same file.
        var file: FileDescriptorSource?
        var inputName = "standard input"
        if let path = parsed.positionals.first, path != "-" {
            switch FileDescriptorSource.open(path: path) {
            case .success(let opened): file = opened
            case .failure(let failure):
                throw CLIError(message: "cannot open input file '\(path)': \(systemMessage(failure.code))", status: .noInput)
            }
            inputName = "'\(path)'"
        }
        defer { file?.close() }
        if let summary = parsed.values["summary-file"], let results = parsed.values["output"],
           summary == results || FileIdentity(path: summary).map({ other in FileIdentity(path: results)?.clobbers(other) == true }) == true {
            throw .usage("--summary-file and --output are the same file '\(results)'")
        }
        try refuseSummaryOverResults(parsed, output: output)
        let source = file?.identity ?? input.identity
        if let source {
            guard !source.isDirectory else { throw CLIError(message: "\(inputName) is a directory, not a roster", status: .noInput) }
            try refuseClobbering(source, inputName: inputName, parsed: parsed, output: output)
        }

        /// Runs the roster into `sink`, then writes the summary.
        func run(into sink: inout some ByteSink, named outputName: String) throws(CLIError) {
            do throws(BatchStop) {
                if file != nil { try runner.process(&file!, into: &sink) } else { try runner.process(&input, into: &sink) }
            } catch {
                switch error {
                case .read(let code): throw .cannotRead(inputName, code)
                case .write(let code): throw .cannotWrite(outputName, code)
                case .invalid(let message): throw CLIError(message: message, status: .dataError)
                }
            }
            guard wantsSummary else { return }
            let text = summaryFormat == "json" ? runner.summary.json() : runner.summary.text(language)
            if let path = parsed.values["summary-file"] {
                try FileWriter.write(text, to: path)
            } else {
                errors.write(text)   // a failed write here is exit 74, by `PremiumCLI.finish`
            }
        }

        if let path = parsed.values["output"] {
            var target = try AtomicOutputFile(path: path)
            do {
                try run(into: &target.sink, named: "'\(path)'")
                try target.commit()
            } catch {
                target.abandon()
                throw error
            }
        } else {
            try run(into: &output, named: "standard output")
        }
        return runner.summary.errors > 0 ? .dataError : .success
    }

    /// Refuses (exit 64, before anything is read) an output that is the input file:
    /// `--summary-file`, `--output`, or stdout itself when there is no `--output`.
    private static func refuseClobbering(_ source: FileIdentity, inputName: String, parsed: ParsedArguments,
                                         output: some ByteSink) throws(CLIError) {
        for name in ["summary-file", "output"] {
            if let path = parsed.values[name], FileIdentity(path: path)?.clobbers(source) == true {
                throw .usage("--\(name) '\(path)' is the input file \(inputName); it would be overwritten while it is read")
            }
        }
        if parsed.values["output"] == nil, output.identity?.clobbers(source) == true {
            throw .usage("standard output is the input file \(inputName); write to another file or use --output FILE")
        }
    }

    /// Refuses (exit 64) a `--summary-file` that is where the results go: standard
    /// output (`> out.jsonl --summary-file out.jsonl`, `/dev/stdout`) when there is no
    /// `--output`.
    private static func refuseSummaryOverResults(_ parsed: ParsedArguments, output: some ByteSink) throws(CLIError) {
        guard parsed.values["output"] == nil, let path = parsed.values["summary-file"],
              let results = output.identity, FileIdentity(path: path)?.clobbers(results) == true else { return }
        throw .usage("--summary-file '\(path)' is where the results go (standard output); the summary would overwrite them")
    }

    private static func format(_ parsed: ParsedArguments, _ name: String) throws(CLIError) -> Bool {
        switch parsed.values[name] ?? "jsonl" {
        case "jsonl", "json": return false
        case "csv": return true
        case let other: throw .usage("invalid --\(name) '\(other)': use jsonl or csv")
        }
    }
}
