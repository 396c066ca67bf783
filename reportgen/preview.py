"""Live preview: a report (or a meeting) as a page on localhost that follows every save.

One long-lived process (STYLE: mkdocs serve, sphinx-autobuild) holds the imported code, the
boilerplate and the parsed templates. Each build records every file it reads or looks for
(:mod:`reportgen.reads`: the report, its reviewers' comment files, the pay scale wherever it
is, the boilerplate, a meeting's minutes, reports and appendices, the stylesheet);
:mod:`reportgen.watching` watches exactly those, through their folders (so a file created later,
or saved by renaming, is seen), and the set is renewed after every build, a failed one too. On a
change it rebuilds in process and pushes a reload to the page over server-sent events. A build
with problems shows them at the top of the page, each with file:line:column and the fix, above
the last good render; each build is also told to ``log`` (the terminal, for the command): the
time it took, the file that changed, and its problems as the command prints them. Each
paragraph's number links to its line in the YAML through an editor link
(``vscode://file/{path}:{line}``, configurable). The server listens on 127.0.0.1 only; a port
in use is a problem (O550), not a crash. It answers only a request whose Host is 127.0.0.1 or
localhost at its port, and whose Origin, if sent, is the same (:func:`own_request`), so that no
web page elsewhere can read it by DNS rebinding, a meeting's exempt items included; a
connection the browser drops is no traceback, and an event stream whose page has gone ends
within :data:`HEARTBEAT` seconds.
"""

from __future__ import annotations

import errno
import functools
import html
import threading
import time
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, cast

from reportgen.errors import Location, Problem, Problems, ReportError
from reportgen.reads import Reads
from reportgen.watching import build_summary, changes, watched_folders

if TYPE_CHECKING:
    from jinja2.environment import TemplateModule

    from reportgen.meeting import ResolvedMeeting

EDITOR_LINK = "vscode://file/{path}:{line}:{column}"
"""How a paragraph's number links to its place in the YAML; {path}, {line} and {column}."""

HEARTBEAT = 5.0
"""Seconds between the comments an idle event stream writes, so a closed page is noticed."""


TEMPLATE = Path(__file__).resolve().parent / "templates" / "preview.html.j2"
"""The page's template: a meeting's page, the problem banner, the reload script."""


@functools.cache
def _template() -> TemplateModule:
    """The macros of :data:`TEMPLATE`, compiled once per process."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
    from markupsafe import Markup

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATE.parent)),
        autoescape=select_autoescape(["html", "j2"], default=True, default_for_string=True),
        undefined=StrictUndefined,
    )
    env.filters["attr"] = lambda text: Markup(html.escape(str(text), quote=True))
    return env.get_template(TEMPLATE.name).module


def _piece(name: str, *args: object) -> str:
    """The HTML the template's macro ``name`` makes of ``args``."""
    return str(getattr(_template(), name)(*args))


@dataclass
class State:
    """What the page shows: the last good render, and the problems of the last build."""

    page: str = ""
    problems: tuple[Problem, ...] = ()
    version: int = 0
    built_in: float = 0.0
    """Seconds the last build took."""
    changed: threading.Condition = field(default_factory=threading.Condition)


class Preview:
    """Builds one report into its HTML edition, again on every change."""

    def __init__(
        self,
        report: Path,
        boilerplate_dir: Path | None = None,
        editor: str = EDITOR_LINK,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.report = report
        self.boilerplate_dir = boilerplate_dir
        self.editor = editor
        self.log = log
        """Told of each build, in lines for the terminal (:func:`build_summary`)."""
        self.state = State()
        self.reads = Reads()
        """What the last build read: the files watched."""

    def link(self, where: Location) -> str:
        """The editor link for a place in the YAML."""
        path = Path(where.file).resolve()
        return self.editor.format(path=path, line=where.line or 1, column=where.column or 1)

    def build(self, changed: Collection[Path] = ()) -> None:
        """Rebuild (after a change to the files ``changed``); keep the last good page when the
        build has problems, and watch what this build read, even a failed one."""
        from reportgen.api import load_source
        from reportgen.reads import recording
        from reportgen.writers.html import render_html

        start = time.perf_counter()
        with recording() as reads:
            try:
                source = load_source(self.report, self.boilerplate_dir)
                if source.meeting is not None:
                    page = self._meeting_page(source.meeting)
                else:
                    assert source.document is not None
                    page = render_html(source.document, editor_link=self.link)
                problems: tuple[Problem, ...] = ()
            except ReportError as exc:
                page = self.state.page
                problems = tuple(exc.problems)
        self.reads = reads
        seconds = time.perf_counter() - start
        with self.state.changed:
            self.state.page = page
            self.state.problems = problems
            self.state.version += 1
            self.state.built_in = seconds
            self.state.changed.notify_all()
        if self.log is not None:
            self.log(build_summary(changed, problems, seconds))

    def _meeting_page(self, meeting: ResolvedMeeting) -> str:
        """A meeting: its front sheet and every document of its pack, each in a frame of its
        own (so each keeps its own anchors), in pack order; then the supplementary agenda's
        front sheet and the late items' documents, if items were added after dispatch."""
        from reportgen.supplement import printed
        from reportgen.writers.html import render_html

        front_sheet = meeting.boilerplate.meeting.agenda.front_sheet
        documents = [(front_sheet, meeting.agenda({}, public=False))]
        for supplement in (False, True) if meeting.has_supplement else (False,):
            if supplement:  # the items added after dispatch, after the supplement's front sheet
                heading = meeting.boilerplate.meeting.late.heading
                documents.append((heading, meeting.agenda({}, public=False, supplement=True)))
            for d in meeting.documents(public=False, supplement=supplement):
                if (document := printed(meeting, d)) is not None:
                    documents.append((d.name, document))
        pages = [(name, render_html(doc, editor_link=self.link)) for name, doc in documents]
        date = meeting.rules.date(meeting.meeting.date)
        return _piece("meeting", meeting.meeting.committee, date, pages)

    def page(self) -> str:
        """The page as served: the problems on top, the last good render, the reload script."""
        state = self.state
        banner = ""
        if state.problems:
            banner = _piece("banner", [(self.link(p.where), p) for p in state.problems])
        body = state.page or _piece("empty")
        if "<body" in body:
            head, _, rest = body.partition("<body")
            attrs, _, inner = rest.partition(">")
            body = f"{head}<body{attrs}>{banner}{inner}"
        return body.replace("</body>", f"{_piece('reload')}</body>")

    def folders(self) -> frozenset[Path]:
        """The folders watched for what the last build read
        (:func:`reportgen.watching.watched_folders`)."""
        return watched_folders(self.reads)

    def watch(self, stop: threading.Event, ready: threading.Event) -> None:
        """Rebuild on every change of a file the last build read, until ``stop``; ``ready`` is
        set once the watcher runs, so no save is missed (:func:`reportgen.watching.changes`)."""
        for paths in changes(lambda: self.reads, stop, ready):
            self.build(paths)

    def events(
        self, since: int, stop: threading.Event, heartbeat: float = HEARTBEAT
    ) -> Iterator[int | None]:
        """Each new version after ``since``, as it comes, until ``stop``; ``None`` after each
        ``heartbeat`` seconds without one, so that the stream writes something and a page that
        has gone is noticed (its thread ends) without waiting for the next build."""
        state = self.state
        seen = since

        def moved() -> bool:
            return state.version > seen or stop.is_set()

        while not stop.is_set():
            with state.changed:
                state.changed.wait_for(moved, heartbeat)
                version = state.version
            if version > seen:
                seen = version
                yield seen
            elif not stop.is_set():
                yield None


def stream_events(handler: BaseHTTPRequestHandler, preview: Preview, stop: threading.Event) -> None:
    """Answer ``handler``'s request with the stream of ``preview``'s reload events, until
    ``stop`` or until the page has gone; both previews' ``/events`` (this module's and
    :mod:`reportgen.preview_site`'s).

    The stream: ``text/event-stream``, not cached; first the comment ``: listening`` (the page
    is subscribed), then ``data: N`` when build N is newer than the last sent (builds in quick
    succession may send only the latest), and the comment ``: still here`` after each
    :data:`HEARTBEAT` seconds without one (the value this module holds when the stream starts).
    A write that fails (the page has gone) ends it quietly, within a heartbeat at most; so does
    ``stop``, and then the connection closes (HTTP/1.0), which ends the page's read."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/event-stream")
    handler.send_header("Cache-Control", "no-cache")
    handler.end_headers()
    since = preview.state.version
    try:
        handler.wfile.write(b": listening\n\n")
        handler.wfile.flush()
        for version in preview.events(since, stop, HEARTBEAT):
            line = b": still here" if version is None else f"data: {version}".encode()
            handler.wfile.write(line + b"\n\n")
            handler.wfile.flush()
    except OSError:  # the page has gone
        return


def own_request(host: str | None, origin: str | None, port: int) -> bool:
    """Whether a request is for this preview, from its own page: its Host is 127.0.0.1 or
    localhost at ``port``, and an Origin, if sent, is ``http://`` one of those. Any other Host is
    how a web page elsewhere would read the preview through DNS rebinding (``evil.example``
    made to resolve to 127.0.0.1), and any other Origin is another site's script."""
    own = {f"127.0.0.1:{port}", f"localhost:{port}"}
    if host is None or host.strip().lower() not in own:
        return False
    return origin is None or origin.strip().lower() in {f"http://{h}" for h in own}


class _Server(ThreadingHTTPServer):
    """The preview's server: a thread a request, never waited for at exit; a connection the
    browser drops or resets is the browser's business, not a traceback in the terminal."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Say nothing of a dropped connection; anything else in one line, not a traceback."""
        import sys

        error = sys.exc_info()[1]
        if isinstance(error, OSError):
            return
        sys.stderr.write(f"preview: a request failed: {type(error).__name__}: {error}\n")


def _listen(port: int, handler: type[BaseHTTPRequestHandler]) -> ThreadingHTTPServer:
    """A server for ``handler`` on 127.0.0.1 at ``port``; a port in use is a problem (O550)."""
    try:
        return _Server(("127.0.0.1", port), handler)
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
        problems = Problems()
        problems.add(
            "O550",
            f"port {port} on 127.0.0.1 is in use by another program, so the preview cannot "
            "listen there",
            Location("(command line)", path=("port",)),
            "pass --port N with another port (--port 0 picks a free one), or stop the other "
            "program (another preview, perhaps)",
        )
        problems.raise_if_any()
        raise AssertionError("unreachable") from exc


def serve(
    preview: Preview, port: int = 0, ready: Callable[[str], None] | None = None
) -> tuple[ThreadingHTTPServer, threading.Event]:
    """Start serving ``preview`` on 127.0.0.1 (``port`` 0 picks a free one) and watching its
    files, in background threads; returns the server and the event that stops everything.

    Raises :class:`ReportError` (O550) when ``port`` is in use, before building anything."""
    stop = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the terminal is the author's."""

        def do_GET(self) -> None:
            """The page, or the stream of reload events: only to a request for this preview's
            own address, from its own page (:func:`own_request`)."""
            port = cast(HTTPServer, self.server).server_port
            if not own_request(self.headers.get("Host"), self.headers.get("Origin"), port):
                self.send_error(403, "the preview answers only http://127.0.0.1 and localhost")
                return
            if self.path == "/events":
                stream_events(self, preview, stop)
                return
            if self.path not in ("/", "/index.html"):
                self.send_error(404)
                return
            data = preview.page().encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
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
    if ready is not None:
        ready(f"http://127.0.0.1:{server.server_address[1]}/")
    return server, stop
