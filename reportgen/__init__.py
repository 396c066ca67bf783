"""reportgen: committee reports written as YAML, rendered as the council's Word report and PDF.

The pipeline runs one way: :mod:`~reportgen.load` → :mod:`~reportgen.validate` →
:mod:`~reportgen.resolve` → :mod:`~reportgen.render`; :func:`reportgen.pipeline.build` runs it
for one report, and :mod:`reportgen.api` (``from reportgen import api``) builds files from
reports, as the command line does.
"""

__version__ = "0.1.0"
