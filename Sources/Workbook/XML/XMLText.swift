/// Replacing XML's references in text and attribute values, and escaping for output.
enum XMLText {
    /// `bytes` as a string with `&lt;` `&gt;` `&amp;` `&quot;` `&apos;` and `&#…;`/`&#x…;`
    /// replaced. An unknown or broken reference is kept as written; a character
    /// reference to something that is not a character becomes U+FFFD. In an attribute,
    /// literal tabs and line breaks become spaces (XML attribute-value normalization).
    static func decode(_ bytes: ArraySlice<UInt8>, attribute: Bool) -> String {
        let simple = !bytes.contains { $0 == UInt8(ascii: "&") || (attribute && ($0 == 0x09 || $0 == 0x0A || $0 == 0x0D)) }
        if simple { return String(decoding: bytes, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if attribute, byte == 0x09 || byte == 0x0A || byte == 0x0D {
                output.append(0x20)
                index += 1
                continue
            }
            guard byte == UInt8(ascii: "&"), let semicolon = referenceEnd(bytes, from: index) else {
                output.append(byte)
                index += 1
                continue
            }
            let name = bytes[(index + 1)..<semicolon]
            if let replacement = replacement(for: name) {
                output.append(contentsOf: replacement)
            } else {
                output.append(contentsOf: bytes[index...semicolon])
            }
            index = semicolon + 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The `;` ending a reference that starts with the `&` at `start`: at most 10 letters,
    /// digits or `#` between them.
    private static func referenceEnd(_ bytes: ArraySlice<UInt8>, from start: Int) -> Int? {
        var index = start + 1
        while index < bytes.endIndex, index - start <= 11 {
            let byte = bytes[index]
            if byte == UInt8(ascii: ";") { return index > start + 1 ? index : nil }
            let isNameByte = (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "#")
            if !isNameByte { return nil }
            index += 1
        }
        return nil
    }

    private static func replacement(for name: ArraySlice<UInt8>) -> [UInt8]? {
        switch String(decoding: name, as: UTF8.self) {
        case "lt": return [UInt8(ascii: "<")]
        case "gt": return [UInt8(ascii: ">")]
        case "amp": return [UInt8(ascii: "&")]
        case "quot": return [UInt8(ascii: "\"")]
        case "apos": return [UInt8(ascii: "'")]
        case let reference where reference.hasPrefix("#"):
            let digits = reference.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            guard let value else { return nil }
            let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
            return Array(String(Character(scalar)).utf8)
        default:
            return nil
        }
    }

    /// Appends `text` escaped for element content (`attribute: false`) or a double-quoted
    /// attribute value, dropping the control characters XML 1.0 cannot carry.
    static func appendEscaped(_ text: String, to output: inout [UInt8], attribute: Bool = false) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): output.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B])          // &amp;
            case UInt8(ascii: "<"): output.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B])                // &lt;
            case UInt8(ascii: ">"): output.append(contentsOf: [0x26, 0x67, 0x74, 0x3B])                // &gt;
            case UInt8(ascii: "\"") where attribute: output.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B])
            case 0x0A where attribute: output.append(contentsOf: Array("&#10;".utf8))
            case 0x0D: output.append(contentsOf: Array("&#13;".utf8))
            case 0x09 where attribute: output.append(contentsOf: Array("&#9;".utf8))
            case 0x09, 0x0A: output.append(byte)
            case 0..<0x20: continue
            default: output.append(byte)
            }
        }
    }
}
