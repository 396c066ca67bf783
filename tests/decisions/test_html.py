"""Decision notices' and the printed register's HTML pages in a real browser: no WCAG 2.2 A/AA
violation (axe-core), with the notice's decision and call-in deadline on the page."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from reportgen import api
from reportgen.writers.html import render_html
from tests.writers.html.test_html_accessibility import _describe, _violations, browser

__all__ = ["browser"]  # the fixture, shared with the reports' accessibility tests

MEETINGS = Path(__file__).parent / "meetings"


def _check(browser: Any, html: str, title: str) -> str:
    page = browser.new_page()
    try:
        page.set_content(html, wait_until="load")
        assert page.title() == title
        text = page.inner_text("body")
        violations = _violations(page)
    finally:
        page.close()
    assert not violations, _describe(violations)
    return text


def test_the_notices_have_no_wcag_violation(browser: Any) -> None:
    notices = api.decision_notices(MEETINGS / "2021-12-23" / "minutes.yaml")
    for document in notices.values():
        text = _check(browser, render_html(document), document.meta.title)
        assert "Call-in" in text
    assert "4 January 2022" in _check(
        browser, render_html(notices["2021-001"]), notices["2021-001"].meta.title
    )


def test_the_register_page_has_no_wcag_violation(browser: Any) -> None:
    document = api.register_document([MEETINGS], today=dt.date(2021, 12, 30))
    text = _check(browser, render_html(document), document.meta.title)
    assert "Winter gritting routes" in text
