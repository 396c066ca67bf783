"""Review sheets: what a report's finance, legal and HR reviewers check, as documents of their own.

``reportgen review --reviewer financial REPORT.yaml`` writes one reviewer's sheet (beside the
report as ``REPORT.financial-review.docx``, or where ``-o`` says). The reviewer is a kind of
the profile's reviewers.yaml, whose ``sheet`` names the sheet made for it
(:meth:`~reportgen.boilerplate.Reviewers.sheet_for`): as
standard, financial has the finance sheet, constitutional the legal one and hr the HR one.
A sheet is a resolved :class:`~reportgen.document.Document` (its ``kind`` is ``review``), so
every writer prints it; it is made from the report's resolved document and its
model, and it decides nothing about figures: it lists what the resolved document says.

- **finance** (:mod:`~reportgen.review.finance`): every :class:`~reportgen.document.Figure` of
  the report in the order printed, with where it appears, its shown text, its value, its kind
  and its origin (the working, the named figure or table it quotes, and the stated amount it
  agrees with); then every amount of money typed into the text (a ``£`` amount in plain text,
  not a figure: :mod:`reportgen.typed_money`, the rule ``check`` reports C805 by), flagged as
  typed, and flagged again when it is the value of no figure of the report;
- **legal** (:mod:`~reportgen.review.legal`): the recommendations as the report numbers them,
  the committee, the statutory paragraph and the areas it considers, the background papers and
  whether each has an address, and the constitutional comment;
- **hr** (:mod:`~reportgen.review.hr`): every post in the report's typed tables (the rows of
  each table with a grade and an FTE column) and the human resources implications.

The wording and layout are data, in the profile's review-sheets.yaml
(:class:`~reportgen.review_words.SheetWords`, read with the other boilerplate files as
``Boilerplate.review_sheets``). Which part of the report a block belongs to is the YAML path
the resolved block carries (:mod:`~reportgen.review.source`); a sheet is put together by
:mod:`~reportgen.review.build`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from reportgen.boilerplate import Boilerplate, sheet_named
from reportgen.document import Document
from reportgen.errors import Location, Problem, ReportError
from reportgen.kinds import SheetKind
from reportgen.review.finance import finance_sheet
from reportgen.review.hr import hr_sheet
from reportgen.review.legal import legal_sheet
from reportgen.review.source import Source, read_report

_COMMAND_LINE = Location("(command line)")

_SHEETS: dict[SheetKind, Callable[[Source, Boilerplate], Document]] = {
    "finance": finance_sheet,
    "legal": legal_sheet,
    "hr": hr_sheet,
}
"""Each sheet of :data:`~reportgen.boilerplate.SHEET_KINDS`, by name."""


def sheet(source: Source, kind: str, boilerplate: Boilerplate) -> Document:
    """The ``kind`` sheet (one of :data:`~reportgen.boilerplate.SHEET_KINDS`) of the report
    ``source``, in the wording of ``boilerplate``."""
    named = sheet_named(kind)
    if isinstance(named, Problem):
        raise ReportError((named,))
    return _SHEETS[named](source, boilerplate)


def beside(report: Path, reviewer: str) -> Path:
    """Where ``reportgen review`` writes the ``reviewer``'s sheet without ``-o``: beside the
    report, named after it, ``REPORT.REVIEWER-review.docx``."""
    return report.with_name(f"{report.stem}.{reviewer}-review.docx")


def kind_problem(given: Sequence[str]) -> ReportError | None:
    """The problem with the sheets asked for on the command line (each as it was spelled, e.g.
    ``--reviewer financial``), unless exactly one was."""
    if not given:
        problem = Problem(
            "O520",
            "say whose review sheet to write",
            _COMMAND_LINE,
            "give --reviewer KIND, a kind of reviewers.yaml, e.g. --reviewer financial",
        )
    elif len(given) > 1:
        problem = Problem(
            "O521",
            f"one review sheet at a time: {' and '.join(given)} were given",
            _COMMAND_LINE,
            "give one of them, and run the command again for the other",
        )
    else:
        return None
    return ReportError((problem,))


__all__ = [
    "Source",
    "beside",
    "finance_sheet",
    "hr_sheet",
    "kind_problem",
    "legal_sheet",
    "read_report",
    "sheet",
]
