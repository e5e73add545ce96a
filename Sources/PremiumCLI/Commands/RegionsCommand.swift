import PolicyKit
import ResidentIO

/// `premium regions`: every region with its names, place and the notices available.
enum RegionsCommand {
    static let options = QuoteCommand.outputOptions

    static let info = CommandInfo(
        name: "regions", summary: LocalizedText(zh: "列出地区：代码、中文名、省市、年度及其通知。",
                                                en: "List regions: id, Chinese name, province and city, years and their notices."),
        help: HelpPage(
            usage: "premium regions [--json] [--lang zh|en]",
            overview: LocalizedText(zh: "列出 premium 收录的地区、可用的年度和每个年度的通知。",
                                    en: "List the regions premium knows, with the years available and each year's notice."),
            options: options,
            examples: ["premium regions", "premium regions --json"]),
        options: options)

    static func run(_ arguments: ArraySlice<String>, context: CommandContext) throws(CLIError) -> CommandResult {
        let (parsed, language) = try context.parse(arguments, options, command: "regions")
        let store = try context.store(parsed)
        let groups = store.regionIDs.map { id in store.policies.filter { $0.id == id } }
        if parsed.flags.contains("json") {
            var json = JSONWriter(pretty: true)
            json.beginObject()
            json.key("regions")
            json.beginArray()
            for years in groups {
                let latest = years.last!
                json.element()
                json.beginObject()
                json.key("aliases"); json.strings(latest.aliases)
                json.key("city"); json.string(latest.city(language))
                json.key("id"); json.string(latest.id)
                json.key("name"); json.string(latest.name(language))
                json.key("name_zh"); json.string(latest.name.zh)
                json.key("province"); json.string(latest.province(language))
                json.key("years")
                json.beginArray()
                for policy in years {
                    json.element()
                    json.beginObject()
                    json.key("coverage_from"); json.date(policy.coverage.from)
                    json.key("coverage_to"); json.date(policy.coverage.to)
                    json.key("document"); json.string(policy.document.reference)
                    json.key("file"); json.string(policy.file)
                    json.key("issued"); json.date(policy.document.issued)
                    json.key("title"); json.string(policy.document.title)
                    json.key("year"); json.int(policy.year)
                    json.endObject()
                }
                json.endArray()
                json.endObject()
            }
            json.endArray()
            json.endObject()
            return CommandResult(output: json.text)
        }
        let zh = language == .zh
        var text = ""
        for years in groups {
            let latest = years.last!
            let place = zh ? "\(latest.province.zh)\(latest.city.zh)" : "\(latest.city.en), \(latest.province.en)"
            text += DisplayWidth.pad(latest.id, to: 10) + latest.name(language) + (zh ? "（\(place)）" : " (\(place))")
            if !latest.aliases.isEmpty { text += (zh ? "  别名：" : "  also: ") + latest.aliases.joined(separator: zh ? "、" : ", ") }
            text += "\n"
            for policy in years {
                let issued = policy.document.issued.map { zh ? "，\($0)印发" : ", issued \($0)" } ?? ""
                text += "  \(policy.year)  \(policy.document.reference)  \(policy.document.title)\(issued)\n"
            }
        }
        return CommandResult(output: text)
    }
}
