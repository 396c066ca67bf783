"""Word sections: landscape pages for a run of blocks inside a portrait document.

A Word section ends at the paragraph whose ``w:pPr`` holds its ``w:sectPr``; the body's own
``w:sectPr`` (the template's page set-up) describes the last. A landscape run of blocks is a
section of its own: the paragraph before it ends a portrait section, its last paragraph ends a
landscape one, with the page's width and height swapped (``w:pgSz`` with
``w:orient="landscape"``). Each break copies the template's page set-up, so the header and
footer references stay and every section prints the same header and footer; page numbers run
on (no ``w:pgNumType/@w:start`` is copied).
"""

from __future__ import annotations

import copy

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree


def _page_setup(body: etree._Element, landscape: bool) -> etree._Element:
    """A copy of the body's own ``w:sectPr``, turned to ``landscape`` or kept as it is."""
    own = body.find(qn("w:sectPr"))
    sect = copy.deepcopy(own) if own is not None else OxmlElement("w:sectPr")
    for numbering in sect.findall(qn("w:pgNumType")):
        if qn("w:start") in numbering.attrib:
            del numbering.attrib[qn("w:start")]
    size = sect.find(qn("w:pgSz"))
    if landscape and size is not None:
        width, height = size.get(qn("w:w")), size.get(qn("w:h"))
        if width and height and int(width) < int(height):
            size.set(qn("w:w"), height)
            size.set(qn("w:h"), width)
        size.set(qn("w:orient"), "landscape")
    return sect


def last_paragraph(body: etree._Element) -> etree._Element | None:
    """The body's last element if it is a paragraph that ends no section yet."""
    children = [c for c in body if c.tag != qn("w:sectPr")]
    last = children[-1] if children else None
    if last is None or last.tag != qn("w:p"):
        return None
    ppr = last.find(qn("w:pPr"))
    if ppr is not None and ppr.find(qn("w:sectPr")) is not None:
        return None
    return last


def end_section(body: etree._Element, landscape: bool, carrier: etree._Element) -> None:
    """End the section so far at the body's last paragraph, its pages ``landscape`` or the
    document's own; ``carrier`` (an empty paragraph, appended) ends it when the body ends on
    a table or on a paragraph that ends a section already."""
    if all(c.tag == qn("w:sectPr") for c in body):
        return  # nothing before: the first section is what follows
    p = last_paragraph(body)
    if p is None:
        own = body.find(qn("w:sectPr"))
        if own is not None:
            own.addprevious(carrier)
        else:
            body.append(carrier)
        p = carrier
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    ppr.append(_page_setup(body, landscape))  # after w:rPr, last in w:pPr (no w:pPrChange)


def turn_last(body: etree._Element) -> None:
    """Turn the body's own (last) section to landscape: the document ends on landscape pages."""
    own = body.find(qn("w:sectPr"))
    if own is not None:
        body.replace(own, _page_setup(body, True))


def landscape_width(body: etree._Element) -> int:
    """How much wider (in twips) a landscape page's text is than a portrait page's."""
    own = body.find(qn("w:sectPr"))
    size = None if own is None else own.find(qn("w:pgSz"))
    if size is None:
        return 0
    width, height = (int(size.get(qn(k)) or 0) for k in ("w:w", "w:h"))
    return max(height - width, 0)
