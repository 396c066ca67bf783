"""The pipeline in one call: a report's YAML file in, its resolved document out.

A report's reviewers may write their comments in files of their own beside it, one a kind:
``REPORT.comments/KIND.yaml`` (``recovery-from-covid.comments/financial.yaml``). They are read
with the report, so the author's file is never edited; a problem in one is reported at its own
line.
A file of that folder with another suffix (``financial.yml``, ``hr.YAML``, ``legal.json``) is
not read; :func:`unread_comment_files` says so, as a warning (C810) that ``check`` and ``build``
print.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from reportgen.boilerplate import Boilerplate
from reportgen.document import Document
from reportgen.errors import Location, Problem, Problems, ReportError
from reportgen.load import Loaded, Positions, load_file
from reportgen.model import Comment, Report
from reportgen.payscale import LoadedPayScale, load_pay_scale
from reportgen.pictures import load_pictures
from reportgen.profile_sections import check_report
from reportgen.reads import note_listing
from reportgen.resolve import resolve
from reportgen.validate import validate

COMMENTS_SUFFIX = ".comments"
"""The folder beside a report that holds its reviewers' files: ``REPORT.comments/``."""


def comment_folder(path: Path) -> Path:
    """Where the reviewers of the report at ``path`` keep their comment files."""
    return path.with_name(path.stem + COMMENTS_SUFFIX)


def unread_comment_files(path: Path) -> list[Problem]:
    """A warning (C810) for each file in the comment folder of the report at ``path`` that is
    not read, as its name does not end in ``.yaml``; hidden files and editors' backups
    (``.name``, ``name~``) aside."""
    folder = comment_folder(path)
    try:
        entries = sorted(folder.iterdir()) if folder.is_dir() else []
    except OSError:
        return []
    found = []
    for file in entries:
        name = file.name
        if name.endswith(".yaml") or name.startswith(".") or name.endswith("~"):
            continue
        if not file.is_file():
            continue
        kind = name.split(".", 1)[0] or name
        read = folder / f"{kind}.yaml"
        hint = (
            f"{read.name} is the file read: merge the two and remove this one"
            if read.is_file()
            else f"rename it to {read.name} (a comment file is named KIND.yaml, e.g. "
            "financial.yaml), or move it out of the folder"
        )
        found.append(
            Problem(
                "C810",
                "this file is not read, so it is not in the report: only comment files "
                "ending in .yaml are",
                Location(str(file)),
                hint,
                "warning",
            )
        )
    return found


@dataclass(frozen=True, slots=True)
class LoadedReport:
    """What the load stage hands to resolve: a report with its reviewers' comments, where
    every value is, and the pay scale it names, read (every file it depends on)."""

    report: Report
    positions: Positions
    pay_scale: LoadedPayScale

    def resolve(self, boilerplate: Boilerplate) -> Document:
        """The report resolved with ``boilerplate``'s wording; raises one error with every
        problem."""
        return resolve(self.report, boilerplate, self.positions, self.pay_scale)


def load_report(path: Path, boilerplate: Boilerplate, loaded: Loaded | None = None) -> LoadedReport:
    """The report at ``path`` with its reviewers' comment files, where every value is, and its
    pay scale; ``loaded`` is its YAML when the caller has read it already (to tell its kind).

    The report is read as the profile in use (``boilerplate``) has it: its own sections, its
    sections required or absent, its kinds of implication (:mod:`reportgen.profile_sections`).
    Raises one error with the problems of the report and of every comment file.
    """
    problems = Problems()
    loaded = load_file(path) if loaded is None else loaded
    report = validate_report(loaded, boilerplate)
    positions = loaded.positions
    comments = dict(report.comments)
    folder = comment_folder(path)
    note_listing(folder, "*.yaml")  # a reviewer's new file changes the build
    for file in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        kind = file.stem
        try:
            own = load_file(file)
            comment = validate(own, Comment)
        except ReportError as exc:
            problems.extend(exc.problems)
            continue
        if kind in report.comments:
            problems.add(
                "R307",
                f"the {kind} comments are written twice: here and in the report",
                positions.locate(("comments", kind), key=True),
                f"keep one of them: the report's, or {file}",
            )
            continue
        comments[kind] = comment
        positions.mount(("comments", kind), own.positions)
    report = report.model_copy(update={"comments": comments})
    load_pictures(report, positions, problems)  # each picture's image, read beside its YAML
    problems.raise_if_any()
    return LoadedReport(report, positions, load_pay_scale(report, positions))


def validate_report(loaded: Loaded, boilerplate: Boilerplate) -> Report:
    """``loaded`` validated as a report of the profile ``boilerplate``: the format's problems
    and the profile's (:func:`reportgen.profile_sections.check_report`) raised together, sorted
    by place."""
    sections = boilerplate.sections
    problems = Problems()
    if isinstance(loaded.data, dict):
        kinds = boilerplate.headings.implications
        problems.extend(check_report(loaded.data, kinds, sections, loaded.positions))
    try:
        report = validate(loaded, Report, {"own_sections": tuple(sections.own())})
    except ReportError as exc:
        problems.extend(exc.problems)
    problems.raise_if_any()
    return report


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while a report is read and resolved, then resumed.

    Reading builds many small objects (YAML nodes, positions, models) and no reference cycles
    worth collecting; the collector's repeated passes over them took half of the time of a
    large report's load (16,000 blocks: 2.3 s instead of 1.1 s). Reference counting still
    frees everything as usual, and whatever cycles a build leaves (an exception's traceback)
    are collected once it is resumed.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build(path: Path, boilerplate: Boilerplate, loaded: Loaded | None = None) -> Document:
    """Load, validate and resolve the report at ``path`` (whose YAML is ``loaded``, when read
    already); raises one error with every problem."""
    with no_cycle_collection():
        return load_report(path, boilerplate, loaded).resolve(boilerplate)
