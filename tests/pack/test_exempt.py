"""Exempt content never reaches a public file: a meeting with an exempt item and a public
report with an exempt appendix, each exempt text holding a marker no public file may hold."""

from __future__ import annotations

import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from reportgen import api
from reportgen.errors import ReportError
from tests.conftest import ROOT
from tests.pack.test_assemble import every_string, outline, page_texts, stamped
from tests.pack.test_build import front_ranges
from tests.writers.html.test_html_accessibility import ARGS, CHROMIUM

MEETING = ROOT / "tests" / "pack" / "exempt" / "meeting.yaml"
MARKER = "MARKER-EXEMPT-7f3a"


@pytest.fixture(scope="module", params=api.PDF_ENGINES)
def built(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> tuple[bytes, bytes, list[str]]:
    """The public and confidential packs, by each PDF engine, and what the build said."""
    out = tmp_path_factory.mktemp("packs")
    said: list[str] = []
    written = api.pack(MEETING, out, progress=said.append, pdf_engine=request.param)
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
    assert found.where.line == 12  # the item
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


STAMP = "NOT FOR PUBLICATION – Exempt information under paragraph {} of Schedule 12A to the Local"


def _parts(pdf: bytes) -> dict[str, range]:
    """Each part of the pack by its bookmark's title (the front sheet, the items' documents,
    their appendices), with its pages (from 0)."""
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        marks = [
            (title, page)
            for _, title, page in outline(opened)
            if re.match(r"(Agenda: |\d+\. |Appendix \d+: )", title)
        ]
        total = len(opened.pages)
    ends = [page for _, page in marks[1:]] + [total]
    return {title: range(page, end) for (title, page), end in zip(marks, ends, strict=True)}


def test_every_page_of_an_exempt_part_is_stamped_with_its_paragraph(
    built: tuple[bytes, bytes, list[str]],
) -> None:
    confidential = built[1]
    texts = page_texts(confidential)
    parts = _parts(confidential)
    exempt = {"Appendix 2: Commercial terms": 3, "2. A contract award": 1}
    assert set(exempt) <= set(parts)
    for title, pages in parts.items():
        for n in pages:
            first = texts[n].splitlines()[0]
            if title in exempt:
                assert first.startswith(STAMP.format(exempt[title])), (title, n, first)
            else:
                assert "NOT FOR PUBLICATION" not in texts[n], (title, n)
    # the marker is on stamped pages only
    assert all("NOT FOR PUBLICATION" in t for t in texts if MARKER in t)
    assert not any("NOT FOR PUBLICATION" in t for t in page_texts(built[0]))


def test_the_stamp_is_an_artifact_beside_the_page_number(
    built: tuple[bytes, bytes, list[str]],
) -> None:
    with pikepdf.open(io.BytesIO(built[1])) as opened:
        page = opened.pages[_parts(built[1])["2. A contract award"][0]]
        last = page.obj.Contents[-1]
        ops = [(str(op), list(operands)) for operands, op in pikepdf.parse_content_stream(last)]
        marked = [o for o in ops if o[0] == "BDC"]
        assert len(marked) == 2 and all(o[1][0] == pikepdf.Name.Artifact for o in marked)
        shown = stamped(page, ops)
        assert shown[0].startswith("Page ") and shown[1].startswith(STAMP.format(1))


def test_the_public_pack_has_a_notice_in_the_exempt_appendix_s_place(
    built: tuple[bytes, bytes, list[str]],
) -> None:
    public = built[0]
    texts = page_texts(public)
    parts = _parts(public)
    (page,) = parts["Appendix 2: Commercial terms"]
    notice = " ".join(texts[page].split())
    assert page == len(texts) - 1  # the item's last page, the pack's last
    assert notice.startswith(f"Page {page + 1} Appendix 2: Commercial terms")
    assert "not for publication" in notice and "paragraph 3 of Part 1 of Schedule 12A" in notice
    assert "financial or business affairs of any particular person" in notice
    assert MARKER not in notice
    # the front sheet's range for item 1 counts the notice page: its report, appendix, notice
    assert parts["1. Changes to the staffing establishment"].start == 2
    assert front_ranges(public)[1] == (3, page + 1)


def test_the_public_report_says_its_appendix_is_exempt(
    built: tuple[bytes, bytes, list[str]],
) -> None:
    public = " ".join(" ".join(page_texts(built[0])).split())
    confidential = " ".join(" ".join(page_texts(built[1])).split())
    assert "The commercial terms are in Appendix 2 (exempt)." in public
    assert "Its prices are in Appendix 2 (exempt) of the report." in public  # the appendix's
    assert "The commercial terms are in Appendix 2." in confidential
    assert "Its prices are in Appendix 2 of the report." in confidential
    assert "(exempt)" not in confidential


def test_a_reference_into_exempt_content_is_a_problem(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from reportgen.cli import main

    folder = ROOT / "tests" / "pack" / "exempt-ref"
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["pack", str(folder / "meeting.yaml"), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert f"{folder / 'report.yaml'}:9:5: error R310: ref('terms:prices') points into" in (
        result.output
    )
    assert "refer to the appendix as a whole, or move the text into the public report" in (
        result.output
    )
    assert result.output.count("R310") == 1  # the reference to the appendix as a whole is fine
    assert not out.exists()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The meetings website of a folder holding the fixture meeting (copied as it is)."""
    from tests.site.test_site import build

    meetings = tmp_path_factory.mktemp("meetings")
    shutil.copytree(MEETING.parent, meetings / "2022-03-14")
    return build(meetings, tmp_path_factory.mktemp("site") / "site")


def test_the_marker_is_in_no_file_of_the_site(site: Path) -> None:
    files = [p for p in site.rglob("*") if p.is_file()]
    assert any(p.name == "staffing.html" for p in files)
    for file in files:
        assert MARKER.encode() not in file.read_bytes(), file


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless chromium from Debian, as the HTML tests run it (no axe-core needed here)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    program = CHROMIUM if CHROMIUM.exists() else Path(shutil.which("chromium") or CHROMIUM)
    if not program.exists():
        pytest.fail("chromium is needed for this test: make chromium (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(program), args=ARGS)
        yield launched
        launched.close()


def test_the_public_page_says_the_appendix_is_exempt(site: Path, browser: Any) -> None:
    (page_file,) = site.rglob("staffing.html")
    page = browser.new_page()
    page.goto(page_file.as_uri())
    text = " ".join(page.inner_text("body").split())
    page.close()
    assert "The commercial terms are in Appendix 2 (exempt)." in text
    assert MARKER not in text
