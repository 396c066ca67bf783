"""The supplementary packs of the items added after dispatch, read back as a reader sees them:
their own front sheet, page numbers and outline; the main packs are the agenda as sent."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pikepdf
import pypdf
import pytest

from tests.conftest import ROOT
from tests.pack.test_assemble import every_string, outline, page_texts

HERE = ROOT / "tests" / "pack" / "supplement"
MEETING = HERE / "meeting.yaml"
KINGSMERE = HERE / "kingsmere" / "meeting.yaml"
MARKER = "MARKER-EXEMPT-7f3a"  # in every text of the late exempt item 6
LATE = "LATE-GRANT-5d1b"  # in the text of the late report, item 4
GRANT_REASON = "the grant offer must be accepted by 18 March 2022, before the next meeting"
KINGSMERE_REASON = "the flood defence bid closes on 27 November 2026"


def _pack(meeting: Path, out: Path) -> dict[str, bytes]:
    """The packs ``reportgen pack`` writes, by file name."""
    done = subprocess.run(
        [sys.executable, "-m", "reportgen", "pack", str(meeting), "-o", str(out)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())}


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return _pack(MEETING, tmp_path_factory.mktemp("packs"))


@pytest.fixture(scope="module")
def kingsmere(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return _pack(KINGSMERE, tmp_path_factory.mktemp("kingsmere"))


MAIN = "2022-03-14-test-committee.pdf"
SUPPLEMENT = "2022-03-14-test-committee-supplement.pdf"
CONFIDENTIAL = "2022-03-14-test-committee-supplement-confidential.pdf"


def _flat(text: str) -> str:
    """Text with its lines joined, as a sentence reads across a wrapped table cell."""
    return " ".join(text.split())


def _stamps(pages: list[str]) -> list[int]:
    return [int(m) for text in pages for m in re.findall(r"^Page (\d+)$", text, re.M)]


def _ranges(pack: bytes) -> dict[int, tuple[int, int]]:
    """The page ranges the front sheet prints, by item number, read from its page's layout."""
    front = subprocess.run(
        ["pdftotext", "-layout", "-f", "1", "-l", "1", "-", "-"],
        input=pack,
        capture_output=True,
        check=True,
    ).stdout.decode()
    found = re.findall(r"^\s*(\d+)\s{2,}.*?\s(\d+)(?:\s*-\s*(\d+))?\s*$", front, re.MULTILINE)
    return {int(n): (int(a), int(b or a)) for n, a, b in found}


def _first_page_with(pages: list[str], text: str) -> int:
    return next(i + 1 for i, page in enumerate(pages) if text in page)


def test_a_late_exempt_item_makes_a_confidential_supplement_and_the_main_pack_has_none(
    packs: dict[str, bytes],
) -> None:
    # no item of the agenda as sent is exempt: the main pack has no confidential edition
    assert sorted(packs) == sorted([MAIN, SUPPLEMENT, CONFIDENTIAL])


@pytest.mark.parametrize("name", [SUPPLEMENT, CONFIDENTIAL])
def test_the_supplements_front_sheet_says_what_was_added_and_why(
    packs: dict[str, bytes], name: str
) -> None:
    pages = page_texts(packs[name])
    front = _flat(pages[0])
    for said in (
        "Test Committee",
        "Monday, 14 March 2022 at 10:30",
        "County Hall, West Bridgford, Nottingham, NG2 7QP",
        "SUPPLEMENTARY AGENDA",
        "The following items were added to the agenda after it was published, to be "
        "considered as matters of urgency.",
        f"Accepting the {LATE} grant",
        f"Reason for urgency: {GRANT_REASON}",
        "Winter pressures update",
        "Reason for urgency: the figures were published on 10 March 2022",
        "Reason for urgency: the tender's prices hold only until 21 March 2022",
    ):
        assert said in front, said
    # only the late items, with their agenda numbers; the report's pages are where it is
    ranges = _ranges(packs[name])
    report = _first_page_with(pages, "Report to Test Committee")
    assert report == 2
    assert ranges[4][0] == report
    assert "Apologies" not in front and "staffing" not in front
    if name == SUPPLEMENT:
        assert 6 not in ranges and ranges[4][1] == len(pages)
        assert "paragraph 3 of Part 1 of Schedule 12A" in front
    else:
        assert ranges[6] == (ranges[4][1] + 1, len(pages))
        assert f"{MARKER} details." in _flat(pages[ranges[6][0] - 1])


@pytest.mark.parametrize("name", [MAIN, SUPPLEMENT, CONFIDENTIAL])
def test_each_pack_numbers_its_pages_from_1(packs: dict[str, bytes], name: str) -> None:
    pages = page_texts(packs[name])
    assert _stamps(pages) == list(range(1, len(pages) + 1))
    reader = pypdf.PdfReader(io.BytesIO(packs[name]))
    assert list(reader.page_labels) == [str(n) for n in range(1, len(pages) + 1)]


def test_the_supplement_has_its_own_outline_and_title(packs: dict[str, bytes]) -> None:
    with pikepdf.open(io.BytesIO(packs[SUPPLEMENT])) as pdf:
        top = [(title, page) for depth, title, page in outline(pdf) if depth == 1]
        assert top == [
            ("Supplementary agenda: Test Committee, 14 March 2022", 0),
            (f"4. Accepting the {LATE} grant", 1),
        ]
        assert pdf.docinfo["/Title"] == "Test Committee, 14 March 2022: supplementary agenda"
    with pikepdf.open(io.BytesIO(packs[CONFIDENTIAL])) as pdf:
        title = "Test Committee, 14 March 2022: confidential supplementary agenda"
        assert pdf.docinfo["/Title"] == title


def test_the_main_pack_is_the_agenda_as_sent(packs: dict[str, bytes]) -> None:
    main = packs[MAIN]
    pages = page_texts(main)
    front = _flat(pages[0])
    assert "AGENDA" in front and "SUPPLEMENTARY" not in front
    assert sorted(_ranges(main)) == [2, 3]  # item 1, apologies, has no pages
    assert "Winter pressures" not in front
    text = " ".join(pages)
    assert LATE not in text and "Reason for urgency" not in text
    assert "Changes to the staffing establishment" in text
    with pikepdf.open(io.BytesIO(main)) as pdf:
        assert not any(LATE.encode() in chunk for chunk in every_string(pdf))


@pytest.mark.parametrize("name", [MAIN, SUPPLEMENT])
def test_the_late_exempt_items_marker_is_in_no_public_pack(
    packs: dict[str, bytes], name: str
) -> None:
    public = packs[name]
    assert MARKER.encode() not in public
    with pikepdf.open(io.BytesIO(public)) as pdf:
        assert not any(MARKER.encode() in chunk for chunk in every_string(pdf))
        assert not any(MARKER in title for _, title, _ in outline(pdf))
    assert not any(MARKER in text for text in page_texts(public))


def test_nottinghamshire_prints_the_reason_on_the_front_sheet_only(
    packs: dict[str, bytes],
) -> None:
    pages = page_texts(packs[CONFIDENTIAL])
    assert [i for i, text in enumerate(pages) if "Reason for urgency" in text] == [0]


def test_kingsmere_prints_the_reason_at_the_head_of_the_report_too(
    kingsmere: dict[str, bytes],
) -> None:
    assert sorted(kingsmere) == [
        "2026-11-19-policy-and-resources-committee-supplement.pdf",
        "2026-11-19-policy-and-resources-committee.pdf",
    ]
    pages = page_texts(kingsmere["2026-11-19-policy-and-resources-committee-supplement.pdf"])
    front = _flat(pages[0])
    assert "Supplementary agenda" in front
    assert f"37 Flood defence bid Reason for urgency: {KINGSMERE_REASON}" in front
    assert _ranges(kingsmere["2026-11-19-policy-and-resources-committee-supplement.pdf"]) == {
        37: (2, len(pages))
    }
    report = _flat(pages[1])
    reason = report.index(f"Reason for urgency: {KINGSMERE_REASON}")
    # after the header block, before the report's first section
    assert report.index("Publication status") < reason < report.index("1. Purpose of Report")
    main = " ".join(page_texts(kingsmere["2026-11-19-policy-and-resources-committee.pdf"]))
    assert "FLOOD-BID-3a7e" not in main and "Flood defence bid" not in main
