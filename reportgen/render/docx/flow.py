"""How a report flows onto its pages: what keeps with what, and which paragraphs sit at the margin.

Decided from the resolved blocks alone, once per document, before anything is written:

- :func:`closing_text`: the closing section's plain paragraphs ("That:", "For any enquiries
  about this report please contact:", the Section 100D sentence, "All.") sit at the margin, like
  the recommendations, contacts and papers they introduce;
- :func:`keeps_with_next`: a paragraph ending in a colon stays on the page of what it introduces
  (a table, a list, its first item), the signature stays with its contacts, and the report's
  reference never stands alone on a page. Headings and captions keep with what follows by their
  styles;
- :func:`table_title`: every table has a title for screen readers, its caption or else the
  paragraph that introduces it.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

from reportgen.document import Block, Heading, Para, Table, plain_text

CLOSING_ROLES = frozenset({"recommendation", "signature"})
"""The paragraphs that open the closing section: the recommendations, or the signature."""

LISTS = frozenset({"recommendation", "paper", "contact"})
"""The closing section's lists, each introduced by a plain paragraph at the margin."""


def closing_text(blocks: Sequence[Block]) -> set[int]:
    """Which of ``blocks`` are the closing section's plain paragraphs, set at the margin.

    The closing section runs from the section heading above the recommendations (or the
    signature) to the end. Its plain paragraphs are the contacts' introduction and every body
    paragraph directly under a section heading: the recommendations' introduction, the
    background papers' Section 100D sentence and the electoral divisions. Body paragraphs under
    a lower heading there (a comment's unnumbered paragraphs) continue numbered paragraphs and
    keep their text indent.
    """
    first = next(
        (i for i, b in enumerate(blocks) if isinstance(b, Para) and b.role in CLOSING_ROLES), None
    )
    if first is None:
        return set()
    start = next(
        (i for i in range(first, -1, -1) if _section_heading(blocks[i])),
        first,
    )
    found: set[int] = set()
    level = 1
    for i in range(start, len(blocks)):
        block = blocks[i]
        if isinstance(block, Heading):
            level = block.level
        elif isinstance(block, Para) and (
            block.role == "contact-intro" or (block.role == "body" and level == 1)
        ):
            found.add(i)
    return found


def _section_heading(block: Block) -> bool:
    return isinstance(block, Heading) and block.level == 1


def keeps_with_next(blocks: Sequence[Block], closing: set[int] | None = None) -> set[int]:
    """Which of ``blocks`` are paragraphs that stay on the page of the block after them.

    - a paragraph ending in a colon, unless a heading follows: it introduces a table, a list or
      its items ('The benefits of this are to provide:', 'That:');
    - a closing paragraph (see :func:`closing_text`) followed by the list it introduces;
    - the signature, the contacts' introduction and each contact but the last: the signature
      and its contacts block are read together;
    - the paragraph before the report's reference, so that no page holds the reference alone.

    Other paragraphs are left free, so that a list before a table does not drag its last item
    onto the table's page. A caption keeps with its table by its style, and a heading by its own.
    """
    closing = closing_text(blocks) if closing is None else closing
    kept: set[int] = set()
    for i, (block, after) in enumerate(pairwise(blocks)):
        if not isinstance(block, Para):
            continue
        follows = after.role if isinstance(after, Para) else None
        if (
            block.role in ("signature", "contact-intro")
            or (block.role == "contact" and follows == "contact")
            or follows == "reference"
            or (i in closing and follows in LISTS)
            or (not isinstance(after, Heading) and plain_text(block.content).rstrip().endswith(":"))
        ):
            kept.add(i)
    return kept


def table_title(blocks: Sequence[Block], index: int) -> str | None:
    """The title screen readers announce for the table at ``index``.

    Its caption when it has one; otherwise the paragraph that introduces it, without the colon
    ('The financial implications of resources requested in this report are as follows'); None
    when nothing introduces it.
    """
    table = blocks[index]
    if isinstance(table, Table) and table.title:
        return table.title
    before = blocks[index - 1] if index > 0 else None
    if isinstance(before, Para):
        text = " ".join(plain_text(before.content).split())
        if text.endswith(":"):
            return text.rstrip(":").rstrip()
    return None
