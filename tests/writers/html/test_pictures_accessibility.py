"""A page with pictures and a chart in a real browser: axe-core finds no WCAG 2.2 A or AA
violation, and each picture is shown, within the page's width."""

from __future__ import annotations

from typing import Any

from reportgen.document import Document
from reportgen.writers.html import render_html
from tests.writers.html.test_html_accessibility import _describe, _violations, browser
from tests.writers.test_pictures import document

__all__ = ["browser", "document"]  # the fixtures this module uses, from where they are made


def test_axe_finds_no_violation_in_pictures_and_charts(document: Document, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 600, "height": 1400})
    try:
        page.set_content(render_html(document), wait_until="load")
        violations = _violations(page)
        sizes = page.evaluate(
            """() => [...document.querySelectorAll('figure img')].map(
                 i => [i.naturalWidth, i.getBoundingClientRect().width,
                       document.querySelector('main').getBoundingClientRect().width])"""
        )
    finally:
        page.close()
    assert not violations, _describe(violations)
    assert len(sizes) == 4
    for natural, shown, main in sizes:
        assert natural > 0, "the picture loads"
        assert shown <= main + 1, "no wider than the page"
