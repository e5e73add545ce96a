import PolicyKit
import ResidentIO

/// `premium explain`: the quote's calculation step by step, each with its clause.
enum ExplainCommand {
    static let options = QuoteCommand.options

    static let info = CommandInfo(
        name: "explain", summary: LocalizedText(zh: "与 quote 相同，但列出计算的每一步及其依据条款。",
                                                en: "The same as quote, as the steps of the calculation with the clause of each."),
        help: HelpPage(
            usage: "premium explain --region <region> [--category <id>]... [--paid-on <date>] [options]",
            overview: LocalizedText(
                zh: "说明居民为什么缴这么多：按顺序列出计算步骤（缴费日期、参保途径、缴费标准和档次、加收、选用和未选用的资助、本次应缴、待遇起止），每步给出数值和所依据的通知条款，最后列出所作的全部假设。选项与 premium quote 相同。",
                en: "Show why a resident pays what he pays: the steps of the calculation in order (payment date, way of joining, fee and tier, surcharge, the subsidy chosen and those not chosen, what is paid now, cover start and end), each with its value and the clause of the notice it comes from, then every assumption made. Takes the same options as 'premium quote'."),
            options: options,
            examples: [
                "premium explain --region beita --category dibao",
                "premium explain --region 南城 --category 低保 --category 特困 --lang en",
                "premium explain --region nanan --paid-on 2024-03-15 --json",
            ],
            notes: [LocalizedText(zh: "退出状态：同 quote：0；1 该居民在该日期不能参保；64 用法错误；65 政策数据有误。",
                                  en: "EXIT STATUS: as for quote: 0; 1 when the resident cannot join on that date; 64 usage; 65 bad policy data.")]),
        options: options)

    static func run(_ arguments: ArraySlice<String>, context: CommandContext) throws(CLIError) -> CommandResult {
        let parsed = try FlagParser(options: options).parse(arguments)
        let language = try context.language(parsed)
        let (policy, quote) = try QuoteCommand.compute(parsed, context: context)
        let explanation = Explanation(quote: quote, policy: policy)
        let status: ExitCode = quote.enrollable ? .success : .notEnrollable
        func cite(_ clause: String) -> String { policy.document.reference + " " + clause }

        if parsed.flags.contains("json") {
            var json = JSONWriter(pretty: true, capacity: 8192)
            json.beginObject()
            json.key("assumptions"); json.strings(quote.assumptions.map { $0.text(language) })
            json.key("document"); json.string(policy.document.reference)
            json.key("quote")
            json.beginObject()
            QuoteJSON.write(quote, language: language, full: true, into: &json)
            json.endObject()
            json.key("steps")
            json.beginArray()
            for step in explanation.steps {
                json.element()
                json.beginObject()
                json.key("amount")
                if let amount = step.amount { json.yuan(amount) } else { json.null() }
                json.key("clauses"); json.strings(step.clauses)
                json.key("date"); json.date(step.date)
                json.key("label"); json.string(step.label(language))
                json.key("sources"); json.strings(step.clauses.map(cite))
                json.key("step"); json.string(step.id)
                json.key("value"); json.string(step.value(language))
                json.endObject()
            }
            json.endArray()
            json.endObject()
            return CommandResult(output: json.text, status: status)
        }

        let zh = language == .zh
        var text = zh
            ? "\(policy.name.zh) \(policy.year)年度城乡居民医保缴费计算过程\n\n"
            : "\(policy.name.en), \(policy.year): how the amount is worked out\n\n"
        let width = explanation.steps.map { DisplayWidth.of($0.label(language)) }.max()! + 2
        for (index, step) in explanation.steps.enumerated() {
            let number = (index + 1 < 10 ? " " : "") + "\(index + 1). "
            text += number + DisplayWidth.pad(step.label(language), to: width) + step.value(language)
            if !step.clauses.isEmpty { text += "  [" + step.clauses.joined(separator: zh ? "、" : ", ") + "]" }
            text += "\n"
        }
        if !quote.assumptions.isEmpty {
            text += "\n" + (zh ? "假设" : "Assumptions") + "\n" + quote.assumptions.map { "  - " + $0.text(language) + "\n" }.joined()
        }
        if !quote.notes.isEmpty {
            text += "\n" + (zh ? "说明" : "Notes") + "\n" + quote.notes.map { "  - " + $0(language) + "\n" }.joined()
        }
        text += "\n" + (zh ? "条款出自：" : "Clauses are from: ") + policy.document.reference + "  " + policy.document.title + "\n"
        return CommandResult(output: text, status: status)
    }
}
