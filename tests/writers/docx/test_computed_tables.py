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
