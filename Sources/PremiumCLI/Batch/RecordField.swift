import PolicyKit

/// The input fields a batch record may carry, by their snake_case name.
enum RecordField: Int, CaseIterable {
    case region, year, category, categories, paidOn, tier, born, schoolEntry, leftEmployeeInsurance, recognizedOn
    case household, newEmployment, specialCase, student, newStudent, migrantWorker, dischargedSoldier
    case leftOtherScheme, unborn, disabled

    var name: String {
        switch self {
        case .region: "region"
        case .year: "year"
        case .category: "category"
        case .categories: "categories"
        case .paidOn: "paid_on"
        case .tier: "tier"
        case .born: "born"
        case .schoolEntry: "school_entry"
        case .leftEmployeeInsurance: "left_employee_insurance"
        case .recognizedOn: "recognized_on"
        default: situation!.rawValue.replacingDashes
        }
    }

    /// The situation a boolean field sets.
    var situation: Situation? {
        switch self {
        case .household: .household
        case .newEmployment: .newEmployment
        case .specialCase: .specialCase
        case .student: .student
        case .newStudent: .newStudent
        case .migrantWorker: .migrantWorker
        case .dischargedSoldier: .dischargedSoldier
        case .leftOtherScheme: .leftOtherScheme
        case .unborn: .unborn
        case .disabled: .disabled
        default: nil
        }
    }

    /// Field lookup by the UTF-8 bytes of the key.
    static let byName: [[UInt8]: RecordField] = Dictionary(uniqueKeysWithValues: allCases.map { (Array($0.name.utf8), $0) })

    private static let names: [(bytes: [UInt8], field: RecordField)] = allCases.map { (Array($0.name.utf8), $0) }

    /// The UTF-8 bytes of `village`, the field batch summaries group by.
    static let villageName = Array("village".utf8)

    /// The field a key names, compared byte by byte without allocating.
    static func named(_ key: UnsafeBufferPointer<UInt8>) -> RecordField? {
        for entry in names where entry.bytes.count == key.count && entry.bytes[0] == key[0] && entry.bytes.elementsEqual(key) {
            return entry.field
        }
        return nil
    }

    /// The field's values as text, for a `QuoteRequest`.
    static func request(from values: [String?], categories: [String]) -> QuoteRequest {
        var request = QuoteRequest()
        request.region = values[RecordField.region.rawValue]
        request.year = values[RecordField.year.rawValue]
        request.categories = categories
        request.paidOn = values[RecordField.paidOn.rawValue]
        request.tier = values[RecordField.tier.rawValue]
        request.born = values[RecordField.born.rawValue]
        request.schoolEntry = values[RecordField.schoolEntry.rawValue]
        request.leftEmployeeInsurance = values[RecordField.leftEmployeeInsurance.rawValue]
        request.recognizedOn = values[RecordField.recognizedOn.rawValue]
        for field in allCases {
            if let situation = field.situation, let value = values[field.rawValue], isTrue(value) {
                request.situations.insert(situation)
            }
        }
        return request
    }

    /// Truth values a spreadsheet may hold.
    static func isTrue(_ text: String) -> Bool {
        ["true", "1", "yes", "y", "是", "√"].contains(text.lowercased())
    }
}

extension String {
    var replacingDashes: String { String(map { $0 == "-" ? "_" : $0 }) }
}
