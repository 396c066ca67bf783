"""A Word report in a council's format imported into a report's YAML.

:func:`import_word` walks a Word file read by :mod:`reportgen.word.read` with the council's
profile: the headings it prints open its sections (:mod:`reportgen.word.headings`); the lines
before the first are the header's fields (header.yaml's labels and print patterns); each
section's paragraphs become its blocks: numbered paragraphs (the number Word numbering printed
or one typed by hand, dropped, since reportgen numbers them), unnumbered ones, sub-headings
(lettered ones too), lettered items, bullets and nested bullets, quotations with their source
and tables; the recommendations, signature, contacts, background papers, electoral divisions
and the reviewers' comments (each kind a comment file beside the report).

Typed references ("see paragraph 15", "paragraphs 6 and 7", "paragraphs 9 to 13",
"recommendation 2") become ``{{ ref() }}`` calls, and their targets get labels: the bookmark a
Word ``REF`` field names (a file reportgen built), else the target's first words, slugified and
unique. Tables become typed tables when a column holds amounts: money, decimal, integer and
percentage columns recognised from their cells, a Total row a computed total with the printed
value as ``stated:`` and Sub-total rows groups with theirs, so the first build shows every total
that does not add up (F601). Bold, italic and links are kept as Markdown.

Nothing is dropped: a paragraph that cannot be placed is kept as an unnumbered paragraph of the
nearest section with a comment saying why, and listed at the end with the Word paragraph it came
from. The wording of the comments is in ``reportgen/word/words.yaml``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reportgen.word.audit import amount, row_kind, words
from reportgen.word.emit import Noted, emit
from reportgen.word.headings import Headings, Opened, fold
from reportgen.word.read import Paragraph, Run, Table, WordFile

if TYPE_CHECKING:
    from reportgen.boilerplate import Boilerplate

BODY_SECTIONS = ("purpose", "information", "other_options", "reasons")
"""The standard sections whose content is a body of blocks."""


def say(key: str, **values: object) -> str:
    """The import's wording ``key`` (words.yaml's ``import``), filled with ``values``."""
    node: Any = words()["import"]
    for part in key.split("."):
        node = node[part]
    return " ".join(str(node).split()).format(**values)


@dataclass
class Imported:
    """What an import made: the report's data, its comment files, and what it placed."""

    report: dict[str, Any]
    comments: dict[str, dict[str, Any]]
    paragraphs: int = 0
    tables: int = 0
    references: int = 0
    unplaced: list[tuple[int, str, str]] = field(default_factory=list)
    """The paragraphs not placed: their Word paragraph, text and why."""
    unresolved: int = 0
    """References typed as text that point at no paragraph."""

    def yaml(self, source: str) -> str:
        """The report as YAML, with its comments."""
        header = say("header", source=source)
        if self.unplaced:
            listed = "\n".join(
                say("listed", index=i, text=_short(t), why=w) for i, t, w in self.unplaced
            )
            data = dict(self.report)
            text = emit(data, header)
            return (
                text
                + "\n"
                + "\n".join(f"# {line}" for line in (say("unplaced_title"), *listed.splitlines()))
                + "\n"
            )
        return emit(self.report, header)

    def comment_yaml(self, kind: str, source: str) -> str:
        """The comment file of reviewer ``kind``."""
        return emit(self.comments[kind], say("comment_header", source=source, kind=kind))


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 70 else text[:69] + "…"


# --- text ------------------------------------------------------------------------------------

_JOINER = "\u2060"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("[", "\\[")


def markdown(runs: Sequence[Run]) -> str:
    """``runs`` as Markdown: bold, italic and links kept; the word joiners a Word file built by
    reportgen carries left out (reportgen puts them back)."""
    out: list[str] = []
    groups: list[tuple[tuple[bool, bool, str | None], str]] = []
    for run in runs:
        key = (run.bold, run.italic, run.link)
        text = run.text.replace(_JOINER, "").replace("\n", " ").replace("\t", " ")
        if groups and groups[-1][0] == key:
            groups[-1] = (key, groups[-1][1] + text)
        else:
            groups.append((key, text))
    for (bold, italic, link), text in groups:
        core = text.strip()
        if not core:
            out.append(text)
            continue
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        shown = _escape(core)
        if link and not link.startswith("#"):
            shown = f"[{shown}]({link})"
        if italic:
            shown = f"*{shown}*"
        if bold:
            shown = f"**{shown}**"
        out.append(lead + shown + trail)
    return " ".join("".join(out).split(" ")).strip().replace("  ", " ")


def _slug(text: str) -> str:
    text = re.sub(r"\{\{.*?\}\}|\*\*|\*|\\|\[|\]\([^)]*\)", " ", text)
    words_ = re.findall(r"[a-z0-9]+", text.lower())[:4]
    slug = "-".join(words_)[:50].strip("-")
    return slug if slug and slug[0].isalpha() else f"p-{slug}" if slug else "p"


# --- references ------------------------------------------------------------------------------

_REF = re.compile(
    r"(?P<open>\*\*)?(?P<word>paragraphs?|recommendations?)\s+(?P<numbers>\d+(?:\.\d+)*"
    r"(?:(?:\s*,\s*|\s+and\s+|\s+to\s+|\s*&\s*)\d+(?:\.\d+)*)*)(?P<close>\*\*)?"
    r"(?![\d.]*\d)"
)


_APPENDIX = re.compile(r"(?P<open>\*\*)?\bAppendix\s+(?P<n>\d{1,2}|[A-Z])\b(?P<close>\*\*)?")
"""A typed reference to an appendix: 'Appendix 1' or 'Appendix A'."""


@dataclass
class _Target:
    entry: dict[str, Any]
    text: str
    bookmark: str | None = None


@dataclass
class _Text:
    """A text waiting for its references: its Markdown and the REF fields' bookmarks."""

    markdown: str
    refs: list[tuple[str, str]]
    """(cached number, bookmark) of each REF field, in order."""


# --- the importer ----------------------------------------------------------------------------


class _Importer:
    def __init__(self, word: WordFile, boilerplate: Boilerplate) -> None:
        self.word = word
        self.bp = boilerplate
        self.headings = Headings(boilerplate)
        self.report: dict[str, Any] = {}
        self.header: dict[str, Any] = {}
        self.sections: dict[str, list[Any]] = {}
        self.implications: dict[str, list[Any]] = {}
        self.recommendations: dict[str, Any] = {}
        self.comments: dict[str, dict[str, Any]] = {}
        self.signature: list[str] = []
        self.contacts: list[dict[str, Any]] = []
        self.papers: list[Any] = []
        self.divisions: list[str] = []
        self.statutory: dict[str, Any] | None = None
        self.overrides: dict[str, str] = {}
        self.style: dict[str, Any] = {}
        self.current: Opened | None = None
        self.blocks: list[Any] | None = None
        self.numbers: dict[str, _Target] = {}
        self.recommendation_numbers: dict[str, _Target] = {}
        self.texts: list[tuple[dict[str, Any], str, _Text]] = []
        self.caption: str | None = None
        self.caption_of: Paragraph | None = None
        self.last_blocks: list[Any] | None = None
        self.imported = Imported({}, {})
        self.labels: set[str] = set()
        self.appendix_labels: dict[str, str] = {}
        self.appendix_list: list[Any] = []
        self.appendices_lettered = False
        self.title: list[str] = []

    # the walk -------------------------------------------------------------------------------

    def run(self) -> Imported:
        blocks = list(self.word.blocks)
        for i, block in enumerate(blocks):
            if isinstance(block, Table):
                self.table(block)
            elif not block.text.strip() and block.pictures:
                self.imported.unplaced.append((block.index, say("picture"), say("why.picture")))
            elif block.text.strip():
                before = blocks[i - 1] if i else None
                after = blocks[i + 1] if i + 1 < len(blocks) else None
                self.paragraph(self._restored(block, before, after))
        self.finish()
        return self.imported

    def _restored(self, p: Paragraph, before: object, after: object) -> Paragraph:
        """A paragraph whose typed "*" is a footnote's mark, not a bullet, with it put back."""
        if p.numbering != "typed" or p.number not in ("*", "o"):
            return p
        near = [b for b in (before, after) if isinstance(b, Paragraph) and b.kind == "bullet"]
        if near:
            return p
        runs = (Run(p.typed, *_format_of(p.runs)), *p.runs) if p.runs else p.runs
        return Paragraph(
            p.index, runs, p.style, p.outline, None, None, 0, None, None, p.indent, p.bookmarks
        )

    def flush_caption(self) -> None:
        """A caption no table followed (a picture's or a chart's): kept, as not placed."""
        if self.caption is not None and self.caption_of is not None:
            self.caption = None
            self.imported.paragraphs -= 1
            self.unplaced(self.caption_of, "caption", into=self.last_blocks)
        self.caption = None

    def paragraph(self, p: Paragraph) -> None:
        text = p.text.strip()
        if self.caption is not None and "caption" not in p.style.lower():
            self.flush_caption()
        opened = None
        if p.outline == 0 or not (p.number and p.kind in ("decimal", "lowerLetter")):
            opened = self.headings.opened(text) or self._alias(p)
        if opened is not None:
            self.open(opened, p)
            return
        if "Reference" in p.style and self.current is not None:
            self.header["reference"] = text
            self.imported.paragraphs += 1
            return
        section = self.current.section if self.current else None
        if section is None and p.style == "Title" and not self.title:
            self.title.append(text)
            self.imported.paragraphs += 1
        elif section is None:
            self.header_line(p)
        elif section in BODY_SECTIONS or section in self.bp.sections.own():
            self.body(p, self.sections.setdefault(section, []))
        elif section == "implications":
            self.body(p, self.implications.setdefault(self.current.kind or "", []))  # type: ignore[union-attr]
        elif section == "comments":
            kind = self.current.kind or ""  # type: ignore[union-attr]
            self.body(p, self.comments[kind]["body"])
        elif section == "recommendations":
            self.recommendation(p)
        elif section == "contacts":
            self.contact(p)
        elif section == "background_papers":
            self.paper(p)
        elif section == "electoral_divisions":
            if re.fullmatch(r"[A-Z]{2,}\d+\b.*", text) and "reference" not in self.header:
                self.header["reference"] = text  # the report's reference, printed last
            else:
                self.divisions.extend(x.strip() for x in p.text.split("\n") if x.strip())
            self.imported.paragraphs += 1
        elif section == "statutory":
            self.statutory_paragraph(p)
        else:  # pragma: no cover - every section is handled above
            self.unplaced(p, "section")

    def _alias(self, p: Paragraph) -> Opened | None:
        """A section heading the report words its own way (``headings:``): a heading of the
        top level whose words begin the standard heading's, e.g. 'Information'."""
        if p.outline != 0 and not (p.outline is None and p.bold and not p.number):
            return None
        folded = fold(p.text)
        aliases = words()["import"].get("aliases", {})
        if folded in aliases:
            section, _, kind = str(aliases[folded]).partition(":")
            return Opened(section, kind or None)
        for key, heading in self.bp.headings.sections.items():
            standard = fold(heading)
            prefix = p.outline == 0 and standard.startswith(folded + " ")
            if folded and (prefix or folded == fold(key.replace("_", " "))):
                self.overrides[key] = p.text.strip()
                return Opened(key)
        return None

    def open(self, opened: Opened, p: Paragraph) -> None:
        self.imported.paragraphs += 1
        standard = self.bp.headings.sections.get(opened.section)  # type: ignore[call-overload]
        if standard is not None and opened.kind is None and p.text.strip() != standard:
            self.overrides[opened.section] = p.text.strip()
        self.flush_caption()
        self.current = opened
        if opened.section == "comments" and opened.kind:
            date = _comment_date(opened.date or "", self.style)
            self.comments[opened.kind] = {
                "initials": (opened.initials or "XX").upper(),
                "date": date or Noted(dt.date(1900, 1, 1), say("no_date", text=opened.date)),
                "body": [],
            }
        if opened.section in ("statutory",):
            self.statutory = {}

    # the header ----------------------------------------------------------------------------

    def header_line(self, p: Paragraph) -> None:
        fields = self.bp.header.fields if hasattr(self.bp.header, "fields") else {}
        placed = False
        for part in p.text.split("\t"):
            part = part.strip()
            if not part:
                continue
            if self.header_part(part, fields):
                placed = True
            elif "committee" in self.header or "report_of" in self.header or "date" in self.header:
                self.title.append(part)
                placed = True
        if placed:
            self.imported.paragraphs += 1
        else:
            self.unplaced(p, "header")

    def header_table(self, table: Table) -> bool:
        """A header block laid out as a table, a label and a value a row: its fields read;
        False when it is not one."""
        fields = dict(self.bp.header.fields)
        labels = {fold(str(f.label)): name for name, f in fields.items() if f.label}
        read: dict[str, str] = {}
        for row in table.rows:
            if len(row) == 2 and fold(row[0].text) in labels:
                read[labels[fold(row[0].text)]] = " ".join(row[1].text.split())
        if len(read) < 2:
            return False
        for name, value in read.items():
            spec = fields[name]
            if spec.type == "date":
                date = _written_date(value)
                if date is None:
                    continue
                self.header["date"] = date[0]
                if date[1] and "{day_ordinal}" not in self.bp.style.date:
                    self.style["date"] = "{day_ordinal} {month} {year}"
            elif name == "title":
                self.title[:] = [value]
            elif name in ("committee", "report_of", "agenda_item", "reference"):
                self.header[name] = value
            elif spec.type == "list":
                self.report.setdefault("header", {})[name] = value.split(spec.join)
            else:
                self.report.setdefault("header", {})[name] = value
        return True

    def header_part(self, part: str, fields: Any) -> bool:
        found = _DATE_START.match(part)
        if found and found.group("rest").strip() and "date" not in self.header:
            self.header_part(found.group("date"), fields)  # a date run into what follows it
            rest = found.group("rest").strip()
            if not self.header_part(rest, fields):
                self.title.append(rest)
            return True
        date = _written_date(part)
        if date is not None and "date" not in self.header:
            self.header["date"] = date[0]
            if date[1] and "{day_ordinal}" not in self.bp.style.date:
                self.style["date"] = "{day_ordinal} {month} {year}"
            return True
        for name, spec in dict(fields).items():
            label = getattr(spec, "label", None)
            if not label or name in ("date", "title"):
                continue
            found = re.match(rf"^{re.escape(label)}\s*:?\s+(?P<value>.+)$", part, re.IGNORECASE)
            if found and name not in self.header:
                value = found.group("value").strip()
                if name in ("committee", "report_of", "agenda_item", "reference"):
                    self.header[name] = value
                else:
                    self.report.setdefault("header", {})[name] = value
                return True
        return False

    # bodies --------------------------------------------------------------------------------

    def text(self, p: Paragraph) -> _Text:
        refs = [(r.text.strip(), r.ref) for r in p.runs if r.ref]
        return _Text(markdown(p.runs), [(n, b) for n, b in refs if b])

    def later(self, entry: dict[str, Any], key: str, p: Paragraph, plain: bool = False) -> None:
        """``entry[key]`` to be ``p``'s text once every reference's target is known (``plain``:
        without the bold and italic its style gives a heading or a quotation)."""
        text = self.text(p)
        if plain:
            text.markdown = _escape(" ".join(p.text.replace(_JOINER, "").split()))
        entry[key] = ""
        self.texts.append((entry, key, text))

    def body(self, p: Paragraph, blocks: list[Any]) -> None:
        self.imported.paragraphs += 1
        self.last_blocks = blocks
        style = p.style.lower()
        text = p.text.strip()
        if "caption" in style:
            self.flush_caption()
            self.caption = " ".join(p.text.split())
            self.caption_of = p
            return
        if self._is_heading(p):
            entry: dict[str, Any] = {}
            self.later(entry, "heading", p, plain=True)
            level = max(1, min(3, p.outline)) if p.outline else 1
            if p.number and p.kind == "lowerLetter":
                entry["lettered"] = True
                if not p.outline:
                    level = 2
            if level != 1:
                entry["level"] = level
            blocks.append(entry)
            return
        if "quote" in style and "source" in style and blocks and "quote" in blocks[-1]:
            self.later(blocks[-1], "source", p, plain=True)
            return
        if "quote" in style:
            entry = {"quote": ""}
            quoted = self.text(p)
            quoted.markdown = _escape(" ".join(p.text.split()))
            self.texts.append((entry, "quote", _unquote(quoted, self.bp)))
            blocks.append(entry)
            return
        if p.kind == "bullet":
            self.bullet(p, blocks)
            return
        last = blocks[-1] if blocks else None
        if (
            p.number
            and p.kind in ("lowerLetter", "lowerRoman")
            and isinstance(last, dict)
            and "text" in last
            and not p.bold
        ):
            item: dict[str, Any] = {}
            self.later(item, "text", p)
            last.setdefault("items", []).append(item)
            return
        entry = {}
        self.later(entry, "text", p)
        if p.number and p.kind == "decimal" and (p.level == 0 or re.match(r"\d+\.\d", p.number)):
            key = p.number.strip(".)( ")
            self.numbers.setdefault(key, _Target(entry, text, _bookmark(p)))
        else:
            entry["numbered"] = False
            if p.number:  # a number of a form reportgen does not give a paragraph: kept as typed
                self.texts[-1][2].markdown = (
                    _escape(p.typed or p.number + " ") + self.texts[-1][2].markdown
                )
        blocks.append(entry)

    def _is_heading(self, p: Paragraph) -> bool:
        if p.outline is not None and p.outline >= 1 and not p.in_table:
            return True
        text = p.text.strip()
        return (
            p.bold
            and len(text) < 110
            and not text.endswith((".", ",", ";", ":"))
            and (not p.number or p.kind == "lowerLetter")
        )

    def bullet(self, p: Paragraph, blocks: list[Any]) -> None:
        last = blocks[-1] if blocks else None
        if (
            isinstance(last, dict)
            and ("text" in last or "bullets" in last)
            and "heading" not in last
        ):
            holder = last
            if last.get("items") and "bullets" not in last:
                holder = last["items"][-1]
        else:
            holder = {"bullets": []}
            blocks.append(holder)
        bullets = holder.setdefault("bullets", [])
        for _ in range(p.level):
            if not bullets:
                break
            if not isinstance(bullets[-1], dict):
                continue
            bullets = bullets[-1].setdefault("bullets", [])
        entry: dict[str, Any] = {}
        self.later(entry, "text", p)
        bullets.append(entry)

    # recommendations, signature, contacts, papers ------------------------------------------

    def recommendation(self, p: Paragraph) -> None:
        self.imported.paragraphs += 1
        items = self.recommendations.setdefault("items", [])
        if items and (p.kind == "bullet" or (p.number and p.kind == "lowerLetter")):
            entry: dict[str, Any] = {}
            self.later(entry, "text", p)
            items[-1].setdefault("bullets", []).append(entry)
            return
        if p.number and p.kind == "decimal":
            entry = {}
            self.later(entry, "text", p)
            items.append(entry)
            key = p.number.strip(".)( ")
            self.recommendation_numbers.setdefault(key, _Target(entry, p.text, _bookmark(p)))
            return
        if not items and "intro" not in self.recommendations:
            self.later(self.recommendations, "intro", p)
            return
        if items:
            self.signature.extend(line.strip() for line in p.text.split("\n") if line.strip())
            return
        self.imported.paragraphs -= 1
        self.unplaced(p, "recommendations")

    def contact(self, p: Paragraph) -> None:
        self.imported.paragraphs += 1
        phone, email = (
            self.bp.headings.contact.phone.split("{")[0].strip(),
            self.bp.headings.contact.email.split("{")[0].strip(),
        )
        for line in (x.strip() for x in p.text.split("\n")):
            if not line:
                continue
            current = self.contacts[-1] if self.contacts else None
            if phone and line.startswith(phone):
                if current is not None:
                    current["phone"] = line[len(phone) :].strip()
                continue
            if email and line.startswith(email):
                if current is not None:
                    current["email"] = line[len(email) :].strip()
                continue
            if current is None or "phone" in current or "email" in current or "team" in current:
                self.contacts.append({"name": line})
            elif "role" not in current:
                current["role"] = line
            else:
                current["team"] = line

    def paper(self, p: Paragraph) -> None:
        self.imported.paragraphs += 1
        text = p.text.strip()
        if fold(text) == fold(self.bp.background_papers.statement.format(**_anything())):
            return
        if fold(text) == fold(self.bp.background_papers.none):
            return
        if p.number and p.kind == "lowerLetter" and not self.bp.style.papers_lettered:
            self.style["papers_lettered"] = True
        links = {r.link for r in p.runs if r.link and not r.link.startswith("#")}
        if len(links) == 1:
            url = links.pop()
            shown = [r for r in p.runs if not (r.link == url and r.text.strip() == url)]
            title = markdown([Run(r.text, r.bold, r.italic) for r in shown])
            self.papers.append({"title": title, "url": url})
        else:
            self.papers.append(markdown(p.runs))

    def statutory_paragraph(self, p: Paragraph) -> None:
        standard = self.bp.statutory.wordings.get("standard")
        text = " ".join(p.text.split())
        if standard is not None and self.statutory is not None and not self.statutory:
            pattern = re.escape(" ".join(standard.text.split())).replace(
                re.escape("{areas}"), "(?P<areas>.+)"
            )
            found = re.fullmatch(pattern, text)
            if found:
                from reportgen.resolve.outline import join_areas

                areas = found.group("areas")
                self.imported.paragraphs += 1
                self.statutory["done"] = True
                if areas == join_areas(standard.areas):
                    return
                head, _, tail = areas.rpartition(" and ")
                parts = [*head.split(", "), tail] if head else [areas]
                if join_areas(parts) == areas:
                    self.statutory["areas"] = parts
                    return
                self.imported.paragraphs -= 1
        blocks = self._nearest_body()
        self.body(p, blocks)
        self.imported.paragraphs -= 1
        self.unplaced(p, "statutory", placed=blocks[-1] if blocks else None)

    def _nearest_body(self) -> list[Any]:
        for key in ("reasons", "other_options", "information"):
            if key in self.sections:
                return self.sections[key]
        return self.sections.setdefault("information", [])

    # tables --------------------------------------------------------------------------------

    def table(self, table: Table) -> None:
        section = self.current.section if self.current else None
        if section is None and self.header_table(table):
            self.imported.tables += 1
            return
        if section == "implications":
            blocks = self.implications.setdefault(self.current.kind or "", [])  # type: ignore[union-attr]
        elif section == "comments":
            blocks = self.comments[self.current.kind or ""]["body"]  # type: ignore[union-attr]
        elif section in BODY_SECTIONS or (section and section in self.bp.sections.own()):
            blocks = self.sections.setdefault(section, [])
        else:
            blocks = self._nearest_body()
            self.imported.unplaced.append(
                (table.after, say("table", index=table.index), say("why.table"))
            )
        money = self.bp.style.money
        units = {money.thousands_heading: "thousands", money.millions_heading: "millions"}
        block = typed_table(table, self.style, units) or plain_table(table)
        if self.caption:
            block = {"caption": self.caption, **block}
            self.caption = None
        blocks.append(block)
        self.imported.tables += 1

    # what is left -------------------------------------------------------------------------

    def unplaced(
        self,
        p: Paragraph,
        why: str,
        placed: dict[str, Any] | None = None,
        into: list[Any] | None = None,
    ) -> None:
        """``p`` kept as an unnumbered paragraph (``placed``, or a new one put ``into`` a
        section's blocks, else at the start of the purpose) with a comment saying ``why``."""
        reason = say(f"why.{why}")
        if placed is None:
            placed = {}
            self.later(placed, "text", p)
            placed["numbered"] = False
            (into if into is not None else self.pending_unplaced).append(placed)
        self.notes[id(placed)] = say("kept", index=p.index, why=reason)
        self.imported.unplaced.append((p.index, p.text, reason))

    pending_unplaced: list[dict[str, Any]]
    notes: dict[int, str]

    def finish(self) -> None:
        self.flush_caption()
        self.resolve_texts()
        report: dict[str, Any] = {}
        header = self.header
        for name in ("committee", "date", "agenda_item", "report_of"):
            if name in header:
                report[name] = header[name]
            elif name == "date":
                report[name] = Noted(dt.date(1900, 1, 1), say("missing_note"))
            elif name != "agenda_item":
                report[name] = Noted(say(f"missing.{name}"), say("missing_note"))
        if self.title:
            report["title"] = " ".join(self.title)
        else:
            report["title"] = Noted(say("missing.title"), say("missing_note"))
        if "reference" in header:
            report["reference"] = header["reference"]
        if "header" in self.report:
            report["header"] = self.report["header"]
        if self.overrides:
            report["headings"] = self.overrides
        if self.style.get("negative") == self.bp.style.negative:
            del self.style["negative"]
        comment_date = self.style.pop("_comment_date", None)
        if comment_date and comment_date != self.bp.style.comment_date:
            self.style["comment_date"] = comment_date
        if self.style:
            report["house_style"] = self.style
        if self.pending_unplaced:
            first = self.sections.setdefault("purpose", [])
            first[:0] = self.pending_unplaced
        for key in (*BODY_SECTIONS, *self.bp.sections.own()):
            blocks = self.sections.get(key)
            if blocks:
                report[key] = [self.plain(b) for b in blocks]
            elif key in ("purpose", "information"):
                report[key] = Noted([say("missing.section")], say("missing_note"))
        if self.statutory and self.statutory.get("areas"):
            report["statutory"] = {"areas": self.statutory["areas"]}
        if self.implications:
            report["implications"] = {
                k: [self.plain(b) for b in v] for k, v in self.implications.items() if v
            }
        recommendations = {
            k: self.recommendations[k] for k in ("intro", "items") if k in self.recommendations
        }
        if "items" in recommendations:
            recommendations["items"] = [self.plain(i) for i in recommendations["items"]]
        report["recommendations"] = recommendations or Noted(
            {"items": [say("missing.section")]}, say("missing_note")
        )
        if len(self.signature) >= 2:
            report["signed_by"] = {"name": self.signature[0], "title": " ".join(self.signature[1:])}
        elif self.bp.sections.use("signed_by") == "required":
            report["signed_by"] = Noted(
                {"name": say("missing.name"), "title": say("missing.name")},
                say("missing_note"),
            )
        if self.contacts:
            report["contacts"] = self.contacts
        elif self.bp.sections.use("contacts") == "required":
            report["contacts"] = Noted([{"name": say("missing.name")}], say("missing_note"))
        if self.papers:
            report["background_papers"] = self.papers
        if self.divisions:
            report["electoral_divisions"] = self.divisions
        if self.appendix_list:
            report["appendices"] = self.appendix_list
            if self.appendices_lettered:
                report["appendices_lettered"] = True
        self.imported.report = report
        self.imported.comments = {
            k: {
                **v,
                "body": [self.plain(b) for b in v["body"]]
                or Noted([say("missing.section")], say("missing_note")),
            }
            for k, v in self.comments.items()
        }

    def plain(self, block: Any) -> Any:
        """A block as it is written: a paragraph of text alone as its text."""
        if not isinstance(block, dict):
            return block
        out = {
            k: self.plain(v)
            if isinstance(v, dict)
            else [self.plain(x) for x in v]
            if isinstance(v, list) and k != "rows"
            else v
            for k, v in block.items()
        }
        note = self.notes.get(id(block))
        value: Any = out
        if set(out) == {"text"} and isinstance(out["text"], str):
            value = out["text"]
        if note:
            return Noted(value, note)
        return value

    def resolve_texts(self) -> None:
        self.appendix_labels = self.appendices()
        for entry, key, text in self.texts:
            entry[key] = self.references(text)

    def appendices(self) -> dict[str, str]:
        """The report's appendices, from the ones its text names ('Appendix 2', 'Appendix B'):
        numbered (or lettered) from the first to the last named, each a label for ``ref()``
        and a title to fill in; none when the text names none, or mixes numbers and letters."""
        named = {
            m.group("n") for _, _, text in self.texts for m in _APPENDIX.finditer(text.markdown)
        }
        if not named or len({n.isdigit() for n in named}) > 1:
            return {}
        lettered = not next(iter(named)).isdigit()
        last = max(ord(n) - ord("A") + 1 if lettered else int(n) for n in named)
        if last > 26:
            return {}
        keys = [chr(ord("A") + i) if lettered else str(i + 1) for i in range(last)]
        labels: dict[str, str] = {}
        listed: list[Any] = []
        for key in keys:
            label = f"appendix-{key.lower()}"
            self.labels.add(label)
            labels[key] = label
            title = say("missing.appendix") if key in named else say("missing.unnamed_appendix")
            listed.append({"label": label, "title": Noted(title, say("missing_note"))})
        self.appendix_list = listed
        self.appendices_lettered = lettered
        return labels

    def label_for(self, target: _Target) -> str:
        if "label" in target.entry:
            return str(target.entry["label"])
        base = target.bookmark or _slug(target.text)
        label, n = base, 2
        while label in self.labels:
            label, n = f"{base}-{n}", n + 1
        self.labels.add(label)
        target.entry["label"] = label
        return label

    def references(self, text: _Text) -> str:
        fields = dict(text.refs)

        def replace(found: re.Match[str]) -> str:
            numbers = re.findall(r"\d+(?:\.\d+)*", found.group("numbers"))
            joins = re.findall(r"\s+to\s+|\s+and\s+|\s*,\s*|\s*&\s*", found.group("numbers"))
            table = (
                self.recommendation_numbers
                if found.group("word").lower().startswith("recommendation")
                else self.numbers
            )
            targets = []
            for number in numbers:
                target = table.get(number)
                if target is None:
                    self.imported.unresolved += 1
                    return found.group(0)
                if number in fields and target.bookmark is None:
                    target.bookmark = _label_of(fields[number])
                targets.append(target)
            labels = [self.label_for(t) for t in targets]
            self.imported.references += 1
            if len(labels) == 2 and joins and "to" in joins[0]:
                call = f"ref('{labels[0]}', to='{labels[1]}')"
            else:
                call = "ref(" + ", ".join(f"'{label}'" for label in labels) + ")"
            opened, closed = bool(found.group("open")), bool(found.group("close"))
            if opened and closed:
                return "{{ " + call + " }}"
            if not opened and not closed:
                return "{{ " + call[:-1] + ", bold=False) }}"
            return found.group(0)

        def appendix(found: re.Match[str]) -> str:
            label = self.appendix_labels.get(found.group("n"))
            opened, closed = bool(found.group("open")), bool(found.group("close"))
            if label is None or opened != closed:
                return found.group(0)
            self.imported.references += 1
            return "{{ ref('" + label + "'" + ("" if opened else ", bold=False") + ") }}"

        return _APPENDIX.sub(appendix, _REF.sub(replace, text.markdown))


def _format_of(runs: Sequence[Run]) -> tuple[bool, bool]:
    return (runs[0].bold, runs[0].italic) if runs else (False, False)


def _bookmark(p: Paragraph) -> str | None:
    for name in p.bookmarks:
        if name.startswith("_Ref_"):
            return _label_of(name)
    return None


def _label_of(bookmark: str) -> str:
    return bookmark.removeprefix("_Ref_").replace("_", "-").lower()


def _unquote(text: _Text, bp: Boilerplate) -> _Text:
    opening, closing = bp.style.quotation_marks
    body = text.markdown.strip()
    for a, b in ((opening, closing), ("“", "”"), ('"', '"')):
        if body.startswith(a) and body.endswith(b) and len(body) > 2:
            body = body[len(a) : -len(b)]
            break
    return _Text(body, text.refs)


def _anything() -> dict[str, str]:
    class _Any(dict[str, str]):
        def __missing__(self, key: str) -> str:
            return ""

    return _Any()


_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}


_DATE_START = re.compile(
    r"^(?P<date>(?:[A-Za-z]+day,?\s+)?\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]+\s+\d{4})(?P<rest>.*)$"
)


def _written_date(text: str) -> tuple[dt.date, bool] | None:
    """``text`` read as a date written out ('14th March 2022'), with whether it is ordinal."""
    found = re.fullmatch(
        r"(?:[A-Za-z]+day,?\s+)?(\d{1,2})(st|nd|rd|th)?\s+([A-Za-z]+)\s+(\d{4})", text.strip()
    )
    if not found or found.group(3).lower() not in _MONTHS:
        return None
    try:
        return (
            dt.date(int(found.group(4)), _MONTHS[found.group(3).lower()], int(found.group(1))),
            bool(found.group(2)),
        )
    except ValueError:
        return None


def _comment_date(text: str, style: dict[str, Any]) -> dt.date | None:
    """A comment heading's date ('14/07/21', '09.04.13'); its form, when it is not the
    profile's, goes in ``style`` (the report's house style)."""
    found = re.fullmatch(r"(\d{1,2})([/.-])(\d{1,2})[/.-](\d{2}|\d{4})", text.strip())
    if not found:
        return None
    sep = found.group(2)
    pattern = "{dd}" + sep + "{mm}" + sep + ("{year}" if len(found.group(4)) == 4 else "{yy}")
    style.setdefault("_comment_date", pattern)
    day, month, year = (int(found.group(i)) for i in (1, 3, 4))
    if year < 100:
        year += 2000
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


# --- tables ----------------------------------------------------------------------------------


def _key(title: str, taken: set[str], n: int) -> str:
    words_ = re.findall(r"[a-z0-9]+", title.lower())[:3]
    key = "-".join(words_) or f"column-{n}"
    if not key[0].isalpha():
        key = f"c-{key}"
    key = key[:40].strip("-")
    base, i = key, 2
    while key in taken:
        key, i = f"{base}-{i}", i + 1
    taken.add(key)
    return key


def _column_type(title: str, values: Iterable[str]) -> tuple[str, dict[str, Any]] | None:
    values = [v for v in values if v.strip()]
    if not values:
        return None
    if all(v.strip().endswith("%") and amount(v.strip()[:-1]) is not None for v in values):
        return "percentage", {}
    amounts = [amount(v) for v in values]
    read = [a for a in amounts if a is not None]
    if len(read) < max(1, (len(values) + 1) // 2):
        return None
    money = any(a.money for a in read) or "£" in title
    if money:
        extra: dict[str, Any] = {}
        if any(re.search(r"\d(m|bn)$", v.strip()) for v in values):
            extra["short"] = True
        elif any(a.places == 2 for a in read):
            extra["pence"] = True
        heading = title.replace("’", "'").lower()
        if "£'000" in heading or "£000" in heading or "£k" in heading:
            extra["unit"] = "thousands"
        elif "£m" in heading and "short" not in extra:
            extra["unit"] = "millions"
        return "money", extra
    if all(a.places == 0 for a in read):
        return "integer", {}
    return "decimal", {}


def typed_table(
    table: Table,
    style: dict[str, Any] | None = None,
    units: dict[str, str] | None = None,
) -> dict[str, Any] | None:
    """``table`` as a typed table when a column holds amounts, else None; a negative printed
    in brackets sets ``style``'s ``negative`` (the report's house style)."""
    grid = [[c.replace(_JOINER, "") for c in row] for row in table.grid()]
    if len(grid) < 2 or table.width < 2:
        return None
    labels = [next((c for c in row if c.strip()), "") for row in grid]
    kinds = [row_kind(label) if i else None for i, label in enumerate(labels)]
    groups_at = [
        i
        for i, row in enumerate(grid)
        if i and kinds[i] is None and row[0].strip() and not any(c.strip() for c in row[1:])
    ]
    body = [i for i in range(1, len(grid)) if kinds[i] is None and i not in groups_at]
    header = grid[0]
    taken: set[str] = set()
    columns: list[dict[str, Any]] = []
    types: list[str] = []
    for c in range(table.width):
        kind = _column_type(header[c], (grid[r][c] for r in body)) if c else None
        title_lines = [x.strip() for x in header[c].split("\n") if x.strip()]
        if kind and kind[0] == "money" and len(title_lines) > 1 and units:
            unit = units.get(title_lines[-1])
            if unit is not None and kind[1].get("unit", "pounds") == unit:
                title_lines = title_lines[:-1]  # the unit reportgen prints under a title
        title = " ".join(title_lines)
        column: dict[str, Any] = {"title": title or f"Column {c + 1}"}
        column["key"] = _key(column["title"], taken, c + 1)
        if kind is not None:
            column["type"] = kind[0]
            column.update(kind[1])
        columns.append(column)
        types.append(kind[0] if kind else "text")
    if all(t == "text" for t in types):
        return None
    last_total = max((i for i, k in enumerate(kinds) if k == "total"), default=None)
    if last_total is not None and last_total != len(grid) - 1:
        return None  # rows after the total: kept as a plain table
    spans = {(cell.row, cell.column): cell for row in table.rows for cell in row}
    covered = {
        (cell.row + dr, cell.column + dc)
        for row in table.rows
        for cell in row
        for dr in range(cell.rows)
        for dc in range(cell.columns)
        if (dr, dc) != (0, 0)
    }

    def cell(r: int, c: int) -> Any:
        text = grid[r][c].replace("\n", " ").strip()
        if (r, c) in covered:
            return None
        if types[c] == "text":
            found = spans.get((r, c))
            if found is not None and (found.rows > 1 or found.columns > 1):
                spec: dict[str, Any] = {"text": text}
                if found.rows > 1:
                    spec["rows"] = found.rows
                if found.columns > 1:
                    spec["columns"] = found.columns
                return spec
            return text or None
        if not text:
            return None
        if types[c] == "percentage":
            return text
        value = amount(text)
        plain = re.fullmatch(r"[-−(]?£?[\d,]+(\.\d+)?\)?(m|k|bn)?", text)
        if value is None or (not plain and ("(" not in text or types[c] != "money")):
            return {"note": text}
        if not plain:  # an amount with a note of its own, "38,421 (SCP44)": the amount kept
            amount_text = text.split("(")[0].strip()
            changed.append(say("cell_note", printed=text, kept=amount_text))
            return _typed(amount_text)
        return _typed(text)

    if style is not None and any(
        re.fullmatch(r"\(£?[\d,.]+\)", grid[r][c].strip())
        for r in range(1, len(grid))
        for c in range(table.width)
        if types[c] != "text"
    ):
        style["negative"] = "brackets"

    def row(r: int) -> list[Any]:
        return [cell(r, c) for c in range(table.width)]

    def stated(r: int) -> Any:
        values = {
            columns[c]["key"]: _typed(grid[r][c])
            for c in range(1, table.width)
            if types[c] != "text" and amount(grid[r][c]) is not None
        }
        return values

    out: dict[str, Any] = {"columns": columns}
    changed: list[str] = []
    rows: list[Any] = []
    groups: list[dict[str, Any]] = []
    current: dict[str, Any] | None = None
    total: dict[str, Any] | None = None
    subtotal_label: str | None = None
    summed: set[str] = set()
    for r in range(1, len(grid)):
        if r in groups_at:
            current = {"group": grid[r][0].strip(), "rows": []}
            groups.append(current)
        elif kinds[r] == "subtotal":
            if current is None:
                current = {"rows": rows}
                rows = []
                groups.append(current)
            values = stated(r)
            summed |= set(values)
            current["stated"] = values
            subtotal_label = subtotal_label or labels[r].strip()
            current = None
        elif kinds[r] == "total":
            values = stated(r)
            summed |= set(values)
            total = {"label": labels[r].strip(), "stated": values}
        elif current is not None:
            current["rows"].append(row(r))
        elif groups:
            current = {"rows": [row(r)]}
            groups.append(current)
        else:
            rows.append(row(r))
    if rows:
        out["rows"] = rows
    if groups:
        for g in groups:
            if "stated" in g and len(g["stated"]) == 1:
                g["stated"] = next(iter(g["stated"].values()))
            if not g.get("rows"):
                g.pop("rows", None)
        out["groups"] = groups
    money = {columns[c]["key"] for c in range(table.width) if types[c] == "money"}
    if total is not None or groups:
        spec_total: dict[str, Any] = {"label": total["label"]} if total else {}
        if subtotal_label:
            spec_total["subtotal"] = subtotal_label
        if summed and summed != money:
            spec_total["columns"] = sorted(
                summed, key=lambda k: [c["key"] for c in columns].index(k)
            )
        if total is not None and total["stated"]:
            values = total["stated"]
            spec_total["stated"] = next(iter(values.values())) if len(values) == 1 else values
        out["total"] = spec_total or True
    if changed:
        return {
            "columns": Noted(columns, "\n".join(changed)),
            **{k: v for k, v in out.items() if k != "columns"},
        }
    return out


def _typed(text: str) -> str:
    """An amount as printed, as reportgen reads one: a negative in brackets with a minus."""
    text = text.strip()
    if text.startswith("(") and text.endswith(")"):
        return "-" + text[1:-1]
    return text.replace("−", "-")


def plain_table(table: Table) -> dict[str, Any]:
    """``table`` as a plain table of text cells, its spans kept."""
    rows: list[list[Any]] = []
    for row in table.rows:
        cells: list[Any] = []
        for cell in row:
            texts = [markdown(p.runs) for p in cell.paragraphs if p.text.strip()]
            text = texts[0] if texts else ""
            if cell.rows > 1 or cell.columns > 1 or len(texts) > 1:
                spec: dict[str, Any] = {"text": text} if text else {}
                if len(texts) > 1:
                    spec["paragraphs"] = texts[1:]
                if cell.rows > 1:
                    spec["rows"] = cell.rows
                if cell.columns > 1:
                    spec["columns"] = cell.columns
                cells.append(spec)
            else:
                cells.append(text)
        rows.append(cells)
    return {"table": rows}


def import_word(word: WordFile, boilerplate: Boilerplate) -> Imported:
    """The report a Word file holds, read through the council's ``boilerplate``."""
    importer = _Importer(word, boilerplate)
    importer.pending_unplaced = []
    importer.notes = {}
    return importer.run()
