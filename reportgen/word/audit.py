"""The audit of existing Word reports, without converting them: what does not add up.

:func:`audit` reads each Word file (:func:`reportgen.word.read.read_word`) and finds

- **totals**: in each table, a row whose first cell says Total, Sub-total or Subtotal, in each
  column whose cells are amounts (``£262,816``, ``(1,013)``, ``38.25``, under a ``£'000``
  heading too), compared with the rows above it since the previous sub-total (a total after
  sub-totals, with every row of the table, and the sub-totals as printed are shown beside);
- **recommendations** numbered out of sequence (``1)``, ``3)``), by Word numbering or typed;
- **references** ("see paragraph 15", "paragraphs 6 and 7", "paragraphs 9 to 13") to a
  paragraph number the report does not have;
- **dates** that are not dates (``028/03/22``, ``31 February 2022``).

Each :class:`Finding` names its file, its place (the paragraph's number, or the table and
row), what was printed and what it should be; its words are in ``reportgen/word/words.yaml``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from reportgen.errors import Location, Problems, ReportError
from reportgen.word.headings import Headings
from reportgen.word.read import Paragraph, Table, WordFile, read_word

SUFFIXES = (".docx", ".docm", ".dotx", ".doc")
"""The files a folder given to the audit is searched for."""


@cache
def words() -> dict[str, Any]:
    """The wording of ``reportgen/word/words.yaml``."""
    import yaml

    text = resources.files("reportgen.word").joinpath("words.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def _say(key: str, **values: object) -> str:
    node: Any = words()["audit"]
    for part in key.split("."):
        node = node[part]
    return " ".join(str(node).split()).format(**values)


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the audit found: where, what was printed and what it should be."""

    file: str
    kind: str
    """``total``, ``recommendation``, ``reference`` or ``date``."""
    where: str
    """The paragraph (its number) or the table and row, as the summary prints it."""
    printed: str
    expected: str
    message: str
    paragraph: int | None = None
    """The Word paragraph it is in (from 1), or the last before its table."""
    table: int | None = None
    row: int | None = None

    def render(self) -> str:
        """The finding as the text report prints it."""
        return f"{self.file}: {self.where}: {self.message}"

    def as_json(self) -> dict[str, object]:
        """The finding as ``--format json`` prints it."""
        return {
            "file": self.file,
            "kind": self.kind,
            "where": self.where,
            "paragraph": self.paragraph,
            "table": self.table,
            "row": self.row,
            "printed": self.printed,
            "expected": self.expected,
            "message": self.message,
        }


@dataclass
class Audited:
    """The audit of one file."""

    file: str
    findings: list[Finding] = field(default_factory=list)

    def count(self, kind: str) -> int:
        """How many findings of ``kind``."""
        return sum(1 for f in self.findings if f.kind == kind)


def files_in(paths: Sequence[Path]) -> list[Path]:
    """The Word files given: each file, and the Word files in each folder (sorted, not
    hidden, not Word's owner files ``~$…``)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix.lower() in SUFFIXES
                    and p.is_file()
                    and not p.name.startswith(("~$", "."))
                )
            )
        else:
            out.append(path)
    return out


def audit(paths: Sequence[Path], boilerplate_dir: Path | None = None) -> list[Audited]:
    """Audit the Word files at ``paths`` (folders searched); raises one ReportError with a
    ``W9xx`` problem for each file that cannot be read, and audits none then."""
    from reportgen.boilerplate import load_boilerplate
    from reportgen.profile import profile_for

    problems = Problems()
    read: list[WordFile] = []
    found = files_in(paths)
    if not found:
        problems.add(
            "W901",
            "holds no Word documents (.docx)",
            Location(str(paths[0]) if paths else "(command line)"),
            "give .docx files, or a folder that holds them",
        )
    for path in found:
        try:
            read.append(read_word(path))
        except ReportError as exc:
            problems.extend(exc.problems)
    problems.raise_if_any()
    headings = Headings(load_boilerplate(profile_for((), boilerplate_dir)))
    return [audit_file(word, headings) for word in read]


def audit_file(word: WordFile, headings: Headings) -> Audited:
    """The findings in one Word file read."""
    audited = Audited(str(word.path))
    _Auditor(word, headings, audited).run()
    return audited


# --- amounts -------------------------------------------------------------------------------

_AMOUNT = re.compile(
    r"^(?P<neg>[-−–])?\s*(?P<open>\()?\s*(?P<cur>£)?\s*(?P<num>\d{1,3}(?:,\d{3})+|\d+)"
    r"(?P<dec>\.\d+)?\s*(?P<close>\))?\s*(?P<unit>m|k|bn)?\s*(?:\*+|\([A-Za-z][^)]*\))?$"
)


@dataclass(frozen=True, slots=True)
class Amount:
    """An amount as printed: its value and whether it carried £."""

    value: Decimal
    money: bool
    places: int


def amount(text: str) -> Amount | None:
    """``text`` read as an amount (``£262,816``, ``(1,013)``, ``-5``, ``6.65``, ``1*``,
    ``38,421 (SCP44)``), or None when it is not one."""
    found = _AMOUNT.match(text.strip().replace("\u2060", "").replace("\u00a0", " "))
    if found is None or bool(found.group("open")) != bool(found.group("close")):
        return None
    try:
        value = Decimal(found.group("num").replace(",", "") + (found.group("dec") or ""))
    except InvalidOperation:  # pragma: no cover - the pattern admits digits only
        return None
    unit = found.group("unit")
    if unit:
        value *= {"k": Decimal(1000), "m": Decimal(1_000_000), "bn": Decimal(10**9)}[unit]
    if found.group("neg") or found.group("open"):
        value = -value
    places = len(found.group("dec") or ".") - 1 if not unit else 0
    return Amount(value, bool(found.group("cur")), places)


def shown(value: Decimal, like: Amount) -> str:
    """``value`` printed as ``like`` was: £ and thousands commas, negatives in brackets."""
    places = like.places
    text = f"{abs(value):,.{places}f}"
    if like.money:
        text = "£" + text
    return f"({text})" if value < 0 else text


_TOTAL = re.compile(r"^\s*(?:grand\s+)?total\b", re.IGNORECASE)
_SUBTOTAL = re.compile(r"^\s*sub[\s-]*total\b", re.IGNORECASE)


def row_kind(label: str) -> str | None:
    """``subtotal`` or ``total`` for a row whose first cell says so, else None."""
    if _SUBTOTAL.match(label):
        return "subtotal"
    if _TOTAL.match(label):
        return "total"
    return None


# --- references and dates --------------------------------------------------------------------

REFERENCE = re.compile(
    r"\bparagraphs?\s+(?P<numbers>\d{1,4}(?:\.\d{1,3})?"
    r"(?:\s*(?:,|and|to|–|-|&)\s*\d{1,4}(?:\.\d{1,3})?)*)(?![\d.]*\d)",
    re.IGNORECASE,
)
"""A paragraph reference typed as text: "paragraph 15", "paragraphs 6 and 7", "9 to 13"."""
_NUMERIC_DATE = re.compile(r"(?<![\d/.])(\d{1,4})/(\d{1,3})/(\d{1,4})(?![\d/])")
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_WRITTEN_DATE = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(m for m in _MONTHS) + r")\s+(\d{4})\b",
    re.IGNORECASE,
)


def numbers_in(text: str) -> list[tuple[str, str]]:
    """The paragraph numbers a reference's ``numbers`` name, as (first, last) ranges: ``15``,
    or ``4.2`` numbered by section."""
    out: list[tuple[str, str]] = []
    tokens = re.findall(r"\d+(?:\.\d+)?|to|–|-", text)
    i = 0
    while i < len(tokens):
        first = tokens[i]
        if i + 2 < len(tokens) and tokens[i + 1] in ("to", "–", "-"):
            out.append((first, tokens[i + 2]))
            i += 3
        else:
            out.append((first, first))
            i += 1
    return out


def date_fault(day: str, month: str, year: str) -> str | None:
    """What is wrong with the numeric date ``day/month/year``, or None when it is a date."""
    if not 1 <= len(day) <= 2:
        return "day"
    if not 1 <= len(month) <= 2 or not 1 <= int(month) <= 12:
        return "month"
    if len(year) not in (2, 4):
        return "year"
    full = int(year) + (2000 if len(year) == 2 else 0)
    try:
        dt.date(full, int(month), int(day))
    except ValueError:
        return "real"
    return None


def _suggest(day: str, month: str, year: str) -> str | None:
    """A date the typing probably meant: a stray digit dropped, or None."""
    candidates = []
    for d in {day.lstrip("0") or "0", day[-2:]}:
        for m in {month, month[-2:]}:
            if date_fault(d, m, year) is None:
                candidates.append(f"{int(d):02d}/{int(m):02d}/{year}")
    return candidates[0] if len(set(candidates)) == 1 else None


# --- the audit ------------------------------------------------------------------------------


class _Auditor:
    def __init__(self, word: WordFile, headings: Headings, audited: Audited) -> None:
        self.word = word
        self.headings = headings
        self.audited = audited

    def add(
        self, kind: str, where: str, printed: str, expected: str, message: str, **at: Any
    ) -> None:
        self.audited.findings.append(
            Finding(self.audited.file, kind, where, printed, expected, message, **at)
        )

    def run(self) -> None:
        paragraphs = list(self.word.paragraphs())
        numbers = self.paragraph_numbers(paragraphs)
        for block in self.word.blocks:
            if isinstance(block, Table):
                self.table(block)
        self.recommendations(paragraphs)
        for p in paragraphs:
            self.references(p, numbers)
            self.dates(p)
        for table in self.word.tables():
            for row in table.rows:
                for cell in row:
                    for p in cell.paragraphs:
                        self.dates(p, table=table.index)

    def where(self, p: Paragraph) -> str:
        if p.number and p.kind == "decimal":
            return _say("where.paragraph", number=p.number.strip(".)("))
        start = " ".join(p.text.split()[:6])
        return _say("where.unnumbered", start=start, index=p.index)

    # paragraphs --------------------------------------------------------------------------

    def in_recommendations(self, paragraphs: Sequence[Paragraph]) -> set[int]:
        """The Word indexes of the paragraphs of the recommendations section."""
        inside = False
        out: set[int] = set()
        for p in paragraphs:
            opened = self.headings.opened(p.text) if not p.number else None
            if opened is not None:
                inside = opened.section == "recommendations"
                continue
            if inside:
                out.add(p.index)
        return out

    def paragraph_numbers(self, paragraphs: Sequence[Paragraph]) -> list[str]:
        """The numbers of the report's paragraphs as references write them: ``15``, or
        ``4.2`` numbered by section."""
        recommendations = self.in_recommendations(paragraphs)
        out = []
        for p in paragraphs:
            number = (p.number or "").strip()
            if p.kind != "decimal" or p.index in recommendations or p.value is None:
                continue
            by_section = re.fullmatch(r"\d+\.\d+\.?", number)
            running = p.level == 0 and p.outline is None and re.fullmatch(r"\d+\.", number)
            if by_section or running:
                out.append(number.rstrip("."))
        return out

    def recommendations(self, paragraphs: Sequence[Paragraph]) -> None:
        inside = self.in_recommendations(paragraphs)
        expected = 1
        for p in paragraphs:
            if p.index not in inside or p.value is None or p.kind == "bullet" or p.level:
                continue
            if p.value != expected:
                want = (p.number or "").replace(str(p.value), str(expected), 1)
                self.add(
                    "recommendation",
                    _say("where.recommendation", number=p.number),
                    p.number or "",
                    want,
                    _say("recommendation", printed=p.number, expected=want),
                    paragraph=p.index,
                )
            expected = p.value + 1

    def references(self, p: Paragraph, numbers: Sequence[str]) -> None:
        have = set(numbers)
        for found in REFERENCE.finditer(p.text):
            for first, last in numbers_in(found.group("numbers")):
                for number in {first, last}:
                    if number in have:
                        continue
                    if numbers:
                        message = _say(
                            "reference",
                            printed=found.group(0),
                            number=number,
                            first=numbers[0],
                            last=numbers[-1],
                        )
                        expected = f"{numbers[0]}–{numbers[-1]}"
                    else:
                        message = _say("reference_none", printed=found.group(0), number=number)
                        expected = ""
                    self.add(
                        "reference",
                        self.where(p),
                        found.group(0),
                        expected,
                        message,
                        paragraph=p.index,
                    )

    def dates(self, p: Paragraph, table: int | None = None) -> None:
        text = p.text
        for found in _NUMERIC_DATE.finditer(text):
            day, month, year = found.groups()
            fault = date_fault(day, month, year)
            if fault is None:
                continue
            suggestion = _suggest(day, month, year) or ""
            message = _say("date_shape", printed=found.group(0), fault=_say(f"faults.{fault}")) + (
                f"; {_say('should', expected=suggestion)}" if suggestion else ""
            )
            self.add(
                "date",
                self.where(p),
                found.group(0),
                suggestion,
                message,
                paragraph=p.index,
                table=table,
            )
        for found in _WRITTEN_DATE.finditer(text):
            day, month_name, year = found.groups()
            month = _MONTHS[month_name.lower()]
            days = calendar.monthrange(int(year), month)[1]
            if 1 <= int(day) <= days:
                continue
            self.add(
                "date",
                self.where(p),
                found.group(0),
                "",
                _say(
                    "date_day",
                    printed=found.group(0),
                    month=calendar.month_name[month],
                    year=year,
                    days=days,
                ),
                paragraph=p.index,
                table=table,
            )

    # tables ------------------------------------------------------------------------------

    def table(self, table: Table) -> None:
        grid = table.grid()
        if len(grid) < 2:
            return
        labels = [next((c for c in row if c.strip()), "") for row in grid]
        kinds = [row_kind(label) if i else None for i, label in enumerate(labels)]
        if not any(kinds):
            return
        for column in range(1, table.width):
            self.column(table, grid, labels, kinds, column)

    def column(
        self,
        table: Table,
        grid: list[list[str]],
        labels: list[str],
        kinds: list[str | None],
        column: int,
    ) -> None:
        title = grid[0][column] if amount(grid[0][column]) is None else ""
        since: list[Decimal] = []
        rows: list[Decimal] = []
        subtotals: list[Decimal] = []
        for r in range(1, len(grid)):
            cell = grid[r][column]
            if kinds[r] is None:
                value = amount(cell)
                if value is not None and (not grid[r][0].strip() or labels[r] != cell):
                    since.append(value.value)
                    rows.append(value.value)
                continue
            printed = amount(cell)
            if printed is None:
                continue
            if kinds[r] == "subtotal":
                self.check(table, r, labels[r], title, printed, sum(since, Decimal(0)), None)
                subtotals.append(printed.value)
                since = []
            else:
                self.check(
                    table,
                    r,
                    labels[r],
                    title,
                    printed,
                    sum(rows, Decimal(0)),
                    sum(subtotals, Decimal(0)) + sum(since, Decimal(0)) if subtotals else None,
                )
                since, rows, subtotals = [], [], []

    def check(
        self,
        table: Table,
        r: int,
        label: str,
        title: str,
        printed: Amount,
        total: Decimal,
        subtotals: Decimal | None,
    ) -> None:
        if printed.value == total:
            return
        where = _say("where.row", table=table.index, row=r + 1, label=label.strip())
        column = title.replace("\n", " ").strip() or f"column {printed}"
        values = {
            "column": column,
            "printed": shown(printed.value, printed),
            "sum": shown(total, printed),
            "difference": shown(printed.value - total, printed),
        }
        if subtotals is not None:
            message = _say("total_of_subtotals", subtotals=shown(subtotals, printed), **values)
        else:
            message = _say("total", **values)
        self.add(
            "total",
            where,
            values["printed"],
            values["sum"],
            message,
            paragraph=table.after,
            table=table.index,
            row=r + 1,
        )


# --- the report ------------------------------------------------------------------------------


def summary(audited: Iterable[Audited]) -> list[str]:
    """The summary's lines: one for all, one a file with its counts, then every finding."""
    audited = list(audited)
    findings = [f for a in audited for f in a.findings]
    lines = [
        _say(
            "summary",
            files=len(audited),
            findings=len(findings),
            with_findings=sum(1 for a in audited if a.findings),
        )
    ]
    for a in audited:
        lines.append(
            "  "
            + _say(
                "file_line",
                file=a.file,
                totals=a.count("total"),
                recommendations=a.count("recommendation"),
                references=a.count("reference"),
                dates=a.count("date"),
            )
        )
    if not findings:
        lines.append(_say("none"))
    lines.append("")
    lines.extend(f.render() for f in findings)
    return lines


def as_json(audited: Iterable[Audited]) -> dict[str, object]:
    """The audit as ``--format json`` prints it: each file with its counts and findings."""
    audited = list(audited)
    return {
        "files": [
            {
                "file": a.file,
                "counts": {k: a.count(k) for k in ("total", "recommendation", "reference", "date")},
                "findings": [f.as_json() for f in a.findings],
            }
            for a in audited
        ],
        "findings": sum(len(a.findings) for a in audited),
    }
