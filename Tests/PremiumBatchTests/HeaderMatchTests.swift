@testable import PremiumBatch
import Testing

struct HeaderMatchTests {
    /// The batch keys and Chinese headers of `ResidentField` as of this writing, and an ID column.
    static let known = ["身份证号", "id_number", "name", "region", "year", "category", "categories", "paid_on", "tier", "born",
                        "school_entry", "left_employee_insurance", "recognized_on",
                        "地区", "区县", "年度", "人员类别", "类别", "资助类别", "缴费日期", "档次", "缴费档次", "出生日期", "入学日期", "认定日期"]

    @Test("normalises what carries no meaning", arguments: [
        ("paid_on", "paid_on"), ("paid-on", "paid_on"), ("Paid On", "paid_on"), ("PAID__ON", "paid_on"), ("paid - on", "paid_on"),
        ("  paid_on\t", "paid_on"), ("\u{FEFF}id_number", "id_number"), ("\u{3000}类别\u{3000}", "类别"), ("ＣＡＴＥＧＯＲＹ", "category"),
        ("ｐａｉｄ＿ｏｎ", "paid_on"), ("ｐａｉｄ－ｏｎ", "paid_on"), ("paid\u{3000}on", "paid_on"), ("_born_", "born"), ("", ""),
        ("--", ""), ("缴费日期（yyyy-mm-dd）", "缴费日期(yyyy_mm_dd)"), ("Tier２", "tier2"),
    ])
    func normalized(header: String, expected: String) {
        #expect(HeaderMatch.normalized(header) == expected)
    }

    @Test("suggests the name a header means", arguments: [
        ("categroy", "category"), ("paid-on", "paid_on"), ("ＣＡＴＥＧＯＲＹ", "category"), ("Category", "category"),
        ("catgory", "category"), ("categorys", "category"), ("categries", "categories"), ("paidon", "paid_on"), ("paid_no", "paid_on"),
        ("tire", "tier"), ("tiers", "tier"), ("brn", "born"), ("id_numbr", "id_number"), ("idnumber", "id_number"),
        ("school-entery", "school_entry"), ("left_employe_insurence", "left_employee_insurance"),
        ("人员类型", "人员类别"), ("缴费日其", "缴费日期"), ("出生日", "出生日期"), ("缴费档", "缴费档次"), ("身份证", "身份证号"), ("\u{3000}类别", "类别"),
    ])
    func suggests(header: String, expected: String) {
        #expect(HeaderMatch.closest(to: header, among: Self.known) == expected)
    }

    @Test func aChineseNameOneCharacterOff() {
        #expect(HeaderMatch.closest(to: "北塔去", among: ["北塔区", "南城区", "东至县"]) == "北塔区")
        #expect(HeaderMatch.closest(to: "北塔", among: ["北塔区", "南城区"]) == "北塔区")
    }

    @Test("suggests nothing for a header that is far from every name, or as near to two", arguments: [
        "address", "phone", "xyz", "", " ", "x", "缴费时间", "类型别名", "id_num", "categoryyyy",
        // Columns rosters really have, each one character from a known two-character header
        // (类别, 地区, 年度, 档次): two-character headers need an exact match.
        "性别", "地址", "年龄", "班次",
    ])
    func noSuggestion(header: String) {
        #expect(HeaderMatch.closest(to: header, among: Self.known) == nil)
    }

    @Test func equallyNearCandidatesGiveNoSuggestion() {
        #expect(HeaderMatch.closest(to: "barn", among: ["born", "burn"]) == nil)
        // Two spellings of one name are no tie.
        #expect(HeaderMatch.closest(to: "barn", among: ["born", "BORN"]) == "born")
        #expect(HeaderMatch.closest(to: "a", among: ["b"]) == nil)
        #expect(HeaderMatch.closest(to: "ab", among: ["ac"]) == nil)
        #expect(HeaderMatch.closest(to: "abc", among: ["abd"]) == "abd")
        #expect(HeaderMatch.closest(to: "anything", among: []) == nil)
    }

    @Test("the bound grows with the length", arguments: [(0, 0), (1, 0), (2, 0), (3, 1), (4, 1), (5, 2), (23, 2)])
    func limit(length: Int, edits: Int) {
        #expect(HeaderMatch.limit(forLength: length) == edits)
    }

    @Test func distanceCountsCharactersNotBytes() {
        #expect(HeaderMatch.distance("北塔去", "北塔区") == 1)
        #expect(HeaderMatch.distance("categroy", "category") == 1)
        #expect(HeaderMatch.distance("", "类别") == 2)
        #expect(HeaderMatch.distance("paid_on", "paid_on") == 0)
    }
}
