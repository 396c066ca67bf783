"""The Word reader: paragraphs, numbers (Word's and typed), runs, links and merged cells read
back from files made with python-docx; untrusted files refused with W9xx problems."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from reportgen.errors import ReportError
from reportgen.word.read import Paragraph, read_word

NUMBERING = f"""<w:abstractNum {nsdecls("w")} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="5"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1)"/>
  </w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/>
  </w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="%1.%3"/>
  </w:lvl>
</w:abstractNum>"""


def _numbered(doc: object, text: str, level: int) -> None:
    p = doc.add_paragraph(text)  # type: ignore[attr-defined]
    ppr = p._p.get_or_add_pPr()
    ppr.append(
        parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'
        )
    )


def _docx(path: Path) -> Path:
    doc = Document()
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(NUMBERING))
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    doc.add_heading("Purpose of the Report", 1)
    _numbered(doc, "First", 0)
    _numbered(doc, "Under it", 1)
    _numbered(doc, "Again under it", 1)
    _numbered(doc, "Deeper", 2)
    _numbered(doc, "Second", 0)
    _numbered(doc, "Restarted under the second", 1)
    doc.add_paragraph("12. Typed by hand")
    doc.add_paragraph("(b) A letter typed")
    doc.add_paragraph("• A bullet typed")
    doc.add_paragraph("A list number from the style", style="List Number")
    p = doc.add_paragraph("Plain ")
    p.add_run("bold").bold = True
    p.add_run(" and ")
    p.add_run("italic").italic = True
    table = doc.add_table(rows=3, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Across two"
    table.cell(0, 2).text = "Top right"
    table.cell(1, 0).merge(table.cell(2, 0)).text = "Down two"
    table.cell(1, 1).text = "£1,000"
    table.cell(2, 2).text = "(1,013)"
    doc.save(path)
    return path


def test_word_numbering_is_counted_as_word_counts(tmp_path: Path) -> None:
    word = read_word(_docx(tmp_path / "n.docx"))
    numbers = [(p.number, p.numbering, p.level, p.text) for p in word.paragraphs() if p.number]
    assert numbers[:6] == [
        ("5)", "word", 0, "First"),
        ("(a)", "word", 1, "Under it"),
        ("(b)", "word", 1, "Again under it"),
        ("5.i", "word", 2, "Deeper"),
        ("6)", "word", 0, "Second"),
        ("(a)", "word", 1, "Restarted under the second"),
    ]
    assert numbers[6:9] == [
        ("12.", "typed", 0, "Typed by hand"),
        ("(b)", "typed", 0, "A letter typed"),
        ("•", "typed", 0, "A bullet typed"),
    ]
    assert numbers[9][1] == "word" and numbers[9][3] == "A list number from the style"


def test_headings_runs_and_merged_cells(tmp_path: Path) -> None:
    word = read_word(_docx(tmp_path / "n.docx"))
    first = next(word.paragraphs())
    assert (first.style, first.outline, first.text) == ("Heading 1", 0, "Purpose of the Report")
    mixed = next(p for p in word.paragraphs() if p.text.startswith("Plain"))
    assert [(r.text, r.bold, r.italic) for r in mixed.runs] == [
        ("Plain ", False, False),
        ("bold", True, False),
        (" and ", False, False),
        ("italic", False, True),
    ]
    (table,) = word.tables()
    cells = [[(c.text, c.rows, c.columns) for c in row] for row in table.rows]
    assert cells == [
        [("Across two", 1, 2), ("Top right", 1, 1)],
        [("Down two", 2, 1), ("£1,000", 1, 1), ("", 1, 1)],
        [("", 1, 1), ("(1,013)", 1, 1)],
    ]
    assert table.grid()[1] == ["Down two", "£1,000", ""]


def test_a_hyperlink_keeps_its_target(tmp_path: Path) -> None:
    doc = Document()
    p = doc.add_paragraph("See ")
    rid = doc.part.relate_to(
        "https://example.org/paper",
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink",
        is_external=True,
    )
    link = parse_xml(
        f'<w:hyperlink {nsdecls("w", "r")} r:id="{rid}"><w:r><w:t>the paper</w:t></w:r>'
        "</w:hyperlink>"
    )
    p._p.append(link)
    doc.save(tmp_path / "l.docx")
    (para,) = read_word(tmp_path / "l.docx").paragraphs()
    assert isinstance(para, Paragraph)
    assert [(r.text, r.link) for r in para.runs] == [
        ("See ", None),
        ("the paper", "https://example.org/paper"),
    ]


def _zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _parts(docx: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(docx) as archive:
        return {n: archive.read(n) for n in archive.namelist()}


def _codes(path: Path) -> list[str]:
    with pytest.raises(ReportError) as caught:
        read_word(path)
    assert all(p.where.file == str(path) for p in caught.value.problems)
    return [p.code for p in caught.value.problems]


def test_untrusted_files_are_refused(tmp_path: Path) -> None:
    plain = tmp_path / "plain.docx"
    plain.write_text("not a zip", encoding="utf-8")
    assert _codes(plain) == ["W901"]
    assert _codes(tmp_path) == ["W901"]
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    encrypted = tmp_path / "secret.docx"
    encrypted.write_bytes(ole + b"\0" * 512 + "EncryptionInfo".encode("utf-16-le"))
    assert _codes(encrypted) == ["W902"]
    old = tmp_path / "old.doc"
    old.write_bytes(ole + b"\0" * 512)
    assert _codes(old) == ["W903"]
    good = _docx(tmp_path / "good.docx")
    docm = tmp_path / "good.docm"
    docm.write_bytes(good.read_bytes())
    assert _codes(docm) == ["W904"]
    parts = _parts(good)
    with_macros = dict(parts)
    with_macros["word/vbaProject.bin"] = b"\0" * 64
    assert _codes(_zip(tmp_path / "macros.docx", with_macros)) == ["W904"]
    bomb = dict(parts)
    bomb["word/media/big.bin"] = b"\0" * (8 << 20)
    assert _codes(_zip(tmp_path / "bomb.docx", bomb)) == ["W905"]
    many = dict(parts)
    many.update({f"word/x/{n}.xml": b"<x/>" for n in range(1001)})
    assert _codes(_zip(tmp_path / "many.docx", many)) == ["W905"]
    broken = dict(parts)
    broken["word/styles.xml"] = b"<w:styles"
    assert _codes(_zip(tmp_path / "broken.docx", broken)) == ["W906"]
    nothing = _zip(tmp_path / "nothing.docx", {"a.txt": b"hello"})
    assert _codes(nothing) == ["W901"]


def test_nothing_is_read_into_memory_past_the_limits(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b" " * (60 << 20))
    path = tmp_path / "huge.docx"
    path.write_bytes(buffer.getvalue())
    assert _codes(path) == ["W905"]
    assert qn("w:p")  # the namespace helper is the one the writer's tests use
