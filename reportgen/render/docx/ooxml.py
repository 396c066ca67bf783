"""The raw WordprocessingML python-docx has no API for: lists, bookmarks, REF fields, hyperlinks.

Everything here speaks the schema's names (``w:abstractNum``, ``w:numPr``, ``w:fldChar``…) so
the rest of the writer can speak the report's. Each function adds one construct to a
``w:p`` element; none decides what a number is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, cast

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.text.paragraph import CT_P
from docx.oxml.text.run import CT_R
from lxml import etree

from reportgen.document import LevelFormat, ListFormat


def _level_xml(ilvl: int, level: LevelFormat, indent: Indent) -> str:
    text = re.sub(r"\{(\d)\}", r"%\1", level.pattern)
    left, hanging = indent
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/>'
        f'<w:numFmt w:val="{level.format}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr>'
        "</w:lvl>"
    )


Indent = tuple[int, int]
"""A paragraph's left and hanging indents, in twentieths of a point."""


def style_indent(style: etree._Element | None) -> Indent:
    """The left and hanging indent a paragraph style sets, (0, 0) where it sets none."""
    ind = None if style is None else style.find(f"{qn('w:pPr')}/{qn('w:ind')}")
    if ind is None:
        return (0, 0)
    left = int(ind.get(qn("w:left")) or ind.get(qn("w:start")) or 0)
    hanging = int(ind.get(qn("w:hanging")) or 0) - int(ind.get(qn("w:firstLine")) or 0)
    return (left, max(hanging, 0))


class Lists:
    """The document's list definitions (numbering.xml): one list per sequence instance.

    Each instance gets its own ``w:abstractNum`` and ``w:num``, so every instance counts from 1
    in Word and LibreOffice alike, and paragraphs of one instance count on across the document.
    Each level takes its indentation from the template's paragraph style for that level, so the
    template stays in charge of the look.
    """

    def __init__(self, numbering: etree._Element) -> None:
        self.numbering = numbering
        used = [int(e.get(qn("w:abstractNumId")) or 0) for e in numbering.iter(qn("w:abstractNum"))]
        used += [int(e.get(qn("w:numId")) or 0) for e in numbering.iter(qn("w:num"))]
        self.next_id = max(used, default=0) + 1
        self.instances: dict[str, int] = {}

    def num_id(self, instance: str, fmt: ListFormat, indents: Sequence[Indent]) -> int:
        """The ``w:numId`` of ``instance``, defining it on first use with ``indents`` by level."""
        if instance in self.instances:
            return self.instances[instance]
        ident = self.next_id
        self.next_id += 1
        levels = "".join(
            _level_xml(i, level, indent)
            for i, (level, indent) in enumerate(zip(fmt.levels, indents, strict=True))
        )
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{ident}">'
            f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'
        )
        existing = self.numbering.find(qn("w:num"))
        if existing is not None:
            existing.addprevious(abstract)  # every abstractNum must precede every num
        else:
            self.numbering.append(abstract)
        num = f'<w:num {nsdecls("w")} w:numId="{ident}"><w:abstractNumId w:val="{ident}"/></w:num>'
        self.numbering.append(parse_xml(num))
        self.instances[instance] = ident
        return ident


def set_list(p: CT_P, num_id: int, level: int) -> None:
    """Make paragraph ``p`` an item of list ``num_id`` at ``level``."""
    ppr: Any = p.get_or_add_pPr()  # python-docx makes get_or_add_numPr at run time
    num_pr = ppr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


def bookmark(p: CT_P, ident: int, name: str) -> None:
    """Put a bookmark named ``name`` around everything in paragraph ``p``."""
    start = parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{ident}" w:name="{name}"/>')
    ppr = p.pPr
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{ident}"/>'))


def _run(rpr: str, inner: str) -> CT_R:
    return cast(CT_R, parse_xml(f"<w:r {nsdecls('w')}>{rpr}{inner}</w:r>"))


def ref_field(parent: etree._Element, name: str, shown: str, rpr: str) -> None:
    """Append a ``REF name \\r \\h`` field showing ``shown``: the target's paragraph number.

    The cached result is written already right, so Word shows it on opening without asking to
    update fields; updating (or LibreOffice's PDF export) recomputes it from the bookmark.
    """
    parent.append(_run(rpr, '<w:fldChar w:fldCharType="begin"/>'))
    parent.append(
        _run(rpr, f'<w:instrText xml:space="preserve"> REF {name} \\r \\h </w:instrText>')
    )
    parent.append(_run(rpr, '<w:fldChar w:fldCharType="separate"/>'))
    text_run(parent, shown, rpr)
    parent.append(_run(rpr, '<w:fldChar w:fldCharType="end"/>'))


def hyperlink(p: CT_P, part: Part, url: str) -> etree._Element:
    """Append an external hyperlink to ``url`` to paragraph ``p``; returns it to fill with runs."""
    r_id = part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = parse_xml(f'<w:hyperlink {nsdecls("w", "r")} r:id="{r_id}" w:history="1"/>')
    p.append(link)
    return link


def run_properties(bold: bool, italic: bool, style_id: str | None) -> str:
    """The ``w:rPr`` XML for a run, or "" when it has no properties."""
    inner = (
        (f'<w:rStyle w:val="{style_id}"/>' if style_id else "")
        + ("<w:b/>" if bold else "")
        + ("<w:i/>" if italic else "")
    )
    return f"<w:rPr>{inner}</w:rPr>" if inner else ""


def text_run(parent: etree._Element, text: str, rpr: str) -> None:
    """Append a run of ``text`` with properties ``rpr``, keeping its spaces."""
    run = _run(rpr, "")
    t = etree.SubElement(run, qn("w:t"))
    t.text = text
    if text != text.strip():
        t.set(qn("xml:space"), "preserve")
    parent.append(run)


def line_break(parent: etree._Element, rpr: str) -> None:
    """Append a line break."""
    parent.append(_run(rpr, "<w:br/>"))


def repeat_header(tr: etree._Element) -> None:
    """Mark a table row as a header row, repeated on every page the table runs onto."""
    trpr = tr.find(qn("w:trPr"))
    if trpr is None:
        trpr = etree.SubElement(tr, qn("w:trPr"))
        tr.insert(0, trpr)
    etree.SubElement(trpr, qn("w:tblHeader"))
