import PolicyKit
import ResidentIO

extension BatchSummary {
    /// The summary as one pretty JSON document with stable snake_case keys (sorted
    /// within each object); amounts in yuan as JSON numbers, exact to the fen; names in
    /// `language` beside the ids.
    public func json(_ language: Language) -> String {
        var json = JSONWriter(pretty: true)
        json.beginObject()
        json.key("encoding")
        if let encoding { json.string(encoding) } else { json.null() }
        json.key("priced"); json.int(priced)
        json.key("records"); json.int(records)
        json.key("regions")
        json.beginArray()
        for region in regions { json.element(); region.write(into: &json, language) }
        json.endArray()
        json.key("rejected"); json.int(errors)
        json.key("rejected_by_village")
        json.beginArray()
        for row in rejectedByVillage {
            json.element(); json.beginObject()
            json.key("rows"); json.int(row.rows)
            json.key("village"); json.string(row.village)
            json.endObject()
        }
        json.endArray()
        json.key("skipped"); json.int(skipped)
        json.endObject()
        return String(decoding: json.bytes, as: UTF8.self) + "\n"
    }
}

extension RegionSummary {
    fileprivate func write(into json: inout JSONWriter, _ language: Language) {
        json.beginObject()
        json.key("document"); json.string(policy.document.reference)
        json.key("fiscal_subsidy")
        json.beginObject()
        json.key("amount"); json.yuan(Fen(rawValue: fiscalSubsidy))
        json.key("assumption")
        if let assumption = fiscalAssumption { json.string(assumption.text(language)) } else { json.null() }
        json.key("residents"); json.int(totals.enrollable)
        json.key("source"); json.string(policy.fiscalSubsidy.provenance.clause)
        json.key("standard"); json.yuan(policy.fiscalSubsidy.amount)
        json.endObject()
        json.key("name"); json.string(policy.name(language))
        json.key("region"); json.string(policy.id)
        json.key("targets")
        if let targets = policy.targets { writeTargets(targets, into: &json, language) } else { json.null() }
        json.key("totals"); RegionSummary.write(totals, of: self, into: &json, language)
        json.key("villages")
        json.beginArray()
        for village in villages {
            json.element(); json.beginObject()
            json.key("enrolled"); json.int(village.enrolled)
            json.key("name"); json.string(village.name)
            json.key("rate_basis_points")
            if let rate = village.rateBasisPoints { json.int(rate) } else { json.null() }
            json.key("shortfall")
            if let shortfall = village.shortfall { json.int(shortfall) } else { json.null() }
            json.key("spellings"); json.strings(village.spellings)
            json.key("task")
            if let target = village.target {
                json.beginObject()
                json.key("population")
                if let population = target.population { json.int(population) } else { json.null() }
                json.key("residents"); json.int(target.task)
                json.key("source"); json.string(target.provenance.clause)
                json.endObject()
            } else {
                json.null()
            }
            json.key("totals"); RegionSummary.write(village.totals, of: self, into: &json, language)
            json.endObject()
        }
        json.endArray()
        json.key("year"); json.int(policy.year)
        json.endObject()
    }

    private func writeTargets(_ targets: CollectionTargets, into json: inout JSONWriter, _ language: Language) {
        json.beginObject()
        json.key("discrepancies")
        json.beginArray()
        for stated in targets.discrepancies {
            json.element(); json.beginObject()
            json.key("measure"); json.string(stated.measure.rawValue)
            json.key("rows_sum"); json.int(targets.rowSum(stated.measure) ?? 0)
            json.key("source"); json.string(stated.source)
            json.key("stated"); json.int(stated.figure)
            json.endObject()
        }
        json.endArray()
        json.key("rate")
        if let rate = targets.rate {
            json.beginObject()
            json.key("measurable"); json.bool(false)
            json.key("note"); json.string(SummaryWords.rateNotMeasurable(language))
            json.key("percent"); json.int(rate.percent)
            json.key("source"); json.string(rate.provenance.clause)
            json.endObject()
        } else {
            json.null()
        }
        json.key("scoring")
        if let scoring = targets.scoring {
            json.beginObject()
            json.key("assumption")
            if let assumption = scoring.provenance.assumption { json.string(assumption.text(language)) } else { json.null() }
            json.key("full_marks_from_percent"); json.int(scoring.fullMarksFrom)
            json.key("ladder")
            json.beginArray()
            for step in scoring.ladder {
                json.element(); json.beginObject()
                json.key("deduction"); json.yuan(Fen(rawValue: step.deduction.hundredths))
                json.key("percent"); json.int(step.percent)
                json.endObject()
            }
            json.endArray()
            json.key("points"); json.yuan(Fen(rawValue: scoring.points.hundredths))
            json.key("rule"); json.string(SummaryWords.scoringRule(scoring, language))
            json.key("source"); json.string(scoring.provenance.clause)
            json.endObject()
        } else {
            json.null()
        }
        json.key("task")
        if let overall = targets.overall {
            json.beginObject()
            json.key("enrolled"); json.int(totals.enrollable)
            json.key("rate_basis_points"); json.int(overallRateBasisPoints ?? 0)
            json.key("residents"); json.int(overall.residents)
            json.key("shortfall"); json.int(overallShortfall ?? 0)
            json.key("source"); json.string(overall.provenance.clause)
            json.endObject()
        } else {
            json.null()
        }
        json.key("villages_task_sum")
        if let sum = targets.rowSum(.task) { json.int(sum) } else { json.null() }
        json.endObject()
    }

    fileprivate static func write(_ totals: SummaryTotals, of region: RegionSummary, into json: inout JSONWriter, _ language: Language) {
        func shares(_ map: [String: SummaryTotals.Share], order: [String], idKey: StaticString, name: (String) -> String) {
            json.beginArray()
            for id in order {
                guard let share = map[id] else { continue }
                json.element(); json.beginObject()
                json.key("amount"); json.yuan(Fen(rawValue: share.amount))
                json.key(idKey); json.string(id)
                json.key("name"); json.string(name(id))
                json.key("residents"); json.int(share.residents)
                json.endObject()
            }
            json.endArray()
        }
        json.beginObject()
        json.key("enrollable"); json.int(totals.enrollable)
        json.key("individual_fees"); json.yuan(Fen(rawValue: totals.fees))
        json.key("late_surcharged_residents"); json.int(totals.surchargedResidents)
        json.key("late_surcharges"); json.yuan(Fen(rawValue: totals.surcharges))
        json.key("payable"); json.yuan(Fen(rawValue: totals.payable))
        json.key("refund_later"); json.yuan(Fen(rawValue: totals.refundLater))
        json.key("refused")
        json.beginArray()
        for code in totals.refused.keys.sorted() {
            json.element(); json.beginObject()
            json.key("code"); json.string(code)
            json.key("name"); json.string(Quote.Refusal.name(of: code)(language))
            json.key("residents"); json.int(totals.refused[code]!)
            json.endObject()
        }
        json.endArray()
        json.key("refused_total"); json.int(totals.refusedTotal)
        json.key("residents"); json.int(totals.residents)
        json.key("subsidies"); json.yuan(Fen(rawValue: totals.subsidies))
        json.key("subsidy_by_funder")
        let funders = region.policy.funders.map(\.id) + totals.subsidyByFunder.keys.filter { region.policy.funder($0) == nil }.sorted()
        shares(totals.subsidyByFunder, order: funders, idKey: "funder", name: { region.funderName($0, language) })
        json.key("subsidy_by_group")
        let groups = region.policy.categories.map(\.id) + totals.subsidyByGroup.keys.filter { !region.policy.hasCategory($0) }.sorted()
        shares(totals.subsidyByGroup, order: groups, idKey: "group", name: { region.groupName($0, language) })
        json.endObject()
    }
}
