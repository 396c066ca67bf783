"""An appendix document or minutes given to build, check or preview: built as the meeting that
lists it prints it (reportgen.meeting_of), or O560 when no meeting lists it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from reportgen import api, kinds
from reportgen.errors import ReportError
from reportgen.meeting_of import meetings_listing
from tests.conftest import ROOT

DESIGN = ROOT / "tests" / "resolve" / "design"
MINUTES = ROOT / "reports" / "meetings" / "2022-01-24" / "minutes.yaml"
ALONE = ROOT / "tests" / "meeting_of" / "alone" / "appendix.yaml"


def test_each_kind_is_recognised_by_its_own_fields() -> None:
    assert kinds.recognise({"members": [], "items": []}) == "minutes"
    assert kinds.recognise({"committee": "x", "items": []}) == "meeting"
    assert kinds.recognise({"title": "x", "body": []}) == "appendix"
    assert kinds.recognise({"title": "x", "body": [], "purpose": "y"}) == "report"


def test_minutes_are_found_in_the_meeting_beside_their_folder() -> None:
    # the minutes of 24 January are confirmed by the meeting of 14 March, a folder beside them
    assert meetings_listing(MINUTES) == [MINUTES.parent.parent / "2022-03-14" / "meeting.yaml"]


def test_an_appendix_builds_as_its_meeting_prints_it(tmp_path: Path) -> None:
    [written] = api.build([DESIGN / "strategy.yaml"], output=tmp_path / "strategy.html")
    page = written.read_text(encoding="utf-8")
    assert '<p class="cover-marking">Draft</p>' in page  # its cover, as in the pack
    [minutes] = api.build([MINUTES], output=tmp_path / "minutes.html")
    assert "ADULT SOCIAL CARE AND PUBLIC HEALTH COMMITTEE" in minutes.read_text(encoding="utf-8")


def test_an_appendix_no_meeting_lists_is_o560_and_nothing_is_written(tmp_path: Path) -> None:
    with pytest.raises(ReportError) as caught:
        api.build([ALONE], output=tmp_path / "appendix.docx")
    [problem] = caught.value.problems
    assert problem.code == "O560" and "appendix.yaml" in problem.message
    assert "appendices:" in problem.hint
    assert not (tmp_path / "appendix.docx").exists()
    [checked] = api.check([ALONE])
    assert [p.code for p in checked.problems] == ["O560"]


def test_the_command_line_says_o560_once_with_exit_2(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "reportgen", "build", str(ALONE), "-o", str(tmp_path / "a.pdf")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stderr.count("error O560") == 1 and "S201" not in done.stderr
