"""Every report and meeting kept under reports/ resolves without a problem, so none rots: each
with the profile it uses (Nottinghamshire's, or the one its folder's .reportgen.yaml names)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.boilerplate import Boilerplate, load_boilerplate
from reportgen.document import Heading, Para, plain_text
from reportgen.meeting import load_meeting
from reportgen.pipeline import build
from reportgen.profile import CONFIG_NAME, profile_for
from tests.conftest import ROOT

OTHER_KINDS = ("meeting.yaml", "minutes.yaml")
"""Files that are not reports: meetings and minutes, and appendix documents (*-appendix-*)."""

REPORTS = sorted(
    p
    for p in (ROOT / "reports").rglob("*.yaml")
    if "pay-scales" not in p.parts
    and p.name not in OTHER_KINDS
    and "-appendix-" not in p.name
    and not p.parent.name.endswith(".comments")
    and p.name != CONFIG_NAME
)
MEETINGS = sorted((ROOT / "reports").rglob("meeting.yaml"))
MARCH_2022 = ROOT / "reports" / "meetings" / "2022-03-14" / "meeting.yaml"


def words(path: Path) -> Boilerplate:
    """The wording of the profile the file at ``path`` uses."""
    return load_boilerplate(profile_for([path]))


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: str(p.relative_to(ROOT / "reports")))
def test_report_resolves(path: Path) -> None:
    doc = build(path, words(path))
    assert any(isinstance(b, Para) and b.role == "numbered" for b in doc.blocks)


@pytest.mark.parametrize("path", MEETINGS, ids=lambda p: p.parent.name)
def test_meeting_resolves_with_the_published_resolution_numbers(path: Path) -> None:
    meeting = load_meeting(path, words(path))
    minutes = [
        d.document
        for i in meeting.items
        for d in i.documents
        if d.document and d.document.meta.kind == "minutes"
    ]
    resolved = [
        plain_text(b.content)
        for doc in minutes
        for b in doc.blocks
        if isinstance(b, Heading) and plain_text(b.content).startswith("RESOLVED")
    ]
    # the minutes of 24 January 2022 as published: RESOLVED 2022/001 to 2022/009; a meeting
    # without minutes (Kingsmere's) has none
    published = [f"RESOLVED 2022/{n:03d}" for n in range(1, 10)]
    assert resolved == (published if path == MARCH_2022 else [])


@pytest.mark.parametrize("path", MEETINGS, ids=lambda p: p.parent.name)
def test_every_document_of_a_meeting_is_accessible_in_word(path: Path) -> None:
    from reportgen.writers.docx.accessibility import check_docx
    from reportgen.writers.docx.writer import render_docx

    meeting = load_meeting(path, words(path))
    documents = [d.document for i in meeting.items for d in i.documents if d.document]
    documents += [meeting.agenda({}, public=True), meeting.agenda({}, public=False)]
    faults = {d.meta.title: check_docx(render_docx(d)) for d in documents}
    assert {title: found for title, found in faults.items() if found} == {}


def test_a_landscape_appendix_is_printed_on_landscape_pages(boilerplate: Boilerplate) -> None:
    import io
    import zipfile

    from lxml import etree

    from reportgen.writers.docx.writer import render_docx

    meeting = load_meeting(MARCH_2022, boilerplate)
    [wide] = [
        d.document
        for i in meeting.items
        for d in i.documents
        if d.document and d.document.meta.landscape
    ]
    with zipfile.ZipFile(io.BytesIO(render_docx(wide))) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    size = body.find(f".//{w}sectPr/{w}pgSz")
    assert size is not None
    assert size.get(f"{w}orient") == "landscape"
    assert int(size.get(f"{w}w") or 0) > int(size.get(f"{w}h") or 0)
