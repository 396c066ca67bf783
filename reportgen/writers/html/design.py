"""What the HTML edition prints of a designed document: call-out boxes, a cover, a contents
page; the template (report.html.j2) lays them out and report.css styles them."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from reportgen.document import Callout, Document, Heading
from reportgen.reads import note_file


@dataclass(frozen=True, slots=True)
class CalloutView:
    """A call-out box, printed as a ``<figure class="callout">``: a landmark (``<aside>``)
    inside ``<main>`` is one screen readers are told is misplaced."""

    callout: Callout
    kind: str = "callout"


STYLESHEET = Path(__file__).resolve().parents[2] / "templates" / "design.css"
"""The rules of the cover, the contents page, call-out boxes and new pages."""


def designed(document: Document) -> bool:
    """Whether ``document`` has a cover, a contents page, a call-out or a heading on a new page:
    only then does its page carry :data:`STYLESHEET`, so other pages stay as they were."""
    return (
        document.meta.cover is not None
        or document.meta.contents is not None
        or any(
            isinstance(b, Callout) or (isinstance(b, Heading) and b.new_page)
            for b in document.blocks
        )
    )


@functools.cache
def _rules() -> str:
    return STYLESHEET.read_text(encoding="utf-8")


def design_css(document: Document) -> str:
    """The design rules ``document``'s page needs, or nothing."""
    if not designed(document):
        return ""
    note_file(STYLESHEET)
    return "\n" + _rules()
