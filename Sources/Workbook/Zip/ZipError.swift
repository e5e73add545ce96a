/// Why a file cannot be read as a zip archive, or one of its entries cannot be extracted.
///
/// Each message says what a clerk can do about it when there is something to do.
public enum ZipError: Error, Equatable, Hashable, Sendable {
    /// The bytes are no zip archive (no end-of-central-directory record).
    case notAZip
    /// An OLE compound file (`D0 CF 11 E0 A1 B1 1A E1`): an Excel 97–2003 `.xls` workbook,
    /// or an `.xlsx` protected with a password (Office encrypts those into the same container).
    case oldExcelFormat
    /// The archive ends early: part of an entry or of the central directory is missing.
    case truncated
    /// The archive uses zip64 records (entries or archives over 4 GiB), which are not read.
    case zip64Unsupported
    /// The archive is split over several disks (`.z01`, `.z02`, …).
    case multiDisk
    /// More entries than `ZipLimits.maximumEntries`.
    case tooManyEntries(limit: Int)
    /// An entry is encrypted (general-purpose flag bit 0).
    case encrypted(entry: String)
    /// An entry is compressed with a method other than stored (0) or deflate (8).
    case unsupportedMethod(entry: String, method: Int)
    /// An entry would extract to more than `limit` bytes (declared or found while inflating).
    case entryTooLarge(entry: String, limit: Int)
    /// An entry extracts to more than `limit` times its compressed size: a zip bomb.
    case compressionRatioTooHigh(entry: String, limit: Int)
    /// The compressed data of an entry is not valid deflate data (RFC 1951).
    case corruptData(entry: String, reason: String)
    /// An entry's extracted bytes do not match the CRC-32 recorded for it.
    case checksumMismatch(entry: String)
    /// An entry extracts to a different number of bytes than recorded.
    case sizeMismatch(entry: String, expected: Int, found: Int)
    /// The archive has no entry of this name.
    case missingEntry(String)
}

extension ZipError: CustomStringConvertible {
    /// One line, in English, naming the entry concerned.
    public var description: String {
        switch self {
        case .notAZip: return "not a zip archive (an .xlsx workbook is one)"
        case .oldExcelFormat:
            return "an old Excel (.xls) workbook or a password-protected one; open it in Excel or WPS and save it as .xlsx (Excel Workbook) without a password"
        case .truncated: return "the file is truncated (incomplete download or copy?)"
        case .zip64Unsupported: return "the archive uses zip64 (over 4 GiB), which is not supported"
        case .multiDisk: return "the archive is split over several files, which is not supported"
        case .tooManyEntries(let limit): return "the archive has more than \(limit) entries"
        case .encrypted(let entry): return "entry '\(entry)' is encrypted; save the workbook without a password"
        case .unsupportedMethod(let entry, let method): return "entry '\(entry)' uses compression method \(method); only stored and deflate are supported"
        case .entryTooLarge(let entry, let limit): return "entry '\(entry)' extracts to more than \(limit) bytes (limit)"
        case .compressionRatioTooHigh(let entry, let limit):
            return "entry '\(entry)' extracts to more than \(limit) times its compressed size (a zip bomb?)"
        case .corruptData(let entry, let reason): return "entry '\(entry)' is corrupt: \(reason)"
        case .checksumMismatch(let entry): return "entry '\(entry)' is corrupt: CRC-32 mismatch"
        case .sizeMismatch(let entry, let expected, let found):
            return "entry '\(entry)' is corrupt: \(found) bytes extracted, \(expected) recorded"
        case .missingEntry(let name): return "the archive has no entry '\(name)'"
        }
    }
}
