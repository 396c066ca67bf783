"""The words of a meeting's documents from the profile's meeting.yaml: the agenda table's
caption and how the minutes print a member with a role."""

from __future__ import annotations

from pathlib import Path

from reportgen.boilerplate import load_boilerplate
from reportgen.document import Table, plain_text
from reportgen.meeting import load_meeting
from tests.conftest import profile_with

HERE = Path(__file__).resolve().parent
MEETING = HERE / "meetings" / "2022-03-14" / "meeting.yaml"


def test_the_caption_and_members_are_worded_by_the_profile(tmp_path: Path) -> None:
    profile = profile_with(
        tmp_path / "profile", HERE / "profiles" / "own-pack-words" / "meeting.yaml"
    )
    for words, caption, member in (
        (load_boilerplate(), "Agenda", "Boyd Elliott (Chairman)"),
        (load_boilerplate(profile), "Items of business", "Boyd Elliott, Chairman"),
    ):
        meeting = load_meeting(MEETING, words)
        [table] = [b for b in meeting.agenda({}, public=True).blocks if isinstance(b, Table)]
        assert table.title == caption
        minutes = meeting.items[0].documents[0].document
        assert minutes is not None
        texts = [plain_text(b.content) for b in minutes.blocks if not isinstance(b, Table)]
        assert member in texts
