"""Shared fixtures: small reports from YAML text, LibreOffice exports of .docx files, and the
examples built to PDF once for every test that reads them."""

from __future__ import annotations

import subprocess
import textwrap
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from reportgen import api
from reportgen.boilerplate import Boilerplate, load_boilerplate
from reportgen.document import Document
from reportgen.errors import Problem, ReportError
from reportgen.pipeline import build
from reportgen.writers.pdf import find_soffice

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


def profile_with(folder: Path, *files: Path) -> Path:
    """A copy of the bundled profile in ``folder``, each of ``files`` (a fixture's own
    meeting.yaml, reviewers.yaml …) written over the file of its name."""
    import shutil

    from reportgen.boilerplate import DEFAULT_DIR

    shutil.copytree(DEFAULT_DIR, folder)
    for file in files:
        shutil.copy(file, folder / file.name)
    return folder


def reworded_boilerplate(folder: Path, changes: dict[str, str]) -> Path:
    """A copy of the standard boilerplate in ``folder``, its meeting.yaml with each of the
    ``changes`` (old text: new) made; each old text must be there, once."""
    import shutil

    from reportgen.boilerplate import DEFAULT_DIR

    shutil.copytree(DEFAULT_DIR, folder)
    words = folder / "meeting.yaml"
    text = words.read_text("utf-8")
    for old, new in changes.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    words.write_text(text, "utf-8")
    return folder


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
        try:
            self.program = find_soffice()  # REPORTGEN_SOFFICE, or soffice on the PATH
        except ReportError as exc:
            pytest.fail(f"LibreOffice is needed for these tests:\n{exc}")
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


@pytest.fixture
def fake_soffice(tmp_path: Path) -> Callable[[str], Path]:
    """Write a shell script to stand in for LibreOffice (an external program); returns its path."""

    def write(body: str) -> Path:
        script = tmp_path / "fake-soffice"
        script.write_text("#!/bin/sh\n" + textwrap.dedent(body), encoding="utf-8")
        script.chmod(0o755)
        return script

    return write


@dataclass(frozen=True)
class ExampleBuild:
    """The example reports built once to .docx and PDF through the API, for many tests to read."""

    out: Path
    """The --out-dir of the build."""
    written: list[Path]
    """What :func:`reportgen.api.build` returned."""
    documents: dict[str, Document]
    """Each example's resolved document, by name."""
    soffice_calls: list[str]
    """The arguments of each LibreOffice run of the build, one line a run."""

    def pdf(self, name: str) -> Path:
        """The PDF built from ``reports/examples/<name>.yaml``."""
        return self.out / f"{name}.pdf"


@pytest.fixture(scope="session")
def example_build(
    tmp_path_factory: pytest.TempPathFactory, libreoffice: LibreOffice
) -> ExampleBuild:
    """Every example built to .docx and PDF in one build, LibreOffice counted by a wrapper."""
    folder = tmp_path_factory.mktemp("example-build")
    log, wrapper = folder / "soffice-calls.log", folder / "soffice"
    wrapper.write_text(
        f'#!/bin/sh\necho "$*" >> "{log}"\nexec "{libreoffice.program}" "$@"\n', encoding="utf-8"
    )
    wrapper.chmod(0o755)
    paths = sorted(EXAMPLES.glob("*.yaml"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REPORTGEN_SOFFICE", str(wrapper))
        written = api.build(paths, out_dir=folder / "out", to="docx,pdf")
    documents = api.load_documents(paths)
    return ExampleBuild(
        folder / "out",
        written,
        {path.stem: document for path, document in documents.items()},
        log.read_text(encoding="utf-8").splitlines(),
    )
