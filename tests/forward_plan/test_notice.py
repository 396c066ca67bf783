"""`reportgen check` counts a key decision's time on the forward plan: 28 clear calendar days
before its meeting (calendar.yaml's ``key_decision_notice_days``), unless it is taken under an
exception with its reason; first published after the meeting is an error."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from reportgen import api
from reportgen.days import clear_days
from tests.conftest import MINIMAL, position

MEETING_DAY = dt.date(2017, 1, 9)


def _report(first_published: dt.date, exception: str = "") -> str:
    return MINIMAL + (
        "key_decision:\n"
        "  decision_maker: Adult Social Care and Health Committee\n"
        f"  first_published: {first_published}\n"
        f"{exception}"
    )


def _codes(path: Path) -> list[tuple[str, str, int | None, int | None]]:
    [checked] = api.check([path])
    return [
        (p.code, p.severity, p.where.line, p.where.column)
        for p in checked.problems
        if p.code in ("C820", "C821")
    ]


@pytest.mark.parametrize(("clear", "warned"), [(27, True), (28, False), (40, False)])
def test_the_warning_comes_below_28_clear_days(
    write_yaml: Callable[..., Path], clear: int, warned: bool
) -> None:
    published = MEETING_DAY - dt.timedelta(days=clear + 1)
    assert clear_days(published, MEETING_DAY) == clear
    text = _report(published)
    found = _codes(write_yaml(text))
    line, column = position(text, str(published))
    assert found == ([("C820", "warning", line, column)] if warned else [])


def test_the_warning_says_by_when_it_should_have_been_published(
    write_yaml: Callable[..., Path],
) -> None:
    [checked] = api.check([write_yaml(_report(dt.date(2016, 12, 20)))])
    [problem] = [p for p in checked.problems if p.code == "C820"]
    assert "for 19 clear days before the meeting on 2017-01-09; it needs 28" in problem.message
    assert "by 2016-12-11" in problem.hint


@pytest.mark.parametrize("kind", ["general-exception", "special-urgency"])
def test_an_exception_with_its_reason_is_not_warned(
    write_yaml: Callable[..., Path], kind: str
) -> None:
    exception = f"  exception:\n    kind: {kind}\n    reason: The contract ends on 31 January.\n"
    assert _codes(write_yaml(_report(dt.date(2017, 1, 2), exception))) == []


def test_an_exception_needs_its_reason(write_yaml: Callable[..., Path]) -> None:
    exception = "  exception:\n    kind: special-urgency\n"
    [checked] = api.check([write_yaml(_report(dt.date(2017, 1, 2), exception))])
    assert any("reason" in p.message for p in checked.problems)
    assert not checked.ready


def test_first_published_after_the_meeting_is_an_error(write_yaml: Callable[..., Path]) -> None:
    text = _report(dt.date(2017, 1, 10))
    line, column = position(text, "2017-01-10")
    assert _codes(write_yaml(text)) == [("C821", "error", line, column)]


def test_a_profile_without_key_decisions_is_not_checked(
    write_yaml: Callable[..., Path], tmp_path: Path
) -> None:
    profile = tmp_path / "profile"
    profile.mkdir()
    (profile / "profile.yaml").write_text("name: Committee Council\nextends: nottinghamshire\n")
    (profile / "calendar.yaml").write_text("key_decisions: false\n")
    [checked] = api.check([write_yaml(_report(dt.date(2017, 1, 2)))], profile)
    assert not [p for p in checked.problems if p.code == "C820"]


def test_the_report_prints_nothing_of_its_key_decision(write_yaml: Callable[..., Path]) -> None:
    plain = api.load_documents([write_yaml(MINIMAL, "plain.yaml")])
    key = api.load_documents([write_yaml(_report(dt.date(2016, 12, 1)), "key.yaml")])
    [without], [with_key] = plain.values(), key.values()
    assert api.render(with_key, "html") == api.render(without, "html")
