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

import os
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
    """The finished PDF of each document; one error with the problems of all of them.

    The documents are typeset side by side, one thread a core: Typst lets go of Python's
    lock while it compiles, so a pack or a batch takes about half the time on two cores. The
    PDFs are the same bytes as one by one, in the order of ``documents``."""
    from concurrent.futures import ThreadPoolExecutor

    def attempt(key: K) -> bytes | ReportError:
        try:
            return render_pdf(documents[key], names[key])
        except ReportError as exc:
            return exc

    keys = list(documents)
    workers = max(1, min(len(keys), os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        done = dict(zip(keys, pool.map(attempt, keys), strict=True))
    problems = Problems()
    out: dict[K, bytes] = {}
    for key, result in done.items():
        if isinstance(result, ReportError):
            problems.extend(result.problems)
        else:
            out[key] = result
    problems.raise_if_any()
    return out


__all__ = ["render_pdf", "render_pdfs"]
