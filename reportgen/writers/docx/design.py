"""Word's side of a designed document: call-out boxes, a cover, a contents page, new pages.

A call-out is a run of paragraphs in the ``Callout`` styles, which share one border and one
shading, so Word and LibreOffice draw them as one box, kept together on a page; it is text, not
a layout table, so a screen reader reads it as the paragraphs it is. The cover is a page of
paragraphs in the ``Cover`` styles; the contents page is a Word ``TOC`` field whose result is
written already filled in: a line for each main heading, a link to the heading's bookmark and
a ``PAGEREF`` field showing the page a layout found it on
(:mod:`reportgen.writers.contents_pages`), so it reads right before anyone updates fields.

Each style is the template's when it has one of that name, so a council can restyle them in
Word; otherwise it is added here (in the profile's accent colour, look.yaml), only to the files
that use it, so other documents keep every byte.
"""

from __future__ import annotations

from docx.document import Document as WordDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from reportgen.document import Callout, Contents, Cover, Inlines, LineBreak, Look, Text

CALLOUT = "Callout"
CALLOUT_FIGURE = "Callout Figure"
CALLOUT_SOURCE = "Callout Source"
COVER_MARKING = "Cover Marking"
COVER_TITLE = "Cover Title"
COVER_SUBTITLE = "Cover Subtitle"
CONTENTS_HEADING = "TOC Heading"
CONTENTS_LINE = "toc 2"
"""Word's own name of the style of a contents line for a level-2 heading."""

TOC_INSTRUCTION = ' TOC \\o "2-2" \\h \\z '
"""The field Word rebuilds the contents from: the level-2 headings (an appendix document's main
sections; its title is level 1), each linked, without page numbers in web view."""

_RULE = "6F777B"
"""The box's border where the profile sets no accent colour (report.css's rule colour)."""
_SHADE = "F2F2F2"
_SPACE = 4
COVER_DROP = 2400
"""How far down the page a cover starts, in twentieths of a point (a third of an A4 page's
text)."""
"""Points between the box's lines and its text."""


def _tint(rgb: str, share: float = 0.88) -> str:
    """``rgb`` mixed with ``share`` of white: the box's shading in the accent colour."""
    parts = [int(rgb[i : i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(c + (255 - c) * share):02X}" for c in parts)


def _borders(look: Look, apart: bool = False) -> str:
    """The box's ``w:pBdr``; ``apart``, in a colour one step off, which no reader sees and
    which keeps the box apart from an identical one just before it."""
    accent = (look.accent_colour or "").lstrip("#").upper() or _RULE
    colour = f"{int(accent, 16) ^ 1:06X}" if apart else accent
    sides = "".join(
        f'<w:{side} w:val="single" w:sz="{size}" w:space="{_SPACE}" w:color="{colour}"/>'
        for side, size in (("top", 8), ("left", 36), ("bottom", 8), ("right", 8))
    )
    return f"<w:pBdr>{sides}</w:pBdr>"


def _box(look: Look) -> str:
    """The border and shading every callout style shares (one box in Word and LibreOffice)."""
    accent = (look.accent_colour or "").lstrip("#").upper()
    shade = _tint(accent) if accent else _SHADE
    return _borders(look) + f'<w:shd w:val="clear" w:color="auto" w:fill="{shade}"/>'


def set_apart(p: etree._Element, look: Look) -> None:
    """Keep call-out paragraph ``p`` out of the box before it: Word and LibreOffice draw
    paragraphs with the same borders as one box, so a call-out that directly follows another
    has borders of its own."""
    ppr = p.find(qn("w:pPr"))
    assert ppr is not None  # a paragraph made with its style
    ppr.append(
        parse_xml(_borders(look, apart=True).replace("<w:pBdr>", f"<w:pBdr {nsdecls('w')}>"))
    )


def _style(style_id: str, name: str, based_on: str, ppr: str, rpr: str) -> str:
    return (
        f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="{based_on}"/><w:qFormat/>'
        f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
    )


def _definitions(look: Look, text_width: int, indent: int) -> dict[str, tuple[str, str, str, str]]:
    """Each design style's id, base, paragraph and run properties, by name; a box stands where
    the text does, ``indent`` from the margin."""
    box = _box(look)
    keep = "<w:keepNext/><w:keepLines/>"
    ind = f'<w:ind w:left="{indent + 120}" w:right="120" w:hanging="0"/>'
    plain = '<w:caps w:val="0"/>'
    return {
        CALLOUT: (
            "Callout",
            "BodyText",
            f'{keep}{box}<w:spacing w:before="0" w:after="0"/>{ind}',
            "",
        ),
        CALLOUT_FIGURE: (
            "CalloutFigure",
            "Callout",
            f'{keep}{box}<w:spacing w:before="0" w:after="0"/>{ind}',
            '<w:b/><w:sz w:val="48"/><w:szCs w:val="48"/>',
        ),
        CALLOUT_SOURCE: (
            "CalloutSource",
            "Callout",
            f'<w:keepLines/>{box}<w:spacing w:before="0" w:after="0"/>{ind}',
            '<w:sz w:val="20"/><w:szCs w:val="20"/>',
        ),
        COVER_MARKING: (
            "CoverMarking",
            "Title",
            '<w:spacing w:before="240" w:after="240"/><w:outlineLvl w:val="9"/>',
            f'{plain}<w:sz w:val="40"/><w:szCs w:val="40"/>',
        ),
        COVER_TITLE: (
            "CoverTitle",
            "Title",
            '<w:keepNext/><w:spacing w:before="240" w:after="240"/><w:outlineLvl w:val="0"/>',
            f'<w:b/>{plain}<w:sz w:val="72"/><w:szCs w:val="72"/>',
        ),
        COVER_SUBTITLE: (
            "CoverSubtitle",
            "Title",
            '<w:spacing w:before="240" w:after="240"/><w:outlineLvl w:val="9"/>',
            f'{plain}<w:sz w:val="40"/><w:szCs w:val="40"/>',
        ),
        CONTENTS_HEADING: (
            "TOCHeading",
            "Heading1",
            '<w:outlineLvl w:val="9"/>',
            "",
        ),
        CONTENTS_LINE: (
            "TOC2",
            "BodyText",
            f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{text_width}"/></w:tabs>'
            '<w:spacing w:before="0" w:after="120"/><w:ind w:left="0" w:right="0" w:hanging="0"/>',
            "",
        ),
    }


class Styles:
    """The design styles' ids, the template's own where it has them, added on first use."""

    def __init__(self, word: WordDocument, look: Look, text_width: int, indent: int) -> None:
        self.word = word
        self.look = look
        self.text_width = text_width
        self.indent = indent
        self.ids: dict[str, str] = {}

    def __getitem__(self, name: str) -> str:
        if name not in self.ids:
            self.ids[name] = self._find_or_add(name)
        return self.ids[name]

    def _find_or_add(self, name: str) -> str:
        styles = self.word.styles.element
        for style in styles.iter(qn("w:style")):
            found = style.find(qn("w:name"))
            if found is not None and (found.get(qn("w:val")) or "").lower() == name.lower():
                return style.get(qn("w:styleId")) or name
        style_id, based_on, ppr, rpr = _definitions(self.look, self.text_width, self.indent)[name]
        if based_on == "Callout":
            self.ids.setdefault(CALLOUT, self._find_or_add(CALLOUT))  # the base first
        styles.append(parse_xml(_style(style_id, name, based_on, ppr, rpr)))
        return style_id


def page_break_before(p: etree._Element) -> None:
    """Start a new page with paragraph ``p`` (``w:pageBreakBefore``, in its place in
    ``w:pPr``: after ``w:pStyle``, ``w:keepNext`` and ``w:keepLines``)."""
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = etree.SubElement(p, qn("w:pPr"))
        p.insert(0, ppr)
    if ppr.find(qn("w:pageBreakBefore")) is not None:
        return
    after = [qn("w:pStyle"), qn("w:keepNext"), qn("w:keepLines")]
    at = sum(1 for child in ppr if child.tag in after)
    ppr.insert(at, etree.Element(qn("w:pageBreakBefore")))


def start_page(body: etree._Element, index: int, style_id: str) -> None:
    """Start a new page with the element at ``index`` of ``body``: a paragraph breaks before
    itself; a table cannot, so an empty paragraph of ``style_id`` before it does."""
    element = body[index]
    if element.tag == qn("w:p"):
        page_break_before(element)
        return
    p = parse_xml(f'<w:p {nsdecls("w")}><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr></w:p>')
    element.addprevious(p)
    page_break_before(p)


def callout_paragraphs(box: Callout) -> list[tuple[str, Inlines]]:
    """The paragraphs of a call-out, in order, as (style name, content)."""
    out: list[tuple[str, Inlines]] = []
    if box.figure:
        out.append((CALLOUT_FIGURE, box.figure))
    out.append((CALLOUT, box.content))
    if box.source:
        out.append((CALLOUT_SOURCE, box.source))
    return out


def cover_paragraphs(cover: Cover) -> list[tuple[str, Inlines]]:
    """The paragraphs of a cover, in order, as (style name, content): the title's lines are one
    paragraph, so the document has one title in its outline and one H1 in the PDF's tags."""
    title: list[Text | LineBreak] = []
    for line in cover.lines:
        title += [LineBreak(), Text(line)] if title else [Text(line)]
    out: list[tuple[str, Inlines]] = []
    if cover.marking:
        out.append((COVER_MARKING, (Text(cover.marking),)))
    out.append((COVER_TITLE, tuple(title)))
    if cover.subtitle:
        out.append((COVER_SUBTITLE, (Text(cover.subtitle),)))
    return out


def contents_line(
    p: etree._Element, text: str, bookmark: str, page: int | None, first: bool, last: bool
) -> None:
    """Fill contents line ``p``: a link to ``bookmark`` with ``text``, a dotted tab, and a
    ``PAGEREF`` field showing ``page`` (empty before a layout has found it); the first line
    opens the ``TOC`` field, the last closes it."""
    w = nsdecls("w")

    def run(inner: str) -> etree._Element:
        return parse_xml(f"<w:r {w}>{inner}</w:r>")

    if first:
        p.append(run('<w:fldChar w:fldCharType="begin"/>'))
        p.append(run(f'<w:instrText xml:space="preserve">{TOC_INSTRUCTION}</w:instrText>'))
        p.append(run('<w:fldChar w:fldCharType="separate"/>'))
    link = parse_xml(f'<w:hyperlink {w} w:anchor="{bookmark}" w:history="1"/>')
    t = etree.SubElement(etree.SubElement(link, qn("w:r")), qn("w:t"))
    t.text = text
    link.append(run("<w:tab/>"))
    link.append(run('<w:fldChar w:fldCharType="begin"/>'))
    link.append(run(f'<w:instrText xml:space="preserve"> PAGEREF {bookmark} \\h </w:instrText>'))
    link.append(run('<w:fldChar w:fldCharType="separate"/>'))
    shown = etree.SubElement(etree.SubElement(link, qn("w:r")), qn("w:t"))
    shown.text = "" if page is None else str(page)
    link.append(run('<w:fldChar w:fldCharType="end"/>'))
    p.append(link)
    if last:
        p.append(run('<w:fldChar w:fldCharType="end"/>'))


__all__ = ["Contents", "Styles", "callout_paragraphs", "contents_line", "cover_paragraphs"]
