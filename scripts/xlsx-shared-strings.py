#!/usr/bin/env python3
"""Rewrites an .xlsx so its text cells use a shared string table, as Excel and WPS save.

openpyxl (3.1) writes every string as an inline string; Excel writes `t="s"` cells that
index `xl/sharedStrings.xml`. This turns the first kind into the second (same texts, one
table entry per distinct text, in first-use order) and adds the part, its relationship
and its content type. A test-time and benchmark tool. Usage: xlsx-shared-strings.py IN OUT
"""
import re, sys, zipfile

CELL = re.compile(r'<c ([^>]*?)t="inlineStr"([^>]*)><is><t(?: xml:space="preserve")?>(.*?)</t></is></c>', re.S)
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"

def main(source, target):
    strings, index = [], {}
    def share(match):
        text = match.group(3)
        if text not in index:
            index[text] = len(strings)
            strings.append(text)
        return f'<c {match.group(1)}t="s"{match.group(2)}><v>{index[text]}</v></c>'
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        parts = {name: zin.read(name) for name in zin.namelist()}
        for name, data in parts.items():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                parts[name] = CELL.sub(share, data.decode("utf-8")).encode("utf-8")
        table = "".join(f'<si><t xml:space="preserve">{text}</t></si>' for text in strings)
        parts["xl/sharedStrings.xml"] = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                                         f'<sst xmlns="{MAIN}" count="{len(strings)}" uniqueCount="{len(strings)}">{table}</sst>').encode("utf-8")
        rels = parts["xl/_rels/workbook.xml.rels"].decode("utf-8")
        parts["xl/_rels/workbook.xml.rels"] = rels.replace(
            "</Relationships>", f'<Relationship Id="rIdShared" Type="{REL}" Target="sharedStrings.xml"/></Relationships>').encode("utf-8")
        types = parts["[Content_Types].xml"].decode("utf-8")
        parts["[Content_Types].xml"] = types.replace(
            "</Types>", f'<Override PartName="/xl/sharedStrings.xml" ContentType="{TYPE}"/></Types>').encode("utf-8")
        for name, data in parts.items():
            zout.writestr(name, data)

if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
