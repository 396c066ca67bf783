"""Inputs past every limit end in a problem at a place, run as a user runs the command.

Each test runs ``reportgen build`` in a child process (a crash, a hang or running out of memory
must show as a failed test, not take the test run with it): deep nesting, aliases repeating a
list, paths that are not regular files, and Markdown nested thousands deep or holding thousands
of links. Fixtures are in tests/across/limits/; inputs whose point is their size are written here.
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from reportgen.cli import main
from reportgen.load import MAX_BYTES
from tests.conftest import MINIMAL, position

LIMITS = Path(__file__).resolve().parent / "limits"

_RUN = """\
import resource, sys
limit = int(sys.argv[1])
if limit:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
from reportgen.cli import main
sys.argv = ["reportgen", *sys.argv[2:]]
main()
"""
"""The command in a child process, its address space capped when a limit is given."""


def build(source: Path | str, out: Path, *, memory: int = 0) -> tuple[int, str]:
    """Run ``reportgen build SOURCE -o OUT`` in a child process: its exit code and output.

    ``memory`` caps the child's address space in bytes (0: no cap). The timeout only turns a
    hang into a failure; no test depends on how fast anything is.
    """
    done = subprocess.run(
        [sys.executable, "-c", _RUN, str(memory), "build", str(source), "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return done.returncode, done.stdout + done.stderr


def assert_problem(code: int, output: str, place: str, problem: str, out: Path) -> None:
    """The build ended with exit 2 and ``problem`` at ``place``, no traceback, nothing written."""
    assert code == 2, output
    assert f"{place}: error {problem}" in output, output
    assert "fix: " in output
    assert "Traceback" not in output and "internal error" not in output
    assert not out.exists()


def test_flow_nesting_hundreds_of_thousands_deep_is_a_problem_not_a_crash(
    tmp_path: Path,
) -> None:
    source = tmp_path / "report.yaml"
    source.write_text("title: " + "[" * 300_000 + "\n", encoding="utf-8")
    out = tmp_path / "out.docx"
    code, output = build(source, out)
    # The title's list starts at column 8; its 65th level is at column 72.
    assert_problem(code, output, f"{source}:1:72", "Y105: values are nested more than 64", out)


def test_block_nesting_past_the_limit_is_a_problem_at_its_line(tmp_path: Path) -> None:
    source = LIMITS / "deep-block.yaml"
    line, column = position(source.read_text(encoding="utf-8"), "level64:")
    out = tmp_path / "out.docx"
    code, output = build(source, out)
    assert_problem(code, output, f"{source}:{line}:{column}", "Y105", out)


def test_aliases_repeating_a_list_are_refused_at_the_alias_in_little_memory(
    tmp_path: Path,
) -> None:
    source = LIMITS / "alias-bullets.yaml"
    # The anchored list is 401 values: the 25th alias passes the budget of 10,000.
    line, column = position(source.read_text(encoding="utf-8"), "*bullets", 25)
    out = tmp_path / "out.docx"
    code, output = build(source, out, memory=512 << 20)
    assert_problem(code, output, f"{source}:{line}:{column}", "Y108: aliases (*name)", out)
    assert "repeat more than 10000 values" in output


def test_a_few_aliases_still_build(tmp_path: Path) -> None:
    source = tmp_path / "report.yaml"
    source.write_text(
        MINIMAL.replace("  - To seek approval.", "  - &approval To seek approval.").replace(
            "  - The information.", "  - The information.\n  - *approval"
        ),
        encoding="utf-8",
    )
    out = tmp_path / "out.docx"
    code, output = build(source, out)
    assert code == 0, output
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert texts.count("To seek approval.") == 2


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    return path


def _folder(tmp_path: Path) -> Path:
    path = tmp_path / "folder.yaml"
    path.mkdir()
    return path


def _huge(tmp_path: Path) -> Path:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:  # sparse: no disk is used
        handle.truncate(MAX_BYTES + 1)
    return path


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (_fifo, "Y110: this is a pipe (FIFO), not a YAML file"),
        (lambda _: Path("/dev/zero"), "Y110: this is a device, not a YAML file"),
        (_folder, "Y109: this is a folder, not a YAML file"),
        (_huge, "Y111: the file is larger than 10 MB"),
        (lambda _: LIMITS / "latin1.yaml", "Y106: the file is not UTF-8 text"),
        (lambda tmp: tmp / "missing.yaml", "Y113: no such file"),
    ],
    ids=["fifo", "dev-zero", "folder", "huge", "latin1", "missing"],
)
def test_a_path_that_is_not_a_readable_yaml_file_is_a_problem_at_the_path(
    tmp_path: Path, make: object, problem: str
) -> None:
    assert callable(make)
    source = make(tmp_path)
    out = tmp_path / "out.docx"
    code, output = build(source, out)
    assert_problem(code, output, str(source), problem, out)


def test_a_comment_file_that_is_a_pipe_is_a_problem_at_its_path(tmp_path: Path) -> None:
    source = tmp_path / "report.yaml"
    source.write_text(MINIMAL, encoding="utf-8")
    comments = tmp_path / "report.comments"
    comments.mkdir()
    os.mkfifo(comments / "finance.yaml")
    out = tmp_path / "out.docx"
    code, output = build(source, out)
    assert_problem(code, output, str(comments / "finance.yaml"), "Y110", out)


def test_emphasis_nested_thousands_deep_is_printed_as_emphasis(tmp_path: Path) -> None:
    out = tmp_path / "out.docx"
    code, output = build(LIMITS / "emphasis-deep.yaml", out)
    assert code == 0, output
    runs = {
        run.text: (bool(run.bold), bool(run.italic))
        for paragraph in docx.Document(str(out)).paragraphs
        for run in paragraph.runs
    }
    assert runs["deep"] == (True, False)  # 5,000 stars: bold 2,500 times over
    assert runs["mixed"][1]  # Markdown pairs the marks its own way; the middle is italic


def test_thousands_of_links_in_one_text_are_each_written_once(tmp_path: Path) -> None:
    source = tmp_path / "report.yaml"
    links = " ".join(f"[page {n}](https://example.org/{n})" for n in range(10_000))
    source.write_text(
        MINIMAL.replace("  - The information.", f'  - "{links} [again](https://example.org/7)"'),
        encoding="utf-8",
    )
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(main, ["build", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as package:
        rels = package.read("word/_rels/document.xml.rels").decode()
        body = package.read("word/document.xml").decode()
    assert rels.count('TargetMode="External"') == 10_000
    assert rels.count('Target="https://example.org/7"') == 1
    assert body.count("<w:hyperlink ") == 10_001


def test_check_says_what_a_path_that_is_not_a_file_is(tmp_path: Path) -> None:
    pipe, folder = _fifo(tmp_path), _folder(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", _RUN, "0", "check", str(pipe), str(folder)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    output = done.stdout + done.stderr
    assert f"{pipe}: error Y110" in output and f"{folder}: error Y109" in output, output
    assert "Traceback" not in output


def test_a_new_report_template_that_is_not_utf8_is_a_problem(tmp_path: Path) -> None:
    target = tmp_path / "new.yaml"
    result = CliRunner().invoke(
        main, ["new", str(target), "--template", str(LIMITS / "latin1.yaml")]
    )
    assert result.exit_code == 2, result.output
    assert f"{LIMITS / 'latin1.yaml'}: error Y106: the file is not UTF-8 text" in result.output
    assert not target.exists()


_MACROS = "".join(
    f"{{% macro m{i}() %}}" + ("{{ m" + str(i + 1) + "() }}") * 2 + "{% endmacro %}"
    for i in range(40)
)
_COSTLY_TEXTS = {
    "format-string": "{{ '%.999999999f' % 1.0 }}",
    "doubling-sets": "{% set a = 'ab' %}" + "{% set a = a ~ a %}" * 64 + "{{ a }}",
    "nested-macros": _MACROS + "{{ m0() }}",
    "repeat": "{{ 'ab' * 999999999 }}",
}
"""Texts that, run as templates, took minutes or gigabytes (issue 16)."""


@pytest.mark.parametrize("name", sorted(_COSTLY_TEXTS))
def test_text_that_would_run_for_minutes_is_refused_under_a_memory_cap(
    name: str, tmp_path: Path
) -> None:
    text = _COSTLY_TEXTS[name].replace("'", "''")
    report = MINIMAL.replace("  - The information.\n", f"  - '{text}'\n")
    source = tmp_path / "report.yaml"
    source.write_text(report, encoding="utf-8")
    out = tmp_path / "out.docx"
    code, output = build(source, out, memory=1 << 30)
    line, column = position(report, f"'{text[:20]}")
    assert_problem(code, output, f"{source}:{line}:{column}", "R308", out)
