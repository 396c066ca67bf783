"""Paragraph numbers, letters and bullet marks, and the labels collected on the way."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import pytest

from reportgen.document import Document, Heading, Para, plain_text
from reportgen.errors import Problem
from reportgen.resolve.numbering import letter
from tests.conftest import MINIMAL, position, raised

Resolve = Callable[[str], Document]


def with_information(blocks: str) -> str:
    """MINIMAL with its information section replaced by the dedented YAML list ``blocks``."""
    return MINIMAL.replace("  - The information.\n", textwrap.indent(textwrap.dedent(blocks), "  "))


def marks(doc: Document, kind: str) -> list[tuple[str, str]]:
    """(text, label) of every paragraph marked in the list ``kind``, in order."""
    return [
        (plain_text(b.content), b.mark.label)
        for b in doc.blocks
        if isinstance(b, Para) and b.mark is not None and b.mark.kind == kind
    ]


def problems_of(resolve_yaml: Resolve, text: str) -> tuple[Problem, ...]:
    return raised(lambda: resolve_yaml(text))


def test_one_paragraph_sequence_runs_through_implications_and_comments(
    resolve_yaml: Resolve,
) -> None:
    doc = resolve_yaml(
        MINIMAL.replace("items: [the proposal is approved]", "items: [first, second]")
        + textwrap.dedent(
            """\
            implications:
              financial: [The cost is met.]
            comments:
              financial: {initials: KAS, date: 2017-01-02, body: [Finance text.]}
            """
        )
    )
    paragraphs = marks(doc, "paragraph")
    assert [label for _, label in paragraphs] == ["1", "2", "3", "4", "5"]
    assert [text for text, _ in paragraphs[-2:]] == ["The cost is met.", "Finance text."]
    assert marks(doc, "recommendation") == [("first", "1"), ("second", "2")]


def test_sub_items_are_lettered_and_restart_after_the_next_numbered_paragraph(
    resolve_yaml: Resolve,
) -> None:
    doc = resolve_yaml(
        with_information(
            """\
            - text: "The service will:"
              items: [grow, {text: change, bullets: [slowly]}, last]
            - text: "It will also:"
              items: [again]
            """
        )
    )
    assert marks(doc, "paragraph")[:7] == [
        ("To seek approval.", "1"),
        ("The service will:", "2"),
        ("grow", "a"),
        ("change", "b"),
        ("last", "c"),
        ("It will also:", "3"),
        ("again", "a"),
    ]
    items = [b for b in doc.blocks if isinstance(b, Para) and b.role == "item"]
    assert [(b.mark.level if b.mark else None) for b in items] == [1, 1, 1, 1]


def test_unnumbered_paragraph_takes_no_number(resolve_yaml: Resolve) -> None:
    doc = resolve_yaml(
        with_information(
            """\
            - Numbered before.
            - {text: A narrative paragraph., numbered: false}
            - Numbered after.
            """
        )
    )
    [narrative] = [
        b
        for b in doc.blocks
        if isinstance(b, Para) and plain_text(b.content) == "A narrative paragraph."
    ]
    assert narrative.mark is None
    assert narrative.role == "body"
    assert marks(doc, "paragraph")[1:3] == [("Numbered before.", "2"), ("Numbered after.", "3")]


def test_lettered_headings_restart_under_a_higher_heading(resolve_yaml: Resolve) -> None:
    doc = resolve_yaml(
        with_information(
            """\
            - {heading: Demand, lettered: true}
            - {heading: Older people, level: 2, lettered: true}
            - {heading: Younger people, level: 2, lettered: true}
            - {heading: Capacity, lettered: true}
            - {heading: Homes, level: 2, lettered: true}
            - The information.
            """
        )
        + "other_options:\n  - {heading: Doing nothing, lettered: true}\n"
    )
    lettered = [
        (plain_text(b.content), b.mark.label, b.mark.instance)
        for b in doc.blocks
        if isinstance(b, Heading) and b.mark is not None
    ]
    labels = [(text, label) for text, label, _ in lettered]
    assert labels == [
        ("Demand", "a"),
        ("Older people", "a"),
        ("Younger people", "b"),
        ("Capacity", "b"),
        ("Homes", "a"),
        ("Doing nothing", "a"),
    ]
    instance = {text: inst for text, _, inst in lettered}
    # One running list per group, so Word restarts the letters where the report does.
    assert instance["Demand"] == instance["Capacity"]
    assert instance["Older people"] == instance["Younger people"]
    assert len({instance["Demand"], instance["Older people"], instance["Homes"]}) == 3
    assert instance["Doing nothing"] != instance["Demand"]


def test_table_caption_does_not_restart_lettered_headings(resolve_yaml: Resolve) -> None:
    doc = resolve_yaml(
        with_information(
            """\
            - {heading: Demand, lettered: true}
            - {table: [[Year, Cost], ["2017", "£1m"]], caption: Costs by year}
            - {heading: Capacity, lettered: true}
            - The information.
            """
        )
    )
    assert [
        (plain_text(b.content), b.mark.label)
        for b in doc.blocks
        if isinstance(b, Heading) and b.mark is not None
    ] == [("Demand", "a"), ("Capacity", "b")]


def test_bullets_carry_a_bullet_mark_with_their_nesting_level(resolve_yaml: Resolve) -> None:
    doc = resolve_yaml(
        with_information(
            """\
            - text: "The plan covers:"
              bullets:
                - homes
                - text: care
                  bullets:
                    - at home
                    - text: in hospital
                      bullets: [on wards]
            - bullets: [standing alone]
            """
        )
    )
    bullets = [
        (plain_text(b.content), b.mark.kind, b.mark.level)
        for b in doc.blocks
        if isinstance(b, Para) and b.role == "bullet" and b.mark is not None
    ]
    assert bullets == [
        ("homes", "bullet", 0),
        ("care", "bullet", 0),
        ("at home", "bullet", 1),
        ("in hospital", "bullet", 1),
        ("on wards", "bullet", 2),
        ("standing alone", "bullet", 0),
    ]
    # Every nesting level used has a bullet to show in the document's list formats.
    assert all(level < len(doc.list_formats["bullet"].levels) for _, _, level in bullets)
    # Bullets count nothing: the paragraph numbers run on past them.
    assert marks(doc, "paragraph")[1] == ("The plan covers:", "2")


@pytest.mark.parametrize(
    ("n", "shown"),
    [(1, "a"), (2, "b"), (26, "z"), (27, "aa"), (28, "bb"), (52, "zz"), (53, "aaa")],
)
def test_letter_counts_a_to_z_then_doubles(n: int, shown: str) -> None:
    assert letter(n) == shown


def test_duplicate_label_is_reported_with_both_places(resolve_yaml: Resolve) -> None:
    text = with_information(
        """\
        - {text: Staffing., label: staff}
        - {text: More staffing., label: staff}
        """
    )
    [problem] = problems_of(resolve_yaml, text)
    first = position(text, "staff}")
    second = position(text, "staff}", occurrence=2)
    assert problem.code == "R301"
    assert problem.where.file.endswith("report.yaml")
    assert (problem.where.line, problem.where.column) == second
    assert problem.where.path == ("information", 1, "label")
    assert "'staff' is used twice" in problem.message
    assert f"first at line {first[0]}, column {first[1]}" in problem.message
    assert "its own label" in problem.hint


def test_label_on_an_unnumbered_paragraph_is_reported(resolve_yaml: Resolve) -> None:
    text = with_information("- {text: A narrative., numbered: false, label: story}\n")
    [problem] = problems_of(resolve_yaml, text)
    assert problem.code == "R305"
    assert (problem.where.line, problem.where.column) == position(text, "story}")
    assert problem.where.path == ("information", 0, "label")
    assert "'story' is on a paragraph without a number" in problem.message
    assert "numbered: false" in problem.hint
