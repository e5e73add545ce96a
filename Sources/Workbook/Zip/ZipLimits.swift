/// The bounds a `ZipArchive` enforces while reading, so a hostile file costs bounded
/// memory and time.
///
/// An entry's declared size is checked before anything is inflated, and the actual
/// output is checked while inflating, which stops as soon as a limit is crossed.
public struct ZipLimits: Equatable, Sendable {
    /// Largest uncompressed size of an entry that is streamed (a worksheet): 1 GiB.
    ///
    /// Streaming keeps memory bounded (under 1 MiB per stream), so this bounds time only:
    /// 10⁶ rows of 10 cells are about 400 MB of sheet XML.
    public var maximumStreamedSize: Int = 1 << 30
    /// Largest uncompressed size of an entry that is extracted whole into memory
    /// (workbook.xml, styles, relationships): 256 MiB.
    public var maximumExtractedSize: Int = 256 << 20
    /// Largest ratio of uncompressed to compressed size: 200 (real sheet XML deflates
    /// about 5–30 : 1; deflate's own maximum is about 1032 : 1).
    public var maximumRatio: Int = 200
    /// The ratio is not checked until an entry's output passes this many bytes (1 MiB),
    /// since tiny repetitive parts compress far better.
    public var ratioCheckedAbove: Int = 1 << 20
    /// Most entries in the central directory: 10,000.
    public var maximumEntries: Int = 10_000

    /// The defaults above.
    public init() {}

    /// The defaults above.
    public static let standard = ZipLimits()
}
