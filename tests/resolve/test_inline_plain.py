"""Plain text skips the Markdown parser (issue 11): it must come out as the parser would give it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from reportgen.document import Text
from reportgen.resolve.inline import MARKUP, parse_inline, slot

PARSER = MarkdownIt("zero").enable(["emphasis", "link", "escape", "newline", "backticks"])
"""The parser as reportgen configures it, built here to compare with."""

PIECES = st.sampled_from(
    [*"ab &!<>#~-+=.:;'\"(){}|@$^%£0 \t\u00a0", "Band B", "&amp;", "<b>", "1.", "# x", "~~s~~"]
)


def parsed(source: str) -> str:
    """The text the parser finds in ``source``, when it finds nothing but text."""
    tokens = PARSER.parseInline(source.strip(), {})[0].children or []
    assert all(t.type == "text" for t in tokens), tokens
    return "".join(t.content for t in tokens)


@settings(max_examples=300)
@given(st.lists(PIECES, max_size=20).map("".join))
def test_text_without_markup_is_what_the_parser_gives(source: str) -> None:
    if MARKUP.search(source.strip()):
        return
    expected = parsed(source)
    assert parse_inline(source) == ((Text(expected),) if expected else ())


def test_slots_are_filled_without_the_parser() -> None:
    figure = (Text("£45,638"),)
    assert parse_inline(f"a cost of {slot(0)} a year", [figure]) == (
        Text("a cost of £45,638 a year"),
    )


def test_markup_still_goes_to_the_parser() -> None:
    assert parse_inline("a **bold** word") != (Text("a **bold** word"),)
