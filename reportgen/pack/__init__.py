"""A meeting's agenda pack: its documents' finished PDFs merged into one published PDF.

:mod:`reportgen.pack.assemble` merges finished, tagged PDFs into a pack (page numbers stamped
through it, page labels, outline, one structure tree, fresh metadata) without re-rendering them;
:mod:`reportgen.pack.build` makes a meeting's parts and hands them to it.
"""
