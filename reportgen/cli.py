"""The ``reportgen`` command: build reports, check them, and write the format's JSON Schema.

Problems are printed together, each with file:line:column, and the exit code is 2; nothing is
written when any input has a problem.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console

from reportgen.boilerplate import DEFAULT_DIR, load_boilerplate
from reportgen.document import Document
from reportgen.errors import Location, Problems, ReportError
from reportgen.output import check_target, write_atomic
from reportgen.pipeline import build as build_document
from reportgen.render.docx import DEFAULT_TEMPLATE, render_docx
from reportgen.schema import schema_text

EXIT_PROBLEMS = 2

_err = Console(stderr=True, highlight=False, soft_wrap=True)


def _fail(problems: ReportError) -> None:
    for problem in problems.problems:
        _err.print(problem.render(), markup=False)
    count = len(problems.problems)
    _err.print(f"[bold red]{count} problem{'s' if count != 1 else ''}[/]; nothing was written.")
    sys.exit(EXIT_PROBLEMS)


def _resolve_all(reports: tuple[Path, ...], boilerplate_dir: Path) -> dict[Path, Document]:
    problems = Problems()
    documents: dict[Path, Document] = {}
    try:
        boilerplate = load_boilerplate(boilerplate_dir)
    except ReportError as exc:
        _fail(exc)
    for path in reports:
        try:
            documents[path] = build_document(path, boilerplate)
        except ReportError as exc:
            problems.extend(exc.problems)
    problems.raise_if_any()
    return documents


def _targets(
    reports: tuple[Path, ...], output: Path | None, out_dir: Path | None, problems: Problems
) -> dict[Path, Path]:
    if output is not None and len(reports) != 1:
        problems.add(
            "O500",
            "-o names one output file but several reports were given",
            Location("(command line)"),
            "use --out-dir for several reports",
        )
        return {}
    if output is not None:
        return {reports[0]: output}
    folder = out_dir
    return {path: (folder or path.parent) / (path.stem + ".docx") for path in reports}


reports_argument = click.argument(
    "reports", nargs=-1, required=True, type=click.Path(path_type=Path)
)
boilerplate_option = click.option(
    "--boilerplate",
    "boilerplate_dir",
    type=click.Path(path_type=Path),
    default=DEFAULT_DIR,
    show_default="boilerplate/",
    help="Folder of standard wording.",
)


@click.group()
@click.version_option()
def main() -> None:
    """Committee reports written as YAML, rendered as the council's Word report."""


@main.command()
@reports_argument
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="The .docx to write (one report)."
)
@click.option(
    "-d",
    "--out-dir",
    type=click.Path(path_type=Path),
    help="Folder for the .docx files, created if missing (default: beside each report).",
)
@click.option(
    "--template",
    type=click.Path(path_type=Path),
    default=DEFAULT_TEMPLATE,
    show_default="templates/report.docx",
    help="The Word shell and styles to use.",
)
@boilerplate_option
@click.option(
    "--force", is_flag=True, help="Replace output files even if edited since they were built."
)
def build(
    reports: tuple[Path, ...],
    output: Path | None,
    out_dir: Path | None,
    template: Path,
    boilerplate_dir: Path,
    force: bool,
) -> None:
    """Build each REPORT.yaml into the council's Word report."""
    try:
        documents = _resolve_all(reports, boilerplate_dir)
        problems = Problems()
        targets = _targets(reports, output, out_dir, problems)
        if out_dir is not None and not problems:
            out_dir.mkdir(parents=True, exist_ok=True)
        sources = {path.resolve() for path in reports}
        for target in targets.values():
            if target.suffix.lower() != ".docx":
                problems.add(
                    "O505",
                    "the output file must end in .docx",
                    Location(str(target)),
                    "name it e.g. report.docx",
                )
            check_target(target, sources, force, problems)
        problems.raise_if_any()
        rendered = {path: render_docx(documents[path], template) for path in reports}
    except ReportError as exc:
        _fail(exc)
    for path, target in targets.items():
        write_atomic(target, rendered[path])
        _err.print(f"wrote {target}", markup=False)


@main.command()
@reports_argument
@boilerplate_option
def check(reports: tuple[Path, ...], boilerplate_dir: Path) -> None:
    """Check each REPORT.yaml and list every problem, writing nothing."""
    try:
        documents = _resolve_all(reports, boilerplate_dir)
    except ReportError as exc:
        _fail(exc)
    for path in documents:
        _err.print(f"{path}: ok", markup=False)


@main.command()
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="Write the schema to this file instead of standard output.",
)
def schema(output: Path | None) -> None:
    """Write the JSON Schema of the report format, for editors."""
    if output is None:
        click.echo(schema_text(), nl=False)
    else:
        write_atomic(output, schema_text().encode())
        _err.print(f"wrote {output}", markup=False)
