import PolicyKit

extension BatchSummary {
    /// The summary as one self-contained HTML page in `language`: inline CSS and SVG, no
    /// scripts, fonts or anything else fetched. Every figure's cell or row carries its
    /// exact value in a `data-` attribute (`data-fen` for amounts, `data-n` for counts),
    /// so a program can read the page back; every text from a roster or from policy data
    /// is escaped.
    public func html(_ language: Language) -> String {
        let zh = language == .zh
        typealias W = SummaryWords
        let title = zh ? "城乡居民基本医疗保险征缴汇总" : "Resident basic medical insurance: collection summary"
        var page = "<!DOCTYPE html>\n<html lang=\"\(zh ? "zh-CN" : "en")\">\n<head>\n<meta charset=\"utf-8\">\n"
        page += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        page += "<title>\(HTML.escape(title))</title>\n<style>\(HTMLReportStyle.css)</style>\n</head>\n<body>\n"
        page += "<h1>\(HTML.escape(title))</h1>\n"
        page += "<table class=\"figures\" data-scope=\"roster\">\n"
        page += HTMLReportStyle.countRow("records", W.read(language), records)
        page += HTMLReportStyle.countRow("priced", W.residents(language), priced)
        page += HTMLReportStyle.countRow("rejected", W.rejected(language), errors)
        page += HTMLReportStyle.countRow("skipped", W.skipped(language), skipped)
        if let encoding { page += "<tr data-k=\"encoding\"><th>\(zh ? "输入文件编码" : "input encoding")</th><td>\(HTML.escape(encoding))</td></tr>\n" }
        page += "</table>\n"
        if errors > 0 {
            page += "<p class=\"note\">" + HTML.escape(zh ? "出错的行不计入任何地区或村的人数和金额（其地区可能正是出错之处）。"
                                                        : "Rejected rows count in no region's or village's figures (their region may be what is wrong).") + "</p>\n"
        }
        if !rejectedByVillage.isEmpty {
            page += "<table class=\"list\" data-scope=\"rejected-by-village\">\n<tr><th>\(HTML.escape(W.village(language)))</th><th>\(HTML.escape(W.rejected(language)))</th></tr>\n"
            for row in rejectedByVillage {
                page += "<tr data-village=\"\(HTML.escape(row.village))\" data-n=\"\(row.rows)\"><td>\(HTML.escape(row.village))</td><td class=\"num\">\(row.rows)</td></tr>\n"
            }
            page += "</table>\n"
        }
        for region in regions { page += region.html(language) }
        page += "<footer>" + HTML.escape(zh ? "由 premium 生成；金额单位：元，按分精确计算。" : "Made by premium; amounts in yuan, exact to the fen.") + "</footer>\n"
        return page + "</body>\n</html>\n"
    }
}

extension RegionSummary {
    /// One region-year's section of the report.
    func html(_ language: Language) -> String {
        let zh = language == .zh
        typealias W = SummaryWords
        typealias S = HTMLReportStyle
        let t = totals
        var html = "<section class=\"region\" data-region=\"\(HTML.escape(policy.id))\" data-year=\"\(policy.year)\">\n"
        html += "<h2>\(HTML.escape(title(language))) <small>\(HTML.escape(policy.document.reference))</small></h2>\n"
        html += "<table class=\"figures\">\n"
        html += S.countRow("residents", W.residents(language), t.residents)
        html += S.countRow("enrollable", W.enrollable(language), t.enrollable)
        html += S.countRow("refused", W.refused(language), t.refusedTotal)
        for code in refusalOrder {
            html += "<tr class=\"sub\" data-k=\"refused\" data-code=\"\(HTML.escape(code))\" data-n=\"\(t.refused[code]!)\"><th>\(HTML.escape(Quote.Refusal.name(of: code)(language)))</th><td class=\"num\">\(t.refused[code]!)</td></tr>\n"
        }
        html += S.amountRow("individual_fees", W.fees(language), t.fees)
        html += S.amountRow("subsidies", W.subsidies(language), t.subsidies)
        html += S.amountRow("late_surcharges", W.surcharges(language), t.surcharges)
        html += S.amountRow("payable", W.payable(language), t.payable)
        html += S.amountRow("refund_later", W.refundLater(language), t.refundLater)
        html += S.amountRow("fiscal_subsidy", W.fiscal(language), fiscalSubsidy,
                            note: zh ? "可参保 \(t.enrollable) 人 × \(policy.fiscalSubsidy.amount) 元（\(policy.fiscalSubsidy.provenance.clause)）"
                                     : "\(t.enrollable) enrollable × \(policy.fiscalSubsidy.amount) (\(policy.fiscalSubsidy.provenance.clause))",
                            assumed: fiscalAssumption != nil)
        html += "</table>\n"
        if let assumption = fiscalAssumption {
            html += "<p class=\"assumption\"><b>\(HTML.escape(W.assumption(language)))</b> \(HTML.escape(assumption.text(language)))</p>\n"
        }

        if !t.subsidyByFunder.isEmpty {
            html += "<h3>\(HTML.escape(W.byFunder(language)))</h3>\n"
            var chart = BarChart(title: W.byFunder(language))
            for id in funderOrder {
                let share = t.subsidyByFunder[id]!
                chart.bars.append(.init(label: funderName(id, language), value: share.amount, target: nil,
                                        caption: "\(Fen(rawValue: share.amount)) · \(share.residents)\(zh ? " 人" : "")"))
            }
            html += chart.svg() + "\n"
            html += shareTable(t.subsidyByFunder, order: funderOrder, attribute: "data-funder", heading: W.funder(language),
                               name: { funderName($0, language) }, language)
        }
        if !t.subsidyByGroup.isEmpty {
            html += "<h3>\(HTML.escape(W.byGroup(language)))</h3>\n"
            html += shareTable(t.subsidyByGroup, order: groupOrder, attribute: "data-group", heading: W.group(language),
                               name: { groupName($0, language) }, language)
        }
        html += targetsHTML(language)
        if !villages.isEmpty {
            html += "<h3>\(HTML.escape(zh ? "按村：本次应缴" : "Payable now by village"))</h3>\n"
            var payable = BarChart(title: zh ? "按村：本次应缴" : "Payable now by village")
            for village in villages {
                payable.bars.append(.init(label: W.villageLabel(village, language), value: village.totals.payable, target: nil,
                                          caption: Fen(rawValue: village.totals.payable).description))
            }
            html += payable.svg() + "\n"
            let tasked = villages.filter { $0.target != nil }
            if !tasked.isEmpty {
                html += "<h3>\(HTML.escape(zh ? "按村：任务完成进度" : "Progress against each village's task"))</h3>\n"
                html += "<p class=\"note\">" + HTML.escape(zh ? "竖线为任务数（100%）；条长为可参保人数。" : "The line marks the task (100 %); the bar is the number enrollable.") + "</p>\n"
                var progress = BarChart(title: zh ? "按村：任务完成进度" : "Progress against each village's task")
                for village in tasked {
                    progress.bars.append(.init(label: village.name, value: village.enrolled, target: village.target!.task,
                                               caption: "\(village.enrolled) / \(village.target!.task) · \(W.percent(village.rateBasisPoints ?? 0))"))
                }
                html += progress.svg() + "\n"
            }
            html += villageTable(language)
        } else if let targets = policy.targets, !targets.villages.isEmpty {
            html += "<p class=\"note\">" + HTML.escape(zh ? "名册中本地区的居民没有填村，无法按村核对任务。" : "No resident of this region names a village: tasks cannot be checked by village.") + "</p>\n"
        }
        return html + "</section>\n"
    }

    private func shareTable(_ shares: [String: SummaryTotals.Share], order: [String], attribute: String, heading: String,
                            name: (String) -> String, _ language: Language) -> String {
        typealias W = SummaryWords
        var html = "<table class=\"list\">\n<tr><th>\(HTML.escape(heading))</th><th>\(HTML.escape(W.heads(language)))</th><th>\(HTML.escape(W.amount(language)))</th></tr>\n"
        for id in order {
            let share = shares[id]!
            html += "<tr \(attribute)=\"\(HTML.escape(id))\" data-n=\"\(share.residents)\" data-fen=\"\(share.amount)\"><td>\(HTML.escape(name(id)))</td>"
                + "<td class=\"num\">\(share.residents)</td><td class=\"num\">\(Fen(rawValue: share.amount))</td></tr>\n"
        }
        return html + "</table>\n"
    }

    private func villageTable(_ language: Language) -> String {
        typealias W = SummaryWords
        let headers = [W.village, W.pricedShort, W.enrolled, W.refused, W.feesShort, W.subsidiesShort, W.payable, W.refundLater, W.task, W.rate, W.shortfall]
        var html = "<table class=\"list villages\">\n<tr>" + headers.map { "<th>\(HTML.escape($0(language)))</th>" }.joined() + "</tr>\n"
        for village in villages {
            let v = village.totals
            html += "<tr data-village=\"\(HTML.escape(village.name))\" data-residents=\"\(v.residents)\" data-enrolled=\"\(village.enrolled)\""
                + " data-refused=\"\(v.refusedTotal)\" data-fen-fees=\"\(v.fees)\" data-fen-subsidies=\"\(v.subsidies)\""
                + " data-fen-payable=\"\(v.payable)\" data-fen-refund-later=\"\(v.refundLater)\""
                + (village.target.map { " data-task=\"\($0.task)\"" } ?? "")
                + (village.shortfall.map { " data-shortfall=\"\($0)\"" } ?? "") + ">"
            let cells = ["\(v.residents)", "\(village.enrolled)", "\(v.refusedTotal)", Fen(rawValue: v.fees).description,
                         Fen(rawValue: v.subsidies).description, Fen(rawValue: v.payable).description, Fen(rawValue: v.refundLater).description,
                         village.target.map { "\($0.task)" } ?? "–", village.rateBasisPoints.map(W.percent) ?? "–", village.shortfall.map { "\($0)" } ?? "–"]
            html += "<td>\(HTML.escape(W.villageLabel(village, language)))</td>" + cells.map { "<td class=\"num\">\(HTML.escape($0))</td>" }.joined() + "</tr>\n"
        }
        return html + "</table>\n"
    }

    private func targetsHTML(_ language: Language) -> String {
        guard let targets = policy.targets else { return "" }
        let zh = language == .zh
        var html = "<h3>\(HTML.escape(zh ? "征缴目标" : "Collection targets"))</h3>\n<ul class=\"targets\">\n"
        if let overall = targets.overall {
            let text = zh ? "任务（\(overall.provenance.clause)）：\(overall.residents) 人；名册可参保 \(totals.enrollable) 人，完成 \(SummaryWords.percent(overallRateBasisPoints ?? 0))，尚差 \(overallShortfall ?? 0) 人"
                          : "Task (\(overall.provenance.clause)): \(overall.residents); enrollable in the roster \(totals.enrollable), \(SummaryWords.percent(overallRateBasisPoints ?? 0)), short by \(overallShortfall ?? 0)"
            html += "<li data-k=\"task\" data-n=\"\(overall.residents)\" data-enrolled=\"\(totals.enrollable)\">\(HTML.escape(text))</li>\n"
        }
        for line in SummaryWords.discrepancies(targets) { html += "<li>\(HTML.escape(line(language)))</li>\n" }
        if let rate = targets.rate {
            let text = zh ? "目标参保率（\(rate.provenance.clause)）：\(rate.percent)%；\(SummaryWords.rateNotMeasurable.zh)"
                          : "Participation rate aimed at (\(rate.provenance.clause)): \(rate.percent) %; \(SummaryWords.rateNotMeasurable.en)"
            html += "<li>\(HTML.escape(text))</li>\n"
        }
        if let scoring = targets.scoring {
            html += "<li>\(HTML.escape((zh ? "考核（\(scoring.provenance.clause)）：" : "Scoring (\(scoring.provenance.clause)): ") + SummaryWords.scoringRule(scoring, language)))"
            html += "<table class=\"ladder\"><tr><th>\(HTML.escape(zh ? "参保率" : "rate"))</th>" + scoring.ladder.map { "<td>\($0.percent)%</td>" }.joined() + "</tr>"
            html += "<tr><th>\(HTML.escape(zh ? "扣分" : "deduction"))</th>" + scoring.ladder.map { "<td>\(SummaryWords.lost($0.deduction))</td>" }.joined() + "</tr></table>"
            if let assumption = scoring.provenance.assumption {
                html += "<p class=\"assumption\"><b>\(HTML.escape(SummaryWords.assumption(language)))</b> \(HTML.escape(assumption.text(language)))</p>"
            }
            html += "</li>\n"
        }
        return html + "</ul>\n"
    }
}
