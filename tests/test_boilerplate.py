"""Standard wording: read from boilerplate/, and checked like a report."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from reportgen.boilerplate import DEFAULT_DIR, load_boilerplate
from reportgen.cli import main
from reportgen.errors import ReportError
from tests.conftest import MINIMAL


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
    # the note is a text with parts: the problem is at it, in notes.standard
    assert problem.where.path[:3] == ("notes", "standard", 2)
    assert "text uses {officer}" in problem.message
    assert "{contact}" in problem.hint and "{tel}" in problem.hint


def _copy(tmp_path: Path) -> Path:
    """A copy of the standard boilerplate folder, to break one file of."""
    folder = tmp_path / "boilerplate"
    shutil.copytree(DEFAULT_DIR, folder)
    return folder


@pytest.mark.parametrize(
    ("file", "old", "new", "problem", "fix"),
    [
        ("style.yaml", "council: Nottinghamshire County Council", "council:", "S200", "write"),
        ("style.yaml", "words_up_to: 9", "words_up_to: [9]", "S200", "whole number"),
        (
            "style.yaml",
            'date: "{day} {month} {year}"',
            'date: "{day} {month} {year"',
            "S200",
            "compare it with the same value in the standard file",
        ),
        (
            "headings.yaml",
            "sections:",
            "deep: " + "[" * 100 + "]" * 100 + "\nsections:",
            "Y105",
            "flatten",
        ),
    ],
    ids=["empty-field", "wrong-type", "bad-date-pattern", "deep-nesting"],
)
def test_a_broken_boilerplate_file_is_a_problem_at_its_line_with_a_fix(
    tmp_path: Path, file: str, old: str, new: str, problem: str, fix: str
) -> None:
    folder = _copy(tmp_path)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 1
    out = tmp_path / "out.docx"
    result = build_with(folder, out)
    assert result.exit_code == 2, result.output
    assert f"{path}:{line}:" in result.output and f"error {problem}" in result.output
    assert "fix: " in result.output and fix in result.output
    assert "Traceback" not in result.output and not out.exists()


def _missing(folder: Path) -> Path:
    (folder / "style.yaml").unlink()
    return folder / "style.yaml"


def _a_folder(folder: Path) -> Path:
    (folder / "style.yaml").unlink()
    (folder / "style.yaml").mkdir()
    return folder / "style.yaml"


def _a_pipe(folder: Path) -> Path:
    (folder / "style.yaml").unlink()
    os.mkfifo(folder / "style.yaml")
    return folder / "style.yaml"


def _no_folder(folder: Path) -> Path:
    shutil.rmtree(folder)
    return folder


def _a_file(folder: Path) -> Path:
    shutil.rmtree(folder)
    folder.write_text("council: Nottinghamshire County Council\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("breaking", "problem"),
    [
        (_missing, "T403: the boilerplate folder has no style.yaml"),
        (_a_folder, "Y109: this is a folder, not a YAML file"),
        (_a_pipe, "Y110: this is a pipe (FIFO), not a YAML file"),
        (_no_folder, "Y120: the boilerplate folder is not found"),
        (_a_file, "Y121: this is a file, not a boilerplate folder"),
    ],
    ids=["missing-file", "file-is-a-folder", "file-is-a-pipe", "no-folder", "folder-is-a-file"],
)
def test_a_boilerplate_path_that_is_not_there_or_not_a_file_is_a_problem_at_it(
    tmp_path: Path, breaking: Callable[[Path], Path], problem: str
) -> None:
    folder = _copy(tmp_path)
    place = breaking(folder)
    out = tmp_path / "out.docx"
    result = build_with(folder, out)
    assert result.exit_code == 2, result.output
    assert f"{place}: error {problem}" in result.output
    assert "fix: " in result.output
    assert "Traceback" not in result.output and not out.exists()


def build_with(folder: Path, out: Path) -> Result:
    """``reportgen build`` of a small report with the boilerplate ``folder``."""
    report = out.with_name("report.yaml")
    report.write_text(MINIMAL, encoding="utf-8")
    return CliRunner().invoke(
        main, ["build", str(report), "-o", str(out), "--boilerplate", str(folder)]
    )


def test_a_folder_read_again_unchanged_is_not_read_again(tmp_path: Path) -> None:
    folder = tmp_path / "boilerplate"
    shutil.copytree(DEFAULT_DIR, folder)  # the files keep their (settled) times
    assert load_boilerplate(folder) is load_boilerplate(folder)


def test_an_edit_between_two_reads_is_seen(tmp_path: Path) -> None:
    folder = tmp_path / "boilerplate"
    shutil.copytree(DEFAULT_DIR, folder)
    headings = folder / "headings.yaml"
    first = load_boilerplate(folder)
    assert first.headings.sections["purpose"] == "Purpose of the Report"
    headings.write_text(
        headings.read_text().replace("Purpose of the Report", "Why this report"), encoding="utf-8"
    )
    assert load_boilerplate(folder).headings.sections["purpose"] == "Why this report"


def test_an_edit_of_the_same_size_is_seen_even_within_the_clock_s_tick(tmp_path: Path) -> None:
    folder = tmp_path / "boilerplate"
    shutil.copytree(DEFAULT_DIR, folder)
    headings = folder / "headings.yaml"
    headings.write_text(headings.read_text(), encoding="utf-8")  # just saved
    stat = headings.stat()
    assert load_boilerplate(folder).headings.sections["purpose"] == "Purpose of the Report"
    headings.write_text(
        headings.read_text().replace("Purpose of the Report", "Purpose of the Paper!"), "utf-8"
    )
    os.utime(headings, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same size, same time
    assert headings.stat().st_size == stat.st_size
    assert load_boilerplate(folder).headings.sections["purpose"] == "Purpose of the Paper!"


def test_an_edit_that_keeps_an_old_time_but_changes_the_size_is_seen(tmp_path: Path) -> None:
    folder = tmp_path / "boilerplate"
    shutil.copytree(DEFAULT_DIR, folder)
    headings = folder / "headings.yaml"
    stat = headings.stat()
    load_boilerplate(folder)
    headings.write_text(
        headings.read_text().replace("Purpose of the Report", "Why this report"), encoding="utf-8"
    )
    os.utime(headings, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert load_boilerplate(folder).headings.sections["purpose"] == "Why this report"


def test_a_broken_edit_after_a_good_read_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "boilerplate"
    shutil.copytree(DEFAULT_DIR, folder)
    load_boilerplate(folder)
    refs = folder / "references.yaml"
    refs.write_text(refs.read_text().replace("  range:", "  rnage:", 1), encoding="utf-8")
    with pytest.raises(ReportError):
        load_boilerplate(folder)


def _per_cells(boilerplate_dir: Path | None) -> list[str]:
    """The printed amounts of fee-increases' tables that are for a unit (``per: session``)."""
    from reportgen import api
    from reportgen.document import Table, plain_text
    from tests.conftest import EXAMPLES

    fees = EXAMPLES / "fee-increases.yaml"
    document = api.load_documents([fees], boilerplate_dir)[fees]
    cells = [
        plain_text(cell.content)
        for block in document.blocks
        if isinstance(block, Table)
        for row in block.rows
        for cell in row.cells
    ]
    return [c for c in cells if c.startswith("£") and ("session" in c or "hour" in c)]


def test_a_council_words_an_amount_per_unit_in_style_yaml(tmp_path: Path) -> None:
    assert "£38.25 per session" in _per_cells(None)
    folder = tmp_path / "boilerplate"
    shutil.copytree(DEFAULT_DIR, folder)
    style = folder / "style.yaml"
    text = style.read_text(encoding="utf-8")
    assert 'per: "{amount} per {unit}"' in text
    style.write_text(
        text.replace('per: "{amount} per {unit}"', 'per: "{amount} a {unit}"'), encoding="utf-8"
    )
    cells = _per_cells(folder)
    assert "£38.25 a session" in cells
    assert "£12.30 an hour" not in cells and "£12.30 a hour" in cells
    assert not [c for c in cells if " per " in c]


def test_a_style_yaml_without_the_per_wording_keeps_todays(tmp_path: Path) -> None:
    folder = tmp_path / "boilerplate"
    shutil.copytree(DEFAULT_DIR, folder)
    style = folder / "style.yaml"
    text = style.read_text(encoding="utf-8")
    style.write_text(text.replace('per: "{amount} per {unit}"', ""), encoding="utf-8")
    assert load_boilerplate(folder).style.per == "{amount} per {unit}"
    assert "£38.25 per session" in _per_cells(folder)


def test_an_unknown_placeholder_in_the_per_wording_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "boilerplate"
    shutil.copytree(DEFAULT_DIR, folder)
    style = folder / "style.yaml"
    text = style.read_text(encoding="utf-8")
    text = text.replace("{amount} per {unit}", "{amount} per {units}")
    style.write_text(text, encoding="utf-8")
    with pytest.raises(ReportError) as raised:
        load_boilerplate(folder)
    [problem] = raised.value.problems
    assert problem.message == "per uses {units}"
    assert problem.hint == "it may use only {amount}, {unit}"
    assert problem.where.line == text.splitlines().index('per: "{amount} per {units}"') + 1


_TITLE_KEYS = {
    "agenda.title": '  title: "Agenda: {committee}, {date}"\n',
    "agenda.appendix": '  appendix: "Appendix {n}: {title}"\n',
    "agenda.front_sheet": "  front_sheet: Front sheet\n",
    "minutes.title": '  title: "Minutes: {committee}, {date}"\n',
    "agenda.item_numbers": "  item_numbers: place\n",
    "minutes.member": '  member: "{name} ({role})"\n',
    "agenda.entry": '  entry: "{n}. {title}"\n',
    "agenda.sub_item": '  sub_item: "({letter}) {text}"\n',
    "pack.stamp": '  stamp: "Page {n}"\n',
    "pack": 'pack:\n  title: "{committee}, {date}"\n'
    '  confidential: "{committee}, {date} (confidential)"\n',
}


def test_a_meeting_yaml_without_the_title_keys_reads_as_the_standard_one(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    meeting = folder / "meeting.yaml"
    text = meeting.read_text("utf-8")
    for line in _TITLE_KEYS.values():
        assert line in text
        text = text.replace(line, "")
    meeting.write_text(text, "utf-8")
    assert load_boilerplate(folder).meeting == load_boilerplate().meeting


_BAD_TITLES = [  # the key, its text, the text with a placeholder it may not use, what it may
    ("agenda.title", '"Agenda: {committee}', '"Agenda: {comittee}', "{committee}, {date}"),
    ("agenda.appendix", '"Appendix {n}:', '"Appendix {number}:', "{n}, {title}"),
    ("minutes.title", '"Minutes: {committee}', '"Minutes: {meeting}', "{committee}, {date}"),
    ("pack.title", 'title: "{committee}, {date}"', 'title: "{date}, {time}"', "{committee}"),
    ("pack.confidential", "(confidential)", "({exempt})", "{committee}, {date}"),
]


@pytest.mark.parametrize(("key", "old", "new", "allowed"), _BAD_TITLES)
def test_an_unknown_placeholder_in_a_title_is_a_problem_at_its_line(
    tmp_path: Path, key: str, old: str, new: str, allowed: str
) -> None:
    folder = _copy(tmp_path)
    meeting = folder / "meeting.yaml"
    text = meeting.read_text("utf-8")
    assert text.count(old) == 1
    meeting.write_text(text.replace(old, new), "utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if old in t)
    with pytest.raises(ReportError) as caught:
        load_boilerplate(folder)
    (problem,) = caught.value.problems
    assert (problem.code, problem.where.file, problem.where.line) == (
        "S200",
        str(meeting),
        line,
    )
    assert problem.message.startswith(f"{key} uses {{")
    assert allowed in problem.hint
