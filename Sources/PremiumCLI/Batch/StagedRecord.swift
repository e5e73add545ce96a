/// A JSON Lines record scanned ahead of being answered: its fields, its cache key and
/// the key's hash. The runner scans a group of them first, then asks the cache to fetch
/// all their entries at once, so the memory loads overlap instead of waiting one after
/// another; then it answers them in input order.
final class StagedRecord {
    let record = JSONLineScanner.Record()
    /// The known fields as cache key: field number, value bytes, 0xFF, for each.
    let key = ByteBuffer(capacity: 256)
    @exclusivity(unchecked) private(set) var line = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    @exclusivity(unchecked) private(set) var hash: UInt64 = 0
    /// Why the line is not a record, when it is not.
    @exclusivity(unchecked) private(set) var failure: String?
    /// Whether the failure ends the run (see `JSONLineScanner.Failure.fatal`).
    @exclusivity(unchecked) private(set) var fatal = false

    /// Scans `line` and builds its key.
    func stage(_ line: UnsafeBufferPointer<UInt8>) {
        self.line = line
        do {
            try JSONLineScanner.scan(line, into: record)
        } catch {
            failure = error.message
            fatal = error.fatal
            return
        }
        failure = nil
        key.removeAll()
        record.forEachPresent { field, range in
            key.append(UInt8(field.rawValue))
            key.append(UnsafeBufferPointer(rebasing: line[range]))
            key.append(0xFF)
        }
        hash = ResultCache.hash(key.bytes)
    }
}
