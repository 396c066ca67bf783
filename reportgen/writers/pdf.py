"""The PDF of a report: its Word file converted by LibreOffice headless, tagged for screen readers.

Every PDF of one build comes from one LibreOffice run (start-up is most of its cost), with a
private profile made for the run and removed after it, and a time limit after which the whole
process group is killed, so no LibreOffice is left behind; an interruption (Ctrl-C, SIGTERM
turned into an exception by the command line) kills the group the same way. The export asks
for a tagged PDF/UA file with bookmarks from the headings and the title shown in the window's
title bar; :func:`finish` then checks what LibreOffice wrote and completes it with pikepdf:
the language and the title from the report, and reportgen's seal.

The seal is how a later build knows a PDF is its own and untouched: the XMP metadata holds
``reportgen:sealed``, the SHA-256 of the whole file as written (with the seal's own 64 digits
counted as zeros). Saving the file in any program changes its bytes, so the seal no longer
matches and the file is left alone (see :mod:`reportgen.output`).

LibreOffice is the program named by ``REPORTGEN_SOFFICE``, else ``soffice`` or ``libreoffice``
on the PATH; ``REPORTGEN_SOFFICE_TIMEOUT`` sets the time limit in seconds.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TypeVar

from reportgen.document import Meta
from reportgen.errors import Location, Problem, Problems, ReportError, quote

SOFFICE_VARIABLE = "REPORTGEN_SOFFICE"
"""The environment variable naming the LibreOffice program, when it is not on the PATH."""
TIMEOUT_VARIABLE = "REPORTGEN_SOFFICE_TIMEOUT"
"""The environment variable giving LibreOffice's time limit, in seconds."""
DEFAULT_TIMEOUT = 300.0
"""Seconds one LibreOffice run may take before it is killed (about 0.4 s a report is usual)."""

CREATOR = "reportgen"
"""The PDF's creator tool, in its Info dictionary and XMP metadata."""
SEAL_NAMESPACE = "https://reportgen.invalid/ns/pdf/1.0/"
"""The XMP namespace of reportgen's seal (an identifier, never fetched)."""

INSTALL_HINT = (
    "install LibreOffice: on Debian or Ubuntu, apt-get install libreoffice-writer-nogui; "
    "on Windows, from https://www.libreoffice.org/download/ and set REPORTGEN_SOFFICE to its "
    r"program\soffice.exe; or set REPORTGEN_SOFFICE to the soffice program"
)

_EXPORT_OPTIONS = {
    "UseTaggedPDF": True,  # a structure tree: headings, lists, tables, reading order
    "PDFUACompliance": True,  # PDF/UA-1: marks the file so, and checks what it can
    "ExportBookmarks": True,  # the outline, from the headings
    "DisplayPDFDocumentTitle": True,  # the window shows the title, not the file name
    "InitialView": 1,  # open with the outline shown
    "ExportNotes": False,
    "ExportFormFields": False,
}

# Links in a document are not followed while converting it, nor macros run.
_PROFILE_SETTINGS = """\
<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting">\
<prop oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting">\
<prop oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Jobs/Jobs/UpdateCheck/Arguments">\
<prop oor:name="AutoCheckEnabled" oor:op="fuse"><value>false</value></prop></item>
</oor:items>
"""

_SEAL = re.compile(rb"<reportgen:sealed(?: [^>]*)?>([0-9a-f]{64})</reportgen:sealed>")
_UNSEALED = b"0" * 64

K = TypeVar("K")


def export_filter() -> str:
    """LibreOffice's ``--convert-to`` argument: a tagged PDF/UA with bookmarks and its title."""
    options = {
        name: {
            "type": "boolean" if isinstance(value, bool) else "long",
            "value": str(value).lower(),
        }
        for name, value in _EXPORT_OPTIONS.items()
    }
    return "pdf:writer_pdf_Export:" + json.dumps(options, separators=(",", ":"))


def find_soffice() -> str:
    """The LibreOffice program to run; raises one error saying how to install it if missing."""
    named = os.environ.get(SOFFICE_VARIABLE, "").strip()
    if named:
        found = shutil.which(named)
        if found:
            return found
        raise _error(
            "O510",
            f"{SOFFICE_VARIABLE} names {named}, which is not a program that can be run",
            Location(f"({SOFFICE_VARIABLE})"),
            INSTALL_HINT,
        )
    for candidate in ("soffice", "libreoffice", *_windows_default()):
        found = shutil.which(candidate)
        if found:
            return found
    raise _error(
        "O510",
        "LibreOffice, which makes the PDF, is not installed or not on the PATH",
        Location("(LibreOffice)"),
        INSTALL_HINT,
    )


def _error(code: str, message: str, where: Location, hint: str) -> ReportError:
    return ReportError((Problem(code, message, where, hint),))


def _windows_default() -> tuple[str, ...]:
    if sys.platform != "win32":
        return ()
    folders = (os.environ.get("PROGRAMFILES", ""), os.environ.get("PROGRAMFILES(X86)", ""))
    return tuple(
        str(Path(folder) / "LibreOffice" / "program" / "soffice.exe")
        for folder in folders
        if folder
    )


def timeout_setting() -> float:
    """LibreOffice's time limit in seconds: ``REPORTGEN_SOFFICE_TIMEOUT``, or the default."""
    text = os.environ.get(TIMEOUT_VARIABLE, "").strip()
    if not text:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not seconds > 0:
        raise _error(
            "O515",
            f"{TIMEOUT_VARIABLE} is {quote(text)}, not a number of seconds",
            Location(f"({TIMEOUT_VARIABLE})"),
            f"set it to e.g. 120, or unset it for {DEFAULT_TIMEOUT:g}",
        )
    return seconds


def convert(
    documents: Mapping[K, bytes], names: Mapping[K, str], timeout: float | None = None
) -> dict[K, bytes]:
    """Convert .docx files (as bytes) to PDF in one LibreOffice run; the PDFs as it wrote them.

    ``names`` says how to name each document in a problem (its report file). Raises one error
    if LibreOffice is missing, fails, runs past ``timeout`` seconds (default
    :func:`timeout_setting`), or writes no PDF for a document.
    """
    with converted(documents, names, timeout) as paths:
        return {key: path.read_bytes() for key, path in paths.items()}


@contextlib.contextmanager
def converted(
    documents: Mapping[K, bytes], names: Mapping[K, str], timeout: float | None = None
) -> Iterator[dict[K, Path]]:
    """:func:`convert`, the PDFs left in LibreOffice's folder while in the block: each
    document's PDF by its path, for :func:`finish` to open from the file (pikepdf reads a
    file faster than bytes in memory); the folder is removed after the block."""
    if not documents:
        yield {}
        return
    program = find_soffice()
    limit = timeout_setting() if timeout is None else timeout
    problems = Problems()
    with tempfile.TemporaryDirectory(prefix="reportgen-pdf-", ignore_cleanup_errors=True) as tmp:
        work = Path(tmp)
        profile, inputs, scratch = work / "profile", work / "in", work / "tmp"
        for folder in (profile / "user", inputs, scratch):
            folder.mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_PROFILE_SETTINGS, "utf-8")
        sources = {key: inputs / f"{n}.docx" for n, key in enumerate(documents)}
        for key, source in sources.items():
            source.write_bytes(documents[key])
        command = [
            program,
            "--headless",
            "--invisible",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--nologo",
            f"-env:UserInstallation={profile.as_uri()}",
            "--convert-to",
            export_filter(),
            "--outdir",
            str(work / "out"),
            *map(str, sources.values()),
        ]
        # LibreOffice's own temporary files go in scratch, removed with the rest even if killed
        status, output = _run(command, limit, {**os.environ, "TMPDIR": str(scratch)})
        where = Location(program)
        if status is None:
            problems.add(
                "O511",
                f"LibreOffice did not finish within {limit:g} seconds and was stopped",
                where,
                f"try again; for very long builds set {TIMEOUT_VARIABLE} to more seconds",
            )
        elif status != 0:
            problems.add(
                "O512",
                f"LibreOffice stopped with exit status {status}: {_tail(output)}",
                where,
                "check that LibreOffice opens a document, or set REPORTGEN_SOFFICE to another one",
            )
        problems.raise_if_any()
        pdfs: dict[K, Path] = {}
        for key, source in sources.items():
            pdf = work / "out" / (source.stem + ".pdf")
            if pdf.is_file():
                pdfs[key] = pdf
            else:
                problems.add(
                    "O513",
                    f"LibreOffice wrote no PDF for this report: {_tail(output)}",
                    Location(names[key]),
                    "build the .docx and open it in LibreOffice to see why",
                )
        problems.raise_if_any()
        yield pdfs


def _run(command: list[str], timeout: float, env: dict[str, str]) -> tuple[int | None, str]:
    """Run ``command`` in its own process group; its exit status (None if killed) and output."""
    with _signals_held() as held:
        try:
            process = subprocess.Popen(
                command,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        except OSError as exc:
            raise _error(
                "O510",
                f"LibreOffice could not be started: {exc.strerror or exc}",
                Location(command[0]),
                INSTALL_HINT,
            ) from exc
    try:
        for signum in held:  # an interruption while starting: now LibreOffice can be stopped
            signal.raise_signal(signum)
        out, _ = process.communicate(timeout=timeout)
        status: int | None = process.returncode
    except subprocess.TimeoutExpired:
        _kill_group(process)
        out, _ = process.communicate()
        status = None
    except BaseException:  # interrupted (Ctrl-C, SIGTERM): stop LibreOffice, then go on
        _kill_group(process)
        _wait_group(process)  # then the profile can be removed whole
        raise
    finally:
        _kill_group(process)  # anything it started and left running
    return status, out.decode("utf-8", "replace")


@contextlib.contextmanager
def _signals_held() -> Iterator[list[int]]:
    """Hold Ctrl-C and SIGTERM while LibreOffice starts; yields the signals that came meanwhile.

    An interruption inside ``Popen`` (after the fork, before it returns) would leave LibreOffice
    running with nobody holding its process: the caller delivers held signals once it has it.
    """
    held: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield held
        return

    def hold(signum: int, frame: object) -> None:
        held.append(signum)

    saved = {signum: signal.signal(signum, hold) for signum in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield held
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    if sys.platform == "win32":
        process.kill()
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)


def _wait_group(process: subprocess.Popen[bytes], limit: float = 10.0) -> None:
    """Wait (at most ``limit`` seconds) until every process of ``process``'s group has ended
    and the process itself is reaped, after :func:`_kill_group`."""
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=limit)
    if sys.platform == "win32":
        return
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            os.killpg(process.pid, 0)
        except (ProcessLookupError, PermissionError):
            return
        time.sleep(0.01)


def _tail(output: str) -> str:
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    useful = [line for line in lines if "javaldx" not in line]
    return "; ".join(useful[-3:]) or "it printed nothing"


def finish(pdf: bytes | Path, meta: Meta, name: str) -> bytes:
    """Check and complete LibreOffice's PDF of a report (its bytes, or the file), and seal it
    as reportgen's.

    LibreOffice 7.4 already writes the tags, the outline, the PDF/UA identifier and, from the
    Word file's properties, the title; this sets the language and title from ``meta``, shows
    the title in the window, names reportgen as the creator, and raises one error (at
    ``name``) if the PDF cannot be read or has no structure tree.
    """
    import pikepdf

    try:
        document = pikepdf.open(pdf if isinstance(pdf, Path) else io.BytesIO(pdf))
    except pikepdf.PdfError as exc:
        raise _error(
            "O514",
            f"LibreOffice wrote a PDF that cannot be read: {exc}",
            Location(name),
            "build the .docx and export it from LibreOffice by hand to see why",
        ) from exc
    with document:
        root = document.Root
        mark = root.get("/MarkInfo")
        marked = isinstance(mark, pikepdf.Dictionary) and bool(mark.get("/Marked", False))
        if "/StructTreeRoot" not in root or not marked:
            raise _error(
                "O514",
                "LibreOffice wrote a PDF without tags, which screen readers cannot follow",
                Location(name),
                "use LibreOffice 7.4 or later (REPORTGEN_SOFFICE names which one)",
            )
        root.Lang = pikepdf.String(meta.language)
        root.ViewerPreferences = pikepdf.Dictionary(DisplayDocTitle=True)
        pikepdf.models.PdfMetadata.register_xml_namespace(SEAL_NAMESPACE, "reportgen")
        with document.open_metadata(set_pikepdf_as_editor=False) as xmp:
            xmp["dc:title"] = meta.title
            xmp["pdfuaid:part"] = "1"
            xmp["xmp:CreatorTool"] = CREATOR
            xmp[f"{{{SEAL_NAMESPACE}}}sealed"] = _UNSEALED.decode()
        document.docinfo["/Title"] = pikepdf.String(meta.title)
        document.docinfo["/Creator"] = pikepdf.String(CREATOR)
        out = io.BytesIO()
        document.save(out, deterministic_id=True)  # the same PDF, the same bytes
    return seal(out.getvalue())


def seal(pdf: bytes) -> bytes:
    """``pdf`` with reportgen's seal: the SHA-256 of its bytes, in its XMP's placeholder."""
    found = [m for m in _SEAL.finditer(pdf) if m.group(1) == _UNSEALED]
    if len(found) != 1:  # pragma: no cover - pikepdf keeps XMP uncompressed
        raise AssertionError("the PDF's XMP metadata must hold one unsealed seal")
    start, end = found[0].span(1)
    digest = hashlib.sha256(pdf).hexdigest().encode()
    return pdf[:start] + digest + pdf[end:]


def sealed_untouched(pdf: bytes) -> bool:
    """Whether ``pdf`` carries reportgen's seal and is byte for byte as reportgen wrote it."""
    found = list(_SEAL.finditer(pdf))
    if len(found) != 1:
        return False
    start, end = found[0].span(1)
    unsealed = pdf[:start] + _UNSEALED + pdf[end:]
    return hashlib.sha256(unsealed).hexdigest().encode() == found[0].group(1)


def render_pdfs(
    documents: Mapping[K, tuple[Meta, bytes]],
    names: Mapping[K, str],
    timeout: float | None = None,
) -> dict[K, bytes]:
    """The finished PDF of each document, given its metadata and .docx bytes, in one run;
    each finished from the file LibreOffice wrote."""
    files = {key: docx for key, (_, docx) in documents.items()}
    return finished(files, {key: meta for key, (meta, _) in documents.items()}, names, timeout)


def finished(
    documents: Mapping[K, bytes],
    metas: Mapping[K, Meta],
    names: Mapping[K, str],
    timeout: float | None = None,
) -> dict[K, bytes]:
    """The .docx files ``documents`` as finished PDFs (:func:`finish`, with ``metas``), in
    one LibreOffice run; one error with the problems of all of them."""
    problems = Problems()
    out: dict[K, bytes] = {}
    with converted(documents, names, timeout) as paths:
        for key, path in paths.items():
            try:
                out[key] = finish(path, metas[key], names[key])
            except ReportError as exc:
                problems.extend(exc.problems)
    problems.raise_if_any()
    return out
