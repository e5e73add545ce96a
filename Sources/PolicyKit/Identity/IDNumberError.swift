/// Why a text is not an identity number, worded so a clerk can correct the cell.
///
/// Each case says what is wrong with the number itself; which row and column it came
/// from is the caller's to add. Positions count from 1, as a clerk counts digits.
public enum IDNumberError: Error, Equatable, Hashable, Sendable {
    /// The cell is empty or white space only.
    case empty
    /// Excel turned the number into scientific notation (`4.30511E+17`); the digits
    /// are lost, so the number must be typed again into a text-formatted column.
    case scientificNotation(String)
    /// Not 18 characters (nor 15, the 1989 form); the count of characters given.
    case wrongLength(Int)
    /// A character that is not a digit (only the 18th may be `X`).
    case notADigit(position: Int, character: Character)
    /// The leading digits name no province-level division (nor a permit or a
    /// foreigner's card); the digits concerned.
    case unknownProvince(String)
    /// Digits 7–14 (`YYYYMMDD`, century added for 15-digit numbers) are no calendar date.
    case impossibleBirthDate(String)
    /// The birth date is after the day the roster is checked.
    case bornAfterToday(CivilDate, today: CivilDate)
    /// The birth date is more than `IDNumber.maximumAge` years ago.
    case bornTooLongAgo(CivilDate)
    /// The 18th character is not the MOD 11-2 check digit of the first 17.
    case wrongCheckDigit(expected: Character, found: Character)
    /// The check digit is wrong and the number ends in `000`: what Excel writes for an ID
    /// stored as a number, which keeps only 15 significant digits.
    case roundedByExcel(String)

    /// What is wrong, in Chinese and English.
    public var message: LocalizedText {
        let retype = LocalizedText(zh: "，请将该列设为文本格式后重新录入", en: "; format the column as text and type the numbers again")
        switch self {
        case .empty:
            return LocalizedText(zh: "身份证号为空", en: "the ID number is empty")
        case .scientificNotation(let text):
            return LocalizedText(zh: "“\(text)”：Excel 已将身份证号转换为科学计数法" + retype.zh,
                                 en: "'\(text)': Excel has turned the ID number into scientific notation, losing its digits" + retype.en)
        case .wrongLength(let count):
            return LocalizedText(zh: "身份证号应为18位（或15位旧号码），实为\(count)位",
                                 en: "an ID number has 18 characters (15 in the old form), not \(count)")
        case .notADigit(let position, let character):
            let shown = IDNumberError.visible(character)
            return position == 18
                ? LocalizedText(zh: "身份证号第18位应为数字或 X，实为“\(shown)”", en: "the 18th character of an ID number is a digit or X, not '\(shown)'")
                : LocalizedText(zh: "身份证号第\(position)位应为数字，实为“\(shown)”", en: "character \(position) of the ID number is '\(shown)', not a digit")
        case .unknownProvince(let digits):
            return LocalizedText(zh: "身份证号开头“\(digits)”不是有效的省级行政区划代码",
                                 en: "the ID number starts with '\(digits)', which is no province-level code")
        case .impossibleBirthDate(let digits):
            return LocalizedText(zh: "身份证号中的出生日期“\(digits)”不存在", en: "the birth date '\(digits)' in the ID number does not exist")
        case .bornAfterToday(let born, let today):
            return LocalizedText(zh: "身份证号中的出生日期 \(born) 晚于今天（\(today)）",
                                 en: "the birth date \(born) in the ID number is after today (\(today))")
        case .bornTooLongAgo(let born):
            return LocalizedText(zh: "身份证号中的出生日期 \(born) 早于\(IDNumber.maximumAge)年前，应为录入错误",
                                 en: "the birth date \(born) in the ID number is more than \(IDNumber.maximumAge) years ago")
        case .wrongCheckDigit(let expected, let found):
            return LocalizedText(zh: "身份证号校验码错误：第18位按前17位应为 \(expected)，实为 \(found)",
                                 en: "wrong check digit: from the first 17 digits the 18th should be \(expected), not \(found)")
        case .roundedByExcel(let text):
            return LocalizedText(zh: "“\(text)”校验码错误且末三位为000：Excel 按数字保存身份证号时只保留15位有效数字" + retype.zh,
                                 en: "'\(text)' has a wrong check digit and ends in 000: Excel keeps only 15 digits of an ID stored as a number" + retype.en)
        }
    }
}

extension IDNumberError {
    /// A character as it can be seen in a message: white space and controls as `U+XXXX`.
    static func visible(_ character: Character) -> String {
        character.unicodeScalars.map { scalar in
            scalar.properties.isWhitespace || scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
                ? "U+" + IDNumberError.hex4(scalar.value) : String(scalar)
        }.joined()
    }

    /// At least four upper-case hex digits, as code points are written.
    static func hex4(_ value: UInt32) -> String {
        let hex = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

extension IDNumberError: CustomStringConvertible {
    /// The English message.
    public var description: String { message.en }
}
