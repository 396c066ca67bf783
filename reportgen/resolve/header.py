"""The header block resolved: each field the profile's header.yaml declares, as it prints.

The built-in fields take the report's own keys; the others come from the report's ``header:``
mapping and are checked here against their declarations, each mistake placed at its key or
value: a field the profile does not declare (S250, with the nearest name), a value of the wrong
type (S251), outside its choices (S252), a required field left out (S254). What prints is
decided here too, once for every writer: a date in house style, a list joined, the line from
the field's ``print`` pattern; an optional field left empty has no line at all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from reportgen.document import HeaderLine, Meta
from reportgen.errors import Problems, quote
from reportgen.load import Positions
from reportgen.model import Report
from reportgen.profile_header import BUILT_IN, HeaderField, HeaderWords
from reportgen.resolve.style import HouseRules
from reportgen.resolve.suggest import Suggestions


def line(name: str, field: HeaderField, value: str) -> HeaderLine:
    """The header line of field ``name`` printing ``value`` (nothing when it is empty)."""
    text = field.print.format(label=field.label, value=value) if value else ""
    return HeaderLine(name, value, text, field.style or name.replace("_", "-"))


def header_lines(
    report: Report,
    words: HeaderWords,
    rules: HouseRules,
    positions: Positions,
    problems: Problems,
) -> tuple[HeaderLine, ...]:
    """Every declared field of ``report``'s header, in order, checked and printed."""
    own = {
        "committee": report.committee,
        "date": rules.date(report.date),
        "agenda_item": report.agenda_item or "",
        "report_of": report.report_of,
        "title": report.title,
        "reference": report.reference or "",
    }
    extra = words.extra()
    known = Suggestions(extra)
    for name in report.header:
        if name not in extra:
            problems.add(
                "S250",
                f"the profile's header has no field {quote(name)}",
                positions.locate(("header", name), key=True),
                f"{known.did_you_mean(name)}the fields of header.yaml are: {known.listed()}",
            )
    lines: list[HeaderLine] = []
    for name, field in words.fields.items():
        if name in BUILT_IN:
            value = own[name]
        else:
            value = _printed(name, field, report, rules, positions, problems)
        if not value and field.required:
            where = ("header",) if name not in BUILT_IN else ()
            problems.add(
                "S254",
                f"the header field {quote(name)} is required by the profile and is not given",
                positions.locate(where, key=True),
                f"write {name}: … under header:" if name not in BUILT_IN else f"write {name}: …",
            )
        lines.append(line(name, field, value))
    return tuple(lines)


def _printed(
    name: str,
    field: HeaderField,
    report: Report,
    rules: HouseRules,
    positions: Positions,
    problems: Problems,
) -> str:
    """The printed value of the extra field ``name`` (empty when not given or wrong)."""
    raw = report.header.get(name)
    if raw is None:
        return ""
    where = positions.locate(("header", name))
    if field.type == "list":
        return field.join.join([raw] if isinstance(raw, str) else raw)
    if not isinstance(raw, str):
        problems.add(
            "S251",
            f"the header field {quote(name)} is {field.type}, not a list",
            where,
            f"write one value: {name}: …",
        )
        return ""
    if field.type == "date":
        try:
            return rules.date(dt.date.fromisoformat(raw))
        except ValueError:
            problems.add(
                "S251",
                f"the header field {quote(name)} is a date, and {quote(raw)} is not one",
                where,
                f"write the date as YYYY-MM-DD, e.g. {name}: 2022-03-14",
            )
            return ""
    if field.type == "number":
        try:
            Decimal(raw.replace(",", ""))
        except InvalidOperation:
            problems.add(
                "S251",
                f"the header field {quote(name)} is a number, and {quote(raw)} is not one",
                where,
                f"write a number, e.g. {name}: 12",
            )
            return ""
    if field.type == "choice" and raw not in field.choices:
        close = Suggestions(field.choices)
        problems.add(
            "S252",
            f"{quote(raw)} is not one of the choices of the header field {quote(name)}",
            where,
            f"{close.did_you_mean(raw)}write one of: {', '.join(field.choices)}",
        )
        return ""
    return raw


def numbered_item(meta: Meta, item: str, words: HeaderWords) -> Meta:
    """``meta`` as agenda item ``item`` of a meeting: its field and its header line."""
    field = words.fields.get("agenda_item")
    header = tuple(
        line("agenda_item", field, item) if h.name == "agenda_item" and field else h
        for h in meta.header
    )
    return replace(meta, agenda_item=item, header=header)
