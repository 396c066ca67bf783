"""Accessibility, checked on every example's .docx; each check shown to report a faulty one."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from reportgen.boilerplate import Boilerplate
from reportgen.document import (
    Block,
    Cell,
    Document,
    Heading,
    Link,
    ListMark,
    Para,
    Row,
    Table,
    Text,
)
from reportgen.pipeline import build
from reportgen.writers.docx import render_docx
from reportgen.writers.docx.accessibility import TYPED_LIST, Fault, check_docx
from tests.conftest import EXAMPLES
from tests.writers.docx.test_tables import META, PARAGRAPHS, numbered

NAMES = sorted(path.stem for path in EXAMPLES.glob("*.yaml"))


@pytest.fixture(scope="module")
def examples(boilerplate: Boilerplate) -> dict[str, bytes]:
    """Every example report built to .docx."""
    return {name: render_docx(build(EXAMPLES / f"{name}.yaml", boilerplate)) for name in NAMES}


@pytest.mark.parametrize("name", NAMES)
def test_every_example_is_free_of_accessibility_faults(
    name: str, examples: dict[str, bytes]
) -> None:
    assert check_docx(examples[name]) == []


def faults(*blocks: Block) -> list[Fault]:
    """The faults the checker finds in a hand-made document of ``blocks``."""
    return check_docx(render_docx(Document(META, blocks, PARAGRAPHS)))


def codes(*blocks: Block) -> list[str]:
    return [fault.code for fault in faults(*blocks)]


HEADER = Row("header", (Cell((Text("Job Title"),)), Cell((Text("Cost"),))))
BODY = Row("body", (Cell((Text("Social Worker"),)), Cell((Text("74,863"),), numeric=True)))


def test_a_sound_document_has_no_faults() -> None:
    assert (
        codes(
            Heading(1, (Text("Information"),)),
            Heading(2, (Text("Demand"),)),
            Heading(3, (Text("Detail"),)),
            numbered(1, "A paragraph with a number of its own."),
            Para("body", (Link("https://example.org", (Text("a report"),)),)),
            Heading(1, (Text("Another section"),)),
            Para("caption", (Text("Table of posts"),)),
            Table((HEADER, BODY), title="Table of posts"),
            Para("body", (Text("After the table."),)),
        )
        == []
    )


def test_a_skipped_heading_level_is_reported() -> None:
    (fault,) = faults(Heading(1, (Text("Information"),)), Heading(3, (Text("Too deep"),)))
    assert fault.code == "heading-skip"
    assert "level 3 follows level 1" in fault.message and "Too deep" in fault.message
    assert codes(Heading(2, (Text("First heading too deep"),))) == ["heading-skip"]


def test_a_table_without_a_header_row_or_a_title_is_reported() -> None:
    assert codes(Table((BODY, BODY), title="Posts")) == ["table-header"]
    # nothing introduces this table, so it has no title to take
    assert codes(Heading(1, (Text("Costs"),)), Table((HEADER, BODY))) == ["table-title"]
    # the writer gives no title of its own: resolving a report does (tests/resolve)
    assert codes(numbered(1, "The posts are:"), Table((HEADER, BODY))) == ["table-title"]


def test_a_link_without_text_is_reported() -> None:
    assert codes(Para("body", (Text("See "), Link("https://example.org", ())))) == ["link-text"]
    blank = Link("https://example.org", (Text(" "),))
    assert codes(Para("body", (Text("See"), blank, Text("here.")))) == ["link-text"]


@pytest.mark.parametrize("typed", ["1. First", "12) Twelfth", "a) First", "(b) Second", "• Bullet"])
def test_text_typed_in_place_of_a_list_is_reported(typed: str) -> None:
    assert codes(Para("body", (Text(typed),))) == ["typed-list"]


def test_list_numbers_and_ordinary_sentences_are_not_typed_lists() -> None:
    letter = ListMark("paragraph", "main", 1, "a")
    assert (
        codes(
            Para("item", (Text("a lettered item, numbered by Word"),), letter),
            Para("body", (Text("2.5 FTE posts, i.e. more than two."),)),
            Para("body", (Text("*The department already has one post."),)),
            Para("body", (Text("A. N. Other wrote it."),)),
        )
        == []
    )
    assert TYPED_LIST.match("iv. The fourth")
    assert not TYPED_LIST.match("In 2013, a review")


def test_an_empty_paragraph_used_for_spacing_is_reported() -> None:
    (fault,) = faults(numbered(1, "Before the gap."), Para("body", ()))
    assert fault.code == "empty-paragraph"
    assert "Before the gap." in fault.message


def test_the_checker_reads_any_docx(tmp_path: Path) -> None:
    made = docx.Document()
    made.add_heading("Report", 1)
    made.add_paragraph("1. Typed by hand")
    made.add_paragraph("")
    made.add_heading("Detail", 3)
    made.add_table(rows=2, cols=2)
    out = io.BytesIO()
    made.save(out)
    assert sorted(f.code for f in check_docx(out.getvalue())) == [
        "empty-paragraph",
        "heading-skip",
        "table-header",
        "table-title",
        "typed-list",
    ]
