"""Read YAML into plain data while remembering where every value came from.

The loader reads libyaml's parse events (``CSafeLoader``) one at a time and builds plain Python
data from them itself, without recursion, so that:

- every scalar stays the string the author typed (``NO`` is not ``False``, ``02142`` is not
  ``1122``, ``2017-01-09`` is not a date yet); the typed model decides what a field means;
- an empty value (``key:``) is ``None``;
- a key given twice in one mapping is an error, not a silent overwrite;
- tags that would construct objects (``!!python/object``, ``!!binary``, ``!!set``…) are refused,
  and so are merge keys (``<<``), which hide where a value came from;
- an anchor on plain text (``- &B text``) that no alias uses is refused (Y112): it is text
  starting with '&' that YAML would silently shorten; anchors on quoted text, lists and
  mappings stay;
- every value's line and column are kept in :class:`Positions`, keyed by its YAML path, so later
  stages can say ``file:line:column`` for any problem;
- nesting deeper than 64 levels (Y105), aliases (``*name``) repeating more than 10,000 values or
  a million characters (Y108) and more than 200,000 values in all (Y105) are refused at the
  place that passes the limit, before the work or the memory they would take; a run of
  brackets that libyaml itself stops (1,000 deep) is Y105 at the bracket that passes 64 too;
- every file is read by :func:`read_source`: a regular file of at most 10 MB in UTF-8; a folder
  (Y109), a pipe or device (Y110), a larger file (Y111) or other bytes (Y106) are refused at the
  path without reading on, and a path with no file (Y113) names the nearest file in its folder;
  inside :func:`reportgen.reads.recording` each path read (or looked for) is recorded, so a
  build knows its inputs;
- a line of plain text folded over lines that starts with '- ' is a list entry indented further
  than the one above, which YAML joins to its text (Y114, at its '-');
- a syntax error that comes from one of YAML's common traps (text starting with ``*``, ``{``,
  ``[`` or a quote, text holding ``: ``, a tab in the indentation) says so, with the fix.
"""

from __future__ import annotations

import copy
import difflib
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml

from reportgen.errors import (
    Location,
    Problem,
    Problems,
    YamlPath,
    quote,
    quotes_shortened,
    shorten,
)
from reportgen.reads import note_file

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_ALLOWED_TAGS = {
    "tag:yaml.org,2002:" + name
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}
_MERGE_TAG = "tag:yaml.org,2002:merge"
_NULL_TAG = "tag:yaml.org,2002:null"
_MAX_VALUES = 200_000
"""Aliases can multiply a small file into a huge one; past this many values we stop."""
_MAX_ALIASED = 10_000
"""The most values aliases (*name) may repeat in one file; a report repeats a few, if any."""
_MAX_ALIASED_CHARS = 1_000_000
"""The most characters of text aliases may repeat in one file."""
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
_TOO_DEEP = (f"values are nested more than {_MAX_DEPTH} deep", "flatten the lists")
"""The message and fix of nesting past :data:`_MAX_DEPTH` (Y105)."""


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

    supplied: dict[YamlPath, Positions] = field(default_factory=dict)
    """Other files that wrote the value at a path of this one, at the same path (the layers
    of a profile merged into one file's data); the longest path that leads to a value wins."""

    def mount(self, at: YamlPath, other: Positions) -> None:
        """Let ``other``'s values answer for the paths under ``at``."""
        self.mounted[tuple(at)] = other

    merged_at: dict[YamlPath, Positions] = field(default_factory=dict)
    """Mappings merged from several files, each located (itself, not what is under it) in the
    last file that wrote into it: a problem of the mapping as a whole is most likely in what
    that file changed."""

    def supply(self, at: YamlPath, other: Positions, *, merged: bool = False) -> None:
        """Say that the value at ``at``, and everything under it, was written in ``other`` at
        the same path (``()``: the whole file, unless a longer path says otherwise); with
        ``merged``, only the mapping at ``at`` itself, which ``other`` merged into."""
        (self.merged_at if merged else self.supplied)[tuple(at)] = other

    def locate(self, path: YamlPath, *, key: bool = False) -> Location:
        """The nearest known place for ``path``: the value itself, or its closest ancestor.

        With ``key=True`` the key's position is preferred (for "unknown field" problems).
        A path under a mounted file is found in that file, with the full path kept.
        """
        for at, other in self.mounted.items():
            if tuple(path[: len(at)]) == at:
                found = other.locate(path[len(at) :], key=key)
                return Location(found.file, found.line, found.column, tuple(path))
        if tuple(path) in self.merged_at:
            return self.merged_at[tuple(path)].locate(path, key=key)
        if self.supplied:
            writer = max(
                (at for at in self.supplied if tuple(path[: len(at)]) == at), key=len, default=None
            )
            if writer is not None:
                return self.supplied[writer].locate(path, key=key)
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


def _mark(event: yaml.Event) -> Mark:
    """Where ``event`` starts, 1-based."""
    start = event.start_mark
    return Mark(start.line + 1, start.column + 1) if start is not None else Mark(1, 1)


def _events(text: str) -> Iterator[yaml.Event]:
    """libyaml's parse events for ``text``, one at a time (its parser does not recurse)."""
    parser = Loader(text)
    try:
        while True:
            event = parser.get_event()
            yield event
            if isinstance(event, yaml.StreamEndEvent):
                return
    finally:
        parser.dispose()


def _composer_error(problem: str, event: yaml.Event) -> yaml.MarkedYAMLError:
    """A composing error at ``event``, read as YAML syntax like libyaml's own."""
    return yaml.composer.ComposerError(None, None, problem, cast("yaml.Mark", event.start_mark))


_NULL_PLAIN = re.compile(r"~|null|Null|NULL|")
"""Plain text YAML reads as nothing (the core schema's null)."""


@dataclass(slots=True)
class _Anchored:
    """A value given an anchor (``&name``), kept so its aliases can repeat it."""

    data: Any
    size: int
    """How many values it expands to, its aliases' values counted in full."""
    chars: int
    """How many characters of text it expands to."""
    height: int
    """How deep it nests below itself."""
    values: list[tuple[YamlPath, Mark]]
    """Where its values sit, by path relative to it."""
    keys: list[tuple[YamlPath, Mark]]
    """Where its keys sit, by path relative to it."""
    mark: Mark
    """Where the anchored value starts."""


@dataclass(slots=True)
class _Open:
    """A list or mapping being built."""

    data: list[Any] | dict[str, Any]
    path: YamlPath
    mark: Mark
    anchor: str | None
    tag_ok: bool
    """False when its tag is refused: it is built (to read past it) but counts as nothing."""
    size: int = 1
    chars: int = 0
    height: int = 0
    log_start: int = 0
    key: str | None = None
    """In a mapping, the key whose value comes next; None while a key is awaited."""
    skip_value: bool = False
    """In a mapping, whether the value that comes next belongs to a refused key."""
    refused: bool = False
    """Whether its own tag is refused: it stands as nothing in the data."""
    first_seen: dict[str, Mark] = field(default_factory=dict)


class _Builder:
    """Builds plain data from libyaml's parse events, one event at a time (no recursion).

    Building from events, not from a composed node graph, lets every limit apply before the
    work it bounds: the nesting depth is checked at the event that passes it (libyaml's
    composer recurses once a level, and crashes the process on a few hundred thousand '['),
    and an alias is weighed at its own place before its value is copied.
    """

    def __init__(self, positions: Positions, problems: Problems, text: str) -> None:
        self.positions = positions
        self.problems = problems
        self.text = text
        """The file's text, to read the lines a plain text is folded from."""
        self.count = 0
        """Values built so far, aliases counted in full."""
        self.aliased = 0
        """Values repeated by aliases so far."""
        self.aliased_chars = 0
        """Characters of text repeated by aliases so far."""
        self.anchors: dict[str, _Anchored] = {}
        self.unaliased: dict[str, Problem] = {}
        """Y112 for each anchor on plain text that no alias has used yet, by anchor name."""
        self.shadowed: list[Problem] = []
        """Y112 for anchors on plain text given again before any alias used them."""
        self.open_anchors: dict[str, Mark] = {}
        self.log: list[tuple[bool, YamlPath, Mark]] | None = None
        """While an anchored value is being built: every (is key, path, mark) recorded."""
        self.stack: list[_Open] = []

    def where(self, mark: Mark, path: YamlPath) -> Location:
        return Location(self.positions.file, mark.line, mark.column, path)

    def refuse(
        self, mark: Mark, path: YamlPath, message: str, hint: str, code: str = "Y105"
    ) -> _Refused:
        return _Refused(Problem(code, message, self.where(mark, path), hint))

    def record(self, path: YamlPath, mark: Mark, *, key: bool = False) -> None:
        """Remember where the value (or the key) at ``path`` starts; the first place wins."""
        if key:
            self.positions.keys[path] = mark
        else:
            self.positions.values.setdefault(path, mark)
        if self.log is not None:
            self.log.append((key, path, mark))

    def build(self, events: Iterator[yaml.Event]) -> tuple[bool, Any]:
        """The document's data, and whether the stream held a document at all."""
        result: Any = None
        found = False
        for event in events:
            if isinstance(event, yaml.DocumentStartEvent):
                if found:
                    raise _composer_error(
                        "the file holds a second document (after a '---' line); "
                        "a report is one document",
                        event,
                    )
                found = True
            elif isinstance(event, yaml.NodeEvent | yaml.CollectionEndEvent):
                if isinstance(event, yaml.AliasEvent):
                    self.unaliased.pop(str(event.anchor), None)
                elif isinstance(event, yaml.NodeEvent) and event.anchor in self.unaliased:
                    self.shadowed.append(self.unaliased.pop(event.anchor))
                done = self.event(event)
                if done is not _PENDING:
                    result = done
        self.problems.extend(
            sorted(
                [*self.shadowed, *self.unaliased.values()],
                key=lambda p: (p.where.line, p.where.column),
            )
        )
        return found, result

    def target(self) -> tuple[YamlPath, bool]:
        """The path of the value that starts next, and whether it is kept (not a key's)."""
        if not self.stack:
            return (), True
        top = self.stack[-1]
        if isinstance(top.data, list):
            return (*top.path, len(top.data)), top.tag_ok
        if top.key is None and not top.skip_value:
            return (*top.path, _KEY), False
        return (*top.path, top.key or ""), top.tag_ok and not top.skip_value

    def event(self, event: yaml.Event) -> Any:
        """Take one event; the document's data once its last event is taken."""
        mark = _mark(event)
        if isinstance(event, yaml.CollectionEndEvent):
            return self.close()
        path, kept = self.target()
        if len(path) > _MAX_DEPTH and not (
            path[-1] == _KEY and isinstance(event, yaml.ScalarEvent)
        ):
            raise self.refuse(mark, path, *_TOO_DEEP)
        if isinstance(event, yaml.AliasEvent):
            return self.alias(event, mark, path, kept)
        self.count += 1
        if self.count > _MAX_VALUES:
            raise self.refuse(
                mark,
                path,
                f"the file expands to more than {_MAX_VALUES} values",
                "remove aliases (*name) that repeat large parts of the file",
            )
        if isinstance(event, yaml.ScalarEvent):
            tag = event.tag
            plain = not event.style
            if tag in (None, "!") and plain and event.value == "<<":
                tag = _MERGE_TAG
            elif tag in (None, "!") and plain and _NULL_PLAIN.fullmatch(event.value):
                tag = _NULL_TAG
            tag_ok = tag is None or tag == "!" or tag in _ALLOWED_TAGS
            if tag_ok and tag == _NULL_TAG and plain:
                value: Any = None
            else:
                value = event.value
            return self.scalar(event, mark, path, kept, tag, tag_ok, value)
        assert isinstance(event, yaml.CollectionStartEvent)
        tag = event.tag
        tag_ok = tag is None or tag == "!" or tag in _ALLOWED_TAGS
        if kept:
            self.record(path, mark)
        if not tag_ok and kept:
            self.refuse_tag(tag, mark, path)
        if event.anchor is not None:
            self.open_anchors[event.anchor] = mark
            if self.log is None:
                self.log = []
        data: list[Any] | dict[str, Any] = [] if isinstance(event, yaml.SequenceStartEvent) else {}
        self.stack.append(
            _Open(
                data,
                path,
                mark,
                event.anchor,
                tag_ok and kept,
                log_start=len(self.log or ()),
                refused=kept and not tag_ok,
            )
        )
        return _PENDING

    def too_deep(self, text: str, start: int, end: int) -> int | None:
        """Where flow nesting in ``text[start:end]``, read on from the last value built, passes
        the limit: the index of the bracket that opens a value nested past it, or ``None``.

        libyaml scans ahead of the events it gives, and stops a deep run of '[' or '{' with a
        syntax error of its own (at 1,000 levels) before the level past the limit has reached
        :meth:`event`. Only brackets count, outside quoted text and comments, from the depth
        of the value that comes next; the text is the little libyaml scanned ahead.
        """
        depth = len(self.target()[0])
        for match in _FLOW_TEXT.finditer(text, start, end):
            if match.group("open"):
                if depth > _MAX_DEPTH:
                    return match.start()
                depth += 1
            elif match.group("close"):
                depth -= 1
        return None

    def refuse_tag(self, tag: str | None, mark: Mark, path: YamlPath) -> None:
        self.problems.add(
            "Y102",
            f"the YAML tag {quote(tag)} is not allowed",
            self.where(mark, path),
            "remove the tag: reportgen reads plain text, lists and mappings only; "
            "text that starts with '!' must be put in quotes",
        )

    def scalar(
        self,
        event: yaml.ScalarEvent,
        mark: Mark,
        path: YamlPath,
        kept: bool,
        tag: str | None,
        tag_ok: bool,
        value: Any,
    ) -> Any:
        if event.anchor is not None and not event.style:
            self.refuse_anchor(event, mark, path)
        top = self.stack[-1] if self.stack else None
        if (
            top is not None
            and isinstance(top.data, dict)
            and top.key is None
            and not top.skip_value
        ):
            self.key(top, mark, tag, tag_ok, event.value)
            return _PENDING
        if kept:
            self.record(path, mark)
            if not tag_ok:
                self.refuse_tag(tag, mark, path)
                value = None
            elif value is not None:
                found = _UNHOLDABLE.search(value)
                if found is not None:  # written as an escape, e.g. "\u001f" in double quotes
                    self.problems.add(*_unholdable(found.group(), self.where(mark, path)))
                    value = ""
                if not event.style:
                    self.folded_entry(event, path)
        size, chars = 1, len(event.value)
        if event.anchor is not None:
            self.anchors[event.anchor] = _Anchored(value, size, chars, 0, [], [], mark)
        return self.place(value, size, chars, 0)

    def folded_entry(self, event: yaml.ScalarEvent, path: YamlPath) -> None:
        """Y114 when a line of plain text folded over lines starts with '- ': a list entry
        indented further than the entry above, which YAML joins to that entry's text."""
        start, end = event.start_mark, event.end_mark
        if start is None or end is None or start.line == end.line:
            return
        lines = self.text[start.index : end.index].splitlines()
        for number, source in enumerate(lines[1:], start.line + 2):
            entry = _ENTRY.match(source)
            if entry is not None:
                self.problems.add(
                    "Y114",
                    "this line starts with '-' but is indented further than the text above it, "
                    "so YAML joined it to that text instead of making it a list entry",
                    self.where(Mark(number, entry.start(1) + 1), path),
                    _FOLDED_FIX[bool(path) and isinstance(path[-1], int)],
                )
                return

    def refuse_anchor(self, event: yaml.ScalarEvent, mark: Mark, path: YamlPath) -> None:
        """Y112, unless an alias uses it: an anchor on plain text is text starting with '&'.

        ``- &B text`` reads as the text ``text`` with the anchor ``B``: the '&B' an officer
        typed would vanish without a word. The problem waits in :attr:`unaliased` until the
        end of the file: an alias (``*B``) using the anchor shows it was written on purpose.
        Anchors on quoted text, lists and mappings are written on purpose and stay.
        """
        name = str(event.anchor)
        typed = f"&{name}" + (f" {event.value}" if event.value else "")
        anchor = quote(f"&{name}")
        self.unaliased[name] = Problem(
            "Y112",
            f"the text starting with {anchor} was read as a YAML anchor (&name), "
            f"which would leave {anchor} out of the text",
            self.where(mark, path[:-1] if path and path[-1] == _KEY else path),
            f"put the text in quotes, e.g. {_quoted(typed)}",
        )

    def key(self, top: _Open, mark: Mark, tag: str | None, tag_ok: bool, text: str) -> None:
        """Take the scalar ``text`` as the next key of the mapping ``top``."""
        if not top.tag_ok:
            top.key = text
            return
        if tag == _MERGE_TAG:
            self.problems.add(
                "Y102",
                "merge keys (<<) are not allowed",
                self.where(mark, top.path),
                "write the values out in full, so each one has one place",
            )
            top.skip_value = True
        elif not tag_ok:
            self.problems.add(
                "Y103",
                "a mapping key must be plain text",
                self.where(mark, top.path),
                "use a simple word as the key",
            )
            top.skip_value = True
        elif text in top.first_seen:
            before = top.first_seen[text]
            self.problems.add(
                "Y101",
                f"the key {quote(text)} is given twice in one mapping "
                f"(first at line {before.line}, column {before.column})",
                self.where(mark, (*top.path, text)),
                "remove one of them or merge their values",
            )
            top.skip_value = True
        else:
            top.first_seen[text] = mark
            top.key = text
            self.record((*top.path, text), mark, key=True)

    def place(self, value: Any, size: int, chars: int, height: int) -> Any:
        """Put a finished value into the list or mapping being built; the value at the top."""
        if not self.stack:
            return value
        top = self.stack[-1]
        top.size += size
        top.chars += chars
        top.height = max(top.height, height + 1)
        if isinstance(top.data, list):
            top.data.append(value)
        elif top.key is None and not top.skip_value:  # a key that is a list or mapping
            self.problems.add(
                "Y103",
                "a mapping key must be plain text",
                self.where(self.stack_mark_of_key, top.path),
                "use a simple word as the key",
            )
            top.skip_value = True
        elif top.skip_value:
            top.skip_value = False
        else:
            top.data[top.key or ""] = value
            top.key = None
        return _PENDING

    def close(self) -> Any:
        done = self.stack.pop()
        if done.anchor is not None:
            self.open_anchors.pop(done.anchor, None)
            log = self.log or []
            depth = len(done.path)
            values = [(p[depth:], m) for k, p, m in log[done.log_start :] if not k]
            keys = [(p[depth:], m) for k, p, m in log[done.log_start :] if k]
            self.anchors[done.anchor] = _Anchored(
                done.data, done.size, done.chars, done.height, values, keys, done.mark
            )
            if not self.open_anchors:
                self.log = None
        if self.stack:
            top = self.stack[-1]
            if isinstance(top.data, dict) and top.key is None and not top.skip_value:
                self.stack_mark_of_key = done.mark
        data = None if done.refused else done.data
        return self.place(data, done.size, done.chars, done.height)

    def alias(self, event: yaml.AliasEvent, mark: Mark, path: YamlPath, kept: bool) -> Any:
        name = str(event.anchor)
        if name in self.open_anchors:
            raise self.refuse(
                mark,
                path,
                "an alias (*name) refers to a value that contains it",
                "write the value out instead of the alias",
            )
        anchored = self.anchors.get(name)
        if anchored is None:
            raise _composer_error(f"found undefined alias {quote(name)}", event)
        self.aliased += anchored.size
        self.aliased_chars += anchored.chars
        if self.aliased > _MAX_ALIASED or self.aliased_chars > _MAX_ALIASED_CHARS:
            raise self.refuse(
                mark,
                path,
                "aliases (*name) repeat more than "
                + (
                    f"{_MAX_ALIASED} values"
                    if self.aliased > _MAX_ALIASED
                    else f"{_MAX_ALIASED_CHARS} characters of text"
                ),
                "write the repeated values out, or repeat less: an alias is for a small value "
                "used in a few places",
                code="Y108",
            )
        if len(path) + anchored.height > _MAX_DEPTH:
            raise self.refuse(mark, path, *_TOO_DEEP)
        self.count += anchored.size
        if self.count > _MAX_VALUES:
            raise self.refuse(
                mark,
                path,
                f"the file expands to more than {_MAX_VALUES} values",
                "remove aliases (*name) that repeat large parts of the file",
            )
        top = self.stack[-1] if self.stack else None
        if (
            top is not None
            and isinstance(top.data, dict)
            and top.key is None
            and not top.skip_value
        ):
            if not isinstance(anchored.data, str):
                self.stack_mark_of_key = mark
                return self.place(None, 0, 0, 0)
            self.key(top, mark, None, True, anchored.data)
            return _PENDING
        if kept:
            self.record(path, anchored.mark)
            for rel, at in anchored.values:
                self.record((*path, *rel), at)
            for rel, at in anchored.keys:
                self.record((*path, *rel), at, key=True)
        return self.place(
            copy.deepcopy(anchored.data), anchored.size, anchored.chars, anchored.height
        )

    stack_mark_of_key = Mark(1, 1)
    """Where the list or mapping used as a key last started (for its problem)."""


_FLOW_TEXT = re.compile(
    r"(?P<open>[\[{])|(?P<close>[\]}])"
    r"|(?<![^\s\[{,:?])(?:\"(?:[^\"\\]|\\.)*\"?|'(?:[^']|'')*'?)"
    r"|(?<!\S)#[^\r\n\x85\u2028\u2029]*",
    re.DOTALL,
)
"""A flow bracket, or what may hold one that is not: quoted text (closed or not), a comment."""

_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
"""A line break as YAML reads one."""


def _line_column(text: str, index: int) -> tuple[int, int]:
    """The 1-based line and column of ``text[index]``."""
    line, start = 1, 0
    for found in _BREAK.finditer(text, 0, index):
        line, start = line + 1, found.end()
    return line, index - start + 1


_FOLDED_FIX = {
    True: "for an entry of the same list, indent its '-' as far as the '-' above; for a bullet "
    "under the entry above, write that entry as '- text: …' with 'bullets:' under it, and this "
    "line under 'bullets:'",
    False: "for bullets under this text, write them under 'bullets:' beside its key; if the '-' "
    "is part of the text, put the whole text in quotes",
}
"""The fix of Y114 for a list entry folded into an entry above (True) or into a key's value."""

_ENTRY = re.compile(r"[ \t]*(-)(?:[ \t]|$)")
"""A line that starts as a list entry does: '-', then a space or the end of the line."""

_KEY = "(key)"
"""The path step of a key that is itself a list or mapping (refused, but read past)."""

_PENDING = object()
"""The document is not finished yet."""


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


def _split_line(source: str) -> tuple[str, str, str]:
    """A line's indentation, '- ' markers and simple key; the text that follows them; and the
    comment that ends the line (from the spaces before its '#'), empty when there is none."""
    prefix = re.match(r"[ \t]*(?:- +)*", source)
    start = prefix.end() if prefix else 0
    key = _PLAIN_KEY.match(source, start)
    if key is not None and key.end() < len(source):
        start = key.end()
    rest = source[start:].rstrip()
    skip = 0
    if rest[:1] in ("'", '"'):  # a '#' inside the quoted text that starts it is text
        skip = rest.find(rest[0], 1) + 1 or len(rest)
    comment = _COMMENT.search(rest, skip)
    if comment is None:
        return source[:start], rest, ""
    return source[:start], rest[: comment.start()], rest[comment.start() :]


_COMMENT = re.compile(r"[ \t]+#")
"""Where a comment starts at the end of a line: YAML reads ' #' as the start of one."""


def _quoted(text: str) -> str:
    """The user's ``text``, :func:`~reportgen.errors.shorten`-ed, in double quotes (or single
    quotes when it holds a double quote), as a fix shows what to type."""
    text = shorten(text)
    if '"' in text:
        return "'" + text.replace("'", "''") + "'"
    return f'"{text}"'


def _syntax_trap(text: str, line: int, column: int, what: str) -> tuple[int, str, str] | None:
    """A YAML syntax error explained as the common trap it comes from, if it is one.

    Looks at the source line at the error's mark: indentation with a tab, text starting with
    '*' (read as an alias), '{' or '[' (a mapping or list), a quote, or another reserved
    character, and text holding ': ' (read as a key). The text is the trap only when YAML
    stopped in or after it, not before it (at a key indented too far, say). Returns the
    column to report, the message and the fix, or ``None`` when the line shows none of these.
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
    prefix, rest, comment = _split_line(source)
    at = len(prefix) + 1
    if column < at:  # YAML stopped before the text (at a key, say): the text is not the trap
        rest = ""
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
            "put the text in quotes, e.g. "
            + f"{shorten(prefix.strip())} {_quoted(rest)}".strip()
            + shorten(comment),
        )
    return None


_FLOW = {"sequence": ("a list", "[", "]"), "mapping": ("a mapping", "{", "}")}
"""The flow collections, as a message names them: what it is, its opening and closing bracket."""

_ESCAPE = re.compile(r"\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|.?)")
"""A backslash escape in double quotes, with the hexadecimal digits of a character code."""


def _one_based(mark: Any) -> tuple[int, int]:
    """A PyYAML or libyaml mark as a 1-based line and column, (0, 0) when there is none."""
    return (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)


def _syntax_problem(
    text: str, exc: yaml.MarkedYAMLError, last: yaml.Event | None
) -> tuple[str, int, int, str, str]:
    """The code, place, message and fix for a YAML syntax error in ``text``.

    An item left open (a quote, '[' or '{' never closed) is placed where it opens, which
    PyYAML gives as the error's context mark, or, for a quote closed only by the next quote
    further down, where the last value read starts; the problem mark is where YAML gave up,
    often lines later. Otherwise the line at the problem mark is read for a common trap.
    """
    line, column = _one_based(exc.problem_mark)
    context_line, context_column = _one_based(exc.context_mark)
    what = exc.problem or exc.context or "the YAML could not be read"
    context = exc.context or ""
    lines = text.splitlines()
    opened = lines[context_line - 1] if 1 <= context_line <= len(lines) else ""
    if (
        isinstance(last, yaml.ScalarEvent)
        and last.style in ("'", '"')
        and last.start_mark is not None
        and last.end_mark is not None
        and last.start_mark.line < last.end_mark.line == line - 1
    ):
        quote = str(last.style)
        at_line, at_column = _one_based(last.start_mark)
        return (
            "Y100",
            at_line,
            at_column,
            f"YAML syntax: the text that starts with a quote ({quote}) here is not closed on "
            f"its line, so YAML read on to the next {quote} on line {line}",
            _close_quote(quote),
        )
    for kind, (name, opens, closes) in _FLOW.items():
        if f"flow {kind}" in context and line > context_line:
            message = (
                f"YAML syntax: {name} starts with {opens!r} here and is not closed with {closes!r}"
            )
            rest = opened[context_column:]
            comment = re.search(r"(?:^|[\s,])([^,\[\]{}]*?\s#[^,\]}]*)", rest)
            if comment is not None:
                item = comment.group(1).strip()
                return (
                    "Y100",
                    context_line,
                    context_column,
                    message + ": YAML reads ' #' as the start of a comment, so the rest of the "
                    f"line, with its {closes!r}, was left out",
                    f"put the text holding '#' in quotes, e.g. {_quoted(item)}",
                )
            return (
                "Y100",
                context_line,
                context_column,
                message,
                f"close it with {closes!r}; if this is text that starts with {opens!r}, "
                "put the whole text in quotes",
            )
    if "quoted scalar" in context and "escape" in what:
        return _bad_escape(lines, line, column, context_line, context_column)
    if "quoted scalar" in context and "end of stream" in what:
        quote = opened[context_column - 1 : context_column] or '"'
        return (
            "Y100",
            context_line,
            context_column,
            f"YAML syntax: the text that starts with a quote ({quote}) here is never closed",
            _close_quote(quote),
        )
    trap = _syntax_trap(text, line, column, what)
    if trap is not None:
        column, message, fix = trap
        return "Y100", line, column, message, fix
    if "expected key" in what and line > context_line and column > context_column:
        return (
            "Y100",
            line,
            column,
            "YAML syntax: this line is indented further than the keys above it (of the "
            f"mapping that starts on line {context_line})",
            f"indent it as far as line {context_line}; if it belongs under the key on the line "
            "before it, end that key with ':' and nothing after it",
        )
    return (
        "Y100",
        line,
        column,
        f"YAML syntax: {quotes_shortened(what)}",
        "check the indentation and quoting on this line and the one before it; "
        "text containing ': ' or starting with a quote, '*', '{' or '[' needs quotes",
    )


def _close_quote(quote: str) -> str:
    """The fix for text in ``quote`` quotes that is not closed."""
    inside = "write it twice ('')" if quote == "'" else 'write it as \\"'
    return (
        f"end the text with {quote} on the line where it ends; a {quote} inside the text: "
        f"{inside}, or put the whole text in the other quotes"
    )


def _bad_escape(
    lines: list[str], line: int, column: int, context_line: int, context_column: int
) -> tuple[str, int, int, str, str]:
    """The problem of an escape in double quotes that YAML refuses, at the error's mark.

    A lone surrogate (``\\uD800``) is a character no document can hold (Y107, at the text like
    any escape of such a character); any other is not an escape YAML knows (Y100).
    """
    source = lines[line - 1] if 1 <= line <= len(lines) else ""
    found = None
    for match in _ESCAPE.finditer(source):
        if match.start() < column <= match.end() + 1:
            found = match
    if found is not None:
        digits = next((group for group in found.groups() if group), None)
        code = int(digits, 16) if digits else None
        if code is not None and 0xD800 <= code <= 0xDFFF:
            where = Location("", context_line, context_column)
            _code, message, _where, fix = _unholdable(chr(code), where)
            return "Y107", context_line, context_column, message, fix
        return (
            "Y100",
            line,
            found.start() + 1,
            f"YAML syntax: '{found.group()}' in double quotes is not an escape YAML knows",
            "in double quotes a backslash starts an escape: write \\\\ for a backslash, or put "
            "the text in single quotes",
        )
    return (
        "Y100",
        line,
        column,
        "YAML syntax: an escape in double quotes that YAML does not know",
        "in double quotes a backslash starts an escape: write \\\\ for a backslash, or put the "
        "text in single quotes",
    )


def _deep_problem(
    text: str, exc: yaml.MarkedYAMLError, builder: _Builder, last: yaml.Event | None
) -> Problem | None:
    """Y105 where nesting passes the limit before the place of a syntax error, if it does.

    Whatever libyaml says of a run of brackets (it stops one 1,000 deep with a syntax error,
    older versions and the pure-Python parser do not), nesting past the limit is Y105 at the
    bracket that passes it: the text between the last value built and the error is read for it.
    """
    mark = exc.problem_mark
    if mark is None:
        return None
    start = last.end_mark.index if last is not None and last.end_mark is not None else 0
    index = builder.too_deep(text, start, mark.index + 1)
    if index is None:
        return None
    line, column = _line_column(text, index)
    where = Mark(line, column)
    return builder.refuse(where, builder.target()[0], *_TOO_DEEP).problem


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
    builder = _Builder(positions, problems, text)
    last: list[yaml.Event] = []
    """The last event read, to place an error that follows a quote never closed on its line."""

    def tracked() -> Iterator[yaml.Event]:
        for event in _events(text):
            last[:] = [event]
            yield event

    try:
        found, data = builder.build(tracked())
    except _Refused as exc:
        problems.extend([exc.problem])
        problems.raise_if_any()
        raise AssertionError("unreachable") from exc
    except yaml.MarkedYAMLError as exc:
        deep = _deep_problem(text, exc, builder, last[0] if last else None)
        if deep is not None:
            problems.extend([deep])
            problems.raise_if_any()
        code, line, column, message, fix = _syntax_problem(text, exc, last[0] if last else None)
        problems.add(code, message, Location(file, line, column), fix)
        problems.raise_if_any()
        raise AssertionError("unreachable") from exc
    except yaml.YAMLError as exc:
        problems.add(
            "Y100", f"YAML could not be read: {quotes_shortened(str(exc))}", Location(file)
        )
        problems.raise_if_any()
        raise AssertionError("unreachable") from exc
    if not found:
        problems.add("Y104", "the file is empty", Location(file), "write the report's fields")
    problems.raise_if_any()
    return Loaded(data, positions)


MAX_BYTES = 10_000_000
"""The largest YAML file read: far above any report (the longest example is 66 kB), and small
enough that reading it cannot exhaust memory."""


def read_source(path: Path) -> str:
    """The text of the YAML file at ``path``, read safely whatever the path turns out to be.

    Every YAML file reportgen reads comes through here. The path must be a regular file (not a
    folder, a pipe that would wait for a writer forever, or a device such as ``/dev/zero`` that
    never ends) of at most :data:`MAX_BYTES`, in UTF-8; at most ``MAX_BYTES + 1`` bytes are read
    whatever it claims.
    Raises :class:`ReportError` with one problem at the path otherwise.
    """
    where = Location(str(path))
    problems = Problems()
    try:
        data = _read_bytes(path)
    except _Unreadable as exc:
        problems.add(exc.code, exc.message, where, exc.fix)
        problems.raise_if_any()
        raise AssertionError("unreachable") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        problems.add(
            "Y106",
            f"the file is not UTF-8 text ({exc.reason} at byte {exc.start}, line {line})",
            where,
            "save the file as UTF-8 (in most editors: Save As, then choose the UTF-8 encoding)",
        )
        problems.raise_if_any()
        raise AssertionError("unreachable") from exc


class _Unreadable(Exception):
    """A path that cannot be read as a YAML file: its code, message and fix."""

    def __init__(self, code: str, message: str, fix: str) -> None:
        super().__init__(message)
        self.code, self.message, self.fix = code, message, fix


def file_kind(mode: int) -> str | None:
    """What a path that is not a regular file is, or ``None`` when it is one."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def _read_bytes(path: Path) -> bytes:
    """At most ``MAX_BYTES`` bytes of the regular file ``path``; :class:`_Unreadable` if not."""
    note_file(path)
    try:
        before = os.stat(path)
    except FileNotFoundError as exc:
        missing = no_such_file(path)
        raise _Unreadable(missing.code, missing.message, missing.hint) from exc
    except OSError as exc:
        raise _Unreadable("Y106", f"the file cannot be read: {exc.strerror}", _ACCESS) from exc
    _check_kind(before.st_mode, before.st_size)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:  # non-blocking: a path swapped for a pipe since the stat cannot make open() wait
        fd = os.open(path, flags)
    except OSError as exc:
        raise _Unreadable("Y106", f"the file cannot be read: {exc.strerror}", _ACCESS) from exc
    try:
        opened = os.fstat(fd)
        _check_kind(opened.st_mode, opened.st_size)
        chunks: list[bytes] = []
        left = MAX_BYTES + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise _Unreadable("Y106", f"the file cannot be read: {exc.strerror}", _ACCESS) from exc
    finally:
        os.close(fd)
    if left <= 0:
        _check_kind(stat.S_IFREG, MAX_BYTES + 1)
    return b"".join(chunks)


_ACCESS = "check that the file exists and that you may read it"

_MAX_NAMES = 10_000
"""The most names of a folder read for the one nearest a missing file's."""


def no_such_file(path: Path) -> Problem:
    """The problem (Y113) of a path where there is no file, naming the nearest file there is.

    The name is compared (with difflib) with the files in the folder it names, so a slip of
    the keyboard (``reprot.yaml``) gets "did you mean 'report.yaml'?".
    """
    folder = path.parent
    try:
        with os.scandir(folder) as entries:
            names = [entry.name for _, entry in zip(range(_MAX_NAMES), entries, strict=False)]
    except OSError:
        message = f"no such file: the folder {quote(folder.name)} is not there either"
        fix = "check the path, which is relative to the folder the command runs in"
    else:
        close = difflib.get_close_matches(path.name, names, n=1)
        message = "no such file"
        fix = (
            f"did you mean {quote(close[0])}?"
            if close
            else "check the file name: its folder holds no file with a name like it"
        )
    return Problem("Y113", message, Location(str(path)), fix)


def _check_kind(mode: int, size: int) -> None:
    """Refuse what is not a regular file of at most ``MAX_BYTES``."""
    kind = file_kind(mode)
    if kind == "a folder":
        raise _Unreadable(
            "Y109",
            "this is a folder, not a YAML file",
            "give the path of the YAML file itself, not of the folder it is in",
        )
    if kind is not None:
        raise _Unreadable(
            "Y110",
            f"this is {kind}, not a YAML file: reading it could wait or go on forever",
            "give the path of a YAML file saved on disk",
        )
    if size > MAX_BYTES:
        raise _Unreadable(
            "Y111",
            f"the file is larger than {MAX_BYTES // 1_000_000} MB, far larger than any report",
            "check that this is the right file: a report of a hundred pages is under 1 MB; "
            "put long text in appendix files rather than in the YAML",
        )


def load_file(path: Path) -> Loaded:
    """Read the YAML file at ``path`` (see :func:`read_source`, :func:`load_text`)."""
    return load_text(read_source(path), str(path))
