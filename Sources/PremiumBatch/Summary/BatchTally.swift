import PolicyKit
import ResidentIO

/// What one result adds to the summary. Many records share a result, so the run counts
/// records per result and multiplies at the end.
struct BatchTally {
    /// A subsidy amount by funder id.
    struct Share {
        let funder: String
        let amount: Int
    }

    var error = false
    var enrollable = false
    var payable = 0
    var refundLater = 0
    var subsidyTotal = 0
    var subsidyCategory: String?
    var subsidyByFunder: [Share] = []
}
