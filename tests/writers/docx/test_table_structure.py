"""A table's structure in Word, read back from the .docx: spans (``w:gridSpan``, ``w:vMerge``),
rows that never split, list paragraphs in cells, row headers and short tables kept whole; and
in the PDF LibreOffice exports from it, the spans and header cells of its structure tree."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest
from lxml import etree

from reportgen.boilerplate import Boilerplate
from reportgen.document import Cell, Document, Row, Table, Text
from reportgen.pipeline import build
from reportgen.writers.docx import render_docx
from reportgen.writers.docx.accessibility import check_docx
from reportgen.writers.docx.tables import SHORT_TABLE_ROWS
from reportgen.writers.pdf import export_filter
from tests.conftest import LibreOffice
from tests.writers.docx.test_writer import NS, Written

HERE = Path(__file__).resolve().parent
CASE = HERE.parent.parent / "resolve" / "cells" / "tables.yaml"
BASE = HERE.parent.parent / "resolve" / "figures" / "base.yaml"


def tables_document(boilerplate: Boilerplate, tmp_path: Path) -> Document:
    target = tmp_path / "tables.yaml"
    target.write_text(
        CASE.read_text(encoding="utf-8") + BASE.read_text(encoding="utf-8"), encoding="utf-8"
    )
    return build(target, boilerplate)


@pytest.fixture
def written(boilerplate: Boilerplate, tmp_path: Path) -> Written:
    return Written(render_docx(tables_document(boilerplate, tmp_path)))


def _tables(written: Written) -> list[etree._Element]:
    return list(written.body.iter(f"{{{NS['w']}}}tbl"))


def _text(element: etree._Element) -> str:
    return "".join(element.xpath(".//w:t/text()", namespaces=NS))


def test_a_cell_spanning_rows_is_merged_down_and_one_spanning_columns_across(
    written: Written,
) -> None:
    plan = _tables(written)[0]
    rows = plan.xpath("w:tr", namespaces=NS)
    first = rows[1].xpath("w:tc", namespaces=NS)[0]
    below = rows[2].xpath("w:tc", namespaces=NS)[0]
    assert _text(first) == "Listening Spaces"
    assert first.xpath("w:tcPr/w:vMerge/@w:val", namespaces=NS) == ["restart"]
    assert below.xpath("w:tcPr/w:vMerge/@w:val", namespaces=NS) == ["continue"]
    assert _text(below) == ""
    # every row fills the grid: three cells where nothing spans
    assert [len(r.xpath("w:tc", namespaces=NS)) for r in rows] == [3, 3, 3, 1, 3]
    [across] = rows[3].xpath("w:tc", namespaces=NS)
    assert across.xpath("w:tcPr/w:gridSpan/@w:val", namespaces=NS) == ["3"]


def test_no_row_splits_and_the_header_row_repeats(written: Written) -> None:
    for tbl in _tables(written):
        for tr in tbl.xpath("w:tr", namespaces=NS):
            assert tr.xpath("w:trPr/w:cantSplit", namespaces=NS)
    plan = _tables(written)[0]
    headers = [
        bool(tr.xpath("w:trPr/w:tblHeader", namespaces=NS))
        for tr in plan.xpath("w:tr", namespaces=NS)
    ]
    assert headers == [True, False, False, False, False]


def test_bullets_and_numbered_items_in_a_cell_are_word_list_paragraphs(written: Written) -> None:
    plan = _tables(written)[0]
    details = plan.xpath("w:tr[5]/w:tc[2]", namespaces=NS)[0]
    paras = details.xpath("w:p", namespaces=NS)
    assert [_text(p) for p in paras] == ["Provision includes:", "one", "two", "three", "three-a"]
    levels = [p.xpath("w:pPr/w:numPr/w:ilvl/@w:val", namespaces=NS) for p in paras]
    assert levels == [[], ["0"], ["0"], ["0"], ["1"]]
    numbered = plan.xpath("w:tr[5]/w:tc[3]/w:p", namespaces=NS)
    assert [_text(p) for p in numbered] == ["First paragraph", "first", "second", "under"]
    num_ids = [p.xpath("w:pPr/w:numPr/w:numId/@w:val", namespaces=NS) for p in numbered]
    assert num_ids[1] == num_ids[2] and num_ids[1] != num_ids[3]
    # the numbered items' list counts 1., 2. in decimal
    [fmt] = written.numbering.xpath(
        f"w:abstractNum[@w:abstractNumId=//w:num[@w:numId='{num_ids[1][0]}']/w:abstractNumId/@w:val]"
        "/w:lvl[@w:ilvl='0']/w:numFmt/@w:val",
        namespaces=NS,
    )
    assert fmt == "decimal"


def test_row_headers_take_the_row_heading_style_and_first_column_look(written: Written) -> None:
    glossary = _tables(written)[1]
    assert glossary.xpath("w:tblPr/w:tblLook/@w:firstColumn", namespaces=NS) == ["1"]
    assert glossary.xpath("w:tblPr/w:tblLook/@w:firstRow", namespaces=NS) == ["0"]
    styles = [
        tr.xpath("w:tc/w:p[1]/w:pPr/w:pStyle/@w:val", namespaces=NS)
        for tr in glossary.xpath("w:tr", namespaces=NS)
    ]
    [heading] = written.styles.xpath(
        "w:style[w:name/@w:val='Table Heading']/@w:styleId", namespaces=NS
    )
    assert [s[0] for s in styles] == [heading, heading]
    assert styles[0][1] != heading


def test_a_short_table_keeps_every_row_but_its_last_with_the_next(written: Written) -> None:
    glossary = _tables(written)[1]
    keeps = [
        bool(tr.xpath("w:tc[1]/w:p[1]/w:pPr/w:keepNext", namespaces=NS))
        for tr in glossary.xpath("w:tr", namespaces=NS)
    ]
    assert len(keeps) <= SHORT_TABLE_ROWS
    assert keeps == [True, False]


def table_cells(pdf: Path) -> list[tuple[str, dict[str, int | str]]]:
    """The table cells of the PDF's structure tree in order: their type and table attributes."""
    found: list[tuple[str, dict[str, int | str]]] = []

    def walk(node: object) -> None:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)
            return
        if not isinstance(node, pikepdf.Dictionary):
            return
        kind = str(node.get("/S", ""))
        if kind in ("/TD", "/TH", "/TR"):
            attributes = node.get("/A")
            found_attrs: dict[str, int | str] = {}
            for a in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
                if isinstance(a, pikepdf.Dictionary) and a.get("/O") == "/Table":
                    for key in ("/RowSpan", "/ColSpan", "/Scope"):
                        if key in a:
                            value = a[key]
                            found_attrs[key] = int(value) if key != "/Scope" else str(value)
            found.append((kind, found_attrs))
        if "/K" in node:
            walk(node["/K"])

    with pikepdf.open(pdf) as document:
        walk(document.Root.StructTreeRoot.K)
    return found


def test_the_pdf_tags_spans_and_header_cells(
    boilerplate: Boilerplate, libreoffice: LibreOffice, tmp_path: Path
) -> None:
    source = tmp_path / "tables.docx"
    source.write_bytes(render_docx(tables_document(boilerplate, tmp_path)))
    libreoffice.convert([source], export_filter(), tmp_path)
    cells = table_cells(tmp_path / "tables.pdf")
    kinds = "".join({"/TR": "|", "/TD": "d", "/TH": "h"}[k] for k, _ in cells)
    assert kinds.startswith("|hhh|ddd|dd|d|ddd|hd|hd|")  # the plan, then the glossary's row headers
    spans = [attrs for _, attrs in cells if "/RowSpan" in attrs or "/ColSpan" in attrs]
    assert spans[:2] == [{"/RowSpan": 2}, {"/ColSpan": 3}]


def test_a_table_of_row_headers_without_a_header_row_is_accessible(
    boilerplate: Boilerplate, tmp_path: Path
) -> None:
    document = tables_document(boilerplate, tmp_path)
    glossary = [b for b in document.blocks if isinstance(b, Table)][1]
    faults = check_docx(render_docx(replace(document, blocks=(glossary,))))
    assert faults == []
    plain = replace(glossary, rows=tuple(_no_headers(row) for row in glossary.rows))
    [fault] = check_docx(render_docx(replace(document, blocks=(plain,))))
    assert fault.code == "table-header"


def _no_headers(row: Row) -> Row:
    return replace(row, cells=tuple(replace(c, header=False) for c in row.cells))


def test_a_few_rows_too_tall_to_move_whole_are_not_kept_together(
    boilerplate: Boilerplate, tmp_path: Path
) -> None:
    document = tables_document(boilerplate, tmp_path)
    long = " ".join(["a long finding of many words"] * 40)
    rows = (
        Row("header", (Cell((Text("Date"),)), Cell((Text("Finding"),)))),
        *(Row("body", (Cell((Text(f"{n}"),)), Cell((Text(long),)))) for n in range(4)),
    )
    tall = Table(rows, title="Findings")
    [tbl] = Written(render_docx(replace(document, blocks=(tall,)))).body.iter(f"{{{NS['w']}}}tbl")
    keeps = [
        bool(tr.xpath("w:tc[1]/w:p[1]/w:pPr/w:keepNext", namespaces=NS))
        for tr in tbl.xpath("w:tr", namespaces=NS)
    ]
    assert len(rows) <= SHORT_TABLE_ROWS
    # the header and the first two rows keep together, the last two: no more
    assert keeps == [True, True, False, True, False]
