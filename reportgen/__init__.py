"""reportgen: committee reports written as YAML, rendered as the council's Word report.

The pipeline runs one way: :mod:`~reportgen.load` → :mod:`~reportgen.validate` →
:mod:`~reportgen.resolve` → :mod:`~reportgen.render`; :func:`reportgen.pipeline.build` runs it.
"""

__version__ = "0.1.0"
