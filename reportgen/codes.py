"""The registry of problem codes: reportgen/codes.yaml, read once when first needed.

Each code is declared there once, with its severity, a title, an explanation and the fix;
:class:`reportgen.errors.Problem` refuses a code that is not declared and takes its severity
from here, ``reportgen explain`` prints an entry, and the documentation site has a page for each.
"""

from __future__ import annotations

import difflib
import itertools
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from reportgen.errors import Severity


class UndeclaredCode(LookupError):
    """A problem code that reportgen/codes.yaml does not declare: a bug in reportgen."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One problem code as declared in the registry."""

    code: str
    title: str
    severity: Severity
    explanation: str
    fix: str
    retired: bool = False

    @property
    def group(self) -> str:
        """The title of the code's group, e.g. ``Reading YAML`` for a Y code."""
        return _registry().groups[self.code[0]]


@dataclass(frozen=True, slots=True)
class _Registry:
    entries: dict[str, Entry]
    groups: dict[str, str]
    words: dict[str, str]


@cache
def _registry() -> _Registry:
    import yaml

    text = resources.files("reportgen").joinpath("codes.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    entries = {
        str(code): Entry(
            code=str(code),
            title=str(body["title"]),
            severity=_severity(code, body["severity"]),
            explanation=str(body["explanation"]).strip(),
            fix=str(body["fix"]).strip(),
            retired=bool(body.get("retired", False)),
        )
        for code, body in data["codes"].items()
    }
    groups = {str(k): str(v) for k, v in data["groups"].items()}
    words = {str(k): str(v).strip() for k, v in data["words"].items()}
    return _Registry(entries, groups, words)


def _severity(code: str, value: object) -> Severity:
    if value == "error":
        return "error"
    if value == "warning":
        return "warning"
    raise UndeclaredCode(f"{code}: severity {value!r} is neither error nor warning")


def lookup(code: str) -> Entry:
    """The declared entry of ``code``; :class:`UndeclaredCode` if there is none."""
    try:
        return _registry().entries[code]
    except KeyError:
        raise UndeclaredCode(
            f"problem code {code!r} is not declared in reportgen/codes.yaml"
        ) from None


def entries() -> list[Entry]:
    """Every declared code, in the registry's order (by group, then number)."""
    return list(_registry().entries.values())


def groups() -> dict[str, str]:
    """The title of each group of codes, by its letter."""
    return dict(_registry().groups)


def words() -> dict[str, str]:
    """How an entry is worded by ``reportgen explain`` and the documentation pages."""
    return dict(_registry().words)


def nearest(code: str, n: int = 3) -> list[str]:
    """The declared codes most like ``code``, best first."""
    wanted = code.strip().upper()
    known = sorted(_registry().entries)
    close = difflib.get_close_matches(wanted, known, n=n, cutoff=0.5)
    if not close and wanted[:1]:
        close = [c for c in known if c[:2] == wanted[:2]][:n]
    return close


def explained(entry: Entry) -> str:
    """An entry as ``reportgen explain CODE`` prints it: title, severity, explanation, fix."""
    from reportgen.urls import code_url

    said = words()
    severity = said[entry.severity] + (f", {said['retired']}" if entry.retired else "")
    return "\n".join(
        [
            f"{entry.code}: {entry.title}",
            f"{said['severity']}: {severity}",
            "",
            entry.explanation,
            "",
            f"{said['fix']}: {entry.fix}",
            "",
            f"{said['docs']}: {code_url(entry.code)}",
        ]
    )


def listing() -> str:
    """Every code with its title, under its group, as ``reportgen explain`` prints them."""
    titles = groups()
    blocks = [
        "\n".join([titles[letter], *(f"  {e.code}  {e.title}" for e in group)])
        for letter, group in itertools.groupby(entries(), key=lambda e: e.code[0])
    ]
    return "\n\n".join(blocks)


def unknown(code: str) -> tuple[str, str]:
    """The message and the fix of the problem that ``code`` is not declared (O551)."""
    said = words()
    close = nearest(code)
    if not close:
        return said["unknown"].format(code=code), said["unknown_hint_none"]
    return said["unknown"].format(code=code), said["unknown_hint"].format(close=", ".join(close))
