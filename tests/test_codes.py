"""The registry of problem codes (reportgen/codes.yaml) and ``reportgen explain``.

Every code the source reports is declared, every declared code is reported somewhere (or
retired) and raised by some test, a problem takes its severity from its code, and ``reportgen
explain`` prints an entry, lists them all, or says that a code is unknown with the nearest ones,
as a user runs it.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen import codes
from reportgen.errors import Location, Problem, Problems
from reportgen.urls import code_url
from tests.conftest import ROOT

SOURCE = ROOT / "reportgen"
LITERAL = re.compile(r"""(?<![\w.])[rbu]?["']([YSRTOFMCWX]\d{3})["']""")
"""A code written as a string literal: ``"S203"``."""
BUILT = re.compile(r"""\bf["'][YSRTOFMCWX]\d{0,2}\{""")
"""A code built in an f-string, ``f"S2{n:02}"``, which no scan could check."""


def _sources() -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in sorted(SOURCE.rglob("*.py"))}


def used() -> set[str]:
    """Every code written in reportgen's source."""
    return {code for text in _sources().values() for code in LITERAL.findall(text)}


def test_the_scan_finds_the_codes_of_the_source() -> None:
    found = used()
    assert {"Y100", "S203", "R300", "T419", "O545", "F609", "M709", "C806", "O551"} <= found
    assert len(found) > 100


def test_no_code_is_built_in_an_f_string() -> None:
    built = [
        f"{p.relative_to(ROOT)}: {m.group()}"
        for p, t in _sources().items()
        for m in BUILT.finditer(t)
    ]
    assert built == []


def test_every_code_in_the_source_is_declared() -> None:
    declared = {e.code for e in codes.entries()}
    assert sorted(used() - declared) == []


def test_the_corpus_expects_declared_codes_only() -> None:
    """Each bad input of tests/across/corpus names the code it must give
    (``# expect: S203 at 6:7``)."""
    expected = {
        code
        for path in (ROOT / "tests" / "across" / "corpus").rglob("*")
        if path.is_file()
        for code in re.findall(r"expect: ([A-Z]\d{3})", path.read_text(errors="replace"))
    }
    assert expected
    assert sorted(expected - {e.code for e in codes.entries()}) == []


def test_every_declared_code_is_used_or_retired() -> None:
    live = {e.code for e in codes.entries() if not e.retired}
    assert sorted(live - used()) == []


TESTS = ROOT / "tests"
WORD = re.compile(r"\b([YSRTOFMCWX]\d{3})\b")
"""A code as a word of a text: ``S203`` alone, or in ``error S203: …``."""
PRINTED = re.compile(r"\b(?:error|warning) ([YSRTOFMCWX]\d{3})\b")
"""A code as a problem prints it: ``error O551``."""
EXPECTING = (TESTS / "across" / "corpus", TESTS / "resolve" / "figures" / "errors")
"""The fixtures whose ``# expect: CODE …`` lines say what a test must raise (read by
tests/across/test_corpus.py and tests/resolve/test_figure_problems.py)."""


def _standing(tree: ast.Module) -> set[int]:
    """The ids of the strings that stand as statements: docstrings, and those under a constant."""
    return {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }


def _texts(path: Path) -> list[str]:
    """Every string a test module writes (f-strings' own parts too), docstrings aside."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _standing(tree)
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
    ]


def expected_by_tests() -> set[str]:
    """Every code some test expects reportgen to raise.

    The rule: a code counts when it is written in a string of a test module under tests/ (the
    code a problem must have, ``"S203"``, or the problem as printed, ``"error S203: …"``), or
    in an ``# expect: CODE`` line of a fixture that a test reads so (a tests/across/corpus case, a
    file of tests/resolve/figures/errors/). Docstrings (a module's, a function's, a
    constant's) and comments do not count.
    Of tests/test_codes.py only printed problems (``error O551``) count: its other strings name
    codes to check the registry by (the scan's sample, the warnings), not outcomes.
    """
    found: set[str] = set()
    for path in sorted(TESTS.rglob("*.py")):
        own = path == Path(__file__).resolve()
        for text in _texts(path):
            found.update((PRINTED if own else WORD).findall(text))
    for folder in EXPECTING:
        for path in folder.rglob("*"):
            if path.is_file():
                text = path.read_text(errors="replace")
                found.update(re.findall(r"^# expect: ([A-Z]\d{3})", text, re.MULTILINE))
    return found


UNTRIGGERABLE = {
    "M707": (
        "the pack's front sheet is made again until its length stops changing, four passes at "
        "most; the first prints the widest page ranges (999 - 999), so from then on it can only "
        "shrink, and four shrinks in a row need a front sheet of five pages or more in which each "
        "one-page shift carries a range across a power of ten and a line across a page break "
        "(over 999 pages, the same with growing): a layout no test can count on LibreOffice "
        "to produce"
    ),
}
"""The codes no test can make reportgen raise from real input, each with the reason."""


def test_every_declared_code_is_raised_by_some_test() -> None:
    """Issue 17: a code registered but raised by no test fails (the rule: expected_by_tests)."""
    live = {e.code for e in codes.entries() if not e.retired}
    assert sorted(live - expected_by_tests() - UNTRIGGERABLE.keys()) == []


def test_a_code_excused_from_a_test_is_live_and_untested() -> None:
    """A code leaves UNTRIGGERABLE as soon as a test raises it, or it is retired."""
    live = {e.code for e in codes.entries() if not e.retired}
    assert UNTRIGGERABLE.keys() <= live
    assert sorted(UNTRIGGERABLE.keys() & expected_by_tests()) == []


def test_every_entry_is_complete_and_in_order() -> None:
    entries = codes.entries()
    letters = list(codes.groups())
    assert [e.code for e in entries] == sorted(
        (e.code for e in entries), key=lambda c: (letters.index(c[0]), c)
    )
    for entry in entries:
        assert re.fullmatch(r"[YSRTOFMCWX]\d{3}", entry.code)
        assert entry.title and not entry.title.endswith(".")
        assert entry.explanation.endswith((".", ")")), entry.code
        assert entry.fix.endswith((".", ")", "`")), entry.code
        assert entry.group


def test_the_warnings_are_the_readiness_findings_that_do_not_stop_a_pack() -> None:
    warnings = {e.code for e in codes.entries() if e.severity == "warning"}
    # and short notice (M722), which check reports and a pack is not stopped by
    assert warnings == {"C805", "C806", "C810", "C820", "M722"}


def test_a_problem_takes_its_severity_from_its_code() -> None:
    where = Location("report.yaml", 3, 1)
    assert Problem("C805", "typed money", where).severity == "warning"
    assert Problem("C804", "no recommendation", where, severity="warning").severity == "error"
    assert Problem("C804", "no recommendation", where).as_warning().severity == "warning"


@pytest.mark.parametrize("make", [Problem, lambda *a: Problems().add(*a)])
def test_an_undeclared_code_is_refused(make: object) -> None:
    with pytest.raises(codes.UndeclaredCode, match="X999"):
        make("X999", "a problem", Location("report.yaml"))  # type: ignore[operator]


def reportgen(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reportgen", *args], capture_output=True, text=True, check=False
    )


def test_explain_prints_the_entry() -> None:
    done = reportgen("explain", "S203")
    assert done.returncode == 0, done.stderr
    entry = codes.lookup("S203")
    lines = done.stdout.splitlines()
    assert lines[0] == f"S203: {entry.title}"
    assert lines[1] == "severity: error"
    assert entry.explanation in done.stdout
    assert f"fix: {entry.fix}" in done.stdout
    assert lines[-1].endswith(code_url("S203"))


def test_explain_says_a_warning_is_one() -> None:
    done = reportgen("explain", "c805")
    assert done.returncode == 0
    assert done.stdout.splitlines()[:2] == [
        f"C805: {codes.lookup('C805').title}",
        "severity: warning",
    ]


def test_explain_with_no_code_lists_every_code() -> None:
    done = reportgen("explain")
    assert done.returncode == 0
    listed = re.findall(r"^  ([A-Z]\d{3})  (.+)$", done.stdout, re.MULTILINE)
    assert listed == [(e.code, e.title) for e in codes.entries()]
    for title in codes.groups().values():
        assert f"\n{title}\n" in f"\n{done.stdout}"


def test_an_unknown_code_is_a_problem_with_the_nearest_codes() -> None:
    done = reportgen("explain", "S2O3")
    assert done.returncode == 2
    assert done.stdout == ""
    assert "error O551: there is no problem code 'S2O3'" in done.stderr
    assert "did you mean S203" in done.stderr
    assert "Traceback" not in done.stderr


def test_help_says_where_the_documentation_is() -> None:
    from reportgen.urls import DOCS_URL

    done = reportgen("--help")
    assert DOCS_URL in done.stdout
    assert "explain" in done.stdout
