"""The PDFs of the examples, read back as a screen reader and a PDF viewer read them.

The examples are built once (the ``example_build`` fixture, one LibreOffice run for all four);
the tests read the structure tree, the outline and the metadata with pikepdf. LibreOffice's
failures are played by small shell scripts standing in for it.
"""

from __future__ import annotations

import base64
import io
import os
import re
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import docx
import pikepdf
import pytest

from reportgen.document import Document, Heading, Para, Row, Table, plain_text
from reportgen.errors import ReportError
from reportgen.output import generated_untouched
from reportgen.writers.pdf import convert, render_pdfs, sealed_untouched
from tests.conftest import ExampleBuild, raised

NAMES = ("promoting-independence", "co-production", "recovery-from-covid", "fee-increases")
XMP = {"dc": "http://purl.org/dc/elements/1.1/", "pdfuaid": "http://www.aiim.org/pdfua/ns/id/"}


@dataclass(frozen=True)
class Element:
    """A structure element: its standard type (after the role map) and its children."""

    role: str
    children: tuple[Element, ...]

    def walk(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            yield from child.walk()


def structure(pdf: pikepdf.Pdf) -> Element:
    """The structure tree, each element's type mapped to a standard one through the role map."""
    tree = pdf.Root.StructTreeRoot
    role_map = {str(k): str(v) for k, v in tree.get("/RoleMap", pikepdf.Dictionary()).items()}

    def element(node: pikepdf.Dictionary) -> Element:
        kids = node.get("/K")
        items = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        children = tuple(
            element(k) for k in items if isinstance(k, pikepdf.Dictionary) and "/S" in k
        )
        tag = str(node.get("/S", "/StructTreeRoot"))
        return Element(role_map.get(tag, tag), children)

    return element(tree)


def outline(pdf: pikepdf.Pdf) -> list[tuple[int, str]]:
    """The bookmarks in order, each with its depth (1 for the top level)."""
    found: list[tuple[int, str]] = []

    def walk(items: list[pikepdf.OutlineItem], depth: int) -> None:
        for item in items:
            found.append((depth, item.title))
            walk(item.children, depth + 1)

    with pdf.open_outline() as tree:
        walk(tree.root, 1)
    return found


@pytest.fixture(scope="module")
def pdfs(example_build: ExampleBuild) -> Iterator[dict[str, pikepdf.Pdf]]:
    opened = {name: pikepdf.open(example_build.pdf(name)) for name in NAMES}
    yield opened
    for pdf in opened.values():
        pdf.close()


def headings(document: Document) -> list[Heading]:
    return [block for block in document.blocks if isinstance(block, Heading)]


def test_several_reports_take_one_libreoffice_run(example_build: ExampleBuild) -> None:
    assert len(example_build.soffice_calls) == 1
    assert example_build.soffice_calls[0].count(".docx") == len(NAMES)
    assert sorted(p.name for p in example_build.written) == sorted(
        f"{name}.{fmt}" for name in NAMES for fmt in ("docx", "pdf")
    )


@pytest.mark.parametrize("name", NAMES)
def test_the_pdf_is_tagged_in_the_reports_language(
    name: str, pdfs: dict[str, pikepdf.Pdf], example_build: ExampleBuild
) -> None:
    pdf = pdfs[name]
    assert "/StructTreeRoot" in pdf.Root
    assert pdf.Root.MarkInfo.Marked is True
    assert str(pdf.Root.Lang) == example_build.documents[name].meta.language == "en-GB"


@pytest.mark.parametrize("name", NAMES)
def test_the_title_is_the_reports_and_the_window_shows_it(
    name: str, pdfs: dict[str, pikepdf.Pdf], example_build: ExampleBuild
) -> None:
    pdf, title = pdfs[name], example_build.documents[name].meta.title
    assert str(pdf.docinfo.Title) == title
    assert pdf.open_metadata()["dc:title"] == title
    assert pdf.Root.ViewerPreferences.DisplayDocTitle is True


@pytest.mark.parametrize("name", NAMES)
def test_the_pdf_declares_pdf_ua(name: str, pdfs: dict[str, pikepdf.Pdf]) -> None:
    xmp = pdfs[name].open_metadata()
    assert xmp[f"{{{XMP['pdfuaid']}}}part"] == "1"


@pytest.mark.parametrize("name", NAMES)
def test_headings_are_tagged_h1_to_hn_in_order(
    name: str, pdfs: dict[str, pikepdf.Pdf], example_build: ExampleBuild
) -> None:
    tags = [e.role for e in structure(pdfs[name]).walk() if e.role[1:2] == "H"]
    expected = [f"/H{h.level}" for h in headings(example_build.documents[name])]
    assert tags == expected


@pytest.mark.parametrize("name", NAMES)
def test_the_outline_is_the_reports_headings(
    name: str, pdfs: dict[str, pikepdf.Pdf], example_build: ExampleBuild
) -> None:
    bookmarks = outline(pdfs[name])
    expected = headings(example_build.documents[name])
    assert [depth for depth, _ in bookmarks] == [h.level for h in expected]
    for (_, title), heading in zip(bookmarks, expected, strict=True):
        # a lettered heading's bookmark starts with its letter: "a) Increased demand"
        letter = f"{heading.mark.label}) " if heading.mark else ""
        assert title == letter + plain_text(heading.content)


@pytest.mark.parametrize("name", NAMES)
def test_numbered_paragraphs_and_bullets_are_list_items(
    name: str, pdfs: dict[str, pikepdf.Pdf], example_build: ExampleBuild
) -> None:
    tree = list(structure(pdfs[name]).walk())
    items = [e for e in tree if e.role == "/LI"]
    listed = [b for b in example_build.documents[name].blocks if isinstance(b, Para) and b.mark]
    assert [e for e in tree if e.role == "/L"]
    assert len(items) == len(listed)
    assert all("/LBody" in [c.role for c in item.children] for item in items)
    assert all(child.role == "/LI" for e in tree if e.role == "/L" for child in e.children)


@pytest.mark.parametrize("name", ["recovery-from-covid", "fee-increases"])
def test_tables_have_header_cells_for_their_header_rows(
    name: str, pdfs: dict[str, pikepdf.Pdf], example_build: ExampleBuild
) -> None:
    tables = [e for e in structure(pdfs[name]).walk() if e.role == "/Table"]
    expected = [b for b in example_build.documents[name].blocks if isinstance(b, Table)]
    assert len(tables) == len(expected)
    for tagged, table in zip(tables, expected, strict=True):
        rows = [r for r in tagged.walk() if r.role == "/TR"]
        assert len(rows) == len(table.rows)
        for tagged_row, row in zip(rows, table.rows, strict=True):
            cells = {c.role for c in tagged_row.children}
            assert cells == ({"/TH"} if row.role == "header" else {"/TD"}), _row(row)


def _row(row: Row) -> str:
    return f"{row.role} row: " + " | ".join(plain_text(c.content) for c in row.cells)


def test_a_pdf_is_sealed_and_a_saved_copy_is_not(
    example_build: ExampleBuild, tmp_path: Path
) -> None:
    built = example_build.pdf("promoting-independence")
    assert sealed_untouched(built.read_bytes()) and generated_untouched(built)
    with pikepdf.open(built) as pdf:  # an officer's change, saved
        pdf.docinfo["/Subject"] = "Read before the meeting"
        pdf.save(tmp_path / "saved.pdf")
    assert not generated_untouched(tmp_path / "saved.pdf")
    appended = tmp_path / "annotated.pdf"  # an incremental update appends to the file
    appended.write_bytes(built.read_bytes() + b"\n% an incremental update\n")
    assert not generated_untouched(appended)


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def test_a_hanging_libreoffice_is_killed_with_everything_it_started(
    fake_soffice: Callable[[str], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pids = tmp_path / "pids"
    script = fake_soffice(f'echo $$ > "{pids}"\n/bin/sleep 300 &\necho $! >> "{pids}"\nwait\n')
    monkeypatch.setenv("REPORTGEN_SOFFICE", str(script))
    started = time.monotonic()
    (problem,) = raised(lambda: convert({"r": b"docx"}, {"r": "r.yaml"}, timeout=0.5))
    assert time.monotonic() - started < 10
    assert problem.code == "O511" and "0.5 seconds" in problem.message
    processes = [int(pid) for pid in pids.read_text().split()]
    assert len(processes) == 2
    deadline = time.monotonic() + 5
    while any(map(_alive, processes)) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(map(_alive, processes))


def test_libreoffice_writing_no_pdf_is_a_problem(
    fake_soffice: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(
        "REPORTGEN_SOFFICE", str(fake_soffice("echo 'Error: source file could not be loaded'\n"))
    )
    (problem,) = raised(lambda: convert({"r": b"docx"}, {"r": "r.yaml"}))
    assert problem.code == "O513" and str(problem.where) == "r.yaml"
    assert "could not be loaded" in problem.message


def test_libreoffice_failing_is_a_problem(
    fake_soffice: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPORTGEN_SOFFICE", str(fake_soffice("echo 'no display' >&2\nexit 81\n")))
    (problem,) = raised(lambda: convert({"r": b"docx"}, {"r": "r.yaml"}))
    assert problem.code == "O512" and "exit status 81: no display" in problem.message


def test_a_missing_libreoffice_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("REPORTGEN_SOFFICE", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    (problem,) = raised(lambda: convert({"r": b"docx"}, {"r": "r.yaml"}))
    assert problem.code == "O510"
    assert "apt-get install libreoffice-writer-nogui" in problem.hint
    assert "REPORTGEN_SOFFICE" in problem.hint and "Windows" in problem.hint


def test_the_timeout_can_be_set_in_the_environment(
    fake_soffice: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPORTGEN_SOFFICE", str(fake_soffice("exec /bin/sleep 300\n")))
    monkeypatch.setenv("REPORTGEN_SOFFICE_TIMEOUT", "0.3")
    (problem,) = raised(lambda: convert({"r": b"docx"}, {"r": "r.yaml"}))
    assert problem.code == "O511"
    monkeypatch.setenv("REPORTGEN_SOFFICE_TIMEOUT", "soon")
    (problem,) = raised(lambda: convert({"r": b"docx"}, {"r": "r.yaml"}))
    assert problem.code == "O515" and "'soon'" in problem.message


def test_nothing_is_left_in_the_temporary_folder(
    fake_soffice: Callable[[str], Path], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr("tempfile.tempdir", None)
    monkeypatch.setenv("REPORTGEN_SOFFICE", str(fake_soffice("exit 0\n")))
    with pytest.raises(ReportError):
        convert({"r": b"docx"}, {"r": "r.yaml"})
    assert os.listdir(temp) == []


@pytest.mark.parametrize("written", ["unreadable", "untagged"])
def test_a_pdf_without_tags_is_a_problem(
    written: str,
    fake_soffice: Callable[[str], Path],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    example_build: ExampleBuild,
) -> None:
    made = tmp_path / "made.pdf"
    if written == "unreadable":
        made.write_bytes(b"not a PDF")
    else:
        with pikepdf.new() as pdf:
            pdf.add_blank_page()
            pdf.save(made)
    script = fake_soffice(
        'while [ $# -gt 0 ]; do case "$1" in --outdir) out=$2; shift;; *.docx) f=$1;; esac; '
        f'shift; done\nmkdir -p "$out"\ncp "{made}" "$out/$(basename "$f" .docx).pdf"\n'
    )
    monkeypatch.setenv("REPORTGEN_SOFFICE", str(script))
    meta = example_build.documents["co-production"].meta
    (problem,) = raised(lambda: render_pdfs({"r": (meta, b"docx")}, {"r": "r.yaml"}))
    assert problem.code == "O514" and str(problem.where) == "r.yaml"


PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
)


def _linking_to(url: str) -> bytes:
    """A .docx whose picture is not in the file but linked at ``url``."""
    made = io.BytesIO()
    word = docx.Document()
    word.add_picture(io.BytesIO(PIXEL))
    word.save(made)
    linked = io.BytesIO()
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(linked, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "word/_rels/document.xml.rels":
                data = re.sub(
                    rb'Target="media/[^"]+"', f'Target="{url}" TargetMode="External"'.encode(), data
                )
            elif name == "word/document.xml":
                data = data.replace(b"r:embed=", b"r:link=")
            if not name.startswith("word/media/"):
                target.writestr(name, data)
    return linked.getvalue()


def test_converting_fetches_nothing_a_document_links_to(libreoffice: object) -> None:
    requests: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()
            self.wfile.write(PIXEL)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/picture.png"
        (pdf,) = convert({"r": _linking_to(url)}, {"r": "r.yaml"}).values()
    finally:
        server.shutdown()
        server.server_close()
    assert pdf.startswith(b"%PDF-")
    assert requests == []
