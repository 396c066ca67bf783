"""The pages a contents page lists, found from a first layout, as LaTeX finds them.

Which page a heading lands on is known only once LibreOffice has laid the document out, and
LibreOffice prints a Word ``TOC`` field's result as written (it recomputes a ``PAGEREF`` field
only outside one). So a document with a contents page is converted twice: once to find each
heading's page in the PDF's outline (one bookmark a heading, in order, :func:`heading_pages`),
then again with those pages written into the contents page (by the build, or by the pack in
the run that makes its front sheet), which is what Word shows on opening and what the PDF and
the pack print. Filling the numbers in changes no line's length, so the pages stay where they
were found.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from reportgen.document import Document


def _bookmarks(pdf: bytes) -> Iterator[tuple[str, int]]:
    """Each bookmark of ``pdf``'s outline, in order, as (title, page from 1)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as source:
        pages: dict[tuple[int, int], int] = {
            page.obj.objgen: n for n, page in enumerate(source.pages, start=1)
        }
        if "/Outlines" not in source.Root:
            return
        with source.open_outline() as outline:
            stack = list(reversed(outline.root))
            while stack:
                item = stack.pop()
                destination = item.destination
                if isinstance(destination, pikepdf.Array) and len(destination):
                    target: pikepdf.Object = destination[0]
                    page = pages.get(target.objgen)
                    if page is not None:
                        yield " ".join(str(item.title).split()), page
                stack.extend(reversed(item.children))


def heading_pages(document: Document, pdf: bytes) -> dict[str, int]:
    """The page of each heading ``document``'s contents page lists, by anchor, from the
    outline of ``pdf`` (its first layout): each line matched, in order, with the next bookmark
    of its heading's text."""
    contents = document.meta.contents
    if contents is None:
        return {}
    found = list(_bookmarks(pdf))
    pages: dict[str, int] = {}
    at = 0
    for entry in contents.entries:
        for i in range(at, len(found)):
            if found[i][0] == entry.text:
                pages[entry.anchor] = found[i][1]
                at = i + 1
                break
    return pages
