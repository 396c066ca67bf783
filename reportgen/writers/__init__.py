"""Writers: each turns a resolved :class:`~reportgen.document.Document` into one output format.

The PDF engines are named here, once, for the library, the command line and the packs alike
(this module imports nothing, so the command line reads the default without loading a
writer)."""

PDF_ENGINES = ("libreoffice", "typst")
"""What makes a PDF (``pdf_engine=``, ``--pdf-engine``): ``libreoffice`` converts the Word
file as it prints (:mod:`reportgen.writers.pdf`); ``typst`` typesets the resolved document in
process, without LibreOffice (:mod:`reportgen.writers.typst`)."""
DEFAULT_PDF_ENGINE = "libreoffice"
"""The engine of a PDF when none is named."""
