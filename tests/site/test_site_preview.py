"""The meetings website served while editing: ``reportgen preview FOLDER --site`` on a free
port serves every page, and a save in the folder of meetings changes the page served and tells
the page to reload over its event stream."""

from __future__ import annotations

import http.client
import re
import shutil
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from reportgen.preview_site import SitePreview, serve_site
from tests.conftest import ROOT
from tests.site.test_site import MARCH
from tests.test_preview import Command

PAGE = "adult-social-care-and-public-health-committee/2022-03-14/09-work-programme.html"


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, ""


def test_the_site_is_served_and_follows_a_save(tmp_path: Path) -> None:
    meetings = tmp_path / "meetings"
    shutil.copytree(MARCH, meetings)
    shutil.copytree(ROOT / "reports" / "examples", tmp_path / "examples")  # fee-increases.yaml
    report = meetings / "2022-03-14" / "09-work-programme.yaml"
    command = Command(tmp_path, "meetings", "--site", "--port", "0")
    try:
        started = command.until(r"^previewing ", timeout=60)
        found = re.search(r"at (http://127\.0\.0\.1:\d+/) ", started[-1])
        assert found is not None
        root = found.group(1)
        status, index = _get(root)
        assert status == 200 and "Council meetings" in index
        assert "EventSource" in index  # the reload script
        status, css = _get(root + "site.css")
        assert status == 200 and "--band" in css
        assert _get(root + "decisions/index.html")[0] == 200
        assert _get(root + "no/such/page.html")[0] == 404
        status, page = _get(root + PAGE)
        assert status == 200 and "Work Programme" in page and "Revised Work Plan" not in page
        text = report.read_text(encoding="utf-8")
        title = re.search(r"^title: (.*)$", text, re.MULTILINE)
        assert title is not None
        report.write_text(text.replace(title.group(0), "title: Revised Work Plan"), "utf-8")
        command.until(r"rebuilt after a change to .*09-work-programme\.yaml", timeout=60)
        deadline = time.monotonic() + 30
        while "Revised Work Plan" not in page and time.monotonic() < deadline:
            time.sleep(0.2)
            page = _get(root + PAGE)[1]
        assert "Revised Work Plan" in page
    finally:
        assert command.stop() in (0, 143)


def test_a_save_tells_the_site_page_to_reload(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stream the page's EventSource reads: subscribed, a heartbeat while idle, then the
    new build's number after a save."""
    import reportgen.preview

    monkeypatch.setattr(reportgen.preview, "HEARTBEAT", 0.2)
    meetings = tmp_path / "meetings"
    shutil.copytree(MARCH, meetings)
    shutil.copytree(ROOT / "reports" / "examples", tmp_path / "examples")
    preview = SitePreview(meetings)
    server, stop = serve_site(preview, 0)
    port = server.server_address[1]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", "/events")
        stream = connection.getresponse()
        assert stream.status == 200
        assert stream.getheader("Content-Type") == "text/event-stream"
        assert stream.getheader("Cache-Control") == "no-cache"
        assert stream.readline() == b": listening\n"
        assert stream.readline() == b"\n"
        assert stream.readline() == b": still here\n"  # idle: the heartbeat
        built = preview.state.version
        report = meetings / "2022-03-14" / "09-work-programme.yaml"
        report.write_text(report.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        line = stream.readline()
        while line in (b"\n", b": still here\n"):
            line = stream.readline()
        assert line == f"data: {built + 1}\n".encode()
    finally:
        stop.set()  # ends the stream
        connection.close()
        server.shutdown()
        server.server_close()
