import Foundation
import PolicyKit
@testable import PremiumCLI
@testable import PremiumBatch
@testable import ResidentIO
import Testing

/// Issue 12, item 4: strict, loud input.
struct StrictInputTests {
    func errors(_ input: String, _ arguments: [String] = []) throws -> [String?] {
        try jsonLines(runBatch(arguments, input: input).output).map { $0["error"] as? String }
    }

    @Test("truth values", arguments: [
        ("true", true), ("1", true), ("yes", true), ("是", true), ("√", true), ("TRUE", true),
        ("false", false), ("0", false), ("no", false), ("否", false), ("", false),
    ])
    func truthValues(text: String, value: Bool) {
        #expect(ResidentField.truth(text) == value)
    }

    @Test func anyOtherTruthValueIsAnErrorOnItsLine() throws {
        let json = #"{"region":"zhuji","migrant_worker":"y"}"# + "\n" + #"{"region":"zhuji","migrant_worker":2}"# + "\n"
            + #"{"region":"zhuji","migrant_worker":"是"}"# + "\n" + #"{"region":"zhuji","migrant_worker":1}"# + "\n"
            + #"{"region":"zhuji","migrant_worker":true}"# + "\n"
        let lines = try errors(json)
        #expect(lines[0]?.hasPrefix("invalid value 'y' for 'migrant_worker': use true/false") == true)
        #expect(lines[1] == "field 'migrant_worker' has the wrong type (a number)")
        #expect(lines[2...] == [nil, nil, nil])
        let csv = "region,migrant_worker\nzhuji,maybe\nzhuji,√\nzhuji,\n"
        let csvLines = try errors(csv, ["--input-format", "csv"])
        #expect(csvLines[0]?.hasPrefix("invalid value 'maybe' for 'migrant_worker'") == true)
        #expect(csvLines[1...] == [nil, nil])
    }

    @Test func keysAreComparedAfterUnescaping() throws {
        let lines = try jsonLines(runBatch([], input: #"{"c\u0061tegory":"dibao","region":"beita","n\u0061me":"x"}"# + "\n").output)
        #expect(lines[0]["payable"] as? Int == 195)
        #expect(lines[0]["name"] as? String == "x")
        #expect(try errors(#"{"region":"beita","r\u0065gion":"nanan"}"# + "\n") == ["field 'region' given twice"])
    }

    @Test func duplicateKeysAreErrors() throws {
        #expect(try errors(#"{"id":"a","region":"beita","id":"b"}"# + "\n") == ["field 'id' given twice"])
        #expect(try errors(#"{"id":"a","region":"beita","\u0069d":"b"}"# + "\n") == ["field 'id' given twice"])
        #expect(try errors(#"{"id":"a","idx":"b","region":"beita"}"# + "\n") == [nil])
    }

    @Test("an input field named like an output field ends the run", arguments: ["line", "payable", "error", "enrollable", "sources"])
    func outputNamesCannotBeInputs(name: String) {
        let json = runBatch([], input: #"{"region":"beita"}"# + "\n" + #"{"region":"beita","\#(name)":1}"# + "\n")
        #expect(json.status == .dataError)
        #expect(json.errors == "premium: error: line 2: input field '\(name)' is also a field batch writes; rename it\n")
        #expect(json.output.split(separator: "\n").count == 1)  // the line before still went out
        let csv = runBatch(["--input-format", "csv"], input: "region,\(name)\nbeita,1\n")
        #expect(csv.status == .dataError)
        #expect(csv.output.isEmpty)
        #expect(csv.errors == "premium: error: input column '\(name)' is also a column batch writes; rename it\n")
    }

    @Test("an empty flag value is a usage error", arguments: [["quote", "--category", ""], ["quote", "--region="], ["batch", "--summary-file", ""]])
    func emptyFlagValues(arguments: [String]) {
        let result = runCLI(arguments)
        #expect(result.status == .usage)
        #expect(result.errors.hasPrefix("premium: error: empty value for '--"))
    }

    @Test("carried numbers must be JSON numbers", arguments: ["01", "1.", ".5", "+1", "1e", "-", "1.5e+", "-01"])
    func invalidCarriedNumbers(number: String) throws {
        #expect(try errors(#"{"id":\#(number),"region":"beita"}"# + "\n") == ["invalid JSON value"])
    }

    @Test func validCarriedNumbersAreCarriedAsWritten() throws {
        let output = runBatch([], input: #"{"a":0,"b":-0.5e+3,"c":12E-2,"d":10,"region":"beita"}"# + "\n").output
        #expect(output.hasPrefix(#"{"line":1,"a":0,"b":-0.5e+3,"c":12E-2,"d":10,"#))
        #expect(try JSONSerialization.jsonObject(with: Data(output.utf8)) is [String: Any])
    }

    @Test func errorMessagesEscapeControlCharactersAndCutLongValues() throws {
        let escape = try errors(#"{"region":"be\u001b[31mita\nx"}"# + "\n")[0]!
        #expect(escape.hasPrefix(#"unknown region 'be\u{1B}[31mita\nx'"#))
        #expect(!escape.unicodeScalars.contains { $0.value < 0x20 })
        let long = try errors(#"{"region":""# + String(repeating: "长", count: 500) + "\"}\n")[0]!
        #expect(long.hasPrefix("unknown region '" + String(repeating: "长", count: 80) + "…'"))
        let cli = runCLI(["quote", "--region", "x\u{1B}]0;owned\u{7}\ny"])
        #expect(cli.errors.hasPrefix(#"premium: error: unknown region 'x\u{1B}]0;owned\u{7}\ny'"#))
        #expect(cli.errors.split(separator: "\n").count == 2)
    }
}
