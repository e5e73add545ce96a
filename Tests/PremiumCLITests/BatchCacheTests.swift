import PolicyKit
@testable import PremiumCLI
import Testing

/// The batch result cache may forget anything at any time; answers must not change.
struct BatchCacheTests {
    /// Runs a batch through `BatchRunner` with the given cache.
    func run(_ input: String, cache: ResultCache, summary: Bool = false) throws -> (output: String, summary: BatchSummary) {
        let store = try PolicyStore(files: PolicyStore.embeddedFiles)
        var runner = BatchRunner(store: store, language: .zh, full: false, csvIn: false, csvOut: false, bom: false, cache: cache)
        runner.wantVillages = summary
        var source = MemorySource(Array(input.utf8))
        var output = ""
        try runner.process(&source, into: &output)
        return (output, runner.summary)
    }

    /// Many distinct residents, each several times, in an order that makes a small
    /// ring wrap again and again.
    static let roster: String = {
        var lines: [String] = []
        for round in 0..<4 {
            for day in 0..<150 {
                let paid = CivilDate(year: 2020, month: 9, day: 1)!.adding(days: day * 3 + round % 2)
                let category = ["dibao", "tekun", "jiandang"][day % 3]
                lines.append(#"{"id":"\#(round)-\#(day)","village":"村\#(day % 4)","region":"beita","year":2021,"category":"\#(category)","paid_on":"\#(paid)"}"#)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test func aTinyRingGivesTheSameLinesAndTotalsAsALargeOne() throws {
        let large = try run(Self.roster, cache: ResultCache(), summary: true)
        let tiny = try run(Self.roster, cache: ResultCache(ringBytes: 2_000, sets: 2), summary: true)
        let none = try run(Self.roster, cache: ResultCache(ringBytes: 64, sets: 1), summary: true)
        #expect(large.output.split(separator: "\n").count == 600)
        #expect(tiny.output == large.output)
        #expect(none.output == large.output)
        for other in [tiny.summary, none.summary] {
            #expect(other.residents == 600)
            #expect(other.payable == large.summary.payable)
            #expect(other.refundLater == large.summary.refundLater)
            #expect(other.subsidyByFunder == large.summary.subsidyByFunder)
            #expect(other.subsidyByCategory == large.summary.subsidyByCategory)
            #expect(other.villages.mapValues { [$0.residents, $0.payable, $0.subsidy] }
                    == large.summary.villages.mapValues { [$0.residents, $0.payable, $0.subsidy] })
        }
    }

    @Test func oneOffsPassThroughProbationAndRepeatsAreKept() {
        // 500 bytes: 300 protected, 200 probation; each entry below is 42 bytes.
        let cache = ResultCache(ringBytes: 500, sets: 8)
        func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
        func look(_ key: String) -> String? {
            bytes(key).withUnsafeBytes { raw in
                cache.lookup(raw, hash: ResultCache.hash(raw)).map { String(decoding: $0.value, as: UTF8.self) }
            }
        }
        func put(_ key: String, _ value: String = String(repeating: "x", count: 40)) {
            bytes(key).withUnsafeBytes { raw in
                bytes(value).withUnsafeBytes { cache.insert(raw, hash: ResultCache.hash(raw), value: $0, tally: 7) }
            }
        }
        put("ka", String(repeating: "a", count: 40))
        put("kb", String(repeating: "b", count: 40))
        #expect(look("ka") == String(repeating: "a", count: 40))   // seen again: moved to protected
        #expect(look("kc") == nil)
        for round in 0..<6 { put("o\(round)") }                   // one-offs wrap the probation ring
        #expect(look("kb") == nil)                                  // never seen again: overwritten
        #expect(look("ka") == String(repeating: "a", count: 40))   // still held in protected
        #expect(look("o5") != nil)
        cache.removeAll()
        #expect(look("ka") == nil)
        #expect(look("o5") == nil)
    }

    @Test func everyFieldNameIsRecognisedAndNothingElse() {
        for field in RecordField.allCases {
            let name = Array(field.name.utf8)
            #expect(name.withUnsafeBufferPointer { RecordField.named($0) } == field, "\(field.name)")
            let longer = name + [UInt8(ascii: "x")]
            #expect(longer.withUnsafeBufferPointer { RecordField.named($0) } == nil)
        }
        for other in ["id", "name", "village", "Region", "paid-on", ""] {
            #expect(Array(other.utf8).withUnsafeBufferPointer { RecordField.named($0) } == nil, "\(other)")
        }
    }
}
