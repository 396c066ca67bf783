"""A resolved :class:`~reportgen.document.Document` as the data the Typst template prints.

The template (reportgen/templates/report.typ) is the only Typst code: this module never writes
Typst source. It turns the document into JSON (plain strings, numbers and lists), which the
template reads from ``sys.inputs`` and prints, every string as text. Nothing an author writes
can therefore become Typst markup or code: ``#read("/etc/passwd")`` in a paragraph prints as
those characters.

Like the other writers it decides nothing: each number is the resolver's label in its level's
pattern (the HTML writer's rule, :class:`reportgen.writers.html._Numbers`), each figure is
printed as ``shown``, and what keeps with the block after it is :mod:`reportgen.writers.flow`'s
decision, the Word writer's too. Pictures and charts become files of the compile's root
folder, named here (``/picture-1.png``); :mod:`reportgen.writers.typst.compile` writes them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from reportgen.document import (
    Block,
    Callout,
    Cell,
    Chart,
    Document,
    Emph,
    Figure,
    Heading,
    Inlines,
    LineBreak,
    Link,
    Look,
    Para,
    Picture,
    RefNumber,
    Row,
    Strong,
    Table,
    Text,
)
from reportgen.writers import flow
from reportgen.writers.html import _Numbers

FONTS = ("Arial", "Liberation Sans", "Arimo", "DejaVu Sans")
"""The fonts the text is set in after the profile's own, the first one found: Arial as the
Word template has it, then fonts of the same widths (Liberation Sans, Arimo) where Arial is
missing, then DejaVu Sans, which Debian always has."""

MARGINS_CM = {"top": 2.0, "bottom": 2.0, "left": 2.2, "right": 2.2}
"""The page's margins, as the Word template sets them (1134 and 1247 twentieths of a point)."""

BODY_POINTS = 12.0
"""The Word template's body text size, for a profile that sets none."""

TABLE_POINTS = 11.0
"""The Word template's table text size (its Table Text style)."""

_SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:")
"""Links to anything else (``javascript:``, ``file:``…) print as their text only."""

_EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/svg+xml": "svg"}

# Indents in centimetres as the Word template's styles set them: (number's indent, text's
# distance from the number), by role and level.
_NUMBERED = {"numbered": (0.0, 1.0), "recommendation": (0.0, 1.0), "item": (1.0, 1.0)}
_BULLET_INDENTS = ((1.4, 0.6), (2.0, 0.6), (2.6, 0.6))
_TEXT_INDENT = {"body": 1.0, "caption": 1.0, "quote": 1.0, "quote-source": 2.0}


@dataclass(slots=True)
class Source:
    """What the template is given: the document's data and the files it names."""

    data: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)
    """Each file of the root folder by its name there (``picture-1.png``)."""

    def json(self) -> str:
        """The data as the template reads it from ``sys.inputs.document``."""
        return json.dumps(self.data, ensure_ascii=False, separators=(",", ":"))


def fonts(look: Look) -> list[str]:
    """The font families to try, in order: the profile's, then :data:`FONTS`."""
    return list(dict.fromkeys([*([look.font] if look.font else []), *FONTS]))


def language(tag: str) -> tuple[str, str | None]:
    """``en-GB`` as Typst's ``lang`` and ``region``: ``("en", "GB")``."""
    lang, _, region = tag.partition("-")
    return lang.lower(), region.upper() or None


def document_source(document: Document, footer: str) -> Source:
    """The data of ``document`` for the template, with ``footer`` the page footer's wording
    (``{page}`` and ``{pages}`` in it)."""
    return _Maker(document).source(footer)


class _Maker:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.numbers = _Numbers(document)
        self.files: dict[str, bytes] = {}
        self.targets = self._targets(document.blocks)
        self.lift = self._lift(document)

    @staticmethod
    def _lift(document: Document) -> int:
        """How many levels every heading is raised by, so that the first is of level 1, as
        PDF/UA-1 requires (an appendix with a cover page may begin at level 2): the tags' order
        of levels is kept, and a contents page's own heading, of level 1, comes first."""
        if document.meta.contents is not None:
            return 0
        first = next((b.level for b in document.blocks if isinstance(b, Heading)), 1)
        return max(first - 1, 0)

    @staticmethod
    def _targets(blocks: Sequence[Block]) -> set[str]:
        """The anchors that a label is printed for, which references may link to."""
        return {
            block.anchor
            for block in blocks
            if isinstance(block, Heading | Para | Picture | Chart) and block.anchor
        }

    def source(self, footer: str) -> Source:
        meta = self.document.meta
        look = meta.look
        lang, region = language(meta.language)
        size = look.text_size or BODY_POINTS
        logo: str | None = None
        if look.logo is not None:
            logo = self._file("logo", look.logo.data, look.logo.media_type)
        lines = [meta.committee, meta.date_text] if not meta.header else []
        data: dict[str, Any] = {
            "meta": {
                "title": meta.title,
                "kind": meta.kind,
                "council": meta.council,
                "keywords": [k for k in (meta.committee, meta.reference) if k],
                "lang": lang,
                "region": region,
                "landscape": meta.landscape,
                "header": [{"name": h.name, "style": h.style, "text": h.text} for h in meta.header],
                "lines": [line for line in lines if line],
                "logo": logo,
                "logo_width": look.logo.width_cm if look.logo is not None else None,
                "cover": None
                if meta.cover is None
                else {
                    "lines": list(meta.cover.lines),
                    "marking": meta.cover.marking,
                    "subtitle": meta.cover.subtitle,
                },
                "contents": None
                if meta.contents is None
                else {
                    "heading": meta.contents.heading,
                    "entries": [
                        {"level": e.level, "text": e.text, "anchor": e.anchor}
                        for e in meta.contents.entries
                        if e.anchor in self.targets
                    ],
                },
            },
            "look": {
                "fonts": fonts(look),
                "size": size,
                "heading_colour": look.heading_colour,
                "accent_colour": look.accent_colour,
                "margins": MARGINS_CM,
                "footer": footer,
            },
            "blocks": self._blocks(),
        }
        return Source(data, self.files)

    def _blocks(self) -> list[dict[str, Any]]:
        blocks = self.document.blocks
        out: list[dict[str, Any]] = []
        turned: dict[str, Any] | None = None
        starts = {start: end for start, end in self.document.landscape}
        end = -1
        kept = flow.keeps_with_next(blocks)
        for i, block in enumerate(blocks):
            if turned is not None and i >= end:
                turned = None
            if i in starts:
                turned, end = {"t": "landscape", "blocks": []}, starts[i]
                out.append(turned)
            printed = self._block(block)
            if i in kept:  # on the page of the block after it, as the Word writer keeps it
                printed["sticky"] = True
            (turned["blocks"] if turned is not None else out).append(printed)
        return out

    def _block(self, block: Block) -> dict[str, Any]:
        match block:
            case Heading():
                return {
                    "t": "heading",
                    "level": min(max(block.level - self.lift, 1), 6),
                    "number": self.numbers.shown(block.mark) if block.mark else None,
                    "content": self._inlines(block.content),
                    "new_page": block.new_page,
                    "anchor": block.anchor,
                }
            case Para():
                return self._para(block)
            case Table():
                return self._table(block)
            case Picture() | Chart():
                return self._picture(block)
            case Callout():
                return {
                    "t": "callout",
                    "figure": self._inlines(block.figure),
                    "content": self._inlines(block.content),
                    "source": self._inlines(block.source),
                }
        raise AssertionError(f"a block the Typst writer does not know: {block!r}")

    def _para(self, block: Para) -> dict[str, Any]:
        number = self.numbers.shown(block.mark) if block.mark is not None else None
        level = block.mark.level if block.mark is not None else 0
        if block.role == "bullet":
            indent, hang = _BULLET_INDENTS[min(level, len(_BULLET_INDENTS) - 1)]
        elif number is not None:
            indent, hang = _NUMBERED.get(block.role, (0.0, 1.0))
            if block.role == "numbered" and level > 0:
                indent = 1.0 * level
        else:
            indent, hang = _TEXT_INDENT.get(block.role, 0.0), 0.0
        return {
            "t": "para",
            "role": block.role,
            "number": number,
            "level": level,
            "indent": indent,
            "hang": hang,
            "content": self._inlines(block.content),
            "anchor": block.anchor,
        }

    def _table(self, block: Table) -> dict[str, Any]:
        columns = max((sum(c.span for c in row.cells) for row in block.rows), default=1)
        widths = list(block.widths) + [None] * (columns - len(block.widths))
        wide = self.document.meta.look.wide_tables
        size = wide[1] if wide is not None and columns >= wide[0] else TABLE_POINTS
        return {
            "t": "table",
            "title": block.title,
            "widths": widths[:columns],
            "size": size,
            "rows": [self._row(row) for row in block.rows],
        }

    def _row(self, row: Row) -> dict[str, Any]:
        return {"role": row.role, "cells": [self._cell(c) for c in row.cells if not c.continued]}

    def _cell(self, cell: Cell) -> dict[str, Any]:
        return {
            "content": self._inlines(cell.content),
            "numeric": cell.numeric,
            "header": cell.header,
            "colspan": cell.span,
            "rowspan": cell.rows,
            "paragraphs": [
                {
                    "number": self.numbers.shown(p.mark) if p.mark is not None else None,
                    "level": p.mark.level if p.mark is not None else 0,
                    "content": self._inlines(p.content),
                }
                for p in cell.paragraphs
            ],
        }

    def _picture(self, block: Picture | Chart) -> dict[str, Any]:
        if isinstance(block, Picture):
            data, media_type = block.image.data, block.image.media_type
            width = block.width_cm
        else:
            from reportgen.writers import charts

            data, media_type = charts.draw(block, "svg"), "image/svg+xml"
            width = charts.size_cm(block)[0]
        return {
            "t": "picture",
            "src": self._file("picture", data, media_type),
            "alt": block.alt,
            "width": width,
            "caption": self._inlines(block.caption),
            "anchor": block.anchor,
        }

    def _file(self, stem: str, data: bytes, media_type: str) -> str:
        name = f"{stem}-{len(self.files) + 1}.{_EXTENSIONS.get(media_type, 'png')}"
        self.files[name] = data
        return "/" + name

    def _inlines(self, nodes: Inlines) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for node in nodes:
            match node:
                case Text(text):
                    out.append({"t": "text", "v": text})
                case Strong(children):
                    out.append({"t": "strong", "c": self._inlines(children)})
                case Emph(children):
                    out.append({"t": "emph", "c": self._inlines(children)})
                case Link(url, children):
                    if url.lower().startswith(_SAFE_SCHEMES):
                        out.append({"t": "link", "url": url, "c": self._inlines(children)})
                    else:
                        out.extend(self._inlines(children))
                case LineBreak():
                    out.append({"t": "br"})
                case RefNumber(anchor, shown):
                    out.append(
                        {"t": "ref", "v": shown, "anchor": anchor, "target": anchor in self.targets}
                    )
                case Figure(shown=shown):
                    out.append({"t": "text", "v": shown})
        return out
