"""Live preview: a report (or a meeting) as a page on localhost that follows every save.

One long-lived process (STYLE: mkdocs serve, sphinx-autobuild) holds the imported code, the
boilerplate and the parsed templates; :mod:`watchfiles` tells it when the report, a reviewer's
comment file, the pay scale or the boilerplate changes, it rebuilds in process and pushes a
reload to the page over server-sent events. A build with problems shows them at the top of the
page, each with file:line:column and the fix, above the last good render. Each paragraph's
number links to its line in the YAML through an editor link (``vscode://file/{path}:{line}``,
configurable). The server listens on 127.0.0.1 only.
"""

from __future__ import annotations

import html
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from reportgen.boilerplate import Boilerplate
from reportgen.errors import Location, Problem, ReportError

EDITOR_LINK = "vscode://file/{path}:{line}:{column}"
"""How a paragraph's number links to its place in the YAML; {path}, {line} and {column}."""

_RELOAD = """<script>
new EventSource("/events").onmessage = () => location.reload();
</script>"""


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
        self, report: Path, boilerplate_dir: Path | None = None, editor: str = EDITOR_LINK
    ) -> None:
        self.report = report
        self.boilerplate_dir = boilerplate_dir
        self.editor = editor
        self.state = State()

    def link(self, where: Location) -> str:
        """The editor link for a place in the YAML."""
        path = Path(where.file).resolve()
        return self.editor.format(path=path, line=where.line or 1, column=where.column or 1)

    def build(self) -> None:
        """Rebuild; keep the last good page when the build has problems."""
        from reportgen.boilerplate import DEFAULT_DIR, load_boilerplate
        from reportgen.pipeline import build
        from reportgen.render.html import render_html

        start = time.perf_counter()
        try:
            boilerplate = load_boilerplate(self.boilerplate_dir or DEFAULT_DIR)
            if _is_meeting(self.report):
                page = self._meeting_page(boilerplate)
            else:
                page = render_html(build(self.report, boilerplate), editor_link=self.link)
            problems: tuple[Problem, ...] = ()
        except ReportError as exc:
            page = self.state.page
            problems = tuple(exc.problems)
        with self.state.changed:
            self.state.page = page
            self.state.problems = problems
            self.state.version += 1
            self.state.built_in = time.perf_counter() - start
            self.state.changed.notify_all()

    def _meeting_page(self, boilerplate: Boilerplate) -> str:
        """A meeting: its front sheet and every document of its pack, each in a frame of its
        own (so each keeps its own anchors), in pack order."""
        from reportgen.meeting import load_meeting
        from reportgen.render.html import render_html

        meeting = load_meeting(self.report, boilerplate)
        documents = [("Front sheet", meeting.agenda({}, public=False))]
        documents += [
            (d.name, d.document) for i in meeting.items for d in i.documents if d.document
        ]
        frames = "".join(
            f"<section><h2>{html.escape(name)}</h2>"
            f"<iframe title='{html.escape(name, quote=True)}'"
            " style='width:100%;height:80vh;border:1px solid #888' srcdoc='"
            + html.escape(render_html(doc, editor_link=self.link), quote=True)
            + "'></iframe></section>"
            for name, doc in documents
        )
        title = html.escape(meeting.meeting.committee)
        return (
            f"<!DOCTYPE html><html lang='en-GB'><head><meta charset='utf-8'><title>{title}"
            f"</title></head><body><main><h1>{title}, "
            f"{html.escape(meeting.rules.date(meeting.meeting.date))}</h1>{frames}</main>"
            "</body></html>"
        )

    def page(self) -> str:
        """The page as served: the problems on top, the last good render, the reload script."""
        state = self.state
        banner = ""
        if state.problems:
            items = "".join(
                "<li><a href='{}'><code>{}</code></a> <strong>{} {}</strong>: {}{}</li>".format(
                    html.escape(self.link(p.where), quote=True),
                    html.escape(str(p.where)),
                    html.escape(p.severity),
                    html.escape(p.code),
                    html.escape(p.message),
                    f"<br>fix: {html.escape(p.hint)}" if p.hint else "",
                )
                for p in state.problems
            )
            count = len(state.problems)
            banner = (
                '<section id="reportgen-problems" role="alert" style="border:3px solid #b00;'
                'padding:0.5em 1em;margin:1em;background:#fff4f4;font-family:sans-serif">'
                f"<h2>{count} problem{'s' if count != 1 else ''}: the page below is the last "
                f"good build</h2><ul>{items}</ul></section>"
            )
        body = state.page or "<html lang='en-GB'><body><p>No good build yet.</p></body></html>"
        if "<body" in body:
            head, _, rest = body.partition("<body")
            attrs, _, inner = rest.partition(">")
            body = f"{head}<body{attrs}>{banner}{inner}"
        return body.replace("</body>", f"{_RELOAD}</body>")

    def watch(self, stop: threading.Event, ready: threading.Event) -> None:
        """Rebuild on every change of the report's folder or the boilerplate, until ``stop``;
        ``ready`` is set once the watcher runs, so no save is missed."""
        from watchfiles import watch

        from reportgen.boilerplate import DEFAULT_DIR

        folders = [self.report.resolve().parent, (self.boilerplate_dir or DEFAULT_DIR).resolve()]
        changes = watch(
            *folders,
            stop_event=stop,
            debounce=20,
            step=10,
            rust_timeout=200,
            yield_on_timeout=True,
        )
        for changed in changes:
            ready.set()
            if changed:
                self.build()

    def events(self, since: int, stop: threading.Event) -> Iterator[int]:
        """Each new version after ``since``, as it comes, until ``stop``."""
        state = self.state
        seen = since

        def moved() -> bool:
            return state.version > seen or stop.is_set()

        while not stop.is_set():
            with state.changed:
                state.changed.wait_for(moved, 1.0)
                version = state.version
            if version > seen:
                seen = version
                yield seen


def _is_meeting(path: Path) -> bool:
    """Whether ``path`` is a meeting file (its agenda ``items``), not a report."""
    from reportgen.load import load_file

    data = load_file(path).data
    return isinstance(data, dict) and "items" in data and "purpose" not in data


def serve(
    preview: Preview, port: int = 0, ready: Callable[[str], None] | None = None
) -> tuple[ThreadingHTTPServer, threading.Event]:
    """Start serving ``preview`` on 127.0.0.1 (``port`` 0 picks a free one) and watching its
    files, in background threads; returns the server and the event that stops everything."""
    stop = threading.Event()

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the terminal is the author's."""

        def do_GET(self) -> None:
            """The page, or the stream of reload events."""
            if self.path == "/events":
                self.send_response(200)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Cache-Control", "no-cache")
                self.end_headers()
                since = preview.state.version
                try:
                    self.wfile.write(b": listening\n\n")  # a comment: the page is subscribed
                    self.wfile.flush()
                    for version in preview.events(since, stop):
                        self.wfile.write(f"data: {version}\n\n".encode())
                        self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError):
                    return
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

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    preview.build()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    watching = threading.Event()
    threading.Thread(target=preview.watch, args=(stop, watching), daemon=True).start()
    watching.wait(5)
    if ready is not None:
        ready(f"http://127.0.0.1:{server.server_address[1]}/")
    return server, stop
