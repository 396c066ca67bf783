"""The HTML edition of every example in a real browser (Debian's chromium, driven by playwright):
axe-core finds no WCAG 2.2 A or AA violation, and the page looks like the report. The examples
are Nottinghamshire's and the second profile's (Kingsmere's, in its own look)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reportgen import api
from reportgen.document import Document
from reportgen.writers.html import render_html
from tests.conftest import EXAMPLES, ROOT

HERE = Path(__file__).resolve().parent
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
"""axe-core, pinned in package.json and installed by `make test` (npm ci)."""
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
KINGSMERE = sorted((ROOT / "reports" / "kingsmere").glob("*/3*.yaml"))
"""The second profile's reports, loaded on their own: each call reads one profile."""
NAMES = sorted(path.stem for path in [*EXAMPLES.glob("*.yaml"), *KINGSMERE])


@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    loaded = api.load_documents(sorted(EXAMPLES.glob("*.yaml")))
    loaded.update(api.load_documents(KINGSMERE))
    return {path.stem: document for path, document in loaded.items()}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless chromium from Debian (`make test` installs it); never `playwright install`."""
    sync_api = pytest.importorskip("playwright.sync_api")
    program = CHROMIUM if CHROMIUM.exists() else Path(shutil.which("chromium") or CHROMIUM)
    if not program.exists():
        pytest.fail("chromium is needed for this test: make chromium (apt-get install chromium)")
    if not AXE.is_file():
        pytest.fail(f"axe-core is needed for this test: cd {HERE} && npm ci")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(program), args=ARGS)
        yield launched
        launched.close()


def _violations(page: Any) -> list[dict[str, Any]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        TAGS,
    )
    assert result["testEngine"]["name"] == "axe-core"
    assert result["passes"] or result["incomplete"] or result["inapplicable"], "axe ran no rule"
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def _describe(violations: list[dict[str, Any]]) -> str:
    return json.dumps(
        [
            {
                "id": v["id"],
                "impact": v["impact"],
                "help": v["help"],
                "nodes": [n["html"][:200] for n in v["nodes"][:5]],
            }
            for v in violations
        ],
        indent=2,
        ensure_ascii=False,
    )


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("preview", [False, True], ids=["published", "editor-links"])
def test_axe_finds_no_wcag_violation(
    name: str, preview: bool, documents: dict[str, Document], browser: Any
) -> None:
    document = documents[name]
    link = (lambda where: f"vscode://file/{where.file}:{where.line}") if preview else None
    page = browser.new_page()
    try:
        page.set_content(render_html(document, editor_link=link), wait_until="load")
        assert page.title() == document.meta.title
        violations = _violations(page)
    finally:
        page.close()
    assert not violations, _describe(violations)


def test_the_page_looks_like_the_report(
    documents: dict[str, Document], browser: Any, tmp_path: Path
) -> None:
    """Numbers hang left of their text; numeric cells are right-aligned; totals bold."""
    page = browser.new_page(viewport={"width": 1000, "height": 1400})
    try:
        page.set_content(render_html(documents["recovery-from-covid"]), wait_until="load")
        page.screenshot(path=str(tmp_path / "page.png"), full_page=True)
        font = page.evaluate("getComputedStyle(document.body).fontFamily")
        assert font.startswith("Arial")
        number = page.locator("#para-10 .num").bounding_box()
        paragraph = page.locator("#para-10").bounding_box()
        assert number is not None and paragraph is not None
        assert abs(number["x"] - paragraph["x"]) < 1, "the number starts at the margin"
        # the text after the number: each of its lines starts at the same x (the hang)
        lefts = page.evaluate(
            """() => {
              const p = document.getElementById('para-10');
              const range = document.createRange();
              range.setStartAfter(p.querySelector('.num'));
              range.setEnd(p, p.childNodes.length);
              const lines = [...range.getClientRects()].filter(r => r.width > 1);
              return lines.map(r => Math.round(r.left));
            }"""
        )
        assert len(set(lefts)) == 1 and len(lefts) > 1, lefts
        assert lefts[0] > number["x"] + 20, "the text is indented past the number"
        align = page.evaluate("getComputedStyle(document.querySelector('td.number')).textAlign")
        assert align == "right"
        weight = page.evaluate("getComputedStyle(document.querySelector('tr.total td')).fontWeight")
        assert int(weight) >= 700
    finally:
        page.close()


def test_a_page_with_own_lists_and_a_landscape_run_has_no_wcag_violation(browser: Any) -> None:
    """tests/writers/docx/layout/landscape.yaml: a paragraph's own lists and a wide table in a
    landscape run (a div of its own)."""
    path = ROOT / "tests" / "writers" / "docx" / "layout" / "landscape.yaml"
    [document] = api.load_documents([path]).values()
    page = browser.new_page()
    try:
        page.set_content(render_html(document), wait_until="load")
        assert page.locator("div.landscape table").count() == 1
        violations = _violations(page)
    finally:
        page.close()
    assert not violations, _describe(violations)
