"""A contents page's numbers, checked in the PDF LibreOffice makes: each line's number is the page
its heading really lands on, in the document's PDF (and its Word file shows the same numbers
before any field is updated), and in the pack, where the numbers are the document's own."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest

from reportgen import api
from reportgen.boilerplate import Boilerplate
from reportgen.document import Document
from reportgen.meeting import ResolvedMeeting, load_meeting
from reportgen.pack.build import build_packs
from tests.designed import MEETING

LINE = re.compile(r"^(\S.*?)\s*\.{3,}\s*(\d+)\s*$")


@pytest.fixture(scope="module")
def meeting(boilerplate: Boilerplate) -> ResolvedMeeting:
    return load_meeting(MEETING, boilerplate)


def _strategy(meeting: ResolvedMeeting) -> Document:
    (found,) = [
        d.document
        for item in meeting.items
        for d in item.documents
        if d.document is not None and d.source.stem == "strategy"
    ]
    return found


def _page_text(pdf: bytes, page: int, tmp: Path) -> str:
    path = tmp / "x.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(
        ["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    )
    return done.stdout


def _contents_lines(text: str) -> dict[str, int]:
    return {m[1]: int(m[2]) for line in text.splitlines() if (m := LINE.match(line.strip()))}


def _starts_with(text: str, heading: str) -> bool:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return bool(lines) and lines[0] == heading


def test_each_contents_line_shows_the_page_its_heading_lands_on(
    meeting: ResolvedMeeting, tmp_path: Path
) -> None:
    strategy = _strategy(meeting)
    files = api.render_many({Path("strategy"): strategy}, ("docx", "pdf"))[Path("strategy")]
    pdf = files["pdf"]
    lines = _contents_lines(_page_text(pdf, 2, tmp_path))  # the cover is page 1
    assert list(lines) == ["Foreword", "Who is a carer?", "Our plans for the future", "Glossary"]
    assert len(set(lines.values())) == 4 and lines["Foreword"] == 3
    for heading, page in lines.items():
        assert _starts_with(_page_text(pdf, page, tmp_path), heading), (heading, page)
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        assert len(opened.pages) >= lines["Glossary"]
    # the Word file shows the same numbers as its fields' results, before any update
    word = files["docx"]
    with zipfile.ZipFile(io.BytesIO(word)) as package:
        xml = package.read("word/document.xml").decode()
    for heading, page in lines.items():
        assert re.search(
            rf">{re.escape(heading)}</w:t>.*?PAGEREF.*?<w:t>{page}</w:t>", xml, re.S
        ), heading


def test_the_packs_contents_page_numbers_the_documents_own_pages(
    meeting: ResolvedMeeting, tmp_path: Path
) -> None:
    pack = build_packs(meeting).public
    with pikepdf.open(io.BytesIO(pack)) as opened:
        count = len(opened.pages)
    texts = [_page_text(pack, n, tmp_path) for n in range(1, count + 1)]
    contents = next(i for i, t in enumerate(texts) if "Contents" in t and "Foreword" in t)
    first = contents - 1  # the strategy's page 1, its cover, is the page before its contents
    lines = _contents_lines(texts[contents])
    assert len(lines) == 4
    for heading, page in lines.items():
        text = texts[first + page - 1].split("\n", 1)[1]  # below the pack's stamp
        assert _starts_with(text, heading), (heading, page)
