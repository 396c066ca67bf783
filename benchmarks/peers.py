"""The peers the benchmark measures reportgen against, fed the same resolved content.

- :func:`markdown`: a resolved :class:`~reportgen.document.Document` as pandoc Markdown
  (headings, numbered and bulleted lists, pipe tables, bold, italic, links), for
  ``pandoc -o X.docx``;
- :func:`python_docx`: the same blocks written with python-docx's high-level API
  (``Document()``, ``add_heading``, ``add_paragraph`` with a style name, ``add_table``, cell text).

Both begin with the report's header block as reportgen prints it (committee, date, agenda item,
report of, the title as the heading, reference), then the blocks. :func:`document_words` and
:func:`markdown_words` count the words of each side the same way (runs of letters and digits in
the text a reader sees; for the Markdown, in the text pandoc reads from it, so markup, list
numbers and link targets are not counted), for the benchmark to check that pandoc gets the same
text.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
from collections.abc import Iterator

from reportgen.document import (
    Callout,
    Document,
    Emph,
    Heading,
    Inlines,
    LineBreak,
    Link,
    Para,
    Strong,
    Table,
    plain_text,
)

WORD = re.compile(r"\w+")
"""A word, as both sides are counted: a run of letters, digits and underscores."""


def _frame(doc: Document) -> list[tuple[bool, str]]:
    """The lines of the header block before the blocks, each with whether it is the title
    (printed as the heading): the header's lines as printed, or the title alone without one."""
    lines = [(line.name == "title", line.text) for line in doc.meta.header if line.text]
    return lines if any(title for title, _ in lines) else [(True, doc.meta.title), *lines]


def _texts(doc: Document) -> Iterator[str]:
    """Every text of ``doc`` a reader sees: the header block's lines, then the blocks'."""
    for _, text in _frame(doc):
        yield text
    for block in doc.blocks:
        match block:
            case Heading(_, content) | Para(_, content):
                yield plain_text(content)
            case Table(rows):
                for row in rows:
                    for cell in row.cells:
                        yield plain_text(cell.content)
            case Callout(content, figure, source):
                yield from (plain_text(figure), plain_text(content), plain_text(source))


def document_words(doc: Document) -> int:
    """The words of the header block and the blocks of ``doc`` (pictures' and charts' text,
    which neither peer is given, left out)."""
    return sum(len(WORD.findall(text)) for text in _texts(doc))


def markdown_words(markdown: str) -> int:
    """The words of ``markdown`` as pandoc reads it: its text nodes (``Str``) in pandoc's JSON."""
    done = subprocess.run(
        ["pandoc", "-f", "markdown", "-t", "json"],
        input=markdown,
        capture_output=True,
        text=True,
        check=True,
    )
    found: list[str] = []
    waiting: list[object] = [json.loads(done.stdout)["blocks"]]
    while waiting:
        node = waiting.pop()
        if isinstance(node, dict):
            if node.get("t") == "Str":
                found.append(node["c"])
            else:
                waiting.extend(node.values())
        elif isinstance(node, list):
            waiting.extend(node)
    return sum(len(WORD.findall(text)) for text in found)


def _md_inlines(nodes: Inlines) -> str:
    """Inline nodes as Markdown."""
    out: list[str] = []
    for node in nodes:
        match node:
            case Strong(children):
                out.append(f"**{_md_inlines(children)}**")
            case Emph(children):
                out.append(f"*{_md_inlines(children)}*")
            case Link(url, children):
                out.append(f"[{_md_inlines(children)}]({url})")
            case LineBreak():
                out.append("\\\n")
            case _:
                out.append(_md_text(plain_text((node,))))
    return "".join(out)


def _md_text(text: str) -> str:
    """Plain text with the characters Markdown would take as emphasis escaped."""
    return text.replace("*", "\\*").replace("_", "\\_")


def markdown(doc: Document) -> str:
    """``doc`` as Markdown: the same headings, paragraphs, lists and tables."""
    parts = [f"# {_md_text(text)}" if title else _md_text(text) for title, text in _frame(doc)]
    for block in doc.blocks:
        match block:
            case Heading(level, content):
                parts.append(f"{'#' * min(level + 1, 6)} {_md_inlines(content)}")
            case Para(role, content, mark):
                text = _md_inlines(content)
                if mark is None:
                    parts.append(text)
                elif role == "bullet":
                    parts.append("    " * mark.level + f"- {text}")
                else:
                    number = mark.label if mark.label.isdigit() else "1"
                    parts.append("    " * mark.level + f"{number}. {text}")
            case Table(rows):
                width = max(sum(c.span for c in row.cells) for row in rows)
                lines = []
                for n, row in enumerate(rows):
                    cells = [_md_inlines(c.content).replace("|", "\\|") for c in row.cells]
                    cells += [""] * (width - len(cells))
                    lines.append("| " + " | ".join(cells) + " |")
                    if n == 0:
                        lines.append("|" + "---|" * width)
                parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


def python_docx(doc: Document) -> bytes:
    """``doc`` built with python-docx's high-level API, as .docx bytes."""
    import docx

    word = docx.Document()
    for title, text in _frame(doc):
        if title:
            word.add_heading(text, 0)
        else:
            word.add_paragraph(text)
    for block in doc.blocks:
        match block:
            case Heading(level, content):
                word.add_heading(plain_text(content), min(level, 9))
            case Para(role, content, mark):
                if mark is None:
                    style = "Normal"
                elif role == "bullet":
                    style = "List Bullet" if mark.level == 0 else "List Bullet 2"
                else:
                    style = "List Number" if mark.level == 0 else "List Number 2"
                paragraph = word.add_paragraph(style=style)
                _runs(paragraph, content)
            case Table(rows):
                width = max(sum(c.span for c in row.cells) for row in rows)
                table = word.add_table(rows=len(rows), cols=width)
                table.style = "Table Grid"
                for row, cells in zip(rows, table.rows, strict=True):
                    for cell, target in zip(row.cells, cells.cells, strict=False):
                        target.text = plain_text(cell.content)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _runs(paragraph: object, nodes: Inlines, bold: bool = False, italic: bool = False) -> None:
    """Runs for ``nodes`` in ``paragraph``, bold and italic as marked."""
    for node in nodes:
        match node:
            case Strong(children):
                _runs(paragraph, children, True, italic)
            case Emph(children) | Link(_, children):
                _runs(paragraph, children, bold, italic or isinstance(node, Emph))
            case _:
                run = paragraph.add_run(plain_text((node,)))  # type: ignore[attr-defined]
                run.bold = bold or None
                run.italic = italic or None
