"""The live preview: a page on localhost that follows each save, and shows problems above the
last good render. Driven over HTTP as a browser would (server-sent events, then a fetch)."""

from __future__ import annotations

import threading
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from reportgen.preview import Preview, serve
from tests.conftest import MINIMAL


class Session:
    """A preview served on a free port, with a listener on its reload events."""

    def __init__(self, report: Path) -> None:
        self.preview = Preview(report)
        self.server, self.stop = serve(self.preview, 0)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.reloads = threading.Semaphore(0)
        self.listening = threading.Event()
        self.listener = threading.Thread(target=self._listen, daemon=True)
        self.listener.start()
        assert self.listening.wait(10), "the page could not subscribe to reloads"

    def _listen(self) -> None:
        with urllib.request.urlopen(self.url + "events", timeout=30) as stream:
            for line in stream:
                self.listening.set()
                if line.startswith(b"data:"):
                    self.reloads.release()

    def page(self) -> str:
        with urllib.request.urlopen(self.url, timeout=10) as response:
            return str(response.read().decode("utf-8"))

    def after_save(self, report: Path, text: str) -> str:
        report.write_text(text, encoding="utf-8")
        assert self.reloads.acquire(timeout=15), "the page was not told to reload"
        return self.page()

    def close(self) -> None:
        self.stop.set()  # ends the event stream, so the listener's connection closes
        self.listener.join(10)
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def session(tmp_path: Path) -> Iterator[tuple[Session, Path]]:
    report = tmp_path / "report.yaml"
    report.write_text(MINIMAL, encoding="utf-8")
    live = Session(report)
    yield live, report
    live.close()


def test_the_page_follows_each_save(session: tuple[Session, Path]) -> None:
    live, report = session
    assert "A small report" in live.page()
    page = live.after_save(report, MINIMAL.replace("A small report", "A renamed report"))
    assert "A renamed report" in page and "A small report" not in page


def test_problems_show_above_the_last_good_render(session: tuple[Session, Path]) -> None:
    live, report = session
    page = live.after_save(report, MINIMAL.replace("date: 2017-01-09", "date: 2017-02-30"))
    assert 'id="reportgen-problems"' in page
    assert "report.yaml:2:7" in page and "S203" in page
    assert "A small report" in page  # the last good render, below the problems
    fixed = live.after_save(report, MINIMAL)
    assert 'id="reportgen-problems"' not in fixed


def test_the_server_listens_on_localhost_only(session: tuple[Session, Path]) -> None:
    live, _ = session
    assert live.server.server_address[0] == "127.0.0.1"


def test_paragraph_numbers_link_to_their_line_in_the_yaml(session: tuple[Session, Path]) -> None:
    live, report = session
    assert f"vscode://file/{report.resolve()}:7:" in live.page()  # purpose[0]


def test_in_a_browser_the_page_follows_a_save_and_references_land(tmp_path: Path) -> None:
    """Debian's chromium, driven by playwright, on the preview of recovery-from-covid."""
    import shutil

    from tests.conftest import EXAMPLES
    from tests.render.html.test_html_accessibility import ARGS, CHROMIUM

    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():
        pytest.fail("chromium is needed for this test: make chromium (apt-get install chromium)")
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    shutil.copytree(EXAMPLES.parent / "pay-scales", tmp_path / "pay-scales")
    report = tmp_path / "examples" / "recovery-from-covid.yaml"
    live = Session(report)
    try:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            page = browser.new_page()
            page.goto(live.url)
            assert page.title() == "Adults and Health Recovery from COVID"
            # a cross-reference lands on its target paragraph
            link = page.locator("a.ref", has_text="61").first
            target = link.get_attribute("href")
            assert target and target.startswith("#")
            link.click()
            assert page.evaluate("location.hash") == target
            assert page.locator(target).is_visible()
            # a save reloads the page by itself
            text = report.read_text(encoding="utf-8")
            report.write_text(text.replace("Background", "Background to the request", 1))
            page.wait_for_function(
                "document.body.innerText.includes('Background to the request')", timeout=15000
            )
            browser.close()
    finally:
        live.close()


def test_a_meeting_is_previewed_document_by_document() -> None:
    from tests.conftest import ROOT

    live = Session(ROOT / "tests" / "meeting" / "meetings" / "2022-03-14" / "meeting.yaml")
    try:
        page = live.page()
    finally:
        live.close()
    assert "<h2>Front sheet</h2>" in page
    assert "<h2>4. Changes to the staffing establishment</h2>" in page
    assert "<h2>Appendix 1: The staffing plan</h2>" in page
    # front sheet, minutes, the report and its YAML appendix, the exempt report and its appendix
    # (the .pdf and .docx appendices are files: they are in the pack, not here)
    assert page.count("<iframe") == 6
