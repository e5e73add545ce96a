@testable import Workbook
import Testing

struct DateFormatsTests {
    @Test("built-in ids", arguments: [
        (0, false), (1, false), (2, false), (9, false), (14, true), (15, true), (17, true), (20, true), (22, true),
        (31, true), (49, false), (45, true), (47, true), (57, true), (58, true), (59, false), (164, false),
    ])
    func builtIn(id: Int, isDate: Bool) {
        #expect(DateFormats.isDate(id: id, code: nil) == isDate)
    }

    @Test("custom codes", arguments: [
        ("yyyy-mm-dd", true), ("yyyy/m/d", true), ("d-mmm-yy", true), ("m/d/yy h:mm", true), ("h:mm:ss AM/PM", true),
        (#"yyyy"年"m"月"d"日""#, true), (#"[$-F800]dddd, mmmm dd, yyyy"#, true), ("[DBNum1][$-804]yyyy\"年\"m\"月\"d\"日\"", true),
        ("上午/下午h\"时\"mm\"分\"", true), ("mm:ss", true), ("yyyy-mm-dd;@", true),
        ("0.00", false), ("#,##0", false), ("General", false), ("@", false), ("0.00E+00", false), ("0%", false),
        ("[h]:mm:ss", false), ("[mm]:ss", false), (#"#,##0.00_);[Red](#,##0.00)"#, false), (#"0.00 "days""#, false),
        (#"[$¥-804]#,##0.00"#, false), (#"#,##0\ "m""#, false), (#"0_ ;[Red]\-0\ "#, false), ("", false),
    ])
    func custom(code: String, isDate: Bool) {
        #expect(DateFormats.isDate(code: code) == isDate)
    }

    @Test func aCustomCodeOverridesTheBuiltInMeaning() {
        #expect(DateFormats.isDate(id: 14, code: "0.00") == false)
        #expect(DateFormats.isDate(id: 2, code: "yyyy-mm-dd") == true)
    }
}
