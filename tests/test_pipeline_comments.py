"""Reviewers' comments in files of their own beside the report, and reviewer kinds as data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from reportgen import api
from reportgen.boilerplate import DEFAULT_DIR, Boilerplate, load_boilerplate
from reportgen.cli import main
from reportgen.document import Heading, Para, plain_text
from reportgen.pipeline import build
from tests.conftest import ROOT, raised

FIXTURE = ROOT / "tests" / "comments"


def _copy(tmp_path: Path, *, drop: tuple[str, ...] = ()) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "comments")
    for name in drop:
        (tmp_path / "comments" / "report.comments" / name).unlink()
    return tmp_path / "comments" / "report.yaml"


def _fix_typo(report: Path) -> None:
    financial = report.with_name("report.comments") / "financial.yaml"
    financial.write_text(financial.read_text().replace("informaton", "information"), "utf-8")


def test_problems_in_a_reviewers_file_are_placed_in_that_file(boilerplate: Boilerplate) -> None:
    found = raised(lambda: build(FIXTURE / "report.yaml", boilerplate))
    got = [(p.code, Path(p.where.file).name, p.where.line, p.where.column) for p in found]
    assert got == [("R300", "financial.yaml", 7, 5), ("R306", "procurement.yaml", 1, 1)]
    assert "did you mean 'information'?" in found[0].hint
    assert "constitutional, financial, hr" in found[1].hint


def test_a_reviewers_file_is_printed_in_its_place_and_numbering(
    boilerplate: Boilerplate, tmp_path: Path
) -> None:
    report = _copy(tmp_path, drop=("procurement.yaml",))
    _fix_typo(report)
    before = report.read_bytes()
    doc = build(report, boilerplate)
    assert report.read_bytes() == before  # the author's file is untouched
    headings = [plain_text(b.content) for b in doc.blocks if isinstance(b, Heading)]
    assert headings.index("Constitutional Comments (LM 13/12/16)") + 1 == headings.index(
        "Financial Comments (KAS 12/12/16)"
    )
    numbered = [
        (b.mark.label, plain_text(b.content))
        for b in doc.blocks
        if isinstance(b, Para) and b.mark and b.mark.kind == "paragraph" and b.mark.level == 0
    ]
    assert numbered[-2:] == [
        ("5", "The financial implications are in paragraph 2."),
        ("6", "See also paragraph 2."),
    ]


def test_a_council_adds_a_reviewer_kind_in_boilerplate(tmp_path: Path) -> None:
    report = _copy(tmp_path)
    _fix_typo(report)
    folder = tmp_path / "boilerplate"
    shutil.copytree(DEFAULT_DIR, folder)
    kinds = yaml.safe_load((folder / "reviewers.yaml").read_text())
    kinds["reviewers"] = {
        **{k: v for k, v in kinds["reviewers"].items() if k != "hr"},
        "procurement": {
            "title": "Procurement comments",
            "heading": "Procurement Comments ({initials} {date})",
            "required": False,
        },
        "hr": kinds["reviewers"]["hr"],
    }
    (folder / "reviewers.yaml").write_text(yaml.safe_dump(kinds, sort_keys=False), "utf-8")
    doc = build(report, load_boilerplate(folder))
    headings = [plain_text(b.content) for b in doc.blocks if isinstance(b, Heading)]
    comments = [h for h in headings if "Comments (" in h]
    assert comments == [
        "Constitutional Comments (LM 13/12/16)",
        "Financial Comments (KAS 12/12/16)",
        "Procurement Comments (PQ 12/12/16)",
    ]


def test_a_comment_written_in_the_report_and_in_a_file_is_refused(
    boilerplate: Boilerplate, tmp_path: Path
) -> None:
    report = _copy(tmp_path, drop=("procurement.yaml", "financial.yaml"))
    constitutional = report.with_name("report.comments") / "constitutional.yaml"
    constitutional.write_text("initials: LM\ndate: 2016-12-13\nbody: [Twice.]\n", "utf-8")
    [problem] = raised(lambda: build(report, boilerplate))
    assert problem.code == "R307"
    assert Path(problem.where.file).name == "report.yaml"
    assert "constitutional.yaml" in problem.hint


@pytest.mark.parametrize("name", ["financial.yml", "financial.YAML", "financial.json", "hr.txt"])
def test_a_comment_file_with_another_suffix_is_a_warning_in_check_and_build(
    name: str, tmp_path: Path
) -> None:
    shutil.copytree(ROOT / "tests" / "check", tmp_path / "check")
    report = tmp_path / "check" / "ready.yaml"
    folder = tmp_path / "check" / "ready.comments"
    (folder / "financial.yaml").rename(folder / name)
    unread = folder / name
    result = CliRunner().invoke(main, ["check", str(report)])
    assert f"{unread}: warning C810: this file is not read" in result.stdout, result.output
    assert f"rename it to {name.split('.')[0]}.yaml" in result.stdout, result.stdout
    built = CliRunner().invoke(main, ["build", str(report), "-o", str(tmp_path / "r.docx")])
    assert built.exit_code == 0, built.output
    assert f"{unread}: warning C810: " in built.stderr
    assert (tmp_path / "r.docx").is_file()
    written = api.build([report], output=tmp_path / "again.docx", force=True)
    assert written == [tmp_path / "again.docx"]
    assert [w.code for w in written.warnings] == ["C810"]


def test_a_second_comment_file_beside_the_one_read_is_a_warning(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "tests" / "check", tmp_path / "check")
    folder = tmp_path / "check" / "ready.comments"
    shutil.copyfile(folder / "financial.yaml", folder / "financial.yml")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "check" / "ready.yaml")])
    assert result.exit_code == 0, result.output  # a warning leaves the report ready
    assert f"{folder / 'financial.yml'}: warning C810: " in result.stdout
    assert "financial.yaml is the file read: merge the two" in result.stdout
