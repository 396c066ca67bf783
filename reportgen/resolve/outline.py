"""Lay a validated report out as one ordered list of drafts, in the council's section order.

This is where the report's shape is decided: which sections come in which order, under which
standard heading, and which paragraphs take part in which numbered sequence. Nothing is numbered
or substituted yet; a draft's text is still the author's source.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from reportgen.boilerplate import Boilerplate
from reportgen.document import Inlines, LineBreak, Link, ParaRole, Text
from reportgen.errors import YamlPath
from reportgen.model import (
    Block,
    BulletEntry,
    BulletList,
    Callout,
    Heading,
    Landscape,
    Paper,
    Paragraph,
    Quote,
    Recommendation,
    Report,
    SectionName,
    Statutory,
    SubItem,
    Table,
    TableCell,
    TypedTable,
)
from reportgen.model_base import Form
from reportgen.model_figures import NumberedRows
from reportgen.model_pictures import Chart, Picture
from reportgen.profile_sections import Section
from reportgen.resolve.design import DraftCallout
from reportgen.resolve.style import HouseRules

Counter = Literal[
    "paragraph",
    "recommendation",
    "bullet",
    "letter",
    "paper",
    "minute",
    "resolution",
    "note",
    "list",
]
"""The numbered sequences a draft can take part in; see :mod:`reportgen.resolve.numbering`."""

Content = str | Inlines
"""Author source (Markdown and ``{{ ref() }}`` calls) to be substituted, or finished inlines."""


@dataclass(frozen=True, slots=True)
class Draft:
    """A heading or paragraph before numbering and substitution."""

    content: Content
    path: YamlPath
    """Where the content came from, for error messages."""
    role: ParaRole | Literal["heading"]
    level: int = 0
    """Heading level, or level in a numbered or bulleted list."""
    counter: Counter | None = None
    """The sequence this draft is numbered in, if any."""
    label: str | None = None
    """The label references use to point at this draft."""
    section: str | None = None
    """On a section's own heading: the section it opens (numbered by section, it may take a
    number)."""
    form: Form | None = None
    """On an item of a paragraph's own list (counter ``list``): the list's form, e.g. ``1)``."""
    first: bool = False
    """On an item of a paragraph's own list: the first, which starts the list afresh."""
    new_page: bool = False
    """On a heading: it starts a new page."""


@dataclass(frozen=True, slots=True)
class DraftTable:
    """A table whose cells are still author source."""

    cells: tuple[tuple[Content | TableCell, ...], ...]
    """Each row's cells as written: a cell spanning rows is left out of the rows it covers."""
    path: YamlPath
    title: str | None = None
    """The caption, as the table's title for screen readers."""
    header: bool = True
    """Whether the first row is the header row."""
    row_headers: bool = False
    """Whether the first column's cells name their rows."""
    numbered: NumberedRows | None = None
    """How the rows are numbered in a column of their own, if they are."""


@dataclass(frozen=True, slots=True)
class DraftTyped:
    """A typed table, to be computed by :mod:`reportgen.resolve.tables`."""

    table: TypedTable
    path: YamlPath


@dataclass(frozen=True, slots=True)
class PageTurn:
    """Where the pages turn: to landscape (``landscape``) before a landscape block's content,
    back to portrait after it."""

    landscape: bool
    path: YamlPath


@dataclass(frozen=True, slots=True)
class DraftFigure:
    """A picture or a chart, numbered as a figure and made by :mod:`reportgen.resolve.pictures`."""

    block: Picture | Chart
    path: YamlPath

    @property
    def label(self) -> str | None:
        """The label references use to point at it."""
        return self.block.label

    @property
    def numbered(self) -> bool:
        """Whether it takes a figure number: it has a caption or a label."""
        return self.block.caption is not None or self.block.label is not None


Drafted = Draft | DraftTable | DraftTyped | DraftCallout | DraftFigure | PageTurn


def plain(*lines: str | None) -> Inlines:
    """Finished content: the given lines, in order, separated by line breaks."""
    out: list[Text | LineBreak] = []
    for line in lines:
        if line:
            if out:
                out.append(LineBreak())
            out.append(Text(line))
    return tuple(out)


def join_areas(areas: Sequence[str]) -> str:
    """Join areas as the statutory paragraph lists them: 'a, b and c'."""
    if len(areas) < 2:
        return "".join(areas)
    return ", ".join(areas[:-1]) + " and " + areas[-1]


def bullets(entries: Sequence[BulletEntry], path: YamlPath, level: int) -> Iterator[Draft]:
    """Drafts for bullets at ``level``, and the bullets nested under them one level further."""
    for i, entry in enumerate(entries):
        here = (*path, i)
        if isinstance(entry, str):
            yield Draft(entry, here, "bullet", level, "bullet")
        else:
            yield Draft(entry.text, (*here, "text"), "bullet", level, "bullet")
            yield from bullets(entry.bullets, (*here, "bullets"), level + 1)


def _items(
    entries: Sequence[str | SubItem], path: YamlPath, form: Form | None = None
) -> Iterator[Draft]:
    """A paragraph's items: its sub-items (a), b)…), or a list of its own in ``form``."""
    for i, entry in enumerate(entries):
        here = (*path, i)
        text, where = (entry, here) if isinstance(entry, str) else (entry.text, (*here, "text"))
        if form is None:
            yield Draft(text, where, "item", 1, "paragraph")
        else:
            yield Draft(text, where, "item", 0, "list", form=form, first=i == 0)
        if not isinstance(entry, str):
            yield from bullets(entry.bullets, (*here, "bullets"), 1)


def body(
    blocks: Sequence[Block], path: YamlPath, heading_level: int, rules: HouseRules
) -> Iterator[Drafted]:
    """Drafts for a section's blocks; their headings sit one level below ``heading_level``."""
    for i, block in enumerate(blocks):
        here = (*path, i)
        match block:
            case str():
                yield Draft(block, here, "numbered", 0, "paragraph")
            case Paragraph():
                if block.numbered:
                    yield Draft(
                        block.text, (*here, "text"), "numbered", 0, "paragraph", block.label
                    )
                else:
                    yield Draft(block.text, (*here, "text"), "body", label=block.label)
                yield from bullets(block.bullets, (*here, "bullets"), 0)
                yield from _items(block.items, (*here, "items"), block.items_form)
            case Heading():
                level = heading_level + block.level
                counter: Counter | None = "letter" if block.lettered else None
                heading = Draft(block.heading, (*here, "heading"), "heading", level, counter)
                yield replace(heading, new_page=True) if block.new_page else heading
            case Quote():
                yield Draft(rules.quoted(block.quote), (*here, "quote"), "quote")
                if block.source:
                    yield Draft(block.source, (*here, "source"), "quote-source")
            case BulletList():
                yield from bullets(block.bullets, (*here, "bullets"), 0)
            case Table():
                if block.caption:
                    yield Draft(block.caption, (*here, "caption"), "caption")
                yield DraftTable(
                    tuple(tuple(row) for row in block.table),
                    (*here, "table"),
                    block.caption or block.title,
                    block.header,
                    block.row_headers,
                    block.numbered,
                )
            case TypedTable():
                if block.caption:
                    yield Draft(block.caption, (*here, "caption"), "caption")
                yield DraftTyped(block, here)
            case Landscape():
                yield PageTurn(True, here)
                yield from body(block.landscape, (*here, "landscape"), heading_level, rules)
                yield PageTurn(False, here)
            case Callout():
                yield DraftCallout(block, here)
            case Picture() | Chart():
                yield DraftFigure(block, here)


class _Outliner:
    """Walks a report in the profile's section order (its sections.yaml), yielding its drafts."""

    def __init__(self, report: Report, boilerplate: Boilerplate) -> None:
        self.report = report
        self.words = boilerplate
        self.rules = HouseRules(boilerplate.style, report.house_style)
        self.given = report.model_fields_set
        """The fields the report writes; a section left out gets the profile's default."""

    def heading(self, section: SectionName) -> Draft:
        text = self.report.headings.get(section) or self.words.headings.sections[section]
        path: YamlPath = ("headings", section) if section in self.report.headings else ()
        return Draft(plain(text), path, "heading", 1, section=section)

    def section(self, name: SectionName, blocks: Sequence[Block]) -> Iterator[Drafted]:
        if blocks:
            yield self.heading(name)
            yield from body(blocks, (name,), 1, self.rules)

    def own(self, name: str, heading: str) -> Iterator[Drafted]:
        """A council's own section, under the heading its profile gives it."""
        blocks = self.report.own_sections.get(name, [])
        if blocks:
            yield Draft(plain(heading), (), "heading", 1, section=name)
            yield from body(blocks, (name,), 1, self.rules)

    def statutory(self, default: str | None) -> Iterator[Drafted]:
        """The standard paragraph: the report's choice, or the profile's default wording when
        the report leaves it out; nothing without either, or for no areas."""
        if "statutory" in self.given:
            choice = self.report.statutory
        elif default is not None:
            choice = Statutory(wording=default)
        else:
            return
        wording = self.words.statutory.wordings.get(choice.wording)
        if wording is None:
            # reported by resolve's checks; keep the outline whole
            yield self.heading("statutory")
            return
        areas = wording.areas if choice.areas is None else choice.areas
        if not areas:
            return
        yield self.heading("statutory")
        text = " ".join(wording.text.split()).replace("{areas}", join_areas(areas))
        yield Draft(plain(text), ("statutory",), "numbered", 0, "paragraph")

    def implications(self) -> Iterator[Drafted]:
        """Each kind of implication under its heading; above them all, when the profile's
        headings.yaml (or the report) names one, a section heading of their own."""
        if self.report.implications and (
            "implications" in self.report.headings or "implications" in self.words.headings.sections
        ):
            yield self.heading("implications")
        for area, blocks in self.report.implications.items():
            heading = self.words.headings.implications.get(area, area)  # else a load problem
            yield Draft(plain(heading), ("implications", area), "heading", 2)
            yield from body(blocks, ("implications", area), 2, self.rules)

    def recommendations(self) -> Iterator[Drafted]:
        recs = self.report.recommendations
        yield self.heading("recommendations")
        if recs.intro:
            yield Draft(recs.intro, ("recommendations", "intro"), "lead-in")
        for i, item in enumerate(recs.items):
            here: YamlPath = ("recommendations", "items", i)
            if isinstance(item, Recommendation):
                yield Draft(
                    item.text, (*here, "text"), "recommendation", 0, "recommendation", item.label
                )
                yield from self.parts(item.bullets, (*here, "bullets"))
            else:
                yield Draft(item, here, "recommendation", 0, "recommendation")

    def parts(self, entries: Sequence[BulletEntry], path: YamlPath) -> Iterator[Draft]:
        """The bullets under a recommendation: bullets, or its numbered parts when the
        profile's numbering.yaml numbers them (their own bullets then at the parts' level)."""
        if self.words.numbering.recommendation_parts == "bullets":
            yield from bullets(entries, path, 1)
            return
        for i, entry in enumerate(entries):
            here = (*path, i)
            if isinstance(entry, str):
                yield Draft(entry, here, "item", 1, "recommendation")
                continue
            yield Draft(entry.text, (*here, "text"), "item", 1, "recommendation")
            yield from bullets(entry.bullets, (*here, "bullets"), 1)

    def signature(self) -> Iterator[Drafted]:
        signer = self.report.signed_by
        if signer is not None:
            yield Draft(plain(signer.name, signer.title), ("signed_by",), "signature")

    def contacts(self) -> Iterator[Drafted]:
        if not self.report.contacts:
            return
        intro = self.report.headings.get("contacts") or self.words.headings.sections["contacts"]
        yield Draft(plain(intro), ("contacts",), "contact-intro")
        labels = self.words.headings.contact
        for i, c in enumerate(self.report.contacts):
            phone = labels.phone.replace("{phone}", c.phone) if c.phone else None
            lines = plain(c.name, c.role, c.team, phone)
            if c.email:  # "E: " and the address as a mailto link
                before, _, after = labels.email.partition("{email}")
                link = Link(f"mailto:{c.email}", (Text(c.email),))
                email = tuple(n for n in (Text(before), link, Text(after)) if n != Text(""))
                lines = (*lines, LineBreak(), *email) if lines else email
            yield Draft(lines, ("contacts", i), "contact")

    def comments(self) -> Iterator[Drafted]:
        """The reviewers' comments, in the order of the profile's reviewers.yaml (a kind it does
        not know is reported by :func:`reportgen.resolve.collect`)."""
        for key, reviewer in self.words.reviewers.reviewers.items():
            comment = self.report.comments.get(key)
            if comment is None:
                continue
            date = self.rules.comment_date(comment.date)
            title = reviewer.heading.format(initials=comment.initials, date=date)
            yield Draft(plain(title), ("comments", key), "heading", 2)
            yield from body(comment.body, ("comments", key, "body"), 2, self.rules)

    def background_papers(self, always: bool) -> Iterator[Drafted]:
        """The papers under the profile's statement; with none, its ``none`` wording when the
        profile prints the section ``always``, else nothing."""
        if not self.report.background_papers and not always:
            return
        yield self.heading("background_papers")
        words = self.words.background_papers
        yield Draft(plain(" ".join(words.statement.split())), (), "lead-in")
        if not self.report.background_papers:
            yield Draft(plain(words.none), ("background_papers",), "paper")
        counter: Counter | None = "paper" if self.rules.papers_lettered else None
        for i, paper in enumerate(self.report.background_papers):
            here: YamlPath = ("background_papers", i)
            if isinstance(paper, Paper) and paper.url:
                # the title links to the paper; its address is printed too, for paper copies
                link = Link(paper.url, (Text(paper.title),))
                address = Link(paper.url, (Text(paper.url),))
                yield Draft((link, LineBreak(), address), here, "paper", 0, counter)
            elif isinstance(paper, Paper):
                yield Draft(paper.title, (*here, "title"), "paper", 0, counter)
            else:
                yield Draft(paper, here, "paper", 0, counter)

    def electoral_divisions(self, default: Sequence[str]) -> Iterator[Drafted]:
        """The divisions affected; left out, the profile's default lines; none, nothing."""
        given = "electoral_divisions" in self.given
        lines = self.report.electoral_divisions if given else default
        if lines:
            yield self.heading("electoral_divisions")
        for i, line in enumerate(lines):  # the profile's lines are Markdown as a report's
            yield Draft(line, ("electoral_divisions", i), "lead-in")

    def part(self, name: str, spec: Section) -> Iterator[Drafted]:
        """The drafts of the section ``name``, as the profile's ``spec`` has it."""
        r = self.report
        match name:
            case "purpose" | "information" | "other_options" | "reasons":
                yield from self.section(name, getattr(r, name))
            case "statutory":
                yield from self.statutory(spec.default if isinstance(spec.default, str) else None)
            case "implications":
                yield from self.implications()
            case "recommendations":
                yield from self.recommendations()
            case "signed_by":
                yield from self.signature()
            case "contacts":
                yield from self.contacts()
            case "comments":
                yield from self.comments()
            case "background_papers":
                yield from self.background_papers(spec.always)
            case "electoral_divisions":
                lines = spec.default if isinstance(spec.default, list) else []
                yield from self.electoral_divisions(lines)
            case _:
                yield from self.own(name, spec.heading or name)

    def walk(self) -> Iterator[Drafted]:
        for name, spec in self.words.sections.report.items():
            if spec.use != "absent":  # a report that has it is a load problem
                yield from self.part(name, spec)
        if self.report.reference:
            yield Draft(plain(self.report.reference), ("reference",), "reference")


def outline(report: Report, boilerplate: Boilerplate) -> list[Drafted]:
    """The report's drafts in the order they are printed."""
    return list(_Outliner(report, boilerplate).walk())
