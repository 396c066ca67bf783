"""Write a reviewer's fingerprint into their comment file, leaving the rest of it as they wrote it.

``reportgen sign`` records what a comment reviewed as ``reviewed: "v1 p=… r=…"`` in
``REPORT.comments/KIND.yaml``. The file is the reviewer's: it may be a block mapping or a flow
mapping (``{initials: AB, date: 2021-07-14, body: [Fine.]}``), have comments, CRLF line endings
or no newline at the end, and an earlier ``reviewed:`` value in any style (plain, quoted,
wrapped over lines, a block scalar). So the file is not rewritten: it is composed with PyYAML,
whose nodes carry where they start and end, and only the span of the ``reviewed`` value is
replaced by the new value in double quotes. With no ``reviewed`` key, one is added in the
mapping's own style: a new line at the mapping's indentation after its last value (block; the
first line when the file ends in a block scalar with no line break, which a key after it would
change), or ``, reviewed: "…"`` after its last value, before the closing brace (flow). Every
other byte of the file stays as it was.

The result is read back before anything is written; when it does not read as a comment, its
``reviewed`` is not the new fingerprint, or anything else in it reads differently than before,
:func:`signed_text` raises a problem (C811) at the file and nothing is written.
"""

from __future__ import annotations

import json

import yaml

from reportgen.errors import Location, Problem, ReportError
from reportgen.load import load_text

REVIEWED = "reviewed"
"""The key of the fingerprint in a comment file."""

_FIX = (
    "sign again after checking that the comment file reads as a mapping of its fields "
    f'(initials, date, body); or write the line {REVIEWED}: "…" yourself'
)


def _problem(file: str, message: str, line: int = 0, column: int = 0) -> ReportError:
    return ReportError((Problem("C811", message, Location(file, line, column), _FIX),))


def _last(node: yaml.Node) -> yaml.Node:
    """The last value written inside ``node``: its last scalar, or the flow collection that
    closes it (a block collection's end would take in the comments and blank lines after it)."""
    while isinstance(node, yaml.CollectionNode) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    return node


def _line_break(text: str) -> str:
    """The line break the file uses: CRLF when its first line ends so, else LF."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def signed_text(text: str, fingerprint: str, file: str) -> str:
    """``text``, the comment file named ``file``, with ``reviewed`` set to ``fingerprint``.

    Raises :class:`ReportError` with one problem (C811) when the file is not a mapping that
    can be signed so, or when the result would not read back as a comment with that
    fingerprint.
    """
    from reportgen.model import Comment
    from reportgen.validate import validate

    value = json.dumps(fingerprint, ensure_ascii=False)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        raise _problem(file, "the comment file could not be read to sign it", line, column) from exc
    except yaml.YAMLError as exc:
        raise _problem(file, "the comment file could not be read to sign it") from exc
    if not isinstance(root, yaml.MappingNode) or not root.value:
        raise _problem(file, "the comment file is not a mapping of fields, so it cannot be signed")
    existing = [v for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == REVIEWED]
    if existing:
        node = existing[-1]
        start, end = int(node.start_mark.index), int(node.end_mark.index)
        while end > start and text[end - 1] in " \t\r\n":  # a block scalar's closing lines
            end -= 1
        if start == end and start > 0 and text[start - 1] not in " \t":
            value = " " + value  # 'reviewed:' with nothing after it
        result = text[:start] + value + text[end:]
    elif root.flow_style:
        at = int(_last(root.value[-1][1]).end_mark.index)
        result = f"{text[:at]}, {REVIEWED}: {value}{text[at:]}"
    else:
        entry = f"{' ' * int(root.start_mark.column)}{REVIEWED}: {value}"
        newline = _line_break(text)
        last = _last(root.value[-1][1])
        at = int(last.end_mark.index)
        if isinstance(last, yaml.ScalarNode) and last.style in ("|", ">"):
            # a block scalar ends at the start of the line after it, its blank lines taken in
            # (a '|+' keeps them): the new line goes there
            if at < len(text) or text.endswith("\n"):
                result = f"{text[:at]}{entry}{newline}{text[at:]}"
            else:  # the file ends in it, without a line break: the new key goes first
                first = int(root.start_mark.index)
                indent = " " * int(root.start_mark.column)
                result = f"{text[:first]}{REVIEWED}: {value}{newline}{indent}{text[first:]}"
        else:  # at the end of the line where the last value ends, after any comment on it
            end = text.find("\n", at)
            at = len(text) if end < 0 else end - (end > 0 and text[end - 1] == "\r")
            result = f"{text[:at]}{newline}{entry}{text[at:]}"
    try:
        loaded = load_text(result, file)
        comment = validate(loaded, Comment)
        before = load_text(text, file).data
    except ReportError as exc:
        raise _problem(
            file, "the fingerprint could not be written so that the file still reads as a comment"
        ) from exc
    if comment.reviewed != fingerprint:
        raise _problem(file, "the fingerprint written would not read back as the one signed")
    if _without_reviewed(loaded.data) != _without_reviewed(before):
        raise _problem(file, "writing the fingerprint would change the comment itself")
    return result


def _without_reviewed(data: object) -> object:
    """A comment file's data without its fingerprint: what signing must leave as it was."""
    if isinstance(data, dict):
        return {key: value for key, value in data.items() if key != REVIEWED}
    return data
