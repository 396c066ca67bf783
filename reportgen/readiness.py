"""Is a report ready for committee? The checks ``reportgen check`` makes beyond the build's own.

A report that builds can still not be ready: a required reviewer has not commented, a comment
is dated after the meeting or was written for an earlier version of the report, there is no
recommendation, money is typed into the text that no figure of the report has, or a background
paper cannot be traced. Each is a :class:`~reportgen.errors.Problem` with its place; errors make
the report not ready, warnings are for the author to look at.

A comment's fingerprint (``reviewed:``, written by ``reportgen sign``) is a short digest of
each numbered paragraph of the report, with what hangs under it (items, bullets, tables), and of
each recommendation, all without the comments themselves; comparing digests says which
paragraphs changed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from reportgen.boilerplate import Boilerplate
from reportgen.document import (
    Block,
    Document,
    Figure,
    Inlines,
    Para,
    Table,
    Text,
    numbered_as,
)
from reportgen.errors import Location, Problem
from reportgen.forward_plan import notice_problems
from reportgen.load import Positions
from reportgen.model import Paper, Report
from reportgen.resolve.refs import join_numbers
from reportgen.typed_money import typed_money

VERSION = "v1"
_DIGEST = 6
"""Hex digits kept of each paragraph's digest: enough to see a change, short enough to store."""


@dataclass(frozen=True, slots=True)
class Status:
    """Where a report stands with one reviewer."""

    kind: str
    state: str
    """'missing', 'signed', 'unsigned' (commented, no fingerprint) or 'stale'."""


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:_DIGEST]


def _text(block: Block) -> str:
    if isinstance(block, Table):
        return "\n".join("\t".join(_plain(c.content) for c in row.cells) for row in block.rows)
    return _plain(block.content)


def _plain(nodes: Inlines) -> str:
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, Figure):
            out.append(node.shown)
        elif hasattr(node, "children"):
            out.append(_plain(node.children))
        elif hasattr(node, "shown"):
            out.append(str(node.shown))
    return "".join(out)


def _units(doc: Document) -> tuple[list[str], list[str], list[str], list[str]]:
    """The digest of each numbered paragraph (with what hangs under it) and recommendation,
    up to the signature, the reviewers' comments left out: they are not what they review.
    Whatever the profile's numbering (running 1, 2 or by section 2.1, recommendations on their
    own or as paragraphs), a paragraph is a block numbered as one and a recommendation is one."""
    paragraphs: list[list[str]] = []
    recommendations: list[str] = []
    numbers: tuple[list[str], list[str]] = ([], [])
    """Each unit's number as printed, paragraphs' and recommendations'."""
    current: list[str] | None = None
    for block in doc.blocks:
        if isinstance(block, Para) and block.role == "signature":
            break
        if isinstance(block, Para) and block.where and block.where.path[:1] == ("comments",):
            current = None
            continue
        unit = numbered_as(block)
        if unit is not None and unit[0] == "paragraph":
            current = [_text(block)]
            paragraphs.append(current)
            numbers[0].append(unit[1])
            continue
        if unit is not None:
            recommendations.append(_digest(_text(block)))
            numbers[1].append(unit[1])
            current = None
            continue
        hangs = isinstance(block, Table) or (
            isinstance(block, Para) and block.role in ("item", "bullet", "body", "quote")
        )
        if hangs and current is not None:
            current.append(_text(block))
            continue
        current = None
    digests = ["".join(_digest("\n".join(p))) for p in paragraphs]
    return digests, recommendations, *numbers


def fingerprint(document: Document) -> str:
    """What a comment reviews: the digests of the report's paragraphs and recommendations."""
    paragraphs, recommendations, _, _ = _units(document)
    return f"{VERSION} p={''.join(paragraphs)} r={''.join(recommendations)}"


def _parse(print_: str) -> tuple[list[str], list[str]] | None:
    m = re.fullmatch(
        rf"{VERSION} p=((?:[0-9a-f]{{{_DIGEST}}})*) r=((?:[0-9a-f]{{{_DIGEST}}})*)", print_
    )
    if m is None:
        return None
    return _split(m[1]), _split(m[2])


def _split(digests: str) -> list[str]:
    return [digests[i : i + _DIGEST] for i in range(0, len(digests), _DIGEST)]


def numbers(document: Document) -> tuple[list[str], list[str]]:
    """The printed number of each paragraph and recommendation a fingerprint counts, in order
    (``4.1`` by section), for :func:`changes` to name them."""
    _, _, paragraphs, recommendations = _units(document)
    return paragraphs, recommendations


def changes(old: str, new: str, printed: tuple[list[str], list[str]] | None = None) -> str | None:
    """What changed between two fingerprints, in words ('paragraphs 12 and 61'), or None;
    ``printed`` is the new version's :func:`numbers`, else they are counted 1, 2, 3."""
    before, after = _parse(old), _parse(new)
    if before is None or after is None:
        return "the report (the fingerprint cannot be read: sign the comment again)"
    said: list[str] = []
    for kind, (name, a, b) in enumerate(
        (("paragraph", before[0], after[0]), ("recommendation", before[1], after[1]))
    ):
        shown = printed[kind] if printed else []
        changed = [
            shown[i] if i < len(shown) else str(i + 1)
            for i in range(min(len(a), len(b)))
            if a[i] != b[i]
        ]
        if changed:
            words = "".join(
                n.text if isinstance(n, Text) else ""
                for n in join_numbers([Text(c) for c in changed])
            )
            said.append(f"{name}{'s' if len(changed) > 1 else ''} {words}")
        if len(a) != len(b):
            said.append(f"the number of {name}s ({len(a)}, now {len(b)})")
    return "; ".join(said) if said else None


def statuses(report: Report, boilerplate: Boilerplate, current: str) -> list[Status]:
    """Where the report stands with each reviewer kind of the profile's reviewers.yaml."""
    out: list[Status] = []
    for kind in boilerplate.reviewers.reviewers:
        comment = report.comments.get(kind)
        if comment is None:
            state = "missing"
        elif comment.reviewed is None:
            state = "unsigned"
        elif changes(comment.reviewed, current):
            state = "stale"
        else:
            state = "signed"
        out.append(Status(kind, state))
    return out


def worded(found: list[Status], boilerplate: Boilerplate) -> tuple[str, ...]:
    """``found`` as ``check`` prints it, in the wording of the profile's reviewers.yaml
    (``states``): a kind that is not required and has not commented is ``optional``; a state
    worded as nothing leaves its kind out."""
    words = boilerplate.reviewers.states
    kinds = boilerplate.reviewers.reviewers
    out: list[str] = []
    for status in found:
        state = status.state
        if state == "missing" and not kinds[status.kind].required:
            state = "optional"
        pattern: str = getattr(words, state)
        if pattern:
            out.append(pattern.format(kind=status.kind))
    return tuple(out)


CLEARANCE_CODES = frozenset({"C801", "C803"})
"""The codes of the problems :func:`clearance` finds."""
CLEARANCE_FIX = "or pass --allow-uncleared to build the pack all the same"
"""What ``reportgen pack`` adds to the fix of each problem of :func:`clearance` when it refuses."""


def clearance(
    report: Report,
    boilerplate: Boilerplate,
    positions: Positions,
    current: str,
    printed: tuple[list[str], list[str]] | None = None,
) -> list[Problem]:
    """What keeps a report from being cleared, as errors with their places: a required
    reviewer's comment missing (C801), a signed comment stale since the report changed (C803).

    The one rule for both commands: ``reportgen check`` reports these (so the report is not
    ready) and ``reportgen pack`` refuses a meeting with any of them unless told
    ``--allow-uncleared``. ``current`` is the report's :func:`fingerprint`, and ``printed``
    its :func:`numbers`, which name what changed.
    """
    found: list[Problem] = []
    for kind, reviewer in boilerplate.reviewers.reviewers.items():
        comment = report.comments.get(kind)
        if comment is None:
            if reviewer.required:
                found.append(
                    Problem(
                        "C801",
                        f"there are no {reviewer.title.lower()} yet",
                        positions.locate(("comments",)),
                        f"ask the {kind} reviewer for their comments (REPORT.comments/{kind}.yaml)",
                    )
                )
            continue
        changed = None if comment.reviewed is None else changes(comment.reviewed, current, printed)
        if changed:
            found.append(
                Problem(
                    "C803",
                    f"the {kind} comment was written for an earlier version: {changed} "
                    "changed since",
                    positions.locate(("comments", kind, "reviewed")),
                    f"ask the {kind} reviewer to look again, then run reportgen sign",
                )
            )
    return found


def check(
    report: Report, boilerplate: Boilerplate, positions: Positions, document: Document
) -> list[Problem]:
    """Every readiness problem of a report that builds, each with its place and severity: the
    problems of :func:`clearance` first, then the others."""
    found = clearance(report, boilerplate, positions, fingerprint(document), numbers(document))

    def add(code: str, message: str, where: Location, hint: str) -> None:
        found.append(Problem(code, message, where, hint))  # its severity is the code's

    for kind in boilerplate.reviewers.reviewers:
        comment = report.comments.get(kind)
        if comment is not None and comment.date > report.date:
            add(
                "C802",
                f"the {kind} comment is dated {comment.date}, after the meeting on {report.date}",
                positions.locate(("comments", kind, "date")),
                "check the date: a comment is written before the meeting",
            )
    if not report.recommendations.items and not report.recommendations.intro:
        add(
            "C804",
            "the report recommends nothing",
            positions.locate(("recommendations",)),
            "write what the committee is asked to decide under recommendations: items:",
        )
    found += _typed_money(positions, document)
    found += notice_problems(report, boilerplate.calendar, positions)
    for i, paper in enumerate(report.background_papers):
        if not (isinstance(paper, Paper) and paper.url):
            add(
                "C806",
                "this background paper has no address, so a reader cannot find it",
                positions.locate(("background_papers", i)),
                "give its 'url', or say where it can be inspected",
            )
    return found


def _typed_money(positions: Positions, document: Document) -> list[Problem]:
    """Money typed into the text that no figure of the report has (C805), by the one rule of
    :func:`~reportgen.typed_money.typed_money`, which the finance sheet flags too."""
    found: list[Problem] = []
    for typed in typed_money(document):
        if not typed.unmatched:
            continue
        piece, block = typed.piece, typed.piece.block
        where = block.where or positions.locate(())
        if isinstance(block, Table) and where.path[-1:] == ("table",):  # a plain table's cell
            row = next(r for r, row in enumerate(block.rows) if row is piece.row)
            where = positions.locate((*where.path, row, piece.column))
        found.append(
            Problem(
                "C805",
                f"{typed.text[typed.start : typed.end]} is typed into the text, and no figure of "
                "the report has that value",
                where,
                "name it under 'figures:' (or compute it in a table) and quote it "
                "with {{ fig('name') }}, so text and tables cannot disagree",
            )
        )
    return found
