"""Inline Markdown in a text: bold, italic, links and escapes become inline nodes."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen.document import (
    Document,
    Emph,
    Inlines,
    LineBreak,
    Link,
    Para,
    Strong,
    Text,
    plain_text,
)
from reportgen.resolve.inline import parse_inline
from tests.conftest import MINIMAL

Resolve = Callable[[str], Document]


@pytest.mark.parametrize(
    ("source", "nodes"),
    [
        ("a **bold** word", (Text("a "), Strong((Text("bold"),)), Text(" word"))),
        ("an *italic* word", (Text("an "), Emph((Text("italic"),)), Text(" word"))),
        (
            "see [the plan](https://x)",
            (Text("see "), Link("https://x", (Text("the plan"),))),
        ),
        (
            "**bold *and italic***",
            (Strong((Text("bold "), Emph((Text("and italic"),)))),),
        ),
    ],
)
def test_markup_becomes_strong_emph_and_link(source: str, nodes: Inlines) -> None:
    assert parse_inline(source) == nodes


def test_backslash_escape_keeps_a_literal_asterisk() -> None:
    assert parse_inline(r"5 \* 3 \*is not\* italic") == (Text("5 * 3 *is not* italic"),)


def test_newline_inside_a_text_becomes_a_space() -> None:
    assert parse_inline("first line\nsecond line") == (Text("first line second line"),)


def test_two_trailing_spaces_before_a_newline_are_a_line_break() -> None:
    assert parse_inline("first line  \nsecond line") == (
        Text("first line"),
        LineBreak(),
        Text("second line"),
    )


@pytest.mark.parametrize(
    "source",
    [
        "Plain text with no markup.",
        "Costs rose 2 * 3 times, under_score and #hash stay as typed.",
        "- not a list, 1. not a list, # not a heading",
    ],
)
def test_plain_text_is_a_single_text_node(source: str) -> None:
    assert parse_inline(source) == (Text(source),)


def test_plain_text_of_the_result_is_what_a_reader_sees() -> None:
    nodes = parse_inline("A **bold**, *italic* and [linked](https://x) text  \nand more")
    assert plain_text(nodes) == "A bold, italic and linked text\nand more"


def test_markup_in_a_report_text_reaches_the_document(resolve_yaml: Resolve) -> None:
    doc = resolve_yaml(
        MINIMAL.replace(
            "  - The information.\n",
            textwrap.indent(
                textwrap.dedent(
                    """\
                    - |-
                      The **new** service
                      starts in *April*.
                    """
                ),
                "  ",
            ),
        )
    )
    [para] = [
        b for b in doc.blocks if isinstance(b, Para) and b.mark is not None and b.mark.label == "2"
    ]
    assert para.content == (
        Text("The "),
        Strong((Text("new"),)),
        Text(" service starts in "),
        Emph((Text("April"),)),
        Text("."),
    )


def _depth(nodes: Inlines) -> int:
    """How deep the nodes nest (a text alone is 0)."""
    deepest = 0
    for node in nodes:
        if isinstance(node, Strong | Emph | Link):
            deepest = max(deepest, 1 + _depth(node.children))
    return deepest


def test_emphasis_inside_the_same_emphasis_is_not_nested_again() -> None:
    assert parse_inline("*a *b* c*") == (Emph((Text("a b c"),)),)
    assert parse_inline("**a **b** c**") == (Strong((Text("a b c"),)),)
    assert parse_inline("**a *b* c**") == (Strong((Text("a "), Emph((Text("b"),)), Text(" c"))),)


@pytest.mark.parametrize(
    "source",
    ["*" * 5000 + "x" + "*" * 5000, "**a *" * 2000 + "x" + "* b**" * 2000, "[*" * 3000 + "x"],
    ids=["stars", "bold-and-italic", "links-and-stars"],
)
def test_emphasis_thousands_deep_nests_only_a_few_levels(source: str) -> None:
    nodes = parse_inline(source)
    assert "x" in plain_text(nodes)
    assert _depth(nodes) <= 3


@pytest.mark.parametrize(
    "source",
    [
        "The {_{ y }_} placeholder.",
        "snake_case_words and __init__",
        "_underlined_ and __doubled__ stay as typed",
        "an _emphasis_ at the _end_",
    ],
)
def test_underscores_are_text_not_emphasis(source: str) -> None:
    assert parse_inline(source) == (Text(source),)


def test_an_asterisk_pair_around_underscores_is_still_italic() -> None:
    assert parse_inline("a _b *c_ d* e") == (
        Text("a _b "),
        Emph((Text("c_ d"),)),
        Text(" e"),
    )
    assert parse_inline("**_x_**") == (Strong((Text("_x_"),)),)


def test_underscores_in_code_links_and_escapes_are_as_before() -> None:
    assert parse_inline(r"`a_b_` [_x_](https://x_y_) \_z_") == (
        Text("a_b_ "),
        Link("https://x_y_", (Text("_x_"),)),
        Text(" _z_"),
    )


@settings(max_examples=300)
@given(st.lists(st.sampled_from([*"ab _.,({})", "__", "{_{", "}_}"]), max_size=20).map("".join))
def test_underscores_read_the_same_with_or_without_the_parser(source: str) -> None:
    """Text whose only markup is '_' skips the parser; with an escape it goes through it."""
    text = source.strip()
    fast = parse_inline(text)
    assert fast == ((Text(text),) if text else ())
    assert parse_inline("\\*" + text) == (Text("*" + text),)
