"""Read YAML into plain data while remembering where every value came from.

The loader composes the YAML node graph with libyaml (``CSafeLoader``) and builds plain Python
data from it itself, so that:

- every scalar stays the string the author typed (``NO`` is not ``False``, ``02142`` is not
  ``1122``, ``2017-01-09`` is not a date yet); the typed model decides what a field means;
- an empty value (``key:``) is ``None``;
- a key given twice in one mapping is an error, not a silent overwrite;
- tags that would construct objects (``!!python/object``, ``!!binary``, ``!!set``…) are refused,
  and so are merge keys (``<<``), which hide where a value came from;
- every value's line and column are kept in :class:`Positions`, keyed by its YAML path, so later
  stages can say ``file:line:column`` for any problem;
- a syntax error that comes from one of YAML's common traps (text starting with ``*``, ``{``,
  ``[`` or a quote, text holding ``: ``, a tab in the indentation) says so, with the fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from reportgen.errors import Location, Problem, Problems, YamlPath

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_ALLOWED_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
_MERGE_TAG = "tag:yaml.org,2002:merge"
_NULL_TAG = "tag:yaml.org,2002:null"
_MAX_VALUES = 200_000
"""Aliases can multiply a small file into a huge one; past this many values we stop."""
_UNHOLDABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters XML 1.0 (and so Word and HTML) cannot hold, or that YAML refuses: C0 and C1
controls but tab, line feed, carriage return and NEL, lone surrogates, U+FFFE and U+FFFF."""


def _unholdable(char: str, where: Location) -> tuple[str, str, Location, str]:
    """The problem of a character no document can hold, at ``where``."""
    return (
        "Y107",
        f"the text holds U+{ord(char):04X}, a character no Word document or web page can hold",
        where,
        "delete it: such characters come in unseen when text is pasted from another program; "
        "for a line break inside a paragraph, end the line with two spaces",
    )


_MAX_DEPTH = 64
"""No report nests this deep; deeper is a mistake or an attack, and Python's stack is finite."""


@dataclass(frozen=True, slots=True)
class Mark:
    """A 1-based line and column in the source file."""

    line: int
    column: int


@dataclass
class Positions:
    """Where each value of one YAML file sits, by YAML path."""

    file: str
    """The file as the user named it."""
    values: dict[YamlPath, Mark] = field(default_factory=dict)
    """The start of each value."""
    keys: dict[YamlPath, Mark] = field(default_factory=dict)
    """The start of the key that introduces each mapping value."""
    mounted: dict[YamlPath, Positions] = field(default_factory=dict)
    """Other files whose values stand at a path of this one (a reviewer's comment file)."""

    def mount(self, at: YamlPath, other: Positions) -> None:
        """Let ``other``'s values answer for the paths under ``at``."""
        self.mounted[tuple(at)] = other

    def locate(self, path: YamlPath, *, key: bool = False) -> Location:
        """The nearest known place for ``path``: the value itself, or its closest ancestor.

        With ``key=True`` the key's position is preferred (for "unknown field" problems).
        A path under a mounted file is found in that file, with the full path kept.
        """
        for at, other in self.mounted.items():
            if tuple(path[: len(at)]) == at:
                found = other.locate(path[len(at) :], key=key)
                return Location(found.file, found.line, found.column, tuple(path))
        probe = tuple(path)
        while True:
            mark = (self.keys.get(probe) if key else None) or self.values.get(probe)
            if mark is not None or not probe:
                break
            probe = probe[:-1]
        if mark is None:
            return Location(self.file, 1, 1, tuple(path))
        return Location(self.file, mark.line, mark.column, tuple(path))


@dataclass(frozen=True, slots=True)
class Loaded:
    """One YAML file read: its plain data and where each value came from."""

    data: Any
    """Dicts, lists, strings and ``None`` only."""
    positions: Positions
    """Line and column of every value, by YAML path."""


def _mark(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


class _Builder:
    """Turns a composed node graph into plain data, recording positions and problems."""

    def __init__(self, positions: Positions, problems: Problems) -> None:
        self.positions = positions
        self.problems = problems
        self.count = 0
        self.open: set[int] = set()
        """The nodes being built, so an alias to one of them is caught."""

    def where(self, node: yaml.Node, path: YamlPath) -> Location:
        mark = _mark(node)
        return Location(self.positions.file, mark.line, mark.column, path)

    def refuse(self, node: yaml.Node, path: YamlPath, message: str, hint: str) -> _Refused:
        return _Refused(Problem("Y105", message, self.where(node, path), hint))

    def build(self, node: yaml.Node, path: YamlPath) -> Any:
        self.count += 1
        if self.count > _MAX_VALUES:
            raise self.refuse(
                node,
                path,
                f"the file expands to more than {_MAX_VALUES} values",
                "remove aliases (*name) that repeat large parts of the file",
            )
        if len(path) > _MAX_DEPTH:
            raise self.refuse(
                node, path, f"values are nested more than {_MAX_DEPTH} deep", "flatten the lists"
            )
        if id(node) in self.open:
            raise self.refuse(
                node,
                path,
                "an alias (*name) refers to a value that contains it",
                "write the value out instead of the alias",
            )
        self.positions.values.setdefault(path, _mark(node))
        self.open.add(id(node))
        try:
            return self.build_node(node, path)
        finally:
            self.open.discard(id(node))

    def build_node(self, node: yaml.Node, path: YamlPath) -> Any:
        if node.tag not in _ALLOWED_TAGS:
            self.problems.add(
                "Y102",
                f"the YAML tag {node.tag!r} is not allowed",
                self.where(node, path),
                "remove the tag: reportgen reads plain text, lists and mappings only; "
                "text that starts with '!' must be put in quotes",
            )
            return None
        if isinstance(node, yaml.MappingNode):
            return self.build_mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)
        if node.tag == _NULL_TAG and not node.style:
            return None
        found = _UNHOLDABLE.search(str(node.value))
        if found is not None:  # written as an escape, e.g. "\u001f" in double quotes
            self.problems.add(*_unholdable(found.group(), self.where(node, path)))
            return ""
        return str(node.value)

    def build_mapping(self, node: yaml.MappingNode, path: YamlPath) -> dict[str, Any]:
        out: dict[str, Any] = {}
        first_seen: dict[str, Mark] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                self.problems.add(
                    "Y102",
                    "merge keys (<<) are not allowed",
                    self.where(key_node, path),
                    "write the values out in full, so each one has one place",
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _ALLOWED_TAGS:
                self.problems.add(
                    "Y103",
                    "a mapping key must be plain text",
                    self.where(key_node, path),
                    "use a simple word as the key",
                )
                continue
            key = str(key_node.value)
            if key in first_seen:
                before = first_seen[key]
                self.problems.add(
                    "Y101",
                    f"the key {key!r} is given twice in one mapping "
                    f"(first at line {before.line}, column {before.column})",
                    self.where(key_node, (*path, key)),
                    "remove one of them or merge their values",
                )
                continue
            first_seen[key] = _mark(key_node)
            self.positions.keys[(*path, key)] = _mark(key_node)
            out[key] = self.build(value_node, (*path, key))
        return out


class _Refused(Exception):
    """Building stopped: the file cannot be read into data at all."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem


_PLAIN_KEY = re.compile(r"[A-Za-z0-9_][^:#]*?:(?: +|$)")
"""A simple key and its ':' at the start of a line's text, e.g. ``title: ``."""

_INDICATORS = {
    "&": "'&' (an anchor)",
    "!": "'!' (a tag)",
    "%": "'%' (a directive)",
    "@": "'@'",
    "`": "'`'",
    "|": "'|' (a block of text)",
    ">": "'>' (a folded block of text)",
}
"""Characters YAML reserves at the start of plain text, as a message names them."""


def _split_line(source: str) -> tuple[str, str]:
    """A line's indentation, '- ' markers and simple key, and the text that follows them."""
    prefix = re.match(r"[ \t]*(?:- +)*", source)
    start = prefix.end() if prefix else 0
    key = _PLAIN_KEY.match(source, start)
    if key is not None and key.end() < len(source):
        start = key.end()
    return source[:start], source[start:].rstrip()


def _quoted(text: str) -> str:
    """``text`` in double quotes (or single quotes when it holds a double quote)."""
    if '"' in text:
        return "'" + text.replace("'", "''") + "'"
    return f'"{text}"'


def _syntax_trap(text: str, line: int, column: int, what: str) -> tuple[int, str, str] | None:
    """A YAML syntax error explained as the common trap it comes from, if it is one.

    Looks at the source line at the error's mark: indentation with a tab, text starting with
    '*' (read as an alias), '{' or '[' (a mapping or list), a quote, or another reserved
    character, and text holding ': ' (read as a key). Returns the column to report, the
    message and the fix, or ``None`` when the line shows none of these.
    """
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return None
    source = lines[line - 1]
    indent = source[: len(source) - len(source.lstrip(" \t-"))]
    if "\t" in indent or "tab" in what:
        at = source.find("\t") + 1 or column
        return (
            at,
            "YAML syntax: a tab is used for indentation",
            "indent with spaces only, never tabs: replace the tab with spaces "
            "(set your editor to insert spaces for the Tab key)",
        )
    prefix, rest = _split_line(source)
    at = len(prefix) + 1
    if rest.startswith("*"):
        return (
            at,
            "YAML syntax: this text starts with '*', which YAML reads as an alias (*name)",
            f"a line that starts with '*' must be quoted: write it in quotes, e.g. {_quoted(rest)}",
        )
    if rest[:1] in ("{", "["):
        return (
            at,
            f"YAML syntax: this text starts with {rest[0]!r}, which YAML reads as the start of "
            + ("a mapping" if rest[0] == "{" else "a list"),
            f"if it is text, put it in quotes, e.g. {_quoted(rest)}; if it is a "
            + ("mapping, close it with '}'" if rest[0] == "{" else "list, close it with ']'"),
        )
    if rest[:1] in ("'", '"'):
        return (
            at,
            f"YAML syntax: this text starts with a quote ({rest[0]}), so it must end with one",
            f"put the whole text in quotes, e.g. {_quoted(rest)}, or rewrite it so it does not "
            "start with a quote",
        )
    if rest[:1] in _INDICATORS:
        return (
            at,
            f"YAML syntax: this text starts with {_INDICATORS[rest[0]]}, which YAML reserves",
            f"put the text in quotes, e.g. {_quoted(rest)}",
        )
    if "mapping values are not allowed" in what and (": " in rest or rest.endswith(":")):
        said = "holds ': '" if ": " in rest else "ends with ':'"
        return (
            column,
            f"YAML syntax: this text {said}, which YAML reads as a key and its value",
            "put the text in quotes, e.g. " + f"{prefix.strip()} {_quoted(rest)}".strip(),
        )
    return None


def load_text(text: str, file: str) -> Loaded:
    """Read YAML ``text`` (named ``file`` in messages) into plain data with positions.

    Raises :class:`reportgen.errors.ReportError` listing every problem found.
    """
    problems = Problems()
    positions = Positions(file)
    for match in _UNHOLDABLE.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        problems.add(*_unholdable(match.group(), Location(file, line, column)))
        if len(problems) >= 20:  # enough to see the pattern
            break
    problems.raise_if_any()
    try:
        node = yaml.compose(text, Loader=Loader)
    except RecursionError as exc:
        problems.add(
            "Y105", "values are nested too deeply to read", Location(file), "flatten the lists"
        )
        problems.raise_if_any()
        raise AssertionError("unreachable") from exc
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = exc.problem or exc.context or "the YAML could not be read"
        trap = _syntax_trap(text, line, column, what)
        if trap is not None:
            column, message, fix = trap
        else:
            message, fix = (
                f"YAML syntax: {what}",
                "check the indentation and quoting on this line and the one before it; "
                "text containing ': ' or starting with a quote, '*', '{' or '[' needs quotes",
            )
        problems.add("Y100", message, Location(file, line, column), fix)
        problems.raise_if_any()
        raise AssertionError("unreachable") from exc
    except yaml.YAMLError as exc:
        problems.add("Y100", f"YAML could not be read: {exc}", Location(file))
        problems.raise_if_any()
        raise AssertionError("unreachable") from exc
    if node is None:
        problems.add("Y104", "the file is empty", Location(file), "write the report's fields")
        problems.raise_if_any()
    assert node is not None
    builder = _Builder(positions, problems)
    try:
        data = builder.build(node, ())
    except _Refused as exc:
        problems.extend([exc.problem])
        data = None
    problems.raise_if_any()
    return Loaded(data, positions)


def load_file(path: Path) -> Loaded:
    """Read the YAML file at ``path``; see :func:`load_text`."""
    problems = Problems()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.add("Y106", "file not found", Location(str(path)), "check the file name")
    except UnicodeDecodeError as exc:
        problems.add(
            "Y106",
            f"the file is not UTF-8 text ({exc.reason} at byte {exc.start})",
            Location(str(path)),
            "save the file as UTF-8",
        )
    except OSError as exc:
        problems.add("Y106", f"the file cannot be read: {exc.strerror}", Location(str(path)))
    problems.raise_if_any()
    return load_text(text, str(path))
