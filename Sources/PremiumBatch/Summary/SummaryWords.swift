import PolicyKit

/// The labels of the summary, in both languages, shared by its text, CSV and HTML forms.
enum SummaryWords {
    static let residents = LocalizedText(zh: "居民（已计算）", en: "residents priced")
    static let enrollable = LocalizedText(zh: "可参保", en: "enrollable")
    static let refused = LocalizedText(zh: "不能参保", en: "refused")
    static let pricedShort = LocalizedText(zh: "已计算", en: "priced")
    static let feesShort = LocalizedText(zh: "个人缴费", en: "fees")
    static let subsidiesShort = LocalizedText(zh: "资助", en: "subsidies")
    static let fees = LocalizedText(zh: "个人缴费（资助前）", en: "individual fees (before subsidies)")
    static let subsidies = LocalizedText(zh: "资助合计", en: "subsidies")
    static let byFunder = LocalizedText(zh: "资助（按资金来源）", en: "subsidies by fund")
    static let byGroup = LocalizedText(zh: "资助（按类别）", en: "subsidies by group")
    static let funder = LocalizedText(zh: "资金来源", en: "fund")
    static let group = LocalizedText(zh: "类别", en: "group")
    static let heads = LocalizedText(zh: "人数", en: "residents")
    static let amount = LocalizedText(zh: "金额（元）", en: "yuan")
    static let surcharges = LocalizedText(zh: "补缴的财政部分", en: "late surcharges")
    static let payable = LocalizedText(zh: "本次应缴", en: "payable now")
    static let refundLater = LocalizedText(zh: "日后退还", en: "refunded later")
    static let fiscal = LocalizedText(zh: "财政补助（推算）", en: "fiscal subsidy implied")
    static let village = LocalizedText(zh: "村", en: "village")
    static let noVillage = LocalizedText(zh: "（未填村）", en: "(no village)")
    static let task = LocalizedText(zh: "任务数", en: "task")
    static let enrolled = LocalizedText(zh: "已参保", en: "enrolled")
    static let rate = LocalizedText(zh: "完成率", en: "rate")
    static let shortfall = LocalizedText(zh: "尚差", en: "shortfall")
    static let total = LocalizedText(zh: "合计", en: "total")
    static let assumption = LocalizedText(zh: "假设", en: "assumption")
    static let rejected = LocalizedText(zh: "出错", en: "rejected")
    static let skipped = LocalizedText(zh: "跳过空行", en: "blank rows skipped")
    static let read = LocalizedText(zh: "读取居民", en: "residents read")

    /// A rate in basis points as a percentage with two decimals: `87.65%`.
    static func percent(_ basisPoints: Int) -> String {
        let (whole, part) = basisPoints.quotientAndRemainder(dividingBy: 100)
        return "\(whole)." + (part < 10 ? "0" : "") + "\(part)%"
    }

    /// Points lost, with a minus sign unless none are: `−0.15`, `0`.
    static func lost(_ points: ScorePoints) -> String {
        points.hundredths == 0 ? "0" : "−\(points)"
    }

    /// The village's name as a row label.
    static func villageLabel(_ village: VillageSummary, _ language: Language) -> String {
        village.isUnnamed ? noVillage(language) : village.name
    }

    /// The scoring rule in words: full marks, then each band.
    static func scoringRule(_ scoring: ParticipationScoring, _ language: Language) -> String {
        let zh = language == .zh
        var parts = [zh ? "\(scoring.scored.zh)参保率\(scoring.fullMarksFrom)%及以上得满分\(scoring.points)分"
                        : "\(scoring.scored.en): full \(scoring.points) points from \(scoring.fullMarksFrom) %"]
        for band in scoring.deductions {
            if let from = band.fromPercent {
                parts.append(zh ? "\(from)%至\(band.belowPercent)%每低1个百分点扣\(band.perPoint)分"
                                : "\(band.perPoint) a point from \(band.belowPercent) % down to \(from) %")
            } else {
                parts.append(zh ? "\(band.belowPercent)%以下每低1个百分点扣\(band.perPoint)分"
                                : "\(band.perPoint) a point below \(band.belowPercent) %")
            }
        }
        return parts.joined(separator: zh ? "，" : "; ") + (zh ? "，扣完为止" : "; deductions stop at \(scoring.points)")
    }

    /// The task totals the notice states that its village rows do not add up to, one
    /// line per figure with every clause that states it (nancheng: 55761 in 一(一) and
    /// in 附表1 合计).
    static func discrepancies(_ targets: CollectionTargets) -> [LocalizedText] {
        guard let sum = targets.rowSum(.task) else { return [] }
        var figures: [(figure: Int, sources: [String])] = []
        for stated in targets.statedTotals(.task) where stated.figure != sum {
            if let index = figures.firstIndex(where: { $0.figure == stated.figure }) {
                figures[index].sources.append(stated.source)
            } else {
                figures.append((stated.figure, [stated.source]))
            }
        }
        return figures.map { figure, sources in
            let difference = figure - sum
            return LocalizedText(
                zh: "各村任务合计 \(sum)；通知所列 \(figure)（\(sources.joined(separator: "；"))）比各村合计\(difference > 0 ? "多" : "少") \(abs(difference))，均按原文保留",
                en: "the villages' tasks add up to \(sum); the notice states \(figure) (\(sources.joined(separator: "; "))), \(abs(difference)) \(difference > 0 ? "more" : "fewer") than the rows; both kept as printed")
        }
    }

    /// Why a participation rate cannot be read off a roster.
    static let rateNotMeasurable = LocalizedText(
        zh: "参保率的分母（应参保的常住人口）不在名册中，无法仅从名册算出；名册只给出可参保人数",
        en: "the rate's denominator (the resident population to be covered) is not in a roster, so the rate cannot be computed from a roster alone; the roster gives the number enrollable")
}
