@testable import PremiumCLI
@testable import PremiumBatch
@testable import ResidentIO
import Testing

/// `BatchResult.isOutputKey` against the list of output keys.
struct BatchResultTests {
    @Test func isOutputKeyMatchesTheListForEveryKeyThatIsNotAnInputField() {
        for key in BatchResult.outputKeys + ["id", "name", "village", "lines", "payables", "note", "reasons", "x"] {
            let expected = BatchResult.outputKeys.contains(key) && RecordField.byName[Array(key.utf8)] == nil
            let found = Array(key.utf8).withUnsafeBufferPointer { BatchResult.isOutputKey($0) }
            #expect(found == expected, "\(key)")
        }
    }
}
