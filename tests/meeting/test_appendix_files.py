"""Which appendix files a meeting may name (issue 16): only files in the meeting file's folder
tree or in a folder it names under ``appendix_folders``, at most 50 MB, and PDFs that can be
read; each refusal a problem at the appendix's line in the meeting file.

The meetings are written into a temporary folder and loaded with :func:`load_meeting`, which
checks every appendix before anything is converted or merged.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen.boilerplate import Boilerplate
from reportgen.meeting import load_meeting
from reportgen.pack.sanitise import MAX_APPENDIX_BYTES, read_appendix
from tests.conftest import ROOT, raised
from tests.pack import hostile

MEETING = """\
committee: Test Committee
date: 2022-03-14
time: "10:30"
venue: County Hall
contact: {{name: Jo Toomey}}
membership: [{{name: Boyd Elliott}}]
{extra}items:
  - apologies: true
  - report: report.yaml
    appendices:
      - file: {file}
"""
PLACE = (11, 15)
"""The line and column of the appendix's file name in MEETING, without ``extra``."""


def meeting_at(folder: Path, file: str, extra: str = "") -> Path:
    """A meeting in ``folder`` whose report has the one appendix ``file``."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "tests/across/corpus/meetings/appendix-fake-pdf/report.yaml", folder)
    path = folder / "meeting.yaml"
    path.write_text(MEETING.format(file=file, extra=extra), encoding="utf-8")
    return path


def appendix_files(path: Path, boilerplate: Boilerplate) -> list[Path]:
    resolved = load_meeting(path, boilerplate)
    return [d.file for item in resolved.items for d in item.documents if d.file is not None]


def only_problem(path: Path, boilerplate: Boilerplate, code: str) -> str:
    """The message of the one problem loading ``path`` gives: ``code``, at the appendix."""
    [problem] = raised(lambda: load_meeting(path, boilerplate))
    assert problem.code == code, problem.render()
    assert problem.where.file == str(path)
    assert (problem.where.line, problem.where.column) == PLACE
    assert problem.where.path == ("items", 1, "appendices", 0, "file")
    return problem.message


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A readable PDF outside the meeting's folder."""
    (tmp_path / "elsewhere").mkdir()
    pdf = tmp_path / "elsewhere" / "private.pdf"
    pdf.write_bytes(hostile.CONTENT["links"]())
    return pdf


def test_a_path_up_out_of_the_meeting_folder_is_refused(
    tmp_path: Path, outside: Path, boilerplate: Boilerplate
) -> None:
    path = meeting_at(tmp_path / "meeting", "../elsewhere/private.pdf")
    message = only_problem(path, boilerplate, "M717")
    assert "'../elsewhere/private.pdf' is outside the meeting file's folder" in message


def test_an_absolute_path_is_refused(
    tmp_path: Path, outside: Path, boilerplate: Boilerplate
) -> None:
    path = meeting_at(tmp_path / "meeting", str(outside))
    assert "outside" in only_problem(path, boilerplate, "M717")


def test_a_symbolic_link_to_a_file_elsewhere_is_refused(
    tmp_path: Path, outside: Path, boilerplate: Boilerplate
) -> None:
    folder = tmp_path / "meeting"
    path = meeting_at(folder, "chart.pdf")
    (folder / "chart.pdf").symlink_to(outside)
    message = only_problem(path, boilerplate, "M717")
    assert f"it is a symbolic link to {outside}" in message


def test_a_folder_the_meeting_names_may_hold_appendices(
    tmp_path: Path, outside: Path, boilerplate: Boilerplate
) -> None:
    path = meeting_at(
        tmp_path / "meeting", "../elsewhere/private.pdf", "appendix_folders: [../elsewhere]\n"
    )
    assert appendix_files(path, boilerplate) == [path.parent / "../elsewhere/private.pdf"]


def test_files_in_the_meeting_folder_tree_and_links_within_it_are_taken(
    tmp_path: Path, boilerplate: Boilerplate
) -> None:
    folder = tmp_path / "meeting"
    (folder / "appendices").mkdir(parents=True)
    (folder / "appendices" / "chart.pdf").write_bytes(hostile.CONTENT["links"]())
    (folder / "link.pdf").symlink_to(folder / "appendices" / "chart.pdf")
    for name in ("appendices/chart.pdf", "appendices/../link.pdf"):
        path = meeting_at(folder, name)
        assert appendix_files(path, boilerplate) == [folder / name]


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_an_appendix_over_50_mb_is_refused_before_it_is_read(
    tmp_path: Path, boilerplate: Boilerplate, suffix: str
) -> None:
    folder = tmp_path / "meeting"
    path = meeting_at(folder, f"big{suffix}")
    with (folder / f"big{suffix}").open("wb") as big:
        big.truncate(MAX_APPENDIX_BYTES + 1)  # sparse: nothing is written to the disk
    message = only_problem(path, boilerplate, "M718")
    assert "50.0 MB; an appendix may be at most 50 MB" in message
    with (folder / f"big{suffix}").open("wb") as big:
        big.truncate(0)
        big.write(hostile.CONTENT["links"]())
        big.truncate(MAX_APPENDIX_BYTES)  # at the limit: read, and judged by what it is
    if suffix == ".pdf":
        assert appendix_files(path, boilerplate) == [folder / "big.pdf"]
    else:
        assert "is not a Word file" in only_problem(path, boilerplate, "M709")


def test_a_file_that_grew_past_the_limit_since_the_check_is_not_read_whole(
    tmp_path: Path,
) -> None:
    """The pack reads each appendix file within the limit, whatever the check saw before."""
    file = tmp_path / "grown.pdf"
    file.write_bytes(hostile.CONTENT["links"]())
    size = file.stat().st_size
    assert read_appendix(file, limit=size) == file.read_bytes()
    [problem] = raised(lambda: read_appendix(file, limit=size - 1))
    assert (problem.code, problem.where.file) == ("M718", str(file))


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("encrypted", "M712"),
        ("damaged", "M714"),
        ("no-pages", "M713"),
        ("bad-rotate", "M715"),
        ("bad-struct-parents", "M715"),
        ("deep", "M716"),
        ("cycle", "M716"),
    ],
)
def test_a_pdf_that_cannot_make_a_pack_is_placed_at_its_line(
    tmp_path: Path, boilerplate: Boilerplate, kind: str, code: str
) -> None:
    folder = tmp_path / "meeting"
    path = meeting_at(folder, f"{kind}.pdf")
    (folder / f"{kind}.pdf").write_bytes(hostile.UNREADABLE[kind]())
    message = only_problem(path, boilerplate, code)
    assert f"'{kind}.pdf'" in message and "BytesIO" not in message
