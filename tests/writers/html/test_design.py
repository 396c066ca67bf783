"""A designed document in HTML: a call-out is a ``<figure class="callout">``, the cover heads
the page, the contents page is a ``<nav>`` of links to the headings' ids, the main sections break
to new pages in print; the design rules reach only the pages that use them; axe-core finds no
WCAG violation on them in a real browser."""

from __future__ import annotations

import re
from typing import Any

import pytest

from reportgen.boilerplate import Boilerplate
from reportgen.document import Document
from reportgen.resolve.design import with_pages
from reportgen.writers.html import render_html
from tests.designed import designed_documents
from tests.writers.html.test_html_accessibility import _describe, _violations, browser

__all__ = ["browser"]  # the fixture, shared with the examples' accessibility tests


@pytest.fixture(scope="module")
def documents(boilerplate: Boilerplate) -> dict[str, Document]:
    return designed_documents(boilerplate)


def test_a_callout_is_a_figure_with_its_figure_sentence_and_source(
    documents: dict[str, Document],
) -> None:
    page = render_html(documents["report"])
    box = re.search(r'<figure class="callout">(.*?)</figure>', page, re.S)
    assert box is not None
    assert re.findall(r'<p( class="[^"]+")?>([^<]*)</p>', box[1]) == [
        (' class="callout-figure"', "1 in 5"),
        ("", "young people under 18 are caring for someone"),
        (' class="callout-source"', "(BBC, 2018)"),
    ]
    assert "figure.callout {" in page  # the design rules, for this page only


def test_a_page_without_design_has_no_design_rules(documents: dict[str, Document]) -> None:
    report = documents["report"]
    plain = type(report)(
        report.meta,
        tuple(b for b in report.blocks if type(b).__name__ != "Callout"),
        report.list_formats,
    )
    assert "figure.callout" not in render_html(plain)


def test_the_cover_heads_the_page(documents: dict[str, Document]) -> None:
    page = render_html(documents["strategy"])
    cover = re.search(r'<header class="report-header cover">(.*?)</header>', page, re.S)
    assert cover is not None
    assert '<p class="cover-marking">Draft</p>' in cover[1]
    assert "<h1>Joint Carers Strategy<br>2022-2027</h1>" in cover[1]
    assert page.count("<h1>") == 1


def test_a_designed_page_is_set_in_the_designed_size(documents: dict[str, Document]) -> None:
    # the profile's designed_text_size, 14 points, over the stylesheet's 12
    assert "html {\n  font-size: 116.67%;\n}" in render_html(documents["strategy"])
    assert "font-size: 116.67%" not in render_html(documents["report"])


def test_the_contents_links_to_each_heading(documents: dict[str, Document]) -> None:
    strategy = with_pages(documents["strategy"], {"section-foreword": 3})
    page = render_html(strategy)
    nav = re.search(
        r'<nav class="contents" aria-labelledby="contents-heading">(.*?)</nav>', page, re.S
    )
    assert nav is not None and '<h2 id="contents-heading">Contents</h2>' in nav[1]
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', nav[1])
    assert links == [
        ("section-foreword", "Foreword"),
        ("section-who-is-a-carer", "Who is a carer?"),
        ("section-our-plans-for-the-future", "Our plans for the future"),
        ("section-glossary", "Glossary"),
    ]
    for anchor, text in links:
        assert re.search(rf'<h3 class="new-page" id="{anchor}">{re.escape(text)}</h3>', page)
    assert '<span class="page">3</span>' in nav[1]
    assert "<h4>A carer under 18</h4>" in page  # a sub-heading starts no page


@pytest.mark.parametrize("name", ["report", "strategy"])
def test_axe_finds_no_wcag_violation_in_a_designed_page(
    name: str, documents: dict[str, Document], browser: Any
) -> None:
    page = browser.new_page()
    try:
        page.set_content(render_html(documents[name]), wait_until="load")
        violations = _violations(page)
    finally:
        page.close()
    assert not violations, _describe(violations)
