"""The corpus of bad inputs (issue 10): every case ends in its problems, placed, exit code 2.

Each case under tests/across/corpus/CLASS/ is a report file ``NAME.yaml``, or a folder
``NAME/`` whose main file is ``meeting.yaml`` (when there is one) or ``report.yaml``, beside
the other files it needs (comment files, a pay scale, appendices). The main file starts with a
header of comment lines, the first of them an expectation:

- ``# expect: CODE at LINE:COL`` (or ``at FILE:LINE:COL``, FILE relative to the case folder, for
  a problem in another file; ``at 0:0`` for the whole file), optionally followed by
  ``: words of the message``; every expected problem must be printed at its place;
- ``# expect-literal: TEXT``: a good input, which builds, and whose Word text holds TEXT as
  written (markup that must never be read as markup);
- ``# command: build`` (the default), ``check`` or ``pack``;
- ``# xfail: REASON``: a known bug, the case stating the right expectation;
- ``# why: WORDS``: what the case is about.

Each case runs the real command in-process with click's CliRunner and must end with exit code 2
(``check``: 1), each expected problem printed as ``FILE:LINE:COL: error CODE``, no traceback,
and nothing written: no output file, and no file changed beside the case. No problem quotes more
than one line of the case's own text, of at most 60 characters: no printed line holds 61
characters in a row of any line of the case's files, nor any of a line holding ``SECONDLINE``
(the second line of a text, in tests/across/corpus/long-text/).
No problem it prints
shows reportgen's own workings (issue 16): a private-use character (the resolver's placeholders),
a Python repr (``<bound method …>``, ``… object at 0x…``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from reportgen.cli import main
from reportgen.errors import QUOTED_LENGTH

CORPUS = Path(__file__).resolve().parent / "corpus"
"""The cases, one folder a class of problem."""

MINIMUM_CASES = 120
"""Issue 10 asks for at least a hundred; the corpus keeps more."""

_KEYS = ("expect", "expect-literal", "command", "xfail", "why")
_HEADER_LINE = re.compile(r"^# (?P<key>[a-z-]+): (?P<value>.+)$")
_EXPECT = re.compile(
    r"^(?P<code>[YSRTOFMCW]\d{3}) at (?:(?P<file>[^\s:]+):)?(?P<line>\d+):(?P<column>\d+)"
    r"(?:: (?P<words>.+))?$"
)
_COMMANDS = {"build": 2, "check": 1, "pack": 2}
"""Each command the corpus runs, with the exit code a case must end in."""


@dataclass(frozen=True)
class Expected:
    """One problem a case must print: its code, file (relative to the case folder), place."""

    code: str
    file: str | None
    line: int
    column: int
    words: str | None


@dataclass
class Case:
    """One case of the corpus: its main file and what its header says."""

    main: Path
    header: list[tuple[str, str]] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The case as the test names it: CLASS/NAME."""
        top = self.main if self.main.parent.parent == CORPUS else self.main.parent
        return top.relative_to(CORPUS).with_suffix("").as_posix()

    def values(self, key: str) -> list[str]:
        """Every value the header gives ``key``."""
        return [value for k, value in self.header if k == key]

    @property
    def command(self) -> str:
        """The command the case runs."""
        given = self.values("command")
        return given[0] if given else "build"

    @property
    def expected(self) -> list[Expected]:
        """The problems the case must print."""
        out = []
        for value in self.values("expect"):
            found = _EXPECT.match(value)
            assert found, f"{self.name}: bad expect line {value!r}"
            out.append(
                Expected(
                    found["code"],
                    found["file"],
                    int(found["line"]),
                    int(found["column"]),
                    found["words"],
                )
            )
        return out


def _main_file(folder: Path) -> Path:
    """The file a folder case runs: its meeting.yaml, else its report.yaml."""
    for name in ("meeting.yaml", "report.yaml"):
        if (folder / name).is_file():
            return folder / name
    raise AssertionError(f"{folder} has no meeting.yaml or report.yaml")


def _read_header(main: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """The leading comment lines of ``main`` and the (key, value) pairs they hold."""
    text = main.read_bytes().decode("utf-8", errors="replace").lstrip("\ufeff")
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line)
    pairs = []
    for line in lines:
        found = _HEADER_LINE.match(line)
        if found:
            pairs.append((found["key"], found["value"].strip()))
    return lines, pairs


def discover() -> list[Case]:
    """Every case of the corpus, sorted by class and name."""
    cases = []
    for group in sorted(p for p in CORPUS.iterdir() if p.is_dir()):
        for entry in sorted(group.iterdir()):
            if entry.is_dir():
                main = _main_file(entry)
            elif entry.suffix == ".yaml":
                main = entry
            else:
                continue
            cases.append(Case(main, _read_header(main)[1]))
    return cases


CASES = discover()


def _param(case: Case) -> object:
    """The case as a pytest parameter, marked as a known bug when its header says so."""
    marks = [pytest.mark.xfail(reason=r, strict=True) for r in case.values("xfail")]
    return pytest.param(case, id=case.name, marks=marks)


BAD = [_param(c) for c in CASES if c.values("expect")]
LITERAL = [_param(c) for c in CASES if c.values("expect-literal")]


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under ``folder``, with its size and modification time."""
    return {
        str(p.relative_to(folder)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _run(case: Case, out: Path) -> tuple[int, str]:
    """Run the case's command as a user would, writing (if at all) into the folder ``out``."""
    main_file = str(case.main)
    out.mkdir(parents=True, exist_ok=True)
    args = {
        "build": ["build", main_file, "-o", str(out / "out.docx")],
        "check": ["check", main_file],
        "pack": ["pack", main_file, "-o", str(out)],
    }[case.command]
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.output


_INTERNAL = re.compile(r"[\ue000-\uf8ff]|<bound method|object at 0x")
"""What no message may show: the resolver's placeholders, Python's reprs of its values."""


def internal_values(output: str) -> list[str]:
    """The lines of ``output`` that show something of reportgen's own workings."""
    return [line for line in output.splitlines() if _INTERNAL.search(line)]


@pytest.mark.parametrize("case", BAD)
def test_bad_input_ends_in_its_problems_at_their_places(case: Case, tmp_path: Path) -> None:
    """Exit code 2 (check: 1), every expected problem at its place, no traceback, no file."""
    folder = case.main.parent
    before = _snapshot(folder)
    out = tmp_path / "out"
    code, output = _run(case, out)
    assert "Traceback" not in output, output
    assert internal_values(output) == [], output
    assert code == _COMMANDS[case.command], output
    for want in case.expected:
        file = case.main if want.file is None else folder / want.file
        place = str(file) if want.line == 0 else f"{file}:{want.line}:{want.column}"
        pattern = re.escape(place) + r": (?:error|warning) " + want.code + r": (?P<words>.*)"
        found = [m["words"] for m in re.finditer(pattern, output)]
        assert found, f"expected {want.code} at {place}:\n{output}"
        if want.words is not None:
            assert any(want.words in words for words in found), output
    assert not any(out.iterdir()), "a failed command wrote a file"
    assert _snapshot(folder) == before, "a failed command changed a file beside its input"
    _assert_quotes_one_short_line(case, output)


def _assert_quotes_one_short_line(case: Case, output: str) -> None:
    """No printed line holds more than QUOTED_LENGTH characters of a line of the case's files,
    nor any text from a line marked SECONDLINE (a text's second line, never quoted)."""
    files = [case.main] if case.main.parent.parent == CORPUS else case.main.parent.rglob("*.yaml")
    for file in files:
        for line in file.read_text(encoding="utf-8", errors="replace").splitlines():
            if "SECONDLINE" in line:
                assert "SECONDLINE" not in output, output
            for start in range(len(line) - QUOTED_LENGTH):
                run = line[start : start + QUOTED_LENGTH + 1]
                assert run not in output, f"{file} is quoted past {QUOTED_LENGTH}:\n{output}"


def _docx_text(path: Path) -> str:
    """Every paragraph's text in the Word file, tables included, a line each."""
    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


@pytest.mark.parametrize("case", LITERAL)
def test_markup_in_text_is_printed_literally(case: Case, tmp_path: Path) -> None:
    """Text that looks like HTML, Word XML or template syntax builds, and reads as typed."""
    out = tmp_path / "out"
    code, output = _run(case, out)
    assert code == 0, output
    text = _docx_text(out / "out.docx")
    for literal in case.values("expect-literal"):
        assert literal in text, f"{literal!r} is not in the built report:\n{text}"


def test_the_corpus_has_enough_cases() -> None:
    """At least 120 bad inputs, besides the literal ones."""
    assert len(BAD) >= MINIMUM_CASES, len(BAD)
    assert LITERAL


@pytest.mark.parametrize("case", [pytest.param(c, id=c.name) for c in CASES])
def test_every_case_header_is_well_formed(case: Case) -> None:
    """The first line states the expectation; every header line is a known key, well written."""
    lines, pairs = _read_header(case.main)
    assert lines, f"{case.name} has no header"
    first = _HEADER_LINE.match(lines[0])
    assert first and first["key"] in ("expect", "expect-literal"), lines[0]
    for line in lines:
        found = _HEADER_LINE.match(line)
        assert found and found["key"] in _KEYS, f"{case.name}: unknown header line {line!r}"
    assert bool(case.values("expect")) != bool(case.values("expect-literal")), case.name
    assert case.command in _COMMANDS, case.command
    assert case.command == "build" or not case.values("expect-literal")
    for want in case.expected:
        if want.file is not None:
            assert (case.main.parent / want.file).is_file(), want.file
    assert len(pairs) == len(lines)
