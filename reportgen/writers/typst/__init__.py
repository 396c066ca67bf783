"""The PDF of a resolved :class:`~reportgen.document.Document`, typeset by Typst: no LibreOffice.

``--pdf-engine typst`` (pandoc's name for the choice): the document is printed as the Word and
HTML writers print it, numbers as the resolver decided them, in the profile's look (font,
colours, the page footer's wording from look.yaml), and typeset in process by Typst into a
tagged PDF/UA-1 file. :mod:`~reportgen.writers.typst.markup` turns the document into data
for the one template, reportgen/templates/report.typ; :mod:`~reportgen.writers.typst.compile`
runs Typst. The PDF is then completed and sealed as LibreOffice's is
(:func:`reportgen.writers.pdf.finish`): language, title, creator, seal.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from reportgen.document import Document
from reportgen.errors import Problems, ReportError

K = TypeVar("K")


def render_pdf(document: Document, name: str) -> bytes:
    """The finished, sealed PDF of ``document``; problems are placed at ``name``."""
    from reportgen.writers.pdf import finish
    from reportgen.writers.typst.compile import compile_pdf
    from reportgen.writers.typst.markup import document_source

    source = document_source(document, document.meta.look.page_footer)
    return finish(compile_pdf(source, document.meta.date, name), document.meta, name)


def render_pdfs(documents: Mapping[K, Document], names: Mapping[K, str]) -> dict[K, bytes]:
    """The finished PDF of each document; one error with the problems of all of them."""
    problems = Problems()
    out: dict[K, bytes] = {}
    for key, document in documents.items():
        try:
            out[key] = render_pdf(document, names[key])
        except ReportError as exc:
            problems.extend(exc.problems)
    problems.raise_if_any()
    return out


__all__ = ["render_pdf", "render_pdfs"]
