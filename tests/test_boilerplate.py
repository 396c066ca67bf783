"""Standard wording: read from boilerplate/, and checked like a report."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen.boilerplate import DEFAULT_DIR, load_boilerplate
from reportgen.errors import ReportError


def test_the_standard_wording_loads() -> None:
    words = load_boilerplate()
    assert words.headings.sections["recommendations"] == "RECOMMENDATION/S"
    assert "{areas}" in words.statutory.wordings["standard"].text
    assert words.references.paragraph.one == "paragraph {n}"


def test_mistakes_in_boilerplate_are_reported_at_their_line(tmp_path: Path) -> None:
    folder = tmp_path / "boilerplate"
    shutil.copytree(DEFAULT_DIR, folder)
    refs = folder / "references.yaml"
    refs.write_text(refs.read_text().replace("  range:", "  rnage:", 1), encoding="utf-8")
    with pytest.raises(ReportError) as caught:
        load_boilerplate(folder)
    codes = {(p.code, p.where.file.endswith("references.yaml")) for p in caught.value.problems}
    assert codes == {("S202", True), ("S201", True)}
    unknown = next(p for p in caught.value.problems if p.code == "S202")
    assert unknown.hint == "did you mean 'range'?"
    assert unknown.where.line == next(
        n for n, line in enumerate(refs.read_text().splitlines(), 1) if "rnage" in line
    )


def test_a_council_can_change_a_heading_without_code(tmp_path: Path) -> None:
    folder = tmp_path / "boilerplate"
    shutil.copytree(DEFAULT_DIR, folder)
    headings = folder / "headings.yaml"
    headings.write_text(
        headings.read_text().replace("Purpose of the Report", "Why this report"), encoding="utf-8"
    )
    assert load_boilerplate(folder).headings.sections["purpose"] == "Why this report"


def test_an_unknown_placeholder_in_reference_wording_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "boilerplate"
    shutil.copytree(DEFAULT_DIR, folder)
    refs = folder / "references.yaml"
    refs.write_text(refs.read_text().replace("paragraph {n}", "paragraph {number}"), "utf-8")
    with pytest.raises(ReportError) as caught:
        load_boilerplate(folder)
    (problem,) = caught.value.problems
    assert problem.where.file.endswith("references.yaml")
    assert problem.where.path == ("paragraph",)
    assert "one uses {number}" in problem.message
    assert problem.hint == "it may use only {n}"


def test_an_old_boilerplate_folder_says_where_its_parts_moved(tmp_path: Path) -> None:
    # a folder from before house style and reviewer kinds: comment headings and their date
    # format in headings.yaml, no style.yaml, no reviewers.yaml
    folder = tmp_path / "boilerplate"
    shutil.copytree(DEFAULT_DIR, folder)
    headings = folder / "headings.yaml"
    headings.write_text(
        headings.read_text()
        + 'comments:\n  date_format: "%d/%m/%y"\n  financial: "Financial Comments"\n',
        "utf-8",
    )
    (folder / "style.yaml").unlink()
    (folder / "reviewers.yaml").unlink()
    with pytest.raises(ReportError) as caught:
        load_boilerplate(folder)
    moved, *missing = caught.value.problems
    assert "comment headings have moved to reviewers.yaml" in moved.message
    assert sorted(Path(p.where.file).name for p in missing) == ["reviewers.yaml", "style.yaml"]
    assert all(p.code == "T403" and "copy" in p.hint for p in missing)


def test_an_unknown_placeholder_in_meeting_wording_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "boilerplate"
    shutil.copytree(DEFAULT_DIR, folder)
    meeting = folder / "meeting.yaml"
    meeting.write_text(
        meeting.read_text().replace("contact {contact}", "contact {officer}"), "utf-8"
    )
    with pytest.raises(ReportError) as caught:
        load_boilerplate(folder)
    (problem,) = caught.value.problems
    assert problem.where.file.endswith("meeting.yaml")
    assert "notes.standard uses {officer}" in problem.message
    assert "{contact}" in problem.hint
