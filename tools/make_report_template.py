"""Build reportgen/templates/report.docx, the Word shell every report is written into.

The shell holds the look: A4 pages, fonts, en-GB language, every paragraph style the DOCX
writer uses (by name, those of table cells too), the header block with ``{{ field }}`` fields and
a "Page X of Y" footer. Paragraphs are 8 pt apart, list items included, so the last item of a
list leaves the same gap as any paragraph; body text has widow and orphan control, and headings,
captions, the signature and contacts are never split across pages.
The package is written as the writer finishes reports (:mod:`reportgen.writers.docx.package`):
without python-docx's leftovers, in Word 2013's compatibility mode, with Arial as the theme's
fonts, and the same bytes every time it is built.
A council that wants its own look edits the .docx in Word (keeping the style names and the
``{{ field }}`` placeholders) instead of running this script; the script is how ours was made.

Run: ``.venv/bin/python tools/make_report_template.py``
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from lxml import etree

from reportgen.writers.docx import package

OUT = Path(__file__).resolve().parent.parent / "reportgen" / "templates" / "report.docx"
DOCUMENT = OUT.with_name("document.docx")
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
    "Lettered Item": ("Normal", False, False, False, 0, 8, 2, 1),
    "Body Text": ("Normal", False, False, False, 0, 8, 1, 0),
    "List Bullet": ("Normal", False, False, False, 0, 8, 2, 0.6),
    "List Bullet 2": ("Normal", False, False, False, 0, 8, 2.6, 0.6),
    "List Bullet 3": ("Normal", False, False, False, 0, 8, 3.2, 0.6),
    "Quote": ("Normal", False, True, False, 0, 8, 2, 0),
    "Quote Source": ("Normal", False, False, False, 0, 8, 2, 0),
    "Caption": ("Normal", True, False, False, 12, 6, 1, 0),
    "Recommendation": ("Normal", False, False, False, 0, 8, 1, 1),
    "Signature": ("Normal", True, False, False, 24, 12, 0, 0),
    "Contact": ("Normal", False, False, False, 0, 12, 0, 0),
    "Background Paper": ("Normal", False, False, False, 0, 8, 0, 0),
    "Report Reference": ("Normal", False, False, False, 24, 0, 0, 0),
}

HEADINGS = ("Heading 1", "Heading 2", "Heading 3", "Heading 4", "Heading 5")
KEEP_WITH_NEXT = (*HEADINGS, "Caption")
"""Styles that stay on the page of what follows them: headings, and a caption with its table."""
KEEP_LINES = (*HEADINGS, "Title", "Caption", "Signature", "Contact", "Quote Source")
"""Styles never split across pages: a signature or a contact is read as one block."""

CLOSING_TEXT = "Closing Text"
"""Body Text at the margin: the closing section's plain paragraphs ('That:', 'For any
enquiries about this report please contact:', the Section 100D sentence, 'All.'), which stand
where the lists they introduce stand."""

BUILT = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
"""The template's created and modified time: fixed, so rebuilding it changes no byte."""

FONT_TABLE = (
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    f'<w:font w:name="{FONT}"><w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/>'
    '<w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font></w:fonts>'
)
"""The fonts the document uses: Arial alone."""

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
    """Table Text and Table Number for cells.

    Table Number is Table Text right-aligned, and takes its font from it: restyling Table Text
    (to 10 pt, say) restyles both. The gap after a table is the paragraph after it's to leave:
    the writer gives that paragraph the numbered paragraphs' gap as its space before.
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
    for style in (text, number):
        style.quick_style = True
    text.next_paragraph_style = text
    number.next_paragraph_style = number


def build(out: Path = OUT, header: bool = True) -> None:
    """Write templates/report.docx, or with ``header=False`` a shell with the same styles and no
    report header block (templates/document.docx: agendas, minutes, appendix documents)."""
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
    normal.paragraph_format.widow_control = True

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
        fmt.keep_together = name in KEEP_LINES or None
        style.quick_style = True
    closing = _paragraph_style(doc, CLOSING_TEXT)
    closing.base_style = doc.styles["Body Text"]
    closing.paragraph_format.left_indent = Cm(0)
    closing.quick_style = True
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

    for style_name, runs in HEADER_BLOCK if header else []:
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

    _unstamp(doc)
    _prune_styles(doc)
    saved = io.BytesIO()
    doc.save(saved)
    kind = "Committee report" if header else "Committee document"
    shell = package.Properties(title=kind, when=BUILT, creator="reportgen")
    out.parent.mkdir(exist_ok=True)
    out.write_bytes(package.finish(_clean(saved.getvalue()), shell))


def _unstamp(doc: Document) -> None:
    """Remove python-docx's template's editing-session ids (``w:rsid``) from the styles."""
    for rsid in list(doc.styles.element.iter(qn("w:rsid"))):
        parent = rsid.getparent()
        if parent is not None:
            parent.remove(rsid)


KEPT_STYLES = (
    "Normal",
    "Default Paragraph Font",
    "Normal Table",
    "No List",
    "Header",
    "Footer",
    "Hyperlink",
    "Table Grid",
    "Table Text",
    "Table Number",
    CLOSING_TEXT,
    *PARAGRAPH_STYLES,
)
"""The styles the template keeps: the report's, and the defaults Word's own depend on."""


def _prune_styles(doc: Document) -> None:
    """Drop the styles of python-docx's template that no report uses (a hundred table styles
    among them), so that Word's style gallery shows the report's; a kept style's base, next
    and linked styles are kept with it. Word still offers its built-in styles by name."""
    root = doc.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in root.findall(qn("w:style"))}
    names = {s.find(qn("w:name")).get(qn("w:val")).lower(): i for i, s in by_id.items()}
    wanted = [names[n.lower()] for n in KEPT_STYLES if n.lower() in names]
    wanted += [i for i, s in by_id.items() if s.get(qn("w:default")) in ("1", "true")]
    keep: set[str] = set()
    while wanted:
        ident = wanted.pop()
        if ident in keep or ident not in by_id:
            continue
        keep.add(ident)
        for ref in ("w:basedOn", "w:next", "w:link"):
            element = by_id[ident].find(qn(ref))
            if element is not None:
                wanted.append(element.get(qn("w:val")))
    for ident, style in by_id.items():
        if ident not in keep:
            root.remove(style)


def _xml(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _clean(data: bytes) -> bytes:
    """The package with Arial as the theme's fonts and alone in the font table, and Word 2013's
    compatibility settings only (no East Asian layout, no Japanese theme-font language)."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    theme = etree.fromstring(parts["word/theme/theme1.xml"])
    for latin in theme.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}latin"):
        latin.set("typeface", FONT)
    parts["word/theme/theme1.xml"] = _xml(theme)
    parts["word/fontTable.xml"] = _xml(etree.fromstring(FONT_TABLE))
    settings = etree.fromstring(parts["word/settings.xml"])
    compat = settings.find(qn("w:compat"))
    for child in [] if compat is None else list(compat):
        if child.tag != qn("w:compatSetting"):
            compat.remove(child)
    lang = settings.find(qn("w:themeFontLang"))
    for attribute in ("w:eastAsia", "w:bidi"):
        if lang is not None and lang.get(qn(attribute)) is not None:
            del lang.attrib[qn(attribute)]
    parts["word/settings.xml"] = _xml(settings)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, part in parts.items():
            target.writestr(name, part)
    return out.getvalue()


if __name__ == "__main__":
    build()
    print(f"wrote {OUT}")
    build(DOCUMENT, header=False)
    print(f"wrote {DOCUMENT}")
