"""``reportgen build --watch`` and :func:`reportgen.api.watch_build`: built once, then again on
each save of a file the build read, in one process; a save with problems prints them placed
and leaves the last good file as it was. The command is run as a process and its terminal read;
the Word file is read back."""

from __future__ import annotations

import re
import signal
import threading
from pathlib import Path

import docx

from reportgen import api
from tests.conftest import MINIMAL
from tests.test_preview import Command


class Watch(Command):
    """``reportgen build … --watch`` as a process."""

    COMMAND = ("build", "--watch")


def _text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_the_command_rebuilds_on_each_save_and_keeps_the_last_good_file(tmp_path: Path) -> None:
    report = tmp_path / "report.yaml"
    report.write_text(MINIMAL, encoding="utf-8")
    out = tmp_path / "report.docx"
    command = Watch(tmp_path, "report.yaml", "-o", "report.docx", "-v")
    try:
        first = command.until(r"^wrote report\.docx$")
        assert re.search(r"^\d\d:\d\d:\d\d built in \d+ ms: no problems$", first[0]), first  # -v
        assert "The information." in _text(out)
        report.write_text(MINIMAL.replace("The information.", "The new information."))
        again = command.until(r"^wrote report\.docx$")
        assert any("rebuilt after a change to report.yaml" in line for line in again), again
        assert "The new information." in _text(out)
        good = out.read_bytes()
        report.write_text(MINIMAL.replace("date: 2017-01-09", "date: 2017-02-30"))
        broken = command.until(r"watching for the next save")
        assert any(line.startswith("report.yaml:2:7: error S203: ") for line in broken), broken
        assert out.read_bytes() == good
        report.write_text(MINIMAL.replace("The information.", "The fixed information."))
        command.until(r"^wrote report\.docx$")
        assert "The fixed information." in _text(out)
    finally:
        assert command.stop(signal.SIGINT) == 0  # Ctrl-C is how a watch ends


def test_a_file_edited_since_it_was_built_is_kept_as_build_keeps_it(tmp_path: Path) -> None:
    report = tmp_path / "report.yaml"
    report.write_text(MINIMAL, encoding="utf-8")
    out = tmp_path / "report.docx"
    out.write_bytes(b"an officer's own file")
    command = Watch(tmp_path, "report.yaml", "-o", "report.docx")
    try:
        assert any(" O503: " in line for line in command.until(r"watching for the next save"))
        assert out.read_bytes() == b"an officer's own file"
    finally:
        assert command.stop() == 143  # SIGTERM, as every command


def test_only_the_report_whose_inputs_changed_is_rebuilt(tmp_path: Path) -> None:
    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
    first.write_text(MINIMAL, encoding="utf-8")
    second.write_text(MINIMAL, encoding="utf-8")
    stop = threading.Event()
    rounds = api.watch_build([first, second], out_dir=tmp_path / "out", stop=stop)
    try:
        built = next(rounds)
        assert built.reports == (first, second) and not built.problems
        assert [p.name for p in built.written] == ["first.docx", "second.docx"]
        second.write_text(MINIMAL.replace("The information.", "Second's news."))
        again = next(rounds)
        assert again.reports == (second,)
        assert again.changed == {second.resolve()}
        assert "Second's news." in _text(tmp_path / "out" / "second.docx")
        second.write_text("title: [")
        failed = next(rounds)
        assert failed.problems and not failed.written
        assert failed.problems[0].where.file == str(second)
        assert "Second's news." in _text(tmp_path / "out" / "second.docx")
    finally:
        rounds.close()
