"""Files and processes: the previous output stays when LibreOffice fails, and two builds of the
same output at once both end cleanly, leaving one whole file that reportgen knows as its own."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from reportgen.output import generated_untouched
from tests.conftest import ROOT

REPORT = ROOT / "reports" / "examples" / "co-production.yaml"
MEETING = ROOT / "tests" / "meeting" / "meetings" / "2022-03-14" / "meeting.yaml"


def reportgen(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """Start the real command, as a user's shell would."""
    return subprocess.Popen(
        [sys.executable, "-m", "reportgen", *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


def finished(process: subprocess.Popen[str]) -> tuple[int, str]:
    """Its exit code and what it printed to stderr."""
    _, err = process.communicate(timeout=300)
    return process.returncode, err


def temporaries(folder: Path) -> list[str]:
    """Hidden temporary files left in ``folder``."""
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    "stand_in",
    [
        "echo 'Error: source file could not be loaded'\n",  # exits 0 without a PDF
        "echo 'no display' >&2\nexit 81\n",  # fails
        "exec /bin/sleep 300\n",  # hangs (the time limit is set to 1 s below)
    ],
    ids=["no-pdf", "fails", "hangs"],
)
def test_a_failing_libreoffice_leaves_the_previous_pdf_as_it_was(
    stand_in: str, fake_soffice: Callable[[str], Path], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    first, err = finished(reportgen("build", REPORT, "--out-dir", out, "--to", "docx,pdf"))
    assert first == 0, err
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    code, err = finished(
        reportgen(
            "build",
            REPORT,
            "--out-dir",
            out,
            "--to",
            "docx,pdf",
            env={
                "REPORTGEN_SOFFICE": str(fake_soffice(stand_in)),
                "REPORTGEN_SOFFICE_TIMEOUT": "1",
            },
        )
    )
    assert code == 2, err
    assert "error O51" in err and "Traceback" not in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before, "nothing replaced"


def test_a_failing_libreoffice_leaves_the_previous_pack(
    fake_soffice: Callable[[str], Path], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    first, err = finished(reportgen("pack", MEETING, "-o", out, "--allow-uncleared"))
    assert first == 0, err
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    stand_in = fake_soffice("echo 'no display' >&2\nexit 81\n")
    code, err = finished(
        reportgen(
            "pack",
            MEETING,
            "-o",
            out,
            "--allow-uncleared",
            env={"REPORTGEN_SOFFICE": str(stand_in)},
        )
    )
    assert code == 2, err
    assert "Traceback" not in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_two_builds_of_one_file_at_once_both_end_cleanly(fmt: str, tmp_path: Path) -> None:
    target = tmp_path / f"report.{fmt}"
    for _ in range(3):
        both = [reportgen("build", REPORT, "-o", target) for _ in range(2)]
        for code, err in map(finished, both):
            assert "Traceback" not in err and "internal error" not in err, err
            assert code == 0 or (code == 2 and "error O54" in err), err
        assert generated_untouched(target), "one whole file, reportgen's own"
        assert temporaries(tmp_path) == []
    again, err = finished(reportgen("build", REPORT, "-o", target))
    assert again == 0, err
