"""The peers the benchmark measures reportgen against, fed the same resolved content.

- :func:`markdown`: a resolved :class:`~reportgen.document.Document` as pandoc Markdown
  (headings, numbered and bulleted lists, pipe tables, bold, italic, links), for
  ``pandoc -o X.docx``;
- :func:`python_docx`: the same blocks written with python-docx's high-level API
  (``Document()``, ``add_heading``, ``add_paragraph`` with a style name, ``add_table``, cell text).
"""

from __future__ import annotations

import io

from reportgen.document import (
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
                out.append(plain_text((node,)).replace("*", "\\*").replace("_", "\\_"))
    return "".join(out)


def markdown(doc: Document) -> str:
    """``doc`` as Markdown: the same headings, paragraphs, lists and tables."""
    parts = [f"# {doc.meta.title}"]
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
    word.add_heading(doc.meta.title, 0)
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
