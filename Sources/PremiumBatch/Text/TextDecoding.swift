/// Turns a roster file's bytes into text, in the encodings Excel saves on Chinese Windows.
///
/// Excel writes "CSV UTF-8" with a byte-order mark, plain "CSV" in the ANSI code page
/// (GBK, read here as its superset GB18030), and "Unicode text" as UTF-16 little-endian
/// with a byte-order mark and tabs. All decoders here are premium's own, so the binary
/// does not link ICU.
enum TextDecoding {
    /// An encoding a roster file may be in.
    enum Encoding: Equatable, Sendable, CaseIterable {
        case utf8, utf16LittleEndian, utf16BigEndian, gb18030

        /// The name messages use.
        var name: String {
            switch self {
            case .utf8: "UTF-8"
            case .utf16LittleEndian: "UTF-16LE"
            case .utf16BigEndian: "UTF-16BE"
            case .gb18030: "GB18030"
            }
        }

        /// The encoding a file's first bytes show.
        ///
        /// A byte-order mark decides (EF BB BF UTF-8, FF FE UTF-16LE, FE FF UTF-16BE).
        /// Without one, bytes that are valid UTF-8 are UTF-8, and anything else is taken
        /// for GB18030: GBK text of any length is almost never valid UTF-8, while ASCII
        /// is both. `prefix` may end in the middle of a UTF-8 character. Pass as much of
        /// the file as is at hand: a prefix that is all ASCII (a header row, say) says
        /// UTF-8 even if Chinese in GBK follows, and decoding then fails on that line.
        static func detect(prefix: some Collection<UInt8>) -> Encoding {
            let head = Array(prefix.prefix(3))
            if head == [0xEF, 0xBB, 0xBF] { return .utf8 }
            if head.starts(with: [0xFF, 0xFE]) { return .utf16LittleEndian }
            if head.starts(with: [0xFE, 0xFF]) { return .utf16BigEndian }
            var bytes = Array(prefix)
            bytes.removeLast(TextDecoding.incompleteUTF8Tail(bytes))
            return String(validating: bytes, as: UTF8.self) != nil ? .utf8 : .gb18030
        }
    }

    /// The text of `bytes` in `encoding`, without its byte-order mark if it has one.
    ///
    /// - Throws: `TextDecodingError` at the first byte that does not decode.
    static func decode(_ bytes: [UInt8], as encoding: Encoding) throws(TextDecodingError) -> String {
        try bytes.withUnsafeBufferPointer { (buffer) throws(TextDecodingError) in
            switch encoding {
            case .utf8: try decodeUTF8(buffer)
            case .gb18030: try GB18030.decode(buffer)
            case .utf16LittleEndian: try decodeUTF16(buffer, bigEndian: false)
            case .utf16BigEndian: try decodeUTF16(buffer, bigEndian: true)
            }
        }
    }

    /// UTF-8 without its byte-order mark; the stdlib validates, and on failure the
    /// offending sequence is found by parsing scalar by scalar.
    static func decodeUTF8(_ bytes: UnsafeBufferPointer<UInt8>) throws(TextDecodingError) -> String {
        let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let body = UnsafeBufferPointer(rebasing: bytes[start...])
        if let text = String(validating: body, as: UTF8.self) { return text }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = body.makeIterator()
        var offset = start
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: preconditionFailure("String(validating:) and the UTF-8 parser disagree")
            case .error:
                // Truncated if all that is left is the start of one character.
                let rest = bytes.count - offset
                let problem: TextDecodingError.Problem = rest <= 3 && incompleteUTF8Tail(Array(bytes[offset...])) == rest
                    ? .truncatedSequence : .invalidSequence
                throw TextDecodingError(.utf8, problem, at: offset, in: bytes)
            }
        }
    }

    /// How many bytes at the end of `bytes` are the start of a UTF-8 character that
    /// the end cuts off (0 if none): a lead byte and fewer continuation bytes than it needs.
    static func incompleteUTF8Tail(_ bytes: [UInt8]) -> Int {
        for count in stride(from: 1, through: min(3, bytes.count), by: 1) {
            let lead = bytes[bytes.count - count]
            if (0x80...0xBF).contains(lead) { continue }   // a continuation byte: look further back
            let needed = switch lead {
            case 0xC2...0xDF: 2
            case 0xE0...0xEF: 3
            case 0xF0...0xF4: 4
            default: 0
            }
            return count < needed ? count : 0
        }
        return 0
    }

    /// Writes the UTF-8 of `scalar` (a valid scalar value) at `output[written...]`.
    @inline(__always)
    static func writeUTF8(_ scalar: UInt32, to output: UnsafeMutableBufferPointer<UInt8>, at written: inout Int) {
        switch scalar {
        case ..<0x80:
            output[written] = UInt8(scalar); written += 1
        case ..<0x800:
            output[written] = UInt8(0xC0 | scalar >> 6)
            output[written + 1] = UInt8(0x80 | scalar & 0x3F); written += 2
        case ..<0x10000:
            output[written] = UInt8(0xE0 | scalar >> 12)
            output[written + 1] = UInt8(0x80 | scalar >> 6 & 0x3F)
            output[written + 2] = UInt8(0x80 | scalar & 0x3F); written += 3
        default:
            output[written] = UInt8(0xF0 | scalar >> 18)
            output[written + 1] = UInt8(0x80 | scalar >> 12 & 0x3F)
            output[written + 2] = UInt8(0x80 | scalar >> 6 & 0x3F)
            output[written + 3] = UInt8(0x80 | scalar & 0x3F); written += 4
        }
    }
}
