"""Agenda item numbers: by place from a first number, or as the meeting file gives them."""

from __future__ import annotations

from pathlib import Path

from reportgen.boilerplate import Boilerplate, load_boilerplate
from reportgen.document import Table, plain_text
from reportgen.errors import format_path
from reportgen.meeting import ResolvedMeeting, load_meeting
from tests.conftest import profile_with, raised

HERE = Path(__file__).resolve().parent / "numbering"
PROFILES = Path(__file__).resolve().parent / "profiles"


def _agenda_rows(meeting: ResolvedMeeting) -> list[tuple[str, str]]:
    """(item, title) of each row of the front sheet's agenda table."""
    agenda = meeting.agenda({}, public=True)
    [table] = [b for b in agenda.blocks if isinstance(b, Table)]
    return [(plain_text(r.cells[0].content), plain_text(r.cells[1].content)) for r in table.rows]


def _report(meeting: ResolvedMeeting, number: int) -> str:
    [item] = [i for i in meeting.items if i.line.number == number]
    document = item.documents[0].document
    assert document is not None
    return document.meta.agenda_item


def test_items_are_numbered_by_place_from_the_first_item(boilerplate: Boilerplate) -> None:
    meeting = load_meeting(HERE / "from-37.yaml", boilerplate)
    assert _agenda_rows(meeting)[1:] == [
        ("37", "Apologies for Absence"),
        ("38", "Library opening hours"),
    ]
    # the report claims 38, its number in place 2
    assert _report(meeting, 38) == "38"
    assert [d.key for i in meeting.items for d in i.documents] == ["item38"]


def test_a_report_claiming_another_number_than_its_place_gives_is_m701(
    boilerplate: Boilerplate,
) -> None:
    [problem] = raised(lambda: load_meeting(HERE / "from-37-claims-5.yaml", boilerplate))
    assert problem.code == "M701"
    assert Path(problem.where.file).name == "claims-5.yaml"
    assert "says it is agenda item 5, but it is item 38" in problem.message


def test_items_numbered_as_given(boilerplate: Boilerplate) -> None:
    meeting = load_meeting(HERE / "given.yaml", boilerplate)
    assert [n for n, _ in _agenda_rows(meeting)[1:]] == ["30", "31", "38", "40"]
    assert _report(meeting, 38) == "38"


def test_given_numbers_missing_repeated_or_out_of_order_are_placed(
    boilerplate: Boilerplate,
) -> None:
    found = raised(lambda: load_meeting(HERE / "given-bad.yaml", boilerplate))
    got = [(p.code, p.where.line, format_path(p.where.path)) for p in found]
    assert got == [
        ("M721", 9, "first_item"),
        ("M719", 12, "items[1]"),
        ("M720", 14, "items[3].number"),
        ("M720", 15, "items[4].number"),
    ]
    assert "31 is the same as the number before it (31)" in found[2].message
    assert "20 is less than the number before it (31)" in found[3].message


def test_a_number_given_to_an_item_numbered_by_place_is_placed(boilerplate: Boilerplate) -> None:
    [problem] = raised(lambda: load_meeting(HERE / "place-bad.yaml", boilerplate))
    assert (problem.code, problem.where.line, format_path(problem.where.path)) == (
        "M721",
        9,
        "items[1].number",
    )


def test_the_profile_says_how_items_are_numbered_unless_the_meeting_does(tmp_path: Path) -> None:
    profile = profile_with(tmp_path / "profile", PROFILES / "numbered-as-given" / "meeting.yaml")
    given = load_boilerplate(profile)
    assert given.meeting.agenda.item_numbers == "given"
    # the meeting file says nothing of how its items are numbered: as given, the profile says
    meeting = load_meeting(HERE / "given-by-profile.yaml", given)
    assert [n for n, _ in _agenda_rows(meeting)[1:]] == ["30", "38"]
    # a meeting file that gives its first item's number numbers by place
    meeting = load_meeting(HERE / "from-37.yaml", given)
    assert [n for n, _ in _agenda_rows(meeting)[1:]] == ["37", "38"]
    # under the standard profile, numbers without item_numbers: given are refused, and the
    # report in place 2 is item 2, not the 38 it claims
    assert [
        p.code
        for p in raised(lambda: load_meeting(HERE / "given-by-profile.yaml", load_boilerplate()))
    ] == [
        "M721",
        "M721",
        "M701",
    ]
