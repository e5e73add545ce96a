import PolicyKit
import ResidentIO

/// A resident as the compiled pricer reads him: his dates, and his groups and situations
/// as small integers, so that a record is priced without building arrays, sets or strings.
/// A `Resident` is made from it only when the engine is asked (the first resident of a key).
///
/// The dates are packed into 32 bits each, so that the facts are a few words that move
/// in registers rather than a block copied with `memcpy` from reader to pricer.
struct ResidentFacts {
    var paidOn: CivilDate? {
        get { ResidentFacts.unpack(packed.0) }
        set { packed.0 = ResidentFacts.pack(newValue) }
    }
    var born: CivilDate? {
        get { ResidentFacts.unpack(packed.1) }
        set { packed.1 = ResidentFacts.pack(newValue) }
    }
    var schoolEntry: CivilDate? {
        get { ResidentFacts.unpack(packed.2) }
        set { packed.2 = ResidentFacts.pack(newValue) }
    }
    var leftEmployeeInsurance: CivilDate? {
        get { ResidentFacts.unpack(packed.3) }
        set { packed.3 = ResidentFacts.pack(newValue) }
    }
    var recognizedOn: CivilDate? {
        get { ResidentFacts.unpack(packed.4) }
        set { packed.4 = ResidentFacts.pack(newValue) }
    }
    /// The dates as `year << 9 | month << 5 | day` (`pack`), 0 for none: payment, birth,
    /// school entry, employee insurance stopped, recognition.
    private var packed: (UInt32, UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0, 0)
    var packedDates: (UInt32, UInt32, UInt32, UInt32, UInt32) { packed }
    /// Whether the payment date was given.
    var paidOnGiven: Bool { packed.0 != 0 }
    var tier: Int?
    /// Bit `i` set for `Situation.allCases[i]`.
    var situations: UInt32 = 0
    /// The groups in order, as their position in the policy's list plus one (0 for an id
    /// the policy does not have), a byte each; only the first `categoryCount` are set.
    var categories: UInt64 = 0
    var categoryCount = 0

    @inline(__always)
    static func pack(_ date: CivilDate?) -> UInt32 {
        guard let date else { return 0 }
        return UInt32(truncatingIfNeeded: date.year) << 9 | UInt32(truncatingIfNeeded: date.month) << 5
            | UInt32(truncatingIfNeeded: date.day)
    }

    @inline(__always)
    private static func unpack(_ packed: UInt32) -> CivilDate? {
        guard packed != 0 else { return nil }
        // Only checked dates are packed.
        return CivilDate(unchecked: Int(packed >> 9), Int((packed >> 5) & 15), Int(packed & 31))
    }

    /// Groups the facts hold, at most (more leave the key's range: the engine answers).
    static let categoryCapacity = 7

    init() {}

    /// The facts of `resident`, whose groups are numbered by `categoryIDs`.
    init(_ resident: Resident, categoryIDs: [String]) {
        paidOn = resident.paidOn
        tier = resident.tier
        born = resident.born
        schoolEntry = resident.schoolEntry
        leftEmployeeInsurance = resident.leftEmployeeInsurance
        recognizedOn = resident.recognizedOn
        for (bit, situation) in Situation.allCases.enumerated() where resident.situations.contains(situation) {
            situations |= 1 << UInt32(bit)
        }
        for id in resident.categories {
            add(category: categoryIDs.firstIndex(of: id).map { $0 + 1 } ?? 0)
        }
    }

    /// Appends a group by its number (position plus one).
    @inline(__always)
    mutating func add(category number: Int) {
        if categoryCount < ResidentFacts.categoryCapacity && number < 256 {
            categories |= UInt64(number) << UInt64(8 * categoryCount)
        }
        categoryCount += 1
    }

    /// Sets one of the dates.
    @inline(__always)
    mutating func set(_ date: CivilDate, as input: ResidentField.DateInput) {
        switch input {
        case .paidOn: paidOn = date
        case .born: born = date
        case .schoolEntry: schoolEntry = date
        case .leftEmployeeInsurance: leftEmployeeInsurance = date
        case .recognizedOn: recognizedOn = date
        }
    }

    mutating func insert(_ situation: Situation) {
        if let bit = Situation.allCases.firstIndex(of: situation) { situations |= 1 << UInt32(bit) }
    }

    /// The `Resident` these facts describe, with groups named by `categoryIDs`.
    /// - Precondition: every group number is in `categoryIDs`'s range (as when decoded
    ///   from a record by exact id).
    func resident(categoryIDs: [String]) -> Resident {
        var resident = Resident(paidOn: paidOn, tier: tier, born: born, schoolEntry: schoolEntry,
                                leftEmployeeInsurance: leftEmployeeInsurance, recognizedOn: recognizedOn)
        for index in 0..<categoryCount {
            resident.categories.append(categoryIDs[Int((categories >> UInt64(8 * index)) & 0xFF) - 1])
        }
        for (bit, situation) in Situation.allCases.enumerated() where situations & (1 << UInt32(bit)) != 0 {
            resident.situations.insert(situation)
        }
        return resident
    }
}
