"""The forward plan of key decisions: `reportgen forward-plan` from meeting folders to Word, HTML
and PDF, the March 2022 meeting's entry, and its bad inputs (placed problems, exit 2, nothing
written)."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result

from reportgen import api
from reportgen.cli import main
from reportgen.document import Para, Table, plain_text
from tests.conftest import MINIMAL, ROOT, position

MEETINGS = ROOT / "reports" / "meetings"
MARCH = dt.date(2022, 3, 1), dt.date(2022, 4, 30)

MEETING = """\
committee: Policy Committee
date: 2017-01-09
time: "10:30"
venue: County Hall
contact: {name: Jo Bloggs}
items:
  - report: report.yaml
    appendices:
      - file: appendix.yaml
        exempt: {paragraph: 3}
  - report: other.yaml
forward_plan:
  - title: Highways maintenance contract
    decision_maker: Policy Committee
    first_published: 2016-11-01
    reference: KD2017/002
    exempt: {paragraph: 3}
    contact: {name: Sam Smith, email: sam.smith@example.gov.uk}
"""

KEY = """\
key_decision:
  decision_maker: Cabinet Member for Adult Social Care
  first_published: 2016-12-01
  reference: KD2017/001
"""

APPENDIX = """\
title: SECRET-PRICES
body:
  - The tendered prices.
"""


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def meetings(tmp_path: Path) -> Path:
    """A folder of one meeting two folders down: a key decision with an exempt appendix, a
    report that is no key decision, and a planned decision."""
    folder = tmp_path / "meetings" / "2017" / "2017-01-09"
    folder.mkdir(parents=True)
    (folder / "meeting.yaml").write_text(MEETING, encoding="utf-8")
    (folder / "report.yaml").write_text(MINIMAL + KEY, encoding="utf-8")
    (folder / "other.yaml").write_text(MINIMAL.replace("A small report", "Not key"), "utf-8")
    (folder / "appendix.yaml").write_text(APPENDIX, encoding="utf-8")
    return tmp_path / "meetings"


def _rows(document: api.Document) -> list[list[str]]:
    [table] = [b for b in document.blocks if isinstance(b, Table)]
    return [[plain_text(c.content) for c in row.cells] for row in table.rows]


def test_the_plan_lists_each_key_decision_of_the_period(meetings: Path) -> None:
    document = api.forward_plan([meetings], dt.date(2017, 1, 1), dt.date(2017, 1, 31))
    assert document.meta.kind == "forward-plan" and document.meta.landscape
    assert document.meta.title == "Nottinghamshire County Council: Forward Plan of Key Decisions"
    rows = _rows(document)
    assert rows[0] == [
        "Matter for decision",
        "Decision maker",
        "Date of decision",
        "Date first published",
        "Reference",
        "Exempt information",
        "Contact officer",
    ]
    assert rows[1:] == [
        [
            "A small report",
            "Cabinet Member for Adult Social Care",
            "9 January 2017",
            "1 December 2016",
            "KD2017/001",
            "Part exempt: paragraph 3 of Schedule 12A",
            "Tessa Diment\nGroup Manager\n0115 8546256",
        ],
        [
            "Highways maintenance contract",
            "Policy Committee",
            "9 January 2017",
            "1 November 2016",
            "KD2017/002",
            "Part exempt: paragraph 3 of Schedule 12A",
            "Sam Smith\nsam.smith@example.gov.uk",
        ],
    ]
    text = "\n".join(plain_text(b.content) for b in document.blocks if isinstance(b, Para))
    assert "Key decisions to be taken from 1 January 2017 to 31 January 2017" in text
    assert "SECRET-PRICES" not in repr(document)  # the exempt content is never read into it


def test_a_period_without_key_decisions_says_so(meetings: Path) -> None:
    document = api.forward_plan([meetings], dt.date(2017, 2, 1), dt.date(2017, 2, 28))
    assert not any(isinstance(b, Table) for b in document.blocks)
    assert plain_text(document.blocks[-1].content) == (  # type: ignore[union-attr]
        "There are no key decisions in this period."
    )


def test_the_march_2022_meeting_has_its_fee_increases_on_the_plan() -> None:
    rows = _rows(api.forward_plan([MEETINGS], *MARCH))
    assert [row[:4] for row in rows[1:]] == [
        [
            "Proposed increase in fees for independent sector adult social care providers, "
            "Direct Payments and other charges",
            "Adult Social Care and Public Health Committee",
            "14 March 2022",
            "1 February 2022",
        ]
    ]
    assert rows[1][5] == "No"
    assert rows[1][6].startswith("Gemma Shelton")


def test_the_word_file_has_the_table(meetings: Path, tmp_path: Path) -> None:
    target = tmp_path / "plan.docx"
    result = run(
        "forward-plan", meetings, "--from", "2017-01-01", "--to", "2017-01-31", "-o", target
    )
    assert result.exit_code == 0, result.output
    word = docx.Document(io.BytesIO(target.read_bytes()))
    [table] = word.tables
    assert [c.text for c in table.rows[0].cells][:3] == [
        "Matter for decision",
        "Decision maker",
        "Date of decision",
    ]
    assert table.rows[2].cells[0].text == "Highways maintenance contract"
    section = word.sections[0]
    assert section.page_width > section.page_height  # landscape
    assert "SECRET-PRICES" not in target.read_bytes().decode("latin-1")


def test_the_pdf_prints_the_plan(tmp_path: Path) -> None:
    target = tmp_path / "plan.pdf"
    result = run(
        "forward-plan", MEETINGS, "--from", "2022-03-01", "--to", "2022-04-30", "-o", target
    )
    assert result.exit_code == 0, result.output
    text = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = " ".join(text.split())
    assert "Forward Plan of Key Decisions" in text
    assert "Key decisions to be taken from 1 March 2022 to 30 April 2022" in text
    assert "Proposed increase in fees" in text and "1 February 2022" in text


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("--from", "2017-02-01", "--to", "2017-01-01"), "O576"),
        (("--from", "2017-01-01", "--to", "2017-01-31", "--", "EMPTY"), "O575"),
    ],
)
def test_bad_input_is_a_placed_problem_and_nothing_is_written(
    meetings: Path, tmp_path: Path, args: tuple[str, ...], code: str
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    target = tmp_path / "plan.html"
    given = [empty if a == "EMPTY" else a for a in args if a != "--"]
    result = run("forward-plan", meetings, *given, "-o", target)
    assert result.exit_code == 2
    assert f"error {code}" in result.output
    if code == "O575":
        assert f"{empty}: error O575" in result.output
    assert not target.exists()


def test_a_meeting_that_does_not_load_is_a_placed_problem(meetings: Path, tmp_path: Path) -> None:
    meeting = meetings / "2017" / "2017-01-09" / "meeting.yaml"
    meeting.write_text(MEETING.replace("date: 2017-01-09", "date: 2017-02-30"), "utf-8")
    target = tmp_path / "plan.docx"
    result = run(
        "forward-plan", meetings, "--from", "2017-01-01", "--to", "2017-01-31", "-o", target
    )
    assert result.exit_code == 2
    assert f"{meeting}:2:7: error" in result.output
    assert not target.exists()


def test_a_json_plan_is_refused(meetings: Path, tmp_path: Path) -> None:
    target = tmp_path / "plan.json"
    result = run(
        "forward-plan", meetings, "--from", "2017-01-01", "--to", "2017-01-31", "-o", target
    )
    assert result.exit_code == 2 and "error O505" in result.output
    assert not target.exists()


def test_kingsmere_words_its_plan_its_own_way(tmp_path: Path) -> None:
    import shutil

    from reportgen.profile import BUNDLED

    folder = tmp_path / "2026-11-19"
    shutil.copytree(ROOT / "reports" / "kingsmere" / "2026-11-19", folder)
    with (folder / "meeting.yaml").open("a", encoding="utf-8") as meeting:
        meeting.write(
            "forward_plan:\n"
            "  - title: Disposal of the Old Market Hall\n"
            "    decision_maker: Cabinet\n"
            "    first_published: 2026-10-01\n"
            "    exempt: {paragraph: 3}\n"
        )
    document = api.forward_plan(
        [tmp_path], dt.date(2026, 11, 1), dt.date(2026, 11, 30), BUNDLED / "kingsmere"
    )
    assert document.meta.title == "Kingsmere City Council: Notice of Key Decisions"
    rows = _rows(document)
    assert rows[0][-1] == "Lead officer" and rows[0][0] == "Matter for decision"
    assert rows[1][:3] == ["Disposal of the Old Market Hall", "Cabinet", "19 November 2026"]
    assert rows[1][5] == "Private in part (Schedule 12A, paragraph 3)"
    assert rows[1][4] == rows[1][6] == "None"


def test_a_planned_decision_published_after_its_meeting_is_refused(
    meetings: Path, tmp_path: Path
) -> None:
    meeting = meetings / "2017" / "2017-01-09" / "meeting.yaml"
    text = MEETING.replace("first_published: 2016-11-01", "first_published: 2017-01-10")
    meeting.write_text(text, encoding="utf-8")
    line, column = position(text, "2017-01-10")
    target = tmp_path / "plan.docx"
    result = run(
        "forward-plan", meetings, "--from", "2017-01-01", "--to", "2017-01-31", "-o", target
    )
    assert result.exit_code == 2
    assert f"{meeting}:{line}:{column}: error C821" in result.output
    assert not target.exists()
