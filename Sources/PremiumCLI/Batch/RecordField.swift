#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PolicyKit

/// The input fields a batch record may carry, by their snake_case name.
enum RecordField: Int, CaseIterable {
    case region, year, category, categories, paidOn, tier, born, schoolEntry, leftEmployeeInsurance, recognizedOn
    case household, newEmployment, specialCase, student, newStudent, migrantWorker, dischargedSoldier
    case leftOtherScheme, unborn, disabled, graduate

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
        case .graduate: .graduate
        default: nil
        }
    }

    /// Field lookup by the UTF-8 bytes of the key.
    static let byName: [[UInt8]: RecordField] = Dictionary(uniqueKeysWithValues: allCases.map { (Array($0.name.utf8), $0) })

    /// Whether a key is `village`, the field batch summaries group by.
    static func isVillage(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        key.count == 7 && equal(key, "village")
    }

    /// The field a key names, compared byte by byte without allocating or touching a
    /// table (this runs for every member of every batch record). `RecordFieldTests`
    /// checks it against `name` for every field.
    static func named(_ key: UnsafeBufferPointer<UInt8>) -> RecordField? {
        func is_(_ name: StaticString) -> Bool { equal(key, name) }
        switch key.count {
        case 4: return is_("year") ? .year : is_("tier") ? .tier : is_("born") ? .born : nil
        case 6: return is_("region") ? .region : is_("unborn") ? .unborn : nil
        case 7: return is_("paid_on") ? .paidOn : is_("student") ? .student : nil
        case 8: return is_("category") ? .category : is_("disabled") ? .disabled : is_("graduate") ? .graduate : nil
        case 9: return is_("household") ? .household : nil
        case 10: return is_("categories") ? .categories : nil
        case 11: return is_("new_student") ? .newStudent : nil
        case 12: return is_("school_entry") ? .schoolEntry : is_("special_case") ? .specialCase : nil
        case 13: return is_("recognized_on") ? .recognizedOn : nil
        case 14: return is_("new_employment") ? .newEmployment : is_("migrant_worker") ? .migrantWorker : nil
        case 17: return is_("left_other_scheme") ? .leftOtherScheme : nil
        case 18: return is_("discharged_soldier") ? .dischargedSoldier : nil
        case 23: return is_("left_employee_insurance") ? .leftEmployeeInsurance : nil
        default: return nil
        }
    }

    /// `key` equals `name` (of the same length).
    private static func equal(_ key: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
        memcmp(name.utf8Start, key.baseAddress!, name.utf8CodeUnitCount) == 0
    }

    /// The field's values as text, for a `QuoteRequest`. Throws for a situation whose
    /// value is not one of the truth values, naming the field.
    static func request(from values: [String?], categories: [String]) throws(JSONLineScanner.Failure) -> QuoteRequest {
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
            guard let situation = field.situation, let value = values[field.rawValue] else { continue }
            guard let flag = truth(value) else {
                throw .init(message: "invalid value '\(value)' for '\(field.name)': use true/false, 1/0, yes/no, 是/否, √ or leave it empty")
            }
            if flag { request.situations.insert(situation) }
        }
        return request
    }

    /// The truth values a situation field may hold (ASCII words in any case, as Excel
    /// writes TRUE): true, 1, yes, 是, √; false, 0, no, 否, empty. Nil for anything else.
    static func truth(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "1", "yes", "是", "√": true
        case "false", "0", "no", "否", "": false
        default: nil
        }
    }
}

extension String {
    var replacingDashes: String { String(map { $0 == "-" ? "_" : $0 }) }
}
