import PolicyKit
import ResidentIO

extension BatchSummary {
    /// The summary as CSV, one figure a row (region, year, village, item, name,
    /// residents, yuan, note), for a spreadsheet to pivot: the roster's rows first, then
    /// each region-year's totals (village empty) and each village's. Headers and names
    /// in `language`; text cells neutralised against formulas like batch's CSV output.
    public func csv(_ language: Language) -> String {
        let zh = language == .zh
        typealias W = SummaryWords
        var text = (zh ? ["地区", "年度", "村", "项目", "名称", "人数", "金额（元）", "说明"]
                       : ["region", "year", "village", "item", "name", "residents", "yuan", "note"]).joined(separator: ",") + "\r\n"
        func row(_ region: RegionSummary?, _ village: String, _ item: LocalizedText, name: String = "", residents: Int? = nil,
                 fen: Int? = nil, note: String = "") {
            let cells = [region?.policy.name(language) ?? "", region.map { "\($0.policy.year)" } ?? "", village, item(language), name,
                         residents.map { "\($0)" } ?? "", fen.map { Fen(rawValue: $0).description } ?? "", note]
            text += cells.map(CSV.text).joined(separator: ",") + "\r\n"
        }
        row(nil, "", W.read, residents: records)
        row(nil, "", W.residents, residents: priced)
        row(nil, "", W.rejected, residents: errors)
        row(nil, "", W.skipped, residents: skipped)
        for rejected in rejectedByVillage { row(nil, rejected.village, W.rejected, residents: rejected.rows) }
        for region in regions {
            func totals(_ t: SummaryTotals, village: String) {
                row(region, village, W.residents, residents: t.residents)
                row(region, village, W.enrollable, residents: t.enrollable)
                row(region, village, W.refused, residents: t.refusedTotal)
                for code in t.refused.keys.sorted() {
                    row(region, village, W.refused, name: Quote.Refusal.name(of: code)(language), residents: t.refused[code]!, note: code)
                }
                row(region, village, W.fees, residents: t.enrollable, fen: t.fees)
                row(region, village, W.subsidies, fen: t.subsidies)
                for id in region.funderOrder.filter({ t.subsidyByFunder[$0] != nil }) + t.subsidyByFunder.keys.filter({ !region.funderOrder.contains($0) }).sorted() {
                    let share = t.subsidyByFunder[id]!
                    row(region, village, W.byFunder, name: region.funderName(id, language), residents: share.residents, fen: share.amount, note: id)
                }
                for id in region.groupOrder.filter({ t.subsidyByGroup[$0] != nil }) + t.subsidyByGroup.keys.filter({ !region.groupOrder.contains($0) }).sorted() {
                    let share = t.subsidyByGroup[id]!
                    row(region, village, W.byGroup, name: region.groupName(id, language), residents: share.residents, fen: share.amount, note: id)
                }
                row(region, village, W.surcharges, residents: t.surchargedResidents, fen: t.surcharges)
                row(region, village, W.payable, fen: t.payable)
                row(region, village, W.refundLater, fen: t.refundLater)
            }
            totals(region.totals, village: "")
            row(region, "", W.fiscal, residents: region.totals.enrollable, fen: region.fiscalSubsidy,
                note: region.fiscalAssumption.map { W.assumption(language) + (zh ? "：" : ": ") + $0.text(language) } ?? "")
            if let overall = region.policy.targets?.overall {
                row(region, "", W.task, residents: overall.residents, note: overall.provenance.clause)
                row(region, "", W.rate, name: W.percent(region.overallRateBasisPoints ?? 0), residents: region.totals.enrollable)
                row(region, "", W.shortfall, residents: region.overallShortfall ?? 0)
            }
            for village in region.villages {
                let label = W.villageLabel(village, language)
                totals(village.totals, village: label)
                if let target = village.target {
                    row(region, label, W.task, residents: target.task, note: target.provenance.clause)
                    row(region, label, W.rate, name: W.percent(village.rateBasisPoints ?? 0), residents: village.enrolled)
                    row(region, label, W.shortfall, residents: village.shortfall ?? 0)
                }
            }
        }
        return text
    }
}
