@testable import Workbook
import Testing

/// Hands out its bytes `size` at a time, so every token is split at every place.
struct TrickleSource: ChunkSource {
    var bytes: [UInt8]
    var size: Int
    var offset = 0
    mutating func read(appendingTo buffer: inout [UInt8]) throws(ZipError) -> Bool {
        guard offset < bytes.count else { return false }
        let end = min(bytes.count, offset + size)
        buffer.append(contentsOf: bytes[offset..<end])
        offset = end
        return true
    }
}

struct XMLTokenizerTests {
    /// The document's tokens as `<name a=v>`, `</name>`, `"text"`.
    static func tokens(_ xml: String, chunk: Int = 1 << 20) throws(WorkbookError) -> [String] {
        try tokens(bytes: Array(xml.utf8), chunk: chunk)
    }

    static func tokens(bytes: [UInt8], chunk: Int = 1 << 20) throws(WorkbookError) -> [String] {
        var tokens = XMLTokenizer(TrickleSource(bytes: bytes, size: chunk), part: "test.xml")
        var result: [String] = []
        while try tokens.next() {
            switch tokens.kind {
            case .startTag:
                let name = String(decoding: tokens.buffer[tokens.name], as: UTF8.self)
                let attributes = tokens.attributes.map {
                    " " + String(decoding: tokens.buffer[$0.name], as: UTF8.self) + "=" + XMLText.decode(tokens.buffer[$0.value], attribute: true)
                }
                result.append("<" + name + attributes.joined() + (tokens.isEmptyElement ? "/>" : ">"))
            case .endTag:
                result.append("</" + String(decoding: tokens.buffer[tokens.name], as: UTF8.self) + ">")
            case .text:
                result.append("\"" + tokens.textValue() + "\"")
            }
        }
        return result
    }

    static let document = """
        \u{FEFF}<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <!-- a comment with <tags> in it -->
        <x:worksheet xmlns:x="urn:x" a='1' b = "x > y">
        <x:c r="A1" t="inlineStr"><x:is><x:t xml:space="preserve"> 张三 &amp; 李四 &#x4E00;&#19968; &lt;&gt;&quot;&apos; </x:t></x:is></x:c>
        <v><![CDATA[<not a tag> &amp;]]></v><empty/><e2 a="&#10;tab&#9;end"  />
        </x:worksheet>
        """

    static let expected = [
        "<worksheet x=urn:x a=1 b=x > y>", "\"\n\"",
        "<c r=A1 t=inlineStr>", "<is>", "<t space=preserve>", "\" 张三 & 李四 一一 <>\"' \"", "</t>", "</is>", "</c>", "\"\n\"",
        "<v>", "\"<not a tag> &amp;\"", "</v>", "<empty/>", "<e2 a=\ntab\tend/>", "\"\n\"",
        "</worksheet>",
    ]

    @Test func tokenizesTheOOXMLSubset() throws {
        #expect(try Self.tokens(Self.document) == ["\"\n\"", "\"\n\""] + Self.expected)
    }

    @Test("gives the same tokens whatever the chunk boundaries", arguments: [1, 2, 3, 5, 7, 64])
    func chunkBoundaries(chunk: Int) throws {
        #expect(try Self.tokens(Self.document, chunk: chunk) == ["\"\n\"", "\"\n\""] + Self.expected)
    }

    @Test("refuses broken XML", arguments: [
        ("<a", "the document ends inside a tag"),
        ("<a b=\"1></a>", "the document ends inside a tag"),
        ("<a b></a>", "an attribute without a value"),
        ("<a b=1></a>", "an attribute value without quotes"),
        ("<!DOCTYPE x [<!ENTITY a \"aaaa\">]><x>&a;</x>", "document type declarations are not allowed"),
        ("< a/>", "a '<' that starts no tag"),
        ("<a / >", "a '/' inside a tag"),
    ])
    func refuses(xml: String, reason: String) {
        #expect(throws: WorkbookError.malformedXML(part: "test.xml", reason: reason)) { _ = try Self.tokens(xml) }
    }

    @Test func refusesUTF16() {
        #expect(throws: WorkbookError.malformedXML(part: "test.xml", reason: "UTF-16 XML is not supported")) {
            _ = try Self.tokens(bytes: [0xFF, 0xFE, 0x3C, 0x00, 0x61, 0x00], chunk: 1)
        }
    }

    @Test func keepsUnknownReferencesAsWritten() throws {
        #expect(try Self.tokens("<t>&nbsp; &#xZZ; & &#1114112;</t>") == ["<t>", "\"&nbsp; &#xZZ; & \u{FFFD}\"", "</t>"])
    }

    @Test func escapesForOutput() {
        var bytes: [UInt8] = []
        XMLText.appendEscaped("a<b>&\"c\"\t\n\r\u{1}", to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "a&lt;b&gt;&amp;\"c\"\t\n&#13;")
        bytes = []
        XMLText.appendEscaped("\"x\"\n", to: &bytes, attribute: true)
        #expect(String(decoding: bytes, as: UTF8.self) == "&quot;x&quot;&#10;")
    }
}

struct XMLTokenizerMemoryTests {
    /// Rows of sheet XML made on the fly, `size` bytes at a time.
    struct RowSource: ChunkSource {
        var rows: Int
        var next = 1
        var started = false
        mutating func read(appendingTo buffer: inout [UInt8]) throws(ZipError) -> Bool {
            if !started {
                started = true
                buffer.append(contentsOf: "<worksheet><sheetData>".utf8)
                return true
            }
            guard next <= rows else { return false }
            var chunk = ""
            while next <= rows, chunk.utf8.count < 256 << 10 {
                chunk += "<row r=\"\(next)\"><c r=\"A\(next)\" t=\"inlineStr\"><is><t>张三\(next)</t></is></c><c r=\"B\(next)\"><v>\(next)</v></c></row>"
                next += 1
            }
            if next > rows { chunk += "</sheetData></worksheet>" }
            buffer.append(contentsOf: chunk.utf8)
            return true
        }
    }

    @Test func holdsOneChunkAndTheLongestTokenWhateverTheDocumentSize() throws {
        var tokens = XMLTokenizer(RowSource(rows: 60_000), part: "sheet.xml")
        var largest = 0, rows = 0
        while try tokens.next() {
            largest = max(largest, tokens.buffer.count)
            if tokens.kind == .endTag, tokens.isNamed("row") { rows += 1 }
        }
        #expect(rows == 60_000)  // about 6 MB of XML
        #expect(largest < 600 << 10)
    }

    @Test func refusesATokenLongerThanTheLimit() {
        struct Endless: ChunkSource {
            let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1 << 20)
            mutating func read(appendingTo buffer: inout [UInt8]) throws(ZipError) -> Bool {
                buffer.append(contentsOf: chunk)
                return true
            }
        }
        var tokens = XMLTokenizer(Endless(), part: "sheet.xml")
        #expect(throws: WorkbookError.malformedXML(part: "sheet.xml", reason: "a tag or text is longer than 4194304 bytes")) {
            while try tokens.next() {}
        }
    }
}
