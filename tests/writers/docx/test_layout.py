"""Layout in Word and in LibreOffice's PDF: a paragraph's own lists restart, a landscape run of
blocks is a landscape section, a wide table's columns hold their longest words and its
headings break only between words, and the closing sections keep with what precedes them.

The fixture, tests/writers/docx/layout/landscape.yaml, is built once to .docx, PDF and HTML.
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
from lxml import etree

from reportgen import api
from reportgen.writers.docx import tables
from tests.conftest import LibreOffice

HERE = Path(__file__).resolve().parent / "layout"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def w(name: str) -> str:
    return f"{{{W}}}{name}"


@dataclass(frozen=True)
class Built:
    docx: Path
    pdf: Path
    html: str
    body: etree._Element
    numbering: etree._Element
    styles: etree._Element

    def text(self) -> str:
        """The PDF's text as pdftotext lays it out."""
        return subprocess.run(
            ["pdftotext", "-layout", str(self.pdf), "-"], check=True, capture_output=True, text=True
        ).stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, libreoffice: LibreOffice) -> Built:
    out = tmp_path_factory.mktemp("layout")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REPORTGEN_SOFFICE", libreoffice.program)
        api.build([HERE / "landscape.yaml"], out_dir=out, to="docx,pdf,html")
    docx = out / "landscape.docx"
    with zipfile.ZipFile(docx) as package:
        parts = {
            n: etree.fromstring(package.read(n))
            for n in package.namelist()
            if "word/" in n and n.endswith(".xml")
        }
    return Built(
        docx,
        out / "landscape.pdf",
        (out / "landscape.html").read_text("utf-8"),
        parts["word/document.xml"].find("w:body", NS),
        parts["word/numbering.xml"],
        parts["word/styles.xml"],
    )


def paragraph_text(p: etree._Element) -> str:
    return "".join(p.itertext())


def test_each_own_list_is_a_word_list_of_its_own_in_its_form(built: Built) -> None:
    items = {
        paragraph_text(p): p.find("w:pPr/w:numPr/w:numId", NS).get(w("val"))
        for p in built.body.iter(w("p"))
        if p.find("w:pPr/w:numPr/w:numId", NS) is not None
    }
    assert items["to listen"] == items["to act"]
    assert items["to learn"] == items["to share"] == items["to lead"]
    assert items["to listen"] != items["to learn"]

    def level(num_id: str) -> tuple[str, str, str]:
        num = built.numbering.find(f"w:num[@w:numId='{num_id}']", NS)
        abstract_id = num.find("w:abstractNumId", NS).get(w("val"))
        lvl = built.numbering.find(f"w:abstractNum[@w:abstractNumId='{abstract_id}']/w:lvl", NS)
        return tuple(  # type: ignore[return-value]
            lvl.find(f"w:{k}", NS).get(w("val")) for k in ("start", "numFmt", "lvlText")
        )

    assert level(items["to listen"]) == ("1", "decimal", "%1)")
    assert level(items["to learn"]) == ("1", "lowerRoman", "%1.")


def test_the_pdf_prints_the_lists_restarting_in_their_forms(built: Built) -> None:
    lines = [" ".join(line.split()) for line in built.text().splitlines()]
    assert "1) to listen" in lines and "2) to act" in lines
    assert "i. to learn" in lines and "ii. to share" in lines and "iii. to lead" in lines


def sections(body: etree._Element) -> list[etree._Element]:
    """Every section's properties, in order: the section breaks' and the body's own last."""
    return [*body.iterfind(".//w:pPr/w:sectPr", NS), body.find("w:sectPr", NS)]


def test_a_landscape_run_is_a_landscape_section_between_portrait_ones(built: Built) -> None:
    found = sections(built.body)
    sizes = [
        (
            s.find("w:pgSz", NS).get(w("w")),
            s.find("w:pgSz", NS).get(w("h")),
            s.find("w:pgSz", NS).get(w("orient")),
        )
        for s in found
    ]
    assert sizes == [
        ("11906", "16838", None),
        ("16838", "11906", "landscape"),
        ("11906", "16838", None),
    ]
    # every section keeps the template's footer
    assert all(s.find("w:footerReference", NS) is not None for s in found)
    # the landscape section ends after the table, before the paragraph that follows it
    ends = [p for p in built.body.iter(w("p")) if p.find("w:pPr/w:sectPr", NS) is not None]
    assert "to lead" in paragraph_text(ends[0]) or paragraph_text(ends[0]) == ""


def test_the_pdfs_pages_turn_to_landscape_and_back(built: Built) -> None:
    with pikepdf.open(built.pdf) as pdf:
        shapes = ["landscape" if p.mediabox[2] > p.mediabox[3] else "portrait" for p in pdf.pages]
    assert shapes == ["portrait", "landscape", "portrait"]
    pages = built.text().split("\f")
    assert "Performance measures" in pages[1] and "after the table" in pages[2]


def test_the_html_prints_the_run_on_landscape_pages(built: Built) -> None:
    assert "@page landscape" in built.html and "page: landscape" in built.html
    run = built.html.split('<div class="landscape">', 1)[1].split("</div>\n</div>", 1)[0]
    assert "Performance measures" in run and "after the table" not in run


def test_no_column_is_narrower_than_its_longest_word(built: Built) -> None:
    [table] = built.body.iter(w("tbl"))
    grid = [int(c.get(w("w"))) for c in table.iterfind("w:tblGrid/w:gridCol", NS)]
    style = table.find(".//w:tc/w:p/w:pPr/w:pStyle", NS).get(w("val"))
    size = int(built.styles.find(f"w:style[@w:styleId='{style}']/w:rPr/w:sz", NS).get(w("val"))) / 2
    assert size == 8  # the profile's size for wide tables (look.yaml)
    for r, tr in enumerate(table.iterfind("w:tr", NS)):
        for c, tc in enumerate(tr.iterfind("w:tc", NS)):
            text = "".join(tc.itertext())
            for word in re.split(f"[\\s{tables.BREAK_HERE}]+", text):
                need = tables.text_width(word, size, bold=r == 0)
                assert need <= grid[c], (word, need, grid[c])


def test_headings_are_joined_at_their_slashes_and_words_break_after_a_slash(built: Built) -> None:
    [table] = built.body.iter(w("tbl"))
    header, row = list(table.iterfind("w:tr", NS))[:2]
    headings = ["".join(tc.itertext()) for tc in header.iterfind("w:tc", NS)]
    assert f"2019/{tables.WORD_JOINER}20" in headings and f"Aug-{tables.WORD_JOINER}21" in headings
    assert f"reablement/{tables.BREAK_HERE}rehabilitation" in "".join(row.itertext())
    assert "N/A" in "".join(table.itertext())  # a slash between single letters is not a break


def test_the_pdf_breaks_no_word_of_the_wide_table(built: Built) -> None:
    words = set(re.findall(r"[\w/%-]+", built.text().replace(tables.WORD_JOINER, "")))
    assert "rehabilitation" in words or "reablement/rehabilitation" in words
    assert not {w for w in words if w.startswith("rehabilitat") and w != "rehabilitation"}
    assert {"2019/20", "2020/21", "Aug-21"} <= words
    assert not words & {"2019/", "Aug-"}


def test_the_closing_sections_keep_with_what_precedes_them(built: Built) -> None:
    paragraphs = list(built.body.iter(w("p")))
    texts = [paragraph_text(p) for p in paragraphs]
    heading = texts.index("Electoral Division(s) and Member(s) Affected")
    contact = max(i for i, t in enumerate(texts) if "0115 8546256" in t)
    styles = {
        s.get(w("styleId")): s.find("w:pPr/w:keepNext", NS) is not None
        for s in built.styles.iterfind("w:style", NS)
    }

    def kept(p: etree._Element) -> bool:
        style = p.find("w:pPr/w:pStyle", NS)
        by_style = style is not None and styles.get(style.get(w("val")), False)
        return p.find("w:pPr/w:keepNext", NS) is not None or by_style

    # the last contact, the background papers and the divisions' heading keep with the next
    assert [kept(p) for p in paragraphs[contact : heading + 1]] == [True] * (heading - contact + 1)
    assert texts[-1] == "All." and not kept(paragraphs[-1])
