"""What the review sheets' tests share: the reports they read, and the text of a sheet's tables
and of a written .docx."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import docx
from click.testing import CliRunner, Result
from docx.oxml.ns import qn

from reportgen.cli import main
from reportgen.document import Document, Table, plain_text
from tests.conftest import EXAMPLES

RECOVERY = EXAMPLES / "recovery-from-covid.yaml"
PROMOTING = EXAMPLES / "promoting-independence.yaml"
TYPED = Path(__file__).resolve().parent / "reports" / "typed-amounts.yaml"
"""A small report with £1,234 typed into its text (no figure has it) and £500 (a figure has)."""

FIGURES = "Figures in the report"
TYPED_AMOUNTS = "Amounts of money typed in the text"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def table(document: Document, title: str) -> Table:
    """The one table of ``document`` titled ``title``."""
    found = [b for b in document.blocks if isinstance(b, Table) and b.title == title]
    assert len(found) == 1, [b.title for b in document.blocks if isinstance(b, Table)]
    return found[0]


def body(t: Table) -> list[list[str]]:
    """The text of each cell of each body row of ``t``."""
    return [[plain_text(c.content) for c in row.cells] for row in t.rows if row.role == "body"]


def groups_and_rows(t: Table) -> Iterator[tuple[str, list[str]]]:
    """Each body row of ``t`` with the text of the group row above it."""
    group = ""
    for row in t.rows:
        if row.role == "group":
            group = plain_text(row.cells[0].content)
        elif row.role == "body":
            yield group, [plain_text(c.content) for c in row.cells]


def docx_text(path: Path) -> str:
    """The text of each paragraph of a .docx (table cells included), one a line."""
    body_element = docx.Document(str(path)).element.body
    return "\n".join(
        "".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body_element.iter(qn("w:p"))
    )


def typed_copy(tmp_path: Path) -> Path:
    """A copy of the typed-amounts report, with the pay scale it names at the same relative
    place, in a folder of its own."""
    folder = tmp_path / "tests" / "review" / "reports"
    folder.mkdir(parents=True)
    shutil.copy(TYPED, folder)
    shutil.copytree(EXAMPLES.parent / "pay-scales", tmp_path / "reports" / "pay-scales")
    return folder / TYPED.name
