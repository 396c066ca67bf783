"""The meetings website in a real browser: axe-core finds no WCAG 2.2 A or AA violation on any
page of any site (the March 2022 meetings, Kingsmere's, the site fixture with its exempt
items), and the search works from the files opened from disk (file://, where fetch() is
refused)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.site.test_site import MARCH, MEETINGS, build
from tests.writers.html.test_html_accessibility import _describe, _violations
from tests.writers.html.test_html_accessibility import browser as browser

SITES = {"march": MARCH, "kingsmere": ROOT / "reports" / "kingsmere", "fixture": MEETINGS}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(MARCH, tmp_path_factory.mktemp("site") / "site")


@pytest.mark.parametrize("name", sorted(SITES))
def test_axe_on_every_page(name: str, tmp_path: Path, browser: Any) -> None:
    built = build(SITES[name], tmp_path / "site")
    pages = sorted(built.rglob("*.html"))
    assert len(pages) > 4
    names = {p.relative_to(built).as_posix() for p in pages}
    assert {"index.html", "forward-plan/index.html", "decisions/index.html"} <= names
    for path in pages:
        page = browser.new_page()
        page.goto(path.as_uri())
        violations = _violations(page)
        page.close()
        assert not violations, f"{path}: {_describe(violations)}"


def _search(page: Any, words: str) -> list[str]:
    page.fill("#q", words)
    page.click("form.search button")
    page.wait_for_selector("#results h2")
    links: list[str] = page.eval_on_selector_all("#results a", "links => links.map(a => a.href)")
    return links


def test_search_works_opened_from_disk(site: Path, browser: Any) -> None:
    page = browser.new_page()
    page.goto((site / "index.html").as_uri())
    found = _search(page, "carers strategy")
    report = site / "adult-social-care-and-public-health-committee" / "2022-03-14"
    assert (report / "06-carers-strategy.html").as_uri() in found
    assert (site / "index.html").as_uri() not in found
    # the result leads to the report's page
    page.click("#results a[href$='06-carers-strategy.html']")
    assert page.url == (report / "06-carers-strategy.html").as_uri()
    assert "Carers" in page.title()
    page.close()


def test_search_from_a_deeper_page_and_of_the_register(site: Path, browser: Any) -> None:
    page = browser.new_page()
    page.goto((site / "forward-plan" / "index.html").as_uri())
    found = _search(page, "2022/001")
    assert (site / "decisions" / "index.html").as_uri() in found
    assert _search(page, "nosuchwordanywhere") == []
    assert page.inner_text("#results h2").endswith(": 0")
    page.close()


def test_the_search_form_s_own_address_searches(site: Path, browser: Any) -> None:
    page = browser.new_page()
    page.goto((site / "index.html").as_uri() + "?q=better+together")
    page.wait_for_selector("#results h2")
    found = page.eval_on_selector_all("#results a", "links => links.map(a => a.href)")
    assert any(href.endswith("07-better-together.html") for href in found)
    assert page.input_value("#q") == "better together"
    page.close()
