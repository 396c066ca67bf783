"""Files and processes under stress, through the real command line in its own process: a
LibreOffice that hangs, fails or writes nothing leaves the previous output as it was and no
process behind; two builds of the same output at once both end cleanly; and two inputs of one
build never share an output file (fixtures in tests/paths/)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from reportgen.output import generated_untouched
from tests.conftest import MINIMAL, ROOT
from tests.test_output import processes_mentioning
from tests.test_output_paths import PATHS, left_in

MEETING = ROOT / "tests" / "meeting" / "meetings" / "2022-03-14" / "meeting.yaml"
PACKS = ["2022-03-14-test-committee-confidential.pdf", "2022-03-14-test-committee.pdf"]

# Stand-ins for LibreOffice, by what goes wrong. Each notes its own process id and those of
# what it starts in the file $PIDS, so the test can see that none is left running.
BROKEN = {
    "hangs": 'echo $$ >> "$PIDS"\n/bin/sleep 300 &\necho $! >> "$PIDS"\nwait\n',
    "writes-no-pdf": 'echo $$ >> "$PIDS"\necho "Error: source file could not be loaded"\n',
    "fails": 'echo $$ >> "$PIDS"\necho "no display" >&2\nexit 81\n',
}
CODES = {"hangs": "O511", "writes-no-pdf": "O513", "fails": "O512"}


def reportgen(
    *args: str | Path, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``reportgen`` in its own process and wait for it to end."""
    return subprocess.run(
        [sys.executable, "-m", "reportgen", *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        timeout=600,
    )


def alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie, waiting to be reaped, has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding report.yaml and, built from it by the real LibreOffice, out/report.pdf."""
    folder = tmp_path_factory.mktemp("built")
    (folder / "report.yaml").write_text(MINIMAL, encoding="utf-8")
    done = reportgen("build", folder / "report.yaml", "--out-dir", folder / "out", "--to", "pdf")
    assert done.returncode == 0, done.stderr
    return folder


@pytest.fixture(scope="module")
def packed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the packs of the test meeting, built by the real LibreOffice."""
    out = tmp_path_factory.mktemp("packed")
    done = reportgen("pack", MEETING, "-o", out, "--allow-uncleared")
    assert done.returncode == 0, done.stderr
    assert left_in(out) == PACKS
    return out


def _broken_run(
    how: str, fake_soffice: Callable[[str], Path], tmp_path: Path, *args: str | Path
) -> tuple[subprocess.CompletedProcess[str], Path, list[int]]:
    """Run reportgen with ``args`` and a LibreOffice that ``how``; the run, its scratch folder
    (its TMPDIR) and the process ids the stand-in noted."""
    pids, scratch = tmp_path / "pids", tmp_path / "scratch"
    pids.touch()
    scratch.mkdir()
    env = {
        "REPORTGEN_SOFFICE": str(fake_soffice(BROKEN[how])),
        "REPORTGEN_SOFFICE_TIMEOUT": "2",
        "PIDS": str(pids),
        "TMPDIR": str(scratch),
    }
    done = reportgen(*args, env=env)
    return done, scratch, [int(pid) for pid in pids.read_text().split()]


def _ended_cleanly(done: subprocess.CompletedProcess[str], code: str) -> None:
    """The run ended in the problem ``code``, exit code 2, and no traceback."""
    assert done.returncode == 2, done.stderr
    assert f"error {code}" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


@pytest.mark.parametrize("how", list(BROKEN))
def test_a_broken_libreoffice_leaves_the_previous_pdf_and_no_process(
    how: str, built: Path, fake_soffice: Callable[[str], Path], tmp_path: Path
) -> None:
    source, out = tmp_path / "report.yaml", tmp_path / "out"
    shutil.copy(built / "report.yaml", source)
    shutil.copytree(built / "out", out)
    before = (out / "report.pdf").read_bytes()

    done, scratch, pids = _broken_run(
        how, fake_soffice, tmp_path, "build", source, "-o", out / "report.pdf"
    )
    _ended_cleanly(done, CODES[how])
    assert (out / "report.pdf").read_bytes() == before
    assert left_in(out) == ["report.pdf"], "no temporary file"
    assert left_in(scratch) == [], "LibreOffice's profile is removed"
    assert pids and not any(map(alive, pids)), "nothing the run started is left running"
    assert processes_mentioning(str(scratch)) == []


@pytest.mark.parametrize("how", list(BROKEN))
def test_a_broken_libreoffice_leaves_the_previous_packs_and_no_process(
    how: str, packed: Path, fake_soffice: Callable[[str], Path], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    shutil.copytree(packed, out)
    before = {name: (out / name).read_bytes() for name in PACKS}

    done, scratch, pids = _broken_run(
        how, fake_soffice, tmp_path, "pack", MEETING, "-o", out, "--allow-uncleared"
    )
    _ended_cleanly(done, CODES[how])
    assert {name: (out / name).read_bytes() for name in PACKS} == before
    assert left_in(out) == PACKS, "no temporary file"
    assert left_in(scratch) == []
    assert pids and not any(map(alive, pids))
    assert processes_mentioning(str(scratch)) == []


def _race(source: Path, target: Path, rounds: int) -> None:
    """Build ``source`` to ``target`` in two processes started together, ``rounds`` times, the
    target missing in every other round; each round must end cleanly in a whole file."""
    for round_ in range(rounds):
        if round_ % 2 == 0:
            target.unlink(missing_ok=True)
        runs = [
            subprocess.Popen(
                [sys.executable, "-m", "reportgen", "build", str(source), "-o", str(target)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        for run in runs:
            _, err = run.communicate(timeout=600)
            assert "Traceback" not in err and "internal error" not in err, err
            # the one that finishes second may find the other's file, made meanwhile: O541
            assert run.returncode == 0 or (run.returncode == 2 and f"{target}: error O5" in err), (
                err
            )
        assert [p.name for p in target.parent.iterdir()] == [target.name], "no temporary file"
        assert generated_untouched(target), "a whole file, reportgen's own"
    again = reportgen("build", source, "-o", target)
    assert again.returncode == 0, again.stderr


def test_two_builds_of_one_docx_at_once_both_end_cleanly(tmp_path: Path) -> None:
    source = tmp_path / "report.yaml"
    source.write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "out").mkdir()
    _race(source, tmp_path / "out" / "x.docx", rounds=5)


def test_two_builds_of_one_pdf_at_once_both_end_cleanly(tmp_path: Path) -> None:
    source = tmp_path / "report.yaml"
    source.write_text(MINIMAL, encoding="utf-8")
    (tmp_path / "out").mkdir()
    _race(source, tmp_path / "out" / "x.pdf", rounds=3)


def test_reports_with_the_same_stem_never_share_an_output_in_any_format(tmp_path: Path) -> None:
    shutil.copytree(PATHS, tmp_path / "paths")
    done = reportgen(
        "build", "a/x.yaml", "b/x.yaml", "--out-dir", "out", "--to", "docx,pdf",
        cwd=tmp_path / "paths",
    )  # fmt: skip
    assert done.returncode == 2
    for fmt in ("docx", "pdf"):
        assert f"out/x.{fmt}: error O508: a/x.yaml and b/x.yaml would both be written" in (
            done.stderr
        )
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "paths" / "out").exists()
