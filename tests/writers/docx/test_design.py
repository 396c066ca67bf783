"""A designed document in Word, read back: call-out boxes (bordered, shaded paragraphs kept
together, a box after a box drawn apart), the cover and the contents page (a TOC field whose
result is written filled in, each line a link and a PAGEREF to its heading's bookmark), and the
main sections starting new pages."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import pytest
from lxml import etree

from reportgen.boilerplate import Boilerplate
from reportgen.document import Document
from reportgen.resolve.design import with_pages
from reportgen.writers.docx import render_docx
from tests.designed import designed_documents

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


@pytest.fixture(scope="module")
def documents(boilerplate: Boilerplate) -> dict[str, Document]:
    return designed_documents(boilerplate)


def _parts(data: bytes) -> tuple[etree._Element, etree._Element]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
        styles = etree.fromstring(package.read("word/styles.xml"))
    return body, styles


def _text(p: etree._Element) -> str:
    return "".join(p.xpath(".//w:t/text()", namespaces=NS))


def _style(p: etree._Element) -> str:
    return "".join(p.xpath("./w:pPr/w:pStyle/@w:val", namespaces=NS))


def _style_element(styles: etree._Element, style_id: str) -> etree._Element:
    found = styles.xpath(f"w:style[@w:styleId='{style_id}']", namespaces=NS)
    assert found, style_id
    return found[0]


def test_a_callout_is_its_paragraphs_in_the_callout_styles(documents: dict[str, Document]) -> None:
    body, styles = _parts(render_docx(documents["report"]))
    boxed = [
        (_style(p), _text(p)) for p in body.iter(f"{{{W}}}p") if _style(p).startswith("Callout")
    ]
    assert boxed == [
        ("CalloutFigure", "1 in 5"),
        ("Callout", "young people under 18 are caring for someone"),
        ("CalloutSource", "(BBC, 2018)"),
    ]
    box = _style_element(styles, "Callout")
    assert box.xpath("w:pPr/w:pBdr/w:left/@w:color", namespaces=NS) == ["6F777B"]
    assert box.xpath("w:pPr/w:shd/@w:fill", namespaces=NS) == ["F2F2F2"]
    assert box.xpath("w:pPr/w:keepNext", namespaces=NS) and box.xpath(
        "w:pPr/w:keepLines", namespaces=NS
    )  # the box is kept together, and with what follows it
    figure = _style_element(styles, "CalloutFigure")
    assert figure.xpath("w:basedOn/@w:val", namespaces=NS) == ["Callout"]
    assert figure.xpath("w:rPr/w:sz/@w:val", namespaces=NS) == ["48"]  # printed large


def test_the_box_takes_the_profiles_accent_colour(documents: dict[str, Document]) -> None:
    report = documents["report"]
    look = replace(report.meta.look, accent_colour="#1D70B8")
    _, styles = _parts(render_docx(replace(report, meta=replace(report.meta, look=look))))
    box = _style_element(styles, "Callout")
    assert set(box.xpath("w:pPr/w:pBdr/*/@w:color", namespaces=NS)) == {"1D70B8"}
    assert box.xpath("w:pPr/w:shd/@w:fill", namespaces=NS) == ["E4EEF6"]  # a tint of it


def test_a_box_just_after_a_box_is_drawn_apart_from_it(documents: dict[str, Document]) -> None:
    body, _ = _parts(render_docx(documents["strategy"]))
    boxes = [p for p in body.iter(f"{{{W}}}p") if _style(p) == "Callout"]
    colours = [p.xpath("./w:pPr/w:pBdr/w:top/@w:color", namespaces=NS) for p in boxes]
    # the style's border, then one a step off, then the style's again: no two alike in a row
    assert colours == [[], ["6F777A"], []]


def test_a_document_without_design_gets_no_design_style(documents: dict[str, Document]) -> None:
    report = documents["report"]
    plain = replace(report, blocks=tuple(b for b in report.blocks if type(b).__name__ != "Callout"))
    _, styles = _parts(render_docx(plain))
    assert not styles.xpath("w:style[starts-with(@w:styleId, 'Callout')]", namespaces=NS)


def test_the_cover_is_a_page_of_its_own(documents: dict[str, Document]) -> None:
    body, styles = _parts(render_docx(documents["strategy"]))
    paragraphs = list(body.iter(f"{{{W}}}p"))
    assert [(_style(p), _text(p)) for p in paragraphs[:2]] == [
        ("CoverMarking", "Draft"),
        ("CoverTitle", "Joint Carers Strategy2022-2027"),
    ]
    assert len(paragraphs[1].xpath(".//w:br", namespaces=NS)) == 1  # one title, on two lines
    # the cover starts a third of the way down its page, whatever it opens with
    assert paragraphs[0].xpath("./w:pPr/w:spacing/@w:before", namespaces=NS) == ["2400"]
    title = _style_element(styles, "CoverTitle")
    assert title.xpath("w:pPr/w:outlineLvl/@w:val", namespaces=NS) == ["0"]  # in the outline
    contents = paragraphs[2]
    assert (_style(contents), _text(contents)) == ("TOCHeading", "Contents")
    assert contents.xpath("./w:pPr/w:pageBreakBefore", namespaces=NS)


def _breaks(body: etree._Element) -> list[tuple[str, bool]]:
    return [
        (_text(p), bool(p.xpath("./w:pPr/w:pageBreakBefore", namespaces=NS)))
        for p in body.iter(f"{{{W}}}p")
        if _style(p).startswith("Heading")
    ]


def test_main_sections_start_new_pages(documents: dict[str, Document]) -> None:
    body, _ = _parts(render_docx(documents["strategy"]))
    assert _breaks(body) == [
        ("Foreword", True),
        ("Who is a carer?", True),
        ("A carer under 18", False),
        ("Our plans for the future", True),
        ("Glossary", True),
    ]
    first = next(
        p for p in body.iter(f"{{{W}}}p") if _text(p) == "Foreword" and _style(p) == "Heading2"
    )
    tags = [child.tag.rsplit("}", 1)[1] for child in first.find("w:pPr", NS)]
    assert tags.index("pStyle") < tags.index("pageBreakBefore")  # where the schema has it


def test_the_contents_is_a_toc_field_filled_in(documents: dict[str, Document]) -> None:
    strategy = documents["strategy"]
    pages = {"section-foreword": 3, "section-who-is-a-carer": 5}
    body, _ = _parts(render_docx(with_pages(strategy, pages)))
    instructions = [" ".join(t.split()) for t in body.xpath("//w:instrText/text()", namespaces=NS)]
    assert instructions[0] == 'TOC \\o "2-2" \\h \\z'
    lines = [p for p in body.iter(f"{{{W}}}p") if _style(p) == "TOC2"]
    assert [_text(p) for p in lines] == [
        "Foreword3",
        "Who is a carer?5",
        "Our plans for the future",  # no layout has found its page
        "Glossary",
    ]
    bookmarks = {
        b.get(f"{{{W}}}name"): _text(b.getparent()) for b in body.iter(f"{{{W}}}bookmarkStart")
    }
    for line in lines:
        (anchor,) = line.xpath("./w:hyperlink/@w:anchor", namespaces=NS)
        (pageref,) = line.xpath(".//w:instrText/text()", namespaces=NS)[-1:]
        assert pageref.split() == ["PAGEREF", anchor, "\\h"]
        assert _text(line).startswith(bookmarks[anchor])  # the link leads to its heading
    begins = body.xpath("//w:fldChar/@w:fldCharType", namespaces=NS)
    assert begins.count("begin") == begins.count("end") == 5  # the TOC and four PAGEREFs
    assert lines[0].xpath("./w:r/w:fldChar/@w:fldCharType", namespaces=NS) == ["begin", "separate"]
    assert lines[-1].xpath("./w:r/w:fldChar/@w:fldCharType", namespaces=NS) == ["end"]


def _size(styles: etree._Element, style_id: str) -> int:
    return int(_style_element(styles, style_id).xpath("w:rPr/w:sz/@w:val", namespaces=NS)[0])


def test_a_designed_document_is_printed_in_the_profiles_designed_size(
    documents: dict[str, Document], boilerplate: Boilerplate
) -> None:
    assert boilerplate.look.designed_text_size == 14
    _, styles = _parts(render_docx(documents["strategy"]))
    _, report = _parts(render_docx(documents["report"]))
    # half-points: the body at 14 points, headings and table text scaled with it
    assert _size(styles, "Normal") == 28 and _size(styles, "BodyText") == 28
    assert _size(styles, "TableText") == round(22 * 28 / 24)
    assert _size(styles, "Heading1Char") == round(28 * 28 / 24)
    assert _size(report, "Normal") == 24  # a report is not a designed document


def test_a_profile_without_a_designed_size_keeps_the_templates(boilerplate: Boilerplate) -> None:
    plain = boilerplate.model_copy(
        update={"look": boilerplate.look.model_copy(update={"designed_text_size": None})}
    )
    _, styles = _parts(render_docx(designed_documents(plain)["strategy"]))
    assert _size(styles, "Normal") == 24 and _size(styles, "TableText") == 22
