"""The pipeline in one call: a report's YAML file in, its resolved document out."""

from __future__ import annotations

from pathlib import Path

from reportgen.boilerplate import Boilerplate
from reportgen.document import Document
from reportgen.load import load_file
from reportgen.model import Report
from reportgen.resolve import resolve
from reportgen.validate import validate


def build(path: Path, boilerplate: Boilerplate) -> Document:
    """Load, validate and resolve the report at ``path``; raises one error with every problem."""
    loaded = load_file(path)
    report = validate(loaded, Report)
    return resolve(report, boilerplate, loaded.positions)
