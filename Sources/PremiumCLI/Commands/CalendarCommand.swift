import PolicyKit
import ResidentIO

/// `premium calendar --region ID`: the year's key dates and what paying then means.
enum CalendarCommand {
    static let options = CategoriesCommand.options

    static let info = CommandInfo(
        name: "calendar", summary: LocalizedText(zh: "某地区某年度的关键日期：缴费期、截止日、加收、待遇期。",
                                                 en: "A region-year's key dates: windows, cut-offs, surcharges, coverage."),
        help: HelpPage(
            usage: "premium calendar --region <region> [--year <yyyy>] [--json] [--lang zh|en]",
            overview: LocalizedText(
                zh: "按顺序列出某地区政策年度的关键日期：缴费期及延长期、资助和加收的截止日、待遇年度。每个缴费期给出：谁可以缴、缴多少、待遇从何时开始。",
                en: "The key dates of a region's policy year in order: payment windows and extensions, cut-offs for subsidies and surcharges, the coverage year. For each window: who may pay, what it costs, when cover starts."),
            options: options,
            examples: ["premium calendar --region nanan", "premium calendar --region 南城 --json"]),
        options: options)

    static func run(_ arguments: ArraySlice<String>, context: CommandContext) throws(CLIError) -> CommandResult {
        let (parsed, language) = try context.parse(arguments, options, command: "calendar")
        let policy = try context.policy(parsed)
        let calendar = PolicyCalendar(policy: policy)
        func cite(_ clause: String) -> String { policy.document.reference + " " + clause }

        if parsed.flags.contains("json") {
            var json = JSONWriter(pretty: true)
            json.beginObject()
            json.key("entries")
            json.beginArray()
            for entry in calendar.entries {
                json.element()
                json.beginObject()
                func text(_ key: StaticString, _ value: LocalizedText?) {
                    json.key(key)
                    if let value { json.string(value(language)) } else { json.null() }
                }
                text("amount", entry.amount)
                json.key("assumptions"); json.strings(entry.assumptions.map { $0.text(language) })
                text("cover", entry.cover)
                json.key("from"); json.date(entry.from)
                json.key("kind"); json.string(entry.kind.rawValue)
                text("name", entry.name)
                text("note", entry.note)
                json.key("route")
                if let route = entry.route { json.string(route) } else { json.null() }
                json.key("source"); json.string(cite(entry.clause))
                json.key("to"); json.date(entry.to)
                text("who", entry.who)
                json.endObject()
            }
            json.endArray()
            json.key("region"); json.string(policy.id)
            json.key("year"); json.int(policy.year)
            json.endObject()
            return CommandResult(output: json.text)
        }

        let zh = language == .zh
        var text = zh ? "\(policy.name.zh) \(policy.year)年度缴费日历\n" : "\(policy.name.en), \(policy.year): calendar\n"
        var notes = AssumptionNotes(language: language)
        for entry in calendar.entries {
            let dates = entry.from == entry.to ? entry.from.description
                : entry.kind == .surcharge ? (zh ? "\(entry.from) 起" : "from \(entry.from)")
                : (zh ? "\(entry.from) 至 \(entry.to)" : "\(entry.from) to \(entry.to)")
            text += "\n" + dates + "  " + entry.name(language) + "  [\(entry.clause)]\n"
            let rows: [(String, String, LocalizedText?)] = [
                (entry.kind == .window ? "谁可缴费" : "适用范围", entry.kind == .window ? "who" : "applies to", entry.kind == .window ? entry.who ?? LocalizedText(zh: "所有居民", en: "everyone") : entry.who),
                ("缴费金额", "pays", entry.amount),
                ("待遇开始", "cover", entry.cover),
                ("说明", "note", entry.note),
            ]
            for (label, english, value) in rows {
                guard let value else { continue }
                text += "  " + (zh ? label + "：" : english + ": ") + value(language) + "\n"
            }
            if !entry.assumptions.isEmpty { text += notes.marks(entry.assumptions) + "\n" }
        }
        return CommandResult(output: text + notes.section)
    }
}
