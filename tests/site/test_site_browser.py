"""The meetings website in a real browser: axe-core finds no WCAG 2.2 A or AA violation on any
page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.site.test_site import MARCH, build
from tests.writers.html.test_html_accessibility import _describe, _violations
from tests.writers.html.test_html_accessibility import browser as browser


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(MARCH, tmp_path_factory.mktemp("site") / "site")


def test_axe_on_every_page(site: Path, browser: Any) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 4
    for path in pages:
        page = browser.new_page()
        page.goto(path.as_uri())
        violations = _violations(page)
        page.close()
        assert not violations, f"{path}: {_describe(violations)}"
