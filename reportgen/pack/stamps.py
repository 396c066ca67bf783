"""The font of a pack's page stamps: a TrueType font found on the machine, embedded in the pack.

The stamps (:mod:`reportgen.pack.assemble`: "Page 31" and an exempt part's mark) are set in
Liberation Sans, the font LibreOffice prints the reports in on Debian (``fonts-liberation2``,
which ``make libreoffice`` installs, or the older ``fonts-liberation``), or else in Arimo or
Arial, fonts of the same widths as Helvetica's; ``REPORTGEN_STAMP_FONT`` names another
TrueType file. The first found is read once per process with fontTools.

For each pack the font is cut down (fontTools' subsetter) to the characters its stamps print
and embedded as a composite font (Type0 over CIDFontType2, Identity-H: two bytes a glyph) with
its glyphs' widths and a ToUnicode map, so that the stamps print the same everywhere, meet
PDF/A and PDF/UA (every font embedded), and are searched and copied as the text they are. A
font that cannot be found or read is one problem (O517), never a traceback.
"""

from __future__ import annotations

import functools
import hashlib
import io
import os
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportgen.errors import Location, Problem, ReportError

if TYPE_CHECKING:
    import pikepdf
    from pikepdf import Dictionary

FONT_VARIABLE = "REPORTGEN_STAMP_FONT"
"""The environment variable naming the stamp font's file, instead of the fonts searched."""

FONT_FILES = (
    "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    "/usr/share/fonts/truetype/croscore/Arimo-Regular.ttf",
    "/System/Library/Fonts/Supplemental/Arial.ttf",
    "/Library/Fonts/Arial.ttf",
)
"""The stamp font's files, the first found is used: Debian's Liberation Sans (fonts-liberation2,
fonts-liberation) or Arimo (fonts-croscore), macOS's Arial; on Windows, Arial
(:func:`font_files`)."""

INSTALL_HINT = (
    "install Liberation Sans (on Debian or Ubuntu: apt-get install fonts-liberation2, which "
    f"make libreoffice does), or set {FONT_VARIABLE} to a TrueType font file"
)

_CMAP = """/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <FFFF>
endcodespacerange
{count} beginbfchar
{pairs}
endbfchar
endcmap
CMapName currentdict /CMap defineresource pop
end
end
"""
"""A ToUnicode CMap (Adobe's technical note 5411): each glyph's two bytes, then its text in
UTF-16BE."""


def font_files() -> list[Path]:
    """Where the stamp font is looked for, in order: ``REPORTGEN_STAMP_FONT`` alone if set,
    else :data:`FONT_FILES` and, on Windows, the system's Arial."""
    named = os.environ.get(FONT_VARIABLE, "").strip()
    if named:
        return [Path(named)]
    found = [Path(name) for name in FONT_FILES]
    if sys.platform == "win32":  # pragma: no cover - Windows only
        found.append(Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts" / "arial.ttf")
    return found


@dataclass(frozen=True, slots=True, eq=False)
class StampFont:
    """The stamp font as read: its file, its characters and their widths."""

    path: Path
    data: bytes
    """The TrueType file's bytes."""
    glyphs: dict[int, str]
    """Each character's glyph name, by code point."""
    advances: dict[str, int]
    """Each glyph's advance width, in font units."""
    units: int
    """Font units per em."""

    def missing(self, text: str) -> str:
        """The characters of ``text`` the font has no glyph for, each once, in order."""
        return "".join(dict.fromkeys(ch for ch in text if ord(ch) not in self.glyphs))

    def width(self, text: str, size: float) -> float:
        """The width of ``text`` set at ``size`` points, in points."""
        units = sum(self.advances.get(self.glyphs.get(ord(ch), ".notdef"), 0) for ch in text)
        return units * size / self.units


def stamp_font() -> StampFont:
    """The stamp font, read once per process; one error (O517) if none can be read."""
    candidates = font_files()
    for path in candidates:
        try:
            stat = path.stat()
        except OSError:
            continue
        return _read(str(path), stat.st_mtime_ns, stat.st_size)
    named = bool(os.environ.get(FONT_VARIABLE, "").strip())
    where = Location(f"({FONT_VARIABLE})" if named else "(the pack's stamp font)")
    names = ", ".join(str(path) for path in candidates)
    raise ReportError(
        (
            Problem(
                "O517",
                f"the font the pack's page numbers are printed in is not found (looked for "
                f"{names})",
                where,
                INSTALL_HINT,
            ),
        )
    )


@functools.cache
def _read(path: str, mtime_ns: int, size: int) -> StampFont:
    """The font at ``path``, as it is at that time and size (a changed file is read again)."""
    from fontTools.ttLib import TTFont, TTLibError

    del mtime_ns, size  # parts of the cache's key only
    try:
        data = Path(path).read_bytes()
        font: Any = TTFont(io.BytesIO(data), lazy=True)
        glyphs = {int(k): str(v) for k, v in (font.getBestCmap() or {}).items()}
        advances = {str(name): int(advance) for name, (advance, _) in font["hmtx"].metrics.items()}
        units = int(font["head"].unitsPerEm)
        if "glyf" not in font:
            raise TTLibError("it has no TrueType outlines")
    except (OSError, TTLibError, KeyError, AssertionError, ValueError, TypeError) as exc:
        raise ReportError(
            (
                Problem(
                    "O517",
                    f"the font the pack's page numbers are printed in cannot be read: {exc}",
                    Location(path),
                    INSTALL_HINT,
                ),
            )
        ) from exc
    return StampFont(Path(path), data, glyphs, advances, units)


def unprintable(text: str) -> str:
    """The characters of ``text`` the stamp font has no glyph for ("" if none): for checking a
    profile's wording. Windows-1252's are in every font searched, so those are not looked up;
    if the font is not found, nothing can be told here (the pack says O517)."""
    try:
        text.encode("cp1252")
        return ""
    except UnicodeEncodeError:
        pass
    try:
        return stamp_font().missing(text)
    except ReportError:
        return ""


@dataclass(frozen=True, slots=True)
class Embedded:
    """The stamp font as embedded in one pack: its font dictionary and each character's
    glyph."""

    font: Dictionary
    codes: dict[str, int]
    """Each character's glyph number in the embedded font."""

    def encode(self, text: str) -> bytes:
        """``text`` as the font's two-byte glyph numbers (Identity-H)."""
        return b"".join(self.codes.get(ch, 0).to_bytes(2, "big") for ch in text)


def embed(pack: pikepdf.Pdf, font: StampFont, texts: Iterable[str]) -> Embedded:
    """``font`` cut down to the characters of ``texts`` and embedded in ``pack``."""
    from pikepdf import Array, Dictionary, Name, String

    chars = "".join(sorted({ch for text in texts for ch in text if ord(ch) in font.glyphs}))
    cut = _subset(font, chars)
    name = Name("/" + cut.name)
    file = pack.make_stream(cut.data)
    file.Length1 = len(cut.data)
    descriptor = Dictionary(
        Type=Name.FontDescriptor,
        FontName=name,
        Flags=32,  # non-symbolic: the standard Latin characters
        FontBBox=Array(cut.box),
        ItalicAngle=cut.italic_angle,
        Ascent=cut.ascent,
        Descent=cut.descent,
        CapHeight=cut.cap_height,
        StemV=80,
        FontFile2=file,
    )
    descendant = Dictionary(
        Type=Name.Font,
        Subtype=Name.CIDFontType2,
        BaseFont=name,
        CIDSystemInfo=Dictionary(
            Registry=String("Adobe"), Ordering=String("Identity"), Supplement=0
        ),
        FontDescriptor=pack.make_indirect(descriptor),
        DW=1000,
        W=Array([0, Array(cut.widths)]),  # glyphs 0, 1, 2… in turn
        CIDToGIDMap=Name.Identity,
    )
    pairs = "\n".join(
        f"<{gid:04X}> <{ch.encode('utf-16-be').hex().upper()}>"
        for ch, gid in sorted(cut.codes.items(), key=lambda item: item[1])
    )
    to_unicode = pack.make_stream(_CMAP.format(count=len(cut.codes), pairs=pairs).encode("ascii"))
    top = Dictionary(
        Type=Name.Font,
        Subtype=Name.Type0,
        BaseFont=name,
        Encoding=Name("/Identity-H"),
        DescendantFonts=Array([pack.make_indirect(descendant)]),
        ToUnicode=to_unicode,
    )
    return Embedded(pack.make_indirect(top), cut.codes)


@dataclass(frozen=True, slots=True)
class _Subset:
    """The font cut down to some characters, and what its PDF dictionaries say of it; sizes
    in thousandths of an em."""

    data: bytes
    """The cut-down TrueType file."""
    name: str
    """Its PostScript name after a subset tag: ``ABCDEF+LiberationSans``."""
    codes: dict[str, int]
    """Each character's glyph number."""
    widths: tuple[int, ...]
    """Each glyph's advance width, by glyph number."""
    box: tuple[int, int, int, int]
    italic_angle: float
    ascent: int
    descent: int
    cap_height: int


@functools.lru_cache(maxsize=16)
def _subset(font: StampFont, chars: str) -> _Subset:
    """``font`` cut down to ``chars`` (and .notdef), kept for packs stamped alike."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    sub: Any = TTFont(io.BytesIO(font.data), recalcTimestamp=False)  # no date: the same bytes
    options: Any = subset.Options()
    options.layout_features = []  # stamps are set glyph by glyph: no kerning, no ligatures
    options.notdef_outline = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]  # the copyright and names the licence asks for
    for tag in ("GSUB", "GPOS", "GDEF", "kern", "DSIG", "FFTM", "gasp"):
        if tag in sub:  # dropped unread: reading the layout tables is most of the time
            del sub[tag]
    subsetter: Any = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(ch) for ch in chars])
    subsetter.subset(sub)
    out = io.BytesIO()
    sub.save(out)
    data = out.getvalue()
    cmap = sub.getBestCmap() or {}
    order = sub.getGlyphOrder()
    number = {str(glyph): gid for gid, glyph in enumerate(order)}
    scale = 1000 / font.units

    def em(value: float) -> int:
        return round(value * scale)

    head, hhea, hmtx = sub["head"], sub["hhea"], sub["hmtx"].metrics
    cap = getattr(sub.get("OS/2"), "sCapHeight", 0) or hhea.ascent * 0.7
    postscript = str(sub["name"].getDebugName(6) or "Font").replace(" ", "")
    digest = hashlib.sha256(data).digest()
    tag = "".join(chr(ord("A") + b % 26) for b in digest[:6])
    return _Subset(
        data=data,
        name=f"{tag}+{postscript}",
        codes={ch: number[str(cmap[ord(ch)])] for ch in chars if ord(ch) in cmap},
        widths=tuple(em(hmtx[glyph][0]) for glyph in order),
        box=(em(head.xMin), em(head.yMin), em(head.xMax), em(head.yMax)),
        italic_angle=float(sub["post"].italicAngle),
        ascent=em(hhea.ascent),
        descent=em(hhea.descent),
        cap_height=em(cap),
    )
