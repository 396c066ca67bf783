"""Pictures and charts in the Word report: an inline drawing in a paragraph of its own.

Each is a ``wp:inline`` picture whose ``wp:docPr`` carries its alt text (``descr``), so Word's
accessibility checker, screen readers and LibreOffice's tagged PDF (a Figure whose /Alt is the
alt text) all have it. No ``title`` is set: LibreOffice would put it before the alt text in
/Alt, and the caption is printed under the picture anyway. Its width is the author's, else its
own at 96 pixels an inch, never wider than the text; its height keeps its proportions.

An SVG goes in as Word wants it: a PNG drawn from it (by resvg, with the fonts matplotlib
bundles, so the same bytes every time) as the picture, and the SVG itself as the
``asvg:svgBlip`` extension that Word 2016 and later show instead. A chart is drawn as a PNG
(:mod:`reportgen.writers.charts`).
"""

from __future__ import annotations

import functools
import importlib.util
import io
from pathlib import Path

from docx.document import Document as WordDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from docx.oxml.text.paragraph import CT_P
from lxml import etree

from reportgen.document import Chart, Image, Picture

EMU_PER_CM = 360_000
EMU_PER_PIXEL = 9_525
"""At 96 pixels an inch, as Word places a picture of no stated resolution."""
_SVG_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
_ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
FALLBACK_DPI = 192
"""The resolution of an SVG's PNG fallback: twice the screen's, sharp in print."""


@functools.cache
def _bundled_fonts() -> str | None:
    """The folder of the fonts matplotlib bundles (DejaVu), found without importing it."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf"
    return str(folder) if folder.is_dir() else None


def svg_fallback(image: Image, width_emu: int) -> bytes:
    """The PNG Word shows in place of an SVG that it cannot: drawn at :data:`FALLBACK_DPI`
    for ``width_emu``, with only the bundled fonts (so every machine draws the same)."""
    import resvg_py

    pixels = max(1, round(width_emu / EMU_PER_CM / 2.54 * FALLBACK_DPI))
    fonts = _bundled_fonts()
    png = resvg_py.svg_to_bytes(
        svg_string=image.data.decode("utf-8"),
        width=pixels,
        skip_system_fonts=True,
        font_dirs=[fonts] if fonts else None,
        font_family="DejaVu Sans",
        sans_serif_family="DejaVu Sans",
        serif_family="DejaVu Serif",
    )
    return bytes(png)


def extent(
    natural_cm: float, wanted_cm: float | None, ratio: float, text_width: int
) -> tuple[int, int]:
    """The drawing's width and height in EMU: the author's width (else its own), never wider
    than the text (``text_width``, EMU), its height as ``ratio`` of its width."""
    width = round((wanted_cm or natural_cm) * EMU_PER_CM)
    width = min(width, text_width)
    return width, round(width * ratio)


def _add_part(word: WordDocument, data: bytes, content_type: str, extension: str) -> str:
    """A media part holding ``data``, related to the document; its relationship id."""
    package = word.part.package
    name = package.next_partname(f"/word/media/image%d.{extension}")
    part = Part(PackURI(name), content_type, data, package)
    return str(word.part.relate_to(part, RT.IMAGE))


def _inline(word: WordDocument, p: CT_P, png: bytes, width: int, height: int) -> etree._Element:
    """A ``wp:inline`` picture of the PNG or JPEG ``png`` in a run of ``p``; its element."""
    run = p.add_r()
    inline = word.part.new_pic_inline(io.BytesIO(png), width, height)
    run.add_drawing(inline)
    return inline


def _describe(inline: etree._Element, alt: str) -> None:
    """Give the picture its alt text."""
    doc_pr = inline.find(qn("wp:docPr"))
    assert doc_pr is not None
    doc_pr.set("descr", alt)


def _svg_blip(inline: etree._Element, svg_rel: str) -> None:
    """Add the SVG to the picture's blip, as the extension Word shows in place of the PNG."""
    blip = inline.find(f".//{{{_A}}}blip")
    assert blip is not None
    ext_lst = etree.SubElement(blip, f"{{{_A}}}extLst")
    ext = etree.SubElement(ext_lst, f"{{{_A}}}ext", uri=_SVG_URI)
    svg = etree.SubElement(ext, f"{{{_ASVG}}}svgBlip")
    svg.set(qn("r:embed"), svg_rel)


def write_picture(word: WordDocument, p: CT_P, picture: Picture, text_width: int) -> None:
    """Put ``picture`` in the paragraph ``p``, at most ``text_width`` (EMU) wide."""
    image = picture.image
    natural = image.width * EMU_PER_PIXEL / EMU_PER_CM
    width, height = extent(natural, picture.width_cm, image.height / image.width, text_width)
    if image.media_type == "image/svg+xml":
        inline = _inline(word, p, svg_fallback(image, width), width, height)
        _svg_blip(inline, _add_part(word, image.data, "image/svg+xml", "svg"))
    else:
        inline = _inline(word, p, image.data, width, height)
    _describe(inline, picture.alt)


def write_chart(word: WordDocument, p: CT_P, chart: Chart, text_width: int) -> None:
    """Put ``chart``, drawn as a PNG, in the paragraph ``p``, at most ``text_width`` wide."""
    from reportgen.writers import charts

    width_cm, height_cm = charts.size_cm(chart)
    width, height = extent(width_cm, None, height_cm / width_cm, text_width)
    inline = _inline(word, p, charts.draw(chart, "png"), width, height)
    _describe(inline, chart.alt)
