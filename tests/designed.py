"""The designed-document fixture (tests/resolve/design/): a meeting whose report has a call-out
box and whose appendix has a cover, a contents page, call-out boxes and sections on new pages;
shared by the resolve, Word, HTML and PDF tests of designed documents."""

from __future__ import annotations

from pathlib import Path

from reportgen.boilerplate import Boilerplate
from reportgen.document import Document
from reportgen.meeting import load_meeting

MEETING = Path(__file__).resolve().parent / "resolve" / "design" / "meeting.yaml"


def designed_documents(boilerplate: Boilerplate) -> dict[str, Document]:
    """The fixture meeting's resolved documents by their file's stem: ``report``, ``strategy``."""
    meeting = load_meeting(MEETING, boilerplate)
    return {
        d.source.stem: d.document
        for item in meeting.items
        for d in item.documents
        if d.document is not None
    }
