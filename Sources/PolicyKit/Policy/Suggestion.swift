/// "Did you mean …?" hints, shared by policy validation and the command line.
public enum Suggestion {
    /// The one candidate closest to `typed`, when it is close enough (at most a third of
    /// the typed length in characters, minimum 1, case ignored) and no other candidate is
    /// as close. Characters, not bytes: `北塔去` is one edit from `北塔区`.
    public static func closest(_ typed: String, among candidates: [String]) -> String? {
        let limit = max(1, typed.count / 3)
        let ranked = candidates.map { (candidate: $0, distance: editDistance(typed.lowercased(), $0.lowercased())) }
            .filter { $0.distance <= limit }
            .sorted { ($0.distance, $0.candidate) < ($1.distance, $1.candidate) }
        guard let best = ranked.first, ranked.dropFirst().first(where: { $0.candidate != best.candidate })?.distance != best.distance
        else { return nil }
        return best.candidate
    }

    /// `"; did you mean 'beita'?"` for the `closest` candidate, otherwise `""`. English:
    /// policy validation, whose readers maintain the data, uses it.
    public static func didYouMean(_ typed: String, among candidates: [String], prefix: String = "") -> String {
        closest(typed, among: candidates).map { "; did you mean '\(prefix)\($0)'?" } ?? ""
    }

    /// The hint for a value shown as `zh` in Chinese and `en` in English
    /// (`“北塔区”（beita）`, `'beita' (北塔区)`).
    public static func hint(zh: String, en: String) -> LocalizedText {
        LocalizedText(zh: "；您是否要输入\(zh)？", en: "; did you mean \(en)?")
    }

    /// Optimal string alignment distance: Levenshtein plus adjacent transpositions,
    /// so `qoute` → `quote` costs 1.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
