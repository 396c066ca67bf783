"""Live preview of the meetings website: ``reportgen preview FOLDER --site``.

The site of a folder of meetings (:mod:`reportgen.site`, without the packs' PDFs, which need
LibreOffice and are slow) held in memory and served on 127.0.0.1, rebuilt on every save of a
file its build read, as :class:`reportgen.preview.Preview` does for one report: the same
watcher, the same reload events, the same checks of each request's Host and Origin. A build
with problems keeps the last good site and shows the problems above each page.
"""

from __future__ import annotations

import mimetypes
import posixpath
import threading
import time
from collections.abc import Callable, Collection
from http.server import BaseHTTPRequestHandler, HTTPServer, ThreadingHTTPServer
from pathlib import Path
from typing import cast
from urllib.parse import unquote, urlsplit

from reportgen.errors import Problem, ReportError
from reportgen.preview import Preview, _listen, _piece, own_request, stream_events
from reportgen.watching import build_summary


class SitePreview(Preview):
    """Builds the site of a folder of meetings, again on every change."""

    def __init__(
        self,
        folder: Path,
        boilerplate_dir: Path | None = None,
        log: Callable[[str], None] | None = None,
    ) -> None:
        super().__init__(folder, boilerplate_dir, log=log)
        self.files: dict[str, bytes] = {}
        """The last good build: every file of the site by its path in it."""

    def build(self, changed: Collection[Path] = ()) -> None:
        """Rebuild the site (after a change to ``changed``); keep the last good one when the
        build has problems, and watch what this build read, even a failed one."""
        from reportgen.reads import recording
        from reportgen.site import load_site, render_site

        start = time.perf_counter()
        with recording() as reads:
            try:
                files = render_site(load_site(self.report, self.boilerplate_dir))
                problems: tuple[Problem, ...] = ()
            except ReportError as exc:
                files = self.files
                problems = tuple(exc.problems)
        self.reads = reads
        seconds = time.perf_counter() - start
        with self.state.changed:
            self.files = files
            self.state.problems = problems
            self.state.version += 1
            self.state.built_in = seconds
            self.state.changed.notify_all()
        if self.log is not None:
            self.log(build_summary(changed, problems, seconds))

    def file(self, path: str) -> bytes | None:
        """The file at ``path`` in the site as served: a page with the problems on top and the
        reload script; ``None`` when the site has none there."""
        data = self.files.get(path)
        if data is None and not self.files and path.endswith(".html"):
            data = _piece("empty").encode("utf-8")  # no good build yet: the problems alone
        if data is None or not path.endswith(".html"):
            return data
        body = data.decode("utf-8")
        if self.state.problems and "<body" in body:
            banner = _piece("banner", [(self.link(p.where), p) for p in self.state.problems])
            head, _, rest = body.partition("<body")
            attrs, _, inner = rest.partition(">")
            body = f"{head}<body{attrs}>{banner}{inner}"
        return body.replace("</body>", f"{_piece('reload')}</body>").encode("utf-8")


def serve_site(preview: SitePreview, port: int = 0) -> tuple[ThreadingHTTPServer, threading.Event]:
    """Start serving ``preview``'s site on 127.0.0.1 (``port`` 0 picks a free one) and
    watching its files, in background threads; returns the server and the event that stops
    everything. Raises :class:`ReportError` (O550) when ``port`` is in use."""
    stop = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the terminal is the author's."""

        def do_GET(self) -> None:
            """A file of the site, or the stream of reload events, only to this preview's own
            address from its own page (:func:`reportgen.preview.own_request`)."""
            port = cast(HTTPServer, self.server).server_port
            if not own_request(self.headers.get("Host"), self.headers.get("Origin"), port):
                self.send_error(403, "the preview answers only http://127.0.0.1 and localhost")
                return
            path = unquote(urlsplit(self.path).path)
            if path == "/events":
                stream_events(self, preview, stop)
                return
            name = posixpath.normpath(path.lstrip("/") or "index.html")
            if path.endswith("/") and name != "index.html":
                name += "/index.html"
            data = preview.file(name)
            if data is None:
                self.send_error(404)
                return
            kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
            if kind.startswith("text/") or kind.endswith("javascript"):
                kind += "; charset=utf-8"
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Cache-Control", "no-store")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = _listen(port, Handler)
    preview.build()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    watching = threading.Event()
    threading.Thread(target=preview.watch, args=(stop, watching), daemon=True).start()
    watching.wait(5)
    return server, stop
