"""A pack of a report whose appendices are lettered: its outline and its text say Appendix A
and B, as the report's references do; an appendix on landscape pages stays landscape."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest

from reportgen import api
from tests.pack.test_assemble import page_texts

MEETING = Path(__file__).resolve().parent / "lettered" / "meeting.yaml"


@pytest.fixture(scope="module")
def pack(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    written = api.pack(MEETING, tmp_path_factory.mktemp("lettered"), allow_uncleared=True)
    return written[0].read_bytes()


def test_the_outline_names_lettered_appendices_by_their_letters(pack: bytes) -> None:
    with pikepdf.open(io.BytesIO(pack)) as pdf, pdf.open_outline() as outline:
        titles = [child.title for item in outline.root for child in item.children]
    assert "Appendix A: Performance measures" in titles
    assert "Appendix B: The plan" in titles
    assert not [t for t in titles if t.startswith("Appendix 1")]


def test_the_report_refers_to_its_appendices_by_letter(pack: bytes) -> None:
    text = " ".join(" ".join(page_texts(pack)).split())
    assert "Performance is attached at Appendix A; the plan is Appendix B." in text


def test_a_landscape_appendix_run_prints_on_a_landscape_page(pack: bytes) -> None:
    with pikepdf.open(io.BytesIO(pack)) as pdf:
        landscape = [i for i, p in enumerate(pdf.pages) if p.mediabox[2] > p.mediabox[3]]
        texts = page_texts(pack)
    assert len(landscape) == 1
    assert "2019/20" in texts[landscape[0]]
