import PolicyKit
import Testing

struct ClerkDateTests {
    @Test("reads the ways clerks write a date", arguments: [
        ("2022-01-05", "2022-01-05"), ("2022-1-5", "2022-01-05"), ("2022/1/5", "2022-01-05"), ("2022/01/05", "2022-01-05"),
        ("2022.1.5", "2022-01-05"), ("20220105", "2022-01-05"), ("2022年1月5日", "2022-01-05"), ("2022年01月05日", "2022-01-05"),
        ("2022年1月5", "2022-01-05"), ("2022-12-31", "2022-12-31"), ("2024/2/29", "2024-02-29"), ("2000年2月29日", "2000-02-29"),
        ("  2022/1/5 ", "2022-01-05"), ("\t2022-1-5\r", "2022-01-05"), ("\u{3000}2022年1月5日\u{3000}", "2022-01-05"),
        ("２０２２／１／５", "2022-01-05"), ("２０２２－０１－０５", "2022-01-05"), ("２０２２．１．５", "2022-01-05"),
        ("２０２２年１月５日", "2022-01-05"), ("２０２２０１０５", "2022-01-05"), ("2022／1／5", "2022-01-05"),
        ("2022/1/5 0:00", "2022-01-05"), ("2022/1/5 00:00", "2022-01-05"), ("2022-01-05 00:00:00", "2022-01-05"),
        ("2022/1/5 0:00:00", "2022-01-05"), ("2022年1月5日 0:00", "2022-01-05"), (" 2022/1/5 0:00 ", "2022-01-05"),
        ("1900-03-01", "1900-03-01"), ("9999/12/31", "9999-12-31"),
    ])
    func reads(text: String, expected: String) {
        #expect(CivilDate(clerkText: text) == day(expected))
    }

    @Test("refuses what is no date or not only a date", arguments: [
        "", " ", "2022-02-30", "2022/2/29", "2100-02-29", "2022-13-01", "2022-0-10", "2022-1-0", "2022年2月30日", "20220230", "20221301",
        "22-1-5", "22/01/05", "220105", "2022105", "202201055", "02022-1-5", "0000-01-01", "00000101",
        "2022-001-05", "2022-1-005", "2022-1/5", "2022/1-5", "2022.1/5", "2022年1-5", "2022年1月", "2022-1", "2022/1/",
        "2022/1/5 12:00", "2022/1/5 0:01", "2022/1/5 0:00:01", "2022/1/5 0:0", "2022/1/5T00:00", "2022-01-05T00:00:00",
        "2022/1/5  0:00", "2022/1/5 0:00 AM", "2022/1/5x", "2022/1/5 日", "2022年1月5号", "2022年1月5日日", "x2022/1/5",
        "2022 / 1 / 5", "2022 年 1 月 5 日", "+2022-01-05", "-2022-01-05", "2022-+1-05", "2022_1_5", "2022 1 5", "2022-1-5-",
        "45000", "2022/1/5 0:00\n1",
    ])
    func refuses(text: String) {
        #expect(CivilDate(clerkText: text) == nil)
    }

    // Expected dates computed with Python: date(1899, 12, 30) + timedelta(serial) for
    // serials from 61, date(1899, 12, 31) + timedelta(serial) below 60.
    @Test("Excel serials in the 1900 date system", arguments: [
        (1, "1900-01-01"), (2, "1900-01-02"), (59, "1900-02-28"), (61, "1900-03-01"), (36526, "2000-01-01"),
        (43831, "2020-01-01"), (44566, "2022-01-05"), (45000, "2023-03-15"), (2_958_465, "9999-12-31"),
    ])
    func excelSerial(serial: Int, expected: String) {
        #expect(CivilDate(excelSerial: serial) == day(expected))
    }

    @Test("Excel's fictitious 1900-02-29 and serials outside its range are no dates", arguments: [60, 0, -1, 2_958_466, Int.max, Int.min])
    func noExcelSerial(serial: Int) {
        #expect(CivilDate(excelSerial: serial) == nil)
    }

    @Test("tells a cell holding a serial", arguments: [
        ("45000", 45000), (" 45000 ", 45000), ("45000.0", 45000), ("45000.00", 45000), ("1", 1), ("60", 60), ("2958465", 2_958_465), ("\t44566\u{3000}", 44566),
    ])
    func serialText(text: String, serial: Int) {
        #expect(CivilDate.excelSerial(in: text) == serial)
    }

    @Test("a cell that is no plain serial", arguments: [
        "", "0", "045000", "-45000", "+45000", "45000.", ".0", "45000.5", "45000.05", "4.5E+4", "2958466", "20220105", "99999999",
        "45 000", "45,000", "４５０００", "2022-01-05", "0x10",
    ])
    func noSerialText(text: String) {
        #expect(CivilDate.excelSerial(in: text) == nil)
    }

    @Test func aSerialAndTheDateTextAgree() throws {
        // A column Excel wrote half as dates and half as numbers reads the same.
        let serial = try #require(CivilDate.excelSerial(in: "44566"))
        #expect(CivilDate(excelSerial: serial) == CivilDate(clerkText: "2022/1/5 0:00"))
    }
}
