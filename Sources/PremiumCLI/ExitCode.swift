import ResidentIO
/// Process exit statuses, following BSD `sysexits(3)` where one fits.
public enum ExitCode: Int32, Sendable {
    case success = 0
    /// The quote was computed, but the resident cannot join on that date.
    case notEnrollable = 1
    /// `EX_USAGE`: unknown command, flag, region or category; a bad date or value.
    case usage = 64
    /// `EX_DATAERR`: policy data is malformed, or a batch had records with errors.
    case dataError = 65
    /// `EX_NOINPUT`: a named file or directory does not exist.
    case noInput = 66
    /// `EX_CANTCREAT`: an output file cannot be created.
    case cantCreate = 73
    /// `EX_IOERR`: a read or write failed (a full disk, a closed stdout, a read error).
    case ioError = 74
    /// `EX_SOFTWARE`: an internal error; a bug in premium.
    case software = 70
}
