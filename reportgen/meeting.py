"""A meeting in one call: its file in, every document of its pack resolved, or one error.

The documents of a meeting (the minutes it confirms, its reports, their appendix documents) are
resolved in two steps, as Sphinx does: each is collected first (laid out, numbered, its labels
and figures gathered), then every text is substituted against one index, in which a document's
own labels stand as they are and every other document's stand as ``name:label``, so
``{{ ref('05-staffing-establishment:new-posts') }}`` works across the pack.

A document is identified by where it is, never by its name: each has a key made from its
agenda item and its role (``item4``, ``item4-appendix2``), and everything the pack holds per
document is keyed so; its file's name is only shown. In a reference, ``name`` is the file's
stem, or its path as the meeting file writes it, with or without the suffix
(``exempt/report``); a name that two files of the meeting share, in any case, names neither,
and a reference by it is a problem (M704). A file the meeting uses both as public and as exempt
(M710), or two reports that would read one folder of reviewers' comments (M711), are problems
too. A report's agenda item number is the one the meeting file gives it (its place in the
agenda, from the first item's number, or its own: :mod:`reportgen.resolve.agenda`); a report
that says otherwise is a problem. A public document of a meeting with exempt parts has two
editions, decided here once (:mod:`reportgen.exempt`): the public pack's, whose references
print an exempt appendix as exempt and may not reach into an exempt document (R310), and the
confidential pack's, printed plainly; an exempt appendix of a public report has a notice that
stands in its place in the public pack. The front sheet is made last, once the pack's page numbers
are known (:meth:`ResolvedMeeting.agenda`).
"""

from __future__ import annotations

import os
import posixpath
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Literal, TypeVar

from pydantic import BaseModel

from reportgen.boilerplate import Boilerplate
from reportgen.document import Contents, Document, DocumentKind, Meta
from reportgen.errors import Location, Problems, ReportError, quote
from reportgen.exempt import WITHHELD, notice_drafts, public_edition
from reportgen.load import Loaded, Positions, load_file
from reportgen.model_meeting import (
    ApologiesItem,
    AppendixDocument,
    DeclarationsItem,
    Late,
    Meeting,
    Minutes,
    MinutesItem,
    PlainItem,
    ReportItem,
)
from reportgen.notice import late_items, undated_late_items
from reportgen.payscale import NO_PAY_SCALE
from reportgen.pictures import load_pictures
from reportgen.pipeline import comment_folder, load_report
from reportgen.reads import note_file, note_listing
from reportgen.resolve import Collected, collect, design, substitute_all
from reportgen.resolve.agenda import item_numbers
from reportgen.resolve.documents import (
    AgendaLine,
    agenda_outline,
    appendix_outline,
    front_sheet_notes,
    minutes_outline,
)
from reportgen.resolve.figures import Calculator
from reportgen.resolve.header import numbered_item
from reportgen.resolve.numbering import (
    RUNNING,
    Target,
    appendix_number,
    list_formats,
    number,
    own_forms,
)
from reportgen.resolve.outline import Drafted
from reportgen.resolve.refs import Names, PublicEdition
from reportgen.resolve.register import MINUTES_FILE, Filed, first_number
from reportgen.resolve.style import HouseRules
from reportgen.validate import validate

M = TypeVar("M", bound=BaseModel)

PDF_SUFFIXES = (".pdf", ".docx")
"""Appendix files included as they are (a .docx is converted to PDF with the reports)."""


@dataclass(frozen=True, slots=True)
class PackDocument:
    """One document of the pack: resolved from YAML, or a file included as it is."""

    key: str
    """What identifies it in the meeting: its item and role, e.g. 'item4' for item 4's report
    or minutes, 'item4-appendix2' for its second appendix. Unique in the meeting."""
    source: Path
    """The file it is made from (the meeting's folder joined with the path it writes)."""
    name: str
    """Its entry in the pack's outline, e.g. '6. Nottingham and Nottinghamshire Carers
    Strategy' or 'Appendix 1: Draft Joint Carers Strategy'."""
    document: Document | None = None
    file: Path | None = None
    level: int = 0
    """0 for an item's own document, 1 for an appendix."""
    exempt: bool = False
    """Kept out of the public pack."""
    paragraph: int | None = None
    """For an exempt document: the paragraph of Schedule 12A it is exempt under (its item's,
    or its own as an appendix)."""
    confidential: Document | None = None
    """The confidential pack's edition, where it differs from ``document`` (the public
    edition: a reference to an exempt appendix printed as exempt)."""
    notice: Document | None = None
    """For an exempt appendix of a public report: the page that stands in its place in the
    public pack."""


@dataclass(frozen=True, slots=True)
class _Planned:
    """A document of an item as planned, before every document is resolved."""

    key: str
    item: int
    """Its agenda item's number."""
    role: Literal["minutes", "report", "appendix"]
    name: str
    source: Path
    written: str
    """Its path as the meeting file writes it."""
    file: Path | None = None
    """For an appendix given as a PDF or Word file: that file; else it is collected."""
    level: int = 0
    exempt: bool = False
    where: Location = field(default_factory=lambda: Location(""))
    """Its line in the meeting file."""
    paragraph: int | None = None
    """For an exempt document: the paragraph of Schedule 12A."""
    notice: bool = False
    """An exempt appendix of a public report: a notice stands in its place in the public pack."""
    notice_name: str = ""
    """For such an appendix: its notice's title, from the meeting file only."""


@dataclass(frozen=True, slots=True)
class PackItem:
    """An agenda item and the documents it brings to the pack."""

    line: AgendaLine
    """How the agenda prints it (without page numbers yet)."""
    documents: tuple[PackDocument, ...] = ()
    late: Late | None = None
    """Set for an item added after the agenda's dispatch: it is on the supplementary agenda,
    and in its pack, not in the agenda as sent (:mod:`reportgen.supplement`)."""


@dataclass(frozen=True, slots=True)
class ResolvedMeeting:
    """A meeting with every document of its pack resolved."""

    meeting: Meeting
    path: Path
    items: tuple[PackItem, ...]
    boilerplate: Boilerplate
    rules: HouseRules

    def documents(self, public: bool, supplement: bool | None = None) -> list[PackDocument]:
        """The documents of the public pack (no exempt one) or the confidential, in order:
        of every item, or with ``supplement`` those of the late items only (the supplementary
        pack's), with ``supplement=False`` those of the agenda as sent."""
        return [
            d
            for item in self.items
            if supplement is None or (item.late is not None) == supplement
            for d in self.item_documents(item, public)
        ]

    def item_documents(self, item: PackItem, public: bool) -> list[PackDocument]:
        """The documents ``item`` brings to the public pack or to the confidential, in order,
        each in that pack's edition: in the public pack an exempt appendix of a public report
        is its notice (key ``…-notice``) and an exempt item brings nothing; in the
        confidential pack a document whose editions differ is its confidential one (key
        ``…-confidential``). Keys stay unique across both packs."""
        out: list[PackDocument] = []
        for d in item.documents:
            if public and d.exempt:
                if d.notice is not None:
                    out.append(
                        PackDocument(
                            f"{d.key}-notice",
                            d.source,
                            d.notice.meta.title,
                            d.notice,
                            None,
                            d.level,
                        )
                    )
            elif not public and d.confidential is not None:
                out.append(replace(d, key=f"{d.key}-confidential", document=d.confidential))
            else:
                out.append(d)
        return out

    @property
    def has_supplement(self) -> bool:
        """Whether items were added after dispatch: the meeting then has a supplementary
        agenda, and packs of its own."""
        return any(item.late is not None for item in self.items)

    def agenda(
        self, pages: dict[int, tuple[int, int]], public: bool, supplement: bool = False
    ) -> Document:
        """The front sheet, with each item's first and last page in the pack (by item number):
        of the agenda as sent (no late item), or with ``supplement`` the supplementary
        agenda's, of the late items only, each with its reason for urgency where the profile's
        meeting.yaml says (``late.reason_on``) and no notes.

        In the public pack an exempt item shows only its agenda title and the exemption.
        """
        m = self.meeting
        words = self.boilerplate.meeting
        reasons = supplement and "front_sheet" in words.late.reason_on
        lines = [
            replace(
                item.line,
                pages=pages.get(item.line.number),
                exempt=item.line.exempt if public else None,
                reason=item.late.reason if reasons and item.late is not None else None,
            )
            for item in self.items
            if (item.late is not None) == supplement
        ]
        contact = {
            "contact": m.contact.name,
            "phone": m.contact.phone or "",
            "email": m.contact.email or "",
        }
        notes = None if supplement else front_sheet_notes(words.notes[m.notes], contact)
        when = words.agenda.when.format(time=m.time, **self.rules.date_fields(m.date))
        drafts = agenda_outline(
            m.committee, when, m.venue, lines, notes, words, supplement=supplement
        )
        title = (words.late.title if supplement else words.agenda.title).format(
            committee=m.committee, date=self.rules.date(m.date)
        )
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
        look=boilerplate.look_of(kind),
    )


def _collect_drafts(
    drafts: list[Drafted], meta: Meta, rules: HouseRules, positions: Positions, problems: Problems
) -> Collected:
    """Number a document laid out as ``drafts``; it has no figures of its own."""
    numbered, index = number(drafts, [], positions, problems)
    figures = Calculator({}, {}, NO_PAY_SCALE, rules, positions, problems)
    formats = list_formats(RUNNING, own_forms(drafts))
    return Collected(meta, positions, rules, numbered, index, figures, formats)


@dataclass(frozen=True, slots=True)
class _Index:
    """What the documents of a meeting call each other."""

    others: dict[str, dict[str, dict[str, Target]]]
    """For each document (by key), every other document's labels by each name it goes by."""
    ambiguous: dict[str, tuple[str, ...]]
    """The names (folded to lower case) several files share, each with those files as the
    meeting file writes them."""
    spellings: frozenset[str]
    """The names that are another spelling of a document's first name (its path, when its stem
    is unique): usable, but not listed in a problem's hint."""
    names: dict[str, list[str]] = field(default_factory=dict)
    """The names each document (by key) goes by in the others."""


def _names(
    collected: Collected,
    others: dict[str, dict[str, Target]],
    boilerplate: Boilerplate,
    index: _Index | None = None,
    public: PublicEdition | None = None,
) -> Names:
    """The labels ``collected``'s texts can use: its own, and every other document's as
    ``name:label`` (a plain number there: no live field reaches into another file); a name
    ``index`` says is ambiguous names several files, and a reference by it fails."""
    labels = dict(collected.index)
    unlisted = set()
    for name, theirs in others.items():
        for label, target in theirs.items():
            labels[f"{name}:{label}"] = replace(target, anchor=None)
            if index is not None and name in index.spellings:
                unlisted.add(f"{name}:{label}")
    ambiguous = index.ambiguous if index is not None else {}
    return Names(
        labels,
        boilerplate.references,
        collected.figures,
        ambiguous,
        frozenset(unlisted),
        boilerplate.pictures,
        public,
    )


def reference_names(written: str) -> list[str]:
    """The names a document's labels go by in the other documents of a meeting: its file's
    stem, and its path as the meeting file writes it (``written``), with and without suffix."""
    path = PurePosixPath(posixpath.normpath(written))
    return list(dict.fromkeys([path.stem, str(path.with_suffix("")), str(path)]))


def _identity(path: Path) -> tuple[int, int] | str:
    """What tells two paths of one file apart from paths of two files: its device and inode
    (so links, and names that differ only in case on a file system that ignores it, are one
    file), or its resolved path where it cannot be read."""
    try:
        status = path.stat()
    except OSError:
        return str(path.resolve())
    return status.st_dev, status.st_ino


def _indexes(planned: list[_Planned], collected: dict[str, Collected]) -> _Index:
    """What the collected documents of ``planned`` call each other."""
    docs = [p for p in planned if p.key in collected]
    by_name: dict[str, dict[str | tuple[int, int], str]] = defaultdict(dict)
    for doc in docs:
        identity = _identity(doc.source)
        for name in reference_names(doc.written):
            by_name[name.casefold()].setdefault(identity, doc.written)
    ambiguous = {
        name: tuple(sorted(paths.values())) for name, paths in by_name.items() if len(paths) > 1
    }
    usable = {
        doc.key: [n for n in reference_names(doc.written) if n.casefold() not in ambiguous]
        for doc in docs
    }
    others = {
        doc.key: {
            name: collected[other.key].index
            for other in docs
            if other.key != doc.key
            for name in usable[other.key]
        }
        for doc in docs
    }
    spellings = frozenset(name for names in usable.values() for name in names[1:])
    return _Index(others, ambiguous, spellings, usable)


def _declared_appendices(
    report: Collected, written: str, attached: int, at: Location, problems: Problems
) -> None:
    """A report whose own ``appendices:`` list names more appendices than the meeting attaches
    to its item is a problem (M740): its list would name what the pack lacks. (Fewer named is
    not: reports that name only some of their appendices build as they did.)"""
    declared = report.appendices_declared
    if declared > attached:
        problems.add(
            "M740",
            f"{quote(written)} names {declared} appendices, but the meeting attaches {attached}",
            at,
            "attach each appendix the report names under the item's appendices:, or make the "
            "report's appendices: list name only those attached",
        )


def _exempt_and_public(planned: list[_Planned], problems: Problems) -> None:
    """A file the meeting names both as exempt and as public is a problem (M710) at each
    public use: the public pack would print what the exempt item keeps out of it."""
    uses: dict[str | tuple[int, int], list[_Planned]] = defaultdict(list)
    for doc in planned:
        uses[_identity(doc.source)].append(doc)
    for same in uses.values():
        hidden = [d for d in same if d.exempt]
        if not hidden:
            continue
        for doc in same:
            if not doc.exempt:
                problems.add(
                    "M710",
                    f"{quote(doc.written)} is public here, but exempt in item {hidden[0].item} "
                    f"(line {hidden[0].where.line})",
                    doc.where,
                    "make the file exempt here too, or give the exempt item a file of its own",
                )


def _shared_comments(planned: list[_Planned], problems: Problems) -> None:
    """Two reports whose reviewers' comments would come from one folder (``x.yaml`` and
    ``x.yml`` beside each other both read ``x.comments/``) are a problem (M711) at the later."""
    seen: dict[str | tuple[int, int], _Planned] = {}
    for doc in planned:
        if doc.role != "report":
            continue
        folder = comment_folder(doc.source)
        if not folder.is_dir():
            continue
        first = seen.setdefault(_identity(folder), doc)
        if _identity(first.source) != _identity(doc.source):
            problems.add(
                "M711",
                f"{quote(doc.written)} and {quote(first.written)} (line {first.where.line}) "
                f"would both have the reviewers' comments in {folder.name}/",
                doc.where,
                "rename one of the reports, or move it to a folder of its own, with its comments",
            )


def load_meeting(
    path: Path, boilerplate: Boilerplate, loaded: Loaded | None = None
) -> ResolvedMeeting:
    """Load the meeting at ``path`` (whose YAML is ``loaded``, when read already) and resolve
    every document of its pack.

    Raises one :class:`ReportError` with the problems of the meeting file and of every
    document it names.
    """
    problems = Problems()
    loaded = load_file(path) if loaded is None else loaded
    meeting = validate(loaded, Meeting)
    rules = HouseRules(boilerplate.style)
    folder = path.parent
    words = boilerplate.meeting
    problems.extend(undated_late_items(meeting, loaded.positions))
    if meeting.notes not in words.notes:
        problems.add(
            "M706",
            f"the profile's meeting.yaml has no notes named {quote(meeting.notes)}",
            loaded.positions.locate(("notes",)),
            f"use one of: {', '.join(words.notes)}",
        )
    collected: dict[str, Collected] = {}
    """Each document resolved from YAML, by its key (never by its file's name)."""
    plan: list[tuple[AgendaLine, list[_Planned]]] = []
    numbers = item_numbers(meeting, words.agenda.item_numbers, loaded.positions, problems)
    for i, (n, item) in enumerate(zip(numbers, meeting.items, strict=True)):
        where = loaded.positions.locate(("items", i))
        docs: list[_Planned] = []
        match item:
            case MinutesItem(minutes=minutes_file):
                key = f"item{n}"
                at = loaded.positions.locate(("items", i, "minutes"))
                if _named_file(folder, minutes_file, "minutes", at, problems):
                    found = _collect_minutes(
                        folder / minutes_file, meeting, boilerplate, rules, problems
                    )
                    if found is not None:
                        collected[key] = found
                date = collected[key].meta.date if key in collected else meeting.date
                line = AgendaLine(n, words.agenda.minutes.format(date=rules.date(date)))
                if key in collected:
                    docs.append(
                        _Planned(
                            key, n, "minutes", words.agenda.entry.format(n=n, title=line.title),
                            folder / minutes_file,
                            minutes_file, where=at,
                        )
                    )  # fmt: skip
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
                key = f"item{n}"
                at = loaded.positions.locate(("items", i, "report"))
                if _named_file(folder, item.report, "report", at, problems):
                    found = _collect_report(folder / item.report, n, boilerplate, problems)
                    if found is not None:
                        collected[key] = found
                if item.exempt and not item.title:
                    problems.add(
                        "M702",
                        "an exempt item needs a title for the public agenda",
                        where,
                        "add 'title:' with the words the public agenda may print",
                    )
                title = item.title or (
                    collected[key].meta.title if key in collected else item.report
                )
                exempt = item.exempt is not None
                line = AgendaLine(n, title, exempt=item.exempt.paragraph if item.exempt else None)
                if key in collected:
                    docs.append(
                        _Planned(
                            key, n, "report", words.agenda.entry.format(n=n, title=title),
                            folder / item.report, item.report,
                            exempt=exempt, where=at, paragraph=line.exempt,
                        )
                    )  # fmt: skip
                for j, appendix in enumerate(item.appendices):
                    akey = f"item{n}-appendix{j + 1}"
                    file: Path = folder / appendix.file
                    at = loaded.positions.locate(("items", i, "appendices", j, "file"))
                    hidden = exempt or appendix.exempt is not None
                    note_file(file)
                    name = appendix.title
                    if _outside(folder, appendix.file, meeting.appendix_folders, at, problems):
                        continue
                    if file.suffix.lower() == ".yaml":
                        found = _collect_appendix(file, boilerplate, rules, meeting, problems)
                        if found is None:
                            continue
                        collected[akey] = found
                        name = name or found.meta.title
                        entry = _Planned(akey, n, "appendix", "", file, appendix.file)
                    elif file.suffix.lower() in PDF_SUFFIXES and file.is_file():
                        if _unfit_appendix(file, at, problems):
                            continue
                        entry = _Planned(akey, n, "appendix", "", file, appendix.file, file)
                    else:
                        problems.add(
                            "M703",
                            f"the appendix file {quote(appendix.file)} is not a .yaml, .pdf "
                            "or .docx "
                            "file that exists",
                            at,
                            "check the path, which is relative to the meeting file",
                        )
                        continue
                    lettered = key in collected and collected[key].appendices_lettered
                    shown = words.agenda.appendix.format(
                        n=appendix_number(j + 1, lettered), title=name or file.stem
                    )
                    own = appendix.exempt.paragraph if appendix.exempt else None
                    number = appendix_number(j + 1, lettered)
                    withheld = (  # the notice's title: never the exempt file's own
                        words.agenda.appendix.format(n=number, title=appendix.title)
                        if appendix.title
                        else boilerplate.exempt.notice.untitled.format(n=number)
                    )
                    docs.append(
                        replace(
                            entry, name=shown, level=1, exempt=hidden, where=at,
                            paragraph=line.exempt if exempt else own, notice=own is not None
                            and not exempt, notice_name=withheld,
                        )
                    )  # fmt: skip
                if key in collected:
                    _declared_appendices(
                        collected[key],
                        item.report,
                        len(item.appendices),
                        loaded.positions.locate(("items", i)),
                        problems,
                    )
        plan.append((line, docs))
    planned = [doc for _, docs in plan for doc in docs]
    _exempt_and_public(planned, problems)
    _shared_comments(planned, problems)
    index = _indexes(planned, collected)
    resolved: dict[str, Document] = {}
    confidential: dict[str, Document] = {}
    for key, c in collected.items():
        names = _names(c, index.others[key], boilerplate, index)
        resolved[key] = substitute_all(c, names, problems)
        edition = _public_edition(key, planned, collected, index, boilerplate)
        if edition is not None:
            extra = Problems()
            public = substitute_all(c, replace(names, public=edition), extra)
            try:
                extra.raise_if_any()
            except ReportError as exc:  # the rest were found once already, in the other edition
                problems.extend(p for p in exc.problems if p.code == WITHHELD)
            if public != resolved[key]:
                confidential[key], resolved[key] = resolved[key], public
    problems.raise_if_any()
    late = set(late_items(meeting))
    items = tuple(
        PackItem(
            line,
            tuple(
                PackDocument(
                    d.key,
                    d.source,
                    d.name,
                    resolved.get(d.key),
                    d.file,
                    d.level,
                    d.exempt,
                    d.paragraph,
                    confidential.get(d.key),
                    _notice(d, meeting, boilerplate, rules) if d.notice else None,
                )
                for d in docs
            ),
            _late(entry) if i in late else None,
        )
        for i, ((line, docs), entry) in enumerate(zip(plan, meeting.items, strict=True))
    )
    return ResolvedMeeting(meeting, path, items, boilerplate, rules)


def _late(item: object) -> Late | None:
    """The ``late:`` of an agenda item that may have one."""
    return item.late if isinstance(item, ReportItem | PlainItem) else None


def _public_edition(
    key: str,
    planned: list[_Planned],
    collected: dict[str, Collected],
    index: _Index,
    boilerplate: Boilerplate,
) -> PublicEdition | None:
    """What the public edition of the document ``key`` may not name and names as exempt; None
    when it is exempt itself, or nothing of the meeting is (it has one edition)."""
    mine = next(p for p in planned if p.key == key)
    if mine.exempt or not any(p.exempt for p in planned):
        return None
    hidden = [p for p in planned if p.exempt and p.key in collected and p.key != key]
    exempt_documents = [
        (p.written, index.names.get(p.key, []), collected[p.key].index) for p in hidden
    ]
    whole: list[tuple[list[str], list[str]]] = []
    for report in planned:
        numbers = [
            int(p.key.rpartition("appendix")[2])
            for p in planned
            if p.notice and p.item == report.item and p.role == "appendix"
        ]
        if report.role != "report" or report.key not in collected or not numbers:
            continue
        labels = [
            label
            for label, target in collected[report.key].index.items()
            if target.kind == "appendix" and target.order[:1] in [(n,) for n in numbers]
        ]
        names = [""] if report.key == key else index.names.get(report.key, [])
        whole.append((names, labels))
    return public_edition(exempt_documents, whole, boilerplate.exempt)


def _notice(
    planned: _Planned, meeting: Meeting, boilerplate: Boilerplate, rules: HouseRules
) -> Document:
    """The page that stands in the public pack in place of the exempt appendix ``planned``."""
    assert planned.paragraph is not None
    drafts = notice_drafts(planned.notice_name, planned.paragraph, boilerplate.exempt)
    meta = _meta(meeting, planned.notice_name, "notice", boilerplate, rules)
    problems = Problems()
    collected = _collect_drafts(drafts, meta, rules, Positions(str(planned.source)), problems)
    document = substitute_all(collected, _names(collected, {}, boilerplate), problems)
    problems.raise_if_any()
    return document


def _named_file(folder: Path, name: str, what: str, at: Location, problems: Problems) -> bool:
    """Whether the file an item names (its ``what``: report or minutes) is there; else a
    problem (M708) at the item's line in the meeting file, ``at``."""
    path = folder / name
    note_file(path)
    if path.is_file():
        return True
    problems.add(
        "M708",
        f"the {what} file {quote(name)} is not found"
        + (" (it is a folder)" if path.is_dir() else ""),
        at,
        "check the path, which is relative to the meeting file",
    )
    return False


def _outside(folder: Path, name: str, allowed: list[str], at: Location, problems: Problems) -> bool:
    """Whether the appendix ``name`` (relative to the meeting's ``folder``) is, once symbolic
    links are followed, outside that folder's tree and the ``allowed`` folders' (the meeting
    file's ``appendix_folders``); then a problem (M717) at its line in the meeting file."""
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
        "M717",
        f"the appendix file {name!r} is outside the meeting file's folder"
        + (f" (it is a symbolic link to {target})" if linked else ""),
        at,
        "copy the appendix into the meeting file's folder, or name the folder it is in under "
        "appendix_folders: in the meeting file if appendices may come from there",
    )
    return True


def _unfit_appendix(file: Path, at: Location, problems: Problems) -> bool:
    """Whether the appendix ``file`` (a .pdf or .docx that exists) cannot go into a pack: over
    the size limit (M718, told before it is read), not what its name says (M709), or a PDF
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
            f"the appendix file {quote(file.name)} is not {kind}",
            at,
            "save the appendix again as PDF or Word from the program that made it, "
            "or name the file with the suffix of what it is",
        )
    return not good


def _try_load(path: Path, model: type[M], problems: Problems) -> tuple[M, Positions] | None:
    """``path`` read as ``model``, or None with its problems recorded."""
    try:
        loaded = load_file(path)
        document = validate(loaded, model)
    except ReportError as exc:
        problems.extend(exc.problems)
        return None
    before = len(problems)
    load_pictures(document, loaded.positions, problems)  # each picture's image, read beside it
    return None if len(problems) > before else (document, loaded.positions)


def _collect_report(
    path: Path,
    item_number: int,
    boilerplate: Boilerplate,
    problems: Problems,
) -> Collected | None:
    """The report at ``path``, collected as agenda item ``item_number``."""
    try:
        loaded = load_report(path, boilerplate)
    except ReportError as exc:
        problems.extend(exc.problems)
        return None
    report, positions = loaded.report, loaded.positions
    if report.agenda_item is not None and report.agenda_item != str(item_number):
        problems.add(
            "M701",
            f"the report says it is agenda item {report.agenda_item}, but it is item {item_number} "
            "of the agenda",
            positions.locate(("agenda_item",)),
            f"write agenda_item: {item_number}, or move the item in the meeting file",
        )
    c = collect(report, boilerplate, positions, loaded.pay_scale, problems)
    return replace(c, meta=numbered_item(c.meta, str(item_number), boilerplate.header))


def register_files(minutes_path: Path, minutes: Minutes, problems: Problems) -> list[Filed]:
    """Every set of minutes in the meeting folders beside that of ``minutes_path``, read (the
    minutes at ``minutes_path`` are ``minutes``), for the register of resolutions; recording
    the listing. A file that cannot be read is a problem, and left out."""
    folder = minutes_path.resolve().parent.parent
    filed: list[Filed] = []
    note_listing(folder, f"*/{MINUTES_FILE}")
    for path in sorted(folder.glob(f"*/{MINUTES_FILE}")):
        if path.resolve() == minutes_path.resolve():
            filed.append(Filed(path.resolve(), minutes))
            continue
        try:
            other = validate(load_file(path), Minutes)
        except ReportError as exc:
            problems.extend(exc.problems)
            continue
        filed.append(Filed(path.resolve(), other))
    return filed


def _collect_minutes(
    path: Path,
    meeting: Meeting,
    boilerplate: Boilerplate,
    rules: HouseRules,
    problems: Problems,
) -> Collected | None:
    """The minutes at ``path``, collected with their register numbers."""
    found = _try_load(path, Minutes, problems)
    if found is None:
        return None
    minutes, positions = found
    start = first_number(path.resolve(), minutes, register_files(path, minutes, problems), problems)
    drafts = minutes_outline(minutes, start, boilerplate.meeting, rules)
    date = rules.date(minutes.date)
    title = boilerplate.meeting.minutes.title.format(committee=minutes.committee, date=date)
    meta = replace(
        _meta(meeting, title, "minutes", boilerplate, rules), date=minutes.date, date_text=date
    )
    return _collect_drafts(drafts, meta, rules, positions, problems)


def _collect_appendix(
    path: Path,
    boilerplate: Boilerplate,
    rules: HouseRules,
    meeting: Meeting,
    problems: Problems,
) -> Collected | None:
    """The appendix document at ``path``."""
    found = _try_load(path, AppendixDocument, problems)
    if found is None:
        return None
    appendix, positions = found
    meta = _meta(meeting, appendix.title, "appendix", boilerplate, rules)
    if appendix.cover is not None:  # a designed document: printed in the profile's designed size
        meta = replace(meta, look=replace(meta.look, text_size=boilerplate.look.designed_text_size))
    meta = replace(
        meta,
        landscape=appendix.landscape,
        cover=design.cover(appendix.cover, appendix.title) if appendix.cover else None,
        contents=Contents(boilerplate.meeting.appendix.contents, ()) if appendix.contents else None,
    )
    return _collect_drafts(appendix_outline(appendix, rules), meta, rules, positions, problems)


def own_minutes(
    resolved: ResolvedMeeting, path: Path | None = None
) -> tuple[Minutes, int, Document] | None:
    """The minutes at ``path`` (by default the meeting ``resolved``'s own: a minutes.yaml
    beside its meeting file), if written: as validated, the register number of their first
    resolution, and resolved."""
    path = path or resolved.path.parent / MINUTES_FILE
    note_file(path)
    if not path.is_file():
        return None
    problems = Problems()
    found = _try_load(path, Minutes, problems)
    problems.raise_if_any()
    assert found is not None
    minutes = found[0]
    start = first_number(path.resolve(), minutes, register_files(path, minutes, problems), problems)
    collected = _collect_minutes(
        path, resolved.meeting, resolved.boilerplate, resolved.rules, problems
    )
    problems.raise_if_any()
    assert collected is not None
    document = substitute_all(collected, _names(collected, {}, resolved.boilerplate), problems)
    problems.raise_if_any()
    return minutes, start, document


__all__ = ["PackDocument", "PackItem", "ResolvedMeeting", "load_meeting"]
