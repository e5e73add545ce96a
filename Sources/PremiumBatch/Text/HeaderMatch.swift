import PolicyKit

/// Compares a roster's column headers with the names premium knows, the way a clerk
/// means them rather than byte for byte.
///
/// Headers come from spreadsheets typed with a Chinese input method: full-width letters
/// (`ＣＡＴＥＧＯＲＹ`), ideographic spaces, a byte-order mark glued to the first header,
/// `Paid On` for `paid_on`. `normalized` removes those differences; `closest` then
/// finds the known name a misspelt header most likely means, for a "did you mean" hint.
enum HeaderMatch {
    /// The header with the differences that carry no meaning removed: surrounding white
    /// space (including U+3000) and byte-order marks; full-width ASCII (U+FF01–U+FF5E)
    /// made ASCII; lower case; and `-`, `_` and white space inside all made one `_`.
    ///
    ///     HeaderMatch.normalized("\u{FEFF} Paid-On ")  // "paid_on"
    ///     HeaderMatch.normalized("ＣＡＴＥＧＯＲＹ")     // "category"
    static func normalized(_ header: String) -> String {
        var scalars = String.UnicodeScalarView()
        var pendingSeparator = false
        for scalar in header.unicodeScalars where scalar != "\u{FEFF}" {
            let folded = (0xFF01...0xFF5E).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0xFEE0)! : scalar
            if folded == "-" || folded == "_" || folded.properties.isWhitespace {
                pendingSeparator = true
                continue
            }
            // A separator counts only between two other characters, so trimming is free.
            if pendingSeparator, !scalars.isEmpty { scalars.append("_") }
            pendingSeparator = false
            scalars.append(folded)
        }
        return String(scalars).lowercased()
    }

    /// The most edits a header of `length` characters may be from a known name and still
    /// be taken for a misspelling of it: none up to two characters, one for three and
    /// four (`北塔去` → `北塔区`), two from five on.
    ///
    /// Two-character headers must match exactly because rosters carry columns premium
    /// does not read that are one character from one it does: 性别 (sex) and 类别,
    /// 地址 (address) and 地区, 年龄 (age) and 年度. A hint there would mislead.
    static func limit(forLength length: Int) -> Int {
        switch length {
        case ..<3: 0
        case ..<5: 1
        default: 2
        }
    }

    /// The edits between two normalised headers, counted in Characters: insertions,
    /// deletions, substitutions and swaps of neighbours (`categroy` is one swap from
    /// `category`). This is `Suggestion.editDistance`, which `--region` hints use too.
    static func distance(_ a: String, _ b: String) -> Int {
        Suggestion.editDistance(a, b)
    }

    /// The one candidate `header` most likely means, or `nil` if none is close enough or
    /// two are equally close.
    ///
    /// A candidate equal to `header` after normalisation is its match (`paid-on`,
    /// `PAID_ON` → `paid_on`). Otherwise the nearest by `distance`, if within the
    /// `limit(forLength:)` of that candidate's normalised length: how far a name may be
    /// misspelt depends on the name.
    ///
    ///     HeaderMatch.closest(to: "categroy", among: ["category", "tier"])  // "category"
    ///     HeaderMatch.closest(to: "北塔去", among: ["北塔区", "南城"])          // "北塔区"
    ///
    /// - Returns: The candidate as given, not normalised.
    static func closest(to header: String, among candidates: [String]) -> String? {
        let typed = normalized(header)
        guard !typed.isEmpty else { return nil }
        var best: (candidate: String, distance: Int)?
        var tied = false
        for candidate in candidates {
            let known = normalized(candidate)
            if known == typed { return candidate }
            let distance = distance(typed, known)
            guard distance <= limit(forLength: known.count) else { continue }
            if let current = best, current.distance <= distance {
                if current.distance == distance, normalized(current.candidate) != known { tied = true }
                continue
            }
            best = (candidate, distance)
            tied = false
        }
        return tied ? nil : best?.candidate
    }
}
