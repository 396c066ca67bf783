"""Build a meeting's agenda packs: the public one and, when any item is exempt, the confidential.

The orchestration, in the order the data flows (STYLE: merge finished PDFs, don't re-render):

1. :func:`reportgen.meeting.load_meeting` resolves every document of the meeting;
2. each is written as Word, and every Word file of the pack (the reports, the minutes, the
   appendix documents, appendices given as .docx, and a first front sheet) becomes a PDF in
   one LibreOffice run;
3. the page ranges follow from the PDFs' page counts, the front sheet is made again with
   them, and again while its own length moves them (as LaTeX reruns for its contents page);
   a document's contents page, its numbers found from the first run, is converted again in
   the front sheet's first pass, so a pack starts LibreOffice twice. With
   ``--pdf-engine typst`` the documents and front sheets are typeset in process instead, and
   LibreOffice converts only appendices given as Word files;
4. :func:`reportgen.pack.assemble.assemble` makes each part safe
   (:func:`reportgen.pack.sanitise.sanitise`: an appendix PDF is untrusted data), merges each
   pack's parts, stamps the page numbers, and writes the outline and page labels.

The public pack is made only of public parts: an exempt item's documents are never among them,
and its line on the public front sheet is the title the meeting file gives it and the
exemption; an exempt appendix of a public report is a notice page in its place, and a document
whose public edition differs from its confidential one (:mod:`reportgen.exempt`) is printed in
each pack in that pack's edition. In the confidential pack every page of an exempt part is
stamped "NOT FOR PUBLICATION" with its paragraph of Schedule 12A. Both packs are written whole
or not at all.

A meeting with items added after its dispatch (:mod:`reportgen.supplement`) has supplementary
packs too, public and (when a late item or appendix is exempt) confidential, made by the same
steps in the same LibreOffice runs: each pack is an :class:`Edition`, a front sheet and the
documents it chooses; the main packs are the agenda as sent, without the late items.

Every document is keyed by its key in the meeting (its item and role, see
:class:`reportgen.meeting.PackDocument`), never by its file's name: two files of one name in
different folders are two documents everywhere, down to the files LibreOffice converts (which
:func:`reportgen.writers.pdf.convert` names by their place in the batch).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from reportgen.document import Document, Meta
from reportgen.errors import Location, Problems
from reportgen.exempt import stamp
from reportgen.meeting import PackDocument, ResolvedMeeting
from reportgen.writers import DEFAULT_PDF_ENGINE

Progress = Callable[[str], None]
"""Told what the build is doing, step by step (the CLI shows it as a progress bar)."""

_MAX_FRONT_PASSES = 4
"""A front sheet whose length still moves the ranges after this many passes is a problem."""


@dataclass(frozen=True, slots=True)
class Packs:
    """The finished packs, as bytes."""

    public: bytes
    confidential: bytes | None
    """None when no item or appendix of the agenda as sent is exempt."""
    supplement: bytes | None = None
    """The public supplementary pack; None when no item was added after dispatch."""
    supplement_confidential: bytes | None = None
    """None when no late item or appendix is exempt."""


@dataclass(frozen=True, slots=True)
class Edition:
    """One pack of a meeting: its name (its key among the converted files), public or not,
    and the agenda as sent or the supplement."""

    name: str
    public: bool
    supplement: bool


def editions(meeting: ResolvedMeeting) -> list[Edition]:
    """The packs ``meeting`` has: the public one; the confidential one when an item or
    appendix of the agenda as sent is exempt; and, when items were added after dispatch, the
    public supplement and, when one of them is exempt, the confidential supplement."""
    out: list[Edition] = []
    parts = [False, True] if meeting.has_supplement else [False]
    for supplement in parts:
        items = [item for item in meeting.items if (item.late is not None) == supplement]
        exempt = any(d.exempt for item in items for d in item.documents) or any(
            item.line.exempt is not None for item in items
        )
        prefix = "supplement-" if supplement else ""
        out.append(Edition(f"{prefix}public", True, supplement))
        if exempt:
            out.append(Edition(f"{prefix}confidential", False, supplement))
    return out


def pack_names(meeting: ResolvedMeeting) -> tuple[str, str]:
    """The file names of the public and the confidential pack, e.g.
    '2022-03-14-adult-social-care-and-public-health-committee.pdf' and '…-confidential.pdf'."""
    slug = "-".join(re.findall(r"[a-z0-9]+", meeting.meeting.committee.lower()))
    base = f"{meeting.meeting.date.isoformat()}-{slug}"
    return f"{base}.pdf", f"{base}-confidential.pdf"


def supplement_names(meeting: ResolvedMeeting) -> tuple[str, str]:
    """The file names of the public and the confidential supplementary pack, e.g.
    '2022-03-14-adult-social-care-and-public-health-committee-supplement.pdf' and
    '…-supplement-confidential.pdf'."""
    public, _ = pack_names(meeting)
    base = public.removesuffix(".pdf")
    return f"{base}-supplement.pdf", f"{base}-supplement-confidential.pdf"


def build_packs(
    meeting: ResolvedMeeting,
    *,
    timeout: float | None = None,
    progress: Progress | None = None,
    pdf_engine: str = DEFAULT_PDF_ENGINE,
) -> Packs:
    """Every pack of ``meeting`` (:func:`editions`); raises one error with every problem.

    ``pdf_engine`` makes the documents' PDFs, as for one report: ``libreoffice`` converts
    their Word files, the documents and a first front sheet in one run; ``typst`` typesets
    the documents and the front sheets in process, and LibreOffice is started only for
    appendices given as Word files."""
    from reportgen.pack.assemble import page_count
    from reportgen.pack.sanitise import read_appendix
    from reportgen.supplement import printed

    tell = progress or (lambda _: None)
    documents = meeting.documents(public=False)
    known = {doc.key for doc in documents}
    documents += [doc for doc in meeting.documents(public=True) if doc.key not in known]
    resolved = {
        doc.key: document for doc in documents if (document := printed(meeting, doc)) is not None
    }
    words: dict[str, bytes] = {}  # the appendices given as Word files
    metas: dict[str, Meta] = {}
    for doc in documents:
        if doc.key not in resolved and doc.file is not None and doc.file.suffix.lower() == ".docx":
            words[doc.key] = read_appendix(doc.file)
            metas[doc.key] = _front_meta(meeting, doc.name)
    each = {edition.name: edition for edition in editions(meeting)}
    kinds = list(each)

    def front(kind: str, pages: dict[int, tuple[int, int]]) -> Document:
        return meeting.agenda(pages, public=each[kind].public, supplement=each[kind].supplement)

    names = {doc.key: str(doc.source) for doc in documents}
    names.update({kind: _front_name(each[kind], meeting) for kind in kinds})
    typeset = _Typesetter(pdf_engine, names, timeout, tell)
    first = {kind: front(kind, _placeholder_pages(meeting)) for kind in kinds}
    pdfs = typeset.first(resolved, words, metas, first)
    for doc in documents:
        if doc.file is not None and doc.file.suffix.lower() == ".pdf":
            pdfs[doc.key] = read_appendix(doc.file)

    chosen = {
        kind: meeting.documents(public=each[kind].public, supplement=each[kind].supplement)
        for kind in kinds
    }
    fronts = {kind: pdfs[kind] for kind in kinds}
    agendas = {kind: first[kind] for kind in kinds}
    for attempt in range(_MAX_FRONT_PASSES):
        tell(f"front sheet, pass {attempt + 1}")
        ranges = {
            kind: _ranges(meeting, each[kind], pdfs, page_count(fronts[kind]), page_count)
            for kind in kinds
        }
        agendas = {kind: front(kind, ranges[kind]) for kind in kinds}
        again = typeset.again()  # a contents page's numbers, in the same run
        new = typeset.documents({**agendas, **again})
        moved = any(page_count(new[key]) != page_count(pdfs[key]) for key in again)
        pdfs.update({key: new[key] for key in again})
        settled = not moved and all(page_count(new[k]) == page_count(fronts[k]) for k in kinds)
        fronts = {kind: new[kind] for kind in kinds}
        if settled:
            break
    else:
        problems = Problems()
        problems.add(
            "M707",
            "the front sheet's length keeps changing the page ranges",
            Location(str(meeting.path)),
            "shorten the agenda's titles",
        )
        problems.raise_if_any()
    return _assembled(meeting, each, chosen, agendas, fronts, pdfs, tell)


class _Typesetter:
    """The finished PDFs of a pack's documents, by the engine the pack was asked for."""

    def __init__(
        self, engine: str, names: Mapping[str, str], timeout: float | None, tell: Progress
    ) -> None:
        self.engine = engine
        self.names = names
        self.timeout = timeout
        self.tell = tell
        self.pending: dict[str, Document] = {}

    def first(
        self,
        resolved: Mapping[str, Document],
        words: Mapping[str, bytes],
        metas: Mapping[str, Meta],
        fronts: Mapping[str, Document],
    ) -> dict[str, bytes]:
        """The PDF of every document, Word appendix and first front sheet: with LibreOffice in
        one run (a contents page's numbers found from that run's layout, for :meth:`again`),
        with Typst in process and the Word appendices alone in one LibreOffice run."""
        from reportgen.resolve.design import with_pages
        from reportgen.writers.contents_pages import heading_pages
        from reportgen.writers.docx.writer import render_docx
        from reportgen.writers.pdf import converted, finish

        if self.engine == "typst":
            out = self.documents({**resolved, **fronts})
            return {**out, **self._converted(dict(words), metas)}
        everything = {**resolved, **fronts}
        self.tell(f"writing {len(everything)} documents as Word")
        files = {key: render_docx(document) for key, document in everything.items()}
        metas = {**metas, **{key: document.meta for key, document in everything.items()}}
        self.tell("converting to PDF with LibreOffice")
        with converted({**files, **words}, self.names, self.timeout) as paths:
            out = {key: finish(path, metas[key], self.names[key]) for key, path in paths.items()}
            for key, document in resolved.items():
                if document.meta.contents is not None:
                    pages = heading_pages(document, paths[key].read_bytes())
                    self.pending[key] = with_pages(document, pages)
        return out

    def again(self) -> dict[str, Document]:
        """The documents whose contents page's numbers the first run found, to be converted
        once more with them, in the front sheet's first pass (one LibreOffice start for
        both); empty after that, and with Typst, which numbers a contents page itself."""
        pending, self.pending = self.pending, {}
        return pending

    def documents(self, documents: Mapping[str, Document]) -> dict[str, bytes]:
        """The finished PDFs of resolved documents."""
        if self.engine == "typst":
            from reportgen.writers.typst import render_pdfs

            self.tell(f"typesetting {len(documents)} documents with Typst")
            return render_pdfs(documents, {key: self.names[key] for key in documents})
        from reportgen.writers.docx.writer import render_docx

        files = {key: render_docx(document) for key, document in documents.items()}
        return self._converted(files, {key: d.meta for key, d in documents.items()})

    def _converted(self, files: dict[str, bytes], metas: Mapping[str, Meta]) -> dict[str, bytes]:
        """Word files as finished PDFs, in one LibreOffice run (none for no files)."""
        from reportgen.writers.pdf import finished

        if not files:
            return {}
        self.tell("converting to PDF with LibreOffice")
        return finished(files, metas, {key: self.names[key] for key in files}, self.timeout)


def _assembled(
    meeting: ResolvedMeeting,
    each: Mapping[str, Edition],
    chosen: Mapping[str, list[PackDocument]],
    agendas: Mapping[str, Document],
    fronts: Mapping[str, bytes],
    pdfs: Mapping[str, bytes],
    tell: Progress,
) -> Packs:
    """Each edition's pack: its front sheet and chosen documents merged, stamped and titled."""
    from reportgen.pack.assemble import Part, assemble

    packs: dict[str, bytes] = {}
    for kind in each:
        tell(f"assembling the {kind} pack")
        parts = [Part(agendas[kind].meta.title, fronts[kind])]
        parts += [
            Part(doc.name, pdfs[doc.key], doc.level, _where(doc), _mark(meeting, doc))
            for doc in chosen[kind]
        ]
        titles = meeting.boilerplate.meeting.pack
        title = _title(each[kind], meeting).format(
            committee=meeting.meeting.committee, date=meeting.rules.date(meeting.meeting.date)
        )
        language = agendas[kind].meta.language
        packs[kind] = assemble(parts, title=title, language=language, stamp=titles.stamp)
    return Packs(
        packs["public"],
        packs.get("confidential"),
        packs.get("supplement-public"),
        packs.get("supplement-confidential"),
    )


def _front_name(edition: Edition, meeting: ResolvedMeeting) -> str:
    """How a problem with an edition's front sheet names it."""
    which = "public" if edition.public else "confidential"
    sheet = "supplementary front sheet" if edition.supplement else "front sheet"
    return f"the {which} {sheet} of {meeting.path}"


def _title(edition: Edition, meeting: ResolvedMeeting) -> str:
    """The pattern of an edition's PDF title, from the profile's meeting.yaml."""
    words = meeting.boilerplate.meeting
    if edition.supplement:
        return words.late.pack if edition.public else words.late.confidential
    return words.pack.title if edition.public else words.pack.confidential


def _placeholder_pages(meeting: ResolvedMeeting) -> dict[int, tuple[int, int]]:
    """Ranges as wide as real ones will be, for a first front sheet of the right length."""
    return {item.line.number: (999, 999) for item in meeting.items if item.documents}


def _ranges(
    meeting: ResolvedMeeting,
    edition: Edition,
    pdfs: Mapping[str, bytes],
    front_pages: int,
    page_count: Callable[[bytes], int],
) -> dict[int, tuple[int, int]]:
    """Each item's first and last page in the pack ``edition``, the front sheet taking
    ``front_pages``: its items only (a supplement's are the late ones), each document in its
    edition (an exempt appendix's notice counts in the public pack)."""
    pages: dict[int, tuple[int, int]] = {}
    page = front_pages + 1
    for item in meeting.items:
        if (item.late is not None) != edition.supplement:
            continue
        number = item.line.number
        for doc in meeting.item_documents(item, edition.public):
            count = page_count(pdfs[doc.key])
            first = pages[number][0] if number in pages else page
            pages[number] = (first, page + count - 1)
            page += count
    return pages


def _mark(meeting: ResolvedMeeting, doc: PackDocument) -> str | None:
    """The stamp on each page of ``doc`` beside its page number: 'NOT FOR PUBLICATION' with its
    paragraph of Schedule 12A for an exempt document (only the confidential pack has one)."""
    if not doc.exempt or doc.paragraph is None:
        return None
    return stamp(meeting.boilerplate.exempt, doc.paragraph)


def _where(doc: PackDocument) -> Location | None:
    """Where a problem with a document's PDF is placed: the file it was given as, if any
    (the meeting file's checks have placed every problem they can find at its line)."""
    return Location(str(doc.file)) if doc.file is not None else None


def _front_meta(meeting: ResolvedMeeting, title: str) -> Meta:
    agenda = meeting.agenda({}, public=False)
    return replace(agenda.meta, title=title, kind="appendix")


def as_documents(meeting: ResolvedMeeting) -> list[Document]:
    """Every resolved document of the meeting, in pack order (for checks and previews)."""
    return [d.document for d in meeting.documents(public=False) if d.document]
