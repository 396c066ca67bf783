"""Late items and the supplementary agenda: what is added to a meeting after its dispatch.

An item whose ``late: {reason, added}`` is after the meeting file's ``dispatch:``
(:func:`reportgen.notice.late_items`) is not on the agenda as sent: the main packs leave it out,
and the supplementary packs (``…-supplement.pdf``, and ``…-supplement-confidential.pdf`` when a
late item or appendix is exempt) carry it, after a front sheet of their own
(:meth:`reportgen.meeting.ResolvedMeeting.agenda` with ``supplement=True``), with page numbers
from 1 and their own outline; :mod:`reportgen.pack.build` makes both kinds of pack alike.

Where a late item's reason for urgency is printed is the profile's meeting.yaml's
``late.reason_on``: ``front_sheet`` (under its title on the supplement's front sheet) and
``report`` (a paragraph at the head of its report in the pack, :func:`printed`). The report as
the reviewers signed it is left as it is, so their fingerprints still hold.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from reportgen.boilerplate import LateWords
from reportgen.document import Document, Heading, Para, Text
from reportgen.meeting import PackDocument, ResolvedMeeting


@dataclass(frozen=True, slots=True)
class LateItem:
    """An item added after dispatch, as ``reportgen check`` lists it."""

    number: int
    title: str
    """Its title on the agenda (for an exempt item, the one the meeting file gives it)."""
    added: dt.date
    reason: str
    dispatch: dt.date


def late_items(meeting: ResolvedMeeting) -> list[LateItem]:
    """The items of ``meeting``'s supplementary agenda, in order."""
    dispatch = meeting.meeting.dispatch
    return [
        LateItem(item.line.number, item.line.title, item.late.added, item.late.reason, dispatch)
        for item in meeting.items
        if item.late is not None and dispatch is not None
    ]


def reason_at_head(document: Document, reason: str, words: LateWords) -> Document:
    """``document`` with the paragraph of its reason for urgency (``words.reason``) before its
    first section."""
    blocks = document.blocks
    first = next((i for i, b in enumerate(blocks) if isinstance(b, Heading)), 0)
    para = Para("body", (Text(words.reason.format(reason=reason)),))
    return replace(document, blocks=(*blocks[:first], para, *blocks[first:]))


def printed(meeting: ResolvedMeeting, doc: PackDocument) -> Document | None:
    """The resolved document ``doc`` as the packs print it: a late item's report headed by its
    reason for urgency when meeting.yaml's ``late.reason_on`` has ``report``."""
    words = meeting.boilerplate.meeting.late
    if doc.document is None or doc.level != 0 or "report" not in words.reason_on:
        return doc.document
    for item in meeting.items:
        mine = any(d.key == doc.key for d in item.documents)
        if item.late is not None and mine and doc.document.meta.kind == "report":
            return reason_at_head(doc.document, item.late.reason, words)
    return doc.document
