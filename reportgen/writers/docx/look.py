"""The profile's look (look.yaml) applied to a Word template's styles: its font, its heading
and accent colours, and its logo.

A profile that brings no template of its own changes only these: the font every style that
names one prints in (and the document's default), the colour of the title and the headings
(and their linked character styles), the colour of links, a logo in a paragraph of its own
at the top of a report or a front sheet, and, for a document printed in a size of its own (a
designed document), every style's text size scaled from the template's body text to it. With
no look set the template is left exactly as it is.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from reportgen.document import Logo, Look

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

HEADING_STYLES = ("Title", *(f"Heading{n}" for n in range(1, 6)))
"""The style ids the heading colour reaches, with their linked character styles (``…Char``)."""
ACCENT_STYLES = ("Hyperlink",)
"""The style ids the accent colour reaches."""

_FONT_ATTRIBUTES = ("ascii", "hAnsi", "eastAsia", "cs")
_THEME_ATTRIBUTES = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


def apply_look(word: WordDocument, look: Look, logo_text: str | None = None) -> None:
    """Give ``word``'s styles the font and colours of ``look`` (those it sets), and, given
    ``logo_text`` (its alternative text, for a report or a front sheet), its logo at the top."""
    if look.logo is not None and logo_text is not None:
        _logo(word, look.logo, logo_text)
    if look.text_size is not None:
        _scale_sizes(word, look.text_size)
    if look.font is None and look.heading_colour is None and look.accent_colour is None:
        return
    styles = word.styles.element
    if look.font is not None:
        for fonts in styles.iter(f"{{{_W}}}rFonts"):
            for name in _THEME_ATTRIBUTES:
                fonts.attrib.pop(f"{{{_W}}}{name}", None)
            for name in _FONT_ATTRIBUTES:
                fonts.set(f"{{{_W}}}{name}", look.font)
    by_id = {style.style_id: style.element for style in word.styles}
    for colour, ids in ((look.heading_colour, HEADING_STYLES), (look.accent_colour, ACCENT_STYLES)):
        if colour is None:
            continue
        for style_id in (*ids, *(f"{i}Char" for i in ids)):
            style = by_id.get(style_id)
            if style is not None:
                _colour(style, colour.lstrip("#").upper())


def _scale_sizes(word: WordDocument, points: float) -> None:
    """Scale the text size of every style of ``word`` (and its default) by the same factor,
    the one that prints the Normal style's text at ``points``: headings, tables and captions
    keep their proportions to the body text."""
    normal = word.styles.element.find(f"{{{_W}}}style[@{{{_W}}}styleId='Normal']")
    found = None if normal is None else normal.find(f"{{{_W}}}rPr/{{{_W}}}sz")
    if found is None:  # a Normal of no size of its own: Word's default, 10 points
        found = word.styles.element.find(f"{{{_W}}}docDefaults/{{{_W}}}rPrDefault//{{{_W}}}sz")
    base = int(found.get(f"{{{_W}}}val", "20")) if found is not None else 20
    factor = points * 2 / base
    for tag in ("sz", "szCs"):
        for size in word.styles.element.iter(f"{{{_W}}}{tag}"):
            value = size.get(f"{{{_W}}}val")
            if value is not None and value.isdigit():
                size.set(f"{{{_W}}}val", str(round(int(value) * factor)))


def _logo(word: WordDocument, logo: Logo, text: str) -> None:
    """Put ``logo`` in a paragraph of its own before the first of ``word``'s body, described
    by ``text`` for screen readers."""
    from docx.shared import Cm

    # before the body's first paragraph, or as the first when the body has none yet (a front
    # sheet, written after): never beside an empty paragraph made for it
    paragraphs = word.paragraphs
    paragraph = paragraphs[0].insert_paragraph_before() if paragraphs else word.add_paragraph()
    run = paragraph.add_run()
    picture = run.add_picture(io.BytesIO(logo.data), width=Cm(logo.width_cm))
    picture._inline.docPr.set("descr", text)


def _colour(style: Any, rgb: str) -> None:
    """Set the run colour of ``style`` (python-docx's style element, which keeps the order
    Word requires of a run's properties) to ``rgb``, in place of any theme colour."""
    colour = style.get_or_add_rPr().get_or_add_color()
    colour.attrib.clear()
    colour.set(f"{{{_W}}}val", rgb)
