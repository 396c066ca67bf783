"""Problems found in a report, each with its place and a fix, and the one error that carries them.

Every stage (load, validate, resolve, render) collects :class:`Problem` values instead of
raising at the first one; when a stage is done it raises a single :class:`ReportError` holding
all of them. The CLI prints them and exits with code 2.

Problem codes are stable so users and tests can match on them: ``Y1xx`` reading YAML, ``S2xx``
the report's shape, ``R3xx`` references and labels, ``T4xx`` templates and boilerplate, ``O5xx``
output files and the command line, ``F6xx`` figures and tables, ``M7xx`` meetings, ``C8xx``
readiness. Each is declared once in reportgen/codes.yaml (:mod:`reportgen.codes`), with its
severity, a title, an explanation and the fix: a :class:`Problem` with an undeclared code is a
bug and raises :class:`reportgen.codes.UndeclaredCode`. ``reportgen explain CODE`` prints an
entry, and the documentation site has a page for each.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from pathlib import Path

    from reportgen.reads import Reads

PathPart = str | int
"""One step in a YAML path: a mapping key or a sequence index."""

YamlPath = tuple[PathPart, ...]
"""Where a value sits in a YAML document, from the root, e.g. ``("information", 3, "text")``."""


def format_path(path: YamlPath) -> str:
    """Write a YAML path the way a reader types it: ``information[3].text``; a key that is the
    user's text (a line YAML read as a key) is :func:`shorten`-ed."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            key = shorten(part)
            out += f".{key}" if out else key
    return out or "(top level)"


QUOTED_LENGTH = 60
"""The most characters of the user's own text that a message or a fix quotes."""


def shorten(text: str) -> str:
    """The user's ``text`` as a problem shows it: its first line, at most
    :data:`QUOTED_LENGTH` characters, ending with '…' when anything is left out.

    Every message and fix that quotes what the user wrote (a value, a key, a line of the file)
    quotes it through here, so that no problem prints a page of someone's text.
    """
    lines = text.splitlines() or [""]
    first, cut = lines[0], len(lines) > 1
    if len(first) > QUOTED_LENGTH:
        first, cut = first[: QUOTED_LENGTH - 1], True
    return first.rstrip() + "…" if cut else first


def quote(text: object) -> str:
    """The user's ``text``, :func:`shorten`-ed, in quotes as Python writes a string: ``'text'``;
    anything but text as Python writes it (``5``), shortened as well."""
    return repr(shorten(text)) if isinstance(text, str) else shorten(repr(text))


_QUOTED = re.compile(r"'([^'\n]*)'")
"""A text another program's message quotes, in single quotes."""


def quotes_shortened(message: str) -> str:
    """Another program's ``message`` (Jinja's, libyaml's), each text it quotes :func:`quote`-d:
    their messages quote what the user wrote (``'…' is undefined``) as they like."""
    return _QUOTED.sub(lambda found: quote(found.group(1)), message)


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
"""``error`` stops a build; ``warning`` is printed for the author to look at."""


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
    printed for the author to look at. Always the severity the code is declared with in
    reportgen/codes.yaml, whatever is passed; :meth:`as_warning` lowers it where a command
    says so (``check --draft``)."""

    def __post_init__(self) -> None:
        from reportgen.codes import lookup

        object.__setattr__(self, "severity", lookup(self.code).severity)

    def as_warning(self) -> Problem:
        """The same problem, shown as a warning: for what a command lets through."""
        from dataclasses import replace

        lowered = replace(self)
        object.__setattr__(lowered, "severity", "warning")
        return lowered

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
    reads: Reads | None = field(default=None, compare=False, repr=False)
    """What the build had read when it stopped, when it was recording
    (:func:`reportgen.api.load_source`): fixing one of these files may fix the build."""

    @property
    def dependencies(self) -> frozenset[Path]:
        """Every file and listed folder read before the problems stopped the build."""
        return self.reads.dependencies if self.reads is not None else frozenset()

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
