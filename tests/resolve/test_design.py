"""A designed document resolved: call-out boxes where they stand, a cover in place of the title,
a contents page listing the main sections with the ids their headings get, and the main sections
on new pages; bad input is a placed problem."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reportgen.boilerplate import Boilerplate
from reportgen.document import Callout, Document, Heading, plain_text
from reportgen.meeting import ResolvedMeeting, load_meeting
from reportgen.pipeline import build
from reportgen.resolve.design import with_pages
from tests.conftest import MINIMAL, position, raised

HERE = Path(__file__).resolve().parent / "design"


@pytest.fixture(scope="module")
def meeting(boilerplate: Boilerplate) -> ResolvedMeeting:
    return load_meeting(HERE / "meeting.yaml", boilerplate)


def _document(meeting: ResolvedMeeting, stem: str) -> Document:
    found = [
        d.document
        for item in meeting.items
        for d in item.documents
        if d.document is not None and d.source.stem == stem
    ]
    assert found, stem
    return found[0]


def test_a_callout_is_a_box_with_its_figure_sentence_and_source(meeting: ResolvedMeeting) -> None:
    report = _document(meeting, "report")
    boxes = [b for b in report.blocks if isinstance(b, Callout)]
    assert [(plain_text(b.figure), plain_text(b.content), plain_text(b.source)) for b in boxes] == [
        ("1 in 5", "young people under 18 are caring for someone", "(BBC, 2018)")
    ]
    assert boxes[0].where is not None and boxes[0].where.line == 10


def test_a_callout_takes_no_number(meeting: ResolvedMeeting) -> None:
    report = _document(meeting, "report")
    numbered = [b.mark.label for b in report.blocks if getattr(b, "mark", None) is not None]
    assert numbered[:3] == ["1", "2", "3"]  # purpose 1, information 2, the recommendation's 3
    strategy = _document(meeting, "strategy")
    first = next(b for b in strategy.blocks if isinstance(b, Callout))
    assert plain_text(first.content) == (
        "Nationally 1 in 5 young people under 18 are caring for someone"
    )
    assert plain_text(first.source) == "(BBC, 2018)" and first.figure == ()


def test_the_cover_prints_the_title_in_its_place(meeting: ResolvedMeeting) -> None:
    strategy = _document(meeting, "strategy")
    cover = strategy.meta.cover
    assert cover is not None
    assert (cover.marking, cover.lines, cover.subtitle) == (
        "Draft",
        ("Joint Carers Strategy", "2022-2027"),
        None,
    )
    headings = [b for b in strategy.blocks if isinstance(b, Heading)]
    assert plain_text(headings[0].content) == "Foreword"  # no title heading under the cover


def test_the_contents_page_lists_the_main_sections_linked_to_their_headings(
    meeting: ResolvedMeeting,
) -> None:
    strategy = _document(meeting, "strategy")
    contents = strategy.meta.contents
    assert contents is not None and contents.heading == "Contents"  # the profile's wording
    assert [(e.text, e.anchor, e.page) for e in contents.entries] == [
        ("Foreword", "section-foreword", None),
        ("Who is a carer?", "section-who-is-a-carer", None),
        ("Our plans for the future", "section-our-plans-for-the-future", None),
        ("Glossary", "section-glossary", None),
    ]
    anchored = {
        b.anchor: plain_text(b.content)
        for b in strategy.blocks
        if isinstance(b, Heading) and b.anchor
    }
    assert anchored == {e.anchor: e.text for e in contents.entries}
    paged = with_pages(strategy, {"section-glossary": 9})
    assert paged.meta.contents is not None
    assert [e.page for e in paged.meta.contents.entries] == [None, None, None, 9]


def test_main_sections_start_new_pages_and_their_sub_headings_do_not(
    meeting: ResolvedMeeting,
) -> None:
    strategy = _document(meeting, "strategy")
    headings = [
        (plain_text(b.content), b.new_page) for b in strategy.blocks if isinstance(b, Heading)
    ]
    assert headings == [
        ("Foreword", True),
        ("Who is a carer?", True),
        ("A carer under 18", False),
        ("Our plans for the future", True),
        ("Glossary", True),
    ]


def test_a_reports_heading_may_start_a_new_page(
    resolve_yaml: Callable[[str], Document],
) -> None:
    text = MINIMAL.replace(
        "  - The information.\n",
        "  - The information.\n  - {heading: Costs, new_page: true}\n  - heading: Risks\n",
    )
    headings = [
        (plain_text(b.content), b.new_page)
        for b in resolve_yaml(text).blocks
        if isinstance(b, Heading) and b.level == 2
    ]
    assert headings == [("Costs", True), ("Risks", False)]


def test_a_callout_without_its_sentence_is_a_placed_problem(
    write_yaml: Callable[[str, str], Path], boilerplate: Boilerplate
) -> None:
    text = MINIMAL.replace(
        "  - The information.\n", "  - The information.\n  - {figure: 1 in 5, source: (BBC)}\n"
    )
    problems = raised(lambda: build(write_yaml(text, "report.yaml"), boilerplate))
    assert [(p.where.line, p.where.column) for p in problems] == [position(text, "{figure")]
    assert "callout" in problems[0].message


def test_a_contents_page_with_nothing_to_list_is_a_problem(boilerplate: Boilerplate) -> None:
    problems = raised(lambda: load_meeting(HERE / "bad" / "meeting.yaml", boilerplate))
    assert [(p.code, p.where.line, p.where.column) for p in problems] == [("S260", 3, 1)]
    assert problems[0].where.file.endswith("no-headings.yaml")
    assert "contents: true" in (problems[0].hint or "")
