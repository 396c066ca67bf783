"""Reports made of a case file from tests/resolve/figures/ followed by figures/base.yaml.

A case file is the first part of a report (its figures, tables and text); base.yaml supplies
the rest, so the line and column of every value in the case file stay as they are written.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from reportgen.boilerplate import Boilerplate
from reportgen.document import Document, Figure, Para, Table, document_figures, plain_text
from reportgen.pipeline import build

CASES = Path(__file__).resolve().parent / "figures"


def build_case(name: str, boilerplate: Boilerplate, tmp: Path) -> Document:
    """Resolve the case ``name`` (e.g. "valid/uplift.yaml"), copied under ``tmp`` with the
    pay scale beside its folder, as it is in tests/resolve/figures/."""
    case = CASES / name
    target = tmp / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(CASES / "pay-scale.yaml", tmp / "pay-scale.yaml")
    target.write_text(
        case.read_text(encoding="utf-8") + (CASES / "base.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    return build(target, boilerplate)


def tables(doc: Document) -> list[list[tuple[str, list[str]]]]:
    """Each table as (row role, cell texts) pairs."""
    return [
        [(row.role, [plain_text(c.content) for c in row.cells]) for row in block.rows]
        for block in doc.blocks
        if isinstance(block, Table)
    ]


def numbered_texts(doc: Document) -> list[str]:
    """The text of each numbered paragraph, in order."""
    return [
        plain_text(b.content) for b in doc.blocks if isinstance(b, Para) and b.role == "numbered"
    ]


def figures_in(doc: Document) -> list[Figure]:
    """Every figure node in the document, in text and tables."""
    return document_figures(doc)
