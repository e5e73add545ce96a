import PolicyKit
import ResidentIO

/// A horizontal bar chart as inline SVG: one labelled bar a row, optionally against a
/// target marked by a vertical line (collection progress against a village's task).
struct BarChart {
    struct Bar {
        let label: String
        /// The bar's value, in any unit (fen, residents).
        let value: Int
        /// The value the target mark stands at, for progress bars.
        let target: Int?
        /// The text at the bar's end.
        let caption: String
    }

    var bars: [Bar] = []
    /// The chart's accessible title.
    let title: String

    private static let barWidth = 440, captionWidth = 210, rowHeight = 26

    /// Room for the longest label: about 7 pixels a terminal column at the chart's
    /// 13-pixel font (a Chinese character is two columns), between 80 and 320 pixels.
    private var labelWidth: Int {
        let columns = bars.map { DisplayWidth.of($0.label) }.max() ?? 0
        return min(320, max(80, columns * 7 + 16))
    }

    /// The chart as an `<svg>` element, with every text escaped.
    func svg() -> String {
        let width = labelWidth + BarChart.barWidth + BarChart.captionWidth
        let height = max(1, bars.count) * BarChart.rowHeight + 8
        // Progress bars share one scale in which the targets (each village's task) sit at
        // the same place, 80 % of the way along; others scale to the largest value.
        let progress = bars.contains { $0.target != nil }
        let largest = max(1, bars.map(\.value).max() ?? 1)
        var svg = "<svg class=\"chart\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(HTML.escape(title))\">"
        svg += "<title>\(HTML.escape(title))</title>"
        for (index, bar) in bars.enumerated() {
            let y = 4 + index * BarChart.rowHeight
            let x0 = labelWidth
            let length: Int
            if progress, let target = bar.target, target > 0 {
                // value / target × 80 % of the bar area, capped at the full area.
                length = min(BarChart.barWidth, bar.value * (BarChart.barWidth * 4 / 5) / target)
            } else {
                length = bar.value * BarChart.barWidth / largest
            }
            svg += "<text x=\"\(x0 - 8)\" y=\"\(y + 17)\" text-anchor=\"end\" class=\"label\">\(HTML.escape(bar.label))</text>"
            svg += "<rect x=\"\(x0)\" y=\"\(y + 3)\" width=\"\(BarChart.barWidth)\" height=\"18\" class=\"track\"/>"
            if length > 0 {
                let met = bar.target.map { bar.value >= $0 } ?? false
                svg += "<rect x=\"\(x0)\" y=\"\(y + 3)\" width=\"\(length)\" height=\"18\" class=\"\(met ? "bar met" : "bar")\"/>"
            }
            if progress, bar.target != nil {
                let mark = x0 + BarChart.barWidth * 4 / 5
                svg += "<line x1=\"\(mark)\" y1=\"\(y)\" x2=\"\(mark)\" y2=\"\(y + 24)\" class=\"target\"/>"
            }
            svg += "<text x=\"\(x0 + BarChart.barWidth + 8)\" y=\"\(y + 17)\" class=\"caption\">\(HTML.escape(bar.caption))</text>"
        }
        return svg + "</svg>"
    }
}
