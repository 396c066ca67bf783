"""Make the Kingsmere profile's Word template: the bundled report.docx with its header block
replaced by Kingsmere's header table (label and field in each row).

Run from the checkout's root: `.venv/bin/python tools/kingsmere_template.py`; it writes
reportgen/profiles/kingsmere/report.docx. The fields are header.yaml's. A row whose field is
empty would print its label over nothing, so every row is a required field; the agenda item,
which a report has only in a meeting, is a line of its own above the title
(``{{ agenda_item | line }}``, nothing when it is empty).
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "reportgen" / "templates" / "report.docx"
TARGET = ROOT / "reportgen" / "profiles" / "kingsmere" / "report.docx"

ROWS = [
    ("Report to", "{{ committee }}"),
    ("Date of meeting", "{{ date }}"),
    ("Report of", "{{ report_of }}"),
    ("Contact officer", "{{ contact_officer }}"),
    ("Wards affected", "{{ wards_affected }}"),
    ("Publication status", "{{ publication_status }}"),
    ("Report number", "{{ reference }}"),
]

WIDTHS = (Cm(4.5), Cm(11.5))
"""The label and value columns."""


def _borders(table: docx.table.Table, colour: str) -> None:
    """Thin rules between the rows, in the council's colour."""
    properties = table._tbl.tblPr
    borders = etree.SubElement(properties, qn("w:tblBorders"))
    for edge in ("top", "bottom", "insideH"):
        rule = etree.SubElement(borders, qn(f"w:{edge}"))
        rule.set(qn("w:val"), "single")
        rule.set(qn("w:sz"), "4")
        rule.set(qn("w:color"), colour)


def _heading_row(row: docx.table._Row, text: str) -> None:
    """The table's header row: ``text`` across both columns, white on the council's colour,
    repeated on each page and read as the header by screen readers."""
    etree.SubElement(row._tr.get_or_add_trPr(), qn("w:tblHeader"))
    cell = row.cells[0].merge(row.cells[1])
    shading = etree.SubElement(cell._tc.get_or_add_tcPr(), qn("w:shd"))
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), "005F61")
    run = cell.paragraphs[0].add_run(text)
    run.bold = True
    run.font.size = Pt(11)
    run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)


def main() -> None:
    """Write the template."""
    document = docx.Document(str(SOURCE))
    paragraphs = document.paragraphs
    title = next(p for p in paragraphs if "{{ title }}" in p.text)
    for paragraph in paragraphs:
        parent = paragraph._p.getparent()
        if paragraph is not title and "{{" in paragraph.text and parent is not None:
            parent.remove(paragraph._p)
    table = document.add_table(rows=len(ROWS) + 1, cols=2)
    table.autofit = False
    _borders(table, "005F61")
    caption = etree.SubElement(table._tbl.tblPr, qn("w:tblCaption"))
    caption.set(qn("w:val"), "Report details")  # the table's title, for screen readers
    for column, width in zip(table.columns, WIDTHS, strict=True):
        column.width = width
    _heading_row(table.rows[0], "Report details")
    for row, (label, field) in zip(table.rows[1:], ROWS, strict=True):
        row.cells[0].width, row.cells[1].width = WIDTHS
        for cell, text, bold in ((row.cells[0], label, True), (row.cells[1], field, False)):
            run = cell.paragraphs[0].add_run(text)
            run.bold = bold
            run.font.size = Pt(11)
    title.insert_paragraph_before("{{ agenda_item | line }}", style="Report Date")
    title._p.addnext(table._tbl)
    document.core_properties.title = "Kingsmere City Council report"
    document.save(str(TARGET))


if __name__ == "__main__":
    main()
