"""reportgen audit: the published reports' totals, numbers, references and dates, as a finance
or governance officer reads them; the command's exit codes and JSON."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from docx import Document

from reportgen import api
from reportgen.cli import main

FIXTURES = Path(__file__).parent / "fixtures"


def _findings(path: Path) -> list[tuple[str, str, str, str]]:
    (audited,) = api.audit([path])
    return [(f.kind, f.where, f.printed, f.expected) for f in audited.findings]


def test_seed_001_as_published_reports_its_two_wrong_totals() -> None:
    found = _findings(FIXTURES / "seed-001.docx")
    assert ("total", "table 4, row 8 ('TOTAL')", "262,816", "262,813") in found
    assert ("total", "table 10, row 32 ('Sub Total:')", "£262,816", "£262,813") in found
    assert ("total", "table 10, row 67 ('TOTAL COST:')", "£3,342,243", "£3,342,238") in found
    assert len(found) == 3
    (audited,) = api.audit([FIXTURES / "seed-001.docx"])
    total = audited.findings[-1].message
    assert "sub-totals as printed add to £3,342,241" in total


def test_item_5_as_published_reports_its_total_numbering_and_date() -> None:
    found = _findings(FIXTURES / "item-05.docx")
    assert found[0] == ("total", "table 2, row 5 ('Total')", "£358,917", "£358,918")
    assert ("recommendation", "recommendation 3)", "3)", "2)") in found
    assert ("date", found[2][1], "028/03/22", "28/03/22") in found
    assert "Financial Comments" in found[2][1]
    assert len(found) == 3


def test_references_dates_and_word_numbered_recommendations(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("Information", style="Heading 1")
    doc.add_paragraph("1. As paragraphs 2 and 7 say, the date is 31 February 2022.")
    doc.add_paragraph("2. See paragraphs 1 to 2; agreed on 14/13/21 and on 1st March 2022.")
    doc.add_paragraph("RECOMMENDATION/S")
    for text in ("approves the plan", "approves the money", "approves the posts"):
        doc.add_paragraph(text, style="List Number")
    path = tmp_path / "r.docx"
    doc.save(path)
    found = _findings(path)
    assert ("reference", "paragraph 1", "paragraphs 2 and 7", "1–2") in found
    assert ("date", "paragraph 1", "31 February 2022", "") in found
    assert ("date", "paragraph 2", "14/13/21", "") in found
    assert [f for f in found if f[0] == "recommendation"] == []  # Word's numbers run 1, 2, 3
    assert len(found) == 3


def test_the_command_over_a_folder_summarises_and_exits_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["audit", str(FIXTURES)])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Audited 2 Word file(s): 6 finding(s) in 2 file(s)."
    assert "seed-001.docx: 3 total(s), 0 recommendation number(s)" in lines[2]
    as_json = CliRunner().invoke(main, ["audit", "--format", "json", str(FIXTURES)])
    assert as_json.exit_code == 1
    data = json.loads(as_json.output)
    assert data["findings"] == 6
    item = data["files"][0]
    assert item["counts"] == {"total": 1, "recommendation": 1, "reference": 0, "date": 1}
    assert item["findings"][0]["printed"] == "£358,917"


def test_a_report_reportgen_built_has_nothing_to_find(tmp_path: Path) -> None:
    built = api.build([Path("reports/examples/co-production.yaml")], out_dir=tmp_path, to="docx")
    result = CliRunner().invoke(main, ["audit", *map(str, built)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == "Nothing found."


def test_a_file_that_is_not_word_is_a_problem_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "notes.docx"
    bad.write_text("hello", encoding="utf-8")
    result = CliRunner().invoke(main, ["audit", str(bad)])
    assert result.exit_code == 2
    assert "error W901" in result.output
    empty = tmp_path / "empty"
    empty.mkdir()
    assert CliRunner().invoke(main, ["audit", str(empty)]).exit_code == 2


def test_references_to_paragraphs_numbered_by_section(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("4. Background", style="Heading 1")
    doc.add_paragraph("4.1\tThe forecast is in paragraph 4.2.")
    doc.add_paragraph("4.2\tThe plan, unlike paragraph 4.3, is costed.")
    path = tmp_path / "s.docx"
    doc.save(path)
    assert _findings(path) == [("reference", "paragraph 4.2", "paragraph 4.3", "4.1–4.2")]
