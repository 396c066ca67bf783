"""Shared fixtures: small reports from YAML text, and LibreOffice exports of .docx files."""

from __future__ import annotations

import shutil
import subprocess
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from reportgen.boilerplate import Boilerplate, load_boilerplate
from reportgen.document import Document
from reportgen.errors import Problem, ReportError
from reportgen.pipeline import build

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "reports" / "examples"
PUBLISHED = Path(__file__).resolve().parent / "published"
"""The published reports the examples transcribe, as text; each file says where it comes from."""

MINIMAL = """\
committee: Adult Social Care and Health Committee
date: 2017-01-09
agenda_item: 4
report_of: Service Director for Mid Nottinghamshire
title: A small report
purpose:
  - To seek approval.
information:
  - The information.
recommendations:
  intro: "That:"
  items: [the proposal is approved]
signed_by: {name: Sue Batty, title: Service Director}
contacts: [{name: Tessa Diment, role: Group Manager, phone: "0115 8546256"}]
"""
"""A complete, valid report: tests add to it or replace parts of it."""


def position(text: str, needle: str, occurrence: int = 1) -> tuple[int, int]:
    """The 1-based line and column where the ``occurrence``-th ``needle`` starts in ``text``."""
    offset = -1
    for _ in range(occurrence):
        offset = text.index(needle, offset + 1)
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def raised(action: Callable[[], object]) -> tuple[Problem, ...]:
    """The problems ``action`` raises as one :class:`ReportError`; fails if it raises none."""
    with pytest.raises(ReportError) as caught:
        action()
    return tuple(caught.value.problems)


@pytest.fixture(scope="session")
def boilerplate() -> Boilerplate:
    """The standard wording in boilerplate/."""
    return load_boilerplate()


@pytest.fixture
def write_yaml(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write dedented YAML text to a file in a temporary folder; returns its path."""

    def write(text: str, name: str = "report.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def resolve_yaml(
    write_yaml: Callable[[str, str], Path], boilerplate: Boilerplate
) -> Callable[[str], Document]:
    """Run the whole pipeline up to the resolved document on YAML text."""

    def run(text: str) -> Document:
        return build(write_yaml(text, "report.yaml"), boilerplate)

    return run


class LibreOffice:
    """Headless LibreOffice with a private profile, converting many files per start-up."""

    def __init__(self, profile: Path) -> None:
        found = shutil.which("soffice") or shutil.which("libreoffice")
        if found is None:
            pytest.fail(
                "LibreOffice is needed for these tests: apt-get install -y libreoffice-writer-nogui"
            )
        self.program = found
        self.profile = profile

    def convert(self, files: list[Path], target: str, out_dir: Path) -> None:
        """Convert ``files`` to ``target`` (e.g. "pdf") into ``out_dir`` in one run."""
        out_dir.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                self.program,
                "--headless",
                "--norestore",
                f"-env:UserInstallation={self.profile.as_uri()}",
                "--convert-to",
                target,
                "--outdir",
                str(out_dir),
                *map(str, files),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LibreOffice]:
    """A LibreOffice to export documents with."""
    yield LibreOffice(tmp_path_factory.mktemp("lo-profile"))
