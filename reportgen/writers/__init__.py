"""Writers: each turns a resolved :class:`~reportgen.document.Document` into one output format."""
