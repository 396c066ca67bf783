"""The front sheet's notes: parts of a note print only when their fields have a value."""

from __future__ import annotations

from pathlib import Path

from reportgen.boilerplate import Boilerplate, load_boilerplate
from reportgen.document import Para, plain_text
from reportgen.meeting import ResolvedMeeting, load_meeting
from tests.conftest import profile_with, raised

HERE = Path(__file__).resolve().parent
NUMBERING = HERE / "numbering"
PROFILES = HERE / "profiles"


def _notes(meeting: ResolvedMeeting) -> list[str]:
    agenda = meeting.agenda({}, public=True)
    return [
        plain_text(b.content)
        for b in agenda.blocks
        if isinstance(b, Para) and b.mark and b.mark.kind == "note"
    ]


def test_a_contact_without_a_phone_prints_no_empty_telephone(boilerplate: Boilerplate) -> None:
    notes = _notes(load_meeting(NUMBERING / "from-37.yaml", boilerplate))
    assert len(notes) == 5
    assert "(Tel." not in " ".join(notes)
    assert "invited to contact Jo Toomey or a colleague in Democratic Services" in notes[2]


def test_a_contact_with_a_phone_prints_it(boilerplate: Boilerplate) -> None:
    meeting = load_meeting(HERE / "meetings" / "no-membership" / "meeting.yaml", boilerplate)
    assert "contact Jo Toomey (Tel. 0115 977 4506) or a colleague" in _notes(meeting)[2]


def test_a_note_that_prints_nothing_is_left_out(tmp_path: Path) -> None:
    words = load_boilerplate(
        profile_with(tmp_path / "profile", PROFILES / "email-note" / "meeting.yaml")
    )
    without = _notes(load_meeting(NUMBERING / "from-37.yaml", words))
    assert len(without) == 5
    with_email = _notes(load_meeting(NUMBERING / "given.yaml", words))
    assert with_email[3] == ("Questions about this agenda may be sent to jo.toomey@example.gov.uk.")
    assert len(with_email) == 6


def test_a_part_using_an_unknown_field_is_placed_in_the_profile(tmp_path: Path) -> None:
    profile = profile_with(tmp_path / "profile", PROFILES / "bad-part" / "meeting.yaml")
    [problem] = raised(lambda: load_boilerplate(profile))
    assert problem.code == "S200"
    assert Path(problem.where.file) == profile / "meeting.yaml"
    assert problem.where.line == 49
    assert "part tel uses {fax}" in problem.message
