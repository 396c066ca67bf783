"""reportgen: committee reports written as YAML, rendered as the council's Word report and PDF.

The pipeline runs one way: :mod:`~reportgen.load` → :mod:`~reportgen.validate` →
:mod:`~reportgen.resolve` → :mod:`~reportgen.writers`; :func:`reportgen.pipeline.build` runs it
for one report, and :mod:`reportgen.api` builds files from reports, as the command line does.
Its functions are here too, imported when first used::

    import reportgen

    documents = reportgen.load_documents([Path("report.yaml")])   # resolved Documents
    data = reportgen.render(documents[Path("report.yaml")], "pdf")  # the file's bytes
    reportgen.build([Path("report.yaml")], out_dir=Path("out"), to="docx,pdf")

Each raises one :class:`ReportError` listing every problem, and never prints or exits.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_API = (
    "build",
    "check",
    "load_documents",
    "load_source",
    "pack",
    "render",
    "render_many",
    "review_sheet",
    "sign",
)
__all__ = ["ReportError", "__version__", *_API]


def __getattr__(name: str) -> Any:
    """The library API's functions and its error, imported on first use."""
    if name in _API:
        from reportgen import api

        return getattr(api, name)
    if name == "ReportError":
        from reportgen.errors import ReportError

        return ReportError
    raise AttributeError(f"module 'reportgen' has no attribute {name!r}")
