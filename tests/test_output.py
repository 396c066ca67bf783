"""Writing files whole: a full disk, a file saved during the build, an interruption and a bug
each end in one clear message, no temporary file and no LibreOffice left running."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import docx
import pytest

from reportgen import api
from reportgen.errors import Problems
from reportgen.output import check_target, write_files
from tests.conftest import ROOT, raised
from tests.test_output_paths import left_in, mount_tmpfs, report, run

__all__ = ["mount_tmpfs", "report"]  # fixtures shared with tests/test_output_paths.py

MEETING = ROOT / "tests" / "meeting" / "meetings" / "2022-03-14" / "meeting.yaml"
LOCKS = ROOT / "tests" / "locks"


def processes_mentioning(text: str) -> list[str]:
    """The command lines of the running processes that mention ``text`` (e.g. a run's private
    temporary folder, which LibreOffice's profile lives in), this one's excepted."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            line = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue  # ended meanwhile
        if text in line:
            found.append(line)
    return found


def test_a_full_disk_is_a_problem_and_replaces_nothing(
    report: Path, mount_tmpfs: Callable[[str], Path]
) -> None:
    (document,) = api.load_documents([report]).values()
    word, page = len(api.render(document, "docx")), len(api.render(document, "html"))
    folder = mount_tmpfs(f"size={(2 * word + page // 2) // 4096 * 4096 + 4096}")
    assert run("build", report, "--out-dir", folder).exit_code == 0
    before = (folder / "report.docx").read_bytes()

    result = run("build", report, "--out-dir", folder, "--to", "docx,html")
    assert result.exit_code == 2
    assert (
        f"{folder / 'report.html'}: error O545: the file could not be written: No space left"
        in (result.output)
    )
    assert "fix: free some space on the disk" in result.output
    assert "Traceback" not in result.output
    assert left_in(folder) == ["report.docx"], "no temporary file, no .html"
    assert (folder / "report.docx").read_bytes() == before, "the .docx is not replaced either"


def test_a_full_disk_removes_the_folders_the_build_made(
    report: Path, mount_tmpfs: Callable[[str], Path]
) -> None:
    folder = mount_tmpfs("size=4k")
    result = run("build", report, "--out-dir", folder / "2017" / "january")
    assert result.exit_code == 2 and "error O545" in result.output
    assert left_in(folder) == []


def test_a_file_saved_during_the_build_is_not_replaced(report: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.docx"
    api.build([report], output=target)
    problems = Problems()
    check_target(target, {report}, False, problems)
    assert not problems, "reportgen's own file, untouched: it may be replaced"
    (document,) = api.load_documents([report]).values()
    data = api.render(document, "docx")

    edited = docx.Document(str(target))  # meanwhile, an officer saves it in Word
    edited.add_paragraph("An officer's own addition.")
    edited.save(str(target))
    saved = target.read_bytes()

    (problem,) = raised(lambda: write_files({target: data}))
    assert problem.code == "O541" and str(problem.where) == str(target)
    assert "saved or created while reportgen was building" in problem.message
    assert target.read_bytes() == saved
    assert left_in(tmp_path) == ["report.docx", "src", "src/report.yaml"]

    write_files({target: data}, force=True)
    assert target.read_bytes() == data


def test_a_file_that_appears_during_the_build_is_not_replaced(report: Path, tmp_path: Path) -> None:
    target, other = tmp_path / "report.docx", tmp_path / "report.html"
    problems = Problems()
    for path in (target, other):
        check_target(path, {report}, False, problems)
    assert not problems
    target.write_bytes(b"a document an officer has just saved here")

    problems_raised = raised(lambda: write_files({other: b"<p>page</p>", target: b"built"}))
    assert [p.code for p in problems_raised] == ["O541"]
    assert target.read_bytes() == b"a document an officer has just saved here"
    assert not other.exists(), "no output of the run is written"
    assert left_in(tmp_path) == ["report.docx", "src", "src/report.yaml"]


def test_a_file_reportgen_edits_is_written_only_as_it_was_read(tmp_path: Path) -> None:
    comment = tmp_path / "financial.yaml"
    comment.write_text("initials: AB\n", encoding="utf-8")
    read = comment.read_bytes()
    comment.write_text("initials: AB\nbody: added by the reviewer meanwhile\n", encoding="utf-8")
    (problem,) = raised(
        lambda: write_files({comment: read + b"reviewed: x\n"}, unchanged={comment: read})
    )
    assert problem.code == "O541"
    assert "added by the reviewer meanwhile" in comment.read_text(encoding="utf-8")


_BUILD = [sys.executable, "-m", "reportgen", "build"]


def _interrupt_pdf_build(
    source: Path, out: Path, scratch: Path, sig: signal.Signals
) -> subprocess.CompletedProcess[str]:
    """Start a PDF build, send ``sig`` once LibreOffice runs, and wait for the build to end."""
    scratch.mkdir()
    process = subprocess.Popen(
        [*_BUILD, str(source), "--out-dir", str(out), "--to", "docx,pdf"],
        env={**os.environ, "TMPDIR": str(scratch)},  # LibreOffice's profile goes in here
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        while process.poll() is None and not processes_mentioning(f"{scratch}/reportgen-pdf-"):
            time.sleep(0.01)  # a poll, not a timing: the test waits for LibreOffice
        assert process.poll() is None, "the build ended before LibreOffice was seen"
        process.send_signal(sig)
        stdout, stderr = process.communicate(timeout=120)
    finally:
        process.kill()
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_an_interrupted_pdf_build_leaves_no_file_and_no_libreoffice(
    report: Path, tmp_path: Path, sig: signal.Signals, code: int
) -> None:
    out, scratch = tmp_path / "out", tmp_path / "scratch"
    done = _interrupt_pdf_build(report, out, scratch, sig)
    assert done.returncode == code, done.stderr
    assert done.stderr.startswith("interrupted"), done.stderr
    assert "Traceback" not in done.stderr
    assert not out.exists(), "nothing written, not even a temporary file"
    assert left_in(scratch) == [], "LibreOffice's profile is removed"
    assert processes_mentioning(str(scratch)) == [], "no LibreOffice of the run is left"


def test_a_pack_leaves_no_libreoffice_running(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(scratch))
    result = run("pack", MEETING, "-o", tmp_path / "out", "--allow-uncleared")
    assert result.exit_code == 0, result.output
    assert "" not in result.output.splitlines(), "no spinner's blank line in a log"
    assert processes_mentioning(str(scratch)) == []
    assert left_in(scratch) == []
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.endswith(".tmp")]


_CRASHING = textwrap.dedent(
    """\
    import sys
    from pathlib import Path

    import click

    from reportgen.api import working_on
    from reportgen.cli import main


    @main.command()
    @click.argument("report")
    def crash(report):
        # a command with a bug: the group must report it, once, never as a traceback
        with working_on(report):
            {}.fromkeys(Path(report).read_text())["no such key"]


    main(sys.argv[1:])
    """
)


@pytest.mark.parametrize("debug", ["", "1"])
def test_an_internal_error_is_reported_once_without_a_traceback(
    report: Path, tmp_path: Path, debug: str
) -> None:
    script = tmp_path / "crashing.py"
    script.write_text(_CRASHING, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(script), "crash", str(report)],
        capture_output=True,
        text=True,
        env={**os.environ, "REPORTGEN_DEBUG": debug},
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.count("internal error: KeyError: 'no such key'") == 1
    assert f"    while working on: {report}" in done.stderr
    assert "this is a bug in reportgen: please report it" in done.stderr
    assert ("Traceback" in done.stderr) == (debug == "1")


def test_a_template_that_is_not_a_word_file_never_gives_a_traceback(
    report: Path, tmp_path: Path
) -> None:
    template = tmp_path / "template.docx"
    template.write_text("not a Word file", encoding="utf-8")
    done = subprocess.run(
        [*_BUILD, str(report), "-o", str(tmp_path / "out.docx"), "--template", str(template)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert f"{template}" in done.stderr or f"while working on: {report}" in done.stderr
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize(
    ("name", "lock", "lock_name", "said"),
    [
        ("report.docx", "libreoffice-lock", ".~lock.report.docx#", "LibreOffice, by Jane Smith"),
        ("report.html", "libreoffice-lock", ".~lock.report.html#", "LibreOffice, by Jane Smith"),
        ("report.docx", "word-owner-file", "~$report.docx", "Word, by Siân Jones"),
        ("minutes.docx", "word-owner-file", "~$inutes.docx", "Word, by Siân Jones"),
        ("recovery-from-covid.docx", "word-owner-file", "~$covery-from-covid.docx", "Word"),
    ],
)
def test_a_file_open_in_libreoffice_or_word_is_not_replaced(
    report: Path, tmp_path: Path, name: str, lock: str, lock_name: str, said: str
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / name
    assert run("build", report, "-o", target).exit_code == 0
    before = target.read_bytes()
    shutil.copyfile(LOCKS / lock, folder / lock_name)

    for force in ((), ("--force",)):
        result = run("build", report, "-o", target, *force)
        assert result.exit_code == 2
        assert f"{target}: error O546: this file is open in {said}" in result.output
        assert f"fix: close it in {said.split(',')[0]}, then build again" in result.output
        assert str(folder / lock_name) in result.output  # to delete, if it was left behind
        assert "permission" not in result.output
        assert target.read_bytes() == before
        assert left_in(folder) == sorted([name, lock_name])

    (folder / lock_name).unlink()
    assert run("build", report, "-o", target).exit_code == 0


def test_who_has_the_file_open_is_read_from_the_lock_file(report: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.docx"
    assert run("build", report, "-o", target).exit_code == 0
    lock = tmp_path / ".~lock.report.docx#"
    lock.write_text(",jsmith,janes-pc,02.12.2026 15:40,file:///home/jsmith/x;\n", "utf-8")
    result = run("build", report, "-o", target)
    assert "error O546: this file is open in LibreOffice, by jsmith on janes-pc\n" in (
        result.output
    )


def test_a_file_opened_during_the_build_is_not_replaced(report: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.docx"
    api.build([report], output=target)
    problems = Problems()
    check_target(target, {report}, False, problems)
    assert not problems
    shutil.copyfile(LOCKS / "libreoffice-lock", tmp_path / ".~lock.report.docx#")
    before = target.read_bytes()
    (problem,) = raised(lambda: write_files({target: b"built"}))
    assert problem.code == "O546"
    assert target.read_bytes() == before


@pytest.fixture
def immutable() -> Iterator[Callable[[Path], None]]:
    """Make a file one the system refuses to replace, as Windows refuses to replace a file Word
    holds open (``chattr +i``: root, on a file system that has the flag); undone after."""
    made: list[Path] = []

    def make(path: Path) -> None:
        if os.geteuid() != 0 or shutil.which("chattr") is None:
            pytest.skip("making a file immutable needs root and chattr")
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
        if done.returncode != 0:
            pytest.skip(f"this file system has no immutable files: {done.stderr.decode()}")
        made.append(path)

    yield make
    for path in made:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_a_file_the_system_refuses_to_replace_is_said_to_be_in_use(
    report: Path, tmp_path: Path, immutable: Callable[[Path], None]
) -> None:
    target = tmp_path / "out" / "report.docx"
    target.parent.mkdir()
    assert run("build", report, "-o", target).exit_code == 0
    before = target.read_bytes()
    immutable(target)
    result = run("build", report, "-o", target)
    assert result.exit_code == 2
    assert f"{target}: error O547: this file could not be replaced: a program has it open" in (
        result.output
    )
    assert "fix: close the file wherever it is open, then build again" in result.output
    assert "ask for permission" not in result.output
    assert target.read_bytes() == before
    assert left_in(target.parent) == ["report.docx"]
