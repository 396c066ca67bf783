"""The live preview: a page on localhost that follows each save of any file the build reads, and
shows problems above the last good render. Driven over HTTP as a browser would (server-sent
events, then a fetch); the command itself is run as a process and its terminal read."""

from __future__ import annotations

import os
import queue
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reportgen.preview import Preview, serve
from tests.conftest import MINIMAL

HERE = Path(__file__).resolve().parent / "preview"
"""A report in reports/ whose pay scale is in pay-scales/, outside the report's folder."""


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
        return self.after(lambda: report.write_text(text, encoding="utf-8"))

    def after(self, change: Callable[[], object]) -> str:
        """The page once ``change`` (to the files) has made it reload."""
        change()
        assert self.reloads.acquire(timeout=15), "the page was not told to reload"
        return self.page()

    def quiet_after(self, change: Callable[[], object]) -> bool:
        """Whether the page stays as it is for a second after ``change``."""
        change()
        return not self.reloads.acquire(timeout=1)

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
    from tests.writers.html.test_html_accessibility import ARGS, CHROMIUM

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


@pytest.fixture
def staffing(tmp_path: Path) -> Iterator[tuple[Session, Path]]:
    """The preview of a copy of tests/preview/reports/staffing.yaml; the copy's folder."""
    shutil.copytree(HERE, tmp_path / "copy")
    live = Session(tmp_path / "copy" / "reports" / "staffing.yaml")
    yield live, tmp_path / "copy"
    live.close()


def test_an_edit_to_the_pay_scale_outside_the_report_folder_rebuilds(
    staffing: tuple[Session, Path],
) -> None:
    live, folder = staffing
    scale = folder / "pay-scales" / "2021-22.yaml"
    assert "£60,000" in live.page()
    page = live.after(lambda: scale.write_text(scale.read_text().replace("30,000", "31,000")))
    assert "£62,000" in page and "£60,000" not in page


def test_a_pay_scale_saved_by_renaming_over_it_rebuilds(staffing: tuple[Session, Path]) -> None:
    """As editors save: write a new file beside it, then rename it over the old one."""
    live, folder = staffing
    scale = folder / "pay-scales" / "2021-22.yaml"
    saved = scale.with_name(".2021-22.yaml.tmp")

    def save() -> None:
        saved.write_text(scale.read_text().replace("30,000", "32,000"))
        os.replace(saved, scale)

    assert "£64,000" in live.after(save)
    assert "£66,000" in live.after(lambda: scale.write_text(scale.read_text().replace("32", "33")))


def test_a_broken_pay_scale_shows_its_problem_and_its_fix_rebuilds(
    staffing: tuple[Session, Path],
) -> None:
    """The failed build still watches what it read, so the fix is seen."""
    live, folder = staffing
    scale = folder / "pay-scales" / "2021-22.yaml"
    good = scale.read_text()
    broken = live.after(lambda: scale.write_text(good + "oops: [\n"))
    assert 'id="reportgen-problems"' in broken and "Y100" in broken
    fixed = live.after(lambda: scale.write_text(good.replace("30,000", "35,000")))
    assert 'id="reportgen-problems"' not in fixed and "£70,000" in fixed


def test_a_reviewer_file_in_a_comments_folder_made_later_rebuilds(
    staffing: tuple[Session, Path],
) -> None:
    live, folder = staffing
    comments = folder / "reports" / "staffing.comments"

    def comment() -> None:
        comments.mkdir()
        (comments / "financial.yaml").write_text(
            "initials: KAS\ndate: 2016-12-12\nbody: [The posts are in the budget.]\n"
        )

    page = live.after(comment)
    if "The posts are in the budget." not in page:  # the folder, then its file: two builds
        page = live.after(lambda: None)
    assert "The posts are in the budget." in page


def test_a_file_the_build_does_not_read_leaves_the_page_alone(
    staffing: tuple[Session, Path],
) -> None:
    live, folder = staffing
    assert live.quiet_after(lambda: (folder / "reports" / "notes.yaml").write_text("a: b\n"))
    assert live.quiet_after(lambda: (folder / "pay-scales" / "2022-23.yaml").write_text("a: b\n"))
    scale = folder / "pay-scales" / "2021-22.yaml"
    assert "£62,000" in live.after(
        lambda: scale.write_text(scale.read_text().replace("30,000", "31,000"))
    )


def test_an_edit_to_the_minutes_a_meeting_confirms_in_another_folder_rebuilds(
    tmp_path: Path,
) -> None:
    from tests.conftest import ROOT

    shutil.copytree(ROOT / "tests" / "meeting" / "meetings", tmp_path / "meetings")
    minutes = tmp_path / "meetings" / "2022-02-07" / "minutes.yaml"
    live = Session(tmp_path / "meetings" / "2022-03-14" / "meeting.yaml")
    try:
        assert "Public health outcomes" in live.page()
        text = minutes.read_text().replace("Public health outcomes", "Public health results")
        page = live.after(lambda: minutes.write_text(text))
    finally:
        live.close()
    assert "Public health results" in page and "Public health outcomes" not in page


def test_minutes_of_a_new_meeting_folder_renumber_the_register(tmp_path: Path) -> None:
    """The register lists */minutes.yaml beside the meeting: a folder made later, then its
    minutes, move the numbers of the minutes the meeting confirms."""
    from tests.conftest import ROOT

    meetings = tmp_path / "meetings"
    shutil.copytree(ROOT / "tests" / "meeting" / "meetings", meetings)
    live = Session(meetings / "2022-03-14" / "meeting.yaml")
    try:
        assert "2022/003" in live.page() and "2022/005" not in live.page()
        earlier = (meetings / "2022-01-10" / "minutes.yaml").read_text()
        (meetings / "2022-01-03").mkdir()
        page = live.after(
            lambda: (meetings / "2022-01-03" / "minutes.yaml").write_text(
                earlier.replace("2022-01-10", "2022-01-03")
            )
        )
        if "2022/005" not in page:  # the folder, then its file: two builds
            page = live.after(lambda: None)
    finally:
        live.close()
    assert "2022/005" in page


class Command:
    """``reportgen preview`` run as a process, with its terminal (standard error) read line by
    line as it comes."""

    COMMAND: tuple[str, ...] = ("preview", "--no-browser")
    """The command and the options it always gets."""

    def __init__(self, folder: Path, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "reportgen", *self.COMMAND, *args],
            cwd=folder,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "COLUMNS": "200"},
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line)

    def until(self, pattern: str, timeout: float = 30) -> list[str]:
        """The lines printed up to the first that matches ``pattern``."""
        seen: list[str] = []
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                seen.append(self.lines.get(timeout=0.2).rstrip("\n"))
            except queue.Empty:
                continue
            if re.search(pattern, seen[-1]):
                return seen
        raise AssertionError(f"no line matching {pattern!r} in: {seen}")

    def rest(self, wait: float = 1.0) -> list[str]:
        """Every line printed within ``wait`` seconds."""
        time.sleep(wait)
        out = []
        while not self.lines.empty():
            out.append(self.lines.get().rstrip("\n"))
        return out

    def stop(self, signal: int = 15) -> int:
        """Stop it as a service manager would (SIGTERM), or with ``signal``; its exit code."""
        self.process.send_signal(signal)
        code = self.process.wait(15)
        self.reader.join(5)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()
        return code


def test_the_command_prints_each_rebuild_and_its_problems(tmp_path: Path) -> None:
    report = tmp_path / "report.yaml"
    report.write_text(MINIMAL, encoding="utf-8")
    command = Command(tmp_path, "report.yaml", "--port", "0")  # 0: a free port, said in the address
    try:
        started = command.until(r"^previewing ")
        assert re.search(r"^\d\d:\d\d:\d\d built in \d+ ms: no problems$", started[0])
        url = re.search(r"at (http://127\.0\.0\.1:\d+/) ", started[-1])
        assert url is not None and not url.group(1).endswith(":8000/")
        with urllib.request.urlopen(url.group(1), timeout=10) as response:
            assert "A small report" in response.read().decode()
        report.write_text(MINIMAL.replace("date: 2017-01-09", "date: 2017-02-30"))
        broken = command.until(r"^    fix: ")
        assert re.search(
            r"^\d\d:\d\d:\d\d rebuilt after a change to report\.yaml in \d+ ms: 1 problem$",
            broken[0],
        ), broken
        assert broken[1].startswith("report.yaml:2:7: error S203: ")
        report.write_text(MINIMAL)
        assert command.until(r"rebuilt after a change")[-1].endswith(": no problems")
    finally:
        assert command.stop() == 143  # SIGTERM, as every command


def test_quiet_prints_only_the_address(tmp_path: Path) -> None:
    report = tmp_path / "report.yaml"
    report.write_text(MINIMAL, encoding="utf-8")
    command = Command(tmp_path, "report.yaml", "--port", "0", "--quiet")
    try:
        assert len(command.until(r"^previewing ")) == 1
        report.write_text(MINIMAL.replace("date: 2017-01-09", "date: 2017-02-30"))
        assert command.rest(2) == []
    finally:
        assert command.stop() == 143  # SIGTERM, as every command


def test_a_port_in_use_is_a_problem_that_says_what_to_do(tmp_path: Path) -> None:
    report = tmp_path / "report.yaml"
    report.write_text(MINIMAL, encoding="utf-8")
    with socket.socket() as other:  # another program, listening
        other.bind(("127.0.0.1", 0))
        other.listen()
        port = other.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "reportgen", "preview", str(report), "--no-browser",
             "--port", str(port)],
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    assert done.returncode == 2, done.stderr
    assert "internal error" not in done.stderr
    assert done.stderr.startswith(
        f"(command line): error O550: port {port} on 127.0.0.1 is in use by another program"
    ), done.stderr
    assert "    at: port\n" in done.stderr
    assert "--port N" in done.stderr and "--port 0" in done.stderr
    assert done.stderr.rstrip().endswith("1 problem; the preview did not start.")


def _get(url: str, path: str, **headers: str) -> tuple[int, str]:
    """The status and body of GET ``path`` with exactly these headers (Host among them)."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    connection.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
    for name, value in headers.items():
        connection.putheader(name, value)
    connection.endheaders()
    response = connection.getresponse()
    status = response.status
    body = response.read(4096).decode("utf-8", "replace") if status != 200 or path == "/" else ""
    connection.close()
    return status, body


def test_only_requests_for_its_own_address_from_its_own_page_are_answered(
    session: tuple[Session, Path],
) -> None:
    live, _ = session
    port = live.server.server_address[1]
    own = f"127.0.0.1:{port}"
    assert _get(live.url, "/", Host=own)[0] == 200
    assert "A small report" in _get(live.url, "/", Host=f"localhost:{port}")[1]
    for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1:{port + 1}", ""):
        status, body = _get(live.url, "/", Host=host)  # DNS rebinding: another site's name
        assert status == 403, host
        assert "A small report" not in body
    assert _get(live.url, "/", Host=own, Origin="http://evil.example")[0] == 403
    assert _get(live.url, "/events", Host=own, Origin="http://evil.example")[0] == 403
    assert _get(live.url, "/", Host=own, Origin=f"http://{own}")[0] == 200


def test_event_streams_of_pages_that_have_gone_end(
    session: tuple[Session, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import reportgen.preview

    monkeypatch.setattr(reportgen.preview, "HEARTBEAT", 0.2)
    live, _ = session
    port = live.server.server_address[1]
    before = threading.active_count()
    pages = []
    for _ in range(20):
        page = socket.create_connection(("127.0.0.1", port), timeout=10)
        page.sendall(f"GET /events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        assert page.recv(1024).startswith(b"HTTP/1.0 200")
        pages.append(page)
    assert threading.active_count() >= before + 20
    for page in pages:
        page.close()
    end = time.monotonic() + 10
    while threading.active_count() > before and time.monotonic() < end:
        time.sleep(0.1)
    assert threading.active_count() <= before


def test_a_folder_removed_and_made_again_is_still_followed(tmp_path: Path) -> None:
    folder = tmp_path / "item-4"
    folder.mkdir()
    report = folder / "report.yaml"
    report.write_text(MINIMAL, encoding="utf-8")
    live = Session(report)
    try:
        shutil.rmtree(folder)  # as a sync client or `git checkout` may do
        time.sleep(1)
        live.reloads.acquire(timeout=5)  # the build that found the file gone
        folder.mkdir()
        page = live.after_save(report, MINIMAL.replace("A small report", "A report made again"))
        if "A report made again" not in page:  # the folder's creation may come first
            page = live.after_save(report, MINIMAL.replace("A small report", "Saved once more"))
            assert "Saved once more" in page
        live.after_save(report, MINIMAL.replace("A small report", "And again"))
        assert "And again" in live.page()
    finally:
        live.close()


def test_a_connection_dropped_by_the_browser_prints_no_traceback(tmp_path: Path) -> None:
    import struct

    report = tmp_path / "report.yaml"
    report.write_text(MINIMAL, encoding="utf-8")
    command = Command(tmp_path, "report.yaml", "--port", "0")
    try:
        started = command.until(r"^previewing ")
        port = int(re.search(r"127\.0\.0\.1:(\d+)/", started[-1]).group(1))  # type: ignore[union-attr]
        for _ in range(5):
            page = socket.create_connection(("127.0.0.1", port), timeout=10)
            page.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1")  # half a request, then a reset
            page.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            page.close()
        time.sleep(1)
        assert not [line for line in command.rest(1) if "Traceback" in line or "Error" in line]
    finally:
        assert command.stop() == 143


def test_the_preview_of_a_meeting_names_the_front_sheet_as_the_boilerplate_does(
    tmp_path: Path,
) -> None:
    from tests.conftest import ROOT, reworded_boilerplate

    changes = {"front_sheet: Front sheet": "front_sheet: The <agenda>"}
    folder = reworded_boilerplate(tmp_path / "boilerplate", changes)
    preview = Preview(
        ROOT / "tests" / "meeting" / "meetings" / "2022-03-14" / "meeting.yaml", folder
    )
    preview.build()
    page = preview.page()
    assert not preview.state.problems
    assert "<h2>The &lt;agenda&gt;</h2>" in page
    assert "title='The &lt;agenda&gt;'" in page
    assert "Front sheet" not in page


def test_a_meeting_with_late_items_previews_the_supplement_after_the_agenda_as_sent() -> None:
    from tests.conftest import ROOT

    live = Session(ROOT / "tests" / "pack" / "supplement" / "kingsmere" / "meeting.yaml")
    try:
        page = live.page()
    finally:
        live.close()
    front, supplement = (
        page.index("<h2>Front sheet</h2>"),
        page.index("<h2>Supplementary agenda</h2>"),
    )
    assert front < supplement < page.index("<h2>37. Flood defence bid</h2>")
    assert "Reason for urgency: the flood defence bid closes on 27 November 2026" in page
