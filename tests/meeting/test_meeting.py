"""A meeting's documents resolved together: minutes, reports, appendices and the agenda."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen.boilerplate import Boilerplate
from reportgen.document import Document, Heading, Para, RefNumber, Table, plain_text
from reportgen.errors import format_path
from reportgen.meeting import ResolvedMeeting, load_meeting
from tests.conftest import raised

HERE = Path(__file__).resolve().parent
MEETING = HERE / "meetings" / "2022-03-14" / "meeting.yaml"


@pytest.fixture(scope="module")
def meeting(boilerplate: Boilerplate) -> ResolvedMeeting:
    return load_meeting(MEETING, boilerplate)


def _texts(doc: Document) -> list[str]:
    return [plain_text(b.content) for b in doc.blocks if not isinstance(b, Table)]


def _document(meeting: ResolvedMeeting, name: str) -> Document:
    found = [d.document for i in meeting.items for d in i.documents if d.name == name]
    assert found and found[0] is not None, name
    return found[0]


def test_agenda_items_are_numbered_by_their_place(meeting: ResolvedMeeting) -> None:
    assert [(i.line.number, i.line.title) for i in meeting.items] == [
        (1, "Minutes of last meeting held on 7 February 2022"),
        (2, "Apologies for Absence"),
        (3, "Declarations of Interests by Members and Officers:- (see note below)"),
        (4, "Changes to the staffing establishment"),
        (5, "A contract award"),
    ]
    report = _document(meeting, "4. Changes to the staffing establishment")
    assert report.meta.agenda_item == "4"


def test_resolutions_continue_the_register_of_the_year(meeting: ResolvedMeeting) -> None:
    minutes = _document(meeting, "1. Minutes of last meeting held on 7 February 2022")
    resolved = [t for t in _texts(minutes) if t.startswith("RESOLVED")]
    # the January minutes in the register have two resolutions: 2022/001 and 2022/002
    assert resolved == ["RESOLVED 2022/003", "RESOLVED 2022/004"]
    assert "A\tSteve Carr" in _texts(minutes)
    parts = [(b.mark.kind, b.mark.label) for b in minutes.blocks if isinstance(b, Para) and b.mark]
    assert ("resolution", "1") in parts and ("resolution", "2") in parts
    minute_numbers = [b.mark.label for b in minutes.blocks if isinstance(b, Heading) and b.mark]
    assert minute_numbers == ["1", "2"]


def test_references_reach_across_the_documents_of_a_meeting(meeting: ResolvedMeeting) -> None:
    report = _document(meeting, "4. Changes to the staffing establishment")
    appendix = _document(meeting, "Appendix 1: The staffing plan")
    assert _texts(report)[1] == (
        "To approve the posts in paragraph 2, as paragraph 1 of the plan sets out."
    )
    assert "The second part follows paragraph 1 and paragraph 2 of the report." in _texts(appendix)
    # a reference into another file is a plain number: no live field reaches across files
    [across] = [
        b for b in appendix.blocks if isinstance(b, Para) and "report" in plain_text(b.content)
    ]
    numbers = [n for n in across.content[1].children if isinstance(n, RefNumber)]  # type: ignore[union-attr]
    assert [n.anchor for n in numbers] == ["plan"]


def test_the_public_agenda_shows_an_exempt_item_by_its_public_title_only(
    meeting: ResolvedMeeting,
) -> None:
    public = meeting.agenda({1: (3, 5), 4: (6, 9)}, public=True)
    confidential = meeting.agenda({1: (3, 5), 4: (6, 9), 5: (10, 12)}, public=False)
    [table] = [b for b in public.blocks if isinstance(b, Table)]
    rows = [[plain_text(c.content) for c in r.cells] for r in table.rows]
    assert rows[0] == ["Item", "Title", "Pages"]
    assert rows[1] == ["1", "Minutes of last meeting held on 7 February 2022", "3 - 5"]
    assert rows[5][0] == "5" and rows[5][2] == ""
    assert rows[5][1].startswith("A contract award\nExempt information under paragraph 3")
    assert "SECRETMARKER" not in str(public)
    [table] = [b for b in confidential.blocks if isinstance(b, Table)]
    assert [plain_text(c.content) for c in table.rows[5].cells] == [
        "5",
        "A contract award",
        "10 - 12",
    ]
    notes = [b for b in public.blocks if isinstance(b, Para) and b.mark and b.mark.kind == "note"]
    assert len(notes) == 5
    assert "contact Jo Toomey (Tel. 0115 977 4506)" in plain_text(notes[2].content)


def test_a_meeting_file_with_mistakes_gets_every_problem(boilerplate: Boilerplate) -> None:
    found = raised(lambda: load_meeting(HERE / "bad" / "meeting.yaml", boilerplate))
    got = sorted((p.code, Path(p.where.file).name, format_path(p.where.path)) for p in found)
    assert got == [
        ("M701", "secret.yaml", "agenda_item"),
        ("M701", "staffing.yaml", "agenda_item"),
        ("M702", "meeting.yaml", "items[1]"),
        ("M703", "meeting.yaml", "items[2].appendices[0].file"),
        ("M706", "meeting.yaml", "notes"),
        # the report cites its appendix document, which this meeting does not include
        ("R300", "staffing.yaml", "purpose[0]"),
    ]
    m701 = next(p for p in found if p.code == "M701" and p.where.file.endswith("secret.yaml"))
    assert "says it is agenda item 5, but it is item 2" in m701.message


def test_two_sets_of_minutes_for_one_meeting_are_refused(
    boilerplate: Boilerplate, tmp_path: Path
) -> None:
    meetings = HERE / "meetings"
    for folder in ("2022-02-07", "2022-02-07-again", "2022-03-14"):
        source = meetings / ("2022-02-07" if folder.endswith("again") else folder)
        shutil.copytree(source, tmp_path / folder)
    found = raised(lambda: load_meeting(tmp_path / "2022-03-14" / "meeting.yaml", boilerplate))
    assert [p.code for p in found] == ["M705"]
    assert "record the meeting of 2022-02-07" in found[0].message


COLLISIONS = HERE / "collisions"
"""Meetings whose documents share file names (tests/pack/test_collisions.py builds their packs)."""


def test_same_named_documents_are_each_their_own(boilerplate: Boilerplate) -> None:
    meeting = load_meeting(COLLISIONS / "appendices" / "meeting.yaml", boilerplate)
    [report, public, exempt, costings] = meeting.items[1].documents
    assert [d.key for d in (report, public, exempt, costings)] == [
        "item2",
        "item2-appendix1",
        "item2-appendix2",
        "item2-appendix3",
    ]
    assert [
        (d.source.parent.name, d.source.name, d.exempt) for d in (public, exempt, costings)
    ] == [
        ("public", "plan.yaml", False),
        ("exempt", "plan.yaml", True),
        ("exempt", "plan.pdf", True),
    ]
    assert public.document is not None and exempt.document is not None
    assert public.document.meta.title == "PUBLIC-MARKER-2c1e plan for the libraries"
    assert exempt.document.meta.title == "EXEMPT-MARKER-7f3a plan for the contract"
    assert report.document is not None
    # cited by its path, the public plan's label: its paragraph 2 (the exempt plan's is 1)
    assert "The plan's first step is paragraph 2 of Appendix 1." in _texts(report.document)
    public_documents = meeting.documents(public=True)
    assert [d.key for d in public_documents] == [
        "item2",
        "item2-appendix1",
        "item2-appendix2-notice",
        "item2-appendix3-notice",
    ]
    # a notice is titled as the meeting file titles its appendix, never by the exempt file's
    # own title
    assert [d.name for d in public_documents[2:]] == ["Appendix 2", "Appendix 3: Plan costings"]


def test_a_reference_by_a_name_several_files_share_is_a_problem(boilerplate: Boilerplate) -> None:
    found = raised(lambda: load_meeting(COLLISIONS / "ambiguous" / "meeting.yaml", boilerplate))
    # 'report' names a/report.yaml, b/report.yaml and C/Report.yaml (names differing only in
    # case are one name); b/report and C/Report.yaml (their paths) each name one of them, and
    # b is exempt, so public report a may not cite it (R310)
    assert [(p.code, Path(p.where.file).parent.name, format_path(p.where.path)) for p in found] == [
        ("M704", "a", "purpose[1]"),
        ("R310", "a", "purpose[2]"),
    ]
    assert found[0].where.line == 7
    assert found[0].message == (
        "'report' names 3 documents of this meeting: C/Report.yaml, a/report.yaml, b/report.yaml"
    )
    assert "ref('C/Report.yaml:hours')" in found[0].hint


def test_a_file_that_is_both_public_and_exempt_is_a_problem(boilerplate: Boilerplate) -> None:
    found = raised(lambda: load_meeting(COLLISIONS / "both" / "meeting.yaml", boilerplate))
    got = [(p.code, format_path(p.where.path), p.message) for p in found]
    assert got == [
        ("M710", "items[0].report", "'report.yaml' is public here, but exempt in item 2 (line 11)"),
        (
            "M710",
            "items[0].appendices[0].file",
            "'terms.yaml' is public here, but exempt in item 3 (line 15)",
        ),
    ]


def test_two_reports_that_would_share_their_comments_are_a_problem(
    boilerplate: Boilerplate,
) -> None:
    found = raised(lambda: load_meeting(COLLISIONS / "shared" / "meeting.yaml", boilerplate))
    assert [(p.code, format_path(p.where.path)) for p in found] == [("M711", "items[1].report")]
    assert "'report.yml' and 'report.yaml' (line 9)" in found[0].message
    assert "report.comments/" in found[0].message


def test_a_council_words_the_agenda_minutes_and_appendix_titles_in_its_boilerplate(
    tmp_path: Path,
) -> None:
    from reportgen.boilerplate import load_boilerplate
    from tests.conftest import reworded_boilerplate

    folder = reworded_boilerplate(
        tmp_path / "boilerplate",
        {
            '"Agenda: {committee}, {date}"': '"{committee} agenda, {date}"',
            '"Appendix {n}: {title}"': '"Annex {n} - {title}"',
            '"Minutes: {committee}, {date}"': '"{committee} minutes of {date}"',
        },
    )
    meeting = load_meeting(MEETING, load_boilerplate(folder))
    names = [d.name for i in meeting.items for d in i.documents]
    assert "Annex 1 - The staffing plan" in names
    assert not [n for n in names if n.startswith("Appendix")]
    agenda = meeting.agenda({}, public=True)
    assert agenda.meta.title == f"{agenda.meta.committee} agenda, 14 March 2022"
    minutes = _document(meeting, "1. Minutes of last meeting held on 7 February 2022")
    assert minutes.meta.title == f"{minutes.meta.committee} minutes of 7 February 2022"


def test_a_meeting_without_membership_builds(boilerplate: Boilerplate) -> None:
    """membership is optional: a meeting file without it gives its agenda, with no problem."""
    resolved = load_meeting(HERE / "meetings" / "no-membership" / "meeting.yaml", boilerplate)
    assert resolved.meeting.membership == []
    agenda = resolved.agenda({}, public=True)
    (table,) = [b for b in agenda.blocks if isinstance(b, Table)]
    titles = [plain_text(row.cells[1].content) for row in table.rows[1:]]
    assert titles[0] == "Apologies for Absence"
