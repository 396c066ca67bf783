"""A .docx read into a neutral, typed structure: its paragraphs and tables in document order.

:func:`read_word` vets the file as an untrusted Word template is vetted
(:func:`reportgen.writers.docx.template.read_vetted`: the package limits stop a zip bomb, an
encrypted, old or macro-enabled file is refused), with ``W9xx`` problems of its own, and reads
the main document part with lxml:

- each paragraph's runs (text, bold, italic, the hyperlink's target from the relationships,
  the bookmark a ``REF`` field points at), its style's name, its outline level, and the number
  or bullet it shows: the one Word numbering prints (``w:numPr`` resolved through
  numbering.xml's ``w:abstractNum``: ``w:start``, ``w:numFmt``, ``w:lvlText``, counted as Word
  and LibreOffice count, one running sequence a ``w:num``, deeper levels restarting under a
  shallower one), or one typed by hand at the start of its text (``1.``, ``1)``, ``a)``,
  ``(a)``, ``•``, ``-``, ``*``), which is then taken off the text;
- each table's cells on its grid, ``w:gridSpan`` and ``w:vMerge`` resolved into column and row
  spans.

Nothing here knows what a report is: :mod:`reportgen.word.audit` and
:mod:`reportgen.word.importer` read the structure.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from lxml import etree

from reportgen.writers.docx import package
from reportgen.writers.docx.template import Vetting, read_vetted

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PR = "http://schemas.openxmlformats.org/package/2006/relationships"
_MS = "http://schemas.microsoft.com/office/2006/relationships/"
_MACROS = {_MS + "vbaProject", _MS + "wordVbaData", _MS + "keyMapCustomizations"}


def _w(name: str) -> str:
    return f"{{{_W}}}{name}"


# --- the structure ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Run:
    """A stretch of a paragraph's text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str | None = None
    """The hyperlink's target (an address, or ``mailto:``)."""
    ref: str | None = None
    """The bookmark a ``REF`` field around this text points at (its cached text is ``text``)."""


Numbering = Literal["word", "typed"]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """One paragraph: its runs, style, outline level and the number or bullet it shows."""

    index: int
    """Its place among the document's paragraphs (body and table cells), from 1."""
    runs: tuple[Run, ...]
    style: str
    """Its style's name, e.g. ``Heading 1`` or ``Normal``."""
    outline: int | None = None
    """Its outline level, 0 for a first-level heading; None for body text."""
    number: str | None = None
    """The number or bullet shown before it, e.g. ``12.``, ``a)``, ``•``."""
    numbering: Numbering | None = None
    """Whether Word numbering printed :attr:`number` or it was typed at the start."""
    level: int = 0
    """The list level: Word's ``w:ilvl``; for a typed bullet, its indent's step."""
    kind: str | None = None
    """What :attr:`number` is: ``decimal``, ``lowerLetter``, ``upperLetter``, ``lowerRoman``,
    ``upperRoman`` or ``bullet``."""
    value: int | None = None
    """The number's value (3 for ``3.``, ``c)`` or ``iii.``); None for a bullet."""
    indent: int = 0
    """The left indent, in twentieths of a point."""
    bookmarks: tuple[str, ...] = ()
    """The bookmarks that start in it."""
    in_table: bool = False
    pictures: int = 0
    """How many pictures (drawings) it holds: a chart's or a picture's paragraph."""
    typed: str = ""
    """The number or bullet typed at its start as typed, with the spaces after it (taken off
    its runs)."""

    @property
    def text(self) -> str:
        """Its plain text, without the number typed at its start."""
        return "".join(run.text for run in self.runs)

    @property
    def bold(self) -> bool:
        """Whether all its text is bold."""
        return any(r.text.strip() for r in self.runs) and all(
            r.bold for r in self.runs if r.text.strip()
        )


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell, on the grid: its row and column, spans and paragraphs."""

    row: int
    column: int
    paragraphs: tuple[Paragraph, ...]
    rows: int = 1
    columns: int = 1

    @property
    def text(self) -> str:
        """Its paragraphs' text, one a line."""
        return "\n".join(p.text for p in self.paragraphs).strip()


@dataclass(frozen=True, slots=True)
class Table:
    """A table: its rows of cells (a cell a span covers is left out of the rows it covers)."""

    index: int
    """Its place among the document's tables, from 1."""
    rows: tuple[tuple[Cell, ...], ...]
    width: int
    """How many grid columns it has."""
    after: int = 0
    """The index of the last paragraph before it (0 at the start)."""

    def grid(self) -> list[list[str]]:
        """Its text on the grid: a cell's text at its first place, ``""`` where a span covers."""
        out = [[""] * self.width for _ in self.rows]
        for row in self.rows:
            for cell in row:
                if cell.row < len(out) and cell.column < self.width:
                    out[cell.row][cell.column] = cell.text
        return out


Block = Paragraph | Table


@dataclass(frozen=True, slots=True)
class WordFile:
    """A Word file read: its blocks in document order."""

    path: Path
    blocks: tuple[Block, ...]

    def paragraphs(self) -> Iterator[Paragraph]:
        """The body's paragraphs, in order (not those in tables)."""
        return (b for b in self.blocks if isinstance(b, Paragraph))

    def tables(self) -> Iterator[Table]:
        """The tables, in order."""
        return (b for b in self.blocks if isinstance(b, Table))


# --- vetting ---------------------------------------------------------------------------------

_CODES = {
    "T405": "W901",
    "T406": "W901",
    "T409": "W901",
    "T414": "W901",
    "T407": "W902",
    "T408": "W903",
    "T413": "W904",
    "T410": "W905",
    "T411": "W906",
    "T412": "W906",
}
"""The template's problems as a Word file's; the others (outside links, embedded objects,
DDE fields) matter only to a file that is opened in Word, which a file read here never is."""

_FIXES = {
    "W901": "give the path of a Word document (.docx)",
    "W902": "open it in Word, remove the password (File › Info › Protect Document › Encrypt "
    "with Password, then clear it) and save it as a .docx",
    "W903": "open it in Word and save it as a Word Document (.docx)",
    "W904": "open it in Word and save it as a Word Document (.docx), which keeps no macros",
    "W905": "save a copy without its large pictures, or split the document",
    "W906": "open it in Word and save it again",
}
_MESSAGES = {
    "T407": "is password-protected (encrypted), so it cannot be read",
    "T413": "is macro-enabled (.docm); macros are not read from untrusted files",
}


class _WordVetting(Vetting):
    """A Word file's vetting: the template's checks, worded and coded as ``W9xx``."""

    subject = "the Word file"

    def add(self, code: str, message: str, fix: str) -> None:
        own = _CODES.get(code)
        if own is None:
            return
        self.problems.add(
            own, f"{self.subject} {_MESSAGES.get(code, message)}", self.where, _FIXES[own]
        )

    def stripped(self, kind: str, part: str) -> None:
        if kind in _MACROS:
            self.problems.add(
                "W904",
                f"{self.subject} holds macros ({part}); macros are not read from untrusted files",
                self.where,
                _FIXES["W904"],
            )


def read_parts(path: Path) -> dict[str, bytes]:
    """The parts of the Word file at ``path``, vetted; raises one ReportError (``W9xx``)."""
    vetting = _WordVetting(path)
    if path.suffix.lower() in (".docm", ".dotm"):
        vetting.problems.add(
            "W904",
            f"{vetting.subject} is a macro-enabled document ({path.suffix}); macros are not read "
            "from untrusted files",
            vetting.where,
            _FIXES["W904"],
        )
        vetting.problems.raise_if_any()
    parts = read_vetted(path, vetting)
    for name in parts:
        if name.lower().rsplit("/", 1)[-1] in ("vbaproject.bin", "vbadata.xml"):
            vetting.stripped(_MS + "vbaProject", name)
    vetting.problems.raise_if_any()
    return parts


# --- reading ---------------------------------------------------------------------------------


def read_word(path: Path) -> WordFile:
    """The Word file at ``path`` read into its blocks; raises one ReportError (``W9xx``) when
    it is not a Word document that may be read."""
    parts = read_parts(path)
    main, rels = _main_part(parts)
    root = package.parse_xml(parts[main])
    links = _links(parts, rels)
    styles = _Styles(_parse(parts, _related(parts, main, "styles")))
    numbers = _Numbers(_parse(parts, _related(parts, main, "numbering")), styles)
    reader = _Reader(links, styles, numbers)
    body = root.find(_w("body"))
    blocks = list(reader.blocks(body)) if body is not None else []
    return WordFile(path, tuple(blocks))


def _main_part(parts: Mapping[str, bytes]) -> tuple[str, str]:
    rels = package.parse_xml(parts["_rels/.rels"])
    for rel in rels:
        if (rel.get("Type") or "").endswith("/officeDocument"):
            name = package.rel_target("", rel.get("Target") or "")
            return name, package.rels_name(name)
    raise AssertionError("vetting found the main part")  # pragma: no cover


def _related(parts: Mapping[str, bytes], main: str, kind: str) -> str | None:
    rels_name = package.rels_name(main)
    if rels_name not in parts:
        return None
    for rel in package.parse_xml(parts[rels_name]):
        if (rel.get("Type") or "").endswith("/" + kind) and rel.get("TargetMode") != "External":
            return package.rel_target(main, rel.get("Target") or "")
    return None


def _parse(parts: Mapping[str, bytes], name: str | None) -> etree._Element | None:
    if name is None or name not in parts:
        return None
    return package.parse_xml(parts[name])


def _links(parts: Mapping[str, bytes], rels_name: str) -> dict[str, str]:
    if rels_name not in parts:
        return {}
    return {
        rel.get("Id") or "": rel.get("Target") or ""
        for rel in package.parse_xml(parts[rels_name])
        if (rel.get("Type") or "").endswith("/hyperlink")
    }


def _on(element: etree._Element | None) -> bool:
    """Whether a toggle property (``w:b``, ``w:i``) is on."""
    if element is None:
        return False
    return (element.get(_w("val")) or "true").lower() not in ("0", "false", "off", "none")


class _Styles:
    """styles.xml: each style's name, what it is based on, its numbering and outline level."""

    def __init__(self, root: etree._Element | None) -> None:
        self.names: dict[str, str] = {}
        self.based: dict[str, str] = {}
        self.num: dict[str, tuple[str | None, int | None]] = {}
        self.outline: dict[str, int] = {}
        self.bold: dict[str, bool] = {}
        self.italic: dict[str, bool] = {}
        self.default = "Normal"
        if root is None:
            return
        for style in root.iter(_w("style")):
            sid = style.get(_w("styleId")) or ""
            name = style.find(_w("name"))
            shown = (name.get(_w("val")) if name is not None else None) or sid
            self.names[sid] = shown[:1].upper() + shown[1:]  # Word's "heading 1" shows so
            based = style.find(_w("basedOn"))
            if based is not None:
                self.based[sid] = based.get(_w("val")) or ""
            ppr = style.find(_w("pPr"))
            if ppr is not None:
                num = ppr.find(_w("numPr"))
                if num is not None:
                    self.num[sid] = _num_pr(num)
                level = ppr.find(_w("outlineLvl"))
                if level is not None:
                    self.outline[sid] = int(level.get(_w("val")) or "9")
            rpr = style.find(_w("rPr"))
            if rpr is not None:
                if rpr.find(_w("b")) is not None:
                    self.bold[sid] = _on(rpr.find(_w("b")))
                if rpr.find(_w("i")) is not None:
                    self.italic[sid] = _on(rpr.find(_w("i")))
            if style.get(_w("type")) == "paragraph" and _on_attr(style.get(_w("default"))):
                self.default = sid

    def chain(self, sid: str) -> Iterator[str]:
        """``sid`` and the styles it is based on, nearest first."""
        seen: set[str] = set()
        while sid and sid not in seen:
            seen.add(sid)
            yield sid
            sid = self.based.get(sid, "")

    def name(self, sid: str | None) -> str:
        return self.names.get(sid or self.default, sid or "Normal")

    def outline_of(self, sid: str) -> int | None:
        for s in self.chain(sid):
            if s in self.outline:
                return self.outline[s] if self.outline[s] < 9 else None
            found = re.fullmatch(r"heading ([1-9])", self.names.get(s, "").lower())
            if found:
                return int(found.group(1)) - 1
        return None

    def numbering_of(self, sid: str) -> tuple[str | None, int | None]:
        for s in self.chain(sid):
            if s in self.num:
                return self.num[s]
        return (None, None)

    def toggle(self, sid: str | None, table: dict[str, bool]) -> bool:
        for s in self.chain(sid or ""):
            if s in table:
                return table[s]
        return False


def _on_attr(value: str | None) -> bool:
    return (value or "").lower() in ("1", "true", "on")


def _num_pr(num: etree._Element) -> tuple[str | None, int | None]:
    nid = num.find(_w("numId"))
    lvl = num.find(_w("ilvl"))
    return (
        nid.get(_w("val")) if nid is not None else None,
        int(lvl.get(_w("val")) or "0") if lvl is not None else None,
    )


@dataclass(slots=True)
class _Level:
    start: int = 1
    kind: str = "decimal"
    text: str = "%1."
    restart: int | None = None
    bullet: bool = False


_BULLETS = {"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf0fc": "✓", "o": "o", "": "•"}


class _Numbers:
    """numbering.xml: each ``w:num``'s levels, and the counters as the document runs."""

    def __init__(self, root: etree._Element | None, styles: _Styles) -> None:
        self.styles = styles
        self.levels: dict[str, dict[int, _Level]] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if root is None:
            return
        abstract: dict[str, dict[int, _Level]] = {}
        for element in root.iter(_w("abstractNum")):
            levels: dict[int, _Level] = {}
            for lvl in element.iter(_w("lvl")):
                levels[int(lvl.get(_w("ilvl")) or "0")] = _level(lvl)
            abstract[element.get(_w("abstractNumId")) or ""] = levels
        for num in root.iter(_w("num")):
            aid = num.find(_w("abstractNumId"))
            base = abstract.get(aid.get(_w("val")) or "" if aid is not None else "", {})
            levels = {
                k: _Level(v.start, v.kind, v.text, v.restart, v.bullet) for k, v in base.items()
            }
            for override in num.iter(_w("lvlOverride")):
                ilvl = int(override.get(_w("ilvl")) or "0")
                own = override.find(_w("lvl"))
                if own is not None:
                    levels[ilvl] = _level(own)
                start = override.find(_w("startOverride"))
                if start is not None:
                    levels.setdefault(ilvl, _Level()).start = int(start.get(_w("val")) or "1")
            self.levels[num.get(_w("numId")) or ""] = levels

    def next(self, num_id: str, ilvl: int) -> tuple[str, str, int | None] | None:
        """The number the next paragraph of ``num_id`` at ``ilvl`` shows: its text, its kind
        and its value; None when the numbering prints nothing."""
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels:
            return None
        counters = self.counters.setdefault(num_id, {})
        level = levels[ilvl]
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.bullet:
            return (_BULLETS.get(level.text, level.text), "bullet", None)

        def value(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            shown = levels.get(k, _Level())
            return _format(counters.get(k, shown.start), shown.kind)

        return (re.sub(r"%([1-9])", value, level.text), level.kind, counters[ilvl])


def _level(lvl: etree._Element) -> _Level:
    start = lvl.find(_w("start"))
    fmt = lvl.find(_w("numFmt"))
    text = lvl.find(_w("lvlText"))
    kind = (fmt.get(_w("val")) if fmt is not None else None) or "decimal"
    return _Level(
        start=int(start.get(_w("val")) or "1") if start is not None else 1,
        kind=kind,
        text=(text.get(_w("val")) if text is not None else None) or "",
        bullet=kind == "bullet",
    )


def _format(value: int, kind: str) -> str:
    """``value`` written in the numbering ``kind``."""
    if kind in ("lowerLetter", "upperLetter"):
        letters = ""
        n = value
        while n > 0:
            n, r = divmod(n - 1, 26)
            letters = chr(ord("a") + r) + letters
        return letters.upper() if kind == "upperLetter" else letters
    if kind in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.upper() if kind == "upperRoman" else roman
    if kind == "none":
        return ""
    return str(value)


def _roman(value: int) -> str:
    out = ""
    for number, letters in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip
        while value >= number:
            out += letters
            value -= number
    return out


def roman_value(text: str) -> int | None:
    """The value of a lower-case Roman numeral, or None when ``text`` is not one."""
    for n in range(1, 40):
        if _roman(n) == text:
            return n
    return None


TYPED = re.compile(
    r"^(?P<dotted>[1-9]\d{0,2}(?:\.\d{1,3})+)\.?\t[ \t]*(?=\S)"
    r"|^(?P<number>(?P<open>\()?(?P<value>[0-9]{1,3}|[a-z]|[ivx]{1,5}|[A-Z])"
    r"(?(open)\)|[.)]))[ \t\u00a0]+(?=\S)"
    r"|^(?P<bullet>[•\-*·▪●◦o–])[ \t\u00a0]+(?=\S)"
)
"""A number or bullet typed at the start of a paragraph: ``1.``, ``1)``, ``a)``, ``(a)``,
``iv.``, ``4.2`` and a tab (numbered by section), ``•``, ``-``, ``*``."""


def typed_number(text: str) -> tuple[str, str, int | None, int] | None:
    """The number or bullet typed at the start of ``text``: (as typed, kind, value, length)."""
    found = TYPED.match(text)
    if found is None:
        return None
    if found.group("dotted"):  # numbered by section: 4.2
        return (
            found.group("dotted"),
            "decimal",
            int(found.group("dotted").split(".")[-1]),
            found.end(),
        )
    if found.group("bullet"):
        return (found.group("bullet"), "bullet", None, found.end())
    value = found.group("value")
    if value.isdigit():
        return (found.group("number"), "decimal", int(value), found.end())
    roman = roman_value(value)
    if roman is not None and (value not in ("i", "v", "x") or value in ("ii", "iii")):
        return (found.group("number"), "lowerRoman", roman, found.end())
    if value.isupper():
        return (found.group("number"), "upperLetter", ord(value) - ord("A") + 1, found.end())
    return (found.group("number"), "lowerLetter", ord(value) - ord("a") + 1, found.end())


@dataclass
class _Reader:
    links: Mapping[str, str]
    styles: _Styles
    numbers: _Numbers
    paragraphs: int = 0
    tables: int = 0
    pending: list[str] = field(default_factory=list)

    def blocks(self, parent: etree._Element) -> Iterator[Block]:
        for child in parent:
            if child.tag == _w("p"):
                yield self.paragraph(child)
            elif child.tag == _w("tbl"):
                self.tables += 1
                yield self.table(child, self.tables)
            elif child.tag == _w("sdt"):
                content = child.find(_w("sdtContent"))
                if content is not None:
                    yield from self.blocks(content)

    def paragraph(self, p: etree._Element, in_table: bool = False) -> Paragraph:
        self.paragraphs += 1
        ppr = p.find(_w("pPr"))
        sid = None
        num: tuple[str | None, int | None] = (None, None)
        outline = None
        indent = 0
        if ppr is not None:
            style = ppr.find(_w("pStyle"))
            sid = style.get(_w("val")) if style is not None else None
            numpr = ppr.find(_w("numPr"))
            if numpr is not None:
                num = _num_pr(numpr)
            level = ppr.find(_w("outlineLvl"))
            if level is not None and int(level.get(_w("val")) or "9") < 9:
                outline = int(level.get(_w("val")) or "0")
            ind = ppr.find(_w("ind"))
            if ind is not None:
                raw = ind.get(_w("left")) or ind.get(_w("start")) or "0"
                indent = int(raw) if raw.lstrip("-").isdigit() else 0
        sid = sid or self.styles.default
        if outline is None:
            outline = self.styles.outline_of(sid)
        style_num = self.styles.numbering_of(sid)
        num_id = num[0] if num[0] is not None else style_num[0]
        ilvl = num[1] if num[1] is not None else (style_num[1] or 0)
        runs, bookmarks = self.runs(p, sid)
        number = kind = None
        prefix = ""
        numbering: Numbering | None = None
        value = None
        if num_id and num_id != "0":
            shown = self.numbers.next(num_id, ilvl)
            if shown is not None and shown[0]:
                number, kind, value = shown
                numbering = "word"
        if numbering is None:
            text = "".join(r.text for r in runs)
            stripped = text.lstrip()
            typed = typed_number(stripped)
            if typed is not None:
                number, kind, value, length = typed
                numbering = "typed"
                cut = len(text) - len(stripped) + length
                prefix = text[:cut]
                runs = _drop(runs, cut)
                ilvl = max(0, indent // 360) if kind == "bullet" else 0
        return Paragraph(
            index=self.paragraphs,
            runs=tuple(runs),
            style=self.styles.name(sid),
            outline=outline,
            number=number,
            numbering=numbering,
            level=ilvl if numbering else 0,
            kind=kind,
            value=value,
            indent=indent,
            bookmarks=tuple(bookmarks),
            in_table=in_table,
            pictures=sum(1 for _ in p.iter(_w("drawing"), _w("pict"))),
            typed=prefix,
        )

    def runs(self, p: etree._Element, sid: str | None) -> tuple[list[Run], list[str]]:
        runs: list[Run] = []
        bookmarks: list[str] = []
        style_bold = self.styles.toggle(sid, self.styles.bold)
        style_italic = self.styles.toggle(sid, self.styles.italic)
        field_state: list[dict[str, object]] = []

        def walk(element: etree._Element, link: str | None) -> None:
            for child in element:
                tag = child.tag
                if tag == _w("r"):
                    run(child, link)
                elif tag == _w("hyperlink"):
                    rid = child.get(f"{{{_R}}}id")
                    target = self.links.get(rid or "") if rid else None
                    anchor = child.get(_w("anchor"))
                    walk(child, target or (f"#{anchor}" if anchor else None))
                elif tag == _w("bookmarkStart"):
                    name = child.get(_w("name")) or ""
                    if name and name != "_GoBack":
                        bookmarks.append(name)
                elif tag in (_w("ins"), _w("smartTag"), _w("customXml"), _w("fldSimple")):
                    if tag == _w("fldSimple"):
                        field_state.append({"instr": child.get(_w("instr")) or "", "on": True})
                        walk(child, link)
                        field_state.pop()
                    else:
                        walk(child, link)
                elif tag == _w("sdt"):
                    content = child.find(_w("sdtContent"))
                    if content is not None:
                        walk(content, link)

        def run(r: etree._Element, link: str | None) -> None:
            rpr = r.find(_w("rPr"))
            bold, italic = style_bold, style_italic
            if rpr is not None:
                rstyle = rpr.find(_w("rStyle"))
                if rstyle is not None:
                    rid = rstyle.get(_w("val")) or ""
                    bold = bold or self.styles.toggle(rid, self.styles.bold) or rid == "Strong"
                    italic = (
                        italic or self.styles.toggle(rid, self.styles.italic) or rid == "Emphasis"
                    )
                if rpr.find(_w("b")) is not None:
                    bold = _on(rpr.find(_w("b")))
                if rpr.find(_w("i")) is not None:
                    italic = _on(rpr.find(_w("i")))
            for child in r:
                tag = child.tag
                if tag == _w("fldChar"):
                    kind = child.get(_w("fldCharType"))
                    if kind == "begin":
                        field_state.append({"instr": "", "on": False})
                    elif kind == "separate" and field_state:
                        field_state[-1]["on"] = True
                    elif kind == "end" and field_state:
                        field_state.pop()
                    continue
                if tag == _w("instrText"):
                    if field_state:
                        field_state[-1]["instr"] = str(field_state[-1]["instr"]) + (
                            child.text or ""
                        )
                    continue
                if field_state and not field_state[-1]["on"]:
                    continue
                text = ""
                if tag == _w("t"):
                    text = child.text or ""
                elif tag == _w("tab"):
                    text = "\t"
                elif tag in (_w("br"), _w("cr")):
                    text = "\n"
                elif tag == _w("noBreakHyphen"):
                    text = "-"
                if not text:
                    continue
                ref = field_link = None
                if field_state:
                    words = str(field_state[-1]["instr"]).split()
                    if words and words[0].upper() == "REF" and len(words) > 1:
                        ref = words[1]
                    if words and words[0].upper() == "HYPERLINK" and len(words) > 1:
                        field_link = words[-1].strip('"')
                runs.append(Run(text, bold, italic, link or field_link, ref))

        walk(p, None)
        return _merge(runs), bookmarks

    def table(self, tbl: etree._Element, index: int) -> Table:
        after = self.paragraphs
        grid = tbl.find(_w("tblGrid"))
        width = len(grid.findall(_w("gridCol"))) if grid is not None else 0
        laid: list[list[Cell]] = []
        open_cells: dict[int, list[int]] = {}  # column: [rows, row, column] of a vertical merge
        merges: list[list[int]] = []
        for r, tr in enumerate(tbl.findall(_w("tr"))):
            row: list[Cell] = []
            column = 0
            for tc in tr.findall(_w("tc")):
                tcpr = tc.find(_w("tcPr"))
                span = 1
                merge = None
                if tcpr is not None:
                    gs = tcpr.find(_w("gridSpan"))
                    if gs is not None:
                        span = max(1, int(gs.get(_w("val")) or "1"))
                    vm = tcpr.find(_w("vMerge"))
                    if vm is not None:
                        merge = vm.get(_w("val")) or "continue"
                paragraphs = tuple(self.paragraph(p, in_table=True) for p in tc.iter(_w("p")))
                if merge == "continue" and column in open_cells:
                    open_cells[column][0] += 1
                else:
                    if merge == "restart":
                        open_cells[column] = [1, r, column]
                        merges.append(open_cells[column])
                    else:
                        open_cells.pop(column, None)
                    row.append(Cell(r, column, paragraphs, 1, span))
                column += span
            laid.append(row)
            width = max(width, column)
        # the vertical merges' spans, now their lengths are known
        spans = {(m[1], m[2]): m[0] for m in merges}
        rows = tuple(
            tuple(
                Cell(c.row, c.column, c.paragraphs, spans.get((c.row, c.column), 1), c.columns)
                for c in row
            )
            for row in laid
        )
        return Table(index, rows, width, after)


def _drop(runs: list[Run], count: int) -> list[Run]:
    """``runs`` without their first ``count`` characters."""
    out: list[Run] = []
    for run in runs:
        if count >= len(run.text):
            count -= len(run.text)
            continue
        if count:
            run = Run(run.text[count:], run.bold, run.italic, run.link, run.ref)
            count = 0
        out.append(run)
    return out


def _merge(runs: list[Run]) -> list[Run]:
    """Neighbouring runs of one formatting joined."""
    out: list[Run] = []
    for run in runs:
        if out and (out[-1].bold, out[-1].italic, out[-1].link, out[-1].ref) == (
            run.bold,
            run.italic,
            run.link,
            run.ref,
        ):
            out[-1] = Run(out[-1].text + run.text, run.bold, run.italic, run.link, run.ref)
        else:
            out.append(run)
    return out
