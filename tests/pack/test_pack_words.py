"""A pack worded by its profile: outline entries, sub-items and page stamps from meeting.yaml,
and agenda numbers as the meeting file gives them, read back from the built PDF."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest

from reportgen import api
from reportgen.boilerplate import load_boilerplate
from tests.conftest import ROOT, profile_with, raised
from tests.pack.test_assemble import outline, page_texts

MEETINGS = ROOT / "tests" / "meeting"
PROFILES = MEETINGS / "profiles"


def test_a_pack_prints_the_profiles_words_and_the_given_numbers(tmp_path: Path) -> None:
    profile = profile_with(tmp_path / "profile", PROFILES / "own-pack-words" / "meeting.yaml")
    [written] = api.pack(
        MEETINGS / "numbering" / "given.yaml", tmp_path / "out", boilerplate_dir=profile
    )
    pack = written.read_bytes()
    pages = page_texts(pack)
    assert all(f"Pack page {n} of {len(pages)}" in t for n, t in enumerate(pages, 1))
    front = pages[0]
    lines = [line.strip() for line in front.splitlines()]
    agenda = lines[lines.index("AGENDA") : lines.index("Notes")]
    assert [line for line in agenda if line.isdigit()] == ["30", "31", "38", "40"]
    assert "a. Disclosable Pecuniary Interests" in front
    with pikepdf.open(io.BytesIO(pack)) as opened:
        titles = [title for depth, title, _ in outline(opened) if depth == 1]
    assert "Item 38: Library opening hours" in titles


def test_a_stamp_the_stamp_font_cannot_print_is_placed_in_the_profile(tmp_path: Path) -> None:
    profile = profile_with(tmp_path / "profile", PROFILES / "bad-stamp" / "meeting.yaml")
    [problem] = raised(lambda: load_boilerplate(profile))
    assert (problem.code, Path(problem.where.file).name, problem.where.line) == (
        "S200",
        "meeting.yaml",
        96,
    )
    assert "'頁', which the stamp font cannot print" in problem.message


@pytest.mark.parametrize("stamp", ["Page", "Page {n} {part}"])
def test_a_stamp_without_its_number_or_with_another_field_is_refused(
    tmp_path: Path, stamp: str
) -> None:
    profile = profile_with(tmp_path / "profile", PROFILES / "bad-stamp" / "meeting.yaml")
    words = profile / "meeting.yaml"
    words.write_text(words.read_text("utf-8").replace("頁 {n}", stamp), "utf-8")
    [problem] = raised(lambda: load_boilerplate(profile))
    assert problem.code == "S200" and problem.where.line == 96
