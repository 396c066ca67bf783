"""Build templates/report.docx, the Word shell every report is written into.

The shell holds the look: A4 pages, fonts, en-GB language, every paragraph style the DOCX
writer uses (by name, those of table cells too), the header block with flat docxtpl fields and
a "Page X of Y" footer.
A council that wants its own look edits the .docx in Word (keeping the style names and the
``{{ field }}`` placeholders) instead of running this script; the script is how ours was made.

Run: ``.venv/bin/python tools/make_report_template.py``
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle

OUT = Path(__file__).resolve().parent.parent / "templates" / "report.docx"
FONT = "Arial"
BLACK = RGBColor(0, 0, 0)
HANG = Cm(1)  # the hanging indent of numbered paragraphs: number at 0, text at 1 cm

# name: (based on, bold, italic, caps, space before pt, space after pt, left indent, hanging)
PARAGRAPH_STYLES: dict[str, tuple[str, bool, bool, bool, int, int, float, float]] = {
    "Report Committee": ("Normal", True, False, False, 0, 12, 0, 0),
    "Report Date": ("Normal", False, False, False, 0, 12, 0, 0),
    "Report Of": ("Normal", True, False, True, 12, 6, 0, 0),
    "Title": ("Normal", True, False, True, 0, 12, 0, 0),
    "Heading 1": ("Normal", True, False, False, 12, 6, 0, 0),
    "Heading 2": ("Normal", True, False, False, 12, 6, 0, 0),
    "Heading 3": ("Normal", True, True, False, 12, 6, 0, 0),
    "Heading 4": ("Normal", False, True, False, 12, 6, 0, 0),
    "Heading 5": ("Normal", False, True, False, 6, 6, 0, 0),
    "Numbered Paragraph": ("Normal", False, False, False, 0, 8, 1, 1),
    "Lettered Item": ("Normal", False, False, False, 0, 6, 2, 1),
    "Body Text": ("Normal", False, False, False, 0, 8, 1, 0),
    "List Bullet": ("Normal", False, False, False, 0, 4, 2, 0.6),
    "List Bullet 2": ("Normal", False, False, False, 0, 4, 2.6, 0.6),
    "List Bullet 3": ("Normal", False, False, False, 0, 4, 3.2, 0.6),
    "Quote": ("Normal", False, True, False, 0, 8, 2, 0),
    "Quote Source": ("Normal", False, False, False, 0, 8, 2, 0),
    "Caption": ("Normal", True, False, False, 12, 6, 1, 0),
    "Recommendation": ("Normal", False, False, False, 0, 6, 1, 1),
    "Signature": ("Normal", True, False, False, 24, 12, 0, 0),
    "Contact": ("Normal", False, False, False, 0, 12, 0, 0),
    "Background Paper": ("Normal", False, False, False, 0, 8, 0, 0),
    "Report Reference": ("Normal", False, False, False, 24, 0, 0, 0),
}

KEEP_WITH_NEXT = ("Heading 1", "Heading 2", "Heading 3", "Heading 4", "Heading 5", "Caption")
"""Styles that stay on the page of what follows them: headings, and a caption with its table."""

TABLE_TEXT_SIZE = 11
"""The font size of table cells, in points; the writer fits column widths to it."""

HEADER_BLOCK = [
    ("Report Committee", ["Report to ", "{{ committee }}"]),
    ("Report Date", ["{{ date }}", "\t", "Agenda Item: {{ agenda_item }}"]),
    ("Report Of", ["Report of ", "{{ report_of }}"]),
    ("Title", ["{{ title }}"]),
]


def _paragraph_style(doc: Document, name: str) -> ParagraphStyle:
    try:
        style = doc.styles[name]
    except KeyError:
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(style, ParagraphStyle)
    return style


def _table_styles(doc: Document) -> None:
    """Table Text and Table Number for cells, and After Table for the gap after each table.

    Table Number is Table Text right-aligned, and takes its font from it: restyling Table Text
    (to 10 pt, say) restyles both. After Table is an empty paragraph exactly 8 pt high, the gap
    a numbered paragraph leaves after itself.
    """
    text = _paragraph_style(doc, "Table Text")
    text.base_style = doc.styles["Normal"]
    text.font.name, text.font.size, text.font.color.rgb = FONT, Pt(TABLE_TEXT_SIZE), BLACK
    fmt = text.paragraph_format
    fmt.space_before, fmt.space_after = Pt(2), Pt(2)
    fmt.line_spacing = 1.0
    number = _paragraph_style(doc, "Table Number")
    number.base_style = text
    number.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    after = _paragraph_style(doc, "After Table")
    after.base_style = doc.styles["Normal"]
    after.font.size = Pt(8)
    fmt = after.paragraph_format
    fmt.space_before, fmt.space_after = Pt(0), Pt(0)
    fmt.line_spacing = Pt(8)  # exactly
    for style in (text, number, after):
        style.quick_style = True
    text.next_paragraph_style = text
    number.next_paragraph_style = number


def build() -> None:
    """Write templates/report.docx."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    section.top_margin = section.bottom_margin = Cm(2)

    # document defaults: Arial 12, British English
    rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    rpr_default.getparent().replace(
        rpr_default,
        parse_xml(
            f"<w:rPrDefault {nsdecls('w')}><w:rPr>"
            f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
            '<w:sz w:val="24"/><w:szCs w:val="24"/>'
            '<w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        ),
    )
    normal = _paragraph_style(doc, "Normal")
    normal.font.name = FONT
    normal.font.size = Pt(12)
    normal.paragraph_format.space_after = Pt(0)

    for name, (based, bold, italic, caps, before, after, left, hang) in PARAGRAPH_STYLES.items():
        style = _paragraph_style(doc, name)
        style.base_style = doc.styles[based] if name != based else None
        font = style.font
        font.name, font.size, font.bold, font.italic = FONT, Pt(12), bold, italic
        font.all_caps = caps or None
        font.color.rgb = BLACK
        fmt = style.paragraph_format
        fmt.space_before, fmt.space_after = Pt(before), Pt(after)
        fmt.left_indent = Cm(left) if left else None
        fmt.first_line_indent = -Cm(hang) if hang else None
        fmt.keep_with_next = name in KEEP_WITH_NEXT or None
        style.quick_style = True
    _table_styles(doc)
    # headings take no theme fonts or colours; Title has no border
    for name in ("Title", *[f"Heading {n}" for n in range(1, 6)]):
        rpr = doc.styles[name].element.get_or_add_rPr()
        for child in list(rpr):
            if child.tag in (qn("w:rFonts"), qn("w:color")):
                rpr.remove(child)
        rpr.insert(0, parse_xml(f'<w:rFonts {nsdecls("w")} w:ascii="{FONT}" w:hAnsi="{FONT}"/>'))
        ppr = doc.styles[name].element.get_or_add_pPr()
        for child in list(ppr):
            if child.tag == qn("w:pBdr"):
                ppr.remove(child)
    date_style = doc.styles["Report Date"]
    assert isinstance(date_style, ParagraphStyle)
    date_style.paragraph_format.tab_stops.add_tab_stop(Cm(16.6), WD_TAB_ALIGNMENT.RIGHT)

    if "Hyperlink" not in [s.name for s in doc.styles]:
        link = doc.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
        link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
        link.font.underline = True

    for style_name, runs in HEADER_BLOCK:
        para = doc.add_paragraph(style=style_name)
        for text in runs:
            run = para.add_run(text)
            if text.startswith("Agenda Item"):
                run.bold = True

    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field = '<w:fldSimple {} w:instr=" {} "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
    footer.add_run("Page ")
    footer._p.append(parse_xml(field.format(nsdecls("w"), "PAGE")))
    footer.add_run(" of ")
    footer._p.append(parse_xml(field.format(nsdecls("w"), "NUMPAGES")))

    props = doc.core_properties
    props.title, props.author, props.comments = "", "reportgen", "reportgen report shell"
    OUT.parent.mkdir(exist_ok=True)
    doc.save(str(OUT))


if __name__ == "__main__":
    build()
    print(f"wrote {OUT}")
