"""The ``reportgen`` command: build reports and packs, check, sign and review them, and schemas.

A thin layer over :mod:`reportgen.api`: it reads the options, calls the API, and prints the
problems together, each with file:line:column, exiting with code 2; nothing is written when any
input has a problem. Each command imports only what it uses, so ``check`` and ``schema`` never
load the Word writer or the PDF libraries.

Exit codes: 0 done; 1 ``check`` found a report not ready; 2 problems (nothing written), or an
internal error (a bug: one line ``internal error: TYPE: MESSAGE``, the input it was working
on and a request to report it; ``REPORTGEN_DEBUG=1`` shows the traceback too); 130 when
interrupted by Ctrl-C (SIGINT) and 143 by SIGTERM, after removing the temporary files and
stopping LibreOffice.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType
from typing import Any, NoReturn, TypeVar

import click

from reportgen.errors import Location, Problem, Problems, ReportError, quote
from reportgen.kinds import SCHEMA_KINDS, SHEET_KINDS
from reportgen.writers import DEFAULT_PDF_ENGINE

EXIT_PROBLEMS = 2
EXIT_INTERNAL = 2
"""An internal error exits as problems do: the command did not do its work."""
EXIT_INTERRUPTED = 130
"""Stopped by Ctrl-C (SIGINT), the shell's 128 + 2."""
EXIT_TERMINATED = 143
"""Stopped by SIGTERM, the shell's 128 + 15."""
DEBUG_VARIABLE = "REPORTGEN_DEBUG"
"""Set to 1 to see the traceback of an internal error."""


QUIET, NORMAL, VERBOSE = 0, 1, 2
"""How much a command says besides its problems: ``-q``, the default, ``-v``."""


class _Stderr:
    """Standard error: plain lines as they are; rich (imported on first need) for markup.

    A build that succeeds prints plain lines only, so it never imports rich.
    """

    def __init__(self) -> None:
        self.console: Any = None
        self.level = NORMAL
        """How much to say besides problems: QUIET, NORMAL or VERBOSE (``-q``, ``-v``)."""

    def say(self, text: str) -> None:
        """A plain line of what was done (``wrote out/x.docx``), left out with ``-q``."""
        if self.level >= NORMAL:
            click.echo(text, err=True)

    def detail(self, text: str) -> None:
        """A plain line that only ``-v`` prints: what was read, how long it took."""
        if self.level >= VERBOSE:
            click.echo(text, err=True)

    def print(self, text: str, markup: bool = True) -> None:
        """Print ``text``; rich markup such as ``[bold red]…[/]`` is honoured when ``markup``."""
        if not markup and self.console is None:
            click.echo(text, err=True)
            return
        self.rich().print(text, markup=markup)

    def rich(self) -> Any:
        """The rich console on standard error (for progress bars), made on first use."""
        if self.console is None:
            from rich.console import Console

            self.console = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)
        return self.console


_err = _Stderr()


def _examples(*lines: str) -> str:
    """A command's ``--help`` epilog: its example command lines, kept as typed."""
    return "\b\nExamples:\n" + "".join(f"  {line}\n" for line in lines)


def _set_level(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """Callback of ``-q`` and ``-v``, which every command takes, before or after its name."""
    if value:
        _err.level = QUIET if param.name == "quiet" else VERBOSE


_VERBOSITY = (
    click.Option(
        ["-q", "--quiet"],
        is_flag=True,
        expose_value=False,
        callback=_set_level,
        help="Print only problems, not what was written.",
    ),
    click.Option(
        ["-v", "--verbose"],
        is_flag=True,
        expose_value=False,
        callback=_set_level,
        help="Print more: how long the command took.",
    ),
)


def _fail(problems: ReportError, outcome: str = "nothing was written") -> NoReturn:
    _print_problems(problems.problems, outcome)
    sys.exit(EXIT_PROBLEMS)


def _print_problems(problems: Sequence[Problem], outcome: str) -> None:
    """Each problem placed (file:line:column), then how many there were and what came of it."""
    for problem in problems:
        _err.print(problem.render(), markup=False)
    count = len(problems)
    _err.print(f"[bold red]{count} problem{'s' if count != 1 else ''}[/]; {outcome}.")


reports_argument = click.argument(
    "reports", nargs=-1, required=True, type=click.Path(path_type=Path)
)


class _HiddenAlias(click.Option):
    """An option whose old name (``--boilerplate``) still works but is not shown in help."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        shown, self.opts = self.opts, [o for o in self.opts if o != "--boilerplate"]
        try:
            return super().get_help_record(ctx)
        finally:
            self.opts = shown


boilerplate_option = click.option(
    "--profile",
    "--boilerplate",
    "boilerplate_dir",
    cls=_HiddenAlias,
    type=click.Path(path_type=Path),
    default=None,
    show_default="the one .reportgen.yaml names, found upward, or nottinghamshire",
    help="Council profile folder.",
)

pdf_engine_option = click.option(
    "--pdf-engine",
    "pdf_engine",
    metavar="ENGINE",
    default=DEFAULT_PDF_ENGINE,
    show_default=True,
    help="What makes the PDF: libreoffice (the Word file as it prints) or typst (typeset in "
    "process, no LibreOffice needed).",
)


_F = TypeVar("_F", bound=Callable[..., Any])


def format_option(help_text: str) -> Callable[[_F], _F]:
    """The ``--format text|json`` option of a command that can print JSON."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help=help_text,
    )


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main thread so the same clean-up as Ctrl-C's runs."""


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise _Terminated


class _Guarded(click.Group):
    """The ``reportgen`` group: an interruption or an unexpected error ends a command cleanly.

    Clean-up (temporary files, LibreOffice's process group) is done where the work is, in
    ``finally`` and ``except BaseException`` blocks, as the exception passes; this prints one
    message and picks the exit code.
    """

    command_line: Sequence[str] = ()

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        """Register a command, giving it ``-q`` and ``-v`` as the group has them."""
        cmd.params.extend(_VERBOSITY)
        super().add_command(cmd, name)

    def main(self, args: Sequence[str] | None = None, *extra: Any, **options: Any) -> Any:
        """Run the command with SIGTERM handled as an interruption."""
        self.command_line = list(sys.argv[1:] if args is None else args)
        _err.level = NORMAL  # -q and -v count for one command line
        previous = None
        with _suppress_value_error():  # only the main thread may set a handler
            previous = signal.signal(signal.SIGTERM, _terminate)
        try:
            return super().main(args, *extra, **options)
        finally:
            if previous is not None:
                with _suppress_value_error():
                    signal.signal(signal.SIGTERM, previous)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; report an interruption or an internal error, never a traceback."""
        import time

        started = time.perf_counter()
        try:
            result = super().invoke(ctx)
            _err.detail(f"done in {time.perf_counter() - started:.2f} s")
            return result
        except click.UsageError as exc:
            if _wants_json(self.command_line):
                click.echo(
                    _json_problems(
                        [
                            Problem(
                                USAGE_CODE,
                                exc.format_message(),
                                Location("(command line)"),
                                "see reportgen check --help",
                            )
                        ]
                    )
                )
            raise
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except ReportError as exc:  # a command that let its problems through
            _fail(exc)
        except KeyboardInterrupt as exc:
            terminated = isinstance(exc, _Terminated)
            _err.print(
                f"interrupted{' (SIGTERM)' if terminated else ''}; no file was left half-written",
                markup=False,
            )
            sys.exit(EXIT_TERMINATED if terminated else EXIT_INTERRUPTED)
        except Exception as exc:
            _internal_error(exc, self.command_line)


def _suppress_value_error() -> Any:
    import contextlib

    return contextlib.suppress(ValueError)


def _internal_error(exc: Exception, command_line: Sequence[str]) -> NoReturn:
    """Print an unexpected error once, what it was working on, and ask for a report; exit 2."""
    from reportgen.api import WORKING_ON

    if os.environ.get(DEBUG_VARIABLE, "").strip() not in ("", "0"):
        import traceback

        click.echo("".join(traceback.format_exception(exc)), err=True, nl=False)
    where = getattr(exc, WORKING_ON, None)
    lines = [f"internal error: {type(exc).__name__}: {exc}"]
    if where:
        lines.append(f"    while working on: {where}")
    lines.append(f"    command: reportgen {' '.join(command_line)}")
    lines.append(
        "    this is a bug in reportgen: please report it, with the command and its input files"
    )
    lines.append(f"    ({DEBUG_VARIABLE}=1 shows the traceback); nothing was written")
    for line in lines:
        _err.print(line, markup=False)
    sys.exit(EXIT_INTERNAL)


@click.group(
    cls=_Guarded,
    context_settings={"help_option_names": ["-h", "--help"]},
    params=list(_VERBOSITY),
    epilog="""\b
Examples:
  reportgen new reports/day-services.yaml --title "Day services"
  reportgen preview reports/day-services.yaml
  reportgen build reports/day-services.yaml --to docx,pdf
  reportgen pack meetings/2022-03-14/meeting.yaml -o out

\b
Shell completion, in ~/.bashrc (zsh_source and fish_source alike):
  eval "$(_REPORTGEN_COMPLETE=bash_source reportgen)"
""",
)
@click.version_option()
def main() -> None:
    """Committee reports written as YAML, rendered as the council's Word report and PDF.

    Documentation: https://reportgen.readthedocs.io/en/stable/ (reportgen explain CODE says
    what a problem code means).
    """


@main.command(
    epilog=_examples(
        "reportgen build report.yaml -o report.docx",
        "reportgen build report.yaml --to docx,pdf,html",
        "reportgen build reports/*.yaml --out-dir out",
        "reportgen build report.yaml -o report.pdf --watch",
    )
)
@reports_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="The file to write (one report): REPORT.docx, REPORT.pdf, REPORT.html or REPORT.json.",
)
@click.option(
    "-d",
    "--out-dir",
    type=click.Path(path_type=Path),
    help="Folder for the files, created if missing (default: beside each report).",
)
@click.option(
    "--to",
    "formats",
    metavar="FORMATS",
    help="What to write for each report without -o: docx, pdf, html, json (its open data) or "
    "several, e.g. docx,pdf.",
)
@click.option(
    "--template",
    type=click.Path(path_type=Path),
    default=None,
    show_default="reportgen/templates/report.docx",
    help="The Word shell and styles to use.",
)
@boilerplate_option
@click.option(
    "--force", is_flag=True, help="Replace output files even if edited since they were built."
)
@pdf_engine_option
@click.option(
    "--watch",
    is_flag=True,
    help="Build, then rebuild on every save of a file a report's build reads, in this one "
    "process, until Ctrl-C.",
)
def build(
    reports: tuple[Path, ...],
    output: Path | None,
    out_dir: Path | None,
    formats: str | None,
    template: Path | None,
    boilerplate_dir: Path | None,
    force: bool,
    pdf_engine: str,
    watch: bool,
) -> None:
    """Build each REPORT.yaml into the council's Word report, or its PDF.

    With --watch it keeps running and rebuilds the reports whose files were saved, printing
    each round's files (and, with -v, how long it took) or its problems; a round with problems
    writes nothing, and the watch goes on. Ctrl-C stops it (exit 0).
    """
    from reportgen import api

    options: dict[str, Any] = {
        "output": output,
        "out_dir": out_dir,
        "to": formats,
        "template": template,
        "boilerplate_dir": boilerplate_dir,
        "force": force,
        "pdf_engine": pdf_engine,
    }
    if watch:
        _watch_build(reports, options)
        return
    try:
        written = api.build(reports, **options)
    except ReportError as exc:
        _fail(exc)
    _print_written(written)


def _print_written(written: Any) -> None:
    """The warnings of a build, then a line for each file it wrote."""
    for warning in written.warnings:
        _err.print(warning.render(), markup=False)
    for target in written:
        _err.say(f"wrote {target}")


def _watch_build(reports: tuple[Path, ...], options: dict[str, Any]) -> None:
    """``build --watch``: each round as it ends, until Ctrl-C (exit 0) or SIGTERM (143)."""
    from reportgen import api
    from reportgen.watching import build_summary

    try:
        for done in api.watch_build(reports, **options):
            _err.detail(build_summary(done.changed, done.problems, done.seconds).split("\n")[0])
            _print_written(done.written)
            if done.problems:
                _print_problems(done.problems, "nothing was written; watching for the next save")
    except ReportError as exc:  # the options: no save can fix them
        _fail(exc)
    except _Terminated:
        raise
    except KeyboardInterrupt:  # Ctrl-C is the way to stop watching
        _err.say("stopped watching")


EXIT_NOT_READY = 1


@main.command(
    epilog=_examples(
        "reportgen check report.yaml",
        "reportgen check meetings/2022-03-14/meeting.yaml --format json",
    )
)
@reports_argument
@boilerplate_option
@format_option("json: one object a problem, for editors and CI.")
@click.option(
    "--draft",
    is_flag=True,
    help="For work in progress (the pre-commit hook): only what stops a build is an error; "
    "readiness findings (C8xx) are warnings.",
)
def check(
    reports: tuple[Path, ...], boilerplate_dir: Path | None, output_format: str, draft: bool
) -> None:
    """Check each REPORT.yaml, or MEETING.yaml, for readiness; writes nothing.

    The findings go to standard output. Exit 0 when every report is ready (with --draft: when
    every report builds), 1 when one is not, 2 when the check could not run.
    """
    from reportgen import api

    as_json = output_format == "json"
    try:
        checked = api.check(reports, boilerplate_dir, draft=draft)
    except ReportError as exc:
        if as_json:
            click.echo(_json_problems(exc.problems))
        _fail(exc)
    except Exception as exc:
        if as_json:  # the internal error is reported on standard error as for any command
            click.echo(_json_problems([_internal_problem(exc)]))
        raise
    problems = [p for c in checked for p in c.problems]
    if as_json:
        click.echo(_json_problems(problems))
    else:
        for problem in problems:
            click.echo(problem.render())
        _print_statuses(checked, draft)
    sys.exit(0 if all(c.ready for c in checked) else EXIT_NOT_READY)


INTERNAL_CODE = "X900"
"""The code ``check --format json`` gives an internal error (a bug in reportgen)."""
USAGE_CODE = "O509"
"""The code ``check --format json`` gives a command line it cannot read (an unknown option)."""


def _json_problems(problems: Sequence[Problem]) -> str:
    """``check --format json``'s document: a list of problem objects, on every path (issue 16):
    a check that ran, one that could not run (exit 2), an internal error, a bad command line."""
    import json

    found = [
        {
            "file": p.where.file,
            "line": p.where.line,
            "column": p.where.column,
            "path": list(p.where.path),
            "severity": p.severity,
            "code": p.code,
            "message": p.message,
            "fix": p.hint,
        }
        for p in problems
    ]
    text = json.dumps(found, indent=2, ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:  # a file name that is not UTF-8: its bytes as escapes
        text = json.dumps(found, indent=2)
    return text


def _internal_problem(exc: Exception) -> Problem:
    """An internal error as the problem ``check --format json`` prints (X900)."""
    from reportgen.api import WORKING_ON

    where = getattr(exc, WORKING_ON, None)
    return Problem(
        INTERNAL_CODE,
        f"internal error: {type(exc).__name__}: {exc}",
        Location(str(where) if where else "(command line)"),
        f"this is a bug in reportgen: please report it, with the command and its input files "
        f"({DEBUG_VARIABLE}=1 shows the traceback)",
    )


def _wants_json(command_line: Sequence[str]) -> bool:
    """Whether the command line is ``check`` asking for ``--format json``."""
    words = list(command_line)
    if "check" not in words:
        return False
    after = words[words.index("check") + 1 :]
    pairs = zip(after, [*after[1:], ""], strict=True)
    return "--format=json" in after or any(a == "--format" and b == "json" for a, b in pairs)


def _print_statuses(checked: list[Any], draft: bool) -> None:
    """A line a report: ready (with ``draft``: builds) or not, and where it stands with each
    reviewer. Left out with ``-q``, which prints the findings only."""
    if _err.level < NORMAL:
        return
    for c in checked:
        if not c.statuses and c.ready:
            click.echo(f"{c.path}: ok")
        for late in c.late:  # a meeting's items added after dispatch: its supplement's
            click.echo(
                f"{c.path}: item {late.number}, added on {late.added} after dispatch on "
                f"{late.dispatch}, is on the supplementary agenda: {late.title} "
                f"(reason for urgency: {late.reason})"
            )
        if not c.statuses and c.ready:
            continue
        item = f"item {c.item}: " if c.item is not None else ""
        stage = f"published {c.published}" if c.published else "cleared" if c.cleared else "draft"
        good, bad = ("builds", "does not build") if draft else ("ready", "not ready")
        verdict = good if c.ready else bad
        states = ", ".join(c.shown)
        click.echo(f"{item}{c.path}: {verdict}, {stage}" + (f" ({states})" if states else ""))


def _one_reviewer(reviewer: str | None, alias: str | None) -> str:
    """The reviewer kind given with ``--reviewer`` or its old spelling ``--kind``."""
    if reviewer is not None and alias is not None and reviewer != alias:
        raise click.UsageError(f"--kind is the old name of --reviewer: give {reviewer!r} once")
    given = reviewer or alias
    if given is None:
        raise click.UsageError("Missing option '--reviewer', e.g. --reviewer financial.")
    return given


@main.command(epilog=_examples("reportgen sign report.yaml --reviewer financial"))
@click.argument("report", type=click.Path(path_type=Path))
@click.option(
    "--reviewer",
    metavar="KIND",
    help="Whose comment: a reviewer kind of reviewers.yaml, e.g. financial.",
)
@click.option("--kind", "alias", hidden=True, help="The old name of --reviewer.")
@boilerplate_option
def sign(
    report: Path, reviewer: str | None, alias: str | None, boilerplate_dir: Path | None
) -> None:
    """Record in REPORT.comments/KIND.yaml that the comment reviewed REPORT as it is now."""
    from reportgen import api

    kind = _one_reviewer(reviewer, alias)
    try:
        written = api.sign(report, kind, boilerplate_dir)
    except ReportError as exc:
        _fail(exc)
    _err.say(f"signed {written}")


@main.command(
    epilog=_examples(
        "reportgen preview report.yaml",
        "reportgen preview meeting.yaml --port 8001 --no-browser",
        "reportgen preview reports/meetings --site",
    )
)
@click.argument("report", type=click.Path(path_type=Path))
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="The port on 127.0.0.1; 0 picks a free one.",
)
@click.option("--no-browser", is_flag=True, help="Do not open the page in a browser.")
@click.option(
    "--editor",
    default="vscode://file/{path}:{line}:{column}",
    show_default=True,
    help="How a paragraph's number links to its line in the YAML.",
)
@boilerplate_option
@click.option(
    "--site",
    "as_site",
    is_flag=True,
    help="REPORT is a folder of meetings: serve its website (reportgen site, without PDFs).",
)
def preview(
    report: Path,
    port: int,
    no_browser: bool,
    editor: str,
    boilerplate_dir: Path | None,
    as_site: bool,
) -> None:
    """Show REPORT.yaml (or a meeting file) as a page that follows every save; Ctrl-C stops.

    With --site, REPORT is a folder of meetings and its website is served, rebuilt on every
    save. Each build is printed too: the time, the file that changed, how long it took, and its
    problems (or "no problems"); -q prints only the address.
    """
    import webbrowser

    from reportgen import preview as live
    from reportgen import preview_site

    def log(text: str) -> None:
        _err.print(text, markup=False)

    quiet = _err.level < NORMAL
    try:
        if as_site:
            site = preview_site.SitePreview(report, boilerplate_dir, None if quiet else log)
            server, stop = preview_site.serve_site(site, port)
        else:
            session = live.Preview(report, boilerplate_dir, editor, None if quiet else log)
            server, stop = live.serve(session, port)
    except ReportError as exc:
        _fail(exc, "the preview did not start")
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    click.echo(f"previewing {report} at {url} (Ctrl-C stops)", err=True)  # even with -q
    if not no_browser:
        webbrowser.open(url)
    try:
        # Waiting in slices: a signal the kernel hands to another thread (the watcher, the
        # server) only runs its handler when the main thread wakes, which a bare wait() never
        # does. Ctrl-C is the documented way to stop (exit 0); SIGTERM exits 143 as elsewhere.
        while not stop.wait(0.2):
            pass
    except _Terminated:
        raise
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.shutdown()


@main.command(
    epilog=_examples(
        "reportgen schema -o report.schema.json",
        "reportgen schema --kind meeting -o meeting.schema.json",
    )
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write the schema to this file instead of standard output.",
)
@click.option(
    "--kind",
    type=click.Choice(SCHEMA_KINDS),
    default="report",
    show_default=True,
    help="Which kind of file the schema is for.",
)
@click.option(
    "--force", is_flag=True, help="Replace the -o file even if it is not a schema reportgen wrote."
)
@boilerplate_option
def schema(output: Path | None, kind: str, force: bool, boilerplate_dir: Path | None) -> None:
    """Write the JSON Schema of a file format (reports by default), for editors.

    The report schema is the one of the profile in use (found from the current folder).
    -o replaces a file only if it is a schema reportgen wrote, or with --force.
    """
    from reportgen.boilerplate import load_boilerplate
    from reportgen.profile import profile_for
    from reportgen.schema import schema_text

    try:
        text = schema_text(kind, load_boilerplate(profile_for((), boilerplate_dir)))
    except ReportError as exc:
        _fail(exc)
    if output is None:
        click.echo(text, nl=False)
        return
    from reportgen.output import check_target, write_files

    problems = Problems()
    check_target(output, set(), force, problems)
    try:
        problems.raise_if_any()
        write_files({output: text.encode()}, force=force)
    except ReportError as exc:
        _fail(exc)
    _err.say(f"wrote {output}")


@main.command(epilog=_examples("reportgen data meetings/*/meeting.yaml -o out/data"))
@click.argument("meetings", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--out-dir",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder for the JSON files, created if missing.",
)
@boilerplate_option
@click.option("--force", is_flag=True, help="Replace files even if not ones reportgen wrote.")
def data(
    meetings: tuple[Path, ...], out_dir: Path, boilerplate_dir: Path | None, force: bool
) -> None:
    """Write each MEETING's open data as JSON: meeting.json and its public reports' JSON in a
    folder per meeting, and popolo.json of its people, committees and memberships."""
    from reportgen import api

    try:
        written = api.data(meetings, out_dir, boilerplate_dir=boilerplate_dir, force=force)
    except ReportError as exc:
        _fail(exc)
    for target in written:
        _err.say(f"wrote {target}")


@main.command(
    "forward-plan",
    epilog=_examples(
        "reportgen forward-plan reports/meetings --from 2022-03-01 --to 2022-04-30 -o plan.pdf"
    ),
)
@click.argument("folders", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--from",
    "start",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    required=True,
    help="The period's first day, YYYY-MM-DD.",
)
@click.option(
    "--to",
    "end",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    required=True,
    help="The period's last day, YYYY-MM-DD.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="The plan's file: .docx, .pdf or .html.",
)
@boilerplate_option
@click.option("--force", is_flag=True, help="Replace the file even if edited since it was built.")
def forward_plan(
    folders: tuple[Path, ...],
    start: Any,
    end: Any,
    output: Path,
    boilerplate_dir: Path | None,
    force: bool,
) -> None:
    """Build the forward plan of key decisions for a period from the meeting files in FOLDERS
    (and the folders under them)."""
    from reportgen import api

    try:
        written = api.write_forward_plan(
            folders,
            start.date(),
            end.date(),
            output,
            boilerplate_dir=boilerplate_dir,
            force=force,
        )
    except ReportError as exc:
        _fail(exc)
    for target in written:
        _err.say(f"wrote {target}")


@main.command(
    epilog=_examples(
        "reportgen register reports/meetings -o register.json",
        "reportgen register reports/meetings -o register.pdf --today 2022-03-14",
    )
)
@click.argument("folders", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    required=True,
    help="The register's file: .json (its data), or .docx, .pdf or .html (printed).",
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The day statuses are given for (default: SOURCE_DATE_EPOCH's day, else today).",
)
@boilerplate_option
@click.option("--force", is_flag=True, help="Replace the file even if not one reportgen wrote.")
def register(
    folders: tuple[Path, ...],
    output: Path,
    today: dt.datetime | None,
    boilerplate_dir: Path | None,
    force: bool,
) -> None:
    """Write the register of decisions of every minutes.yaml in FOLDERS, newest first, each
    with its RESOLVED number, call-in deadline and status: as JSON, or printed as a table."""
    from reportgen import api
    from reportgen.decisions import reproducible_today

    day = today.date() if today is not None else reproducible_today()
    try:
        api.write_register(
            list(folders), output, today=day, boilerplate_dir=boilerplate_dir, force=force
        )
    except ReportError as exc:
        _fail(exc)
    _err.say(f"wrote {output}")


@main.command(
    epilog=_examples(
        "reportgen decisions meetings/2022-01-24/minutes.yaml -o out/decisions",
        "reportgen decisions minutes.yaml -o out --to docx,pdf,html --published 2022-01-26",
    )
)
@click.argument("minutes", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--out-dir",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder for the notices, created if missing.",
)
@click.option(
    "--to",
    default=None,
    help="Formats, comma-separated: docx (the default), pdf, html.",
)
@click.option(
    "--published",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The day the notices are published, YYYY-MM-DD (default: the meeting's date).",
)
@boilerplate_option
@click.option("--force", is_flag=True, help="Replace files even if edited since they were built.")
def decisions(
    minutes: Path,
    out_dir: Path,
    to: str | None,
    published: dt.datetime | None,
    boilerplate_dir: Path | None,
    force: bool,
) -> None:
    """Write a decision notice for each resolution of MINUTES.yaml, one file a format named by
    its number (2022-001.docx): the decision, reasons, options rejected, declarations of
    interest and the call-in deadline."""
    from reportgen import api

    try:
        written = api.write_decision_notices(
            minutes,
            out_dir,
            to=to,
            published=published.date() if published is not None else None,
            boilerplate_dir=boilerplate_dir,
            force=force,
        )
    except ReportError as exc:
        _fail(exc)
    for target in written:
        _err.say(f"wrote {target}")


@main.command(epilog=_examples("reportgen site reports/meetings -o out/site"))
@click.argument("folder", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--out-dir",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder for the website, created if missing.",
)
@boilerplate_option
@click.option("--force", is_flag=True, help="Replace files even if edited since they were built.")
@click.option(
    "--no-pdf", is_flag=True, help="Leave out the agenda packs' PDFs (no LibreOffice needed)."
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The day decisions' status is given for (default: SOURCE_DATE_EPOCH's day, else today).",
)
def site(
    folder: Path,
    out_dir: Path,
    boilerplate_dir: Path | None,
    force: bool,
    no_pdf: bool,
    today: dt.datetime | None,
) -> None:
    """Build the meetings website of FOLDER (a sub-folder per meeting): pages, the public
    reports' HTML, the public agenda packs, minutes, decisions, the forward plan, the
    decisions register, meetings.ics, feed.xml and a search index."""
    from reportgen import api
    from reportgen.decisions import reproducible_today

    day = today.date() if today is not None else reproducible_today()
    try:
        written = api.site(
            folder,
            out_dir,
            boilerplate_dir=boilerplate_dir,
            force=force,
            pdf=not no_pdf,
            today=day,
        )
    except ReportError as exc:
        _fail(exc)
    _err.say(f"wrote {len(list(written))} files in {out_dir}")


@main.command(epilog=_examples("reportgen pack meetings/2022-03-14/meeting.yaml -o out"))
@click.argument("meeting", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--out-dir",
    type=click.Path(path_type=Path),
    required=True,
    help="Folder for the packs, created if missing.",
)
@boilerplate_option
@click.option("--force", is_flag=True, help="Replace packs even if edited since they were built.")
@click.option(
    "--allow-uncleared",
    is_flag=True,
    help="Build even if a report lacks a required comment or has a stale one.",
)
@pdf_engine_option
def pack(
    meeting: Path,
    out_dir: Path,
    boilerplate_dir: Path | None,
    force: bool,
    allow_uncleared: bool,
    pdf_engine: str,
) -> None:
    """Build MEETING.yaml's agenda packs: the public PDF, and the confidential one if any item
    is exempt; the items added after dispatch in supplementary packs of their own."""
    from rich.progress import Progress, SpinnerColumn, TextColumn

    from reportgen import api

    console = _err.rich()
    with Progress(  # a spinner on a terminal; in a log or a pipe, only what was written
        SpinnerColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as bar:
        task = bar.add_task("reading the meeting", total=None)
        try:
            written = api.pack(
                meeting,
                out_dir,
                boilerplate_dir=boilerplate_dir,
                force=force,
                progress=lambda step: bar.update(task, description=step),
                allow_uncleared=allow_uncleared,
                pdf_engine=pdf_engine,
            )
        except ReportError as exc:
            bar.stop()
            _fail(exc)
    for warning in written.warnings:
        _err.print(warning.render(), markup=False)
    for target in written:
        _err.say(f"wrote {target}")


def _old_sheet_flags(command: Any) -> Any:
    """The hidden old flags of ``review``, one per sheet of the registry (``--finance``), each
    naming its sheet: the spelling before ``--reviewer``, kept so that old scripts still run."""
    for sheet in reversed(SHEET_KINDS):
        command = click.option(
            f"--{sheet}", sheet, is_flag=True, hidden=True, help=f"Old: the {sheet} sheet."
        )(command)
    return command


@main.command(
    epilog=_examples(
        "reportgen review report.yaml --reviewer financial",
        "reportgen review report.yaml --reviewer constitutional -o legal.pdf",
    )
)
@click.argument("report", type=click.Path(path_type=Path))
@click.option(
    "--reviewer",
    metavar="KIND",
    help="Whose sheet: a reviewer kind of reviewers.yaml with a sheet: financial (every "
    "figure), constitutional (recommendations, papers) or hr (posts, HR implications).",
)
@_old_sheet_flags
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="The file to write: SHEET.docx, or SHEET.pdf for a PDF "
    "(default: REPORT.KIND-review.docx beside the report).",
)
@boilerplate_option
@click.option("--force", is_flag=True, help="Replace the file even if edited since it was built.")
def review(
    report: Path,
    reviewer: str | None,
    output: Path | None,
    boilerplate_dir: Path | None,
    force: bool,
    **old_flags: bool,
) -> None:
    """Write one reviewer's sheet of REPORT.yaml: --reviewer financial, constitutional or hr."""
    from reportgen import api
    from reportgen.review import kind_problem

    chosen = {f"--reviewer {reviewer}": reviewer} if reviewer is not None else {}
    for sheet in SHEET_KINDS:
        if old_flags[sheet]:
            chosen[f"--{sheet}"] = sheet  # the old flags name the sheet itself
    wrong = kind_problem(list(chosen))
    if wrong is not None:
        _fail(wrong)
    try:
        written = api.review(
            report,
            next(iter(chosen.values())),
            output=output,
            boilerplate_dir=boilerplate_dir,
            force=force,
        )
    except ReportError as exc:
        _fail(exc)
    _err.say(f"wrote {written}")


_HEADER_FIELDS = ("committee", "date", "title")
"""The header fields ``reportgen new`` fills from its options, in the template's own lines."""


def _new_report_text(template: str, fields: dict[str, str]) -> str:
    """The template's text with its schema line and the given header fields filled in.

    The schema line is the report schema's stable address on the documentation site, the same
    wherever the report is written, so it keeps its completion when it is moved or shared.
    Each field replaces the value on the template's ``field:`` line (its comment is kept); the
    value is written in double quotes unless it is a date, so any text is read back as typed.
    """
    import json
    import re

    from reportgen.urls import schema_line

    lines = template.splitlines()
    if lines and lines[0].startswith("# yaml-language-server:"):
        lines[0] = schema_line("report")
    else:
        lines.insert(0, schema_line("report"))
    for name, value in fields.items():
        written = value if name == "date" else json.dumps(value, ensure_ascii=False)
        pattern = re.compile(rf"^{name}:(?P<value>[^#]*?)(?P<comment>\s+#.*)?$")
        for i, line in enumerate(lines):
            found = pattern.match(line)
            if found:
                lines[i] = f"{name}: {written}{found.group('comment') or ''}"
                break
        else:
            lines.append(f"{name}: {written}")
    return "\n".join(lines) + "\n"


def _exists(target: Path, problems: Problems) -> None:
    """Add the problem that ``target`` exists, which ``reportgen new`` never replaces."""
    problems.add(
        "O530",
        "the file already exists; reportgen new never replaces a file",
        Location(str(target)),
        "choose another name, or delete the file first if you mean to start again",
    )


def _new_problems(target: Path, template: Path, date: str | None) -> Problems:
    """What stops ``reportgen new`` writing ``target``: it exists, a bad date, no template."""
    import datetime as dt
    import re

    from reportgen.output import check_target

    problems = Problems()
    if os.path.lexists(target):
        _exists(target, problems)
    else:  # a name too long, a folder that is a file or cannot be written
        check_target(target, set(), False, problems, made_folder=True)
    if not template.is_file():
        problems.add(
            "O532",
            "the new-report template is not found",
            Location(str(template)),
            "restore templates/new-report.yaml, or name another with --template",
        )
    if date is not None:
        shaped = re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) is not None
        real = shaped
        if shaped:
            try:
                dt.date.fromisoformat(date)
            except ValueError:
                real = False
        if not real:
            problems.add(
                "O531",
                f"{quote(date)} is not a real date"
                if shaped
                else f"{quote(date)} is not written YYYY-MM-DD",
                Location("(command line)", path=("date",)),
                "write --date as YYYY-MM-DD, e.g. 2017-01-09, and check the day exists",
            )
    return problems


@main.command(
    epilog=_examples('reportgen new day-services.yaml --title "Day services" --date 2026-03-14')
)
@click.argument("report", type=click.Path(path_type=Path))
@click.option("--title", help="The report's title.")
@click.option("--committee", help="The committee the report goes to.")
@click.option("--date", help="The meeting date, YYYY-MM-DD.")
@click.option(
    "--template",
    type=click.Path(path_type=Path),
    default=None,
    show_default="the profile's new-report.yaml, or reportgen/templates/new-report.yaml",
    help="The report to start from.",
)
@boilerplate_option
def new(
    report: Path,
    title: str | None,
    committee: str | None,
    date: str | None,
    template: Path | None,
    boilerplate_dir: Path | None,
) -> None:
    """Write a new REPORT.yaml from the template, with guidance in every section.

    The template is the council profile's own new-report.yaml when it has one (the profile
    .reportgen.yaml names, found upward from REPORT's folder), else the standard one. Never
    replaces an existing file. The first line points editors at the report schema on the
    documentation site.
    """
    from reportgen import api

    try:
        source = template or api.new_report_template(report, boilerplate_dir)
        _new_problems(report, source, date).raise_if_any()
    except ReportError as exc:
        _fail(exc)
    fields = {
        name: value
        for name, value in (("committee", committee), ("date", date), ("title", title))
        if value is not None
    }
    from reportgen.load import read_source
    from reportgen.output import write_files

    try:
        template_text = read_source(source)  # a regular file, of bounded size, in UTF-8
    except ReportError as exc:
        _fail(exc)
    text = _new_report_text(template_text, fields)
    try:
        write_files({report: text.encode("utf-8")})  # makes only a file that is still missing
    except ReportError as exc:
        _fail(exc)
    _err.say(f"wrote {report}")


@main.command(epilog=_examples("reportgen init", "reportgen init councils/borsetshire"))
@click.argument("folder", type=click.Path(path_type=Path), default=".")
def init(folder: Path) -> None:
    """Start a council's folder: its .reportgen.yaml, a starter profile and the schemas.

    Never replaces anything: if a file it would write is there, nothing is written.
    """
    from reportgen.starter import init as start

    try:
        written = start(folder)
    except ReportError as exc:
        _fail(exc)
    for path in written:
        _err.say(f"wrote {path}")


@main.command()
@click.argument("code", required=False)
def explain(code: str | None) -> None:
    """Say what a problem CODE means and how to fix it; with no CODE, list every code."""
    from reportgen import codes

    if code is None:
        click.echo(codes.listing())
        return
    try:
        entry = codes.lookup(code.strip().upper())
    except codes.UndeclaredCode:
        message, hint = codes.unknown(code)
        problems = Problems()
        problems.add("O551", message, Location("(command line)", path=("code",)), hint)
        try:
            problems.raise_if_any()
        except ReportError as exc:
            _fail(exc)
    click.echo(codes.explained(entry))


@main.command(
    epilog=_examples(
        "reportgen audit old-report.docx", "reportgen audit reports/2021 --format json"
    )
)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@boilerplate_option
@format_option("json: each file with its counts and findings.")
def audit(files: tuple[Path, ...], boilerplate_dir: Path | None, output_format: str) -> None:
    """Audit existing Word reports (FILE.docx, or folders of them) without converting them.

    Finds tables whose totals or sub-totals do not match their rows, recommendations numbered
    out of sequence, references to paragraphs that do not exist and dates that are not dates.
    Exit 0 when nothing is found, 1 when something is, 2 when a file cannot be read.
    """
    from reportgen import api

    try:
        audited = api.audit(files, boilerplate_dir)
    except ReportError as exc:
        _fail(exc, "nothing was audited")
    from reportgen.word.audit import as_json, summary

    if output_format == "json":
        import json

        click.echo(json.dumps(as_json(audited), indent=2, ensure_ascii=False))
    else:
        click.echo("\n".join(summary(audited)).rstrip())
    sys.exit(EXIT_NOT_READY if any(a.findings for a in audited) else 0)


@main.command(
    "import",
    epilog=_examples(
        "reportgen import old-report.docx -o old-report.yaml",
        "reportgen import old-report.docx --profile councils/kingsmere",
    ),
)
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    default=None,
    show_default="SOURCE with .yaml",
    help="The report's YAML to write; its comments go in OUTPUT.comments/KIND.yaml.",
)
@boilerplate_option
@click.option("--force", is_flag=True, help="Replace an existing YAML file and comment files.")
def import_command(
    source: Path, output: Path | None, boilerplate_dir: Path | None, force: bool
) -> None:
    """Import a Word report (SOURCE.docx) in the council's format into a report's YAML.

    Writes all or nothing, and never over an existing file unless --force. Says how many
    paragraphs, tables and references it placed and how many it did not: what it could not
    place is kept, with a comment saying why, and listed at the end of the YAML.
    """
    from reportgen import api
    from reportgen.word.importer import say

    try:
        done = api.import_word(source, output, force=force, boilerplate_dir=boilerplate_dir)
    except ReportError as exc:
        _fail(exc)
    for path in done.written:
        _err.say(f"wrote {path}")
    _err.say(
        say(
            "done",
            paragraphs=done.paragraphs,
            tables=done.tables,
            references=done.references,
            unplaced=done.unplaced,
            unresolved=done.unresolved,
        )
    )
