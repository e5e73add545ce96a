import PolicyKit
import ResidentIO

/// What one result adds to the summary. Many records share a result, so the run counts
/// records per result and multiplies at the end.
struct BatchTally: Hashable {
    /// A subsidy amount by funder id (one per funder: a group's parts from one funder
    /// are added up, so that head-counts count each resident once).
    struct Share: Hashable {
        let funder: String
        let amount: Int
    }

    var error = false
    /// The number in the store of the policy the result was priced under; -1 for an
    /// error, whose region may itself be what is wrong.
    var policy: Int32 = -1
    var enrollable = false
    /// Why a resident cannot join (`Quote.Refusal.code`), when he cannot.
    var refusal: String?
    /// The individual fee before subsidies (enrollable residents only).
    var fee = 0
    /// The fiscal part a late payer pays himself.
    var surcharge = 0
    var payable = 0
    var refundLater = 0
    var subsidyTotal = 0
    var subsidyCategory: String?
    var subsidyByFunder: [Share] = []
}
