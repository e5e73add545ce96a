import PolicyKit

/// `premium quote`: one resident's amount and cover dates.
enum QuoteCommand {
    /// The options that describe a resident; shared with `explain` and batch fields.
    static let residentOptions: [OptionSpec] = [
        .value("region", "region", "Region id or Chinese name: beita 北塔区, nancheng 南城, nanan 南安, dongzhi 东至, zhuji 朱集. Required."),
        .value("year", "yyyy", "Policy year (default: the region's latest notice)."),
        .repeated("category", "id", "Hardship group, id or Chinese name (e.g. dibao 低保); repeat for several. Default: none."),
        .value("paid-on", "yyyy-mm-dd", "Day of payment (default: inside the centralised window, and the output says so)."),
        .value("tier", "1|2", "Fee tier where the notice has two (nancheng 一档/二档). Default 1."),
        .value("born", "yyyy-mm-dd", "Date of birth: newborn rules and age conditions."),
        .value("school-entry", "yyyy-mm-dd", "College students: day of entering school (with --student)."),
        .value("left-employee-insurance", "yyyy-mm-dd", "Day employee-insurance contributions stopped (职工医保断保/转入)."),
        .value("recognized-on", "yyyy-mm-dd", "Day of recognition as a hardship group, for dynamic additions (动态新增/新认定)."),
    ] + Situation.allCases.map { .flag($0.rawValue, $0.meaning.en + " (" + $0.meaning.zh + ").") }

    static let outputOptions: [OptionSpec] = [
        .flag("json", "Print one JSON object (snake_case keys, amounts in yuan)."),
        .value("lang", "zh|en", "Language of text output and JSON messages (default zh)."),
        .value("policy-dir", "dir", "Read policy data from DIR instead of the built-in copy (also $PREMIUM_POLICY_DIR)."),
    ]

    static let options = residentOptions + outputOptions

    static let info = CommandInfo(name: "quote", summary: "One resident's amount and cover dates.", help: help, options: options)

    static let help = helpText(
        usage: "premium quote --region <region> [--category <id>]... [--paid-on <date>] [options]",
        overview: "How much a resident pays this year, and from which day he is covered.",
        options: options,
        examples: [
            "premium quote --region beita --category dibao",
            "premium quote --region 南城 --tier 2 --category 建档立卡 --json",
            "premium quote --region nanan --paid-on 2024-03-15 --lang en",
            "premium quote --region zhuji --paid-on 2023-05-10 --left-employee-insurance 2022-12-31",
            "premium quote --region dongzhi --born 2021-03-31 --paid-on 2021-06-30",
        ])

    /// For help that lists the situation flags: how each notice words a situation where
    /// it differs from the generic wording (nancheng's students are 在渝高校大学生 only).
    /// Read from the policy data when help is shown, never on the quote path.
    static func regionalWording(for info: CommandInfo, context: CommandContext) -> String {
        guard info.options.contains(where: { $0.name == Situation.student.rawValue }),
              let store = try? context.store(ParsedArguments()) else { return "" }
        var text = ""
        for situation in Situation.allCases {
            let wordings = store.policies.compactMap { policy in
                policy.situationNames[situation].map { "\(policy.id) \(policy.year): \($0.zh)" }
            }
            guard !wordings.isEmpty else { continue }
            text += "  --\(situation.rawValue)\n" + wordings.map { "      \($0)\n" }.joined()
        }
        return text.isEmpty ? "" : "\nAS EACH NOTICE WORDS THEM (各地通知的表述):\n" + text
    }

    /// Builds a request from parsed flags.
    static func request(from parsed: ParsedArguments) throws(CLIError) -> QuoteRequest {
        guard parsed.positionals.isEmpty else {
            throw .usage("unexpected argument '\(parsed.positionals[0])'")
        }
        var request = QuoteRequest()
        request.region = parsed.values["region"]
        request.year = parsed.values["year"]
        request.categories = (parsed.repeated["category"] ?? []).flatMap { $0.split(whereSeparator: { ",，;；".contains($0) }).map(String.init) }
        request.paidOn = parsed.values["paid-on"]
        request.tier = parsed.values["tier"]
        request.born = parsed.values["born"]
        request.schoolEntry = parsed.values["school-entry"]
        request.leftEmployeeInsurance = parsed.values["left-employee-insurance"]
        request.recognizedOn = parsed.values["recognized-on"]
        request.situations = Set(Situation.allCases.filter { parsed.flags.contains($0.rawValue) })
        return request
    }

    static func run(_ arguments: ArraySlice<String>, context: CommandContext) throws(CLIError) -> CommandResult {
        let parsed = try FlagParser(options: options).parse(arguments)
        let language = try context.language(parsed)
        let (policy, quote) = try compute(parsed, context: context)
        let output = parsed.flags.contains("json")
            ? QuoteJSON.render(quote, policy: policy, language: language)
            : QuoteText.render(quote, policy: policy, language: language)
        return CommandResult(output: output, status: quote.enrollable ? .success : .notEnrollable)
    }

    /// The quote the resident flags describe; shared with `explain`.
    static func compute(_ parsed: ParsedArguments, context: CommandContext) throws(CLIError) -> (policy: RegionPolicy, quote: Quote) {
        let request = try request(from: parsed)
        let store = try context.store(parsed, region: request.region)
        let (policy, resident, selection) = try request.resolve(in: store) { "--" + $0 }
        do {
            return (policy, try QuoteEngine(policy: policy, selection: selection).quote(resident))
        } catch {
            throw CLIError(error)
        }
    }
}
