"""The council's meetings as a static website: ``reportgen site FOLDER -o site/``.

The site is a list of pages, each made by a small function from the meetings found
(:data:`PAGES`): the index, a committee page, and a page per meeting with its agenda, each
public report's HTML edition, its public agenda pack's PDF, its minutes and its decisions
(:mod:`reportgen.decisions`); the forward plan and the decisions register are pages of
:mod:`reportgen.site_pages`. Feeds (meetings.ics, feed.xml) and a search index (search.json,
and search-index.js, the same as a script, for a site opened from disk) are made from the same
pages. Everything is read by :func:`load_site` (the load stage); :func:`render_site` reads
nothing but the package's own templates. Exempt content never reaches the site: only the
public pack's documents (``documents(public=True)``) are published, and an exempt item shows
only its public title and its paragraph of Schedule 12A. Every link is relative.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

if TYPE_CHECKING:
    from reportgen.boilerplate import Boilerplate
    from reportgen.decisions import Decision, DecisionsRegister
    from reportgen.document import Document
    from reportgen.resolve.style import HouseRules


@dataclass(frozen=True, slots=True)
class Published:
    """A document the site publishes: its path in the site and its title."""

    path: str
    title: str
    document: Document
    source: Path


@dataclass(slots=True)
class SiteMeeting:
    """A meeting as the site shows it."""

    folder: str
    committee: str
    date: dt.date
    date_text: str
    time: str
    venue: str
    contact: str
    lines: list[dict[str, object]] = field(default_factory=list)
    documents: list[Published] = field(default_factory=list)
    minutes: Published | None = None
    members: list[str] = field(default_factory=list)
    stamp: int = 0
    pack_pages: int | None = None
    """The public agenda pack's pages, when the site holds its PDF."""
    meeting_file: Path | None = None
    """Its meeting.yaml, when it has one (a meeting known only by its minutes has none)."""
    minutes_file: Path | None = None
    """Its own minutes.yaml, when written."""
    pack: bytes | None = None
    """The public agenda pack's PDF, when built (never the confidential pack)."""
    decisions: list[Decision] = field(default_factory=list)
    """The decisions of its minutes (:mod:`reportgen.decisions`), by number."""

    @property
    def page(self) -> str:
        """Its page's path in the site."""
        return f"{slug(self.committee)}/{self.folder}/index.html"

    def set_pack(self, pdf: bytes) -> None:
        """Publish ``pdf`` (the public pack) with the meeting, its pages counted."""
        from reportgen.pack.assemble import page_count

        self.pack = pdf
        self.pack_pages = page_count(pdf)


@dataclass(frozen=True, slots=True)
class Site:
    """What the pages are made from."""

    meetings: list[SiteMeeting]
    boilerplate: Boilerplate
    today: dt.date
    """The day the decisions' call-in status is given for."""
    register: DecisionsRegister
    """Every decision of the minutes found, newest first."""
    plan: Document
    """The forward plan of the key decisions of the meetings found (:mod:`reportgen.forward_plan`),
    from the first meeting's date to the last's."""


PACK = "agenda-pack.pdf"
"""The public agenda pack's name in its meeting's folder of the site."""

Page = tuple[str, str, dict[str, object]]
"""A page: its path in the site, its template (under templates/site/) and its fields."""

PAGES: list[Callable[[Site], list[Page]]] = []
"""The functions that make the site's pages: the extension point; a new page (the forward
plan, a decisions register) is one more entry."""


def page(make: Callable[[Site], list[Page]]) -> Callable[[Site], list[Page]]:
    """Register ``make`` as a maker of pages."""
    PAGES.append(make)
    return make


def _newest_first(site: Site) -> list[SiteMeeting]:
    return sorted(site.meetings, key=lambda m: m.date, reverse=True)


@page
def index_page(site: Site) -> list[Page]:
    """The index: the committees and the meetings, newest first."""
    return [("index.html", "index.html.j2", {"meetings": _newest_first(site)})]


@page
def committee_pages(site: Site) -> list[Page]:
    """A page per committee: its membership (the newest meeting's) and its meetings."""
    pages: list[Page] = []
    for name in sorted({m.committee for m in site.meetings}):
        meetings = [m for m in _newest_first(site) if m.committee == name]
        members = next((m.members for m in meetings if m.members), [])
        pages.append(
            (
                f"{slug(name)}/index.html",
                "committee.html.j2",
                {"committee": name, "meetings": meetings, "members": members},
            )
        )
    return pages


@page
def meeting_pages(site: Site) -> list[Page]:
    """A page per meeting: when, where, contact, agenda, its documents, minutes and
    decisions."""
    pages: list[Page] = []
    for m in site.meetings:
        text = [f"{d.number} {d.title} {' '.join(d.resolved)}" for d in m.decisions]
        fields: dict[str, object] = {"meeting": m, "search_text": text}
        pages.append((m.page, "meeting.html.j2", fields))
    return pages


def slug(text: str) -> str:
    """``text`` as a folder name: lower case, words joined by hyphens."""
    out = "".join(c if c.isalnum() else "-" for c in text.casefold())
    return "-".join(part for part in out.split("-") if part)


def load_site(folder: Path, boilerplate_dir: Path | None, today: dt.date | None = None) -> Site:
    """Every meeting under ``folder`` (a meeting.yaml or minutes.yaml per sub-folder)
    resolved, with the decisions of its minutes (their status as of ``today``, by default
    :func:`reportgen.decisions.reproducible_today`) and the forward plan of the meetings found;
    raises one error with every problem."""
    from reportgen.api import working_on
    from reportgen.boilerplate import load_boilerplate
    from reportgen.decisions import reproducible_today
    from reportgen.errors import Location, Problems, ReportError
    from reportgen.profile import profile_for
    from reportgen.reads import note_listing
    from reportgen.resolve.style import HouseRules

    problems = Problems()
    day = today or reproducible_today()
    for name in ("meeting.yaml", "minutes.yaml"):
        note_listing(folder, f"*/{name}")
    folders = sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
    found = [p for p in folders if (p / "meeting.yaml").exists() or (p / "minutes.yaml").exists()]
    if not found:
        problems.add(
            "O577",
            f"{folder} holds no meeting (no sub-folder with a meeting.yaml or minutes.yaml)",
            Location(str(folder)),
            "give the folder of meetings, one sub-folder per meeting",
        )
        problems.raise_if_any()
    boilerplate = load_boilerplate(profile_for([folder], boilerplate_dir))
    rules = HouseRules(boilerplate.style)
    meetings: list[SiteMeeting] = []
    for sub in found:
        try:
            with working_on(str(sub)):
                meetings.append(_one(sub, boilerplate, rules))
        except ReportError as exc:
            problems.extend(exc.problems)
    problems.raise_if_any()
    register, plan = _register_and_plan(folder, meetings, boilerplate, boilerplate_dir, day)
    _link_minutes(meetings)
    for meeting in meetings:
        if meeting.minutes_file is not None:
            own = meeting.minutes_file.resolve()
            meeting.decisions = sorted(
                (d for d in register.decisions if Path(d.minutes).resolve() == own),
                key=lambda d: d.number,
            )
    return Site(meetings, boilerplate, day, register, plan)


def _register_and_plan(
    folder: Path,
    meetings: list[SiteMeeting],
    boilerplate: Boilerplate,
    boilerplate_dir: Path | None,
    today: dt.date,
) -> tuple[DecisionsRegister, Document]:
    """The register of the decisions of every minutes.yaml under ``folder``, and the forward
    plan of the key decisions of its meetings, from the first meeting's date to the last's:
    what ``reportgen register`` and ``reportgen forward-plan`` make of the same folder."""
    from reportgen.api import forward_plan
    from reportgen.decisions import decisions_register
    from reportgen.errors import Problems, ReportError
    from reportgen.forward_plan import plan

    problems = Problems()
    register = None
    try:
        register = decisions_register([folder], boilerplate.calendar, today=today)
    except ReportError as exc:
        problems.extend(exc.problems)
    start = min(m.date for m in meetings)
    end = max(m.date for m in meetings)
    document = None
    try:
        if any(m.meeting_file is not None for m in meetings):
            document = forward_plan([folder], start, end, boilerplate_dir)
        else:
            document = plan([], start, end, boilerplate)
    except ReportError as exc:
        problems.extend(exc.problems)
    problems.raise_if_any()
    assert register is not None and document is not None
    return register, document


def _link_minutes(meetings: list[SiteMeeting]) -> None:
    """Link each agenda's "minutes of the last meeting" to those minutes' page, when the site
    holds them (the meeting whose minutes they are is one of ``meetings``)."""
    pages = {
        m.minutes_file.resolve(): f"{slug(m.committee)}/{m.folder}/minutes.html"
        for m in meetings
        if m.minutes_file is not None and m.minutes is not None
    }
    for meeting in meetings:
        for line in meeting.lines:
            confirms = line.get("confirms")
            if isinstance(confirms, Path) and confirms in pages:
                links = line["links"]
                assert isinstance(links, list)
                links.insert(0, (relative(meeting.page, pages[confirms]), str(line["title"])))


def _one(sub: Path, boilerplate: Boilerplate, rules: HouseRules) -> SiteMeeting:
    """The meeting of the folder ``sub``: its meeting file's, else its minutes'."""
    from reportgen.api import _resolve_document
    from reportgen.load import load_file
    from reportgen.meeting import load_meeting, own_minutes
    from reportgen.model_meeting import Minutes
    from reportgen.validate import validate

    words = boilerplate.site
    meeting_file, minutes_file = sub / "meeting.yaml", sub / "minutes.yaml"
    minutes = None
    if minutes_file.exists() and not meeting_file.exists():
        doc = _resolve_document(minutes_file, boilerplate)
        minutes = Published("minutes.html", doc.meta.title, doc, minutes_file)
    stamp = _stamp(sub)
    if meeting_file.exists():
        resolved = load_meeting(meeting_file, boilerplate)
        own = own_minutes(resolved)
        if own is not None:
            minutes = Published("minutes.html", own[2].meta.title, own[2], minutes_file)
        m = resolved.meeting
        contact = (m.contact.name, m.contact.phone, m.contact.email)
        site = SiteMeeting(
            sub.name,
            m.committee,
            m.date,
            rules.date(m.date),
            str(m.time),
            m.venue,
            ", ".join(x for x in contact if x),
            members=[x.name for x in m.membership],
            stamp=stamp,
        )
        for item in resolved.items:
            published = [
                Published(f"{d.source.stem}.html", d.name, d.document, d.source)
                for d in item.documents
                if not d.exempt and d.document is not None and d.document.meta.kind != "minutes"
            ]
            site.documents.extend(published)
            line = item.line
            confirms = [
                d.source.resolve()
                for d in item.documents
                if d.document is not None and d.document.meta.kind == "minutes"
            ]
            site.lines.append(
                {
                    "number": line.number,
                    "title": line.title,
                    "sub_items": list(line.sub_items),
                    "exempt": words.exempt.format(paragraph=line.exempt) if line.exempt else "",
                    "links": [(p.path, p.title) for p in published],
                    "withheld": [  # exempt appendices of a public report: titled, never linked
                        (d.notice.meta.title, words.exempt.format(paragraph=d.paragraph))
                        for d in item.documents
                        if d.exempt and d.notice is not None
                    ],
                    "confirms": confirms[0] if confirms else None,
                }
            )
    else:
        record = validate(load_file(minutes_file), Minutes)
        site = SiteMeeting(
            sub.name,
            record.committee,
            record.date,
            rules.date(record.date),
            record.time,
            "",
            "",
            members=[a.name for a in record.members],
            stamp=stamp,
        )
    site.minutes = minutes
    site.meeting_file = meeting_file if meeting_file.exists() else None
    site.minutes_file = minutes_file if minutes_file.exists() else None
    return site


def _stamp(folder: Path) -> int:
    """When the meeting was last changed: SOURCE_DATE_EPOCH, else its newest file's time."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return int(epoch)
    return int(max(p.stat().st_mtime for p in folder.iterdir() if p.is_file()))


def _root(path: str) -> str:
    """The relative way from the page at ``path`` back to the site's root."""
    depth = path.count("/")
    return "../" * depth


def render_site(site: Site) -> dict[str, bytes]:
    """Every file of the site, by its path in it: the pages, the published documents' HTML
    editions, site.css, search.json, meetings.ics and feed.xml."""
    from jinja2 import Environment, PackageLoader, select_autoescape

    from reportgen.writers.html import render_html

    env = Environment(
        loader=PackageLoader("reportgen", "templates/site"),
        autoescape=select_autoescape(["j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    from reportgen import site_pages  # its pages: the forward plan and the register
    from reportgen.resolve.style import HouseRules

    env.filters["slug"] = slug
    env.filters["date"] = HouseRules(site.boilerplate.style).date
    env.filters["inlines"] = site_pages.inline_html
    words = site.boilerplate.site
    look = site.boilerplate.look
    files: dict[str, bytes] = {}
    logo = site.boilerplate.logo
    logo_path = None
    if logo is not None:
        logo_path = "logo.png" if logo.media_type == "image/png" else "logo.jpg"
        files[logo_path] = logo.data
    pages = [p for make in PAGES for p in make(site)]
    nav = [(path, str(fields["nav_label"])) for path, _, fields in pages if "nav_label" in fields]
    titles: dict[str, str] = {}
    for path, template, fields in pages:
        html = env.get_template(template).render(
            words=words,
            look=look,
            root=_root(path),
            path=path,
            nav=nav,
            logo=logo_path,
            today=site.today,
            pack=PACK,
            **fields,
        )
        files[path] = html.encode("utf-8")
    for meeting in site.meetings:
        if meeting.pack is not None:
            files[f"{slug(meeting.committee)}/{meeting.folder}/{PACK}"] = meeting.pack
    search: list[dict[str, object]] = []
    for meeting in site.meetings:
        folder = f"{slug(meeting.committee)}/{meeting.folder}"
        published = list(meeting.documents) + ([meeting.minutes] if meeting.minutes else [])
        for doc in published:
            target = f"{folder}/{doc.path}"
            files[target] = render_html(doc.document).encode("utf-8")
            titles[target] = doc.title
            search.append(
                {"url": target, "title": doc.title, "text": _texts(doc.document, doc.source.parent)}
            )
    for path, _, fields in pages:
        text = fields.get("search_text", [])
        assert isinstance(text, list)
        search.append({"url": path, "title": str(fields.get("title", "")), "text": text})
    css = (Path(__file__).parent / "templates" / "site.css").read_text(encoding="utf-8")
    files["site.css"] = (css + _look_css(site)).encode("utf-8")
    files["search.js"] = (Path(__file__).parent / "templates" / "site" / "search.js").read_bytes()
    index = json.dumps(search, ensure_ascii=False, indent=1)
    files["search.json"] = index.encode("utf-8")
    # the same index as a script: a page opened from disk may load it where fetch() may not
    script = (
        f"/* The search index (search.json) as a script. */\nwindow.reportgenSearch = {index};\n"
    )
    files["search-index.js"] = script.encode("utf-8")
    files["meetings.ics"] = calendar(site)
    files["feed.xml"] = atom(site, titles)
    return files


def _look_css(site: Site) -> str:
    look = site.boilerplate.look
    rules = []
    if look.heading_colour:
        rules.append(f":root {{ --band: {look.heading_colour}; }}")
    if look.font:
        rules.append(f"body {{ font-family: {json.dumps(look.font)}, Arial, sans-serif; }}")
    return "\n/* the profile's look (look.yaml) */\n" + "\n".join(rules) + "\n" if rules else ""


def _texts(document: Document, folder: Path) -> list[str]:
    """The published text of ``document``: its headings and paragraphs, each paragraph with its
    number as printed (from its open data, so the numbers are the editions')."""
    from reportgen.opendata import report_data

    out: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("type") == "paragraph":
                out.append(str(node["printed"]))
            elif node.get("type") == "heading" or (
                "heading" in node and isinstance(node.get("heading"), str)
            ):
                out.append(str(node.get("text") or node.get("heading")))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(report_data(document, folder).model_dump(mode="json"))
    return [t for t in out if t.strip()]


def _fold(line: str) -> bytes:
    """An iCalendar content line folded at 75 octets, ended with CRLF."""
    data = line.encode("utf-8")
    parts: list[bytes] = []
    limit = 75
    while len(data) > limit:
        cut = limit
        while cut > 0 and (data[cut] & 0xC0) == 0x80:  # never inside a character
            cut -= 1
        parts.append(data[:cut])
        data = data[cut:]
        limit = 74  # a continuation line starts with a space
    parts.append(data)
    return b"\r\n ".join(parts) + b"\r\n"


def _ical_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _utc(stamp: int) -> str:
    return dt.datetime.fromtimestamp(stamp, dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _start(meeting: SiteMeeting) -> str:
    """The meeting's start as Europe/London local time (a TZID with the VTIMEZONE)."""
    import re

    found = re.match(r"(\d{1,2})[.:](\d{2})\s*([ap]m)?", meeting.time.strip(), re.IGNORECASE)
    hour, minute = (int(found[1]), int(found[2])) if found else (0, 0)
    if found and found[3] and found[3].lower() == "pm" and hour < 12:
        hour += 12
    return f"{meeting.date:%Y%m%d}T{hour:02d}{minute:02d}00"


_VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/London",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "TZNAME:BST",
    "DTSTART:19700329T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "TZNAME:GMT",
    "DTSTART:19701025T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def calendar(site: Site) -> bytes:
    """meetings.ics: one VEVENT per meeting, in Europe/London time."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//reportgen//site//EN", *_VTIMEZONE]
    for m in sorted(site.meetings, key=lambda x: x.date):
        folder = f"{slug(m.committee)}/{m.folder}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:{folder}@reportgen",
            f"DTSTAMP:{_utc(m.stamp)}",
            f"DTSTART;TZID=Europe/London:{_start(m)}",
            f"SUMMARY:{_ical_text(m.committee)}",
            f"LOCATION:{_ical_text(m.venue)}",
            f"URL:{folder}/index.html",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return b"".join(_fold(line) for line in lines)


def atom(site: Site, titles: dict[str, str]) -> bytes:
    """feed.xml: an Atom entry per published document."""
    stamps = {
        f"{slug(m.committee)}/{m.folder}/{d.path}": m.stamp
        for m in site.meetings
        for d in [*m.documents, *([m.minutes] if m.minutes else [])]
    }
    newest = max(stamps.values(), default=0)

    def when(stamp: int) -> str:
        return dt.datetime.fromtimestamp(stamp, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <id>urn:reportgen:site:{escape(slug(site.boilerplate.site.site_title))}</id>",
        f"  <title>{escape(site.boilerplate.site.site_title)}</title>",
        f"  <updated>{when(newest)}</updated>",
        "  <author><name>reportgen</name></author>",
        '  <link rel="alternate" href="index.html"/>',
    ]
    for path in sorted(titles):
        out += [
            "  <entry>",
            f"    <id>urn:reportgen:site:{escape(path)}</id>",
            f"    <title>{escape(titles[path])}</title>",
            f"    <updated>{when(stamps[path])}</updated>",
            f'    <link rel="alternate" href="{escape(path)}"/>',
            "  </entry>",
        ]
    out.append("</feed>")
    return ("\n".join(out) + "\n").encode("utf-8")


def relative(page: str, target: str) -> str:
    """The link from ``page`` to ``target`` (both paths in the site)."""
    return posixpath.relpath(target, posixpath.dirname(page) or ".")
