"""How a report flows onto its pages: which paragraph keeps with the block after it.

Decided from the resolved blocks alone, once per document, before anything is written.
(Which paragraphs sit at the margin is their role, "lead-in", decided when the report is
resolved; a table's title likewise.)

- :func:`keeps_with_next`: a paragraph ending in a colon stays on the page of what it introduces
  (a table, a list, its first item), the signature stays with its contacts, and the report's
  reference never stands alone on a page. Headings and captions keep with what follows by their
  styles. The short closing sections at a report's end (background papers, electoral divisions,
  the reference) keep together, and with the paragraph before them, so no page holds only
  "Electoral Division(s) and Member(s) Affected … All.".
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from reportgen.document import Block, Chart, Heading, Para, Picture, plain_text

LISTS = frozenset({"recommendation", "paper", "contact"})
"""The closing section's lists, each introduced by a lead-in at the margin."""

CLOSING = frozenset({"lead-in", "paper", "reference"})
"""The roles of the short closing sections' lines: their lead-ins and one-line lists (the
electoral divisions are lead-ins), the background papers and the report's reference."""


def closing_tail(blocks: Sequence[Block]) -> int:
    """Where the short closing sections at the end of ``blocks`` begin: the first of the last
    run of section headings and :data:`CLOSING` lines that holds a closing line and ends the
    document; ``len(blocks)`` when there is none."""
    start = len(blocks)
    for i in range(len(blocks) - 1, -1, -1):
        block = blocks[i]
        if isinstance(block, Heading) and block.level == 1:
            start = i
        elif not (isinstance(block, Para) and block.role in CLOSING):
            break
    closing = any(isinstance(b, Para) for b in blocks[start:])
    return start if closing else len(blocks)


def keeps_with_next(blocks: Sequence[Block]) -> set[int]:
    """Which of ``blocks`` are paragraphs that stay on the page of the block after them.

    - a paragraph ending in a colon, unless a heading follows: it introduces a table, a list or
      its items ('The benefits of this are to provide:', 'That:');
    - a lead-in of the closing section followed by the list it introduces;
    - the signature, the contacts' introduction and each contact but the last: the signature
      and its contacts block are read together;
    - the paragraph before the report's reference, so that no page holds the reference alone;
    - every paragraph of the short closing sections at the end (:func:`closing_tail`) and the
      paragraph before them: a page never holds only their last lines.
    - a paragraph before a picture or a chart, which it most often introduces.

    Other paragraphs are left free, so that a list before a table does not drag its last item
    onto the table's page. A caption keeps with its table by its style, and a heading by its own.
    """
    kept: set[int] = set()
    tail = closing_tail(blocks)
    for i, (block, after) in enumerate(pairwise(blocks)):
        if not isinstance(block, Para):
            continue
        follows = after.role if isinstance(after, Para) else None
        if (
            block.role in ("signature", "contact-intro")
            or (block.role == "contact" and follows == "contact")
            or follows == "reference"
            or (block.role == "lead-in" and follows in LISTS)
            or i >= tail - 1
            or (not isinstance(after, Heading) and plain_text(block.content).rstrip().endswith(":"))
            or isinstance(after, Picture | Chart)  # 'The picture shows…' stays with it
        ):
            kept.add(i)
    return kept
