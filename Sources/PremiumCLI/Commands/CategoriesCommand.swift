import PolicyKit
import ResidentIO

/// `premium categories --region ID`: a region's hardship groups and their subsidies.
enum CategoriesCommand {
    static let options = QuoteCommand.residentOptions.filter { $0.name == "region" || $0.name == "year" } + QuoteCommand.outputOptions

    static let info = CommandInfo(
        name: "categories", summary: LocalizedText(zh: "列出某地区的困难群体类别：资助标准、资金来源、适用时间。",
                                                   en: "List a region's hardship groups: subsidy, who funds it, when it applies."),
        help: HelpPage(
            usage: "premium categories --region <region> [--year <yyyy>] [--json] [--lang zh|en]",
            overview: LocalizedText(
                zh: "列出某地区通知资助的困难群体：代码、中文名和别名、资助的文字说明和金额、资金来源、适用时间。",
                en: "List the hardship groups a region's notice subsidises: id, Chinese name and aliases, the subsidy in words and numbers, who funds it, and when it applies."),
            options: options,
            examples: ["premium categories --region beita", "premium categories --region 南城 --lang en", "premium categories --region zhuji --json"]),
        options: options)

    static func run(_ arguments: ArraySlice<String>, context: CommandContext) throws(CLIError) -> CommandResult {
        let (parsed, language) = try context.parse(arguments, options, command: "categories")
        let policy = try context.policy(parsed)
        let zh = language == .zh
        func when(_ category: Category) -> String {
            var parts: [String] = []
            if let period = category.paid {
                parts.append(zh ? "\(period.from)至\(period.to)期间缴费" : "payments from \(period.from) to \(period.to)")
                if !category.paidExemptAny.isEmpty {
                    let exempt = category.paidExemptAny.describe(in: policy)(language)
                    parts.append(zh ? "（\(exempt)的不受此限）" : " (not limited for: \(exempt))")
                }
            } else {
                parts.append(zh ? "全年缴费" : "any payment in the year")
            }
            if !category.conditionsAny.isEmpty {
                let wanted = category.conditionsAny.describe(in: policy)(language)
                parts.append(zh ? "；条件：\(wanted)" : "; only when: \(wanted)")
            }
            return parts.joined()
        }
        func funder(_ part: SubsidyPart) -> Funder { policy.funder(part.fundedBy)! }
        func assumptions(_ category: Category) -> [Assumption] {
            ([category.provenance.assumption, category.paidProvenance?.assumption] + category.parts.map(\.provenance.assumption)).compactMap { $0 }
        }
        func cite(_ provenance: Provenance) -> String { policy.document.reference + " " + provenance.clause }

        if parsed.flags.contains("json") {
            var json = JSONWriter(pretty: true)
            json.beginObject()
            json.key("categories")
            json.beginArray()
            for category in policy.categories {
                json.element()
                json.beginObject()
                json.key("aliases"); json.strings(category.aliases)
                json.key("applies"); json.string(when(category))
                json.key("assumptions")
                json.strings(assumptions(category).map { $0.text(language) })
                json.key("hardship"); json.bool(category.hardship)
                json.key("id"); json.string(category.id)
                json.key("name"); json.string(category.name(language))
                json.key("name_zh"); json.string(category.name.zh)
                json.key("note")
                if let note = category.note { json.string(note(language)) } else { json.null() }
                json.key("paid_from"); json.date(category.paid?.from)
                json.key("paid_to"); json.date(category.paid?.to)
                json.key("source"); json.string(cite(category.provenance))
                json.key("subsidy")
                json.beginArray()
                for part in category.parts {
                    json.element()
                    json.beginObject()
                    json.key("amounts")
                    json.beginArray()
                    for fee in policy.fees { json.element(); json.yuan(part.amount(against: fee.amount)) }
                    json.endArray()
                    json.key("description"); json.string(part.describe(against: policy.fees)(language))
                    json.key("funded_by"); json.string(part.fundedBy)
                    json.key("funder"); json.string(funder(part).name(language))
                    json.key("kind")
                    switch part.kind {
                    case .full: json.string("full")
                    case .fixed: json.string("fixed")
                    case .percent: json.string("percent")
                    }
                    json.key("source"); json.string(cite(part.provenance))
                    json.key("when"); json.string(part.timing.rawValue)
                    json.endObject()
                }
                json.endArray()
                json.endObject()
            }
            json.endArray()
            json.key("region"); json.string(policy.id)
            json.key("year"); json.int(policy.year)
            json.endObject()
            return CommandResult(output: json.text)
        }

        var text = zh ? "\(policy.name.zh) \(policy.year)年度资助对象\n" : "\(policy.name.en), \(policy.year): hardship groups\n"
        var notes = AssumptionNotes(language: language)
        text += zh ? "个人缴费：" : "Individual fee: "
        text += policy.fees.map { "\($0.name(language)) \($0.amount)" + (zh ? "元" : " yuan") }.joined(separator: zh ? "，" : ", ") + "\n"
        for category in policy.categories {
            text += "\n" + DisplayWidth.pad(category.id, to: 18) + category.name(language)
            if !category.aliases.isEmpty { text += (zh ? "（别名：" : " (also: ") + category.aliases.joined(separator: zh ? "、" : ", ") + (zh ? "）" : ")") }
            text += "\n"
            for part in category.parts {
                text += (zh ? "  资助：" : "  subsidy: ") + part.describe(against: policy.fees)(language)
                    + (zh ? "，由" : ", funded by ") + funder(part).name(language) + (zh ? "承担" : "") + "  [\(part.provenance.clause)]\n"
            }
            if category.parts.isEmpty {
                text += (zh ? "  资助：不享受资助" : "  subsidy: none") + "  [\(category.provenance.clause)]\n"
            } else {
                text += (zh ? "  适用：" : "  applies: ") + when(category) + "\n"
            }
            if let note = category.note { text += (zh ? "  说明：" : "  note: ") + note(language) + "\n" }
            if !assumptions(category).isEmpty { text += notes.marks(assumptions(category)) + "\n" }
        }
        text += "\n" + (zh ? "多重身份：" : "Several groups: ") + policy.severalCategories.note(language) + "  [\(policy.severalCategories.provenance.clause)]"
        if let assumption = policy.severalCategories.provenance.assumption { text += notes.marks([assumption]) }
        text += "\n" + (zh ? "依据：" : "Source: ") + policy.document.reference + "  " + policy.document.title + "\n"
        return CommandResult(output: text + notes.section)
    }
}
