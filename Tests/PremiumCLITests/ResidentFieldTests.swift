import Foundation
import PolicyKit
@testable import PremiumCLI
@testable import PremiumBatch
@testable import ResidentIO
import Testing

/// The field table is the one declaration of a quote's inputs: flags, batch keys, help
/// and completion all come from it.
struct ResidentFieldTests {
    @Test func everyFieldIsAFlagABatchKeyAndInTheHelp() throws {
        let quoteFlags = QuoteCommand.residentOptions.map(\.name)
        let completion = String(decoding: try runBinary(["completion", "bash"]).output, as: UTF8.self)
        for field in ResidentField.all {
            #expect(quoteFlags.contains(field.flag), "\(field.flag)")
            #expect(completion.contains("--" + field.flag), "completion lacks --\(field.flag)")
            for key in field.keys {
                #expect(RecordField.named(key)?.field.index == field.index, "\(key)")
                for language in Language.allCases {
                    #expect(BatchCommand.help.render(language, width: 80).contains(key), "batch help (\(language)) lacks \(key)")
                }
            }
        }
        #expect(ResidentField.all.map(\.index) == Array(ResidentField.all.indices))
        #expect(Set(ResidentField.all.flatMap(\.keys)).count == ResidentField.all.flatMap(\.keys).count, "a key names one field")
        // Every situation has its row.
        #expect(Situation.allCases.allSatisfy { situation in ResidentField.all.contains { $0.kind == .situation(situation) } })
    }

    /// Each field given as a flag and as a batch key gives the same answer.
    @Test func aFlagAndItsBatchKeyAgree() throws {
        let flags = ["--region", "beita", "--year", "2021", "--category", "dibao", "--paid-on", "2021-02-10",
                     "--born", "1990-05-01", "--household", "--json"]
        let quote = runCLI(["quote"] + flags)
        let record = #"{"region":"beita","year":2021,"category":"dibao","paid_on":"2021-02-10","born":"1990-05-01","household":true}"#
        let line = try #require(try jsonLines(runBatch([], input: record + "\n").output).first)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(quote.output.utf8)) as? [String: Any])
        #expect(line["payable"] as? Int == 195)
        #expect(object["payable"] as? Int == 195)
        #expect(line["benefit_start"] as? String == "2021-01-01")   // 二(二) a household in the extension
        #expect(object["benefit_start"] as? String == "2021-01-01")
    }

    @Test func keysAreMatchedByBytesOfTheirOwnLength() {
        for field in RecordField.allCases {
            let bytes = Array(field.name.utf8)
            #expect(bytes.withUnsafeBufferPointer { RecordField.named($0) } == field)
            let longer = bytes + [0x78]
            #expect(longer.withUnsafeBufferPointer { RecordField.named($0) } == nil)
        }
        let long = Array(repeating: UInt8(0x61), count: 200)
        #expect(long.withUnsafeBufferPointer { RecordField.named($0) } == nil)
    }
}
