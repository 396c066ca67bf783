"""Review sheets: what a report's finance, legal and HR reviewers check, as documents of their own.

``reportgen review --reviewer financial REPORT.yaml`` writes one reviewer's sheet (beside the
report as ``REPORT.financial-review.docx``, or where ``-o`` says). The reviewer is a kind of
boilerplate/reviewers.yaml, whose ``sheet`` names the sheet made for it
(:meth:`~reportgen.boilerplate.Reviewers.sheet_for`): as
standard, financial has the finance sheet, constitutional the legal one and hr the HR one.
A sheet is a resolved :class:`~reportgen.document.Document` (its ``kind`` is ``review``), so
every writer prints it; it is made from the report's resolved document and its
model, and it decides nothing about figures: it lists what the resolved document says.

- **finance**: every :class:`~reportgen.document.Figure` of the report in the order printed,
  with where it appears, its shown text, its value, its kind and its origin (the working, the
  named figure or table it quotes, and the stated amount it agrees with); then every amount of
  money typed into the text (a ``£`` amount in plain text, not a figure), flagged as typed, and
  flagged again when it is the value of no figure of the report;
- **legal**: the recommendations as the report numbers them, the committee, the statutory
  paragraph and the areas it considers, the background papers and whether each has an address,
  and the constitutional comment;
- **hr**: every post in the report's typed tables (the rows of each table with a grade and an
  FTE column) and the human resources implications.

The wording and layout are data, in boilerplate/review-sheets.yaml (:class:`SheetWords`). To
know which part of the report a block belongs to, each block of the resolved document is paired
with the draft it was made from (:func:`reportgen.resolve.outline.outline`), whose YAML path
names its section.
"""

from __future__ import annotations

import string
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from reportgen.boilerplate import DEFAULT_DIR, Boilerplate, sheet_named
from reportgen.document import (
    Block,
    Cell,
    Document,
    Emph,
    Figure,
    Heading,
    Inline,
    Inlines,
    LineBreak,
    Link,
    ListMark,
    Meta,
    Para,
    ParaRole,
    RefNumber,
    Row,
    Strong,
    Table,
    Text,
    figures_in,
    plain_text,
)
from reportgen.errors import Location, PathPart, Problem, ReportError
from reportgen.load import load_file
from reportgen.model import Paper, Report
from reportgen.model_figures import Column, TypedTable
from reportgen.pipeline import load_report
from reportgen.resolve import resolve
from reportgen.resolve.amounts import Parsed, find_money
from reportgen.resolve.outline import Drafted, DraftTyped, outline
from reportgen.resolve.style import digits_as_given
from reportgen.resolve.tables import slug
from reportgen.validate import validate

WORDS_FILE = "review-sheets.yaml"
"""The sheets' wording and layout, in the boilerplate folder."""

_COMMAND_LINE = Location("(command line)")

_T = TypeVar("_T")

# --- the wording: boilerplate/review-sheets.yaml -----------------------------------------------


def _fields(*allowed: str) -> AfterValidator:
    """A check that a text's ``{fields}`` are among ``allowed``."""

    def check(text: str) -> str:
        try:
            used = {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
        except ValueError as exc:
            raise ValueError(f"{exc}; write a brace as {{{{ or }}}}") from exc
        unknown = used - set(allowed)
        if unknown:
            names = ", ".join("{" + name + "}" for name in sorted(unknown))
            known = ", ".join("{" + name + "}" for name in allowed) or "no fields"
            raise ValueError(f"it uses {names}; it may use {known}")
        return text

    return AfterValidator(check)


class _Words(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


_REPORT_FIELDS = ("title", "committee", "date", "agenda_item", "reference", "report_of", "source")


class HeaderWords(_Words):
    """The top of every sheet."""

    title: Annotated[str, _fields("sheet", "title")]
    """The sheet's heading and document title: ``{sheet}`` is the sheet's name."""
    lines: list[Annotated[str, _fields(*_REPORT_FIELDS)]]
    """The lines under the heading; a line with an empty field is left out."""


class PlaceWords(_Words):
    """How a sheet says where something is in the report."""

    within: Annotated[str, _fields("heading", "place")]
    paragraph: Annotated[str, _fields("number")]
    item: Annotated[str, _fields("number", "letter")]
    recommendation: Annotated[str, _fields("number")]
    bullet: Annotated[str, _fields("place")]
    after: Annotated[str, _fields("place")]
    heading: Annotated[str, _fields("heading")]
    table: Annotated[str, _fields("table", "heading")]
    """A table, named with the report's heading above it."""
    cell: Annotated[str, _fields("row", "label", "column")]
    row_label: Annotated[str, _fields("label")]
    untitled_table: Annotated[str, _fields("place")]


class LabelWords(_Words):
    """How a quoted paragraph is labelled in a sheet's "Paragraph" column."""

    paragraph: Annotated[str, _fields("number")]
    item: Annotated[str, _fields("number", "letter")]
    recommendation: Annotated[str, _fields("number")]
    bullet: Annotated[str, _fields("label")]
    other: Annotated[str, _fields("label")]
    heading: Annotated[str, _fields()]
    table: Annotated[str, _fields()]


class FigureWords(_Words):
    """The finance sheet's table of figures."""

    heading: str
    intro: str
    title: str
    columns: list[str] = Field(min_length=7, max_length=7)
    """No., where, shown, value, kind, where it comes from, its line in the source."""
    widths: list[float | None] | None = None
    """Column widths in centimetres; by default they follow the content."""
    line: Annotated[str, _fields("line")]
    """The source of a value in the report itself."""
    elsewhere: Annotated[str, _fields("file", "line")]
    """The source of a value in another file (a pay scale, a reviewer's comment file)."""
    named: Annotated[str, _fields("name")]
    table: Annotated[str, _fields("name")]
    stated: Annotated[str, _fields("value")]
    none: str


class TypedWords(_Words):
    """The finance sheet's table of amounts typed into the text."""

    heading: str
    intro: str
    title: str
    columns: list[str] = Field(min_length=6, max_length=6)
    """No., where, typed, value, check, in the text."""
    widths: list[float | None] | None = None
    typed: str
    same: Annotated[str, _fields("number")]
    no_match: str
    unread: str
    none: str
    context: int = Field(default=60, ge=0, le=500)
    """Characters of the text shown either side of the amount."""


class FinanceWords(_Words):
    """The finance sheet."""

    name: str
    landscape: bool = False
    figures: FigureWords
    typed: TypedWords


class PartWords(_Words):
    """A part of a sheet with a heading, and what it says when the report has nothing for it."""

    heading: str
    none: str = ""


class CommitteeWords(_Words):
    """The legal sheet's committee."""

    heading: str
    text: Annotated[str, _fields("committee", "date", "agenda_item")]


class StatutoryWords(_Words):
    """The legal sheet's statutory and policy implications."""

    heading: str
    areas: str
    title: str
    none: str


class PaperWords(_Words):
    """The legal sheet's background papers."""

    heading: str
    title: str
    columns: list[str] = Field(min_length=3, max_length=3)
    """Paper, published, address."""
    published: str
    unpublished: str
    none: str


class CommentWords(_Words):
    """The legal sheet's reviewer's comment."""

    kind: str
    """The reviewer kind of boilerplate/reviewers.yaml whose comment is shown."""
    heading: str
    title: str
    none: str


class LegalWords(_Words):
    """The legal sheet."""

    name: str
    landscape: bool = False
    recommendations: PartWords
    committee: CommitteeWords
    statutory: StatutoryWords
    papers: PaperWords
    comment: CommentWords
    quoted_columns: list[str] = Field(min_length=2, max_length=2)
    """The columns of a table of quoted paragraphs: the paragraph's number and its text."""


class PostWords(_Words):
    """The HR sheet's posts."""

    heading: str
    intro: str
    grade: list[str]
    fte: list[str]
    job_title: list[str]
    table_heading: Annotated[str, _fields("table", "heading")]
    place: Annotated[str, _fields("place")]
    title: Annotated[str, _fields("table")]
    row: str
    none: str


class ImplicationWords(_Words):
    """The HR sheet's implications section."""

    area: str
    """The implications area of the report that is shown."""
    heading: str
    title: str
    none: str


class HrWords(_Words):
    """The HR sheet."""

    name: str
    landscape: bool = False
    posts: PostWords
    implications: ImplicationWords
    quoted_columns: list[str] = Field(min_length=2, max_length=2)


class SheetWords(_Words):
    """The wording and layout of every review sheet: boilerplate/review-sheets.yaml."""

    header: HeaderWords
    places: PlaceWords
    paragraph_labels: LabelWords
    finance: FinanceWords
    legal: LegalWords
    hr: HrWords


def load_words(folder: Path | None = None) -> SheetWords:
    """The sheets' wording: ``review-sheets.yaml`` in the boilerplate ``folder``, or in the
    project's boilerplate/ when the folder has none. Raises one error, at the file's lines."""
    path = (folder or DEFAULT_DIR) / WORDS_FILE
    if not path.is_file():
        path = DEFAULT_DIR / WORDS_FILE
    return validate(load_file(path), SheetWords)


# --- the report as the sheets read it ---------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Source:
    """A report as a sheet reads it: its model, its resolved document, and each block's draft."""

    path: Path
    report: Report
    document: Document
    drafts: tuple[Drafted, ...]
    """The draft each block of ``document`` was made from, block by block."""

    def part(self, *prefix: PathPart) -> list[tuple[int, Block, Drafted]]:
        """The blocks (with their index and draft) made from the report at YAML path ``prefix``."""
        n = len(prefix)
        return [
            (i, block, draft)
            for i, (block, draft) in enumerate(zip(self.document.blocks, self.drafts, strict=True))
            if draft.path[:n] == prefix
        ]


def read_report(path: Path, boilerplate: Boilerplate) -> Source:
    """Load and resolve the report at ``path`` (with its reviewers' comment files) for a sheet;
    raises one error with every problem, as a build would."""
    report, positions = load_report(path)
    document = resolve(report, boilerplate, positions)
    drafts = tuple(outline(report, boilerplate))
    if len(drafts) != len(document.blocks):  # resolve makes one block of each draft
        raise AssertionError(f"{len(document.blocks)} blocks were made of {len(drafts)} drafts")
    return Source(path, report, document, drafts)


# --- places -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Spot:
    """Where a block of the report is, said for a reader."""

    heading: str
    """The text of the report's nearest heading above the block ('' before the first)."""
    place: str
    """Where under that heading: 'paragraph 12', 'bullet under paragraph 12 b)'; for a table,
    its name ('Table of resources')."""
    label: str
    """The block's label in a table of quoted paragraphs: '12', '12 b)', 'bullet under 12'."""
    near: str = ""
    """For a table: the place it follows, e.g. 'Theme 1: text after paragraph 12'."""

    def text(self, words: PlaceWords) -> str:
        """The whole place: 'Information and Advice: paragraph 12'."""
        if self.heading and self.place:
            return words.within.format(heading=self.heading, place=self.place)
        return self.heading or self.place


def spots(document: Document, words: SheetWords) -> list[Spot]:
    """Where each block of ``document`` is, block by block."""
    places, labels = words.places, words.paragraph_labels
    heading = ""
    last = ""  # the place of the last numbered paragraph, item or recommendation
    last_label = ""
    number = ""
    out: list[Spot] = []
    for block in document.blocks:
        if isinstance(block, Heading):
            text = " ".join(plain_text(block.content).split())
            out.append(Spot(heading, places.heading.format(heading=text), labels.heading))
            heading = text
            continue
        after = places.after.format(place=last) if last else ""
        if isinstance(block, Table):
            near = Spot(heading, after, "").text(places)
            name = block.title or places.untitled_table.format(place=near)
            out.append(Spot(heading, name, labels.table, near))
            continue
        mark = block.mark
        if mark is not None and mark.kind == "paragraph" and mark.level == 0:
            number = mark.label
            last = places.paragraph.format(number=number)
            last_label = labels.paragraph.format(number=number)
            out.append(Spot(heading, last, last_label))
        elif mark is not None and mark.kind == "paragraph":
            last = places.item.format(number=number, letter=mark.label)
            last_label = labels.item.format(number=number, letter=mark.label)
            out.append(Spot(heading, last, last_label))
        elif mark is not None and mark.kind == "recommendation":
            last = places.recommendation.format(number=mark.label)
            last_label = labels.recommendation.format(number=mark.label)
            out.append(Spot(heading, last, last_label))
        elif block.role == "bullet":
            place = places.bullet.format(place=last) if last else ""
            label = labels.bullet.format(label=last_label) if last_label else ""
            out.append(Spot(heading, place, label))
        else:
            label = labels.other.format(label=last_label) if last_label else ""
            out.append(Spot(heading, after, label))
    return out


def _header(table: Table) -> list[str]:
    """The column headings of ``table``, one a column."""
    for row in table.rows:
        if row.role == "header":
            return _spread(row, lambda cell: " ".join(plain_text(cell.content).split()))
    return []


def _spread(row: Row, each: Callable[[Cell], _T]) -> list[_T]:
    """``each`` of the cells of ``row``, one a column (a spanning cell counted once a column)."""
    return [each(cell) for cell in row.cells for _ in range(cell.span)]


def _row_label(row: Row) -> str:
    """The text of a row's first text cell: 'Social Workers', 'TOTAL'."""
    for cell in row.cells:
        text = " ".join(plain_text(cell.content).split())
        if text and not cell.numeric:
            return text
    return ""


def _body_rows(table: Table) -> Iterator[tuple[int, Row]]:
    """Each row below the header, numbered from 1 as a reader counts them."""
    n = 0
    for row in table.rows:
        if row.role != "header":
            n += 1
            yield n, row


# --- finance ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Listed:
    """A figure of the report, numbered in the order printed, and where it is."""

    number: int
    figure: Figure
    group: str
    """The table it is in ('Table of resources (Increased demand)'), or the report's heading
    above the text it is in."""
    where: str
    """Where in that table or under that heading: 'row 3 (Social Workers): Total Cost £',
    'paragraph 12'."""


def _places(document: Document, words: SheetWords) -> Iterator[tuple[Inlines, str, str]]:
    """Each piece of text of ``document`` (a paragraph, a heading, a table cell) in order, with
    its group (a table's name, or the heading above) and where it is in that group."""
    places = words.places
    for block, spot in zip(document.blocks, spots(document, words), strict=True):
        if isinstance(block, Table):
            group = (
                places.table.format(table=spot.place, heading=spot.heading)
                if spot.heading
                else spot.place
            )
            for n, row, column, cell in _cells(block):
                label = _row_label(row)
                where = places.cell.format(
                    row=n,
                    label=places.row_label.format(label=label) if label else "",
                    column=column,
                )
                yield cell.content, group, where
        else:
            yield block.content, spot.heading, spot.place or spot.heading


def figures(document: Document, words: SheetWords) -> list[Listed]:
    """Every figure of ``document``, in tables and in text, in order, with where it is."""
    out: list[Listed] = []
    for content, group, where in _places(document, words):
        for figure in figures_in(content):
            out.append(Listed(len(out) + 1, figure, group, where))
    return out


def _cells(table: Table) -> Iterator[tuple[int, Row, str, Cell]]:
    """Each cell below the header: its row's number, the row, its column's heading, the cell."""
    header = _header(table)
    for n, row in _body_rows(table):
        column = 0
        for cell in row.cells:
            yield n, row, header[column] if column < len(header) else "", cell
            column += cell.span


@dataclass(frozen=True, slots=True)
class TypedAmount:
    """An amount of money typed into the report's text, not a figure."""

    group: str
    """The table it is in, or the report's heading above the text it is in."""
    where: str
    """Where in that table or under that heading."""
    typed: str
    """As typed, e.g. '£1,234'."""
    amount: Parsed | None
    """Its value as :func:`~reportgen.resolve.amounts.parse_amount` reads it, if it does."""
    context: str
    """The text around it."""
    same: Listed | None
    """The first figure of money with the same value (or printed the same), if any."""


def _texts(nodes: Inlines) -> tuple[str, list[tuple[int, str]]]:
    """The plain text of ``nodes``, and each plain :class:`Text` in it with its offset."""
    full: list[str] = []
    found: list[tuple[int, str]] = []
    size = 0

    def walk(items: Inlines) -> None:
        nonlocal size
        for node in items:
            piece = ""
            match node:
                case Text(text):
                    found.append((size, text))
                    piece = text
                case Strong(children) | Emph(children) | Link(_, children):
                    walk(children)
                case LineBreak():
                    piece = "\n"
                case RefNumber(_, shown) | Figure(_, shown):
                    piece = shown
            full.append(piece)
            size += len(piece)

    walk(nodes)
    return "".join(full), found


def _context(text: str, start: int, end: int, width: int) -> str:
    """The words around ``text[start:end]``, up to ``width`` characters either side."""
    left = max(0, start - width)
    right = min(len(text), end + width)
    if left > 0 and " " in text[left:start]:
        left = text.index(" ", left) + 1
    if right < len(text) and " " in text[end:right]:
        right = text.rindex(" ", end, right)
    shown = " ".join(text[left:right].split())
    return ("…" if left > 0 else "") + shown + ("…" if right < len(text) else "")


def typed_amounts(
    document: Document, listed: Sequence[Listed], words: SheetWords
) -> list[TypedAmount]:
    """Every amount of money typed into ``document``'s plain text (outside figures), in order,
    each with the first figure of ``listed`` that has its value, if one does."""
    money = [item for item in listed if item.figure.kind == "money"]
    width = words.finance.typed.context
    out: list[TypedAmount] = []

    for nodes, group, where in _places(document, words):
        full, texts = _texts(nodes)
        for offset, text in texts:
            for m, amount in find_money(text):
                typed = " ".join(m.group().split())
                same = next(
                    (
                        item
                        for item in money
                        if (amount is not None and item.figure.value == amount.value)
                        or " ".join(item.figure.shown.split()) == typed
                    ),
                    None,
                )
                context = _context(full, offset + m.start(), offset + m.end(), width)
                out.append(TypedAmount(group, where, typed, amount, context, same))
    return out


def _source(where: Location, report: Path, words: FigureWords) -> str:
    """The line of the report a value comes from, or the file and line of another file."""
    file = Path(where.file)
    if file.resolve() == report.resolve():
        return words.line.format(line=where.line) if where.line else ""
    if not where.line:
        return file.name
    return words.elsewhere.format(file=file.name, line=where.line)


# --- building a sheet ---------------------------------------------------------------------------

CellText = str | Inlines


@dataclass(frozen=True, slots=True)
class GroupRow:
    """A row across a sheet's table that heads the rows below it."""

    text: str


def _inlines(content: CellText) -> Inlines:
    return (Text(content),) if isinstance(content, str) else content


def _lines(*parts: CellText) -> Inlines:
    """The non-empty ``parts``, one a line."""
    out: list[Inline] = []
    for part in parts:
        nodes = _inlines(part)
        if not nodes or nodes == (Text(""),):
            continue
        if out:
            out.append(LineBreak())
        out += nodes
    return tuple(out)


def settled(nodes: Inlines) -> Inlines:
    """``nodes`` with each reference to a numbered block as plain text: quoted on a sheet, the
    paragraph it names is not there to point at."""
    out: list[Inline] = []
    for node in nodes:
        match node:
            case RefNumber(_, shown):
                out.append(Text(shown))
            case Strong(children):
                out.append(Strong(settled(children)))
            case Emph(children):
                out.append(Emph(settled(children)))
            case Link(url, children):
                out.append(Link(url, settled(children)))
            case _:
                out.append(node)
    return tuple(out)


class _Sheet:
    """A sheet's blocks, added in order."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []

    def heading(self, level: int, text: str) -> None:
        self.blocks.append(Heading(level, (Text(text),)))

    def para(
        self, content: CellText, role: ParaRole = "body", mark: ListMark | None = None
    ) -> None:
        self.blocks.append(Para(role, _inlines(content), mark))

    def table(
        self,
        title: str,
        columns: Sequence[str],
        rows: Sequence[Sequence[CellText] | GroupRow],
        numeric: Collection[int] = (),
        widths: Sequence[float | None] | None = None,
    ) -> None:
        def cells(row: Sequence[CellText]) -> tuple[Cell, ...]:
            return tuple(Cell(_inlines(c), numeric=i in numeric) for i, c in enumerate(row))

        out = [Row("header", cells(columns))]
        for row in rows:
            if isinstance(row, GroupRow):
                out.append(Row("group", (Cell((Text(row.text),), span=len(columns)),)))
            else:
                out.append(Row("body", cells(row)))
        given = tuple(widths) if widths and len(widths) == len(columns) else ()
        self.blocks.append(Table(tuple(out), given, title))


def _frame(source: Source, name: str, words: SheetWords, landscape: bool) -> tuple[Meta, _Sheet]:
    """The sheet's meta and its first blocks: its heading and the report's particulars."""
    meta = source.document.meta
    title = words.header.title.format(sheet=name, title=meta.title)
    fields = {
        "title": meta.title,
        "committee": meta.committee,
        "date": meta.date_text,
        "agenda_item": meta.agenda_item,
        "reference": meta.reference or "",
        "report_of": meta.report_of,
        "source": source.path.name,
    }
    sheet = _Sheet()
    sheet.heading(1, title)
    for line in words.header.lines:
        used = [f for _, f, _, _ in string.Formatter().parse(line) if f]
        if all(fields[f] for f in used):
            sheet.para(line.format(**fields), "margin")
    return replace(meta, title=title, kind="review", landscape=landscape), sheet


def _document(source: Source, meta: Meta, sheet: _Sheet) -> Document:
    return Document(meta, tuple(sheet.blocks), source.document.list_formats)


def finance_sheet(source: Source, words: SheetWords) -> Document:
    """The finance reviewer's sheet: every figure with its origin, and every amount of money
    typed into the text, flagged."""
    w = words.finance
    meta, sheet = _frame(source, w.name, words, w.landscape)
    listed = figures(source.document, words)
    tables = {d.table.label for d in source.drafts if isinstance(d, DraftTyped)}
    sheet.heading(2, w.figures.heading)
    sheet.para(w.figures.intro)
    if listed:
        rows: list[Sequence[CellText] | GroupRow] = []
        group = None
        for item in listed:
            if item.group != group:
                group = item.group
                rows.append(GroupRow(group))
            figure = item.figure
            origin = figure.origin
            named = ""
            if figure.name is not None:
                pattern = w.figures.table if figure.name in tables else w.figures.named
                named = pattern.format(name=figure.name)
            stated = (
                w.figures.stated.format(value=digits_as_given(origin.stated))
                if origin.stated is not None
                else ""
            )
            where = _source(origin.where, source.path, w.figures)
            rows.append(
                (
                    str(item.number),
                    item.where,
                    figure.shown,
                    digits_as_given(figure.value),
                    figure.kind,
                    _lines(origin.how, named, stated),
                    where,
                )
            )
        sheet.table(w.figures.title, w.figures.columns, rows, {0, 2, 3}, w.figures.widths)
    else:
        sheet.para(w.figures.none)
    typed = typed_amounts(source.document, listed, words)
    t = w.typed
    sheet.heading(2, t.heading)
    sheet.para(t.intro)
    if typed:
        rows = []
        group = None
        for n, amount in enumerate(typed, 1):
            if amount.group != group:
                group = amount.group
                rows.append(GroupRow(group))
            if amount.amount is None:
                check = _lines(t.typed, t.unread)
            elif amount.same is not None:
                check = _lines(t.typed, t.same.format(number=amount.same.number))
            else:
                check = _lines(t.typed, t.no_match)
            value = digits_as_given(amount.amount.value) if amount.amount is not None else ""
            rows.append((str(n), amount.where, amount.typed, value, check, amount.context))
        sheet.table(t.title, t.columns, rows, {0, 2, 3}, t.widths)
    else:
        sheet.para(t.none)
    return _document(source, meta, sheet)


def _quoted(
    sheet: _Sheet,
    title: str,
    columns: Sequence[str],
    blocks: Sequence[tuple[int, Block, Drafted]],
    where: Sequence[Spot],
) -> None:
    """A table of the report's paragraphs ``blocks``: each one's number, and its text."""
    rows: list[tuple[CellText, CellText]] = []
    for i, block, _ in blocks:
        label = where[i].label
        if isinstance(block, Table):
            rows.append((label, where[i].place))
        elif isinstance(block, Heading):
            rows.append(("", (Strong(settled(block.content)),)))
        else:
            rows.append((label, settled(block.content)))
    sheet.table(title, columns, rows)


def legal_sheet(source: Source, words: SheetWords, boilerplate: Boilerplate) -> Document:
    """The legal reviewer's sheet: recommendations, committee, statutory paragraph, background
    papers and the constitutional comment."""
    w = words.legal
    report = source.report
    meta, sheet = _frame(source, w.name, words, w.landscape)
    where = spots(source.document, words)

    sheet.heading(2, w.recommendations.heading)
    recommendations = [b for _, b, _ in source.part("recommendations") if isinstance(b, Para)]
    if not any(para.role == "recommendation" for para in recommendations):
        sheet.para(w.recommendations.none)
    for para in recommendations:  # as the report has them: numbered, with their bullets
        sheet.blocks.append(replace(para, content=settled(para.content), anchor=None))

    sheet.heading(2, w.committee.heading)
    sheet.para(
        w.committee.text.format(
            committee=meta.committee, date=meta.date_text, agenda_item=meta.agenda_item
        )
    )

    sheet.heading(2, w.statutory.heading)
    wording = boilerplate.statutory.wordings.get(report.statutory.wording)
    areas = report.statutory.areas or (wording.areas if wording else [])
    if areas:
        sheet.para(w.statutory.areas)
        for area in areas:
            sheet.para(area, "bullet", ListMark("bullet", "areas", 0, "•"))
    else:
        sheet.para(w.statutory.none)
    statutory = [p for p in source.part("statutory") if isinstance(p[1], Para)]
    if statutory:
        _quoted(sheet, w.statutory.title, w.quoted_columns, statutory, where)

    sheet.heading(2, w.papers.heading)
    papers: list[tuple[CellText, CellText, CellText]] = []
    for _, block, draft in source.part("background_papers"):
        index = draft.path[1] if len(draft.path) > 1 else None
        if not isinstance(block, Para) or not isinstance(index, int):
            continue  # the 'None' the report prints when it lists no papers
        entry = report.background_papers[index]
        url = entry.url if isinstance(entry, Paper) else None
        content = settled(block.content)
        if url:  # printed as the title, then the address: the title alone
            cut = next((k for k, node in enumerate(content) if isinstance(node, LineBreak)), None)
            title = content[:cut] if cut is not None else content
            papers.append((title, w.papers.published, (Link(url, (Text(url),)),)))
        else:
            papers.append((content, w.papers.unpublished, ""))
    if papers:
        sheet.table(w.papers.title, w.papers.columns, papers)
    else:
        sheet.para(w.papers.none)

    sheet.heading(2, w.comment.heading)
    comment = source.part("comments", w.comment.kind)
    heads = [block for _, block, draft in comment if len(draft.path) == 2]
    body = [part for part in comment if len(part[2].path) > 2]
    if heads and isinstance(heads[0], Heading):
        sheet.para(settled(heads[0].content))
    if body:
        _quoted(sheet, w.comment.title, w.quoted_columns, body, where)
    elif not heads:
        sheet.para(w.comment.none)
    return _document(source, meta, sheet)


def _column_keys(table: TypedTable) -> list[tuple[str, Column]]:
    """Each printed column of a typed table with its key, in order (hidden ones left out)."""
    out: list[tuple[str, Column]] = []
    for entry in table.columns:
        column = entry if isinstance(entry, Column) else Column(title=entry)
        if not column.hidden:
            out.append((column.key or slug(column.title), column))
    return out


@dataclass(frozen=True, slots=True)
class PostTable:
    """A table of the report that lists posts, and the columns that say what each post is."""

    index: int
    """The table's block in the report's document."""
    table: Table
    title: int | None
    grade: int
    fte: int
    details: tuple[int, ...]
    """Other columns: dates, basis, team …"""
    costs: tuple[int, ...]
    """The money columns."""


def post_tables(source: Source, words: SheetWords) -> list[PostTable]:
    """The report's typed tables that have a grade and an FTE column, in order."""
    w = words.hr.posts
    out: list[PostTable] = []
    for i, (block, draft) in enumerate(zip(source.document.blocks, source.drafts, strict=True)):
        if not isinstance(draft, DraftTyped) or not isinstance(block, Table):
            continue
        columns = _column_keys(draft.table)
        if len(columns) != len(_header(block)):
            continue
        pays = [c.pay for c in draft.table.columns if isinstance(c, Column) and c.pay is not None]
        pay_grades = {pay.grade for pay in pays}
        pay_ftes = {pay.fte for pay in pays}

        def find(keys: set[str], names: list[str], cols: list[tuple[str, Column]]) -> int | None:
            for k, (key, column) in enumerate(cols):
                if key in keys or key in names or slug(column.title) in names:
                    return k
            return None

        grade = find(pay_grades, w.grade, columns)
        fte = find(pay_ftes, w.fte, columns)
        if grade is None or fte is None:
            continue
        title = find(set(), w.job_title, columns)
        if title is None:
            title = next(
                (
                    k
                    for k, (_, column) in enumerate(columns)
                    if column.type == "text" and k not in (grade, fte)
                ),
                None,
            )
        costs = tuple(k for k, (_, column) in enumerate(columns) if column.type == "money")
        taken = {grade, fte, title, *costs}
        details = tuple(k for k in range(len(columns)) if k not in taken)
        out.append(PostTable(i, block, title, grade, fte, details, costs))
    return out


def hr_sheet(source: Source, words: SheetWords) -> Document:
    """The HR reviewer's sheet: every post in the report's tables, and the human resources
    implications."""
    w = words.hr
    meta, sheet = _frame(source, w.name, words, w.landscape)
    where = spots(source.document, words)
    sheet.heading(2, w.posts.heading)
    found = post_tables(source, words)
    if found:
        sheet.para(w.posts.intro)
    else:
        sheet.para(w.posts.none)
    for posts in found:
        spot = where[posts.index]
        header = _header(posts.table)
        order = [
            *([posts.title] if posts.title is not None else []),
            posts.grade,
            posts.fte,
            *posts.details,
            *posts.costs,
        ]
        columns = [w.posts.row, *(header[k] for k in order)]
        numeric = {0, 1 + order.index(posts.fte), *(1 + order.index(k) for k in posts.costs)}
        rows: list[Sequence[CellText] | GroupRow] = []
        group: GroupRow | None = None
        for n, row in _body_rows(posts.table):
            if row.role == "group":
                group = GroupRow(_row_label(row))
                continue
            cells = _spread(row, lambda cell: cell.content)
            grade, fte = cells[posts.grade], cells[posts.fte]
            if row.role != "body" or not (grade or fte) or any(figures_in(grade)):
                continue  # not a post: a sum, or a row whose 'grade' is an amount
            if group is not None:  # the report's group heading, above its first post
                rows.append(group)
                group = None
            rows.append([str(n), *(settled(cells[k]) for k in order)])
        if not rows:
            continue
        sheet.heading(3, w.posts.table_heading.format(table=spot.place, heading=spot.heading))
        if spot.near:
            sheet.para(w.posts.place.format(place=spot.near))
        sheet.table(w.posts.title.format(table=spot.place), columns, rows, numeric)

    sheet.heading(2, w.implications.heading)
    section = [p for p in source.part("implications", w.implications.area) if len(p[2].path) > 2]
    if section:
        _quoted(sheet, w.implications.title, w.quoted_columns, section, where)
    else:
        sheet.para(w.implications.none)
    return _document(source, meta, sheet)


def sheet(source: Source, kind: str, words: SheetWords, boilerplate: Boilerplate) -> Document:
    """The ``kind`` reviewer's sheet (one of :data:`~reportgen.boilerplate.SHEET_KINDS`) of
    the report ``source``."""
    named = sheet_named(kind)
    if isinstance(named, Problem):
        raise ReportError((named,))
    if kind == "finance":
        return finance_sheet(source, words)
    if kind == "legal":
        return legal_sheet(source, words, boilerplate)
    return hr_sheet(source, words)


def beside(report: Path, reviewer: str) -> Path:
    """Where ``reportgen review`` writes the ``reviewer``'s sheet without ``-o``: beside the
    report, named after it, ``REPORT.REVIEWER-review.docx``."""
    return report.with_name(f"{report.stem}.{reviewer}-review.docx")


def kind_problem(given: Sequence[str]) -> ReportError | None:
    """The problem with the sheets asked for on the command line (each as it was spelled, e.g.
    ``--reviewer financial``), unless exactly one was."""
    if not given:
        problem = Problem(
            "O520",
            "say whose review sheet to write",
            _COMMAND_LINE,
            "give --reviewer KIND, a kind of reviewers.yaml, e.g. --reviewer financial",
        )
    elif len(given) > 1:
        problem = Problem(
            "O521",
            f"one review sheet at a time: {' and '.join(given)} were given",
            _COMMAND_LINE,
            "give one of them, and run the command again for the other",
        )
    else:
        return None
    return ReportError((problem,))
