"""Lay out what a designed document adds to the text: call-out boxes, a cover, a contents page.

A call-out (:class:`~reportgen.model_design.Callout`) is drafted where it stands and printed as
a box; a cover and a contents page open an appendix document that asks for them. The contents
page lists the document's main sections, each linked to its heading by an id given here; the
pages they land on are not known until a layout has run, so its entries leave them ``None``
for :mod:`reportgen.writers.contents_pages` to fill.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from reportgen.document import (
    Block,
    Callout,
    Contents,
    ContentsEntry,
    Cover,
    Document,
    Heading,
    Inlines,
    plain_text,
)
from reportgen.errors import Location, Problems, YamlPath
from reportgen.model_design import Callout as CalloutSpec
from reportgen.model_design import Cover as CoverSpec

CONTENTS_LEVEL = 2
"""The level of the headings a contents page lists: an appendix document's main sections (its
title is level 1)."""


@dataclass(frozen=True, slots=True)
class DraftCallout:
    """A call-out box whose texts are still author source."""

    spec: CalloutSpec
    path: YamlPath


def cover(spec: CoverSpec, title: str) -> Cover:
    """The cover of ``spec``; without title lines of its own, ``title``'s."""
    return Cover(tuple(spec.title) or (title,), spec.marking, spec.subtitle)


def callout(
    draft: DraftCallout, content: Callable[[str, YamlPath], Inlines], where: Location
) -> Callout:
    """The call-out box of ``draft``, its texts resolved by ``content``."""
    spec, path = draft.spec, draft.path
    figure = content(spec.figure, (*path, "figure")) if spec.figure else ()
    source = content(spec.source, (*path, "source")) if spec.source else ()
    return Callout(content(spec.callout, (*path, "callout")), figure, source, where)


def _slug(text: str) -> str:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(words)[:40].rstrip("-") or "section"


def contents(
    blocks: Sequence[Block], page: Contents, where: Location, problems: Problems
) -> tuple[list[Block], Contents]:
    """``blocks``, each main heading given the id its line on the contents page links to, and
    ``page`` with those lines. A contents page with no heading to list is a problem (S260)
    at ``where``."""
    taken: set[str] = set()
    entries: list[ContentsEntry] = []
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Heading) and block.level == CONTENTS_LEVEL:
            text = " ".join(plain_text(block.content).split())
            anchor = base = f"section-{_slug(text)}"
            n = 1
            while anchor in taken:
                n += 1
                anchor = f"{base}-{n}"
            taken.add(anchor)
            entries.append(ContentsEntry(1, text, anchor))
            block = replace(block, anchor=anchor)
        out.append(block)
    if not entries:
        problems.add(
            "S260",
            "the contents page has no heading to list",
            where,
            "give the document headings (- heading: …), or leave 'contents: true' out",
        )
    return out, replace(page, entries=tuple(entries))


def with_pages(document: Document, pages: dict[str, int]) -> Document:
    """``document`` with each contents line given the page of its heading, from ``pages`` (by
    anchor), as a layout found them."""
    page = document.meta.contents
    if page is None:
        return document
    entries = tuple(replace(e, page=pages.get(e.anchor, e.page)) for e in page.entries)
    return replace(document, meta=replace(document.meta, contents=replace(page, entries=entries)))
