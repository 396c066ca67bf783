"""What every sheet shares: its frame, its accessibility, its wording (boilerplate's
review-sheets.yaml) and how it finds a part of the report (reportgen/review/source.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen import api
from reportgen.boilerplate import DEFAULT_DIR, SHEET_KINDS, load_boilerplate
from reportgen.document import Document, Table, plain_text
from reportgen.review import read_report
from reportgen.writers.docx.accessibility import check_docx
from tests.conftest import EXAMPLES, raised
from tests.review.sheets import TYPED


@pytest.mark.parametrize("kind", SHEET_KINDS)
@pytest.mark.parametrize("report", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_sheet_is_accessible(report: Path, kind: str) -> None:
    sheet = api.review_sheet(report, kind)
    assert sheet.meta.kind == "review"
    assert check_docx(api.render(sheet, "docx")) == []


def test_a_sheet_starts_with_the_report_particulars(recovery_finance: Document) -> None:
    meta = recovery_finance.meta
    assert meta.title == "Finance review: Adults and Health Recovery from COVID"
    first = [plain_text(b.content) for b in recovery_finance.blocks[:8] if not isinstance(b, Table)]
    assert first == [
        "Finance review: Adults and Health Recovery from COVID",
        "Report: Adults and Health Recovery from COVID",
        "Committee: Adult Social Care and Public Health Committee",
        "Meeting: 26 July 2021",
        "Agenda item: 6",
        "Reference: ASCPH771",
        "Report of: the Corporate Director, Adult Social Care and Health",
        "Made from: recovery-from-covid.yaml",
    ]


def test_the_sheets_wording_is_checked_at_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "boilerplate"
    shutil.copytree(DEFAULT_DIR, folder)
    words = folder / "review-sheets.yaml"
    text = words.read_text(encoding="utf-8")
    words.write_text(text.replace('"paragraph {number}"', '"paragraph {numbr}"', 1), "utf-8")
    [problem] = raised(lambda: api.review_sheet(TYPED, "finance", boilerplate_dir=folder))
    assert problem.where.file == str(words)
    assert problem.where.path == ("places", "paragraph")
    assert "{numbr}" in problem.message


def test_a_boilerplate_folder_without_the_sheets_wording_is_a_problem_at_it(
    tmp_path: Path,
) -> None:
    """review-sheets.yaml is read as every boilerplate file is: missing, it is T403."""
    folder = tmp_path / "boilerplate"
    shutil.copytree(DEFAULT_DIR, folder)
    (folder / "review-sheets.yaml").unlink()
    [problem] = raised(lambda: api.review_sheet(TYPED, "finance", boilerplate_dir=folder))
    assert (problem.code, problem.message) == (
        "T403",
        "the boilerplate folder has no review-sheets.yaml",
    )
    assert problem.where.file == str(folder / "review-sheets.yaml")
    assert (
        problem.hint
        == f"copy {DEFAULT_DIR / 'review-sheets.yaml'} into it and adjust it to your council"
    )
    [same] = raised(lambda: api.build([TYPED], out_dir=tmp_path / "out", boilerplate_dir=folder))
    assert same == problem


def test_a_sheet_finds_each_part_of_the_report_by_the_path_its_blocks_carry() -> None:
    boilerplate = load_boilerplate()
    source = read_report(TYPED, boilerplate)
    papers = [path for _, _, path in source.part("background_papers")]
    assert papers == [("background_papers", 0), ("background_papers", 1)]
    [(index, typed)] = source.typed_tables().items()
    assert typed.label == "posts-table"
    assert isinstance(source.document.blocks[index], Table)
    heading, *paragraphs = source.part("comments", "constitutional")
    assert heading[2] == ("comments", "constitutional")
    assert [path for _, _, path in paragraphs] == [("comments", "constitutional", "body", 0)]
