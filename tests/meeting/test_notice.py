"""An agenda's notice, counted from the meeting file's dispatch, and late items, by check."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from reportgen import api

HERE = Path(__file__).resolve().parent / "notice"


def _meeting_problems(name: str) -> list[tuple[str, str, int, str, str]]:
    [checked, *_] = api.check([HERE / name])
    return [(p.code, p.severity, p.where.line, p.message, p.hint) for p in checked.problems]


def test_short_notice_across_a_bank_holiday_is_m722_with_the_latest_dispatch() -> None:
    [(code, severity, line, message, hint)] = _meeting_problems("short.yaml")
    assert (code, severity) == ("M722", "warning")
    assert line == 7  # dispatch:
    assert "gives 4 clear working days' notice" in message
    assert "5 are needed" in message
    assert "send the agenda by 2022-04-22" in hint


def test_enough_notice_and_an_item_added_after_dispatch_are_no_problem() -> None:
    assert _meeting_problems("enough.yaml") == []


def test_an_item_marked_late_but_added_by_dispatch_is_m723() -> None:
    [(code, severity, line, message, _)] = _meeting_problems("late-before.yaml")
    assert (code, severity) == ("M723", "error")
    assert line == 11
    assert "not after the agenda's dispatch on 2022-04-22" in message


def test_a_late_item_without_its_reason_is_placed() -> None:
    [problem] = _meeting_problems("late-no-reason.yaml")
    assert problem[2] == 11
    assert "reason" in problem[3]


def test_a_late_item_without_dispatch_is_m724_at_its_late() -> None:
    [(code, severity, line, message, hint)] = _meeting_problems("late-no-dispatch.yaml")
    assert (code, severity, line) == ("M724", "error", 10)
    assert "added on 2022-04-27" in message and "does not say when the agenda was sent" in message
    assert "add dispatch:" in hint


def test_a_pack_of_a_late_item_without_dispatch_is_refused_and_writes_nothing(
    tmp_path: Path,
) -> None:
    meeting = HERE / "late-no-dispatch.yaml"
    done = subprocess.run(
        [sys.executable, "-m", "reportgen", "pack", str(meeting), "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert f"{meeting}:10:5: error M724:" in done.stderr
    assert not (tmp_path / "out").exists()


def test_check_lists_the_items_added_after_dispatch_without_a_problem() -> None:
    [checked] = api.check([HERE / "enough.yaml"])
    assert checked.problems == () and checked.ready
    [late] = checked.late
    assert (late.number, late.title, late.added, late.dispatch) == (
        2,
        "Winter pressures",
        dt.date(2022, 4, 27),
        dt.date(2022, 4, 22),
    )
    assert late.reason == "the grant must be accepted by 4 May"
    done = subprocess.run(
        [sys.executable, "-m", "reportgen", "check", str(HERE / "enough.yaml")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout
    assert done.stdout.splitlines() == [
        f"{HERE / 'enough.yaml'}: ok",
        f"{HERE / 'enough.yaml'}: item 2, added on 2022-04-27 after dispatch on 2022-04-22, is "
        "on the supplementary agenda: Winter pressures (reason for urgency: the grant must be "
        "accepted by 4 May)",
    ]


def test_an_item_marked_late_but_added_by_dispatch_stays_on_the_agenda_as_sent() -> None:
    [checked] = api.check([HERE / "late-before.yaml"])
    assert checked.late == ()
