"""The HTML edition, read back with lxml.html: the same numbers as the Word report, working
cross-references, captioned tables with header cells, escaped text, and the build command."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner
from lxml.html import HtmlElement

from reportgen import api
from reportgen.cli import main
from reportgen.document import Document, Heading, LevelFormat, ListMark, Para, RefNumber, Table
from reportgen.errors import Location
from reportgen.writers.html import render_html, sealed_untouched
from tests.conftest import EXAMPLES, MINIMAL

FIXTURES = Path(__file__).resolve().parent / "fixtures"
NAMES = sorted(path.stem for path in EXAMPLES.glob("*.yaml"))


@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    loaded = api.load_documents(sorted(EXAMPLES.glob("*.yaml")))
    return {path.stem: document for path, document in loaded.items()}


def page(document: Document, **options: object) -> HtmlElement:
    return lxml.html.document_fromstring(render_html(document, **options))  # type: ignore[arg-type]


def shown(document: Document, mark: ListMark) -> str:
    """What the Word report shows for ``mark`` (level counters of the same list filled in)."""
    level: LevelFormat = document.list_formats[mark.kind].levels[mark.level]
    return level.pattern.replace(f"{{{mark.level + 1}}}", mark.label)


def numbers(root: HtmlElement, role: str) -> list[str]:
    return [
        p.text_content() for p in root.xpath(f"//p[contains(@class, '{role}')]/*[@class='num']")
    ]


@pytest.mark.parametrize("name", NAMES)
def test_paragraph_numbers_are_the_documents(name: str, documents: dict[str, Document]) -> None:
    document = documents[name]
    root = page(document)
    expected = [
        shown(document, b.mark)
        for b in document.blocks
        if isinstance(b, Para) and b.role == "numbered" and b.mark is not None
    ]
    assert numbers(root, "numbered") == expected
    assert expected == [f"{n}." for n in range(1, len(expected) + 1)]


@pytest.mark.parametrize("name", NAMES)
def test_recommendations_lettered_items_and_headings(
    name: str, documents: dict[str, Document]
) -> None:
    document = documents[name]
    root = page(document)
    recommendations = numbers(root, "recommendation")
    assert recommendations == [f"{n})" for n in range(1, len(recommendations) + 1)]
    assert recommendations, "every example recommends something"
    items = [
        shown(document, b.mark)
        for b in document.blocks
        if isinstance(b, Para) and b.role == "item" and b.mark is not None
    ]
    assert numbers(root, "item") == items
    lettered = [
        shown(document, b.mark)
        for b in document.blocks
        if isinstance(b, Heading) and b.mark is not None
    ]
    shown_letters = [
        n.text_content()
        for n in root.xpath("//main//*[starts-with(name(), 'h')]/span[@class='num']")
    ]
    assert shown_letters == lettered


@pytest.mark.parametrize("name", NAMES)
def test_headings_follow_the_documents_levels(name: str, documents: dict[str, Document]) -> None:
    document = documents[name]
    root = page(document)
    headings = [b for b in document.blocks if isinstance(b, Heading)]
    tags = [h.tag for h in root.xpath("//main/*[self::h2 or self::h3 or self::h4 or self::h5]")]
    assert tags == [f"h{min(h.level + 1, 6)}" for h in headings]
    assert len(root.xpath("//h1")) == 1


@pytest.mark.parametrize("name", NAMES)
def test_bullets_are_real_nested_lists(name: str, documents: dict[str, Document]) -> None:
    document = documents[name]
    root = page(document)
    bullets = [b for b in document.blocks if isinstance(b, Para) and b.role == "bullet"]
    items = root.xpath("//ul[contains(@class, 'bullets')]/li")
    assert len(items) == len(bullets)
    for block, li in zip(bullets, items, strict=True):
        assert block.mark is not None
        depth = len(li.xpath("ancestor::ul")) - 1
        assert depth == block.mark.level
        assert li.xpath("./span[@class='bullet']")[0].text_content() == shown(document, block.mark)


@pytest.mark.parametrize("name", NAMES)
def test_every_cross_reference_has_its_target(name: str, documents: dict[str, Document]) -> None:
    document = documents[name]
    root = page(document)
    ids = set(root.xpath("//@id"))
    links = root.xpath("//a[starts-with(@href, '#')]")
    for link in links:
        assert link.get("href")[1:] in ids, link.get("href")
    refs = [
        node
        for b in document.blocks
        if not isinstance(b, Table)
        for node in b.content
        if isinstance(node, RefNumber)
    ]
    assert len(links) >= len(refs)
    assert len(ids) == len(root.xpath("//*[@id]")), "ids are unique"


def test_a_reference_links_to_the_paragraph_with_that_number(
    documents: dict[str, Document],
) -> None:
    root = page(documents["promoting-independence"])
    links = root.xpath("//a[@class='ref']")
    assert links
    for link in links:
        (target,) = root.xpath(f"//*[@id='{link.get('href')[1:]}']")
        assert target.xpath("./*[@class='num']")[0].text_content().rstrip(".)") == link.text


@pytest.mark.parametrize("name", NAMES)
def test_tables_have_captions_and_header_cells(name: str, documents: dict[str, Document]) -> None:
    document = documents[name]
    root = page(document)
    tables = root.xpath("//table")
    assert len(tables) == sum(isinstance(b, Table) for b in document.blocks)
    for table, block in zip(
        tables, [b for b in document.blocks if isinstance(b, Table)], strict=True
    ):
        assert table.xpath("./caption")[0].text_content().strip()
        assert table.xpath(".//th")
        header_rows = sum(row.role == "header" for row in block.rows)
        assert len(table.xpath("./thead/tr")) == header_rows
        assert all(th.get("scope") == "col" for th in table.xpath("./thead//th"))
        for th in table.xpath("./tbody//th"):
            assert th.get("scope") == "rowgroup"
            assert th.getparent().get("class") == "group"
        assert len(table.xpath(".//tr[@class='total']")) == sum(
            r.role == "total" for r in block.rows
        )


def test_numeric_cells_and_figures(documents: dict[str, Document]) -> None:
    root = page(documents["recovery-from-covid"])
    numeric = root.xpath("//td[contains(@class, 'number')]")
    assert numeric
    figures = root.xpath("//data")
    assert figures
    for data in figures:
        assert re.fullmatch(r"-?\d+(\.\d+)?", data.get("value"))
        assert data.get("title")
    assert "£262,813" in root.text_content() or "262,813" in root.text_content()


@pytest.mark.parametrize("name", NAMES)
def test_page_frame(name: str, documents: dict[str, Document]) -> None:
    document = documents[name]
    text = render_html(document)
    root = lxml.html.document_fromstring(text)
    assert root.get("lang") == "en-GB"
    assert root.xpath("//title")[0].text_content() == document.meta.title
    assert root.xpath("//h1")[0].text_content() == document.meta.title
    header = root.xpath("//header")[0].text_content()
    assert document.meta.committee in header
    assert document.meta.date_text in header
    assert f"Agenda Item: {document.meta.agenda_item}" in header
    assert f"Report of {document.meta.report_of}" in header
    assert "{{" not in text and "{%" not in text
    assert "font-family: Arial" in root.xpath("//style")[0].text_content()
    assert not root.xpath("//link[@rel='stylesheet'] | //script | //img")
    assert sealed_untouched(text.encode())
    assert not sealed_untouched(text.replace("</main>", "<p>edited</p></main>").encode())


def test_an_untitled_table_is_named_by_its_place(
    resolve_yaml: Callable[[str], Document],
) -> None:
    """A table with no caption or title is named for screen readers by its place among the
    tables (the wording is the template's), hidden from sight."""
    fixture = (FIXTURES / "untitled-table.yaml").read_text(encoding="utf-8")
    root = page(resolve_yaml(fixture))
    captions = root.xpath("//table/caption")
    assert [c.text_content().strip() for c in captions] == ["Fees", "Table 2"]
    assert captions[1].get("class") == "visually-hidden"


def test_text_is_never_html(resolve_yaml: Callable[[str], Document]) -> None:
    fixture = (FIXTURES / "script.yaml").read_text(encoding="utf-8")
    document = resolve_yaml(fixture)
    text = render_html(document)
    root = lxml.html.document_fromstring(text)
    assert not root.xpath("//script")
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "<script>alert(1)</script>" in root.text_content()
    assert root.xpath("//title")[0].text_content() == document.meta.title
    assert not root.xpath("//a[starts-with(@href, 'javascript')]")


def test_editor_links(documents: dict[str, Document]) -> None:
    document = documents["promoting-independence"]

    def link(where: Location) -> str:
        return f"vscode://file/{Path(where.file).resolve()}:{where.line}"

    root = page(document, editor_link=link)
    numbered = root.xpath("//p[contains(@class, 'numbered')]/a[@class='num']")
    blocks = [b for b in document.blocks if isinstance(b, Para) and b.role == "numbered"]
    assert [a.text for a in numbered] == [shown(document, b.mark) for b in blocks if b.mark]
    assert [a.get("href") for a in numbered] == [link(b.where) for b in blocks if b.where]
    first = blocks[0]
    assert first.where is not None and first.where.path == ("purpose", 0)
    source = Path(first.where.file).read_text(encoding="utf-8").splitlines()
    assert source[first.where.line - 1].lstrip().startswith("- To seek approval")
    assert not root.xpath("//li/a"), "bullets carry no editor link"


def test_where_is_not_part_of_a_paragraph(resolve_yaml: Callable[[str], Document]) -> None:
    one = resolve_yaml(MINIMAL)
    two = resolve_yaml("\n\n" + MINIMAL)
    assert one.blocks == two.blocks
    assert [b.where.line for b in one.blocks if isinstance(b, Para) and b.where][:1] != [
        b.where.line for b in two.blocks if isinstance(b, Para) and b.where
    ][:1]


def test_build_writes_the_html_edition(tmp_path: Path) -> None:
    report = tmp_path / "report.yaml"
    report.write_text(MINIMAL, encoding="utf-8")
    target = tmp_path / "report.html"
    result = CliRunner().invoke(main, ["build", str(report), "-o", str(target)])
    assert result.exit_code == 0, result.output
    root = lxml.html.document_fromstring(target.read_text(encoding="utf-8"))
    assert root.xpath("//title")[0].text_content() == "A small report"
    found = numbers(root, "numbered")
    assert found == [f"{n}." for n in range(1, len(found) + 1)] and len(found) >= 2
    # built again: reportgen's own page is replaced; an edited one is left alone (O503)
    assert CliRunner().invoke(main, ["build", str(report), "-o", str(target)]).exit_code == 0
    target.write_text(target.read_text(encoding="utf-8") + "\n<!-- edited -->", encoding="utf-8")
    again = CliRunner().invoke(main, ["build", str(report), "-o", str(target)])
    assert again.exit_code == 2 and "O503" in again.output


def test_build_to_html_beside_docx(tmp_path: Path) -> None:
    report = tmp_path / "report.yaml"
    report.write_text(MINIMAL, encoding="utf-8")
    written = api.build([report], out_dir=tmp_path / "out", to="docx,html")
    assert sorted(p.name for p in written) == ["report.docx", "report.html"]
    assert api.render(api.load_documents([report])[report], "html").startswith(b"<!DOCTYPE html>")
