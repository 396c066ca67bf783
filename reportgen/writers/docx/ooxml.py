"""The raw WordprocessingML python-docx has no API for: lists, bookmarks, fields, tables.

Everything here speaks the schema's names (``w:abstractNum``, ``w:numPr``, ``w:fldChar``,
``w:tblPr``…) so the rest of the writer can speak the report's. Each function adds one construct
to an element, or reads one setting from a style; none decides what a number or a width is.
"""

from __future__ import annotations

import copy
import re
import weakref
from collections.abc import Sequence
from typing import Any, Literal, cast

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
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


def paragraph(style_id: str) -> CT_P:
    """A new ``w:p`` of style ``style_id``, its ``w:pPr`` written directly (no search)."""
    p = cast(CT_P, OxmlElement("w:p"))
    ppr = etree.SubElement(p, qn("w:pPr"))
    etree.SubElement(ppr, qn("w:pStyle")).set(qn("w:val"), style_id)
    return p


def set_list(p: CT_P, num_id: int, level: int) -> None:
    """Make paragraph ``p`` an item of list ``num_id`` at ``level``."""
    ppr: Any = p.pPr
    if ppr is not None and len(ppr) == 1 and ppr[0].tag == _PSTYLE:
        # a fresh paragraph (:func:`paragraph`): w:numPr goes straight after its w:pStyle
        num_pr = etree.SubElement(ppr, qn("w:numPr"))
        etree.SubElement(num_pr, qn("w:ilvl")).set(_VAL, str(level))
        etree.SubElement(num_pr, qn("w:numId")).set(_VAL, str(num_id))
        return
    ppr = p.get_or_add_pPr()  # python-docx makes get_or_add_numPr at run time
    num_pr = ppr.get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = level
    num_pr.get_or_add_numId().val = num_id


def keep_with_next(p: CT_P) -> None:
    """Keep paragraph ``p`` on the same page as what follows it (``w:keepNext``)."""
    ppr: Any = p.get_or_add_pPr()  # python-docx puts w:keepNext in its place in w:pPr
    ppr.get_or_add_keepNext()


def indent(p: CT_P, left: int, hanging: int | None = None) -> None:
    """Set paragraph ``p``'s left indent to ``left`` twips, whatever its style says, and its
    first line's hanging indent when given (a list item's number hangs in it)."""
    ppr: Any = p.get_or_add_pPr()  # python-docx puts w:ind in its place in w:pPr
    ind = ppr.get_or_add_ind()
    ind.set(qn("w:left"), str(left))
    if hanging is not None:
        ind.set(qn("w:hanging"), str(hanging))


def space_before(p: CT_P, twips: int) -> None:
    """Leave ``twips`` (twentieths of a point) above paragraph ``p`` (``w:spacing/@w:before``)."""
    ppr: Any = p.get_or_add_pPr()  # python-docx puts w:spacing in its place in w:pPr
    ppr.get_or_add_spacing().set(qn("w:before"), str(twips))


def bookmark(p: CT_P, ident: int, name: str) -> None:
    """Put a bookmark named ``name`` around everything in paragraph ``p``."""
    start = parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="{ident}" w:name="{name}"/>')
    ppr = p.pPr
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="{ident}"/>'))


_PSTYLE = qn("w:pStyle")
_R, _T, _SPACE = qn("w:r"), qn("w:t"), qn("xml:space")
_VAL = qn("w:val")
_PARSED: dict[str, etree._Element] = {}
"""Run and cell XML, parsed once and copied for every element like it: a document has few
distinct runs (plain, bold, italic, link) and cells (by width, span, style)."""
_PARSED_KEEP = 4096


def _copy_of(xml: str) -> Any:
    """A new element made from ``xml``, parsed the first time it is asked for."""
    template = _PARSED.get(xml)
    if template is None:
        if len(_PARSED) >= _PARSED_KEEP:
            _PARSED.clear()
        template = _PARSED[xml] = parse_xml(xml)
    return copy.deepcopy(template)


def _run(rpr: str, inner: str) -> CT_R:
    return cast(CT_R, _copy_of(f"<w:r {nsdecls('w')}>{rpr}{inner}</w:r>"))


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


class _Links:
    """A part's external hyperlink relationships by address, and its lowest free rId."""

    def __init__(self, part: Part) -> None:
        self.by_url: dict[str, str] = {
            rel.target_ref: r_id
            for r_id, rel in part.rels.items()
            if rel.is_external and rel.reltype == RT.HYPERLINK
        }
        self.next = 1

    def rid(self, part: Part, url: str) -> str:
        """The rId of the link to ``url``, added to ``part`` when it is new."""
        r_id = self.by_url.get(url)
        if r_id is None:
            while f"rId{self.next}" in part.rels:
                self.next += 1
            r_id = self.by_url[url] = f"rId{self.next}"
            part.rels.add_relationship(RT.HYPERLINK, url, r_id, is_external=True)
        return r_id


_LINKS: weakref.WeakKeyDictionary[Part, _Links] = weakref.WeakKeyDictionary()
"""Each document part's links, while the part is being written."""


def hyperlink(p: CT_P, part: Part, url: str) -> etree._Element:
    """Append an external hyperlink to ``url`` to paragraph ``p``; returns it to fill with runs.

    The relationship gets the id python-docx's ``relate_to`` would give it, but found from a
    table of the part's links rather than by scanning every relationship each time (which made
    a text of 10,000 links take a minute).
    """
    links = _LINKS.get(part)
    if links is None:
        links = _LINKS[part] = _Links(part)
    r_id = links.rid(part, url)
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
    run = etree.SubElement(parent, _R)
    if rpr:
        run.append(_copy_of(f"<w:r {nsdecls('w')}>{rpr}</w:r>")[0])
    t = etree.SubElement(run, _T)
    t.text = text
    if text != text.strip():
        t.set(_SPACE, "preserve")


def line_break(parent: etree._Element, rpr: str) -> None:
    """Append a line break."""
    parent.append(_run(rpr, "<w:br/>"))


def _style_chain(style: etree._Element | None) -> list[etree._Element]:
    """``style`` and the styles it is based on, nearest first (a loop is cut where it closes)."""
    chain: list[etree._Element] = []
    while style is not None and all(style is not s for s in chain):
        chain.append(style)
        based = style.find(qn("w:basedOn"))
        ident = None if based is None else based.get(qn("w:val"))
        parent = style.getparent()
        style = (
            None
            if ident is None or parent is None
            else parent.find(f"{qn('w:style')}[@{qn('w:styleId')}='{ident}']")
        )
    return chain


def style_font_size(style: etree._Element | None, default: float = 10) -> float:
    """The font size in points a paragraph style gives its text (``w:sz``, inherited or not).

    Looks through the styles it is based on, then the document defaults (``w:docDefaults``);
    ``default`` when none sets a size (10 pt is Word's own).
    """
    chain = _style_chain(style)
    root = chain[0].getparent() if chain else None
    defaults = None if root is None else root.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}")
    for element in [*chain, *([] if defaults is None else [defaults])]:
        size = element.find(f"{qn('w:rPr')}/{qn('w:sz')}")
        if size is not None and size.get(qn("w:val")):
            return int(size.get(qn("w:val")) or 0) / 2
    return default


def sized_style(styles: etree._Element, base: str, size: float) -> str:
    """The id of a paragraph style based on the style ``base`` (an id) at ``size`` points and
    set close (no space above or below its paragraphs), added to ``styles`` (styles.xml's
    root) on first use: ``TableText-8pt``, for a wide table's cells."""
    ident = f"{base}-{size:g}pt".replace(".", "_")
    if styles.find(f"{qn('w:style')}[@{qn('w:styleId')}='{ident}']") is None:
        half_points = round(size * 2)
        styles.append(
            parse_xml(
                f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" '
                f'w:styleId="{ident}"><w:name w:val="{ident}"/><w:basedOn w:val="{base}"/>'
                '<w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr>'
                f'<w:rPr><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
                "</w:style>"
            )
        )
    return ident


def style_spacing(style: etree._Element | None) -> tuple[int, int]:
    """The space before and after in twips a paragraph style leaves (``w:spacing``, inherited).

    Looks through the styles it is based on, then the document defaults; 0 where none sets it.
    """
    chain = _style_chain(style)
    root = chain[0].getparent() if chain else None
    defaults = None if root is None else root.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}")
    found: dict[str, int] = {}
    for element in [*chain, *([] if defaults is None else [defaults])]:
        spacing = element.find(f"{qn('w:pPr')}/{qn('w:spacing')}")
        for side in ("before", "after"):
            value = None if spacing is None else spacing.get(qn(f"w:{side}"))
            if side not in found and value is not None:
                found[side] = int(value)
    return (found.get("before", 0), found.get("after", 0))


def table_cell_margins(style: etree._Element | None, default: int = 108) -> tuple[int, int]:
    """The left and right cell margins in twips a table style sets (``w:tblCellMar``).

    Looks through the styles it is based on; ``default`` (Word's 0.19 cm) for a side none sets.
    """
    found: dict[str, int] = {}
    for element in _style_chain(style):
        margins = element.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}")
        if margins is None:
            continue
        for side, names in (("left", ("w:left", "w:start")), ("right", ("w:right", "w:end"))):
            for name in names:
                margin = margins.find(qn(name))
                if side not in found and margin is not None and margin.get(qn("w:w")):
                    found[side] = int(margin.get(qn("w:w")) or 0)
    return (found.get("left", default), found.get("right", default))


def append_block(body: etree._Element, block: etree._Element) -> None:
    """Append a ``w:p`` or ``w:tbl`` to the document body, before its final ``w:sectPr``.

    Only the body's last child is looked at (a ``w:sectPr`` is always last), so appending is
    constant time however long the document is: searching the body for its ``w:sectPr``, as
    python-docx's ``add_p`` does, made a build quadratic in its paragraphs.
    """
    last = next(body.iterchildren(reversed=True), None)
    if last is not None and last.tag == qn("w:sectPr"):
        last.addprevious(block)
    else:
        body.append(block)


def table(
    style_id: str,
    columns: Sequence[int],
    indent: int,
    caption: str | None,
    header: bool,
    total: bool,
    first_column: bool = False,
) -> etree._Element:
    """A ``w:tbl`` of fixed layout with columns ``columns`` wide (twips), still without rows.

    Its width (``w:tblW``) is the sum of the columns, every column is a ``w:gridCol``, and it
    sits ``indent`` twips in (``w:tblInd``). ``caption`` becomes ``w:tblCaption``, the title
    screen readers announce. ``header``, ``total`` and ``first_column`` turn on the table
    style's formatting of the first and last rows and the first column (``w:tblLook``), the
    first column's for row headers. The children of ``w:tblPr`` are in schema order.
    """
    look = 0x0020 * header + 0x0040 * total + 0x0080 * first_column + 0x0200 + 0x0400
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in columns)
    tbl = parse_xml(
        f"<w:tbl {nsdecls('w')}><w:tblPr>"
        f'<w:tblStyle w:val="{style_id}"/>'
        f'<w:tblW w:w="{sum(columns)}" w:type="dxa"/>'
        f'<w:tblInd w:w="{indent}" w:type="dxa"/>'
        '<w:tblLayout w:type="fixed"/>'
        f'<w:tblLook w:val="{look:04X}" w:firstRow="{int(header)}" w:lastRow="{int(total)}"'
        f' w:firstColumn="{int(first_column)}" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid></w:tbl>"
    )
    if caption is not None:
        etree.SubElement(tbl[0], qn("w:tblCaption")).set(qn("w:val"), caption)
    return tbl


def table_row(tbl: etree._Element, header: bool) -> etree._Element:
    """Append a ``w:tr`` that never splits across pages (``w:cantSplit``); returns it.

    A ``header`` row repeats at the top of every page the table runs onto.
    """
    tr = etree.SubElement(tbl, qn("w:tr"))
    etree.SubElement(etree.SubElement(tr, qn("w:trPr")), qn("w:cantSplit"))
    if header:
        repeat_header(tr)
    return tr


def repeat_header(tr: etree._Element) -> None:
    """Mark a table row as a header row, repeated on every page the table runs onto."""
    trpr = tr.find(qn("w:trPr"))
    if trpr is None:
        trpr = etree.SubElement(tr, qn("w:trPr"))
        tr.insert(0, trpr)
    if trpr.find(qn("w:tblHeader")) is None:
        # after w:cantSplit and w:trHeight, before w:tblCellSpacing, w:jc and w:hidden
        later = [qn(f"w:{n}") for n in ("tblCellSpacing", "jc", "hidden", "ins", "del")]
        following = next((child for child in trpr if child.tag in later), None)
        header = etree.Element(qn("w:tblHeader"))
        if following is not None:
            following.addprevious(header)
        else:
            trpr.append(header)


def table_cell(
    tr: etree._Element,
    width: int,
    span: int,
    style_id: str,
    keep_with_next: bool,
    merge: Literal["restart", "continue"] | None = None,
) -> CT_P:
    """Append a ``w:tc`` ``width`` twips wide spanning ``span`` grid columns; returns its paragraph.

    The paragraph has style ``style_id``, and keeps with the next row (``w:keepNext``) when asked.
    ``merge`` starts (``restart``) or carries on (``continue``) a cell spanning rows
    (``w:vMerge``).
    """
    span_xml = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    merge_xml = f'<w:vMerge w:val="{merge}"/>' if merge else ""
    keep_xml = "<w:keepNext/>" if keep_with_next else ""
    tc = _copy_of(
        f'<w:tc {nsdecls("w")}><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{span_xml}'
        f"{merge_xml}</w:tcPr>"
        f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/>{keep_xml}</w:pPr></w:p></w:tc>'
    )
    tr.append(tc)
    return cast(CT_P, tc[-1])
