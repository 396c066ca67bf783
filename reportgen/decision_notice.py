"""Decision notices and the printed register of decisions, as documents every writer prints.

:func:`notices` lays out each decision of a committee's minutes (:mod:`reportgen.decisions`) as
a :class:`~reportgen.document.Document` of kind ``decision-notice``: who decided and when, the
decision as resolved (its parts numbered as the minutes number them), the reasons and the other
options rejected (the minute's own, else its report's), members' declarations of interest, the
date of publication, the call-in deadline and what call-in means (or why a decision taken as a
matter of urgency has none), and the contact. :func:`register` lays out the register of
decisions across meetings as a ``decisions-register`` table, newest first. The wording is the
profile's decision-notice.yaml; dates print in house style. Both read nothing: the load stage
(:func:`reportgen.decisions.load_minutes`) has read the minutes and the reports they name.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from reportgen.boilerplate import Boilerplate
from reportgen.decisions import Decision, DecisionsRegister, LoadedMinutes, NoticeContact
from reportgen.document import Cell, Document, Heading, Inlines, Meta, Para, Row, Table
from reportgen.document import Text as Plain
from reportgen.errors import Problems, YamlPath
from reportgen.model import Recommendation
from reportgen.model_meeting import Minute, Resolution
from reportgen.payscale import NO_PAY_SCALE
from reportgen.resolve import Collected, substitute_all
from reportgen.resolve.figures import Calculator
from reportgen.resolve.numbering import RUNNING, list_formats, number, own_forms
from reportgen.resolve.outline import Draft, Drafted, bullets, plain
from reportgen.resolve.refs import Names
from reportgen.resolve.style import HouseRules


def file_stem(decision: Decision) -> str:
    """The name of a decision's notice files, without suffix: its number with ``-`` for ``/``
    (``2022/001`` gives ``2022-001``)."""
    return decision.number.replace("/", "-")


def notices(
    loaded: LoadedMinutes, decisions: Sequence[Decision], boilerplate: Boilerplate
) -> dict[str, Document]:
    """The notice of each of ``decisions`` (those :func:`reportgen.decisions.resolve_decisions`
    made of ``loaded``, in order), keyed by :func:`file_stem`; raises one error with every
    problem of the minutes' texts, placed in the minutes file."""
    problems = Problems()
    found: dict[str, Document] = {}
    made = iter(decisions)
    for i, minute in enumerate(loaded.minutes.items):
        for j, resolution in enumerate(minute.resolved):
            decision = next(made)
            at = ("items", i, "resolved", j)
            drafts = list(_drafts(decision, minute, resolution, i, at, boilerplate))
            found[file_stem(decision)] = _document(
                drafts, _meta(decision, boilerplate), loaded, boilerplate, problems
            )
    problems.raise_if_any()
    return found


def _meta(decision: Decision, boilerplate: Boilerplate) -> Meta:
    rules = HouseRules(boilerplate.style)
    words = boilerplate.decision_notice
    return Meta(
        title=words.title.format(number=decision.number, title=decision.title),
        committee=decision.committee,
        date=decision.meeting_date,
        date_text=rules.date(decision.meeting_date),
        agenda_item="",
        report_of="",
        reference=decision.number,
        council=boilerplate.style.council,
        kind="decision-notice",
        look=boilerplate.look_of("decision-notice"),
    )


def _document(
    drafts: list[Drafted],
    meta: Meta,
    loaded: LoadedMinutes,
    boilerplate: Boilerplate,
    problems: Problems,
) -> Document:
    """``drafts`` numbered and their texts resolved, as a document framed by ``meta``."""
    rules = HouseRules(boilerplate.style)
    positions = loaded.positions
    numbered, index = number(drafts, [], positions, problems)
    figures = Calculator({}, {}, NO_PAY_SCALE, rules, positions, problems)
    formats = list_formats(RUNNING, own_forms(drafts))
    collected = Collected(meta, positions, rules, numbered, index, figures, formats)
    names = Names(index, boilerplate.references, figures, pictures=boilerplate.pictures)
    return substitute_all(collected, names, problems)


def _drafts(
    decision: Decision,
    minute: Minute,
    resolution: Resolution,
    i: int,
    at: YamlPath,
    boilerplate: Boilerplate,
) -> Iterator[Drafted]:
    """The notice of ``decision``, the ``resolution`` of the ``i``-th minute, laid out."""
    words = boilerplate.decision_notice
    rules = HouseRules(boilerplate.style)
    council = boilerplate.style.council
    h = words.headings
    date = rules.date(decision.meeting_date)
    yield Draft(
        plain(words.title.format(number=decision.number, title=decision.title)), (), "heading", 1
    )
    made_by = words.made_by.format(council=council, committee=decision.committee, date=date)
    yield Draft(plain(made_by), (), "body")
    minute_line = words.minute.format(minute=decision.minute, title=decision.title)
    yield Draft(plain(minute_line), ("items", i, "title"), "body")

    yield Draft(plain(h.decision), (), "heading", 2)
    if resolution.intro:
        yield Draft(resolution.intro, (*at, "intro"), "body")
    for k, entry in enumerate(resolution.items):
        item_path: YamlPath = (*at, "items", k)
        if isinstance(entry, Recommendation):
            yield Draft(entry.text, (*item_path, "text"), "recommendation", 0, "resolution")
            yield from bullets(entry.bullets, (*item_path, "bullets"), 1)
        else:
            yield Draft(entry, item_path, "recommendation", 0, "resolution")

    yield Draft(plain(h.reasons), (), "heading", 2)
    yield from _texts(minute.reasons, decision.reasons, ("items", i, "reasons"), words.not_recorded)
    yield Draft(plain(h.options_rejected), (), "heading", 2)
    yield from _texts(
        minute.options_rejected,
        decision.options_rejected,
        ("items", i, "options_rejected"),
        words.not_recorded,
    )

    yield Draft(plain(h.declarations), (), "heading", 2)
    for k, declared in enumerate(decision.declarations):
        line = words.declaration.format(member=declared.member, interest=declared.interest)
        yield Draft(plain(line), ("items", i, "declarations", k), "body")
    if not decision.declarations:
        yield Draft(plain(words.none), (), "body")

    yield Draft(plain(h.published), (), "heading", 2)
    yield Draft(plain(words.published.format(date=rules.date(decision.published_on))), (), "body")

    yield Draft(plain(h.call_in), (), "heading", 2)
    if decision.call_in_deadline is None:
        reason = decision.call_in_exempt or ""
        yield Draft(plain(words.urgent.format(reason=reason)), (*at, "call_in", "reason"), "body")
    else:
        days = boilerplate.calendar.call_in_working_days
        deadline = rules.date(decision.call_in_deadline)
        yield Draft(plain(words.call_in.format(deadline=deadline, days=days)), (), "body")
        for paragraph in words.call_in_explained:
            yield Draft(plain(paragraph.format(council=council)), (), "body")

    yield Draft(plain(h.contact), (), "heading", 2)
    yield Draft(_contact(decision.contact, words.not_recorded), (), "body")


def _texts(own: list[str] | None, taken: list[str], path: YamlPath, none: str) -> Iterator[Draft]:
    """The minute's ``own`` texts (author source, at ``path``), else those ``taken`` from its
    report (resolved already), else ``none``."""
    if own is not None:
        yield from (Draft(text, (*path, k), "body") for k, text in enumerate(own))
    else:
        yield from (Draft(plain(text), (), "body") for text in taken)
    if not (own if own is not None else taken):
        yield Draft(plain(none), (), "body")


def _contact(contact: NoticeContact | None, none: str) -> Inlines:
    if contact is None:
        return plain(none)
    return plain(contact.name, contact.role, contact.team, contact.phone, contact.email)


def register(found: DecisionsRegister, boilerplate: Boilerplate) -> Document:
    """The printed register of the decisions ``found``, newest first as it lists them, as a
    table of each decision's number, meeting date, title, call-in deadline and status."""
    words = boilerplate.decision_notice.printed_register
    rules = HouseRules(boilerplate.style)
    council = boilerplate.style.council
    title = words.title.format(council=council)
    as_of = words.as_of.format(today=rules.date(found.today))
    blocks: list[Heading | Para | Table] = [
        Heading(1, (Plain(title),)),
        Para("body", (Plain(as_of),)),
        *(Para("body", (Plain(p.format(council=council)),)) for p in words.intro),
    ]
    if not found.decisions:
        blocks.append(Para("body", (Plain(words.empty),)))
    else:
        c = words.columns
        headings = (c.number, c.meeting_date, c.title, c.call_in_deadline, c.status)
        rows = [Row("header", tuple(Cell((Plain(h),)) for h in headings))]
        for decision in found.decisions:
            deadline = (
                rules.date(decision.call_in_deadline)
                if decision.call_in_deadline is not None
                else words.not_subject
            )
            cells = (
                decision.number,
                rules.date(decision.meeting_date),
                decision.title,
                deadline,
                words.statuses[decision.status],
            )
            rows.append(Row("body", tuple(Cell((Plain(text),)) for text in cells)))
        blocks.append(Table(tuple(rows), (), words.table_title))
    meta = Meta(
        title=title,
        committee="",  # the council is the header's own line
        date=found.today,
        date_text=as_of,
        agenda_item="",
        report_of="",
        reference=None,
        council=council,
        kind="decisions-register",
        look=boilerplate.look_of("decisions-register"),
    )
    return Document(meta, tuple(blocks), {})
