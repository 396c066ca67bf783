"""Typst run in process: the template and a document's data in, its tagged PDF out.

Typst (the ``typst`` package, a compiled typesetter with no system dependency) is imported
only here, when a Typst PDF is made. Each compile gets a temporary root folder holding only
the files the document names (its pictures and logo), so the template can read nothing else;
the document's text arrives as JSON in ``sys.inputs`` (:mod:`reportgen.writers.typst.markup`).

The PDF is PDF/UA-1 (tagged: headings, lists, tables with header cells, figures with alt
text; the title shown in the window; fonts embedded, as Typst always embeds them), with the
creation date fixed to the meeting's date so that the same report makes the same bytes.
"""

from __future__ import annotations

import datetime as dt
import functools
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Final

from reportgen.errors import Location, Problem, ReportError
from reportgen.writers.typst.markup import Source

if TYPE_CHECKING:
    import typst

TEMPLATE = Path(__file__).resolve().parents[2] / "templates" / "report.typ"
"""The Typst template that prints every document (its only Typst code)."""

STANDARD: Final = "ua-1"
"""The PDF standard Typst checks and declares: PDF/UA-1, the accessible PDF."""

INSTALL_HINT = (
    "install reportgen's dependencies again (make .venv/.installed), which include typst; "
    "or use --pdf-engine libreoffice"
)


@functools.cache
def _fonts() -> typst.Fonts:
    """The system's and Typst's own fonts, found once per process (about 15 ms a compile
    otherwise)."""
    import typst

    return typst.Fonts()


@functools.cache
def _read(path: Path) -> bytes:
    return path.read_bytes()


def _template() -> bytes:
    """The template's text, read once per process."""
    return _read(TEMPLATE)


def compile_pdf(source: Source, when: dt.date, name: str) -> bytes:
    """The PDF Typst makes of ``source``, dated ``when``; one error at ``name`` if it cannot.

    Typst's warnings (a font family it does not have, when it uses the next one) are returned
    to this function, not printed, and dropped; the fonts are found once per process
    (:func:`_fonts`). Safe to call from threads side by side."""
    try:
        import typst
    except ImportError as exc:
        raise ReportError(
            (Problem("O525", f"Typst cannot be imported: {exc}", Location(name), INSTALL_HINT),)
        ) from exc
    stamp = dt.datetime(when.year, when.month, when.day, tzinfo=dt.UTC)
    with tempfile.TemporaryDirectory(prefix="reportgen-typst-") as tmp:
        root = Path(tmp)
        main = root / "report.typ"
        main.write_bytes(_template())
        for file_name, data in source.files.items():
            (root / file_name).write_bytes(data)
        try:
            pdf, _ = typst.compile_with_warnings(
                main,
                root=root,
                font_paths=_fonts(),
                sys_inputs={"document": source.json()},
                pdf_standards=[STANDARD],
                timestamp=stamp,
            )
        except typst.TypstError as exc:
            hints = "; ".join(exc.hints) if exc.hints else ""
            raise ReportError(
                (
                    Problem(
                        "O524",
                        f"Typst could not typeset the PDF: {exc.message}"
                        + (f" ({hints})" if hints else ""),
                        Location(name),
                        "build it with --pdf-engine libreoffice, and report this problem",
                    ),
                )
            ) from exc
    if not isinstance(pdf, bytes):  # pragma: no cover - one PDF, as bytes, without output=
        raise AssertionError("typst.compile returns the PDF's bytes")
    return pdf
