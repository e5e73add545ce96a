import PolicyKit

/// `premium batch`: a roster in (JSON Lines or CSV), one result per record out, in
/// order, streaming in constant memory.
///
/// Identical inputs give identical answers, so rendered results are reused from a
/// fixed-size cache keyed by the bytes of the known fields (`ResultCache`).
enum BatchCommand {
    static let options: [OptionSpec] = [
        .value("input-format", "jsonl|csv", "Input format (default jsonl). CSV has a header row; several categories in one cell separated by ';'."),
        .value("output-format", "jsonl|csv", "Output format (default jsonl)."),
        .flag("bom", "Start CSV output with a UTF-8 byte-order mark (for Excel and WPS)."),
        .flag("full", "Include assumptions, notes and sources in each JSON result."),
        .flag("summary", "Print totals after the run (to stderr, or to --summary-file)."),
        .value("summary-file", "file", "Write the summary to FILE instead of stderr (implies --summary)."),
        .value("summary-format", "text|json", "Summary format (default text)."),
        .value("lang", "zh|en", "Language of messages in results and of the text summary (default zh)."),
        .value("policy-dir", "dir", "Read policy data from DIR instead of the built-in copy (also $PREMIUM_POLICY_DIR)."),
    ]

    static let help = helpText(
        usage: "premium batch [FILE|-] [options]",
        overview: "Price a whole roster: one JSON object (or CSV row) per resident in, one result per line out, in order.",
        options: options,
        examples: [
            "premium batch roster.jsonl > results.jsonl",
            "premium batch roster.csv --input-format csv --output-format csv --bom > results.csv",
            "premium batch --summary --summary-format json < roster.jsonl > results.jsonl",
        ]) + """

        Each record has the quote's inputs as fields: region, year, category (string) or categories
        (array), paid_on, tier, born, school_entry, left_employee_insurance, recognized_on, and the
        situations as booleans (household, new_employment, special_case, student, new_student,
        migrant_worker, discharged_soldier, left_other_scheme, unborn, disabled, graduate). Other fields (id,
        name, village …) are carried to the output unchanged. A record that cannot be priced gets
        "error" and its "line"; nothing is dropped.

        EXIT STATUS: 0 every record priced (some may be enrollable: false); 65 some records had
        errors; 64 usage; 66 the input file does not exist.

        """

    static let info = CommandInfo(
        name: "batch", summary: "A whole roster (JSON Lines or CSV) in, one result per resident out.",
        help: help, options: options)

    /// Distinct summary tallies held before they are folded into the totals.
    static let tallyLimit = 1 << 16
    static let chunkSize = 1 << 16
    /// JSON Lines records scanned ahead so their cache entries are fetched together.
    static let stageSize = 16

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
        var runner = BatchRunner(store: store, language: language, full: full, csvIn: csvIn, csvOut: csvOut, bom: parsed.flags.contains("bom"))
        runner.wantVillages = parsed.flags.contains("summary") || parsed.values["summary-file"] != nil

        if let path = parsed.positionals.first, path != "-" {
            guard var file = FileDescriptorSource(path: path) else {
                throw CLIError(message: "cannot open input file '\(path)'", status: .noInput)
            }
            runner.process(&file, into: &output)
        } else {
            runner.process(&input, into: &output)
        }

        if parsed.flags.contains("summary") || parsed.values["summary-file"] != nil {
            let text = summaryFormat == "json" ? runner.summary.json() : runner.summary.text(language)
            if let path = parsed.values["summary-file"] {
                guard FileWriter.write(text, to: path) else {
                    throw CLIError(message: "cannot write summary file '\(path)'", status: .noInput)
                }
            } else {
                errors.write(text)
            }
        }
        return runner.summary.errors > 0 ? .dataError : .success
    }

    private static func format(_ parsed: ParsedArguments, _ name: String) throws(CLIError) -> Bool {
        switch parsed.values[name] ?? "jsonl" {
        case "jsonl", "json": return false
        case "csv": return true
        case let other: throw .usage("invalid --\(name) '\(other)': use jsonl or csv")
        }
    }
}
