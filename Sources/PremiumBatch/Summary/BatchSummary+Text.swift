import PolicyKit
import ResidentIO

extension BatchSummary {
    /// The summary for a terminal, in `language`: the roster's rows, then each
    /// region-year's totals in labelled, aligned columns, its collection targets and
    /// its villages.
    public func text(_ language: Language) -> String {
        let zh = language == .zh
        typealias W = SummaryWords
        var text = zh
            ? "名册：读取居民 \(records) 人（已计算 \(priced)，出错 \(errors)），跳过空行 \(skipped)\n"
            : "roster: \(records) residents read (\(priced) priced, \(errors) rejected), \(skipped) blank rows skipped\n"
        if let encoding, encoding != "UTF-8" {
            text += zh ? "输入文件编码 \(encoding)（不是 UTF-8，已按 \(encoding) 读取）\n" : "input read as \(encoding) (it is not UTF-8)\n"
        }
        if errors > 0 {
            text += zh ? "出错的行不计入任何地区或村的人数和金额（其地区可能正是出错之处）\n"
                       : "rejected rows count in no region's or village's figures (their region may be what is wrong)\n"
        }
        if !rejectedByVillage.isEmpty {
            text += (zh ? "出错的行（按村）：" : "rejected rows by village: ")
                + rejectedByVillage.map { "\($0.village) \($0.rows)" }.joined(separator: zh ? "，" : ", ") + "\n"
        }
        for region in regions { text += "\n" + region.text(language) }
        return text
    }
}

extension RegionSummary {
    /// One region-year's part of the text summary.
    func text(_ language: Language) -> String {
        let zh = language == .zh
        typealias W = SummaryWords
        let t = totals
        var text = zh ? "== \(title(language))（\(policy.document.reference)）==\n" : "== \(title(language)) (\(policy.document.reference)) ==\n"
        var figures = TextTable(columns: 2)
        figures.add([W.residents(language), "\(t.residents)"])
        figures.add(["  " + W.enrollable(language), "\(t.enrollable)"])
        figures.add(["  " + W.refused(language), "\(t.refusedTotal)"])
        for code in refusalOrder { figures.add(["    " + Quote.Refusal.name(of: code)(language) + " (\(code))", "\(t.refused[code]!)"]) }
        figures.add([W.fees(language), Fen(rawValue: t.fees).description])
        figures.add([W.subsidies(language), Fen(rawValue: t.subsidies).description])
        figures.add([W.surcharges(language) + (zh ? "（\(t.surchargedResidents) 人）" : " (\(t.surchargedResidents) residents)"), Fen(rawValue: t.surcharges).description])
        figures.add([W.payable(language), Fen(rawValue: t.payable).description])
        figures.add([W.refundLater(language), Fen(rawValue: t.refundLater).description])
        figures.add([W.fiscal(language), Fen(rawValue: fiscalSubsidy).description])
        text += figures.render(indent: "")
        text += zh ? "  财政补助 = 可参保 \(t.enrollable) 人 × \(policy.fiscalSubsidy.amount) 元（\(policy.fiscalSubsidy.provenance.clause)）\n"
                   : "  fiscal subsidy = \(t.enrollable) enrollable × \(policy.fiscalSubsidy.amount) (\(policy.fiscalSubsidy.provenance.clause))\n"
        if let assumption = fiscalAssumption { text += "  " + W.assumption(language) + (zh ? "：" : ": ") + assumption.text(language) + "\n" }

        if !t.subsidyByFunder.isEmpty {
            var table = TextTable([W.byFunder(language), W.heads(language), W.amount(language)])
            for id in funderOrder {
                let share = t.subsidyByFunder[id]!
                table.add([funderName(id, language), "\(share.residents)", Fen(rawValue: share.amount).description])
            }
            text += "\n" + table.render(indent: "")
        }
        if !t.subsidyByGroup.isEmpty {
            var table = TextTable([W.byGroup(language), W.heads(language), W.amount(language)])
            for id in groupOrder {
                let share = t.subsidyByGroup[id]!
                table.add([groupName(id, language), "\(share.residents)", Fen(rawValue: share.amount).description])
            }
            text += "\n" + table.render(indent: "")
        }
        let targets = targetsText(language)
        if !targets.isEmpty { text += "\n" + targets }
        if !villages.isEmpty {
            var table = TextTable([W.village(language), W.pricedShort(language), W.enrolled(language), W.refused(language),
                                   W.feesShort(language), W.subsidiesShort(language), W.payable(language), W.refundLater(language),
                                   W.task(language), W.rate(language), W.shortfall(language)])
            for village in villages {
                let v = village.totals
                table.add([W.villageLabel(village, language), "\(v.residents)", "\(village.enrolled)", "\(v.refusedTotal)",
                           Fen(rawValue: v.fees).description, Fen(rawValue: v.subsidies).description,
                           Fen(rawValue: v.payable).description, Fen(rawValue: v.refundLater).description,
                           village.target.map { "\($0.task)" } ?? "-", village.rateBasisPoints.map(W.percent) ?? "-",
                           village.shortfall.map { "\($0)" } ?? "-"])
            }
            text += "\n" + table.render(indent: "")
            let respelled = villages.filter { !$0.spellings.isEmpty && $0.spellings != [$0.name] }
            if !respelled.isEmpty {
                text += (zh ? "  名册写法：" : "  roster spellings: ")
                    + respelled.map { "\($0.spellings.joined(separator: "/")) → \($0.name)" }.joined(separator: zh ? "，" : ", ") + "\n"
            }
        } else if let targets = policy.targets, !targets.villages.isEmpty {
            text += zh ? "  名册中本地区的居民没有填村，无法按村核对任务\n" : "  no resident of this region names a village: tasks cannot be checked by village\n"
        }
        return text
    }

    /// The overall task, the rate aimed at and the scoring, in words.
    private func targetsText(_ language: Language) -> String {
        guard let targets = policy.targets else { return "" }
        let zh = language == .zh
        var text = ""
        if let overall = targets.overall {
            text += zh ? "任务（\(overall.provenance.clause)）：\(overall.residents) 人，名册可参保 \(totals.enrollable) 人，完成 \(SummaryWords.percent(overallRateBasisPoints ?? 0))，尚差 \(overallShortfall ?? 0) 人\n"
                       : "task (\(overall.provenance.clause)): \(overall.residents), enrollable in the roster \(totals.enrollable), \(SummaryWords.percent(overallRateBasisPoints ?? 0)), short by \(overallShortfall ?? 0)\n"
        }
        for line in SummaryWords.discrepancies(targets) { text += "  " + line(language) + "\n" }
        if let rate = targets.rate {
            text += zh ? "目标参保率（\(rate.provenance.clause)）：\(rate.percent)%；\(SummaryWords.rateNotMeasurable.zh)\n"
                       : "participation rate aimed at (\(rate.provenance.clause)): \(rate.percent) %; \(SummaryWords.rateNotMeasurable.en)\n"
        }
        if let scoring = targets.scoring {
            text += (zh ? "考核（\(scoring.provenance.clause)）：" : "scoring (\(scoring.provenance.clause)): ") + SummaryWords.scoringRule(scoring, language) + "\n"
            let ladder = scoring.ladder.map { "\($0.percent)% \(SummaryWords.lost($0.deduction))" }
            text += (zh ? "  各参保率的扣分：" : "  deduction at each rate: ")
            for (index, step) in ladder.enumerated() {
                if index > 0, index % 8 == 0 { text += "\n    " } else if index > 0 { text += "  " }
                text += step
            }
            text += "\n"
            if let assumption = scoring.provenance.assumption {
                text += "  " + SummaryWords.assumption(language) + (zh ? "：" : ": ") + assumption.text(language) + "\n"
            }
        }
        return text
    }
}
