"""reportgen as a library: read reports, render them, and build their files.

Every function here raises one :class:`~reportgen.errors.ReportError` carrying every problem it
found, and never prints or exits; the ``reportgen`` command is a thin layer over it::

    from reportgen import api

    api.build([Path("report.yaml")], output=Path("report.pdf"))
    api.build(paths, out_dir=Path("out"), to="docx,pdf")

The formats are ``docx`` (the council's Word report), ``pdf`` (the same report, converted by
LibreOffice into a tagged PDF: :mod:`reportgen.writers.pdf`) and ``html`` (its accessible HTML
edition, one self-contained page: :mod:`reportgen.writers.html`). What a call does not need is not
imported: reading reports never loads the Word writer or the PDF libraries.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
import warnings
from collections.abc import Callable, Collection, Generator, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.document import Document
from reportgen.errors import Location, Problem, Problems, ReportError, quote
from reportgen.kinds import InputKind, named, recognise
from reportgen.writers import DEFAULT_PDF_ENGINE, PDF_ENGINES

if TYPE_CHECKING:
    from reportgen.boilerplate import Boilerplate
    from reportgen.decisions import Decision, DecisionsRegister
    from reportgen.meeting import ResolvedMeeting
    from reportgen.opendata import MeetingData, ReportData
    from reportgen.reads import Reads
    from reportgen.supplement import LateItem
    from reportgen.word.audit import Audited

WORKING_ON = "reportgen_working_on"
"""The attribute an unexpected exception gets, naming the input (or output) being worked on
when it was raised; the command line prints it in its report of an internal error."""


@contextmanager
def working_on(what: str) -> Iterator[None]:
    """Name ``what`` (a file) on any unexpected exception the block raises, unless a block
    inside it named a file already."""
    try:
        yield
    except ReportError:
        raise
    except Exception as exc:
        if getattr(exc, WORKING_ON, None) is None:
            with suppress(AttributeError, TypeError):
                setattr(exc, WORKING_ON, what)
        raise


NEW_REPORT = "new-report.yaml"
"""The template ``reportgen new`` fills, in a profile's folder (nearest layer first)."""
NEW_TEMPLATE = Path(__file__).resolve().parent / "templates" / NEW_REPORT
"""The standard template, for a profile without one of its own."""

FORMATS = ("docx", "pdf", "html", "json")
"""The formats :func:`render` and :func:`build` write, each also a file extension; ``json`` is
the report's open data (:mod:`reportgen.opendata`)."""

_COMMAND_LINE = Location("(command line)")


def load_documents(
    paths: Iterable[Path],
    boilerplate_dir: Path | None = None,
    *,
    reads: dict[Path, Reads] | None = None,
) -> dict[Path, Document]:
    """Load, validate and resolve each report; raises one error with the problems of all of them.

    ``boilerplate_dir`` is the council profile's folder (default: the one the reports'
    configuration file names, else the bundled Nottinghamshire profile; see
    :func:`reportgen.profile.profile_for`, which every function here asks). ``reads``, when
    given, gets what each report read (:class:`reportgen.reads.Reads`), a report with
    problems too; the profile, read once for all of them, is in none.
    """
    from reportgen.boilerplate import load_boilerplate
    from reportgen.profile import profile_for
    from reportgen.reads import recording

    paths = list(paths)
    boilerplate = load_boilerplate(profile_for(paths, boilerplate_dir))
    problems = Problems()
    documents: dict[Path, Document] = {}
    for path in paths:
        with recording() as own:
            try:
                with working_on(str(path)):
                    documents[path] = _resolve_document(path, boilerplate)
            except ReportError as exc:
                problems.extend(exc.problems)
        if reads is not None:
            reads[path] = own
    problems.raise_if_any()
    return documents


def _resolve_document(path: Path, boilerplate: Boilerplate) -> Document:
    """The document of the report at ``path``, or of the appendix document or minutes there
    as the meeting that lists it prints it (:mod:`reportgen.meeting_of`)."""
    resolved = _resolve(path, boilerplate, meetings=False)
    assert isinstance(resolved, Document)
    return resolved


def _resolve(path: Path, boilerplate: Boilerplate, *, meetings: bool) -> Document | ResolvedMeeting:
    """What the file at ``path`` resolves to, by its kind, its YAML parsed once: a meeting
    with every document of its pack (when ``meetings``; else it is read as a report), an
    appendix document or minutes as the meeting that lists it prints them, or a report."""
    from reportgen.load import load_file
    from reportgen.pipeline import build as resolve_report

    loaded = load_file(path)
    kind = recognise(loaded.data)
    if kind == "meeting" and meetings:
        from reportgen.meeting import load_meeting

        return load_meeting(path, boilerplate, loaded)
    if named(kind).in_meeting:
        from reportgen.meeting_of import document_in_meeting

        return document_in_meeting(path, kind, boilerplate)
    return resolve_report(path, boilerplate, loaded)


@dataclass(frozen=True, slots=True)
class Source:
    """A report or a meeting file read and resolved, with every input that took."""

    path: Path
    document: Document | None
    """The report's resolved document; None for a meeting."""
    meeting: ResolvedMeeting | None
    """The meeting with every document of its pack resolved; None for a report."""
    reads: Reads
    """Every input read, with its stamp when read (:class:`reportgen.reads.Reads`)."""

    @property
    def dependencies(self) -> frozenset[Path]:
        """Every file read or looked for (the report or meeting, comment files, the pay scale,
        the boilerplate, minutes, appendices…) and every folder listed, absolute and resolved."""
        return self.reads.dependencies


def new_report_template(report: Path, profile_dir: Path | None = None) -> Path:
    """The template ``reportgen new`` starts a report at ``report`` from: the new-report.yaml
    of the nearest layer of its profile (``profile_dir``, else the one found upward from the
    report's folder) that holds one, else the standard template."""
    from reportgen.profile import chain, profile_for

    folder = profile_for([report], profile_dir)
    if folder.is_dir():
        for layer in chain(folder):
            if (layer / NEW_REPORT).is_file():
                return layer / NEW_REPORT
    return NEW_TEMPLATE


def load_source(path: Path, boilerplate_dir: Path | None = None) -> Source:
    """Load, validate and resolve the report or meeting file at ``path``, recording every file
    it reads (the live preview watches exactly those).

    Raises one error with every problem; its ``dependencies`` are what had been read by then,
    so a watcher sees the fix of the file at fault.
    """
    from reportgen.boilerplate import load_boilerplate
    from reportgen.profile import profile_for
    from reportgen.reads import recording

    with recording() as reads:
        try:
            with working_on(str(path)):
                boilerplate = load_boilerplate(profile_for([path], boilerplate_dir))
                resolved = _resolve(path, boilerplate, meetings=True)
        except ReportError as exc:
            exc.reads = reads
            raise
    if isinstance(resolved, Document):
        return Source(path, resolved, None, reads)
    return Source(path, None, resolved, reads)


def render(
    document: Document,
    fmt: str = "docx",
    template: Path | None = None,
    *,
    timeout: float | None = None,
    pdf_engine: str = DEFAULT_PDF_ENGINE,
) -> bytes:
    """The file of ``document`` in format ``fmt`` (``docx``, ``pdf`` or ``html``), as bytes.

    ``template`` is the Word shell and styles (default: templates/report.docx); a PDF is made
    from the Word file by LibreOffice, which may take up to ``timeout`` seconds, or typeset by
    Typst with ``pdf_engine="typst"`` (:data:`PDF_ENGINES`).
    """
    key = Path(f"({document.meta.title})")  # how problems name it
    rendered = render_many(
        {key: document}, (fmt,), template, timeout=timeout, pdf_engine=pdf_engine
    )
    return rendered[key][fmt]


def render_many(
    documents: Mapping[Path, Document],
    formats: Collection[str],
    template: Path | None = None,
    *,
    timeout: float | None = None,
    pdf_engine: str = DEFAULT_PDF_ENGINE,
) -> dict[Path, dict[str, bytes]]:
    """Each document's file in each of ``formats``, keyed by its report's path, then format.

    All the PDFs come from one LibreOffice run, or from Typst in process with
    ``pdf_engine="typst"``. Raises one error for an unknown format or engine, a template
    problem, or LibreOffice missing or failing.
    """
    problems = Problems()
    for fmt in formats:
        _check_format(fmt, problems)
    _check_pdf_engine(pdf_engine, problems)
    problems.raise_if_any()
    files: dict[Path, dict[str, bytes]] = {path: {} for path in documents}
    if "json" in formats:
        from reportgen.opendata import report_data as data_of
        from reportgen.writers.json import render_json

        for path, document in documents.items():
            files[path]["json"] = render_json(data_of(document, path.parent))
    if "html" in formats:
        from reportgen.writers.html import render_html

        for path, document in documents.items():
            with working_on(str(path)):
                files[path]["html"] = render_html(document).encode("utf-8")
    if "pdf" in formats and pdf_engine == "typst":
        from reportgen.writers.typst import render_pdfs as typeset

        with working_on(", ".join(map(str, documents))):
            pdfs = typeset(documents, {path: str(path) for path in documents})
        for path, data in pdfs.items():
            files[path]["pdf"] = data
        formats = set(formats) - {"pdf"}
    if not {"docx", "pdf"} & set(formats):
        return files
    from reportgen.writers.docx import writer

    words: dict[Path, bytes] = {}
    for path, document in documents.items():
        with working_on(str(path)):
            words[path] = writer.render_docx(document, template)
    if any(d.meta.contents is not None for d in documents.values()):
        words = _with_contents_pages(documents, words, template, timeout)
    if "docx" in formats:
        for path, data in words.items():
            files[path]["docx"] = data
    if "pdf" in formats:
        from reportgen.writers.pdf import render_pdfs

        pdfs = render_pdfs(
            {path: (documents[path].meta, data) for path, data in words.items()},
            {path: str(path) for path in documents},
            timeout,
        )
        for path, data in pdfs.items():
            files[path]["pdf"] = data
    return files


def _with_contents_pages(
    documents: Mapping[Path, Document],
    words: dict[Path, bytes],
    template: Path | None,
    timeout: float | None,
) -> dict[Path, bytes]:
    """``words``, each document with a contents page written again with the pages its headings
    land on, found by a first LibreOffice layout (:mod:`reportgen.writers.contents_pages`)."""
    from reportgen.resolve.design import with_pages
    from reportgen.writers.contents_pages import heading_pages
    from reportgen.writers.docx import writer
    from reportgen.writers.pdf import convert

    paged = [path for path, d in documents.items() if d.meta.contents is not None]
    first = convert({p: words[p] for p in paged}, {p: str(p) for p in paged}, timeout)
    out = dict(words)
    for path in paged:
        document = with_pages(documents[path], heading_pages(documents[path], first[path]))
        out[path] = writer.render_docx(document, template)
    return out


def _output_format(
    output: Path, name: str, problems: Problems, formats: Sequence[str] = FORMATS
) -> str:
    """The format ``output``'s suffix names; a problem (O505) when it is none of ``formats``."""
    fmt = output.suffix.lower().lstrip(".")
    if fmt not in formats:
        problems.add(
            "O505",
            f"the output file must end in {_one_of([f'.{f}' for f in formats])}",
            Location(str(output)),
            f"name it e.g. {_one_of([f'{name}.{f}' for f in formats])}",
        )
    return fmt


def _one_of(words: Sequence[str]) -> str:
    """``words`` as a reader lists them: ``a, b or c``."""
    return " or ".join(filter(None, (", ".join(words[:-1]), words[-1])))


def _check_pdf_engine(engine: str, problems: Problems) -> None:
    if engine not in PDF_ENGINES:
        problems.add(
            "O523",
            f"{quote(engine)} is not a PDF engine reportgen has",
            _COMMAND_LINE,
            f"use {_one_of(PDF_ENGINES)}",
        )


def _check_format(fmt: str, problems: Problems) -> None:
    if fmt not in FORMATS:
        problems.add(
            "O506",
            f"{quote(fmt)} is not a format reportgen writes",
            _COMMAND_LINE,
            f"use {_one_of(FORMATS)}, or several: {','.join(FORMATS)}",
        )


class Written(list[Path]):
    """The paths a command wrote, in order, and the warnings it found on the way: problems
    that did not stop it (e.g. a comment file not read, C810), for the user to look at."""

    warnings: tuple[Problem, ...] = ()

    def __init__(self, paths: Iterable[Path] = (), warnings: Iterable[Problem] = ()) -> None:
        super().__init__(paths)
        self.warnings = tuple(warnings)


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
    pdf_engine: str = DEFAULT_PDF_ENGINE,
    reads: dict[Path, Reads] | None = None,
) -> Written:
    """Build each report into its files; returns the paths written, in order, with the
    warnings found (:class:`Written`: a list of paths, so code that wants only them is served).

    ``output`` names the one file to write for a single report, its format following its
    suffix (.docx, .pdf, .html or .json, its open data: :mod:`reportgen.opendata`). Otherwise
    each report gets one file per format in ``to`` (default ``docx``; a list or a
    comma-separated string such as ``"docx,pdf"``), named after the report, in ``out_dir``
    (created if missing) or beside the report.

    A PDF is converted from the Word file by LibreOffice, or typeset by Typst with
    ``pdf_engine="typst"`` (:data:`PDF_ENGINES`).

    Files are written whole or not at all, and nothing is written when any report, output path
    or conversion has a problem: the one error raised lists every problem. A file at an output
    path is replaced only if reportgen wrote it and nobody has saved it since, or if ``force``;
    this is checked before rendering and again right before replacing, so a file saved during
    the build is kept (O541). Every file of the build is written to a temporary file first and
    renamed into place only when all are written (:func:`reportgen.output.write_files`).

    ``reads``, when given, gets what each report read, as :func:`load_documents` says.
    """
    from reportgen.output import check_targets, write_files

    problems = Problems()
    documents: dict[Path, Document] = {}
    try:
        documents = load_documents(paths, boilerplate_dir, reads=reads)
    except ReportError as exc:
        problems.extend(exc.problems)
    targets = _targets(paths, output, out_dir, to, problems)
    _check_pdf_engine(pdf_engine, problems)
    sources = {path.resolve() for path in paths}
    check_targets(targets, sources, force, problems, made_folder=out_dir is not None)
    problems.raise_if_any()
    formats = {fmt for _, fmt in targets.values()}
    rendered = render_many(documents, formats, template, timeout=timeout, pdf_engine=pdf_engine)
    files = {target: rendered[path][fmt] for target, (path, fmt) in targets.items()}
    with working_on(", ".join(map(str, targets))):
        write_files(files, force=force)
    from reportgen.pipeline import unread_comment_files

    return Written(targets, (w for path in paths for w in unread_comment_files(path)))


@dataclass(frozen=True, slots=True)
class Round:
    """One build of :func:`watch_build`: the first, or one after a save."""

    reports: tuple[Path, ...]
    """The reports built, in the order given: at first all of them; then those whose inputs
    changed, and those not written since their inputs last changed (a round with problems)."""
    changed: frozenset[Path]
    """The inputs whose change started the round, absolute; none for the first."""
    written: Written
    """The files written, with the warnings found; none when the round had problems."""
    problems: tuple[Problem, ...]
    """Every problem of the round; with any, nothing was written: every output is as the last
    good round left it."""
    seconds: float
    """How long the build took."""


def watch_build(
    paths: Sequence[Path],
    *,
    output: Path | None = None,
    out_dir: Path | None = None,
    to: str | Iterable[str] | None = None,
    template: Path | None = None,
    boilerplate_dir: Path | None = None,
    force: bool = False,
    timeout: float | None = None,
    pdf_engine: str = DEFAULT_PDF_ENGINE,
    stop: threading.Event | None = None,
) -> Generator[Round, None, None]:
    """Build the reports as :func:`build` does, then again on every save of a file a report's
    build read (:mod:`reportgen.watching`), in this process; yields each :class:`Round` as it
    ends, until ``stop`` is set or the iterator is closed.

    A round rebuilds only the reports whose inputs changed, and any whose files were not
    written since their inputs last changed. A round with problems raises nothing: its
    :attr:`Round.problems` say what they are, nothing is written (as :func:`build`, so the
    outputs stay as the last good round left them) and the watch goes on, following what the
    failed build read, so the fix is seen. The protection of files edited since they were
    built (``force``) is :func:`build`'s, every round. Problems that no save can fix (the
    options: -o with several reports, an unknown format or PDF engine) are raised as one
    error before the first build.
    """
    from reportgen.reads import Reads, recording
    from reportgen.watching import changes

    paths = list(paths)
    problems = Problems()
    _targets(paths, output, out_dir, to, problems)
    _check_pdf_engine(pdf_engine, problems)
    problems.raise_if_any()
    inputs: dict[Path, Reads] = {path: Reads() for path in paths}
    watched = Reads()

    def round_of(due: list[Path], changed: Collection[Path]) -> Round:
        nonlocal watched
        own: dict[Path, Reads] = {}
        start = time.perf_counter()
        with recording() as whole:
            try:
                written = build(
                    due,
                    output=output,
                    out_dir=out_dir,
                    to=to,
                    template=template,
                    boilerplate_dir=boilerplate_dir,
                    force=force,
                    timeout=timeout,
                    pdf_engine=pdf_engine,
                    reads=own,
                )
                found: tuple[Problem, ...] = ()
            except ReportError as exc:
                written, found = Written(), tuple(exc.problems)
        seconds = time.perf_counter() - start
        inputs.update(_inputs_of(whole, {path: own.get(path, inputs[path]) for path in due}))
        watched = Reads()
        for reads in inputs.values():
            watched.merge(reads)
        return Round(tuple(due), frozenset(changed), written, found, seconds)

    done = round_of(paths, ())
    yield done
    stale = set(done.reports) if done.problems else set()
    for changed in changes(lambda: watched, stop or threading.Event()):
        due = stale | {p for p in paths if any(map(inputs[p].relevant, changed))}
        if due:
            done = round_of([path for path in paths if path in due], changed)
            yield done
            stale = set(done.reports) if done.problems else set()


def _inputs_of(whole: Reads, own: Mapping[Path, Reads]) -> dict[Path, Reads]:
    """Each report's inputs: what it read itself (``own``), and what the build read for all of
    them (in ``whole`` but no report's own: the profile, the Word template, the stylesheet)."""
    from reportgen.reads import Reads

    theirs = Reads()
    for reads in own.values():
        theirs.merge(reads)
    shared = Reads(
        {file: was for file, was in whole.files.items() if file not in theirs.files},
        {key: found for key, found in whole.listings.items() if key not in theirs.listings},
    )
    each = {}
    for path, reads in own.items():
        mine = Reads(dict(reads.files), dict(reads.listings))
        mine.merge(shared)
        each[path] = mine
    return each


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
        fmt = _output_format(output, "report", problems)
        return {output: (paths[0], fmt)}
    targets: dict[Path, tuple[Path, str]] = {}
    seen: dict[Path, Path] = {}  # each target as resolved (symbolic links, .., .) -> as named
    for path in paths:
        for fmt in formats:
            target = (out_dir or path.parent) / f"{path.stem}.{fmt}"
            same = seen.get(target.resolve())
            if same is not None:
                problems.add(
                    "O508",
                    f"{targets[same][0]} and {path} would both be written to this file",
                    Location(str(same)),
                    "rename one of the reports, or build them into different folders",
                )
                continue
            seen[target.resolve()] = target
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
    allow_uncleared: bool = False,
    pdf_engine: str = DEFAULT_PDF_ENGINE,
) -> Written:
    """Build the agenda packs of the meeting file ``meeting`` into ``out_dir``.

    ``pdf_engine`` makes the documents' PDFs (:data:`PDF_ENGINES`): with ``typst`` the
    reports, appendices, minutes and front sheets are typeset in process, and LibreOffice is
    needed only for appendices given as Word files.

    A report is cleared when every required reviewer (the profile's reviewers.yaml) has
    commented and no signed comment is stale (:func:`reportgen.readiness.clearance`, the rule
    :func:`check` applies too); while one is not, the packs are refused with the problems
    ``check`` reports for it (C801, C803), unless ``allow_uncleared``.

    Writes the public pack and, when any item or appendix is exempt under Schedule 12A, the
    confidential pack; when items were added after dispatch, the supplementary packs too
    (:mod:`reportgen.supplement`); returns their paths. All are written whole or not at all,
    and a pack file is replaced only if reportgen wrote it and nobody has saved it since, or
    if ``force``.
    ``progress`` is told each step. The libraries' warnings are never printed; the comment
    files of the reports that are not read (C810) are returned, with the paths, in
    :attr:`Written.warnings`.
    """
    from reportgen.boilerplate import load_boilerplate
    from reportgen.meeting import load_meeting
    from reportgen.output import check_targets, write_files
    from reportgen.pack.build import build_packs, pack_names, supplement_names
    from reportgen.profile import profile_for
    from reportgen.readiness import CLEARANCE_FIX

    problems = Problems()
    _check_pdf_engine(pdf_engine, problems)
    problems.raise_if_any()
    boilerplate = load_boilerplate(profile_for([meeting], boilerplate_dir))
    resolved = load_meeting(meeting, boilerplate)
    if not allow_uncleared:
        for checked in _check_items(meeting, resolved, boilerplate):
            problems.extend(
                replace(p, hint=f"{p.hint}; {CLEARANCE_FIX}" if p.hint else CLEARANCE_FIX)
                for p in checked.uncleared
            )
    public_name, confidential_name = pack_names(resolved)
    targets = [out_dir / public_name, out_dir / confidential_name]
    if resolved.has_supplement:  # the items added after dispatch, in packs of their own
        targets += [out_dir / name for name in supplement_names(resolved)]
    check_targets(targets, {meeting.resolve()}, force, problems, made_folder=True)
    problems.raise_if_any()
    with working_on(str(meeting)), warnings.catch_warnings():
        # the libraries' warnings speak of their own workings (pikepdf's PageCopyWarning for
        # form fields, which pack/sanitise.py draws into the page), and are never printed
        warnings.simplefilter("ignore")
        packs = build_packs(resolved, timeout=timeout, progress=progress, pdf_engine=pdf_engine)
    files = {targets[0]: packs.public}
    if packs.confidential is not None:
        files[targets[1]] = packs.confidential
    if packs.supplement is not None:
        files[targets[2]] = packs.supplement
    if packs.supplement_confidential is not None:
        files[targets[3]] = packs.supplement_confidential
    with working_on(", ".join(map(str, files))):
        write_files(files, force=force)
    from reportgen.model_meeting import ReportItem
    from reportgen.pipeline import unread_comment_files

    reports = [
        meeting.parent / e.report for e in resolved.meeting.items if isinstance(e, ReportItem)
    ]
    unread = [w for report in reports for w in unread_comment_files(report)]
    return Written(files, unread)


@dataclass(frozen=True, slots=True)
class Checked:
    """What ``check`` found for one report: its problems (errors and warnings) and where it
    stands with each reviewer."""

    path: Path
    problems: tuple[Problem, ...]
    statuses: tuple[tuple[str, str], ...] = ()
    """(reviewer kind, state): missing, unsigned, signed or stale; empty when it did not build."""
    item: int | None = None
    """Its agenda item number, when checked as part of a meeting."""
    cleared: bool = False
    """Every required reviewer has commented and no comment is stale (else it is a draft)."""
    published: dt.date | None = None
    """When the pack of the meeting it belongs to was published, if it was."""
    uncleared: tuple[Problem, ...] = ()
    """The problems among ``problems`` that keep it from being cleared, which ``pack`` refuses
    (:func:`reportgen.readiness.clearance`)."""
    shown: tuple[str, ...] = ()
    """``statuses`` as ``check`` prints them, in the profile's wording (reviewers.yaml's
    ``states``), a kind whose wording is empty left out."""
    late: tuple[LateItem, ...] = ()
    """For a meeting file: the items added after dispatch, on its supplementary agenda (not a
    problem: ``check`` lists them)."""

    @property
    def ready(self) -> bool:
        """No errors: warnings alone leave a report ready."""
        return not any(p.severity == "error" for p in self.problems)


def check(
    paths: Sequence[Path], boilerplate_dir: Path | None = None, *, draft: bool = False
) -> list[Checked]:
    """Check reports, and meeting files (every report of the meeting), for readiness.

    Returns one :class:`Checked` a report. Raises :class:`ReportError` only when the check
    could not run at all (the boilerplate has problems, or a file cannot be read). With
    ``draft`` (a commit of work in progress), only what stops a build is an error: the
    readiness findings (C8xx) of a report that builds are warnings, so it stands as ready.
    """
    from reportgen.boilerplate import load_boilerplate
    from reportgen.load import load_file, no_such_file
    from reportgen.profile import profile_for

    boilerplate = load_boilerplate(profile_for(paths, boilerplate_dir))
    unreadable = Problems()
    out: list[Checked] = []
    for path in paths:
        if not path.exists():  # a folder or a pipe is said so by load_file
            unreadable.extend([no_such_file(path)])
            continue
        try:
            data = load_file(path).data
        except ReportError as exc:
            out.append(Checked(path, tuple(exc.problems)))
            continue
        kind = recognise(data)
        if kind == "meeting":
            out += _check_meeting(path, boilerplate, draft)
        elif named(kind).in_meeting:
            out.append(_check_in_meeting(path, kind, boilerplate))
        else:
            out.append(_check_report(path, boilerplate, None, draft=draft))
    unreadable.raise_if_any()
    return out


def _check_in_meeting(path: Path, kind: InputKind, boilerplate: Boilerplate) -> Checked:
    """An appendix document or minutes, checked as the meeting that lists it resolves it:
    what stops it building (readiness is a report's)."""
    from reportgen.meeting_of import document_in_meeting

    try:
        document_in_meeting(path, kind, boilerplate)
    except ReportError as exc:
        return Checked(path, tuple(exc.problems))
    return Checked(path, ())


def _check_meeting(path: Path, boilerplate: Boilerplate, draft: bool) -> list[Checked]:
    """The meeting file's problems, then each report item checked as the meeting resolves it
    (so references across the meeting's documents count)."""
    from reportgen.load import load_file
    from reportgen.meeting import load_meeting
    from reportgen.notice import notice_problems

    try:
        meeting = load_meeting(path, boilerplate)
    except ReportError as exc:
        return [Checked(path, tuple(exc.problems))]
    positions = load_file(path).positions
    notice = tuple(notice_problems(meeting.meeting, positions, boilerplate.calendar))
    from reportgen.supplement import late_items

    late = tuple(late_items(meeting))
    return [Checked(path, notice, late=late), *_check_items(path, meeting, boilerplate, draft)]


def _check_items(
    path: Path, meeting: ResolvedMeeting, boilerplate: Boilerplate, draft: bool = False
) -> list[Checked]:
    """Each report item of the meeting file ``path``, already resolved as ``meeting``, checked
    as the meeting resolved it (no report is resolved again); ``draft`` as :func:`check`."""
    from reportgen.model_meeting import ReportItem

    out: list[Checked] = []
    for entry, item in zip(meeting.meeting.items, meeting.items, strict=True):
        if isinstance(entry, ReportItem) and item.documents:
            document = item.documents[0].document
            report = path.parent / entry.report
            checked = _check_report(report, boilerplate, item.line.number, document, draft)
            out.append(replace(checked, published=meeting.meeting.published))
    return out


def _check_report(
    path: Path,
    boilerplate: Boilerplate,
    item: int | None,
    document: Document | None = None,
    draft: bool = False,
) -> Checked:
    """The report at ``path`` checked (``document``: as a meeting resolved it); with ``draft``,
    its readiness findings are warnings."""
    from reportgen import readiness
    from reportgen.pipeline import load_report, unread_comment_files

    unread = tuple(unread_comment_files(path))
    try:
        loaded = load_report(path, boilerplate)
        report, positions = loaded.report, loaded.positions
        if document is None:
            document = loaded.resolve(boilerplate)
    except ReportError as exc:
        return Checked(path, (*exc.problems, *unread), item=item)
    found = (*readiness.check(report, boilerplate, positions, document), *unread)
    current = readiness.fingerprint(document)
    found_states = readiness.statuses(report, boilerplate, current)
    states = tuple((s.kind, s.state) for s in found_states)
    shown = readiness.worded(found_states, boilerplate)
    if draft:
        found = tuple(p.as_warning() for p in found)
    uncleared = tuple(p for p in found if p.code in readiness.CLEARANCE_CODES)
    return Checked(path, found, states, item, not uncleared, uncleared=uncleared, shown=shown)


def sign(report: Path, kind: str, boilerplate_dir: Path | None = None) -> Path:
    """Record in the ``kind`` reviewer's comment file what their comment reviewed: the report's
    fingerprint as it is now. Returns the comment file. The report itself is never edited."""
    from reportgen import readiness
    from reportgen.boilerplate import load_boilerplate
    from reportgen.load import read_source
    from reportgen.output import write_files
    from reportgen.pipeline import comment_folder, load_report
    from reportgen.profile import profile_for
    from reportgen.signoff import signed_text

    boilerplate = load_boilerplate(profile_for([report], boilerplate_dir))
    problems = Problems()
    file = comment_folder(report) / f"{kind}.yaml"
    unknown = boilerplate.reviewers.unknown(kind)
    if unknown is not None:
        problems.extend([unknown])
    elif not file.is_file():
        problems.add(
            "C808",
            f"there is no {kind} comment file to sign",
            Location(str(file)),
            "write the comment there first (initials, date, body); comments written inside "
            "the report cannot be signed, as reportgen never edits the author's file",
        )
    problems.raise_if_any()
    current = readiness.fingerprint(load_report(report, boilerplate).resolve(boilerplate))
    source = read_source(file)  # UTF-8 read strictly: its encoding is the file's bytes
    text = signed_text(source, current, str(file))
    write_files({file: text.encode("utf-8")}, unchanged={file: source.encode("utf-8")})
    return file


def review_sheet(
    report: Path,
    kind: str,
    *,
    output: Path | None = None,
    boilerplate_dir: Path | None = None,
    force: bool = False,
    timeout: float | None = None,
) -> Document:
    """The review sheet of the reviewer ``kind`` (a kind of the profile's reviewers.yaml with a
    ``sheet``, e.g. ``financial``; or a sheet's own name, ``finance``, ``legal`` or ``hr``) for
    the report at ``report``, as a resolved document that :func:`render` prints
    (:mod:`reportgen.review`).

    With ``output``, the sheet is also written there, its format following its suffix (.docx,
    or .pdf through LibreOffice as :func:`build` does), whole or not at all; a file already
    there is replaced only if reportgen wrote it and nobody has saved it since, or if
    ``force``. The sheets' wording is review-sheets.yaml in ``boilerplate_dir`` (default: the
    bundled Nottinghamshire profile), read with the folder's other files (a folder without it
    is T403).
    Raises one error with every problem.
    """
    return _review(report, kind, output, False, boilerplate_dir, force, timeout)[0]


def review(
    report: Path,
    kind: str,
    *,
    output: Path | None = None,
    boilerplate_dir: Path | None = None,
    force: bool = False,
    timeout: float | None = None,
) -> Path:
    """Write the ``kind`` reviewer's sheet of ``report`` (what ``reportgen review`` does) to
    ``output`` or, without it, beside the report as ``REPORT.KIND-review.docx``; returns the
    file written. Otherwise as :func:`review_sheet`."""
    written = _review(report, kind, output, True, boilerplate_dir, force, timeout)[1]
    assert written is not None
    return written


def _review(
    report: Path,
    kind: str,
    output: Path | None,
    beside: bool,
    boilerplate_dir: Path | None,
    force: bool,
    timeout: float | None,
) -> tuple[Document, Path | None]:
    """The sheet, and where it was written: ``output``, or with ``beside`` the default file."""
    from reportgen import review
    from reportgen.boilerplate import load_boilerplate
    from reportgen.output import check_target, write_files
    from reportgen.profile import profile_for

    problems = Problems()
    chosen = source = boilerplate = None
    try:
        boilerplate = load_boilerplate(profile_for([report], boilerplate_dir))
        found = boilerplate.reviewers.sheet_for(kind)
        if isinstance(found, Problem):
            raise ReportError((found,))
        chosen = found
    except ReportError as exc:
        problems.extend(exc.problems)
    target = output
    if target is None and beside and chosen is not None:
        target = review.beside(report, chosen.reviewer)
    fmt = ""
    if target is not None:
        fmt = _output_format(target, "sheet", problems)
        check_target(target, {report.resolve()}, force, problems)
    try:
        if boilerplate is not None:
            source = review.read_report(report, boilerplate)
    except ReportError as exc:
        problems.extend(exc.problems)
    problems.raise_if_any()
    assert source is not None and boilerplate is not None and chosen is not None
    sheet = review.sheet(source, chosen.sheet, boilerplate)
    if target is not None:
        write_files({target: render(sheet, fmt, timeout=timeout)}, force=force)
    return sheet, target


# --- open data -----------------------------------------------------------------------------------


def report_data(path: Path, boilerplate_dir: Path | None = None) -> ReportData:
    """The open data of the report at ``path`` (:class:`reportgen.opendata.ReportData`), as
    ``reportgen build REPORT -o REPORT.json`` writes it; raises one error with every problem."""
    from reportgen.opendata import report_data as data_of

    [(_, document)] = load_documents([path], boilerplate_dir).items()
    return data_of(document, path.parent)


def meeting_data(path: Path, boilerplate_dir: Path | None = None) -> MeetingData:
    """The open data of the meeting file at ``path`` (:class:`reportgen.opendata.MeetingData`):
    its agenda, naming each public report's JSON file, and its own minutes when a minutes.yaml
    is beside it; raises one error with every problem."""
    return _meeting_files(path, boilerplate_dir)[0]


def _meeting_files(
    path: Path, boilerplate_dir: Path | None
) -> tuple[MeetingData, dict[str, bytes]]:
    """The meeting's data and its files: meeting.json and a JSON file of each public report and
    appendix document, by name."""
    from reportgen.boilerplate import load_boilerplate
    from reportgen.meeting import load_meeting, own_minutes
    from reportgen.opendata import meeting_data as data_of
    from reportgen.opendata import public_documents
    from reportgen.opendata import report_data as report_of
    from reportgen.profile import profile_for
    from reportgen.writers.json import render_json

    with working_on(str(path)):
        resolved = load_meeting(path, load_boilerplate(profile_for([path], boilerplate_dir)))
        confirmed = {
            item.line.number: found
            for item in resolved.items
            for doc in item.documents
            if doc.document is not None and doc.document.meta.kind == "minutes"
            if (found := own_minutes(resolved, doc.source)) is not None
        }
        data = data_of(resolved, own_minutes(resolved), confirmed)
        files = {
            name: render_json(report_of(document, source.parent))
            for name, (source, document) in public_documents(resolved).items()
        }
    return data, {MEETING_JSON: render_json(data), **files}


MEETING_JSON = "meeting.json"
"""The name of a meeting's own JSON file in its folder of open data."""
POPOLO_JSON = "popolo.json"
"""The name of the Popolo file of people, committees and memberships."""


def data(
    meetings: Sequence[Path],
    out_dir: Path,
    *,
    boilerplate_dir: Path | None = None,
    force: bool = False,
) -> Written:
    """Write the open data of ``meetings`` into ``out_dir``: for each, a folder named after the
    meeting file's folder (``2022-03-14/``) with meeting.json and each public report's JSON;
    and popolo.json, the people, committees and memberships of them all. Never an exempt
    document's content. Written whole or not at all; a file is replaced only if it is one
    reportgen wrote, or with ``force``."""
    from reportgen.output import check_targets, write_files
    from reportgen.popolo import popolo
    from reportgen.writers.json import render_json

    problems = Problems()
    files: dict[Path, bytes] = {}
    found: list[MeetingData] = []
    folders: dict[str, Path] = {}
    for meeting in meetings:
        name = meeting.resolve().parent.name
        if name in folders:
            problems.add(
                "O570",
                f"{folders[name]} and {meeting} would both be written to {name}/",
                Location(str(meeting)),
                "give meetings in folders of different names",
            )
            continue
        folders[name] = meeting
        try:
            one, written = _meeting_files(meeting, boilerplate_dir)
        except ReportError as exc:
            problems.extend(exc.problems)
            continue
        found.append(one)
        files |= {out_dir / name / file: content for file, content in written.items()}
    files[out_dir / POPOLO_JSON] = render_json(popolo(found))
    check_targets(files, {m.resolve() for m in meetings}, force, problems, made_folder=True)
    problems.raise_if_any()
    with working_on(str(out_dir)):
        write_files(files, force=force)
    return Written(files)


def audit(paths: Sequence[Path], boilerplate_dir: Path | None = None) -> list[Audited]:
    """Audit existing Word reports (folders searched) without converting them: totals that do
    not match their rows, recommendations out of sequence, references to paragraphs that do not
    exist, dates that are not dates (:mod:`reportgen.word.audit`). Raises one ReportError with
    a ``W9xx`` problem for each file that cannot be read."""
    from reportgen.word.audit import audit as audit_files

    return audit_files(paths, boilerplate_dir)


@dataclass(frozen=True)
class ImportedReport:
    """What ``reportgen import`` wrote, and what it placed."""

    written: list[Path]
    paragraphs: int
    tables: int
    references: int
    unplaced: int
    unresolved: int


def import_word(
    source: Path,
    output: Path | None = None,
    *,
    force: bool = False,
    boilerplate_dir: Path | None = None,
) -> ImportedReport:
    """Import the Word report at ``source`` into ``output`` (by default beside it, as .yaml),
    with its reviewers' comments in ``OUTPUT.comments/KIND.yaml``: all of them or none, and
    never over an existing file unless ``force`` (:mod:`reportgen.word.importer`). Raises one
    ReportError: a ``W9xx`` problem for a file that cannot be read, ``O5xx`` for an output."""
    from reportgen.boilerplate import load_boilerplate
    from reportgen.output import write_files
    from reportgen.profile import profile_for
    from reportgen.word.importer import import_word as run_import
    from reportgen.word.read import read_word

    target = output if output is not None else source.with_suffix(".yaml")
    word = read_word(source)
    boilerplate = load_boilerplate(profile_for([target], boilerplate_dir))
    imported = run_import(word, boilerplate)
    files = {target: imported.yaml(source.name).encode("utf-8")}
    folder = target.with_suffix(".comments")
    for kind in imported.comments:
        files[folder / f"{kind}.yaml"] = imported.comment_yaml(kind, source.name).encode("utf-8")
    if not force:
        problems = Problems()
        for path in files:
            if path.exists() or path.is_symlink():
                problems.add(
                    "W910",
                    "the file already exists; reportgen import never replaces a file",
                    Location(str(path)),
                    "choose another name with -o, move the file aside, or pass --force to "
                    "replace it (and the comment files beside it)",
                )
        problems.raise_if_any()
    write_files(files, force=force)
    return ImportedReport(
        list(files),
        imported.paragraphs,
        imported.tables,
        imported.references,
        len(imported.unplaced),
        imported.unresolved,
    )


# --- the forward plan ----------------------------------------------------------------------------

PLAN_FORMATS = ("docx", "pdf", "html")
"""The formats :func:`write_forward_plan` writes."""


def forward_plan(
    folders: Sequence[Path],
    start: dt.date,
    end: dt.date,
    boilerplate_dir: Path | None = None,
) -> Document:
    """The forward plan of key decisions taken from ``start`` to ``end`` (both included) by the
    meetings whose files are in ``folders`` or the folders under them (each YAML file that
    :func:`reportgen.kinds.recognise` says is a meeting): its report items whose reports carry
    ``key_decision:``, and its ``forward_plan:`` entries. A format-neutral document of kind
    ``forward-plan`` that :func:`render` prints (:mod:`reportgen.forward_plan`).

    Raises one error with every problem: a folder with no meeting file (O575), ``start`` after
    ``end`` (O576), a meeting file or one of its key decisions' reports that does not load.
    """
    from reportgen.boilerplate import load_boilerplate
    from reportgen.forward_plan import PlanEntry, entries, plan, planned_problems
    from reportgen.load import load_file, no_such_file
    from reportgen.model import Report
    from reportgen.model_meeting import Meeting, ReportItem
    from reportgen.pipeline import load_report
    from reportgen.profile import profile_for
    from reportgen.validate import validate

    problems = Problems()
    if start > end:
        problems.add(
            "O576",
            f"the period starts on {start}, after it ends on {end}",
            _COMMAND_LINE,
            "give the first day of the period as --from and the last as --to",
        )
    meetings: list[Path] = []
    for folder in folders:
        if not folder.is_dir():
            problems.extend([no_such_file(folder)])
            continue
        found = []
        for path in sorted(folder.rglob("*.yaml")):
            try:
                loaded = load_file(path)
            except ReportError as exc:
                if path.name == "meeting.yaml":  # a meeting that cannot be read is still one
                    problems.extend(exc.problems)
                continue
            if recognise(loaded.data) == "meeting":
                found.append(path)
        if not found:
            problems.add(
                "O575",
                "there is no meeting file in this folder or the folders under it",
                Location(str(folder)),
                "give the folder of the meetings, e.g. reports/meetings",
            )
        meetings += found
    boilerplate = load_boilerplate(profile_for(meetings or folders, boilerplate_dir))
    found_entries: list[PlanEntry] = []
    for path in dict.fromkeys(p.resolve() for p in meetings):
        try:
            with working_on(str(path)):
                loaded = load_file(path)
                meeting = validate(loaded, Meeting)
                if not start <= meeting.date <= end:
                    continue
                problems.extend(planned_problems(meeting, loaded.positions))
                reports: dict[int, Report] = {}
                for i, item in enumerate(meeting.items):
                    if isinstance(item, ReportItem):
                        report = path.parent / item.report
                        reports[i] = load_report(report, boilerplate).report
        except ReportError as exc:
            problems.extend(exc.problems)
            continue
        found_entries += entries(meeting, reports)
    problems.raise_if_any()
    return plan(found_entries, start, end, boilerplate)


def write_forward_plan(
    folders: Sequence[Path],
    start: dt.date,
    end: dt.date,
    output: Path,
    *,
    boilerplate_dir: Path | None = None,
    force: bool = False,
    timeout: float | None = None,
) -> Written:
    """Write :func:`forward_plan` to ``output``, its format following its suffix (.docx, .pdf
    or .html), whole or not at all: a file there is replaced only if reportgen wrote it and
    nobody has saved it since, or with ``force``. Raises one error with every problem."""
    from reportgen.output import check_targets, write_files

    problems = Problems()
    fmt = _output_format(output, "forward-plan", problems, PLAN_FORMATS)
    check_targets([output], set(), force, problems)
    document = None
    try:
        document = forward_plan(folders, start, end, boilerplate_dir)
    except ReportError as exc:
        problems.extend(exc.problems)
    problems.raise_if_any()
    assert document is not None
    data = render(document, fmt, timeout=timeout)
    with working_on(str(output)):
        write_files({output: data}, force=force)
    return Written([output])


def decisions_of_minutes(
    minutes_path: Path,
    *,
    published: dt.date | None = None,
    today: dt.date | None = None,
    boilerplate_dir: Path | None = None,
) -> list[Decision]:
    """The decisions of the minutes at ``minutes_path`` (:mod:`reportgen.decisions`): each
    resolution with its register number and call-in deadline (calendar.yaml's
    ``call_in_working_days`` after ``published``, the meeting's date unless given)."""
    from reportgen.boilerplate import load_boilerplate
    from reportgen.decisions import decisions_of
    from reportgen.profile import profile_for

    boilerplate = load_boilerplate(profile_for([minutes_path], boilerplate_dir))
    return decisions_of(
        minutes_path,
        boilerplate.calendar,
        published=published,
        today=today,
        boilerplate=boilerplate,
    )


def decisions_register(
    folders: Sequence[Path], *, today: dt.date, boilerplate_dir: Path | None = None
) -> DecisionsRegister:
    """The register of the decisions of every ``minutes.yaml`` in ``folders``, newest first,
    each open for call-in or implementable as of ``today``."""
    from reportgen.boilerplate import load_boilerplate
    from reportgen.decisions import decisions_register as register
    from reportgen.profile import profile_for

    boilerplate = load_boilerplate(profile_for(list(folders), boilerplate_dir))
    return register(list(folders), boilerplate.calendar, today=today, boilerplate=boilerplate)


NOTICE_FORMATS = ("docx", "pdf", "html")
"""The formats :func:`write_decision_notices` writes."""


def decision_notices(
    minutes_path: Path,
    *,
    published: dt.date | None = None,
    boilerplate_dir: Path | None = None,
) -> dict[str, Document]:
    """The decision notice of each resolution of the minutes at ``minutes_path``, keyed by its
    file's name without suffix (``2022-001``): format-neutral documents of kind
    ``decision-notice`` that :func:`render` prints (:mod:`reportgen.decision_notice`), published
    on ``published`` (default: the meeting's date). Raises one error with every problem: the
    minutes', or a report a minute names that is not there (M750), is not a report (M751) or
    does not load."""
    from reportgen.boilerplate import load_boilerplate
    from reportgen.decision_notice import notices
    from reportgen.decisions import load_minutes, resolve_decisions
    from reportgen.profile import profile_for

    boilerplate = load_boilerplate(profile_for([minutes_path], boilerplate_dir))
    with working_on(str(minutes_path)):
        loaded = load_minutes(minutes_path, boilerplate)
        found = resolve_decisions(loaded, boilerplate, published=published)
        return notices(loaded, found, boilerplate)


def write_decision_notices(
    minutes_path: Path,
    out_dir: Path,
    *,
    to: str | Iterable[str] | None = None,
    published: dt.date | None = None,
    boilerplate_dir: Path | None = None,
    force: bool = False,
    timeout: float | None = None,
) -> Written:
    """Write :func:`decision_notices` into ``out_dir`` (created if missing), one file per
    decision and format of ``to`` (default ``docx``; of .docx, .pdf and .html), named by the
    decision's number: ``2022-001.docx``. Whole or not at all; a file there is replaced only if
    reportgen wrote it and nobody has saved it since, or with ``force``."""
    from reportgen.output import check_targets, write_files

    problems = Problems()
    formats = _formats(to, problems)
    for fmt in formats:
        if fmt not in NOTICE_FORMATS:
            problems.add(
                "O585",
                f"decision notices are not written as {fmt}",
                _COMMAND_LINE,
                f"use {_one_of(NOTICE_FORMATS)}; the decisions' JSON is reportgen register's "
                "-o register.json",
            )
    formats = [fmt for fmt in formats if fmt in NOTICE_FORMATS]
    documents: dict[str, Document] = {}
    try:
        documents = decision_notices(
            minutes_path, published=published, boilerplate_dir=boilerplate_dir
        )
    except ReportError as exc:
        problems.extend(exc.problems)
    targets = {
        out_dir / f"{stem}.{fmt}": (Path(stem), fmt) for stem in documents for fmt in formats
    }
    check_targets(targets, {minutes_path.resolve()}, force, problems, made_folder=True)
    problems.raise_if_any()
    rendered = render_many(
        {Path(stem): document for stem, document in documents.items()},
        formats,
        timeout=timeout,
    )
    files = {target: rendered[key][fmt] for target, (key, fmt) in targets.items()}
    with working_on(str(out_dir)):
        write_files(files, force=force)
    return Written(targets)


def register_document(
    folders: Sequence[Path], *, today: dt.date, boilerplate_dir: Path | None = None
) -> Document:
    """The printed register of the decisions of every ``minutes.yaml`` in ``folders``, newest
    first: a document of kind ``decisions-register``
    (:func:`reportgen.decision_notice.register`)."""
    from reportgen.boilerplate import load_boilerplate
    from reportgen.decision_notice import register
    from reportgen.profile import profile_for

    boilerplate = load_boilerplate(profile_for(list(folders), boilerplate_dir))
    found = decisions_register(folders, today=today, boilerplate_dir=boilerplate_dir)
    return register(found, boilerplate)


def write_register(
    folders: Sequence[Path],
    output: Path,
    *,
    today: dt.date,
    boilerplate_dir: Path | None = None,
    force: bool = False,
    timeout: float | None = None,
) -> Written:
    """Write the register of decisions to ``output``, its format following its suffix: .json
    (:func:`decisions_register`, its schema decisions.schema.json), or .docx, .pdf or .html
    (:func:`register_document`). Whole or not at all; raises one error with every problem."""
    from reportgen.output import check_targets, write_files

    problems = Problems()
    fmt = _output_format(output, "register", problems)
    check_targets([output], set(), force, problems)
    data = b""
    try:
        if fmt == "json":
            from reportgen.writers.json import render_json

            found = decisions_register(folders, today=today, boilerplate_dir=boilerplate_dir)
            data = render_json(found)
        elif fmt in NOTICE_FORMATS:
            document = register_document(folders, today=today, boilerplate_dir=boilerplate_dir)
            problems.raise_if_any()
            data = render(document, fmt, timeout=timeout)
    except ReportError as exc:
        problems.extend(exc.problems)
    problems.raise_if_any()
    with working_on(str(output)):
        write_files({output: data}, force=force)
    return Written([output])


def site(
    folder: Path,
    out_dir: Path,
    *,
    boilerplate_dir: Path | None = None,
    force: bool = False,
    pdf: bool = True,
    today: dt.date | None = None,
    timeout: float | None = None,
) -> Written:
    """Write the meetings website of the meetings under ``folder`` into ``out_dir``
    (:mod:`reportgen.site`): pages, the public documents' HTML editions, each meeting's public
    agenda pack built by :func:`pack` (unless not ``pdf``; never the confidential pack), its
    decisions with their call-in status as of ``today``, the forward plan, the decisions
    register, feeds and a search index; never an exempt document's content. Written whole or
    not at all; a file is replaced only if it is one reportgen wrote, or with ``force``."""
    import tempfile

    from reportgen.output import check_targets, write_files
    from reportgen.site import load_site, render_site

    problems = Problems()
    loaded = load_site(folder, boilerplate_dir, today)
    if pdf:
        with tempfile.TemporaryDirectory() as scratch:
            for number, meeting in enumerate(loaded.meetings):
                if meeting.meeting_file is None:
                    continue
                try:
                    packs = pack(
                        meeting.meeting_file,
                        Path(scratch) / str(number),
                        boilerplate_dir=boilerplate_dir,
                        timeout=timeout,
                    )
                except ReportError as exc:
                    problems.extend(exc.problems)
                    continue
                meeting.set_pack(packs[0].read_bytes())  # the public pack, always first
        problems.raise_if_any()
    built = render_site(loaded)
    files = {out_dir / name: content for name, content in built.items()}
    check_targets(files, set(), force, problems, made_folder=True)
    problems.raise_if_any()
    with working_on(str(out_dir)):
        write_files(files, force=force)
    return Written(files)
