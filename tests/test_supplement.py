"""reportgen/supplement.py: the supplement's front sheet as a document, its wording's fallbacks
and where the profile says the reason for urgency is printed."""

from __future__ import annotations

from pathlib import Path

from reportgen.boilerplate import load_boilerplate
from reportgen.document import Document, Heading, Para, Table, plain_text
from reportgen.meeting import load_meeting
from reportgen.supplement import late_items, printed
from tests.conftest import ROOT, profile_with, reworded_boilerplate

MEETING = ROOT / "tests" / "pack" / "supplement" / "meeting.yaml"
REASON = (
    "Reason for urgency: the grant offer must be accepted by 18 March 2022, before the next meeting"
)


def _texts(document: Document) -> list[str]:
    out: list[str] = []
    for block in document.blocks:
        if isinstance(block, Table):
            out += [plain_text(c.content) for row in block.rows for c in row.cells]
        elif isinstance(block, Heading | Para):
            out.append(plain_text(block.content))
    return out


def test_a_profile_without_late_words_gets_the_standard_ones(tmp_path: Path) -> None:
    own = ROOT / "tests" / "meeting" / "profiles" / "own-pack-words" / "meeting.yaml"
    assert "late:" not in own.read_text(encoding="utf-8")
    meeting = load_meeting(MEETING, load_boilerplate(profile_with(tmp_path / "p", own)))
    sheet = meeting.agenda({4: (2, 3)}, public=True, supplement=True)
    texts = _texts(sheet)
    assert "SUPPLEMENTARY AGENDA" in texts
    assert sheet.meta.title == "Supplementary agenda: Test Committee, 14 March 2022"
    assert any(REASON in t for t in texts)
    assert [n for n in ("1", "2", "3", "4", "5", "6") if n in texts] == ["4", "5", "6"]


def test_the_agenda_as_sent_lists_no_late_item() -> None:
    meeting = load_meeting(MEETING, load_boilerplate())
    texts = _texts(meeting.agenda({}, public=False))
    assert "Winter pressures update" not in texts and not any(
        "Reason for urgency" in t for t in texts
    )
    assert [i.number for i in late_items(meeting)] == [4, 5, 6]


def test_reason_on_nothing_prints_the_reason_nowhere(tmp_path: Path) -> None:
    words = reworded_boilerplate(tmp_path / "p", {"reason_on: [front_sheet]": "reason_on: []"})
    meeting = load_meeting(MEETING, load_boilerplate(words))
    assert not any(
        "Reason for urgency" in t for t in _texts(meeting.agenda({}, True, supplement=True))
    )
    [report] = meeting.items[3].documents
    assert printed(meeting, report) is report.document


def test_reason_on_report_heads_the_late_report_only(tmp_path: Path) -> None:
    words = reworded_boilerplate(
        tmp_path / "p", {"reason_on: [front_sheet]": "reason_on: [report]"}
    )
    meeting = load_meeting(MEETING, load_boilerplate(words))
    assert not any(
        "Reason for urgency" in t for t in _texts(meeting.agenda({}, True, supplement=True))
    )
    [report] = meeting.items[3].documents
    document = printed(meeting, report)
    assert document is not None and report.document is not None
    first = next(i for i, b in enumerate(document.blocks) if isinstance(b, Heading))
    head = document.blocks[first - 1]
    assert isinstance(head, Para) and plain_text(head.content) == REASON
    assert len(document.blocks) == len(report.document.blocks) + 1
    # the reviewers' document is left as it is; an item as sent is printed as it is
    assert not any(REASON in t for t in _texts(report.document))
    [staffing] = meeting.items[1].documents
    assert printed(meeting, staffing) is staffing.document
