"""Resolve a validated report into a :class:`~reportgen.document.Document`: a pure function.

Its passes are plain calls in a fixed order:

1. :func:`~reportgen.resolve.outline.outline` lays the report out in section order;
2. :func:`~reportgen.resolve.numbering.number` numbers it and collects every label;
3. :class:`~reportgen.resolve.figures.Calculator` computes every named figure and typed table
   (totals, sub-totals, derived amounts), each once;
4. :func:`~reportgen.resolve.refs.substitute` renders each text, its references and figures
   resolved against the complete indexes, and parses its inline Markdown.

It reads no files: the load stage has read every one it needs (the report, its comment files,
its pay scale as :class:`~reportgen.payscale.LoadedPayScale`, a meeting's other minutes), and
``tests/resolve/test_reads_nothing.py`` checks that no module here reads, lists or loads one.

Steps 1 to 3 are :func:`collect`, step 4 :func:`substitute_all`, so the documents of one
meeting can each be collected before any is substituted. Problems from every pass are collected
and raised together at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from reportgen.boilerplate import Boilerplate
from reportgen.document import (
    Block,
    Document,
    Heading,
    Inlines,
    ListFormat,
    Meta,
    Para,
    Table,
    plain_text,
)
from reportgen.errors import Location, Problems, YamlPath, quote
from reportgen.load import Positions
from reportgen.model import Report, TypedTable
from reportgen.model_pictures import Picture as PictureSpec
from reportgen.resolve import design
from reportgen.resolve.cells import arranged, plain_table, typed_spans
from reportgen.resolve.figures import Calculator
from reportgen.resolve.header import header_lines
from reportgen.resolve.numbering import (
    LIST_FORMATS,
    Numbered,
    Target,
    appendices_lettered,
    list_formats,
    number,
    own_forms,
)
from reportgen.resolve.outline import (
    Draft,
    Drafted,
    DraftFigure,
    DraftTable,
    DraftTyped,
    PageTurn,
    outline,
)
from reportgen.resolve.pictures import ChartMaker, picture
from reportgen.resolve.refs import Names, substitute
from reportgen.resolve.style import HouseRules
from reportgen.resolve.table_print import Printer

if TYPE_CHECKING:
    from reportgen.payscale import LoadedPayScale


def _typed_tables(
    drafts: list[Drafted], positions: Positions, problems: Problems
) -> dict[str, tuple[TypedTable, YamlPath]]:
    """Every labelled typed table, by label; a label used twice is a problem."""
    found: dict[str, tuple[TypedTable, YamlPath]] = {}
    for draft in drafts:
        if isinstance(draft, DraftTyped) and draft.table.label is not None:
            label = draft.table.label
            if label in found:
                first: Location = positions.locate((*found[label][1], "label"))
                problems.add(
                    "F608",
                    f"two tables are labelled {quote(label)} (the first at line {first.line})",
                    positions.locate((*draft.path, "label")),
                    "give each table its own label",
                )
                continue
            found[label] = (draft.table, draft.path)
    return found


@dataclass(frozen=True, slots=True)
class Collected:
    """A report after the first step: laid out, numbered, its labels and figures collected.

    Nothing is substituted yet, so the labels of several documents (the reports and minutes of
    one meeting) can be gathered into one index before any text is resolved, as Sphinx does.
    """

    meta: Meta
    """The facts that frame the document (title, committee, date …)."""
    positions: Positions
    rules: HouseRules
    numbered: list[Numbered]
    index: dict[str, Target]
    """The report's own labels."""
    figures: Calculator
    list_formats: dict[str, ListFormat] = field(default_factory=lambda: LIST_FORMATS)
    """How its sequences are shown, by the numbering scheme it was numbered under."""
    appendices_lettered: bool = False
    """Whether its appendices are Appendix A, B… rather than 1, 2… (a pack's outline says so
    too)."""
    appendices_declared: int = 0
    """How many appendices the report's own ``appendices:`` list names (a meeting that attaches
    another number is a problem, M740)."""


def collect(
    report: Report,
    boilerplate: Boilerplate,
    positions: Positions,
    pay_scale: LoadedPayScale,
    problems: Problems,
) -> Collected:
    """Step one: lay ``report`` out, number it, and collect its labels and figures.

    ``pay_scale`` is the pay scale the report names, as the load stage read it.
    """
    given = "statutory" in report.model_fields_set
    default = boilerplate.sections.report["statutory"].default
    wording = report.statutory.wording if given else default
    if isinstance(wording, str) and wording not in boilerplate.statutory.wordings:
        problems.add(
            "T402",
            f"there is no statutory wording named {quote(wording)}",
            positions.locate(("statutory", "wording")),
            f"use one of: {', '.join(sorted(boilerplate.statutory.wordings))}"
            + ("" if given else " (the profile's sections.yaml names it as statutory's default)"),
        )
    for kind in report.comments:
        where = positions.locate(("comments", kind), key=True)
        unknown = boilerplate.reviewers.unknown(kind, where)
        if unknown is not None:
            problems.extend([unknown])
    rules = HouseRules(boilerplate.style, report.house_style)
    drafts = outline(report, boilerplate)
    appendices = [(a.label, i + 1) for i, a in enumerate(report.appendices)]
    scheme = boilerplate.numbering
    lettered = appendices_lettered(report.appendices_lettered, scheme)
    numbered, index = number(drafts, appendices, positions, problems, scheme, lettered)
    calc = Calculator(
        report.figures,
        _typed_tables(drafts, positions, problems),
        pay_scale,
        rules,
        positions,
        problems,
    )
    calc.check_all()
    meta = Meta(
        title=report.title,
        committee=report.committee,
        date=report.date,
        date_text=rules.date(report.date),
        agenda_item=report.agenda_item or "",
        report_of=report.report_of,
        reference=report.reference,
        council=boilerplate.style.council,
        look=boilerplate.look_of("report"),
        header=header_lines(report, boilerplate.header, rules, positions, problems),
    )
    formats = list_formats(scheme, own_forms(drafts))
    return Collected(
        meta, positions, rules, numbered, index, calc, formats, lettered, len(report.appendices)
    )


def substitute_all(collected: Collected, names: Names, problems: Problems) -> Document:
    """Step two: every text of ``collected`` resolved against ``names``, the document made."""
    positions = collected.positions

    def content(source: str | Inlines, path: YamlPath) -> Inlines:
        if isinstance(source, tuple):
            return source
        return substitute(source, names, positions.locate(path), problems)

    printer = Printer(collected.rules, content)
    blocks: list[Block] = []
    landscape: list[tuple[int, int]] = []
    depth = start = 0  # a landscape block inside another turns no page of its own
    for item in collected.numbered:
        draft = item.draft
        if isinstance(draft, PageTurn):
            depth += 1 if draft.landscape else -1
            if draft.landscape and depth == 1:
                start = len(blocks)
            elif depth == 0 and start < len(blocks):
                landscape.append((start, len(blocks)))
            continue
        where = positions.locate(draft.path)  # every block knows the YAML it was made from
        if isinstance(draft, DraftFigure):  # a picture or a chart (resolve/pictures.py)
            assert names.pictures is not None
            made: Block | None
            if isinstance(draft.block, PictureSpec):
                made = picture(draft, item.mark, names.pictures, content)
            else:
                charts = ChartMaker(
                    collected.figures,
                    printer,
                    names.pictures,
                    collected.meta.look,
                    positions,
                    problems,
                )
                made = charts.chart(draft, item.mark, content)
            if made is not None:
                blocks.append(replace(made, where=where))
        elif isinstance(draft, design.DraftCallout):
            blocks.append(design.callout(draft, content, where))
        elif isinstance(draft, DraftTyped):
            computed = collected.figures.compute(draft.table, draft.path)
            note = printer.note(computed)
            table = typed_spans(printer.table(computed), computed, positions.locate, problems)
            model = draft.table
            table = arranged(table, model.row_headers, model.numbered, model.header)
            blocks.append(replace(table, where=where, keep_with_next=note is not None))
            if note is not None:
                blocks.append(replace(note, where=where))
        elif isinstance(draft, DraftTable):
            table = plain_table(draft, content, positions.locate, problems)
            blocks.append(replace(table, where=where))
        elif draft.role == "heading":
            text = content(draft.content, draft.path)
            blocks.append(Heading(draft.level, text, item.mark, where, draft.new_page))
        else:
            assert isinstance(draft, Draft)
            text = content(draft.content, draft.path)
            blocks.append(Para(draft.role, text, item.mark, item.anchor, where))
    meta = collected.meta
    if meta.contents is not None:
        where = positions.locate(("contents",), key=True)
        blocks, page = design.contents(blocks, meta.contents, where, problems)
        meta = replace(meta, contents=page)
    return Document(meta, _titled(blocks), collected.list_formats, tuple(landscape))


def _titled(blocks: list[Block]) -> tuple[Block, ...]:
    """``blocks`` with a title for every table screen readers announce: its caption, or else
    the paragraph ending in a colon that introduces it ('… are as follows')."""
    out: list[Block] = []
    for block in blocks:
        before = out[-1] if out else None
        if isinstance(block, Table) and isinstance(before, Para):
            text = " ".join(plain_text(before.content).split())
            if before.role == "caption":  # as printed, references and figures resolved
                block = replace(block, title=text)
            elif block.title is None and text.endswith(":"):
                block = replace(block, title=text.rstrip(":").rstrip())
        out.append(block)
    return tuple(out)


def resolve(
    report: Report, boilerplate: Boilerplate, positions: Positions, pay_scale: LoadedPayScale
) -> Document:
    """The resolved document for ``report``; raises one error listing every problem."""
    problems = Problems()
    collected = collect(report, boilerplate, positions, pay_scale, problems)
    names = Names(
        collected.index,
        boilerplate.references,
        collected.figures,
        pictures=boilerplate.pictures,
    )
    document = substitute_all(collected, names, problems)
    problems.raise_if_any()
    return document


__all__ = ["Collected", "Target", "collect", "resolve", "substitute_all"]
