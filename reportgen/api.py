"""reportgen as a library: read reports, render them, and build their files.

Every function here raises one :class:`~reportgen.errors.ReportError` carrying every problem it
found, and never prints or exits; the ``reportgen`` command is a thin layer over it::

    from reportgen import api

    api.build([Path("report.yaml")], output=Path("report.pdf"))
    api.build(paths, out_dir=Path("out"), to="docx,pdf")

The formats are ``docx`` (the council's Word report) and ``pdf`` (the same report, converted by
LibreOffice into a tagged PDF: :mod:`reportgen.render.pdf`). What a call does not need is not
imported: reading reports never loads the Word writer or the PDF libraries.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path

from reportgen.document import Document
from reportgen.errors import Location, Problems, ReportError

FORMATS = ("docx", "pdf")
"""The formats :func:`render` and :func:`build` write, each also a file extension."""

_COMMAND_LINE = Location("(command line)")


def load_documents(
    paths: Iterable[Path], boilerplate_dir: Path | None = None
) -> dict[Path, Document]:
    """Load, validate and resolve each report; raises one error with the problems of all of them.

    ``boilerplate_dir`` is the folder of standard wording (default: the project's boilerplate/).
    """
    from reportgen.boilerplate import DEFAULT_DIR, load_boilerplate
    from reportgen.pipeline import build as resolve_report

    boilerplate = load_boilerplate(boilerplate_dir or DEFAULT_DIR)
    problems = Problems()
    documents: dict[Path, Document] = {}
    for path in paths:
        try:
            documents[path] = resolve_report(path, boilerplate)
        except ReportError as exc:
            problems.extend(exc.problems)
    problems.raise_if_any()
    return documents


def render(
    document: Document,
    fmt: str = "docx",
    template: Path | None = None,
    *,
    timeout: float | None = None,
) -> bytes:
    """The file of ``document`` in format ``fmt`` (``docx`` or ``pdf``), as bytes.

    ``template`` is the Word shell and styles (default: templates/report.docx); a PDF is made
    from the Word file by LibreOffice, which may take up to ``timeout`` seconds.
    """
    key = Path(f"({document.meta.title})")  # how problems name it
    return render_many({key: document}, (fmt,), template, timeout=timeout)[key][fmt]


def render_many(
    documents: Mapping[Path, Document],
    formats: Collection[str],
    template: Path | None = None,
    *,
    timeout: float | None = None,
) -> dict[Path, dict[str, bytes]]:
    """Each document's file in each of ``formats``, keyed by its report's path, then format.

    All the PDFs come from one LibreOffice run. Raises one error for an unknown format, a
    template problem, or LibreOffice missing or failing.
    """
    problems = Problems()
    for fmt in formats:
        _check_format(fmt, problems)
    problems.raise_if_any()
    from reportgen.render.docx import writer

    words = {path: writer.render_docx(document, template) for path, document in documents.items()}
    files: dict[Path, dict[str, bytes]] = {path: {} for path in documents}
    if "docx" in formats:
        for path, data in words.items():
            files[path]["docx"] = data
    if "pdf" in formats:
        from reportgen.render.pdf import render_pdfs

        pdfs = render_pdfs(
            {path: (documents[path].meta, data) for path, data in words.items()},
            {path: str(path) for path in documents},
            timeout,
        )
        for path, data in pdfs.items():
            files[path]["pdf"] = data
    return files


def _check_format(fmt: str, problems: Problems) -> None:
    if fmt not in FORMATS:
        problems.add(
            "O506",
            f"{fmt!r} is not a format reportgen writes",
            _COMMAND_LINE,
            "use docx, pdf, or both: docx,pdf",
        )


def build(
    paths: Sequence[Path],
    *,
    output: Path | None = None,
    out_dir: Path | None = None,
    to: str | Iterable[str] | None = None,
    template: Path | None = None,
    boilerplate_dir: Path | None = None,
    force: bool = False,
    timeout: float | None = None,
) -> list[Path]:
    """Build each report into its files; returns the paths written, in order.

    ``output`` names the one file to write for a single report, its format following its
    suffix (.docx or .pdf). Otherwise each report gets one file per format in ``to`` (default
    ``docx``; a list or a comma-separated string such as ``"docx,pdf"``), named after the
    report, in ``out_dir`` (created if missing) or beside the report.

    Files are written whole or not at all, and nothing is written when any report, output path
    or conversion has a problem: the one error raised lists every problem. A file at an output
    path is replaced only if reportgen wrote it and nobody has saved it since, or if ``force``.
    """
    from reportgen.output import check_target, write_atomic

    problems = Problems()
    documents: dict[Path, Document] = {}
    try:
        documents = load_documents(paths, boilerplate_dir)
    except ReportError as exc:
        problems.extend(exc.problems)
    targets = _targets(paths, output, out_dir, to, problems)
    sources = {path.resolve() for path in paths}
    for target in targets:
        check_target(target, sources, force, problems, made_folder=out_dir is not None)
    problems.raise_if_any()
    formats = {fmt for _, fmt in targets.values()}
    rendered = render_many(documents, formats, template, timeout=timeout)
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    for target, (path, fmt) in targets.items():
        write_atomic(target, rendered[path][fmt])
    return list(targets)


def _targets(
    paths: Sequence[Path],
    output: Path | None,
    out_dir: Path | None,
    to: str | Iterable[str] | None,
    problems: Problems,
) -> dict[Path, tuple[Path, str]]:
    """Each output file, with the report and the format it holds; problems with the options."""
    formats = _formats(to, problems)
    if output is not None:
        if to is not None or out_dir is not None:
            problems.add(
                "O507",
                "-o names the one output file; --to and --out-dir are for several",
                _COMMAND_LINE,
                "give either -o REPORT.pdf, or --out-dir with --to",
            )
        if len(paths) != 1:
            problems.add(
                "O500",
                "-o names one output file but several reports were given",
                _COMMAND_LINE,
                "use --out-dir for several reports",
            )
            return {}
        fmt = output.suffix.lower().lstrip(".")
        if fmt not in FORMATS:
            problems.add(
                "O505",
                "the output file must end in .docx or .pdf",
                Location(str(output)),
                "name it e.g. report.docx, or report.pdf for a PDF",
            )
        return {output: (paths[0], fmt)}
    if out_dir is not None and out_dir.exists() and not out_dir.is_dir():
        problems.add("O502", "the output folder is a file", Location(str(out_dir)), "")
    targets: dict[Path, tuple[Path, str]] = {}
    for path in paths:
        for fmt in formats:
            target = (out_dir or path.parent) / f"{path.stem}.{fmt}"
            if target in targets:
                problems.add(
                    "O508",
                    f"{targets[target][0]} and {path} would both be written to this file",
                    Location(str(target)),
                    "rename one of the reports, or build them into different folders",
                )
            targets[target] = (path, fmt)
    return targets


def _formats(to: str | Iterable[str] | None, problems: Problems) -> list[str]:
    if to is None:
        return ["docx"]
    names = to.split(",") if isinstance(to, str) else list(to)
    formats = list(dict.fromkeys(name.strip().lower() for name in names if name.strip()))
    for fmt in formats:
        _check_format(fmt, problems)
    if not formats:
        _check_format("", problems)
    return [fmt for fmt in formats if fmt in FORMATS]


def pack(
    meeting: Path,
    out_dir: Path,
    *,
    boilerplate_dir: Path | None = None,
    force: bool = False,
    timeout: float | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Build the agenda packs of the meeting file ``meeting`` into ``out_dir``.

    Writes the public pack and, when any item or appendix is exempt under Schedule 12A, the
    confidential pack; returns their paths. Both are written whole or not at all, and a pack
    file is replaced only if reportgen wrote it and nobody has saved it since, or if ``force``.
    ``progress`` is told each step.
    """
    from reportgen.boilerplate import DEFAULT_DIR, load_boilerplate
    from reportgen.meeting import load_meeting
    from reportgen.output import check_target, write_atomic
    from reportgen.pack.build import build_packs, pack_names

    problems = Problems()
    boilerplate = load_boilerplate(boilerplate_dir or DEFAULT_DIR)
    resolved = load_meeting(meeting, boilerplate)
    public_name, confidential_name = pack_names(resolved)
    targets = [out_dir / public_name, out_dir / confidential_name]
    if out_dir.exists() and not out_dir.is_dir():
        problems.add("O502", "the output folder is a file", Location(str(out_dir)), "")
    for target in targets:
        check_target(target, {meeting.resolve()}, force, problems, made_folder=True)
    problems.raise_if_any()
    packs = build_packs(resolved, timeout=timeout, progress=progress)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = [targets[0]]
    write_atomic(targets[0], packs.public)
    if packs.confidential is not None:
        write_atomic(targets[1], packs.confidential)
        written.append(targets[1])
    return written
