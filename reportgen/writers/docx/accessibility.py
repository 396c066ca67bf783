"""Accessibility faults in a .docx, found by reading the file as a screen reader would.

Each check reads the WordprocessingML, not reportgen's own model, so it judges what was written
(the tests run it on every example's build, and on faulty documents to show it reports):

- a heading level skipped (Heading 1, then Heading 3): screen-reader users navigate by level;
- a table without a header row (``w:tblHeader``) nor row headers (each row's first cell in
  the "Table Heading" style), or without a title (``w:tblCaption``);
- a link without text: it is read out as its address, or not at all;
- text typed in place of a list ('1. ', 'a) ', '• '): it is read as text, not as a list;
- an empty paragraph used for spacing: it is read out as 'blank'.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

from lxml import etree

from reportgen.writers.docx.cells import ROW_HEADING_STYLE

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": _W}

TYPED_LIST = re.compile(
    r"^\s*(?:\(?(?:\d{1,3}|[a-z]|[ivxlc]{1,5})[.)]\s|\(?[A-Z]\)\s|[•·▪◦●○■□‣⁃∙–-]\s)"
)
"""A paragraph that starts like a list item typed by hand: '1. ', '12) ', 'a) ', '(b) ', 'iv. ',
'A) ', '• ', '- '. Not 'A. N. Other' (initials), nor '* ' (a footnote mark)."""

_HEADING_NAME = re.compile(r"heading ([1-9])", re.IGNORECASE)
_CONTENT = {f"{{{_W}}}{n}" for n in ("drawing", "pict", "object", "fldChar", "fldSimple", "sym")}
"""Elements that show something in a paragraph without text."""


@dataclass(frozen=True, slots=True)
class Fault:
    """One accessibility fault: what it is, and where (the text it concerns)."""

    code: str
    """Which check: 'heading-skip', 'table-header', 'table-title', 'link-text', 'typed-list' or
    'empty-paragraph'."""
    message: str


def _text(element: etree._Element) -> str:
    """The text a reader sees in ``element``: its runs' text, tabs, breaks and cells as spaces."""
    out: list[str] = []
    for node in element.iter(f"{{{_W}}}t", f"{{{_W}}}tab", f"{{{_W}}}br", f"{{{_W}}}tc"):
        out.append(node.text or "" if node.tag == f"{{{_W}}}t" else " ")
    return "".join(out)


def _val(element: etree._Element | None) -> str | None:
    return None if element is None else element.get(f"{{{_W}}}val")


class _Styles:
    """Each paragraph style's outline level and numbering, through the styles it is based on."""

    def __init__(self, styles: etree._Element | None) -> None:
        self.by_id: dict[str, etree._Element] = {}
        if styles is not None:
            for style in styles.findall("w:style", _NS):
                self.by_id[style.get(f"{{{_W}}}styleId") or ""] = style

    def _chain(self, ident: str | None) -> list[etree._Element]:
        chain: list[etree._Element] = []
        while ident is not None and ident in self.by_id and len(chain) < 20:
            style = self.by_id[ident]
            chain.append(style)
            ident = _val(style.find("w:basedOn", _NS))
        return chain

    def outline_level(self, ident: str | None) -> int | None:
        """The heading level (1 for Heading 1) a style gives its paragraphs, if any."""
        for style in self._chain(ident):
            level = _val(style.find("w:pPr/w:outlineLvl", _NS))
            if level is not None and level.isdigit():
                return int(level) + 1 if int(level) < 9 else None
            name = _HEADING_NAME.fullmatch(_val(style.find("w:name", _NS)) or "")
            if name:
                return int(name.group(1))
        return None

    def name(self, ident: str | None) -> str | None:
        """The name of the style ``ident``, if the styles part has it."""
        style = self.by_id.get(ident or "")
        return None if style is None else _val(style.find("w:name", _NS))

    def numbered(self, ident: str | None) -> bool:
        """Whether a style numbers or bullets its paragraphs itself."""
        return any(
            (_val(style.find("w:pPr/w:numPr/w:numId", _NS)) or "0") != "0"
            for style in self._chain(ident)
        )


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= 60 else text[:57] + "…")


def _closes_table(p: etree._Element) -> bool:
    """Whether ``p`` is the paragraph Word needs after a table that ends the document."""
    before = p.getprevious()
    after = p.getnext()
    return (
        before is not None
        and before.tag == f"{{{_W}}}tbl"
        and (after is None or after.tag == f"{{{_W}}}sectPr")
    )


def check_document(body: etree._Element, styles: etree._Element | None = None) -> list[Fault]:
    """The faults in the main part ``body`` (``w:document``), with its ``styles`` part."""
    known = _Styles(styles)
    faults: list[Fault] = []
    previous = 0
    for p in body.iter(f"{{{_W}}}p"):
        style = _val(p.find("w:pPr/w:pStyle", _NS))
        direct = _val(p.find("w:pPr/w:outlineLvl", _NS))
        level = int(direct) + 1 if direct and direct.isdigit() else known.outline_level(style)
        text = _text(p)
        if level is not None and level <= 9:
            if level > previous + 1:
                faults.append(
                    Fault(
                        "heading-skip",
                        f"heading level {level} follows level {previous}: {_excerpt(text)}",
                    )
                )
            previous = level
        numbered = (_val(p.find("w:pPr/w:numPr/w:numId", _NS)) or "0") != "0" or (
            p.find("w:pPr/w:numPr", _NS) is None and known.numbered(style)
        )
        if not numbered and TYPED_LIST.match(text):
            faults.append(Fault("typed-list", f"a list item typed as text: {_excerpt(text)}"))
        in_table = any(etree.QName(a).localname == "tc" for a in p.iterancestors())
        if (
            not in_table
            and not text.strip()
            and not _closes_table(p)
            and p.find("w:pPr/w:sectPr", _NS) is None
            and not any(e.tag in _CONTENT for e in p.iter())
        ):
            before = p.getprevious()
            where = _excerpt(_text(before)) if before is not None else "the start"
            faults.append(Fault("empty-paragraph", f"an empty paragraph after {where}"))
    for link in body.iter(f"{{{_W}}}hyperlink"):
        if not _text(link).strip():
            faults.append(Fault("link-text", "a link with no text"))
    for number, tbl in enumerate(body.iter(f"{{{_W}}}tbl"), 1):
        first = tbl.find("w:tr", _NS)
        name = _excerpt(_text(first)) if first is not None else "(no rows)"
        row_headers = _row_headers(tbl, known)
        if first is None or (first.find("w:trPr/w:tblHeader", _NS) is None and not row_headers):
            faults.append(Fault("table-header", f"table {number} has no header row: {name}"))
        if not (_val(tbl.find("w:tblPr/w:tblCaption", _NS)) or "").strip():
            faults.append(Fault("table-title", f"table {number} has no title: {name}"))
    return faults


def _row_headers(tbl: etree._Element, known: _Styles) -> bool:
    """Whether every row of ``tbl`` starts with a row header: a cell whose paragraph has the
    style LibreOffice tags as a header cell (TH), "Table Heading"."""
    rows = tbl.findall("w:tr", _NS)
    return bool(rows) and all(
        known.name(_val(tr.find("w:tc/w:p/w:pPr/w:pStyle", _NS))) == ROW_HEADING_STYLE
        or tr.find("w:tc/w:tcPr/w:vMerge[@w:val='continue']", _NS) is not None
        for tr in rows
    )


def check_docx(data: bytes) -> list[Fault]:
    """The accessibility faults in the .docx ``data``; none when it is fit to publish."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
        names = package.namelist()
        styles = (
            etree.fromstring(package.read("word/styles.xml"))
            if "word/styles.xml" in names
            else None
        )
    return check_document(body, styles)
