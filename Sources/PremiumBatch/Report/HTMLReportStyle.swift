import PolicyKit

/// The report's inline style sheet and its figure rows.
enum HTMLReportStyle {
    /// System fonts only: nothing is fetched.
    static let css = """
        body{font-family:"Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Zen Hei","Microsoft YaHei","PingFang SC",sans-serif;\
        margin:24px auto;padding:0 16px;max-width:1100px;color:#1f2933;background:#fff;line-height:1.45}
        h1{font-size:24px;border-bottom:3px solid #2f6f9f;padding-bottom:6px}
        h2{font-size:20px;margin-top:32px;color:#2f6f9f}h2 small{font-size:13px;color:#667}
        h3{font-size:16px;margin:20px 0 6px}
        table{border-collapse:collapse;margin:6px 0 10px}
        th,td{padding:3px 10px;border-bottom:1px solid #dde3ea;text-align:left;font-weight:normal}
        table.figures th{color:#445;min-width:220px}table.figures tr.sub th{padding-left:28px}
        table.list th{background:#eef3f8;font-weight:bold}
        td.num{text-align:right;font-variant-numeric:tabular-nums}
        tr.assumed td.num::after{content:" *";color:#b35c00}
        .assumption{color:#8a4b00;background:#fff6e8;padding:6px 10px;border-left:3px solid #e0a040;font-size:13px}
        .note{color:#556;font-size:13px}
        ul.targets li{margin:4px 0}
        table.ladder td,table.ladder th{padding:2px 6px;font-size:12px}
        svg.chart{display:block;margin:4px 0 8px}
        svg .label,svg .caption{font-size:13px;fill:#1f2933}
        svg .track{fill:#eef2f6}svg .bar{fill:#3b82b6}svg .bar.met{fill:#2e9e5b}
        svg .target{stroke:#c0392b;stroke-width:2}
        footer{margin-top:32px;color:#889;font-size:12px}
        """

    /// A count's row, its exact value in `data-n`.
    static func countRow(_ key: String, _ label: String, _ count: Int) -> String {
        "<tr data-k=\"\(key)\" data-n=\"\(count)\"><th>\(HTML.escape(label))</th><td class=\"num\">\(count)</td></tr>\n"
    }

    /// An amount's row, its exact value in fen in `data-fen`; marked when it rests on an
    /// assumption.
    static func amountRow(_ key: String, _ label: String, _ fen: Int, note: String? = nil, assumed: Bool = false) -> String {
        "<tr data-k=\"\(key)\" data-fen=\"\(fen)\"\(assumed ? " class=\"assumed\" data-assumed=\"true\"" : "")><th>\(HTML.escape(label))</th>"
            + "<td class=\"num\">\(Fen(rawValue: fen))</td>" + (note.map { "<td class=\"note\">\(HTML.escape($0))</td>" } ?? "") + "</tr>\n"
    }
}
