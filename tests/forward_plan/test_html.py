"""The forward plan's HTML page in a real browser: no WCAG 2.2 A/AA violation (axe-core), and
the plan's table with its column headings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from reportgen import api
from reportgen.writers.html import render_html
from tests.conftest import ROOT
from tests.writers.html.test_html_accessibility import _describe, _violations, browser

__all__ = ["browser"]  # the fixture, shared with the reports' accessibility tests


def test_the_plan_page_has_no_wcag_violation(browser: Any) -> None:
    document = api.forward_plan(
        [ROOT / "reports" / "meetings"], dt.date(2022, 3, 1), dt.date(2022, 4, 30)
    )
    page = browser.new_page()
    try:
        page.set_content(render_html(document), wait_until="load")
        assert page.title() == document.meta.title
        headers = page.eval_on_selector_all("table th", "cells => cells.map(c => c.innerText)")
        assert headers[:2] == ["Matter for decision", "Decision maker"]
        assert "Proposed increase in fees" in page.inner_text("table")
        violations = _violations(page)
    finally:
        page.close()
    assert not violations, _describe(violations)
