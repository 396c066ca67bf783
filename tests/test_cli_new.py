"""``reportgen new``: a new report from the template, ready to fill in and already building."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from reportgen import api
from reportgen.api import NEW_TEMPLATE
from reportgen.cli import main
from reportgen.load import load_file
from reportgen.urls import DOCS_URL, schema_line
from tests.conftest import ROOT


def new(*args: str | Path) -> Result:
    """Run ``reportgen new`` with ``args``."""
    return CliRunner().invoke(main, ["new", *map(str, args)])


def test_a_new_report_builds_without_a_problem(tmp_path: Path) -> None:
    target = tmp_path / "my-report.yaml"
    result = new(target)
    assert result.exit_code == 0, result.output
    documents = api.load_documents([target])
    assert target in documents


def test_the_header_options_fill_the_header_fields(tmp_path: Path) -> None:
    target = tmp_path / "my-report.yaml"
    result = new(
        target,
        "--title",
        "Budget: the plan for 2031",
        "--committee",
        'The "Health" Committee',
        "--date",
        "2031-02-03",
    )
    assert result.exit_code == 0, result.output
    data = load_file(target).data
    assert data["title"] == "Budget: the plan for 2031"
    assert data["committee"] == 'The "Health" Committee'
    assert data["date"] == "2031-02-03"
    document = api.load_documents([target])[target]
    assert document is not None
    # the template's guidance comment on the line is kept
    assert "date: 2031-02-03                 # the meeting date" in target.read_text()


@pytest.mark.parametrize("inside", [False, True], ids=["outside the checkout", "inside it"])
def test_the_first_line_points_at_the_schema_on_the_documentation_site_wherever_it_is(
    tmp_path: Path, inside: bool
) -> None:
    """The same line anywhere, so a report keeps its completion when it is moved or shared."""
    folder = ROOT / "reports" / "meetings" / f".new-{tmp_path.name}" if inside else tmp_path
    target = folder / "deeper" / "my-report.yaml"
    target.parent.mkdir(parents=True)
    try:
        assert new(target).exit_code == 0
        first = target.read_text(encoding="utf-8").split("\n")[0]
    finally:
        if inside:
            shutil.rmtree(folder)
    assert first == (
        "# yaml-language-server: $schema="
        "https://reportgen.readthedocs.io/en/stable/schemas/report.schema.json"
    )
    assert first == schema_line("report")


def test_the_template_says_where_the_documentation_is() -> None:
    assert DOCS_URL in NEW_TEMPLATE.read_text(encoding="utf-8").split("\n---", 1)[0]


def test_an_existing_file_is_never_replaced(tmp_path: Path) -> None:
    target = tmp_path / "my-report.yaml"
    target.write_text("title: mine\n", encoding="utf-8")
    result = new(target, "--title", "Another")
    assert result.exit_code == 2
    assert f"{target}: error O530: the file already exists" in result.output
    assert "fix: choose another name" in result.output
    assert target.read_text(encoding="utf-8") == "title: mine\n"


@pytest.mark.parametrize(
    ("date", "said"),
    [("2031-02-30", "'2031-02-30' is not a real date"), ("3/2/2031", "not written YYYY-MM-DD")],
)
def test_the_date_is_checked(tmp_path: Path, date: str, said: str) -> None:
    target = tmp_path / "my-report.yaml"
    result = new(target, "--date", date)
    assert result.exit_code == 2
    assert "error O531" in result.output and said in result.output
    assert "fix: write --date as YYYY-MM-DD" in result.output
    assert not target.exists()


def test_a_missing_template_is_a_problem(tmp_path: Path) -> None:
    result = new(tmp_path / "r.yaml", "--template", tmp_path / "none.yaml")
    assert result.exit_code == 2
    assert "error O532" in result.output


def test_a_councils_own_template_is_used(tmp_path: Path) -> None:
    own = tmp_path / "ours.yaml"
    own.write_text(NEW_TEMPLATE.read_text().replace("Your Name", "A. Officer"), encoding="utf-8")
    target = tmp_path / "r.yaml"
    assert new(target, "--template", own).exit_code == 0
    assert load_file(target).data["signed_by"]["name"] == "A. Officer"


def test_the_template_guides_every_section() -> None:
    text = NEW_TEMPLATE.read_text(encoding="utf-8")
    for section in (
        "purpose",
        "information",
        "other_options",
        "reasons",
        "implications",
        "recommendations",
        "signed_by",
        "contacts",
        "background_papers",
        "electoral_divisions",
    ):
        assert re.search(rf"^{section}:", text, re.MULTILINE), section
    for shown in ("statutory", "figures", "comments", "appendices"):
        assert re.search(rf"^# {shown}:", text, re.MULTILINE), shown
    assert "REPORT.comments/KIND.yaml" in text
    assert "# - caption: Table of resources" in text  # a typed table, commented out
    assert "#   fee-uplift: 5.85%" in text  # a figure, commented out
    assert text.count("# ---") >= 12


EXAMPLE_LINE = re.compile(r"^(\s*)# (?=(?:comments|figures|appendices|statutory):|\s|- )")
"""A commented-out line of the template's examples (not a line of guidance)."""


def test_the_templates_commented_examples_build_when_uncommented(tmp_path: Path) -> None:
    target = tmp_path / "full.yaml"
    assert new(target).exit_code == 0
    text = target.read_text(encoding="utf-8")
    uncommented = "\n".join(EXAMPLE_LINE.sub(r"\1", line) for line in text.splitlines())
    assert "columns:" in uncommented and "\ncomments:" in uncommented
    target.write_text(uncommented + "\n", encoding="utf-8")
    api.load_documents([target])


def test_new_starts_from_the_profiles_own_template(tmp_path: Path) -> None:
    """Under a configuration naming Kingsmere, `new` writes Kingsmere's report, which builds."""
    (tmp_path / ".reportgen.yaml").write_text("profile: kingsmere\n", encoding="utf-8")
    report = tmp_path / "draft.yaml"
    result = CliRunner().invoke(main, ["new", str(report), "--title", "Library opening hours"])
    assert result.exit_code == 0, result.output
    text = report.read_text(encoding="utf-8")
    assert "executive_summary:" in text and "publication_status:" in text
    assert "electoral_divisions" not in text
    built = CliRunner().invoke(main, ["build", str(report), "-o", str(tmp_path / "draft.html")])
    assert built.exit_code == 0, built.output
    html = (tmp_path / "draft.html").read_text(encoding="utf-8")
    assert "Library opening hours" in html and "Executive Summary" in html


def test_new_under_the_standard_profile_is_unchanged(tmp_path: Path) -> None:
    report = tmp_path / "draft.yaml"
    result = CliRunner().invoke(main, ["new", str(report), "--profile", str(tmp_path / "none")])
    assert result.exit_code == 0, result.output  # a folder that is not a profile has no template
    assert report.read_text(encoding="utf-8").startswith(NEW_TEMPLATE.read_text().split("\n")[0])
