/// Why policy data could not be loaded, or a request could not be answered from it.
///
/// PolicyKit throws only this type. It says *what* went wrong; the command line decides
/// how that is shown and which exit status it maps to.
public enum PolicyError: Error, Equatable, Sendable {
    /// A policy directory does not exist or is not a directory.
    case directoryNotFound(path: String)
    /// A policy file could not be read at all.
    case unreadableFile(path: String, reason: String)
    /// A policy file is not valid JSON, or a value in it is wrong; `path` is the JSON
    /// path such as `routes.2.paid.from`.
    case invalidData(file: String, path: String, message: String)
    /// No region with this id, name or alias; `known` lists the regions.
    case unknownRegion(String, known: [NamedChoice])
    /// The region exists but has no notice for this policy year.
    case yearNotAvailable(region: String, year: Int, available: [Int])
    /// The region's notice names no such category; `known` lists its categories.
    case unknownCategory(String, region: NamedChoice, known: [NamedChoice])
    /// `--tier` names a tier the notice does not offer.
    case tierNotOffered(Int, region: String, tiers: [Int])
    /// The resident's facts contradict each other (e.g. paid before birth).
    case inconsistentResident(LocalizedText)
    /// A case of a notice's case file (`<region>/<year>.cases.json`) did not get the
    /// answer it expects.
    case caseFailed(file: String, id: String, message: String)
}

extension PolicyError {
    /// The error as a user reads it, in Chinese and English, with a did-you-mean or the
    /// known values where it names something unknown. Policy-data errors (`invalidData`,
    /// `caseFailed`) keep their detail in English, the language of the data's keys; only
    /// their frame is Chinese.
    public var message: LocalizedText {
        switch self {
        case .directoryNotFound(let path):
            return LocalizedText(zh: "政策数据目录“\(path)”不存在", en: "policy directory '\(path)' does not exist")
        case .unreadableFile(let path, let reason):
            return LocalizedText(zh: "无法读取政策数据文件“\(path)”：\(reason)", en: "\(path): \(reason)")
        case .invalidData(let file, let path, let message):
            return LocalizedText(zh: "政策数据有误：\(file)：\(path.isEmpty ? "（顶层）" : path)：\(message)",
                                 en: "\(file): at \(path.isEmpty ? "(top level)" : path): \(message)")
        case .unknownRegion(let region, let known):
            let said = LocalizedText(zh: "没有地区“\(region)”", en: "unknown region '\(region)'")
            if let close = NamedChoice.closest(to: region, among: known) {
                return said + Suggestion.hint(zh: close.zh, en: "'\(close.id)' (\(close.name))")
            }
            return said + LocalizedText(zh: "；可选地区：" + known.map(\.zh).joined(separator: "、"),
                                        en: "; regions: " + known.map(\.en).joined(separator: ", "))
        case .yearNotAvailable(let region, let year, let available):
            let years = available.map(String.init)
            return LocalizedText(zh: "地区 \(region) 没有\(year)年度的通知；可选年度：" + years.joined(separator: "、"),
                                 en: "region '\(region)' has no notice for \(year); available: " + years.joined(separator: ", "))
        case .unknownCategory(let category, let region, let known):
            let said = LocalizedText(zh: "\(region.name)没有人员类别“\(category)”", en: "region '\(region.id)' has no category '\(category)'")
            if let close = NamedChoice.closest(to: category, among: known) {
                return said + Suggestion.hint(zh: close.zh, en: "'\(close.id)' (\(close.name))")
            }
            return said + LocalizedText(
                zh: "；该地区的人员类别：" + known.map(\.zh).joined(separator: "、") + "；详见 premium categories --region \(region.id)",
                en: "; its categories: " + known.map(\.en).joined(separator: ", ") + "; see 'premium categories --region \(region.id)'")
        case .tierNotOffered(let tier, let region, let tiers):
            return tiers.count <= 1
                ? LocalizedText(zh: "地区 \(region) 只有一个缴费标准，不分档次（档次 \(tier) 不适用）",
                                en: "region '\(region)' has one fee level; '--tier \(tier)' does not apply")
                : LocalizedText(zh: "地区 \(region) 没有第\(tier)档；可选档次：" + tiers.map(String.init).joined(separator: "、"),
                                en: "region '\(region)' has no tier \(tier); tiers: " + tiers.map(String.init).joined(separator: ", "))
        case .inconsistentResident(let message):
            return message
        case .caseFailed(let file, let id, let message):
            return LocalizedText(zh: "政策案例未通过：\(file)：案例“\(id)”：\(message)", en: "\(file): case \"\(id)\": \(message)")
        }
    }
}

extension PolicyError: CustomStringConvertible {
    /// The English message.
    public var description: String { message.en }
}
