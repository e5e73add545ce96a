import PolicyKit
import ResidentIO

/// `premium check`: validates policy data and lists every problem as
/// `FILE: at JSON.PATH: message`.
enum CheckCommand {
    static let options: [OptionSpec] = [
        .value("policy-dir", "dir", "Check the policy files below DIR (default: $PREMIUM_POLICY_DIR, else the built-in copy)."),
        .flag("json", "Print {\"files\": [...], \"notes\": [...], \"problems\": [{\"file\", \"path\", \"message\"}]}."),
    ]

    static let info = CommandInfo(
        name: "check",
        summary: "Validate policy data; list every problem as FILE: at PATH: message.",
        help: helpText(
            usage: "premium check [--policy-dir <dir>] [--json]",
            overview: "Validate policy data: every file, every problem, each as FILE: at JSON.PATH: message.",
            options: options,
            examples: [
                "premium check --policy-dir PolicyData",
                "premium check --policy-dir ~/next-year --json",
            ]) + """

            Checks: JSON syntax and duplicate keys; unknown keys (typos); dates that do not exist;
            amounts that are negative or not whole fen; values with no source; assumptions without
            a note in both languages; windows that end before they start, lie outside the policy
            year, or overlap a window for the same residents; a subsidy above the fee it reduces;
            stated totals that do not add up; categories, funders and routes referenced but not
            defined; the same id, name or alias used twice; a file not at <region>/<year>.json.
            Then it runs each notice's case file, <region>/<year>.cases.json, and prints every
            case whose answer differs:  zhuji/2023.cases.json: case "dibao-feb-28": payable 80, expected 50
            A policy file without a case file is counted in the summary, not as a problem.
            Collection targets: a village named twice, a task or population that is not a
            positive whole number, scoring bands with gaps. Village rows that do not add up to a
            total the notice states are a note, not a problem; both figures are kept as printed:
              nancheng/2021.json: at targets.villages: note: the 18 villages' tasks add up to 55202; …
            Every other command applies the same checks when it loads policy data.

            EXIT STATUS: 0 no problems (notes do not count); 65 problems found; 66 the directory does not exist.

            """,
        options: options)

    static func run(_ arguments: ArraySlice<String>, context: CommandContext) throws(CLIError) -> CommandResult {
        let parsed = try FlagParser(options: options).parse(arguments)
        guard parsed.positionals.isEmpty else { throw .usage("check takes no arguments; use --policy-dir <dir>") }
        let files: [(path: String, bytes: [UInt8])]
        do {
            files = try context.policyFiles(parsed)
        } catch {
            throw CLIError(error)
        }
        let report = PolicyCheck.report(files)
        let problems = report.problems
        let status: ExitCode = problems.isEmpty ? .success : .dataError
        guard !parsed.flags.contains("json") else {
            var json = JSONWriter(pretty: true)
            json.beginObject()
            json.key("cases"); json.int(report.cases)
            json.key("files"); json.strings(files.map(\.path))
            json.key("notes")
            json.beginArray()
            for note in report.notes {
                json.element()
                json.beginObject()
                json.key("file"); json.string(note.file)
                json.key("message"); json.string(note.message)
                json.key("path"); json.string(note.path)
                json.endObject()
            }
            json.endArray()
            json.key("problems")
            json.beginArray()
            for problem in problems {
                json.element()
                json.beginObject()
                if case .invalidData(let file, let path, let message) = problem {
                    json.key("file"); json.string(file)
                    json.key("message"); json.string(message)
                    json.key("path"); json.string(path)
                } else {
                    json.key("message"); json.string(problem.description)
                }
                json.endObject()
            }
            json.endArray()
            json.key("without_cases"); json.strings(report.withoutCases)
            json.endObject()
            return CommandResult(output: json.text, status: status)
        }
        var text = problems.map { Echo.line($0.description) + "\n" }.joined()
        text += report.notes.map { Echo.line($0.description) + "\n" }.joined()
        let without = report.withoutCases.isEmpty ? "" : " (\(report.withoutCases.count) without a case file)"
        let checked = "checked \(report.policyFiles) policy file(s)\(without) and \(report.cases) case(s) in \(report.caseFiles) case file(s)"
        let notes = report.notes.isEmpty ? "" : "; \(report.notes.count) note(s)"
        text += (problems.isEmpty ? checked + ": no problems" : checked + ": \(problems.count) problem(s)") + notes + "\n"
        return CommandResult(output: text, status: status)
    }
}
