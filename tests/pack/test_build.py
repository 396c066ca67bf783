"""Agenda packs built from a meeting file, read back page by page as a reader sees them."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pypdf
import pytest

from reportgen import api
from tests.conftest import ROOT, raised
from tests.pack.test_assemble import every_string, page_texts
from tests.pack.test_stamps import poppler

MEETING = ROOT / "tests" / "meeting" / "meetings" / "2022-03-14" / "meeting.yaml"
MARKER = b"SECRETMARKER"  # in the exempt item's title, text, figures and file name


@pytest.fixture(scope="module", params=api.PDF_ENGINES)
def packs(
    tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> tuple[bytes, bytes]:
    """The meeting's public and confidential packs, made by each PDF engine."""
    out = tmp_path_factory.mktemp("packs")
    written = api.pack(MEETING, out, pdf_engine=request.param)
    assert [p.name for p in written] == [
        "2022-03-14-test-committee.pdf",
        "2022-03-14-test-committee-confidential.pdf",
    ]
    return written[0].read_bytes(), written[1].read_bytes()


def front_ranges(pack: bytes) -> dict[int, tuple[int, int]]:
    """The page ranges the front sheet prints, by item number, read from its pages' layout."""
    front = subprocess.run(
        ["pdftotext", "-layout", "-f", "1", "-l", "2", "-", "-"],
        input=pack,
        capture_output=True,
        check=True,
    ).stdout.decode()
    found = re.findall(r"^\s*(\d+)\s{2,}.*?\s(\d+)(?:\s*-\s*(\d+))?\s*$", front, re.MULTILINE)
    return {int(n): (int(a), int(b or a)) for n, a, b in found}


def _starts(pages: list[str], heading: str) -> int:
    """The printed number of the first page whose text starts with ``heading``."""
    for i, text in enumerate(pages):
        body = "\n".join(line for line in text.splitlines() if not line.startswith("Page "))
        if body.lstrip().startswith(heading):
            return i + 1
    raise AssertionError(f"no page starts with {heading!r}")


@pytest.mark.parametrize("kind", [0, 1], ids=["public", "confidential"])
def test_the_front_sheet_ranges_are_where_each_item_is(
    packs: tuple[bytes, bytes], kind: int
) -> None:
    pages = page_texts(packs[kind])
    ranges = front_ranges(packs[kind])
    minutes = _starts(pages, "Meeting TEST COMMITTEE")
    report = _starts(pages, "Report to Test Committee")
    assert ranges[1] == (minutes, report - 1)
    # the report and its appendix document make item 4
    appendix = _starts(pages, "The staffing plan")
    assert ranges[4][0] == report
    assert ranges[4][1] >= appendix
    if kind == 0:
        assert 5 not in ranges
        assert ranges[4][1] == len(pages)
    else:
        assert ranges[5] == (ranges[4][1] + 1, len(pages))


@pytest.mark.parametrize("kind", [0, 1], ids=["public", "confidential"])
def test_page_numbers_run_without_gaps_and_are_the_page_labels(
    packs: tuple[bytes, bytes], kind: int
) -> None:
    pages = page_texts(packs[kind])
    stamped = [int(m) for text in pages for m in re.findall(r"^Page (\d+)$", text, re.M)]
    assert stamped == list(range(1, len(pages) + 1))
    reader = pypdf.PdfReader(io.BytesIO(packs[kind]))
    assert list(reader.page_labels) == [str(n) for n in range(1, len(pages) + 1)]


def test_nothing_of_an_exempt_item_reaches_the_public_pack(packs: tuple[bytes, bytes]) -> None:
    public, confidential = packs
    with pikepdf.open(io.BytesIO(public)) as pdf:
        assert not any(MARKER in chunk for chunk in every_string(pdf))
    assert MARKER not in public
    front = page_texts(public)[0]
    assert "A contract award" in front and "paragraph 3 of Part 1 of Schedule 12A" in front
    assert not any("SECRETMARKER" in text for text in page_texts(public))
    # the confidential pack has the item: its text is there to read
    assert any("SECRETMARKER details." in text for text in page_texts(confidential))


def test_two_packs_built_at_once_both_succeed(tmp_path: Path) -> None:
    runs = [
        subprocess.Popen(
            [sys.executable, "-m", "reportgen", "pack", str(MEETING), "-o", str(tmp_path / n)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for n in ("a", "b")
    ]
    for run in runs:
        _, err = run.communicate(timeout=300)
        assert run.returncode == 0, err.decode()
    a = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert a == sorted(p.name for p in (tmp_path / "b").iterdir())
    assert len(a) == 2


def test_a_pack_of_a_meeting_with_problems_writes_nothing(tmp_path: Path) -> None:
    bad = ROOT / "tests" / "meeting" / "bad" / "meeting.yaml"
    done = subprocess.run(
        [sys.executable, "-m", "reportgen", "pack", str(bad), "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "M701" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()


def test_a_front_sheet_that_runs_onto_a_second_page_moves_the_ranges(tmp_path: Path) -> None:
    [written] = api.pack(ROOT / "tests" / "meeting" / "long" / "meeting.yaml", tmp_path)
    pack = written.read_bytes()
    pages = page_texts(pack)
    report = _starts(pages, "Report to Test Committee")
    # the agenda table runs onto the second page; the notes start the third (notes_new_page)
    assert "Page 2 of 3" in pages[1] and "Notes" not in pages[1]
    assert pages[2].split("\n", 2)[2].lstrip().startswith("Notes")
    assert report == 4
    assert front_ranges(pack)[31] == (4, len(pages))


def test_appendices_given_as_pdf_and_word_files_join_their_item(
    packs: tuple[bytes, bytes],
) -> None:
    public = packs[0]
    pages = page_texts(public)
    chart = _starts(pages, "Staffing chart, an appendix given as a PDF")
    budget = _starts(pages, "Budget detail, an appendix given as a Word file.")
    assert chart + 1 == budget == len(pages)
    assert front_ranges(public)[4][1] == budget
    reader = pypdf.PdfReader(io.BytesIO(public))
    outline = reader.outline
    titles = [o.title for o in outline if not isinstance(o, list)]
    assert titles[-1] == "4. Changes to the staffing establishment"
    under = [o.title for o in outline[-1] if not isinstance(o, list)]
    assert under[-3:] == [
        "Appendix 1: The staffing plan",
        "Appendix 2: Staffing chart",
        "Appendix 3: Budget detail",
    ]


def test_a_pack_with_an_uncleared_report_is_refused_unless_allowed(tmp_path: Path) -> None:
    folder = tmp_path / "meetings"
    shutil.copytree(ROOT / "tests" / "meeting" / "meetings", folder)
    staffing = folder / "2022-03-14" / "staffing.yaml"
    text = staffing.read_text()
    staffing.write_text(text[: text.index("comments:")])
    meeting = folder / "2022-03-14" / "meeting.yaml"
    problems = raised(lambda: api.pack(meeting, tmp_path / "out"))
    assert [(p.code, p.message) for p in problems] == [
        ("C801", "there are no constitutional (legal) comments yet"),
        ("C801", "there are no financial comments yet"),
    ]
    assert all(p.where.file == str(staffing) for p in problems)
    assert all(
        p.hint.endswith("or pass --allow-uncleared to build the pack all the same")
        for p in problems
    )
    assert not (tmp_path / "out").exists()
    assert len(api.pack(meeting, tmp_path / "out", allow_uncleared=True)) == 2


def test_the_packs_are_titled_as_the_boilerplate_words_them(tmp_path: Path) -> None:
    from tests.conftest import reworded_boilerplate

    folder = reworded_boilerplate(
        tmp_path / "boilerplate",
        {'"{committee}, {date} (confidential)"': '"SECRET: {committee}"'},
    )
    public, confidential = api.pack(MEETING, tmp_path / "out", boilerplate_dir=folder)
    titles = []
    for written in (public, confidential):
        with pikepdf.open(written) as pdf:
            titles.append(str(pdf.docinfo.Title))
    assert titles == ["Test Committee, 14 March 2022", "SECRET: Test Committee"]


def test_typst_packs_a_meeting_without_word_appendices_with_no_libreoffice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The March 2022 meeting, every document written in YAML: no LibreOffice is started,
    and the front sheet's ranges are where the outline says each item begins and ends."""
    meeting = ROOT / "reports" / "meetings" / "2022-03-14" / "meeting.yaml"
    with monkeypatch.context() as patch:
        patch.setenv("REPORTGEN_SOFFICE", str(tmp_path / "no-such-soffice"))
        patch.setenv("PATH", "")
        [written] = api.pack(meeting, tmp_path / "out", pdf_engine="typst")
    pack = written.read_bytes()
    reader = pypdf.PdfReader(io.BytesIO(pack))
    items = [o for o in reader.outline if not isinstance(o, list)][1:]  # after the front sheet
    starts = [reader.get_destination_page_number(o) + 1 for o in items]
    ends = [start - 1 for start in starts[1:]] + [len(reader.pages)]
    numbers = [int(o.title.split(".")[0]) for o in items]
    assert front_ranges(pack) == dict(zip(numbers, zip(starts, ends, strict=True), strict=True))
    fonts = poppler("pdffonts", pdf=pack).splitlines()[2:]  # every font embedded, with text
    assert fonts and all(re.search(r" yes +yes +yes +\d+ +0$", row) for row in fonts), fonts
