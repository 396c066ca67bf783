"""Exempt content never reaches a public file: a meeting with an exempt item and a public
report with an exempt appendix, each exempt text holding a marker no public file may hold."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest

from reportgen import api
from reportgen.errors import ReportError
from tests.conftest import ROOT
from tests.pack.test_assemble import every_string, page_texts

MEETING = ROOT / "tests" / "pack" / "exempt" / "meeting.yaml"
MARKER = "MARKER-EXEMPT-7f3a"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, bytes, list[str]]:
    out = tmp_path_factory.mktemp("packs")
    said: list[str] = []
    written = api.pack(MEETING, out, progress=said.append)
    said += [str(w) for w in written.warnings]
    assert [p.name for p in written] == [
        "2022-03-14-test-committee.pdf",
        "2022-03-14-test-committee-confidential.pdf",
    ]
    return written[0].read_bytes(), written[1].read_bytes(), said


def test_the_marker_is_in_the_confidential_pack(built: tuple[bytes, bytes, list[str]]) -> None:
    texts = page_texts(built[1])
    assert any(f"The {MARKER} prices are below." in t for t in texts)  # the exempt appendix
    assert any(f"{MARKER} details." in t for t in texts)  # the exempt report


def test_the_marker_is_in_no_string_of_the_public_pack(
    built: tuple[bytes, bytes, list[str]],
) -> None:
    public = built[0]
    assert MARKER.encode() not in public
    with pikepdf.open(io.BytesIO(public)) as pdf:
        # every stream decoded (page content, XMP, attachments), every string and name
        assert not any(MARKER.encode() in chunk for chunk in every_string(pdf))
        outline = []
        with pdf.open_outline() as tree:
            stack = list(tree.root)
            while stack:
                node = stack.pop()
                outline.append(node.title)
                stack += list(node.children)
        assert outline and not any(MARKER in title for title in outline)
        assert not any(MARKER in str(v) for v in pdf.docinfo.values())
        assert MARKER not in str(pdf.open_metadata())
    assert not any(MARKER in text for text in page_texts(public))
    # the public report itself is there
    assert any("The staffing plan" in text for text in page_texts(public))


def test_the_marker_is_in_no_message_of_the_public_build(
    built: tuple[bytes, bytes, list[str]],
) -> None:
    assert not any(MARKER in line for line in built[2])


def test_a_report_naming_more_appendices_than_attached_is_a_problem(tmp_path: Path) -> None:
    for name in ("staffing.yaml", "staffing-appendix.yaml"):
        (tmp_path / name).write_bytes((MEETING.parent / name).read_bytes())
    text = MEETING.read_text(encoding="utf-8")
    head = text.split("items:")[0]
    (tmp_path / "meeting.yaml").write_text(
        head + "items:\n  - report: staffing.yaml\n    appendices:\n"
        "      - file: staffing-appendix.yaml\n",
        encoding="utf-8",
    )
    with pytest.raises(ReportError) as caught:
        api.pack(tmp_path / "meeting.yaml", tmp_path / "out")
    (found,) = [p for p in caught.value.problems if p.code == "M740"]
    assert "names 2 appendices, but the meeting attaches 1" in found.message
    assert found.where.line == 11  # the item
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
