"""The examples' pages as each PDF engine lays them out: checked, not hoped for.

Each example is built to .docx and exported to PDF once by LibreOffice, and typeset once by
Typst (a module-scoped fixture for each engine). Its paragraphs
and table cells, read from the .docx in document order, are then found in the PDF's text page by
page, ignoring white space (the PDF adds list numbers, bullets, repeated header rows and footers
in between, which are skipped). Where each one starts and ends tells its page, and the white
space the PDF puts inside a cell's word tells a word broken across lines. The checks:

- no word is broken across lines inside a table cell (except after a hyphen or a slash);
- every caption is on the page where its table starts;
- a heading never ends a page;
- no page holds only the report's reference;
- a paragraph ending in a colon is on the page where what it introduces starts, and the signature
  on the page of its contacts.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import pytest
from lxml import etree
from pypdf import PdfReader

from reportgen.api import PDF_ENGINES
from reportgen.boilerplate import Boilerplate
from reportgen.pipeline import build
from reportgen.writers.docx import render_docx
from reportgen.writers.typst import render_pdf
from tests.conftest import EXAMPLES, LibreOffice

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NAMES = sorted(path.stem for path in EXAMPLES.glob("*.yaml"))
FOOTER = re.compile(r"^\s*Page \d+ of \d+\s*$", re.MULTILINE)
BREAKS_AFTER = "-/–"
"""Characters after which a line may break inside a word."""


@dataclass
class Item:
    """A paragraph or a table cell's paragraph of the .docx, and where it was found in the PDF."""

    kind: str
    """'heading', 'caption', 'reference', 'signature', 'contact', 'paragraph' or 'cell'."""
    text: str
    table: int | None = None
    """For a cell, which table of the document (0 for the first) it belongs to."""
    start: int | None = None
    """Where its text starts in :attr:`Pages.flat`, once found."""
    end: int | None = None


@dataclass
class Pages:
    """A PDF's text page by page, flattened without white space, with each character's place."""

    texts: Sequence[str]
    flat: str = ""
    page: list[int] = field(default_factory=list)
    """The page (0 for the first) of each character of :attr:`flat`."""
    raw: list[tuple[int, int]] = field(default_factory=list)
    """Where each character of :attr:`flat` is in its page's text."""

    def __post_init__(self) -> None:
        chars: list[str] = []
        for number, text in enumerate(self.texts):
            for offset, char in enumerate(text):
                if not char.isspace():
                    chars.append(char)
                    self.page.append(number)
                    self.raw.append((number, offset))
        self.flat = squash("".join(chars))

    def between(self, first: int, last: int) -> str:
        """The page text from flat character ``first`` to ``last``, both included."""
        (page, start), (end_page, end) = self.raw[first], self.raw[last]
        if page != end_page:
            return self.texts[page][start:] + "\n" + self.texts[end_page][: end + 1]
        return self.texts[page][start : end + 1]


def squash(text: str) -> str:
    """``text`` without white space, in lower case (a style may set it in capitals)."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text if not c.isspace())


def locate(items: Sequence[Item], pages: Pages) -> list[str]:
    """Find each item's text in order; returns the items that could not be found."""
    missing: list[str] = []
    cursor = 0
    for item in items:
        needle = squash(item.text)
        if not needle:
            continue
        found = pages.flat.find(needle, cursor)
        if found < 0:
            missing.append(item.text)
            continue
        item.start, item.end = found, found + len(needle)
        cursor = item.end
    return missing


def located(items: Sequence[Item]) -> list[Item]:
    return [item for item in items if item.start is not None]


def first_page(item: Item, pages: Pages) -> int:
    assert item.start is not None
    return pages.page[item.start]


def last_page(item: Item, pages: Pages) -> int:
    assert item.end is not None
    return pages.page[item.end - 1]


def broken_words(items: Sequence[Item], pages: Pages) -> list[str]:
    """Each table cell's word that the PDF breaks across lines, shown where it breaks."""
    broken: list[str] = []
    for item in located(items):
        if item.kind != "cell" or item.start is None:
            continue
        offset = item.start
        for word in item.text.split():
            text = pages.between(offset, offset + len(word) - 1)
            pieces = text.split()
            if len(pieces) > 1 and not all(p[-1] in BREAKS_AFTER for p in pieces[:-1]):
                broken.append("|".join(pieces))
            offset += len(word)
    return broken


def captions_off_their_tables(items: Sequence[Item], pages: Pages) -> list[str]:
    """Captions on another page than the first row of the table after them."""
    found = located(items)
    wrong: list[str] = []
    for item, after in pairwise(found):
        on = last_page(item, pages)
        if item.kind == "caption" and after.kind == "cell" and on != first_page(after, pages):
            wrong.append(f"{item.text!r} on page {on + 1}")
    return wrong


def pages_ending_in_a_heading(items: Sequence[Item], pages: Pages) -> list[str]:
    """Headings that are the last text of their page."""
    found = located(items)
    return [
        f"{item.text!r} ends page {last_page(item, pages) + 1}"
        for item, after in pairwise(found)
        if item.kind == "heading" and first_page(after, pages) > last_page(item, pages)
    ]


def lone_references(items: Sequence[Item], pages: Pages) -> list[str]:
    """A reference alone on its page: nothing before it ends on that page."""
    found = located(items)
    return [
        f"{item.text!r} alone on page {first_page(item, pages) + 1}"
        for before, item in pairwise(found)
        if item.kind == "reference" and last_page(before, pages) < first_page(item, pages)
    ]


def separated(items: Sequence[Item], pages: Pages) -> list[str]:
    """Lead-ins ending in a colon, and signatures, on another page than what follows them."""
    found = located(items)
    wrong: list[str] = []
    for item, after in pairwise(found):
        leads = item.kind != "heading" and item.text.rstrip().endswith(":")
        signs = item.kind in ("signature", "contact") and after.kind == "contact"
        if (leads or signs) and first_page(after, pages) > last_page(item, pages):
            wrong.append(f"{item.text[:40]!r} on page {last_page(item, pages) + 1}")
    return wrong


# --- reading the .docx ----------------------------------------------------------------------------

KINDS = {
    "caption": "caption",
    "report reference": "reference",
    "signature": "signature",
    "contact": "contact",
}
"""The kind of paragraph each style (by its name in lower case) makes."""


def _text(p: etree._Element) -> str:
    """The paragraph's text as a reader sees it: without the table writer's break marks (a
    word joiner after a heading's slash, a zero-width space after a slash between words)."""
    out: list[str] = []
    for node in p.iter(f"{W}t", f"{W}tab", f"{W}br"):
        out.append(node.text or "" if node.tag == f"{W}t" else " ")
    return "".join(out).replace("\u2060", "").replace("\u200b", "")


def read_items(docx: Path) -> list[Item]:
    """The body's paragraphs and table cells in document order, each with its kind."""
    with zipfile.ZipFile(docx) as package:
        body = etree.fromstring(package.read("word/document.xml")).find(f"{W}body")
        styles = etree.fromstring(package.read("word/styles.xml"))
    names = {
        s.get(f"{W}styleId"): s.find(f"{W}name").get(f"{W}val")  # type: ignore[union-attr]
        for s in styles.iter(f"{W}style")
    }

    def kind(p: etree._Element) -> str:
        style = p.find(f"{W}pPr/{W}pStyle")
        name = (names.get(None if style is None else style.get(f"{W}val"), "") or "").lower()
        if name.startswith("heading"):
            return "heading"
        return KINDS.get(name, "paragraph")

    def walk() -> Iterator[Item]:
        assert body is not None
        tables = 0
        for element in body:
            if element.tag == f"{W}p":
                yield Item(kind(element), _text(element))
            elif element.tag == f"{W}tbl":
                for p in element.iter(f"{W}p"):
                    yield Item("cell", _text(p), tables)
                tables += 1

    return list(walk())


@dataclass(frozen=True)
class Laid:
    """One example: its paragraphs and cells, found in its PDF's pages."""

    items: list[Item]
    pages: Pages
    missing: list[str]


@pytest.fixture(scope="module", params=PDF_ENGINES)
def laid_out(
    tmp_path_factory: pytest.TempPathFactory,
    libreoffice: LibreOffice,
    boilerplate: Boilerplate,
    request: pytest.FixtureRequest,
) -> dict[str, Laid]:
    """Every example built to .docx, and to PDF by each engine (the .docx exported by
    LibreOffice, or the document typeset by Typst), and read back."""
    out = tmp_path_factory.mktemp("layout")
    sources = []
    (out / "pdf").mkdir()
    for name in NAMES:
        document = build(EXAMPLES / f"{name}.yaml", boilerplate)
        source = out / f"{name}.docx"
        source.write_bytes(render_docx(document))
        sources.append(source)
        if request.param == "typst":
            (out / "pdf" / f"{name}.pdf").write_bytes(render_pdf(document, name))
    if request.param == "libreoffice":
        libreoffice.convert(sources, "pdf", out / "pdf")
    result = {}
    for name, source in zip(NAMES, sources, strict=True):
        reader = PdfReader(out / "pdf" / f"{name}.pdf")
        pages = Pages([FOOTER.sub("", page.extract_text()) for page in reader.pages])
        items = read_items(source)
        result[name] = Laid(items, pages, locate(items, pages))
    return result


@pytest.mark.parametrize("name", NAMES)
def test_every_paragraph_and_cell_is_found_in_the_pdf(name: str, laid_out: dict[str, Laid]) -> None:
    assert laid_out[name].missing == []


@pytest.mark.parametrize("name", NAMES)
def test_no_word_breaks_inside_a_table_cell(name: str, laid_out: dict[str, Laid]) -> None:
    laid = laid_out[name]
    assert broken_words(laid.items, laid.pages) == []


@pytest.mark.parametrize("name", NAMES)
def test_every_caption_is_on_the_page_where_its_table_starts(
    name: str, laid_out: dict[str, Laid]
) -> None:
    laid = laid_out[name]
    assert captions_off_their_tables(laid.items, laid.pages) == []


def test_the_examples_have_captioned_tables_to_check(laid_out: dict[str, Laid]) -> None:
    kinds = [item.kind for item in laid_out["recovery-from-covid"].items]
    assert kinds.count("caption") >= 5 and "cell" in kinds


@pytest.mark.parametrize("name", NAMES)
def test_no_page_ends_with_a_heading(name: str, laid_out: dict[str, Laid]) -> None:
    laid = laid_out[name]
    assert pages_ending_in_a_heading(laid.items, laid.pages) == []


@pytest.mark.parametrize("name", NAMES)
def test_no_page_holds_only_the_reference(name: str, laid_out: dict[str, Laid]) -> None:
    laid = laid_out[name]
    assert [item.kind for item in laid.items].count("reference") == 1
    assert lone_references(laid.items, laid.pages) == []


@pytest.mark.parametrize("name", NAMES)
def test_lead_ins_and_signatures_are_on_the_page_of_what_follows(
    name: str, laid_out: dict[str, Laid]
) -> None:
    laid = laid_out[name]
    assert separated(laid.items, laid.pages) == []


# --- the checks report what they look for --------------------------------------------------------


def check(texts: Sequence[str], items: Sequence[Item]) -> Pages:
    pages = Pages(texts)
    assert locate(items, pages) == []
    return pages


def test_a_word_broken_in_a_cell_is_reported() -> None:
    items = [Item("cell", "Funded by Transforming Care"), Item("cell", "Multi-Agency Hub")]
    pages = check(["Funded by\nTransformin\ng Care\nMulti-\nAgency Hub"], items)
    assert broken_words(items, pages) == ["Transformin|g"]


def test_a_caption_apart_from_its_table_is_reported() -> None:
    items = [Item("caption", "Table of resources"), Item("cell", "Job Title", 0)]
    assert captions_off_their_tables(items, check(["Text\nTable of resources", "Job Title"], items))
    items = [Item("caption", "Table of resources"), Item("cell", "Job Title", 0)]
    assert not captions_off_their_tables(items, check(["Table of resources\nJob Title"], items))


def test_a_heading_at_the_foot_of_a_page_is_reported() -> None:
    items = [Item("paragraph", "Text."), Item("heading", "Finance"), Item("paragraph", "More.")]
    assert pages_ending_in_a_heading(items, check(["Text.\nFinance", "More."], items))
    items = [Item("paragraph", "Text."), Item("heading", "Finance"), Item("paragraph", "More.")]
    assert not pages_ending_in_a_heading(items, check(["Text.", "Finance\nMore."], items))


def test_a_reference_alone_on_its_page_is_reported() -> None:
    items = [Item("paragraph", "All."), Item("reference", "ASCH445")]
    assert lone_references(items, check(["All.", "ASCH445"], items))
    items = [Item("paragraph", "All."), Item("reference", "ASCH445")]
    assert not lone_references(items, check(["x", "All.\nASCH445"], items))


def test_a_lead_in_apart_from_what_it_introduces_is_reported() -> None:
    items = [Item("paragraph", "The benefits are:"), Item("paragraph", "speed")]
    assert separated(items, check(["The benefits are:", "• speed"], items))
    items = [Item("signature", "Sue Batty"), Item("contact", "Tessa Diment")]
    assert separated(items, check(["Sue Batty", "Tessa Diment"], items))
