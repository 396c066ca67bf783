"""Outlines of the documents beside reports: minutes, agendas and appendix documents.

Each lays its document out as drafts, as :mod:`reportgen.resolve.outline` does for a report;
numbering (:mod:`reportgen.resolve.numbering`) and substitution are the same for all of them.
The wording comes from the profile's meeting.yaml.
"""

from __future__ import annotations

import string
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from reportgen.boilerplate import MeetingWords, Note
from reportgen.document import LineBreak, Text
from reportgen.errors import YamlPath
from reportgen.model import Recommendation
from reportgen.model_meeting import AppendixDocument, Minutes
from reportgen.resolve import design
from reportgen.resolve.outline import Draft, Drafted, DraftTable, body, bullets, plain
from reportgen.resolve.style import HouseRules


def _unnumbered(drafts: Iterator[Drafted]) -> Iterator[Drafted]:
    """Drafts whose numbered paragraphs are plain paragraphs: minutes number only their items."""
    for draft in drafts:
        if isinstance(draft, Draft) and draft.counter == "paragraph" and draft.level == 0:
            yield replace(draft, role="body", counter=None)
        else:
            yield draft


def minutes_outline(
    minutes: Minutes, first_number: int, words: MeetingWords, rules: HouseRules
) -> list[Drafted]:
    """The minutes' drafts: the attendance, then each numbered minute and its resolutions.

    ``first_number`` is the register number of the minutes' first resolution.
    """
    w = words.minutes
    date = rules.date(minutes.date)
    out: list[Drafted] = [
        Draft(plain(w.meeting.format(committee=minutes.committee.upper())), (), "heading", 1),
        Draft(plain(w.date.format(date=date, time=minutes.time)), ("date",), "margin"),
        Draft(plain(w.membership), (), "heading", 2),
        Draft(plain(w.absent_note), (), "margin"),
        Draft(plain(w.councillors), (), "heading", 3),
    ]
    for i, member in enumerate(minutes.members):
        mark = f"{w.absent_mark}\t" if member.absent else ""
        name = w.member.format(name=member.name, role=member.role) if member.role else member.name
        out.append(Draft(plain(f"{mark}{name}"), ("members", i), "margin"))
    for heading, names, key in (
        (w.substitutes, minutes.substitutes, "substitutes"),
        (w.officers, minutes.officers, "officers"),
        (w.remote_officers, minutes.remote_officers, "remote_officers"),
    ):
        if key == "remote_officers" and not names:
            continue
        out.append(Draft(plain(heading), (), "heading", 3))
        out += [Draft(name, (key, i), "margin") for i, name in enumerate(names)]
        if not names:
            out.append(Draft(plain(w.none), (key,), "margin"))
    number = first_number
    for i, minute in enumerate(minutes.items):
        here: YamlPath = ("items", i)
        out.append(Draft(minute.title, (*here, "title"), "heading", 2, "minute"))
        out += _unnumbered(body(minute.body, (*here, "body"), 2, rules))
        for j, resolution in enumerate(minute.resolved):
            at: YamlPath = (*here, "resolved", j)
            shown = w.number.format(year=minutes.date.year, n=number)
            number += 1
            out.append(Draft(plain(w.resolved.format(number=shown)), at, "heading", 3))
            if resolution.intro:
                out.append(Draft(resolution.intro, (*at, "intro"), "body"))
            for k, entry in enumerate(resolution.items):
                item_path: YamlPath = (*at, "items", k)
                if isinstance(entry, Recommendation):
                    text = Draft(entry.text, (*item_path, "text"), "recommendation", 0)
                    out.append(replace(text, counter="resolution"))
                    out += bullets(entry.bullets, (*item_path, "bullets"), 1)
                else:
                    out.append(Draft(entry, item_path, "recommendation", 0, "resolution"))
    if minutes.closed:
        out.append(Draft(plain(w.closed.format(time=minutes.closed)), ("closed",), "margin"))
    out.append(Draft(plain(w.chair), (), "signature"))
    return out


def appendix_outline(appendix: AppendixDocument, rules: HouseRules) -> list[Drafted]:
    """An appendix document's drafts: its title (unless a cover prints it), then its blocks as
    a report's section, its main sections on new pages if it says so."""
    out: list[Drafted] = []
    if appendix.cover is None:
        out.append(Draft(appendix.title, ("title",), "heading", 1))
    for draft in body(appendix.body, ("body",), 1, rules):
        if isinstance(draft, Draft) and appendix.sections_start_pages and _main(draft):
            draft = replace(draft, new_page=True)
        out.append(draft)
    return out


def _main(draft: Draft) -> bool:
    """Whether ``draft`` is the heading of an appendix document's main section."""
    return draft.role == "heading" and draft.level == design.CONTENTS_LEVEL


@dataclass(frozen=True, slots=True)
class AgendaLine:
    """One item of an agenda as the front sheet prints it."""

    number: int
    title: str
    """Its title; for an exempt item, the title Democratic Services gave it."""
    sub_items: Sequence[str] = ()
    """Lines under the title, e.g. the kinds of interest under 'Declarations of Interests'."""
    pages: tuple[int, int] | None = None
    """Its first and last page in the pack, when it is in it."""
    exempt: int | None = None
    """The paragraph of Schedule 12A under which it is exempt."""
    reason: str | None = None
    """Its reason for urgency, printed under its title (a late item on the supplementary
    agenda's front sheet, when the profile's meeting.yaml says ``late.reason_on:
    [front_sheet]``)."""


def front_sheet_notes(notes: Sequence[str | Note], fields: dict[str, str]) -> list[str]:
    """The notes as printed, with ``fields`` (the contact's name, phone and email, ``""`` for
    one not given): a note's part prints only when every field it uses has a value, and a note
    that prints nothing is left out."""
    out: list[str] = []
    for note in notes:
        if isinstance(note, str):
            out.append(note.format(**fields))
            continue
        parts = {
            name: part.format(**fields) if all(fields[f] for f in _fields(part)) else ""
            for name, part in note.parts.items()
        }
        text = note.text.format(**fields, **parts)
        if text.strip():
            out.append(text)
    return out


def _fields(pattern: str) -> set[str]:
    """The ``{fields}`` ``pattern`` uses."""
    return {f for _, f, _, _ in string.Formatter().parse(pattern) if f is not None}


def agenda_outline(
    committee: str,
    when: str,
    venue: str,
    lines: Sequence[AgendaLine],
    notes: Sequence[str] | None,
    words: MeetingWords,
    *,
    supplement: bool = False,
) -> list[Drafted]:
    """The front sheet's drafts: the meeting, the agenda table with page ranges, the notes.

    With ``supplement``, the supplementary agenda's: its heading and the sentence saying its
    items were added after the agenda was published (meeting.yaml's ``late``); ``notes`` None
    prints no notes."""
    w = words.agenda
    out: list[Drafted] = [
        Draft(plain(committee), (), "heading", 1),
        Draft(plain(when), ("date",), "margin"),
        Draft(plain(venue), ("venue",), "margin"),
        Draft(plain(words.late.heading if supplement else w.heading), (), "heading", 2),
    ]
    if supplement:
        out.append(Draft(plain(words.late.added), (), "body"))
    rows: list[tuple[str | tuple[Text | LineBreak, ...], ...]] = [w.columns]
    for line in lines:
        title: list[Text | LineBreak] = [Text(line.title)]
        for letter, sub in zip("abcdefghijklmnopqrstuvwxyz", line.sub_items, strict=False):
            title += [LineBreak(), Text(w.sub_item.format(letter=letter, text=sub))]
        if line.exempt is not None:
            title += [LineBreak(), Text(w.exempt.format(paragraph=line.exempt))]
        if line.reason is not None:
            title += [LineBreak(), Text(words.late.reason.format(reason=line.reason))]
        pages = ""
        if line.pages:
            first, last = line.pages
            pages = (w.page if first == last else w.pages).format(first=first, last=last)
        rows.append((str(line.number), tuple(title), pages))
    caption = words.late.heading.title() if supplement else w.caption or w.heading.title()
    out.append(DraftTable(tuple(rows), ("items",), caption))
    if notes is None:
        return out
    out.append(Draft(plain(w.notes_heading), (), "heading", 2, new_page=w.notes_new_page))
    out += [Draft(plain(note), ("notes",), "body", 0, "note") for note in notes]
    return out
