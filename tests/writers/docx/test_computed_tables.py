"""Typed tables' units and negative style in the .docx: units of money under the column titles
(``unit_heading``) and a report's ``negative: brackets``, read back from the file written."""

from __future__ import annotations

from pathlib import Path

import docx

from reportgen import api
from tests.resolve.cases import CASES


def _rows(tmp_path: Path) -> list[list[str]]:
    report = tmp_path / "units.yaml"
    report.write_text(
        (CASES / "valid/unit-headings.yaml").read_text(encoding="utf-8")
        + (CASES / "base.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    out = tmp_path / "units.docx"
    api.build([report], output=out)
    [table] = docx.Document(str(out)).tables
    return [[cell.text for cell in row.cells] for row in table.rows]


def test_unit_headings_and_brackets_in_word(tmp_path: Path) -> None:
    header, row, total = _rows(tmp_path)
    assert header == ["Item", "Budget\n£'000", "Spent\n£", "Left", "Cost £", "Plain"]
    assert row == ["A thing", "1,200", "(1,000)", "(3)", "(5)", "(£7)"]
    assert total == ["Total", "1,200", "(1,000)", "(3)", "(5)", "(£7)"]


def test_the_rounding_note_follows_its_table_and_keeps_with_it(tmp_path: Path) -> None:
    """A table of ledger totals that differ from its rows: the note is the paragraph after the
    table, and the table's last row keeps with it (w:keepNext), so no page starts with it."""
    from docx.oxml.ns import qn

    report = tmp_path / "ledger.yaml"
    report.write_text(
        (CASES / "valid/ledger.yaml").read_text(encoding="utf-8")
        + (CASES / "base.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    out = tmp_path / "ledger.docx"
    api.build([report], output=out)
    body = docx.Document(str(out)).element.body
    tbl = body.find(qn("w:tbl"))
    assert tbl is not None
    last = tbl.findall(qn("w:tr"))[-1]
    cells = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in last.iter(qn("w:p"))]
    assert cells == ["Net position", "214,000", "129,600"]
    assert all(
        p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None for p in last.iter(qn("w:p"))
    )
    after = tbl.getnext()
    assert after is not None
    assert "".join(t.text or "" for t in after.iter(qn("w:t"))) == (
        "Figures may not sum because of rounding."
    )
