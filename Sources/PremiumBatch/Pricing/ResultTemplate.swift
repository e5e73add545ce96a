import ResidentIO
import PolicyKit

/// One result as it is written (the JSON members, or the CSV cells, of a record's
/// answer), with holes where the dates that differ between residents of one
/// `PricingKey` go: the payment date, and the cover dates and waiting days a route's
/// rule derives from it.
final class ResultTemplate {
    enum Hole: UInt8 {
        case paidOn, benefitStart, benefitEnd, waitingDays
    }

    /// The bytes without the holes' text.
    private let bytes: [UInt8]
    /// Where each hole's text goes in `bytes`, in order.
    private let holes: [(at: Int, hole: Hole)]
    /// The route whose rule fills the cover holes.
    let route: Route?
    /// The bytes the template holds, for the pricer's memory budget.
    var size: Int { bytes.count + 16 * holes.count + 128 }
    /// Whether a hole needs the route's cover dates.
    let needsCover: Bool
    /// The route's position in its policy, when a hole needs its cover dates.
    var routeIndex: Int?
    /// What the result adds to the summary.
    let tally: BatchTally
    /// The template's number, for counting residents per tally.
    var number: Int32 = -1

    /// What a template writes and counts: two templates of one shape are interchangeable.
    struct Shape: Hashable {
        let bytes: [UInt8]
        let holes: [Int]
        let routeIndex: Int?
        let tally: BatchTally

        /// The bytes hashed as one block (the synthesized hash feeds them one by one).
        func hash(into hasher: inout Hasher) {
            bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
            hasher.combine(holes)
            hasher.combine(routeIndex)
            hasher.combine(tally)
        }
    }

    var shape: Shape {
        Shape(bytes: bytes, holes: holes.map { $0.at << 2 | Int($0.hole.rawValue) }, routeIndex: routeIndex, tally: tally)
    }

    init(bytes: [UInt8], holes: [(at: Int, hole: Hole)], route: Route?, tally: BatchTally) {
        self.bytes = bytes
        self.holes = holes
        self.route = route
        self.tally = tally
        needsCover = holes.contains { $0.hole != .paidOn }
    }

    /// Writes the result for a resident paying on `paidOn` whose route's rule gives `cover`.
    @inline(__always)
    func write(into out: ByteBuffer, paidOn: CivilDate, cover: CoverDates?) {
        guard !holes.isEmpty else { return bytes.withUnsafeBytes { out.append($0) } }
        bytes.withUnsafeBytes { raw in
            var from = 0
            for (at, hole) in holes {
                out.append(UnsafeRawBufferPointer(rebasing: raw[from..<at]))
                // Tests, not a switch: a jump table's indirect branch was mispredicted
                // about once a record; these branches follow the template's holes.
                if hole == .paidOn {
                    out.append(date: paidOn)
                } else if hole == .benefitStart {
                    out.append(date: cover!.start!)
                } else if hole == .benefitEnd {
                    out.append(date: cover!.end)
                } else {
                    out.append(digits: cover!.waitingDays)
                }
                from = at
            }
            out.append(UnsafeRawBufferPointer(rebasing: raw[from...]))
        }
    }

    /// The template of `quote` rendered as `rendered`: the holes are cut out of the
    /// JSON members (`"paid_on":"…"` and the like) or out of the CSV cells.
    ///
    /// - Parameters:
    ///   - cover: the route's rule for the resident the quote is for.
    ///   - textHoles: the dates also cut out of the texts (a refusal's "2021-07-15缴费…,
    ///     待遇最早2021-09-14开始"), wherever their text appears outside the other holes:
    ///     the payment date, and the cover's start and end.
    static func make(_ quote: Quote, policy: RegionPolicy, cover: CoverDates?, csv: Bool, language: Language, full: Bool,
                     tally: BatchTally, textHoles: [Hole] = []) -> ResultTemplate {
        var wanted: [(Hole, String)] = [(.paidOn, quote.paidOn.description)]
        if let cover, let route = quote.route, quote.enrollable {
            if let start = quote.benefitStart, start == cover.start { wanted.append((.benefitStart, start.description)) }
            if let end = quote.benefitEnd, end == cover.end { wanted.append((.benefitEnd, end.description)) }
            if case .waitingMonths = route.benefitStart { wanted.append((.waitingDays, String(quote.waitingDays))) }
        }
        var bytes: [UInt8] = []
        var holes: [(at: Int, hole: Hole)] = []
        if csv {
            let cells = BatchResult.csvCells(quote, policy: policy, language: language)
            for (index, cell) in cells.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                if let hole = BatchResult.csvHole(column: index), wanted.contains(where: { $0.0 == hole }) {
                    holes.append((bytes.count, hole))
                } else {
                    bytes += cell.utf8
                }
            }
        } else {
            let buffer = ByteBuffer(capacity: 1024)
            var json = JSONWriter(pretty: false, into: buffer)
            QuoteJSON.write(quote, language: language, full: full, into: &json)
            let rendered = Array(buffer.bytes)
            // Where each hole's text is in the rendered bytes, then the bytes without them.
            var cuts: [(at: Int, count: Int, hole: Hole)] = []
            for (hole, text) in wanted {
                let prefix = Array(BatchResult.jsonKey(of: hole).utf8) + (hole == .waitingDays ? [] : [UInt8(ascii: "\"")])
                guard let at = find(prefix + Array(text.utf8), in: rendered) else { continue }
                cuts.append((at + prefix.count, text.utf8.count, hole))
            }
            var from = 0
            for cut in cuts.sorted(by: { $0.at < $1.at }) {
                bytes += rendered[from..<cut.at]
                holes.append((bytes.count, cut.hole))
                from = cut.at + cut.count
            }
            bytes += rendered[from...]
        }
        for hole in textHoles {
            let date: CivilDate? = switch hole {
            case .paidOn: quote.paidOn
            case .benefitStart: cover?.start
            case .benefitEnd: cover?.end
            case .waitingDays: nil
            }
            if let date { (bytes, holes) = cutting(Array(date.description.utf8), as: hole, from: bytes, holes: holes) }
        }
        return ResultTemplate(bytes: bytes, holes: holes, route: quote.route, tally: tally)
    }

    /// `bytes` with every occurrence of `text` that no hole splits cut out as `hole`.
    private static func cutting(_ text: [UInt8], as hole: Hole, from bytes: [UInt8],
                                holes: [(at: Int, hole: Hole)]) -> ([UInt8], [(at: Int, hole: Hole)]) {
        var kept: [UInt8] = [], made: [(at: Int, hole: Hole)] = []
        var next = 0, index = 0
        while index < bytes.count {
            while next < holes.count, holes[next].at == index { made.append((kept.count, holes[next].hole)); next += 1 }
            let end = index + text.count
            if end <= bytes.count, bytes[index..<end].elementsEqual(text),
               !holes.contains(where: { $0.at > index && $0.at < end }) {
                made.append((kept.count, hole))
                index = end
                continue
            }
            kept.append(bytes[index])
            index += 1
        }
        while next < holes.count { made.append((kept.count, holes[next].hole)); next += 1 }
        return (kept, made)
    }

    /// Whether two templates write the same bytes for every resident, and count alike.
    func writesLike(_ other: ResultTemplate) -> Bool { shape == other.shape }

    /// An error result, with no holes.
    static func error(_ message: String, csv: Bool) -> ResultTemplate {
        let buffer = ByteBuffer(capacity: 256)
        BatchResult.write(error: Echo.message(message), csv: csv, into: buffer)
        return ResultTemplate(bytes: Array(buffer.bytes), holes: [], route: nil, tally: BatchTally(error: true))
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start }
        }
        return nil
    }
}
