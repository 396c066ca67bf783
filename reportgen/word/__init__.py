"""Word files councils already have, read as data: the reader (:mod:`reportgen.word.read`),
the audit of their tables, numbers, references and dates (:mod:`reportgen.word.audit`) and
the import into a report's YAML (:mod:`reportgen.word.importer`).

A Word file is untrusted input: it is read within the limits and with the vetting a Word
template gets (:mod:`reportgen.writers.docx.template`), and refused with a ``W9xx`` problem
when it is not a Word document, is encrypted, is an old .doc, carries macros or is too large.
"""
