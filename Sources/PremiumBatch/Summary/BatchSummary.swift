import PolicyKit
import ResidentIO

/// Exact totals (in fen) over a batch run.
public struct BatchSummary {
    var residents = 0
    var enrollable = 0
    public var errors = 0
    /// CSV rows that were blank or only separators: not residents, not priced.
    var skipped = 0
    var payable = 0
    var refundLater = 0
    var subsidyByFunder: [String: Int] = [:]
    var subsidyByCategory: [String: Int] = [:]
    var villages: [String: (residents: Int, payable: Int, subsidy: Int)] = [:]
    /// The encoding a CSV roster was read in (nil for JSON Lines, always UTF-8).
    public var encoding: String?

    /// Adds `times` records whose results have `tally`.
    mutating func add(_ tally: BatchTally, times: Int) {
        residents += times
        if tally.error { errors += times }
        if tally.enrollable { enrollable += times }
        payable += tally.payable * times
        refundLater += tally.refundLater * times
        for share in tally.subsidyByFunder { subsidyByFunder[share.funder, default: 0] += share.amount * times }
        if let category = tally.subsidyCategory { subsidyByCategory[category, default: 0] += tally.subsidyTotal * times }
    }

    public func json() -> String {
        var json = JSONWriter(pretty: true)
        func totals(_ map: [String: Int]) {
            json.beginObject()
            for key in map.keys.sorted() { json.key(escaping: key); json.yuan(Fen(rawValue: map[key]!)) }
            json.endObject()
        }
        json.beginObject()
        json.key("encoding")
        if let encoding { json.string(encoding) } else { json.null() }
        json.key("enrollable"); json.int(enrollable)
        json.key("errors"); json.int(errors)
        json.key("payable"); json.yuan(Fen(rawValue: payable))
        json.key("refund_later"); json.yuan(Fen(rawValue: refundLater))
        json.key("residents"); json.int(residents)
        json.key("skipped"); json.int(skipped)
        json.key("subsidy_by_category"); totals(subsidyByCategory)
        json.key("subsidy_by_funder"); totals(subsidyByFunder)
        if !villages.isEmpty {
            json.key("villages")
            json.beginObject()
            for name in villages.keys.sorted() {
                let row = villages[name]!
                json.key(escaping: name)
                json.beginObject()
                json.key("payable"); json.yuan(Fen(rawValue: row.payable))
                json.key("residents"); json.int(row.residents)
                json.key("subsidy"); json.yuan(Fen(rawValue: row.subsidy))
                json.endObject()
            }
            json.endObject()
        }
        json.endObject()
        return json.text
    }

    public func text(_ language: Language) -> String {
        let zh = language == .zh
        var text = zh
            ? "人数 \(residents)，可参保 \(enrollable)，错误 \(errors)，跳过空行 \(skipped)\n本次应缴合计 \(Fen(rawValue: payable)) 元，日后退还合计 \(Fen(rawValue: refundLater)) 元\n"
            : "residents \(residents), enrollable \(enrollable), errors \(errors), blank rows skipped \(skipped)\npayable now \(Fen(rawValue: payable)) yuan, refunded later \(Fen(rawValue: refundLater)) yuan\n"
        if let encoding, encoding != "UTF-8" {
            text += zh ? "输入文件编码 \(encoding)（不是 UTF-8，已按 \(encoding) 读取）\n" : "input read as \(encoding) (it is not UTF-8)\n"
        }
        text += zh ? "资助（按资金来源）\n" : "subsidy by funder\n"
        for key in subsidyByFunder.keys.sorted() { text += "  \(key)  \(Fen(rawValue: subsidyByFunder[key]!))\n" }
        text += zh ? "资助（按类别）\n" : "subsidy by category\n"
        for key in subsidyByCategory.keys.sorted() { text += "  \(key)  \(Fen(rawValue: subsidyByCategory[key]!))\n" }
        if !villages.isEmpty {
            text += zh ? "按村\n" : "by village\n"
            for name in villages.keys.sorted() {
                let row = villages[name]!
                text += "  \(name)  \(row.residents)  \(Fen(rawValue: row.payable))  \(Fen(rawValue: row.subsidy))\n"
            }
        }
        return text
    }
}
