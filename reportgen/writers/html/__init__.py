"""Write a resolved :class:`~reportgen.document.Document` as one accessible, self-contained page.

The HTML edition is published beside the PDF and shown by the live preview. Like the Word
writer it decides nothing: every number, letter and bullet it shows is the resolver's
(:attr:`ListMark.label <reportgen.document.ListMark.label>` in its list format's
:attr:`~reportgen.document.LevelFormat.pattern`), every figure is printed as ``shown``.

The page is templates/report.html.j2, filled by Jinja with autoescaping on (no text of a report
is ever HTML), and templates/report.css inlined into it. This module only groups the blocks for
the template (bullets into nested lists, each table with its caption) and gives each numbered
block its printed number and its id. The template is compiled once per process.

Each page is sealed like reportgen's Word and PDF files: a ``<meta name="reportgen-sealed">``
holds the SHA-256 digest of the page (counting the digest's 64 characters as zeros), so
:func:`sealed_untouched` can tell a page reportgen wrote from one edited since.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reportgen.document import (
    Callout,
    Chart,
    Document,
    Emph,
    Figure,
    Heading,
    Inlines,
    LineBreak,
    Link,
    ListMark,
    Look,
    Para,
    Picture,
    RefNumber,
    Strong,
    Table,
    Text,
    plain_text,
)
from reportgen.errors import Location
from reportgen.reads import note_file
from reportgen.writers.html.cells import cell_blocks
from reportgen.writers.html.design import CalloutView, design_css

if TYPE_CHECKING:
    from jinja2 import Template

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
"""The project's templates/ folder."""
TEMPLATE = TEMPLATES / "report.html.j2"
"""The page."""
STYLESHEET = TEMPLATES / "report.css"
LANDSCAPE_CSS = TEMPLATES / "landscape.css"
"""The rules of landscape pages, added to a page that has blocks on them."""
"""The council's look, inlined into every page."""
FIGURES_STYLESHEET = TEMPLATES / "figures.css"
"""How pictures and charts sit on the page, inlined after it into a page that has one."""

SEAL_NAME = "reportgen-sealed"
"""The ``<meta name>`` that holds the page's digest."""
_ZEROS = "0" * 64
_SEAL = re.compile(rb'<meta name="reportgen-sealed" content="([0-9a-f]{64})">')

_SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:")
"""Links to anything else (``javascript:``…) are printed as their text only."""

EditorLink = Callable[[Location], str]
"""Makes the link from a paragraph's number to its place in the YAML (``vscode://file/…``)."""


# --- what the template is given ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Numbered:
    """A heading or paragraph as the template prints it."""

    kind: str
    """``heading`` or the paragraph's role."""
    content: Inlines
    number: str | None = None
    """The number, letter or bullet shown before it, e.g. ``"8."``, ``"a)"``."""
    ident: str | None = None
    """Its id, for cross-references: its anchor, else one made from its number."""
    edit: str | None = None
    """The editor link for its number, when the page has them."""
    level: int = 0
    """A heading's HTML level (2 for the report's sections)."""
    new_page: bool = False
    """A heading printed at the top of a new page."""


@dataclass(slots=True)
class Bullet:
    """One bullet and the bullets nested under it."""

    item: Numbered
    children: list[Bullet] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Bullets:
    """A run of bullets, as one nested list."""

    items: tuple[Bullet, ...]
    kind: str = "bullets"


@dataclass(frozen=True, slots=True)
class Turn:
    """Where a run of blocks on landscape pages starts (``landscape-start``) or ends."""

    kind: str


@dataclass(frozen=True, slots=True)
class TableView:
    """A table with its caption: the caption paragraph before it, else its title, else none
    (the template then names it by its ``number``, so that screen readers can tell it)."""

    table: Table
    caption: Inlines | None
    caption_shown: bool
    """False when the caption only repeats the lead-in before the table (kept for readers)."""
    ident: str | None = None
    columns: int = 1
    number: int = 0
    """Its place among the document's tables, from 1."""
    kind: str = "table"


@dataclass(frozen=True, slots=True)
class FigureView:
    """A picture or chart as the template prints it: an image (a data address, so the page
    needs no other file), its alt text, its size and its caption."""

    src: str
    alt: str
    width: int
    """In CSS pixels; the stylesheet keeps it within the page."""
    caption: Inlines
    ident: str | None = None
    kind: str = "figure"


View = Numbered | Bullets | TableView | CalloutView | FigureView | Turn


# --- numbering -----------------------------------------------------------------------------------


class _Numbers:
    """The printed number of each mark, and ids that do not clash."""

    def __init__(self, document: Document) -> None:
        self.formats = document.list_formats
        self.labels: dict[tuple[str, str], list[str]] = {}
        self.ids: set[str] = {
            block.anchor
            for block in document.blocks
            if isinstance(block, Para) and block.anchor is not None
        }

    def shown(self, mark: ListMark) -> str:
        """``mark``'s label in its level's pattern, e.g. ``"{1}."`` → ``"8."``."""
        labels = self.labels.setdefault((mark.kind, mark.instance), [])
        del labels[mark.level :]
        labels += [""] * (mark.level - len(labels)) + [mark.label]
        levels = self.formats[mark.kind].levels
        pattern = levels[min(mark.level, len(levels) - 1)].pattern

        def counter(found: re.Match[str]) -> str:
            index = int(found[1]) - 1
            return labels[index] if index < len(labels) else ""

        return re.sub(r"\{(\d+)\}", counter, pattern)

    def ident(self, mark: ListMark) -> str | None:
        """An id for a numbered block without an anchor (``para-8``), unless it would clash."""
        prefix = "para" if mark.kind == "paragraph" else mark.kind
        labels = self.labels.get((mark.kind, mark.instance), [mark.label])
        name = "-".join([prefix, *(label for label in labels if label)])
        if not re.fullmatch(r"[\w-]+", name) or name in self.ids:
            return None
        self.ids.add(name)
        return name


def _views(document: Document, editor_link: EditorLink | None) -> list[View]:
    """The blocks grouped and numbered for the template."""
    numbers = _Numbers(document)
    views: list[View] = []
    bullets: list[Bullet] = []
    open_levels: list[Bullet] = []
    caption: Para | None = None
    tables = 0

    def flush_bullets() -> None:
        if bullets:
            views.append(Bullets(tuple(bullets)))
            bullets.clear()
            open_levels.clear()

    def flush_caption() -> None:
        nonlocal caption
        if caption is not None:
            views.append(_para(caption, numbers, editor_link))
            caption = None

    starts = {start for start, _ in document.landscape}
    ends = {end for _, end in document.landscape}
    for i, block in enumerate(document.blocks):
        if i in ends or i in starts:
            flush_bullets()
            flush_caption()
            if i in ends:
                views.append(Turn("landscape-end"))
            if i in starts:
                views.append(Turn("landscape-start"))
        if isinstance(block, Para) and block.role == "bullet":
            flush_caption()
            level = block.mark.level if block.mark is not None else 0
            bullet = Bullet(_para(block, numbers, editor_link))
            level = min(level, len(open_levels))
            del open_levels[level:]
            (open_levels[-1].children if open_levels else bullets).append(bullet)
            open_levels.append(bullet)
            continue
        flush_bullets()
        if isinstance(block, Para) and block.role == "caption" and block.mark is None:
            flush_caption()
            caption = block
            continue
        if isinstance(block, Table):
            tables += 1
            views.append(_table(block, caption, tables))
            caption = None
            continue
        flush_caption()
        if isinstance(block, Callout):
            views.append(CalloutView(block))
        elif isinstance(block, Picture | Chart):
            views.append(_figure(block))
        elif isinstance(block, Heading):
            views.append(_heading(block, numbers, editor_link))
        else:
            views.append(_para(block, numbers, editor_link))
    flush_bullets()
    flush_caption()
    if len(document.blocks) in ends:
        views.append(Turn("landscape-end"))
    return views


def _edit(block: Heading | Para, editor_link: EditorLink | None) -> str | None:
    if editor_link is None or block.where is None:
        return None
    return editor_link(block.where)


def _para(block: Para, numbers: _Numbers, editor_link: EditorLink | None) -> Numbered:
    number = ident = None
    if block.mark is not None:
        number = numbers.shown(block.mark)
        if block.role != "bullet" and block.anchor is None:
            ident = numbers.ident(block.mark)
    return Numbered(
        block.role,
        block.content,
        number,
        block.anchor or ident,
        _edit(block, editor_link) if number is not None and block.role != "bullet" else None,
    )


def _heading(block: Heading, numbers: _Numbers, editor_link: EditorLink | None) -> Numbered:
    number = numbers.shown(block.mark) if block.mark is not None else None
    return Numbered(
        "heading",
        block.content,
        number,
        block.anchor,
        _edit(block, editor_link) if number is not None else None,
        min(block.level + 1, 6),
        block.new_page,
    )


def _table(block: Table, caption: Para | None, count: int) -> TableView:
    columns = max((sum(c.span for c in row.cells) for row in block.rows), default=1)
    if caption is not None:
        return TableView(block, caption.content, True, caption.anchor, columns, count)
    title = (Text(block.title),) if block.title else None
    return TableView(block, title, False, None, columns, count)


def _figure(block: Picture | Chart) -> FigureView:
    """A picture as an image of its own kind, a chart drawn as SVG, each a data address."""
    if isinstance(block, Picture):
        image = block.image
        data, media_type = image.data, image.media_type
        width = block.width_cm / 2.54 * 96 if block.width_cm else image.width
    else:
        from reportgen.writers import charts

        data, media_type = charts.draw(block, "svg"), "image/svg+xml"
        width = charts.size_cm(block)[0] / 2.54 * 96
    src = f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"
    return FigureView(src, block.alt, round(width), block.caption, block.anchor)


def _row_groups(table: Table) -> Iterator[tuple[str, list[object]]]:
    """The rows of ``table`` as (``thead``/``tbody``, rows): a group row starts a new body."""
    head = [row for row in table.rows if row.role == "header"]
    if head:
        yield "thead", list(head)
    body: list[object] = []
    for row in table.rows:
        if row.role == "header":
            continue
        if row.role == "group" and body:
            yield "tbody", body
            body = []
        body.append(row)
    if body:
        yield "tbody", body


# --- the page ---------------------------------------------------------------------------------


def _safe_url(url: str) -> bool:
    return url.lower().startswith(_SAFE_SCHEMES) or url.startswith("#")


def _decimal(figure: Figure) -> str:
    return format(figure.value, "f")


def _is(kind: type) -> Callable[[object], bool]:
    """A Jinja test: whether a node is of ``kind`` (``node is strong``)."""

    def test(node: object) -> bool:
        return isinstance(node, kind)

    return test


@functools.cache
def _template() -> Template:
    """The page template, compiled once per process."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=select_autoescape(["html", "j2"], default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    for name, kind in (
        ("text", Text),
        ("strong", Strong),
        ("emph", Emph),
        ("link", Link),
        ("linebreak", LineBreak),
        ("ref", RefNumber),
        ("figure", Figure),
    ):
        env.tests[name] = _is(kind)
    env.tests["safe_url"] = _safe_url
    env.filters["decimal"] = _decimal
    env.filters["plain"] = plain_text
    env.globals["row_groups"] = _row_groups
    env.globals["cell_blocks"] = cell_blocks
    return env.get_template(TEMPLATE.name)


@functools.cache
def _default_css() -> str:
    return STYLESHEET.read_text(encoding="utf-8")


@functools.cache
def _figure_rules() -> str:
    return FIGURES_STYLESHEET.read_text(encoding="utf-8")


def _figures_css(views: list[View]) -> str:
    """The rules of pictures and charts, for a page that has one; else nothing, so that a page
    without one is as it was before pictures."""
    if not any(isinstance(view, FigureView) for view in views):
        return ""
    note_file(FIGURES_STYLESHEET)
    return "\n" + _figure_rules()


def _css(stylesheet: Path | None) -> str:
    """The stylesheet's text, made safe to stand inside ``<style>``."""
    note_file(stylesheet or STYLESHEET)
    text = _default_css() if stylesheet is None else stylesheet.read_text(encoding="utf-8")
    return re.sub(r"</", r"<\\/", text)


def _landscape_css(document: Document) -> str:
    """The rules of landscape pages (templates/landscape.css), for a page that has some."""
    if not document.landscape:
        return ""
    note_file(LANDSCAPE_CSS)
    return re.sub(r"</", r"<\\/", LANDSCAPE_CSS.read_text(encoding="utf-8"))


BODY_POINTS = 12
"""The size in points of the stylesheet's body text (the browser's default, ``100%``)."""


def look_css(look: Look) -> str:
    """The rules that give the page the profile's font and colours (look.yaml), after the
    stylesheet's; nothing when the profile sets none. The profile's model allows only a
    font name of letters, digits, spaces and hyphens and colours as ``#RRGGBB``."""
    rules: list[str] = []
    if look.font is not None:
        rules.append(f'html {{\n  font-family: "{look.font}", Arial, sans-serif;\n}}\n')
    if look.heading_colour is not None:
        rules.append(f"h1,\nh2,\nh3,\nh4,\nh5 {{\n  color: {look.heading_colour};\n}}\n")
    if look.accent_colour is not None:
        rules.append(
            f":root {{\n  --link: {look.accent_colour};\n  --rule: {look.accent_colour};\n}}\n"
        )
    if look.text_size is not None:  # the stylesheet's body text is the browser's, 12 points
        rules.append(f"html {{\n  font-size: {look.text_size / BODY_POINTS:.2%};\n}}\n")
    if not rules:
        return ""
    return "\n/* the profile's look (look.yaml) */\n" + "\n".join(rules)


def render_html(
    document: Document,
    *,
    editor_link: EditorLink | None = None,
    stylesheet: Path | None = None,
) -> str:
    """The HTML edition of ``document``: one self-contained, accessible page.

    ``editor_link`` makes each number link to its place in the YAML (the live preview's
    ``vscode://file/PATH:LINE``); ``stylesheet`` replaces templates/report.css, as the profile's
    own report.css does when it has one.
    """
    from markupsafe import Markup

    look = document.meta.look
    views = _views(document, editor_link)
    targets = {
        v.ident for v in views if isinstance(v, Numbered | TableView | FigureView) and v.ident
    }
    targets |= {
        b.item.ident
        for v in views
        if isinstance(v, Bullets)
        for b in _walk(v.items)
        if b.item.ident
    }
    page = _template().render(
        meta=document.meta,
        views=views,
        targets=targets,
        css=Markup(  # trusted CSS only
            _css(stylesheet or look.stylesheet)
            + design_css(document)
            + look_css(look)
            + _figures_css(views)
            + _landscape_css(document)
        ),
        seal=_ZEROS,
        **_logo(document),
    )
    return seal(page)


def _logo(document: Document) -> dict[str, str]:
    """The profile's logo as the page's header shows it, for a report or an agenda: a data
    address (the page needs no other file) and its width in CSS pixels."""
    logo = document.meta.look.logo
    if logo is None:
        return {"logo": "", "logo_width": ""}
    data = base64.b64encode(logo.data).decode("ascii")
    return {
        "logo": f"data:{logo.media_type};base64,{data}",
        "logo_width": str(round(logo.width_cm / 2.54 * 96)),
    }


def _walk(items: tuple[Bullet, ...] | list[Bullet]) -> Iterator[Bullet]:
    for item in items:
        yield item
        yield from _walk(item.children)


def seal(page: str) -> str:
    """``page`` with the digest of its bytes (its own 64 characters counted as zeros) in it."""
    data = page.encode("utf-8")
    marker = f'<meta name="{SEAL_NAME}" content="{_ZEROS}">'.encode()
    if marker not in data:
        return page
    digest = hashlib.sha256(data).hexdigest()
    return data.replace(marker, marker.replace(_ZEROS.encode(), digest.encode()), 1).decode()


def sealed_untouched(data: bytes) -> bool:
    """Whether ``data`` is a page reportgen wrote and nobody has changed since."""
    found = _SEAL.search(data)
    if found is None:
        return False
    zeroed = data[: found.start(1)] + _ZEROS.encode() + data[found.end(1) :]
    return hashlib.sha256(zeroed).hexdigest() == found[1].decode()


__all__ = ["EditorLink", "render_html", "seal", "sealed_untouched"]
