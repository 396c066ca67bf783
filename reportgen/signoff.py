"""Write a reviewer's fingerprint into their comment file, leaving the rest of it as they wrote it.

``reportgen sign`` records what a comment reviewed as ``reviewed: "v1 p=… r=…"`` in
``REPORT.comments/KIND.yaml``. The file is the reviewer's: it may be a block mapping or a flow
mapping (``{initials: AB, date: 2021-07-14, body: [Fine.]}``), have comments, CRLF line endings
or no newline at the end, and an earlier ``reviewed:`` value in any style (plain, quoted,
wrapped over lines, a block scalar). So the file is not rewritten: it is composed with PyYAML,
whose nodes carry where they start and end, and only the span of the ``reviewed`` value is
replaced by the new value in double quotes. With no ``reviewed`` key, one is added in the
mapping's own style: a new line at the mapping's indentation after its last value (block), or
``, reviewed: "…"`` after its last value, before the closing brace (flow). Every other byte of
the file stays as it was.

The result is read back as a comment before anything is written; when it does not read as one,
or its ``reviewed`` is not the new fingerprint, :func:`signed_text` raises a problem (C809) at
the file and nothing is written.
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
    return ReportError((Problem("C809", message, Location(file, line, column), _FIX),))


def _last_end(node: yaml.Node) -> int:
    """Where the last value written inside ``node`` ends (comments and blank lines after it
    excluded): the end of its last scalar, or of the flow collection that closes it."""
    while isinstance(node, yaml.CollectionNode) and not node.flow_style and node.value:
        last = node.value[-1]
        node = last[1] if isinstance(last, tuple) else last
    return int(node.end_mark.index)


def _line_break(text: str) -> str:
    """The line break the file uses: CRLF when its first line ends so, else LF."""
    first = text.find("\n")
    return "\r\n" if first > 0 and text[first - 1] == "\r" else "\n"


def signed_text(text: str, fingerprint: str, file: str) -> str:
    """``text``, the comment file named ``file``, with ``reviewed`` set to ``fingerprint``.

    Raises :class:`ReportError` with one problem (C809) when the file is not a mapping that
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
        at = _last_end(root.value[-1][1])
        result = f"{text[:at]}, {REVIEWED}: {value}{text[at:]}"
    else:
        indent = " " * int(root.start_mark.column)
        at = _last_end(root.value[-1][1])
        while at > 0 and text[at - 1] in " \t\r\n":
            at -= 1
        newline = text.find("\n", at)
        at = len(text) if newline < 0 else newline - (newline > 0 and text[newline - 1] == "\r")
        result = f"{text[:at]}{_line_break(text)}{indent}{REVIEWED}: {value}{text[at:]}"
    try:
        comment = validate(load_text(result, file), Comment)
    except ReportError as exc:
        raise _problem(
            file, "the fingerprint could not be written so that the file still reads as a comment"
        ) from exc
    if comment.reviewed != fingerprint:
        raise _problem(file, "the fingerprint written would not read back as the one signed")
    return result
