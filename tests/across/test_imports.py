"""Each command imports only what it uses (issue 11): checked in a fresh interpreter, untimed.

A probe runs the real CLI in a subprocess and lists which of the heavy modules it loaded;
``-X importtime`` confirms the same for ``reportgen --help`` as Python reports it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent / "imports"
PLAIN = HERE / "plain.yaml"
"""A report without any inline Markdown."""
MARKED = HERE / "marked.yaml"
"""The same report with one bold word."""
QUOTING = HERE / "quoting.yaml"
"""The same report with one ``{{ ref() }}``."""

HEAVY = (
    "docx",
    "docxtpl",
    "docxcompose",
    "pydantic",
    "rich",
    "markdown_it",
    "lxml",
    "pikepdf",
    "typst",
    "fontTools",
)
WRITER = ("docx", "docxtpl", "docxcompose", "reportgen.writers.docx", "pikepdf")
NOT_IN_A_PLAIN_BUILD = (
    "jinja2",
    "markdown_it",
    "urllib.request",
    "http",
    "ssl",
    "xml.sax",
    "reportgen.meeting",
    "reportgen.meeting_of",
)
"""What building one report without braces or markup never imports. Not ``urllib`` or
``email``: pathlib imports ``urllib.parse``, and pydantic's plugin loader ``importlib.metadata``
and with it ``email``."""

PROBE = """\
import json, sys
from reportgen.cli import main
try:
    main(sys.argv[1:], prog_name="reportgen")
except SystemExit as exc:
    code = exc.code
else:
    code = 0
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def loaded(*args: str) -> tuple[object, set[str]]:
    """The exit code of ``reportgen ARGS`` and the top-level modules and packages it imported."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, check=True
    )
    found = json.loads(done.stdout.splitlines()[-1])
    modules = set(found["modules"])
    return found["code"], modules | {m.split(".")[0] for m in modules}


def test_help_imports_no_writer_no_pydantic_no_rich() -> None:
    code, modules = loaded("--help")
    assert code == 0
    assert sorted(modules & set(HEAVY)) == []


def test_help_importtime_names_none_of_them() -> None:
    """What ``python -X importtime`` lists for ``reportgen --help``: no heavy package."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "reportgen", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    imported = {
        line.split("|")[-1].strip().split(".")[0]
        for line in done.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "reportgen" in imported
    assert sorted(imported & set(HEAVY)) == []


@pytest.mark.parametrize("command", [["schema"], ["check", str(PLAIN)]])
def test_schema_and_check_never_load_the_word_writer(command: list[str]) -> None:
    _, modules = loaded(*command)
    assert sorted(modules & set(WRITER)) == []


def test_plain_text_never_loads_the_markdown_parser_jinja_the_web_or_meetings(
    tmp_path: Path,
) -> None:
    target = tmp_path / "plain.docx"
    code, modules = loaded("build", str(PLAIN), "-o", str(target))
    assert code == 0 and target.is_file()
    assert sorted(modules & set(NOT_IN_A_PLAIN_BUILD)) == []


def test_text_with_braces_loads_jinja_to_read_them(tmp_path: Path) -> None:
    target = tmp_path / "quoting.docx"
    code, modules = loaded("build", str(QUOTING), "-o", str(target))
    assert code == 0 and target.is_file()
    assert "jinja2" in modules
    assert sorted(modules & set(NOT_IN_A_PLAIN_BUILD) - {"jinja2"}) == []


def test_text_with_markup_loads_it(tmp_path: Path) -> None:
    target = tmp_path / "marked.docx"
    code, modules = loaded("build", str(MARKED), "-o", str(target))
    assert code == 0 and target.is_file()
    assert "markdown_it" in modules


def test_a_successful_build_prints_without_rich(tmp_path: Path) -> None:
    code, modules = loaded("build", str(PLAIN), "-o", str(tmp_path / "plain.docx"))
    assert code == 0
    assert "rich" not in modules


def test_problems_are_printed_with_rich(tmp_path: Path) -> None:
    code, modules = loaded("build", str(tmp_path / "missing.yaml"))
    assert code == 2
    assert "rich" in modules


@pytest.mark.parametrize("command", [["explain"], ["explain", "S203"], ["explain", "S2O3"]])
def test_explain_never_loads_pydantic_or_the_word_writer(command: list[str]) -> None:
    _, modules = loaded(*command)
    assert sorted(modules & {"pydantic", *WRITER}) == []
