"""Problems never show what the user did not write in that place (issue 16): a report or a
comment file that is a symbolic link to another file is not quoted as a whole, and no message
shows the resolver's placeholders or Python's reprs (tests/across/test_corpus.py checks every
case)."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from reportgen.cli import main
from tests.conftest import ROOT

SECRET = "token-8f3a1c: not for the report\nanother line of the file\n"
"""A file outside the report's folder, which the links point at."""


def _secret(tmp_path: Path) -> Path:
    target = tmp_path / "elsewhere" / "notes.txt"
    target.parent.mkdir()
    target.write_text(SECRET.replace(": ", " "), encoding="utf-8")  # text, not a mapping
    return target


def test_a_report_that_links_to_another_file_is_not_quoted(tmp_path: Path) -> None:
    report = tmp_path / "report.yaml"
    report.symlink_to(_secret(tmp_path))
    for args in (["check", str(report)], ["build", str(report), "-o", str(tmp_path / "r.docx")]):
        result = CliRunner().invoke(main, args)
        assert "S200: expected a mapping of fields, found text" in result.output, result.output
        assert "token" not in result.output and "another line" not in result.output


def test_a_comment_file_that_links_to_another_file_is_not_quoted(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "tests" / "check", tmp_path / "check")
    comment = tmp_path / "check" / "ready.comments" / "financial.yaml"
    comment.unlink()
    comment.symlink_to(_secret(tmp_path))
    result = CliRunner().invoke(main, ["check", str(tmp_path / "check" / "ready.yaml")])
    assert f"{comment}:1:1: error S200: expected a mapping of fields, found text" in result.output
    assert "token" not in result.output and "another line" not in result.output
