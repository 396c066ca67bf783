"""A report as the review sheets read it: its model, its resolved document, and for each block
the part of the report it was made from, and where it is said for a reader.

Every block of a resolved :class:`~reportgen.document.Document` knows the place in the YAML it
was made from (its ``where``, whose path names its section: ``("background_papers", 1)``), so a
sheet finds a part of the report by its path, and a typed table's model by the table's path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from reportgen.boilerplate import Boilerplate
from reportgen.document import (
    Block,
    Cell,
    Chart,
    Document,
    Heading,
    Para,
    Picture,
    Row,
    Table,
    numbered_as,
    plain_text,
)
from reportgen.errors import PathPart, YamlPath
from reportgen.model import Report
from reportgen.model_figures import TypedTable
from reportgen.pipeline import load_report
from reportgen.resolve.numbering import is_own_list
from reportgen.review_words import PlaceWords, SheetWords

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Source:
    """A report as a sheet reads it: its file, its model and its resolved document."""

    path: Path
    report: Report
    document: Document

    def part(self, *prefix: PathPart) -> list[tuple[int, Block, YamlPath]]:
        """The blocks (with their index and YAML path) made from the report at ``prefix``."""
        n = len(prefix)
        return [
            (i, block, path)
            for i, block in enumerate(self.document.blocks)
            if (path := block_path(block))[:n] == prefix
        ]

    def typed_tables(self) -> dict[int, TypedTable]:
        """The model of each typed table of the document, by its block's index."""
        out: dict[int, TypedTable] = {}
        for i, block in enumerate(self.document.blocks):
            if isinstance(block, Table):
                model = _at(self.report, block_path(block))
                if isinstance(model, TypedTable):
                    out[i] = model
        return out


def block_path(block: Block) -> YamlPath:
    """The YAML path ``block`` was made from; empty for standard wording of no place."""
    return block.where.path if block.where is not None else ()


def _at(report: Report, path: YamlPath) -> object:
    """The part of ``report``'s model at YAML ``path``, or None when there is none."""
    here: object = report
    for part in path:
        if isinstance(part, int):
            if not isinstance(here, list) or not 0 <= part < len(here):
                return None
            here = here[part]
        elif isinstance(here, dict):
            here = here.get(part)
        else:
            here = getattr(here, part, None)
    return here


def read_report(path: Path, boilerplate: Boilerplate) -> Source:
    """Load and resolve the report at ``path`` (with its reviewers' comment files) for a sheet;
    raises one error with every problem, as a build would."""
    loaded = load_report(path, boilerplate)
    return Source(path, loaded.report, loaded.resolve(boilerplate))


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
        if isinstance(block, Picture | Chart):  # a figure: named by its caption
            near = Spot(heading, after, "").text(places)
            out.append(Spot(heading, plain_text(block.content) or near, "", near))
            continue
        mark = block.mark if isinstance(block, Para) else None  # a call-out has none
        unit = numbered_as(block)  # a recommendation, or a paragraph its items follow
        if unit is not None and unit[0] == "recommendation":
            last = places.recommendation.format(number=unit[1])
            last_label = labels.recommendation.format(number=unit[1])
            out.append(Spot(heading, last, last_label))
        elif unit is not None:
            number = unit[1]
            last = places.paragraph.format(number=number)
            last_label = labels.paragraph.format(number=number)
            out.append(Spot(heading, last, last_label))
        elif mark is not None and (
            mark.kind in ("paragraph", "recommendation") or is_own_list(mark.kind)
        ):
            last = places.item.format(number=number, letter=mark.label)
            last_label = labels.item.format(number=number, letter=mark.label)
            out.append(Spot(heading, last, last_label))
        elif isinstance(block, Para) and block.role == "bullet":
            place = places.bullet.format(place=last) if last else ""
            label = labels.bullet.format(label=last_label) if last_label else ""
            out.append(Spot(heading, place, label))
        else:
            label = labels.other.format(label=last_label) if last_label else ""
            out.append(Spot(heading, after, label))
    return out


def header(table: Table) -> list[str]:
    """The column headings of ``table``, one a column."""
    for row in table.rows:
        if row.role == "header":
            return spread(row, lambda cell: " ".join(plain_text(cell.content).split()))
    return []


def spread(row: Row, each: Callable[[Cell], _T]) -> list[_T]:
    """``each`` of the cells of ``row``, one a column (a spanning cell counted once a column)."""
    return [each(cell) for cell in row.cells for _ in range(cell.span)]


def row_label(row: Row) -> str:
    """The text of a row's first text cell: 'Social Workers', 'TOTAL'."""
    for cell in row.cells:
        text = " ".join(plain_text(cell.content).split())
        if text and not cell.numeric:
            return text
    return ""


def body_rows(table: Table) -> Iterator[tuple[int, Row]]:
    """Each row below the header, numbered from 1 as a reader counts them."""
    n = 0
    for row in table.rows:
        if row.role != "header":
            n += 1
            yield n, row
