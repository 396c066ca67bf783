"""The Word writer: a resolved document into the council's .docx, styled from templates/."""

from reportgen.writers.docx.package import untouched
from reportgen.writers.docx.writer import DEFAULT_TEMPLATE, GENERATOR, render_docx

__all__ = ["DEFAULT_TEMPLATE", "GENERATOR", "render_docx", "untouched"]
