"""The meetings website's forward plan and decisions register pages (``reportgen site``).

Two more makers of :data:`reportgen.site.PAGES`: ``forward-plan/index.html`` prints the forward
plan :func:`reportgen.api.forward_plan` makes of the site's meetings (the key decisions from the
first meeting's date to the last's, in the profile's forward-plan.yaml wording), and
``decisions/index.html`` the register :func:`reportgen.decisions.decisions_register` makes of
their minutes (what ``reportgen register`` writes as JSON), each decision's call-in status as
of the site's day. Both are linked from every page's navigation and are in the search index.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from markupsafe import Markup

from reportgen.document import Emph, Figure, Heading, Inline, LineBreak, Link, Para, Strong, Table
from reportgen.document import Text as Plain
from reportgen.site import Page, Site, page, slug

if TYPE_CHECKING:
    from collections.abc import Sequence

FORWARD_PLAN = "forward-plan/index.html"
REGISTER = "decisions/index.html"


def inline_html(content: Sequence[Inline]) -> Markup:
    """A document's inline content as HTML (text escaped, line breaks kept)."""
    out: list[str] = []
    for part in content:
        if isinstance(part, Plain):
            out.append(escape(part.text))
        elif isinstance(part, LineBreak):
            out.append("<br>")
        elif isinstance(part, Strong):
            out.append(f"<strong>{inline_html(part.children)}</strong>")
        elif isinstance(part, Emph):
            out.append(f"<em>{inline_html(part.children)}</em>")
        elif isinstance(part, Link):
            out.append(str(inline_html(part.children)))
        elif isinstance(part, Figure):
            out.append(escape(part.shown))
    return Markup("".join(out))


def _plain(content: Sequence[Inline]) -> str:
    """A document's inline content as plain text, for the search index."""
    out: list[str] = []
    for part in content:
        if isinstance(part, Plain):
            out.append(part.text)
        elif isinstance(part, LineBreak):
            out.append(" ")
        elif isinstance(part, Strong | Emph | Link):
            out.append(_plain(part.children))
        elif isinstance(part, Figure):
            out.append(part.shown)
    return "".join(out)


@page
def forward_plan_page(site: Site) -> list[Page]:
    """The forward plan of the site's meetings, as ``reportgen forward-plan`` makes it."""
    blocks = [b for b in site.plan.blocks if isinstance(b, Heading | Para | Table)]
    text: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            text += [_plain(cell.content) for row in block.rows for cell in row.cells]
        else:
            text.append(_plain(block.content))
    fields: dict[str, object] = {
        "title": site.plan.meta.title,
        "nav_label": site.boilerplate.site.forward_plan,
        "blocks": blocks,
        "search_text": text,
    }
    return [(FORWARD_PLAN, "forward-plan.html.j2", fields)]


@page
def register_page(site: Site) -> list[Page]:
    """The register of decisions of the site's minutes, newest first, as ``reportgen
    register`` makes it, each linked to its meeting's page."""
    pages = {(m.committee, m.date): m.page for m in site.meetings}
    rows = [
        (d, pages.get((d.committee, d.meeting_date), f"{slug(d.committee)}/index.html"))
        for d in site.register.decisions
    ]
    text = [f"{d.number} {d.title} {' '.join(d.resolved)}" for d in site.register.decisions]
    words = site.boilerplate.site
    fields: dict[str, object] = {
        "title": words.register_title,
        "nav_label": words.register_title,
        "rows": rows,
        "search_text": text,
    }
    return [(REGISTER, "register.html.j2", fields)]
