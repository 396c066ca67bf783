"""Problems found in a report, each with its place and a fix, and the one error that carries them.

Every stage (load, validate, resolve, render) collects :class:`Problem` values instead of
raising at the first one; when a stage is done it raises a single :class:`ReportError` holding
all of them. The CLI prints them and exits with code 2.

Problem codes are stable so users and tests can match on them:

- ``Y1xx`` reading YAML: syntax, duplicate keys, refused tags, nesting past 64 levels (Y105),
  characters no document holds (Y107), aliases repeating too much (Y108), an input that is a
  folder (Y109), a pipe or device (Y110) or over 10 MB (Y111); a ``--boilerplate`` folder that
  is missing (Y120) or a file (Y121)
- ``S2xx`` the report's shape: missing, unknown or mistyped fields, impossible dates, text
  holding a character no font prints (S204: private use, noncharacters)
- ``R3xx`` resolving: labels, cross-references and template text
- ``T4xx`` templates and boilerplate the report depends on; T405 to T419: a ``--template``
  that is not a usable Word document (a folder, empty, password-protected, an old .doc, not a
  zip, too large, damaged, broken XML, macro-enabled) or that carries what would fetch or run
  something when the report is opened (outside links, objects, altChunk, DDE), and bad fields
- ``O5xx`` output files (O530 to O532: ``reportgen new`` refusing to replace a file, a bad
  date, a missing template; O540 to O545: an output path that is not a regular file, changed
  during the build, under a file, in a folder that cannot be written, too long, or a write that
  failed, such as a full disk; O546 a file open in LibreOffice or Word, O547 one the system
  would not let reportgen replace; O509 a command line ``check --format json`` cannot read;
  O519 a warning that a PDF appendix of a pack holds form fields)
- ``F6xx`` figures and typed tables: amounts that are not numbers (F600), stated totals that
  differ from computed ones (F601), rows of the wrong length (F602), unknown column keys (F603),
  tables (F604) and figures (F605) or circles of them, the pay scale (F606), expressions (F607),
  duplicate keys and labels (F608), and cells or columns that say two things at once (F609)
- ``C8xx`` readiness, found by ``reportgen check``: a required comment missing (C801), a
  comment dated after the meeting (C802), a signed comment stale since the report changed
  (C803; C801 and C803 are also what ``reportgen pack`` refuses),
  no recommendations (C804), money typed in prose that no figure has (C805), a background
  paper without an address (C806); ``reportgen sign`` finding no comment file (C808) or one it
  cannot sign so that it reads back (C809); a file in REPORT.comments/ that is not read as
  its name does not end in .yaml (C810, a warning)
- ``M7xx`` meetings: a report whose agenda item number is not its place (M701), an exempt item
  without a public title (M702), a missing appendix file (M703), two sets of minutes for one
  meeting (M705), unknown standard notes (M706), a report or minutes file that is not there
  (M708), an appendix that is not the PDF or Word file its name says (M709)
- ``X900`` an internal error (a bug in reportgen), as ``check --format json`` prints it
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

PathPart = str | int
"""One step in a YAML path: a mapping key or a sequence index."""

YamlPath = tuple[PathPart, ...]
"""Where a value sits in a YAML document, from the root, e.g. ``("information", 3, "text")``."""


def format_path(path: YamlPath) -> str:
    """Write a YAML path the way a reader types it: ``information[3].text``."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out or "(top level)"


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a source file: 1-based line and column, and the YAML path found there."""

    file: str
    """The file as the user named it."""
    line: int = 0
    """1-based line; 0 when the problem concerns the whole file."""
    column: int = 0
    """1-based column; 0 when unknown."""
    path: YamlPath = ()
    """The YAML path of the value, empty for the whole document."""

    def __str__(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"


Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input, said so the author can fix it."""

    code: str
    """Stable identifier, e.g. ``R301``."""
    message: str
    """What is wrong, in one sentence."""
    where: Location
    """Where it is wrong."""
    hint: str = ""
    """What to do about it."""
    severity: Severity = "error"
    """``error`` stops a build (or, in ``check``, makes a report not ready); ``warning`` is
    printed for the author to look at."""

    def render(self) -> str:
        """The problem as the CLI prints it: place, severity, code, message, path and fix."""
        lines = [f"{self.where}: {self.severity} {self.code}: {self.message}"]
        if self.where.path:
            lines.append(f"    at: {format_path(self.where.path)}")
        if self.hint:
            lines.append(f"    fix: {self.hint}")
        return "\n".join(lines)


@dataclass
class ReportError(Exception):
    """Raised once a stage has found problems; carries every one of them."""

    problems: Sequence[Problem] = field(default_factory=tuple)

    def __str__(self) -> str:
        return "\n".join(p.render() for p in self.problems)


class Problems:
    """A collector: stages add problems as they go and call :meth:`raise_if_any` at the end."""

    def __init__(self) -> None:
        self._items: list[Problem] = []

    def add(self, code: str, message: str, where: Location, hint: str = "") -> None:
        """Record one problem."""
        self._items.append(Problem(code, message, where, hint))

    def extend(self, problems: Iterable[Problem]) -> None:
        """Record problems found elsewhere."""
        self._items.extend(problems)

    def __bool__(self) -> bool:
        return bool(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def raise_if_any(self) -> None:
        """Raise one :class:`ReportError` with every problem recorded, sorted by place."""
        if self._items:
            ordered = sorted(
                self._items, key=lambda p: (p.where.file, p.where.line, p.where.column)
            )
            raise ReportError(tuple(ordered))
