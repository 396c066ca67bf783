"""`reportgen check --format json` prints a JSON document on standard output on every path
(issue 16): a check that ran, one that could not run (exit 2: a missing file, a missing
boilerplate folder, a bad command line), a YAML error, a meeting file, and an internal error.

Each runs the real command in its own process and parses its standard output with json.loads.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from tests.conftest import ROOT
from tests.test_output_paths import run_apart

CHECK = ROOT / "tests" / "check"


def _json(*args: str | Path) -> tuple[int, list[dict[str, Any]], str]:
    done = run_apart("check", "--format", "json", *args)
    found = json.loads(done.stdout)
    assert isinstance(found, list)
    for problem in found:
        assert set(problem) == {
            "file", "line", "column", "path", "severity", "code", "message", "fix"
        }  # fmt: skip
    return done.returncode, found, done.stderr


def test_a_missing_file_is_json(tmp_path: Path) -> None:
    code, found, err = _json(tmp_path / "missing.yaml")
    assert code == 2
    assert [(p["code"], p["file"]) for p in found] == [("Y113", str(tmp_path / "missing.yaml"))]
    assert "Y113" in err  # the reason on standard error too, as for every command


def test_a_missing_boilerplate_folder_is_json(tmp_path: Path) -> None:
    code, found, _ = _json("--boilerplate", tmp_path / "none", CHECK / "ready.yaml")
    assert code == 2
    assert [p["code"] for p in found] == ["Y120"]


def test_a_bad_command_line_is_json() -> None:
    code, found, _ = _json("--no-such-option", CHECK / "ready.yaml")
    assert code == 2
    assert [p["code"] for p in found] == ["O509"]
    assert "--no-such-option" in found[0]["message"]


def test_a_yaml_error_is_json(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: [unclosed\n", encoding="utf-8")
    code, found, _ = _json(broken)
    assert code == 1
    assert [(p["code"], p["line"]) for p in found] == [("Y100", 1)]


def test_a_meeting_file_is_json() -> None:
    code, found, err = _json(CHECK / "stale" / "meeting.yaml")
    assert code == 1 and err == ""
    assert [p["code"] for p in found] == ["C803"]


def test_an_internal_error_is_json(tmp_path: Path) -> None:
    """A bug, made to happen by replacing the check with one that fails: what the command
    prints for it is the real command's."""
    program = (
        "import sys\n"
        "from reportgen import api, cli\n"
        "def broken(*args, **kwargs):\n"
        "    raise RuntimeError('a bug')\n"
        "api.check = broken\n"
        "sys.exit(cli.main(sys.argv[1:]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program, "check", "--format", "json", str(CHECK / "ready.yaml")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    [problem] = json.loads(done.stdout)
    assert problem["code"] == "X900"
    assert problem["message"] == "internal error: RuntimeError: a bug"
    assert "internal error: RuntimeError: a bug" in done.stderr
