/// What a file's first bytes say it is, for choosing a reader before parsing.
public enum FileSignature: Equatable, Sendable {
    /// A zip archive (`PK\u{3}\u{4}`, or `PK\u{5}\u{6}` for an empty one): `.xlsx`, `.ods`, `.docx`…
    case zip
    /// An OLE compound file (`D0 CF 11 E0 A1 B1 1A E1`): `.xls`, or a password-protected `.xlsx`.
    case compoundFile
    /// Anything else (CSV, JSON Lines, text).
    case other

    /// The signature of a file beginning with `prefix` (8 bytes are enough).
    public init(_ prefix: some Collection<UInt8>) {
        let head = Array(prefix.prefix(8))
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            self = .zip
        } else if head == ZipArchive.compoundFileSignature {
            self = .compoundFile
        } else {
            self = .other
        }
    }
}
