"""A meeting in one call: its file in, every document of its pack resolved, or one error.

The documents of a meeting (the minutes it confirms, its reports, their appendix documents) are
resolved in two steps, as Sphinx does: each is collected first (laid out, numbered, its labels
and figures gathered), then every text is substituted against one index, in which a document's
own labels stand as they are and every other document's stand as ``name:label`` (``name`` is
the file's stem), so ``{{ ref('05-staffing-establishment:new-posts') }}`` works across the pack.
A report's agenda item number is its place in the agenda; a report that says otherwise is a
problem. The front sheet is made last, once the pack's page numbers are known
(:meth:`ResolvedMeeting.agenda`).
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from reportgen.boilerplate import Boilerplate
from reportgen.document import Document, DocumentKind, Meta
from reportgen.errors import Location, Problems, ReportError
from reportgen.load import Loaded, Positions, load_file
from reportgen.model_meeting import (
    ApologiesItem,
    AppendixDocument,
    DeclarationsItem,
    Meeting,
    Minutes,
    MinutesItem,
    PlainItem,
    ReportItem,
)
from reportgen.pipeline import load_report
from reportgen.resolve import Collected, collect, substitute_all
from reportgen.resolve.documents import (
    AgendaLine,
    agenda_outline,
    appendix_outline,
    minutes_outline,
)
from reportgen.resolve.figures import Calculator
from reportgen.resolve.numbering import Target, number
from reportgen.resolve.outline import Drafted
from reportgen.resolve.refs import Names
from reportgen.resolve.register import first_number
from reportgen.resolve.style import HouseRules
from reportgen.validate import validate

M = TypeVar("M", bound=BaseModel)

PDF_SUFFIXES = (".pdf", ".docx")
"""Appendix files included as they are (a .docx is converted to PDF with the reports)."""


@dataclass(frozen=True, slots=True)
class PackDocument:
    """One document of the pack: resolved from YAML, or a file included as it is."""

    name: str
    """Its entry in the pack's outline, e.g. '6. Nottingham and Nottinghamshire Carers
    Strategy' or 'Appendix 1: Draft Joint Carers Strategy'."""
    document: Document | None = None
    file: Path | None = None
    level: int = 0
    """0 for an item's own document, 1 for an appendix."""
    exempt: bool = False
    """Kept out of the public pack."""


@dataclass(frozen=True, slots=True)
class PackItem:
    """An agenda item and the documents it brings to the pack."""

    line: AgendaLine
    """How the agenda prints it (without page numbers yet)."""
    documents: tuple[PackDocument, ...] = ()


@dataclass(frozen=True, slots=True)
class ResolvedMeeting:
    """A meeting with every document of its pack resolved."""

    meeting: Meeting
    path: Path
    items: tuple[PackItem, ...]
    boilerplate: Boilerplate
    rules: HouseRules

    def agenda(self, pages: dict[int, tuple[int, int]], public: bool) -> Document:
        """The front sheet, with each item's first and last page in the pack (by item number).

        In the public pack an exempt item shows only its agenda title and the exemption.
        """
        m = self.meeting
        lines = [
            replace(
                item.line,
                pages=pages.get(item.line.number),
                exempt=item.line.exempt if public else None,
            )
            for item in self.items
        ]
        words = self.boilerplate.meeting
        notes = [
            note.format(
                contact=m.contact.name, phone=m.contact.phone or "", email=m.contact.email or ""
            )
            for note in words.notes[m.notes]
        ]
        when = words.agenda.when.format(time=m.time, **self.rules.date_fields(m.date))
        drafts = agenda_outline(m.committee, when, m.venue, lines, notes, words)
        title = f"Agenda: {m.committee}, {self.rules.date(m.date)}"
        meta = _meta(m, title, "agenda", self.boilerplate, self.rules)
        positions = Positions(str(self.path))
        problems = Problems()
        collected = _collect_drafts(drafts, meta, self.rules, positions, problems)
        document = substitute_all(collected, _names(collected, {}, self.boilerplate), problems)
        problems.raise_if_any()
        return document


def _meta(
    meeting: Meeting, title: str, kind: DocumentKind, boilerplate: Boilerplate, rules: HouseRules
) -> Meta:
    """The frame of a document of ``meeting`` that is not a report."""
    return Meta(
        title=title,
        committee=meeting.committee,
        date=meeting.date,
        date_text=rules.date(meeting.date),
        agenda_item="",
        report_of="",
        reference=None,
        council=boilerplate.style.council,
        kind=kind,
    )


def _collect_drafts(
    drafts: list[Drafted], meta: Meta, rules: HouseRules, positions: Positions, problems: Problems
) -> Collected:
    """Number a document laid out as ``drafts``; it has no figures of its own."""
    numbered, index = number(drafts, [], positions, problems)
    figures = Calculator({}, {}, None, rules, positions, problems)
    return Collected(meta, positions, rules, numbered, index, figures)


def _names(
    collected: Collected, others: dict[str, dict[str, Target]], boilerplate: Boilerplate
) -> Names:
    """The labels ``collected``'s texts can use: its own, and every other document's as
    ``name:label`` (a plain number there: no live field reaches into another file)."""
    index = dict(collected.index)
    for name, labels in others.items():
        for label, target in labels.items():
            index[f"{name}:{label}"] = replace(target, anchor=None)
    return Names(index, boilerplate.references, collected.figures)


def load_meeting(path: Path, boilerplate: Boilerplate) -> ResolvedMeeting:
    """Load the meeting at ``path`` and resolve every document of its pack.

    Raises one :class:`ReportError` with the problems of the meeting file and of every
    document it names.
    """
    problems = Problems()
    loaded = load_file(path)
    meeting = validate(loaded, Meeting)
    rules = HouseRules(boilerplate.style)
    folder = path.parent
    words = boilerplate.meeting
    if meeting.notes not in words.notes:
        problems.add(
            "M706",
            f"boilerplate/meeting.yaml has no notes named {meeting.notes!r}",
            loaded.positions.locate(("notes",)),
            f"use one of: {', '.join(words.notes)}",
        )
    collected: dict[str, Collected] = {}
    plan: list[tuple[AgendaLine, list[tuple[str, str | None, Path | None, int, bool]]]] = []
    # each item: its line, and its documents as (outline name, collected key, file, level, exempt)
    for i, item in enumerate(meeting.items):
        n = i + 1
        where = loaded.positions.locate(("items", i))
        docs: list[tuple[str, str | None, Path | None, int, bool]] = []
        match item:
            case MinutesItem(minutes=minutes_file):
                key = None
                if _named_file(folder, minutes_file, "minutes", loaded, (i, "minutes"), problems):
                    key = _collect_minutes(
                        folder / minutes_file, meeting, boilerplate, rules, collected, problems
                    )
                date = collected[key].meta.date if key else meeting.date
                line = AgendaLine(n, words.agenda.minutes.format(date=rules.date(date)))
                if key:
                    docs.append((f"{n}. {line.title}", key, None, 0, False))
            case ApologiesItem():
                line = AgendaLine(n, words.agenda.apologies)
            case DeclarationsItem():
                line = AgendaLine(
                    n, words.agenda.declarations, tuple(words.agenda.declaration_items)
                )
            case PlainItem(title=plain_title, exempt=plain_exempt):
                paragraph = plain_exempt.paragraph if plain_exempt else None
                line = AgendaLine(n, plain_title, exempt=paragraph)
            case ReportItem():
                key = None
                if _named_file(folder, item.report, "report", loaded, (i, "report"), problems):
                    key = _collect_report(folder / item.report, n, boilerplate, collected, problems)
                if item.exempt and not item.title:
                    problems.add(
                        "M702",
                        "an exempt item needs a title for the public agenda",
                        where,
                        "add 'title:' with the words the public agenda may print",
                    )
                title = item.title or (collected[key].meta.title if key else item.report)
                exempt = item.exempt is not None
                line = AgendaLine(n, title, exempt=item.exempt.paragraph if item.exempt else None)
                if key:
                    docs.append((f"{n}. {title}", key, None, 0, exempt))
                for j, appendix in enumerate(item.appendices):
                    file: Path = folder / appendix.file
                    at = loaded.positions.locate(("items", i, "appendices", j, "file"))
                    hidden = exempt or appendix.exempt is not None
                    if _outside(folder, appendix.file, meeting.appendix_folders, at, problems):
                        continue
                    if file.suffix.lower() == ".yaml":
                        akey = _collect_appendix(
                            file, boilerplate, rules, meeting, collected, problems
                        )
                        name = appendix.title or (collected[akey].meta.title if akey else file.stem)
                        if akey:
                            docs.append((f"Appendix {j + 1}: {name}", akey, None, 1, hidden))
                    elif file.suffix.lower() in PDF_SUFFIXES and file.is_file():
                        if _unfit_appendix(file, at, problems):
                            continue
                        name = appendix.title or file.stem
                        docs.append((f"Appendix {j + 1}: {name}", None, file, 1, hidden))
                    else:
                        problems.add(
                            "M703",
                            f"the appendix file {appendix.file!r} is not a .yaml, .pdf or .docx "
                            "file that exists",
                            at,
                            "check the path, which is relative to the meeting file",
                        )
        plan.append((line, docs))
    labels = {key: c.index for key, c in collected.items()}
    resolved: dict[str, Document] = {}
    for key, c in collected.items():
        others = {k: v for k, v in labels.items() if k != key}
        resolved[key] = substitute_all(c, _names(c, others, boilerplate), problems)
    problems.raise_if_any()
    items = tuple(
        PackItem(
            line,
            tuple(
                PackDocument(name, resolved[key] if key else None, file, level, exempt)
                for name, key, file, level, exempt in docs
            ),
        )
        for line, docs in plan
    )
    return ResolvedMeeting(meeting, path, items, boilerplate, rules)


def _named_file(
    folder: Path,
    name: str,
    what: str,
    loaded: Loaded,
    at: tuple[int, str],
    problems: Problems,
) -> bool:
    """Whether the file an item names (its ``what``: report or minutes) is there; else a
    problem (M708) at the item's line in the meeting file."""
    path = folder / name
    if path.is_file():
        return True
    problems.add(
        "M708",
        f"the {what} file {name!r} is not found" + (" (it is a folder)" if path.is_dir() else ""),
        loaded.positions.locate(("items", *at)),
        "check the path, which is relative to the meeting file",
    )
    return False


def _outside(folder: Path, name: str, allowed: list[str], at: Location, problems: Problems) -> bool:
    """Whether the appendix ``name`` (relative to the meeting's ``folder``) is, once symbolic
    links are followed, outside that folder's tree and the ``allowed`` folders' (the meeting
    file's ``appendix_folders``); then a problem (M710) at its line in the meeting file."""
    try:
        target = (folder / name).resolve()
        roots = [(folder / root).resolve() for root in (".", *allowed)]
    except (OSError, RuntimeError):
        return False  # a loop of links: not a file, which M703 says
    if any(target.is_relative_to(root) for root in roots):
        return False
    written = Path(os.path.normpath((folder / name).absolute()))
    linked = written.is_relative_to(Path(os.path.normpath(folder.absolute())))
    problems.add(
        "M710",
        f"the appendix file {name!r} is outside the meeting file's folder"
        + (f" (it is a symbolic link to {target})" if linked else ""),
        at,
        "copy the appendix into the meeting file's folder, or name the folder it is in under "
        "appendix_folders: in the meeting file if appendices may come from there",
    )
    return True


def _unfit_appendix(file: Path, at: Location, problems: Problems) -> bool:
    """Whether the appendix ``file`` (a .pdf or .docx that exists) cannot go into a pack: over
    the size limit (M711, told before it is read), not what its name says (M709), or a PDF
    that cannot be read or is malformed (M712 to M716); then problems at its line."""
    from reportgen.pack.sanitise import check_appendix, too_large  # pikepdf: only when needed

    large = too_large(file, at)
    if large is not None:
        problems.extend([large])
        return True
    if _not_what_it_says(file, at, problems):
        return True
    if file.suffix.lower() == ".pdf":
        found = check_appendix(file, at)
        problems.extend(found)
        return bool(found)
    return False


def _not_what_it_says(file: Path, at: Location, problems: Problems) -> bool:
    """Whether the appendix ``file`` is not the PDF or Word file its name says it is; then a
    problem (M709) at its line in the meeting file."""
    try:
        with file.open("rb") as stream:
            head = stream.read(1024)
        if file.suffix.lower() == ".pdf":
            kind, good = "a PDF", b"%PDF-" in head
        else:
            kind, good = "a Word file (.docx)", zipfile.is_zipfile(file)
            if good:
                with zipfile.ZipFile(file) as package:
                    good = "word/document.xml" in package.namelist()
    except (OSError, zipfile.BadZipFile):
        kind, good = "a file that can be read", False
    if not good:
        problems.add(
            "M709",
            f"the appendix file {file.name!r} is not {kind}",
            at,
            "save the appendix again as PDF or Word from the program that made it, "
            "or name the file with the suffix of what it is",
        )
    return not good


def _try_load(path: Path, model: type[M], problems: Problems) -> tuple[M, Positions] | None:
    """``path`` read as ``model``, or None with its problems recorded."""
    try:
        loaded = load_file(path)
        return validate(loaded, model), loaded.positions
    except ReportError as exc:
        problems.extend(exc.problems)
        return None


def _collect_report(
    path: Path,
    item_number: int,
    boilerplate: Boilerplate,
    into: dict[str, Collected],
    problems: Problems,
) -> str | None:
    try:
        report, positions = load_report(path)
    except ReportError as exc:
        problems.extend(exc.problems)
        return None
    if report.agenda_item is not None and report.agenda_item != str(item_number):
        problems.add(
            "M701",
            f"the report says it is agenda item {report.agenda_item}, but it is item {item_number} "
            "of the agenda",
            positions.locate(("agenda_item",)),
            f"write agenda_item: {item_number}, or move the item in the meeting file",
        )
    c = collect(report, boilerplate, positions, problems)
    into[path.stem] = replace(c, meta=replace(c.meta, agenda_item=str(item_number)))
    return path.stem


def _collect_minutes(
    path: Path,
    meeting: Meeting,
    boilerplate: Boilerplate,
    rules: HouseRules,
    into: dict[str, Collected],
    problems: Problems,
) -> str | None:
    found = _try_load(path, Minutes, problems)
    if found is None:
        return None
    minutes, positions = found
    start = first_number(path, minutes, problems)
    drafts = minutes_outline(minutes, start, boilerplate.meeting, rules)
    meta = replace(
        _meta(meeting, f"Minutes: {minutes.committee}, {rules.date(minutes.date)}", "minutes",
              boilerplate, rules),
        date=minutes.date,
        date_text=rules.date(minutes.date),
    )  # fmt: skip
    key = "minutes"
    into[key] = _collect_drafts(drafts, meta, rules, positions, problems)
    return key


def _collect_appendix(
    path: Path,
    boilerplate: Boilerplate,
    rules: HouseRules,
    meeting: Meeting,
    into: dict[str, Collected],
    problems: Problems,
) -> str | None:
    found = _try_load(path, AppendixDocument, problems)
    if found is None:
        return None
    appendix, positions = found
    meta = replace(
        _meta(meeting, appendix.title, "appendix", boilerplate, rules),
        landscape=appendix.landscape,
    )
    into[path.stem] = _collect_drafts(
        appendix_outline(appendix, rules), meta, rules, positions, problems
    )
    return path.stem


__all__ = ["PackDocument", "PackItem", "ResolvedMeeting", "load_meeting"]
