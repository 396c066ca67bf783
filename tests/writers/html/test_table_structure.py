"""A table's structure in the HTML edition: ``rowspan`` and ``colspan``, lists in cells, row
headers (``<th scope="row">``), a table without a header row, numbered rows; and axe-core
finds no accessibility fault in them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from lxml import html

from reportgen.boilerplate import Boilerplate
from reportgen.pipeline import build
from reportgen.writers.html import render_html
from tests.writers.html.test_html_accessibility import _describe, _violations, browser

HERE = Path(__file__).resolve().parent
CASE = HERE.parent.parent / "resolve" / "cells" / "tables.yaml"
BASE = HERE.parent.parent / "resolve" / "figures" / "base.yaml"

__all__ = ["browser"]  # the fixture, shared


@pytest.fixture
def page(boilerplate: Boilerplate, tmp_path: Path) -> str:
    target = tmp_path / "tables.yaml"
    target.write_text(
        CASE.read_text(encoding="utf-8") + BASE.read_text(encoding="utf-8"), encoding="utf-8"
    )
    return render_html(build(target, boilerplate))


def _tables(page: str) -> list[Any]:
    return list(html.fromstring(page).iter("table"))


def test_a_cell_spanning_rows_has_rowspan_and_its_covered_places_are_left_out(page: str) -> None:
    plan = _tables(page)[0]
    rows = plan.xpath(".//tr")
    first = rows[1].xpath("td")[0]
    assert (first.text_content(), first.get("rowspan")) == ("Listening Spaces", "2")
    assert [td.text_content() for td in rows[2].xpath("td")] == [
        "Co-design guidance",
        "Spring 2022",
    ]
    [across] = rows[3].xpath("td")
    assert across.get("colspan") == "3"


def test_bullets_and_numbered_items_in_a_cell_are_lists(page: str) -> None:
    plan = _tables(page)[0]
    details = plan.xpath(".//tr")[4].xpath("td")[1]
    assert details.xpath("p/text()") == ["Provision includes:"]
    assert details.xpath("ul/li/text()") == ["one", "two", "three"]
    assert details.xpath("ul/li[3]/ul/li/text()") == ["three-a"]
    numbered = plan.xpath(".//tr")[4].xpath("td")[2]
    assert numbered.xpath("p/text()") == ["First paragraph"]
    assert numbered.xpath("ol/li/text()") == ["first", "second"]
    assert numbered.xpath("ol/li[2]/ul/li/text()") == ["under"]


def test_row_headers_and_a_table_without_a_header_row(page: str) -> None:
    glossary = _tables(page)[1]
    assert not glossary.xpath(".//thead")
    assert glossary.xpath(".//tbody/tr/th[@scope='row']/text()") == ["Carer", "GP"]
    assert glossary.xpath("caption/text()") == ["Glossary"]


def test_numbered_rows_have_their_column(page: str) -> None:
    measures = _tables(page)[2]
    assert measures.xpath(".//thead//th/text()") == ["No.", "Measure", "Value"]
    assert measures.xpath(".//tbody/tr/td[1]/text()") == ["17", "18", "19"]


def test_axe_finds_no_fault_in_the_tables(page: str, browser: Any) -> None:
    tab = browser.new_page()
    try:
        tab.set_content(page, wait_until="load")
        violations = _violations(tab)
    finally:
        tab.close()
    assert not violations, _describe(violations)
