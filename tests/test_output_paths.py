"""Output paths a command cannot write, or must not: each is a problem naming the path and the fix,
exit code 2, and nothing written for any output of the run (fixtures in tests/paths/)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from reportgen.cli import main
from reportgen.schema import schema_text
from tests.conftest import MINIMAL, ROOT

PATHS = ROOT / "tests" / "paths"


def run(*args: str | Path) -> Result:
    """Run ``reportgen`` with ``args`` in this process."""
    return CliRunner().invoke(main, [str(arg) for arg in args])


def run_apart(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``reportgen`` in its own process: one that hung would fail the test, not stop it."""
    return subprocess.run(
        [sys.executable, "-m", "reportgen", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=cwd,
    )


def left_in(folder: Path) -> list[str]:
    """Every name in ``folder`` and below, as relative paths, sorted."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.fixture
def report(tmp_path: Path) -> Path:
    """A valid report in a folder of its own."""
    source = tmp_path / "src" / "report.yaml"
    source.parent.mkdir()
    source.write_text(MINIMAL, encoding="utf-8")
    return source


@pytest.fixture
def mount_tmpfs(tmp_path: Path) -> Iterator[Callable[[str], Path]]:
    """Mount a small tmpfs with the given options (e.g. ``ro`` or ``size=32k``); unmounted after.

    Only root can mount; a test that needs it is skipped, saying so, when that is impossible.
    """
    mounted: list[Path] = []

    def mount(options: str) -> Path:
        if os.geteuid() != 0 or shutil.which("mount") is None:
            pytest.skip("mounting a tmpfs needs root (to make a read-only or full folder)")
        point = tmp_path / f"mount{len(mounted)}"
        point.mkdir()
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)], capture_output=True
        )
        if done.returncode != 0:
            pytest.skip(f"this machine refuses to mount a tmpfs: {done.stderr.decode().strip()}")
        mounted.append(point)
        return point

    yield mount
    for point in reversed(mounted):
        subprocess.run(["umount", str(point)], check=True)


def test_an_out_dir_that_is_a_file_is_a_problem(report: Path, tmp_path: Path) -> None:
    afile = tmp_path / "out"
    afile.write_text("a person's notes", encoding="utf-8")
    result = run("build", report, "--out-dir", afile, "--to", "docx,html")
    assert result.exit_code == 2
    assert f"{afile}: error O542: this is a file, so no output can be written in it" in (
        result.output
    )
    assert "1 problem; nothing was written." in result.output
    assert afile.read_text(encoding="utf-8") == "a person's notes"


def test_an_out_dir_under_a_file_is_a_problem(report: Path, tmp_path: Path) -> None:
    afile = tmp_path / "notes.txt"
    afile.write_text("a person's notes", encoding="utf-8")
    result = run("build", report, "--out-dir", afile / "out" / "2017")
    assert result.exit_code == 2
    assert f"{afile}: error O542: this is a file, so the folder {afile / 'out' / '2017'}" in (
        result.output
    )
    assert "fix: choose an output folder that is a folder" in result.output


def test_an_output_under_a_file_is_a_problem(report: Path, tmp_path: Path) -> None:
    afile = tmp_path / "notes.txt"
    afile.write_text("a person's notes", encoding="utf-8")
    result = run("build", report, "-o", afile / "report.docx")
    assert result.exit_code == 2
    assert f"{afile}: error O542" in result.output


def test_one_output_file_for_two_reports_is_a_problem(report: Path, tmp_path: Path) -> None:
    other = report.with_name("other.yaml")
    shutil.copy(report, other)
    result = run("build", report, other, "-o", tmp_path / "both.docx")
    assert result.exit_code == 2
    assert (
        "(command line): error O500: -o names one output file but several reports were given"
        in result.output
    )
    assert "fix: use --out-dir for several reports" in result.output
    assert left_in(tmp_path) == ["src", "src/other.yaml", "src/report.yaml"]


def test_a_folder_at_the_output_path_is_a_problem(report: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.docx"
    target.mkdir()
    (target / "notes.txt").write_text("a person's notes", encoding="utf-8")
    result = run("build", report, "-o", target)
    assert result.exit_code == 2
    assert f"{target}: error O502: the output path is a folder" in result.output
    assert "fix: give a file name" in result.output
    assert left_in(target) == ["notes.txt"]


def test_an_output_in_a_folder_that_does_not_exist_is_a_problem(
    report: Path, tmp_path: Path
) -> None:
    target = tmp_path / "missing" / "report.docx"
    result = run("build", report, "-o", target)
    assert result.exit_code == 2
    assert f"{target}: error O504: the folder {target.parent} does not exist" in result.output
    assert "fix: create it first, or use --out-dir, which creates it" in result.output
    assert left_in(tmp_path) == ["src", "src/report.yaml"]


def test_a_read_only_out_dir_is_a_problem_before_anything_is_made(
    report: Path, mount_tmpfs: Callable[[str], Path]
) -> None:
    folder = mount_tmpfs("ro,size=64k")
    result = run("build", report, "--out-dir", folder / "out", "--to", "docx,html")
    assert result.exit_code == 2
    assert f"{folder}: error O543: this folder cannot be written to" in result.output
    assert "fix: choose another output folder" in result.output
    assert left_in(folder) == []


def test_a_file_name_too_long_for_the_file_system_is_a_problem(
    report: Path, tmp_path: Path
) -> None:
    target = tmp_path / ("x" * 300 + ".docx")
    result = run("build", report, "-o", target)
    assert result.exit_code == 2
    assert "error O544: the file name is too long for the file system" in result.output
    assert "fix: choose a shorter file name" in result.output
    assert left_in(tmp_path) == ["src", "src/report.yaml"]


def test_a_fifo_at_the_output_path_is_never_opened(report: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / "report.html")  # opening it to read or write would wait for ever
    done = run_apart("build", report, "--out-dir", out, "--to", "docx,html")
    assert done.returncode == 2, done.stderr
    assert f"{out / 'report.html'}: error O540: the output path is a pipe (FIFO)" in (done.stderr)
    assert "Traceback" not in done.stderr
    assert left_in(out) == ["report.html"], "the .docx of the same run is not written either"


def test_a_device_at_the_output_path_is_left_alone(report: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.docx"
    target.symlink_to(os.devnull)
    result = run("build", report, "-o", target, "--force")
    assert result.exit_code == 2
    assert "error O540: the output path is a device" in result.output
    assert target.is_symlink() and Path(os.devnull).is_char_device()


def test_a_socket_at_the_output_path_is_left_alone(report: Path, tmp_path: Path) -> None:
    target = tmp_path / "r.pdf"  # short: a socket's path has a small limit
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(target))
        result = run("build", report, "-o", target)
    assert result.exit_code == 2
    assert "error O540: the output path is a socket" in result.output


def test_reports_with_the_same_stem_in_different_folders_are_refused(tmp_path: Path) -> None:
    shutil.copytree(PATHS, tmp_path / "paths")
    done = run_apart("build", "a/x.yaml", "b/x.yaml", "--out-dir", "out", cwd=tmp_path / "paths")
    assert done.returncode == 2
    assert "out/x.docx: error O508: a/x.yaml and b/x.yaml would both be written" in done.stderr
    assert not (tmp_path / "paths" / "out").exists()


def test_one_folder_named_two_ways_is_one_folder(tmp_path: Path) -> None:
    shutil.copytree(PATHS, tmp_path / "paths")
    (tmp_path / "paths" / "same-as-a").symlink_to("a")
    result = run(
        "build", tmp_path / "paths/a/x.yaml", tmp_path / "paths/same-as-a/../a/../same-as-a/x.yaml"
    )
    assert result.exit_code == 2
    assert "error O508" in result.output
    assert not (tmp_path / "paths" / "a" / "x.docx").exists()


def test_schema_o_does_not_replace_the_report_it_is_given(report: Path) -> None:
    result = run("schema", "-o", report)
    assert result.exit_code == 2
    assert f"{report}: error O503: this file was not written by reportgen" in result.output
    assert report.read_text(encoding="utf-8") == MINIMAL


def test_schema_o_replaces_only_its_own_schema_or_with_force(tmp_path: Path) -> None:
    settings = tmp_path / "editor-settings.json"
    shutil.copy(PATHS / "editor-settings.json", settings)
    before = settings.read_bytes()
    result = run("schema", "-o", settings)
    assert result.exit_code == 2 and "error O503" in result.output
    assert settings.read_bytes() == before

    own = tmp_path / "meeting.schema.json"
    assert run("schema", "--kind", "meeting", "-o", own).exit_code == 0
    assert run("schema", "-o", own).exit_code == 0, "a schema reportgen wrote is replaced"
    assert own.read_text(encoding="utf-8") == schema_text("report")

    assert run("schema", "-o", settings, "--force").exit_code == 0
    assert settings.read_text(encoding="utf-8") == schema_text("report")


def test_new_refuses_a_fifo_and_a_read_only_folder(
    tmp_path: Path, mount_tmpfs: Callable[[str], Path]
) -> None:
    fifo = tmp_path / "report.yaml"
    os.mkfifo(fifo)
    done = run_apart("new", fifo)
    assert done.returncode == 2 and "error O530" in done.stderr

    folder = mount_tmpfs("ro,size=64k")
    result = run("new", folder / "reports" / "report.yaml")
    assert result.exit_code == 2
    assert f"{folder}: error O543" in result.output
