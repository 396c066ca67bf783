"""An agenda's notice, counted from the meeting file's dispatch, and late items, by check."""

from __future__ import annotations

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
