import PolicyKit
import Workbook

/// Why a workbook cannot be read, in both languages (the library words it in English).
extension WorkbookError {
    var message: LocalizedText {
        let english = "the workbook cannot be read: " + description
        switch self {
        case .zip(let error):
            return LocalizedText(zh: "无法读取工作簿：" + error.chinese, en: english)
        case .notAWorkbook:
            return LocalizedText(zh: "无法读取工作簿：这是 zip 压缩包，但不是 Excel 工作簿（.xlsx）", en: english)
        case .binaryWorkbook:
            return LocalizedText(zh: "无法读取工作簿：这是 Excel 二进制工作簿（.xlsb）；请在 Excel 中另存为 .xlsx（Excel 工作簿）", en: english)
        case .openDocument:
            return LocalizedText(zh: "无法读取工作簿：这是 OpenDocument 表格（.ods）；请另存为 .xlsx（Excel 工作簿）", en: english)
        case .missingPart(let part):
            return LocalizedText(zh: "无法读取工作簿：文件已损坏，缺少部件“\(part)”", en: english)
        case .malformedXML(let part, let reason):
            return LocalizedText(zh: "无法读取工作簿：文件已损坏：\(part)：\(reason)", en: english)
        case .noWorksheets:
            return LocalizedText(zh: "无法读取工作簿：其中没有工作表", en: english)
        case .noSuchSheet(let name, let available):
            return LocalizedText(zh: "工作簿中没有名为“\(name)”的工作表；现有工作表：" + available.map { "“\($0)”" }.joined(separator: "、"),
                                 en: english)
        case .sheetPositionOutOfRange(let position, let count):
            return LocalizedText(zh: "工作簿中没有第\(position)个工作表：共有\(count)个", en: english)
        case .notAWorksheet(let name):
            return LocalizedText(zh: "“\(name)”是图表或对话框工作表，不是工作表", en: english)
        }
    }
}

extension ZipError {
    /// The Chinese of `description`.
    var chinese: String {
        switch self {
        case .notAZip: "不是 zip 压缩包（.xlsx 工作簿是 zip 压缩包）"
        case .oldExcelFormat: "这是旧版 Excel（.xls）工作簿或设有密码的工作簿；请在 Excel 或 WPS 中另存为不设密码的 .xlsx（Excel 工作簿）"
        case .truncated: "文件不完整（下载或复制未完成？）"
        case .zip64Unsupported: "压缩包使用 zip64（超过 4 GiB），不支持"
        case .multiDisk: "压缩包分卷保存在多个文件中，不支持"
        case .tooManyEntries(let limit): "压缩包中的条目超过 \(limit) 个"
        case .encrypted(let entry): "条目“\(entry)”已加密；请保存为不设密码的工作簿"
        case .unsupportedMethod(let entry, let method): "条目“\(entry)”使用压缩方法 \(method)；只支持存储和 deflate"
        case .entryTooLarge(let entry, let limit): "条目“\(entry)”解压后超过 \(limit) 字节（上限）"
        case .compressionRatioTooHigh(let entry, let limit): "条目“\(entry)”解压后超过压缩大小的 \(limit) 倍（压缩炸弹？）"
        case .corruptData(let entry, let reason): "条目“\(entry)”已损坏：\(reason)"
        case .checksumMismatch(let entry): "条目“\(entry)”已损坏：CRC-32 校验不符"
        case .sizeMismatch(let entry, let expected, let found): "条目“\(entry)”已损坏：解压得到 \(found) 字节，记录为 \(expected) 字节"
        case .missingEntry(let name): "压缩包中没有条目“\(name)”"
        }
    }
}
