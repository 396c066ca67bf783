"""Appendix PDFs are untrusted data: what of them may reach a pack, and which cannot make one.

An appendix given as a PDF (or a Word file, which LibreOffice makes a PDF) comes from anyone:
another council, a contractor, a member of the public. :func:`sanitise` removes from such a PDF,
in place, everything that can carry content or code besides its pages' own text and images;
:func:`assemble <reportgen.pack.assemble.assemble>` runs it on every part of a pack before the
pages are copied, reportgen's own documents included (there it finds nothing to do).

What is **kept**: each page's content (text, images, vector graphics, fonts), its boxes, its
rotation and its tags; the visible appearance of form fields and of comments, drawn into the
page's content (so a filled form prints as filled, but has no fields); and links that lead to a
page of the same document, turn the page (the Named actions NextPage, PrevPage, FirstPage,
LastPage), or open an address whose scheme is ``http``, ``https`` or ``mailto``.

What is **removed**:

- embedded files: the catalog's /EmbeddedFiles tree and file attachment annotations;
- associated files (/AF) on the catalog, pages, XObjects, annotations and structure elements;
- RichMedia, 3D, Movie, Sound and Screen annotations, popups, and every other annotation kind
  that is not a link (after its visible appearance, if any, is drawn into the page);
- JavaScript anywhere: the catalog's /JavaScript names tree, its /OpenAction, additional actions
  (/AA) of the catalog, pages, annotations and fields, and JavaScript actions in links,
  bookmarks and the /Next chains of actions (a kept link's action is rebuilt with only the keys
  its kind needs, and no /Next);
- Launch, SubmitForm, ImportData, GoToR, GoToE and every other action not kept above; a link or
  bookmark action that is removed takes the link with it (a bookmark keeps the entries under it);
- form fields: every widget is drawn into the page's content and removed, and so is the
  catalog's /AcroForm, with the fields' values; a field hidden or without an appearance leaves
  nothing;
- a page's entries other than its content, resources, boxes, rotation, transparency group,
  annotations, tab order, user unit and tags key (so its thumbnail, article beads, presentation
  steps, viewports, additional actions, XMP and private data go), and, in XObjects, their
  associated files, XMP, private data, OPI, alternate images and references to other files;
- in the tags, every entry of an element that is not a standard one, attributes and classes
  that hold streams, kids that refer to annotations removed or to streams not drawn, and parent
  tree entries that lead anywhere but to elements, so no data can hang from the tags either.

:func:`problems_of` says why a PDF cannot make a pack at all: it needs a password, has no pages,
cannot be read, has a page whose /Rotate or tags key (/StructParents) is not a number, or nests
form XObjects more than :data:`MAX_FORM_DEPTH` deep or in a circle. :func:`check_appendix` opens
an appendix file (at most :data:`MAX_APPENDIX_BYTES`, checked before it is read) and gives those
problems at the appendix's line in the meeting file.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name

from reportgen.errors import Location, Problem, ReportError

MAX_APPENDIX_BYTES = 50 * 1024 * 1024
"""The largest appendix file (.pdf or .docx) a pack takes: 50 MB."""

MAX_FORM_DEPTH = 32
"""How deep form XObjects (and patterns, Type 3 fonts and soft masks) may draw one another."""

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
"""The schemes of the web addresses a link or bookmark may keep."""

_NAMED = frozenset({"/NextPage", "/PrevPage", "/FirstPage", "/LastPage"})
"""The Named actions a link may keep: they only turn the page."""

_PAGE_KEYS = frozenset(
    {
        "/Type",
        "/Parent",
        "/Resources",
        "/MediaBox",
        "/CropBox",
        "/BleedBox",
        "/TrimBox",
        "/ArtBox",
        "/Contents",
        "/Rotate",
        "/Group",
        "/Annots",
        "/Tabs",
        "/UserUnit",
        "/StructParents",
    }
)
"""The entries a page keeps."""

_LINK_KEYS = frozenset(
    {
        "/Type",
        "/Subtype",
        "/Rect",
        "/Border",
        "/BS",
        "/C",
        "/F",
        "/H",
        "/QuadPoints",
        "/Contents",
        "/NM",
        "/AP",
        "/AS",
        "/StructParent",
    }
)
"""The entries a kept link keeps, besides where it leads (/Dest or a rebuilt /A)."""

_DRAWN = frozenset(
    {
        "/Widget",
        "/Text",
        "/FreeText",
        "/Line",
        "/Square",
        "/Circle",
        "/Polygon",
        "/PolyLine",
        "/Highlight",
        "/Underline",
        "/Squiggly",
        "/StrikeOut",
        "/Stamp",
        "/Caret",
        "/Ink",
        "/Watermark",
    }
)
"""Annotations whose visible appearance is drawn into the page before they are removed."""

_XOBJECT_PRIVATE = ("/AF", "/Metadata", "/PieceInfo", "/OPI", "/Ref", "/Alternates")
"""Entries of XObjects (and other content streams) that are not what they draw."""

_CATALOG_PRIVATE = (
    "/AA",
    "/AF",
    "/AcroForm",
    "/OpenAction",
    "/Collection",
    "/Threads",
    "/Perms",
    "/URI",
    "/SpiderInfo",
    "/Legal",
    "/Requirements",
)
"""Catalog entries removed (the pack never copies a catalog; this is belt and braces)."""

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def safe_uri(uri: str) -> bool:
    """Whether a link may open ``uri``: an address with the scheme http, https or mailto.

    Leading spaces and control characters, which viewers skip, are skipped here too; a path
    without a scheme (a relative address, a UNC path ``\\\\server\\share``) is not safe."""
    found = _SCHEME.match(uri.lstrip("".join(map(chr, range(33)))))
    return found is not None and found[1].lower() in SAFE_SCHEMES


def safe_action(action: object) -> Dictionary | None:
    """``action`` rebuilt with only what its kind needs, if a link may keep it: a go-to within
    the document, a page-turning Named action, or a web address (:func:`safe_uri`); else None.
    The rebuilt action has no /Next: nothing runs after it."""
    if not isinstance(action, Dictionary):
        return None
    kind = str(action.get("/S", ""))
    if kind == "/GoTo" and "/D" in action:
        return Dictionary(Type=Name.Action, S=Name.GoTo, D=action.D)
    if kind == "/Named" and str(action.get("/N", "")) in _NAMED:
        return Dictionary(Type=Name.Action, S=Name.Named, N=action.N)
    if kind == "/URI":
        uri = action.get("/URI")
        if isinstance(uri, pikepdf.String) and safe_uri(bytes(uri).decode("latin-1")):
            return Dictionary(Type=Name.Action, S=Name.URI, URI=uri)
    return None


def sanitise(pdf: pikepdf.Pdf) -> None:
    """Remove from ``pdf``, in place, all but its pages' own content, tags and safe links.

    See the module's docstring for what is kept and what is removed. ``pdf`` must have passed
    :func:`problems_of` without problems.
    """
    root = pdf.Root
    form = root.get("/AcroForm")
    if isinstance(form, Dictionary) and form.get("/NeedAppearances"):
        # fields the viewer was to draw get their look first, or they could not be drawn
        with contextlib.suppress(pikepdf.PdfError):  # a field without an appearance is not drawn
            pdf.generate_appearance_streams()
        form.NeedAppearances = False
    pages = [page.obj for page in pdf.pages]
    kept: set[tuple[int, int]] = set()
    links: list[list[Dictionary]] = []
    drawn: list[list[Dictionary]] = []
    for page in pages:
        page_links, page_drawn = _sort_annotations(page)
        links.append(page_links)
        drawn.append(page_drawn)
        kept.update(link.objgen for link in page_links if link.is_indirect)
    if any(drawn):
        _draw(pdf, pages, drawn)
    for page, page_links in zip(pages, links, strict=True):
        for key in [k for k in list(page.keys()) if k not in _PAGE_KEYS]:
            del page[key]
        if page_links:
            page.Annots = Array(page_links)
        elif "/Annots" in page:
            del page["/Annots"]
    for key in _CATALOG_PRIVATE:
        if key in root:
            del root[key]
    names = root.get("/Names")
    if isinstance(names, Dictionary):
        for key in [k for k in list(names.keys()) if k != "/Dests"]:
            del names[key]
    drawn_streams: set[tuple[int, int]] = set()
    for stream in _content_streams(pages):
        drawn_streams.add(stream.objgen)
        for key in _XOBJECT_PRIVATE:
            if key in stream:
                del stream[key]
    tree = root.get("/StructTreeRoot")
    if isinstance(tree, Dictionary):
        _clean_tags(tree, kept, drawn_streams)
    outlines = root.get("/Outlines")
    if isinstance(outlines, Dictionary):
        _clean_outline(outlines)


def _sort_annotations(page: Dictionary) -> tuple[list[Dictionary], list[Dictionary]]:
    """A page's links to keep (cleaned), and its annotations to draw into the page."""
    annotations = page.get("/Annots")
    links: list[Dictionary] = []
    drawn: list[Dictionary] = []
    for annotation in annotations if isinstance(annotations, Array) else ():
        if not isinstance(annotation, Dictionary):
            continue
        subtype = str(annotation.get("/Subtype", ""))
        if subtype == "/Link":
            if _clean_link(annotation):
                links.append(annotation)
        elif subtype in _DRAWN and isinstance(annotation.get("/AP"), Dictionary):
            drawn.append(annotation)
    return links, drawn


def _clean_link(link: Dictionary) -> bool:
    """Keep only a link's look and where it leads; whether it still leads anywhere."""
    action = safe_action(link.get("/A"))
    destination = link.get("/Dest")
    for key in [k for k in list(link.keys()) if k not in _LINK_KEYS]:
        del link[key]
    if action is not None:
        link.A = action
    elif isinstance(destination, Array | pikepdf.String | Name):
        link.Dest = destination
    else:
        return False
    return True


def _draw(pdf: pikepdf.Pdf, pages: list[Dictionary], drawn: list[list[Dictionary]]) -> None:
    """Draw each annotation of ``drawn`` (a list a page) into its page's content, with qpdf's
    flattening: each shown as a viewer shows it, none left as an annotation."""
    for page, page_drawn in zip(pages, drawn, strict=True):
        if page_drawn:
            page.Annots = Array(page_drawn)
        elif "/Annots" in page:
            del page["/Annots"]
    pdf.flatten_annotations("all")


def _resources_of(obj: Dictionary | pikepdf.Stream) -> Iterator[pikepdf.Stream]:
    """The content streams ``obj``'s resources draw: form and image XObjects, tiling patterns,
    Type 3 glyphs' resources' streams, soft masks."""
    resources = obj.get("/Resources")
    if not isinstance(resources, Dictionary):
        return
    xobjects = resources.get("/XObject")
    if isinstance(xobjects, Dictionary):
        for xobject in xobjects.values():
            if isinstance(xobject, pikepdf.Stream):
                yield xobject
    patterns = resources.get("/Pattern")
    if isinstance(patterns, Dictionary):
        for pattern in patterns.values():
            if isinstance(pattern, pikepdf.Stream):
                yield pattern
    fonts = resources.get("/Font")
    if isinstance(fonts, Dictionary):
        for font in fonts.values():
            if isinstance(font, Dictionary) and isinstance(font.get("/Resources"), Dictionary):
                yield from _resources_of(font)
            procs = font.get("/CharProcs") if isinstance(font, Dictionary) else None
            if isinstance(procs, Dictionary):
                yield from (p for p in procs.values() if isinstance(p, pikepdf.Stream))
    states = resources.get("/ExtGState")
    if isinstance(states, Dictionary):
        for state in states.values():
            mask = state.get("/SMask") if isinstance(state, Dictionary) else None
            group = mask.get("/G") if isinstance(mask, Dictionary) else None
            if isinstance(group, pikepdf.Stream):
                yield group


def _appearances(annotation: Dictionary) -> Iterator[pikepdf.Stream]:
    """The appearance streams of an annotation: /N, /R and /D, each a stream or states."""
    appearance = annotation.get("/AP")
    if not isinstance(appearance, Dictionary):
        return
    for value in appearance.values():
        if isinstance(value, pikepdf.Stream):
            yield value
        elif isinstance(value, Dictionary):
            yield from (v for v in value.values() if isinstance(v, pikepdf.Stream))


def _page_streams(page: Dictionary) -> Iterator[pikepdf.Stream]:
    """The streams a page draws directly: its resources' and its annotations' appearances."""
    yield from _resources_of(page)
    annotations = page.get("/Annots")
    for annotation in annotations if isinstance(annotations, Array) else ():
        if isinstance(annotation, Dictionary):
            yield from _appearances(annotation)


def _content_streams(pages: list[Dictionary]) -> Iterator[pikepdf.Stream]:
    """Every stream drawn from ``pages``, each once (``problems_of`` has bounded the depth)."""
    seen: set[tuple[int, int]] = set()
    stack = [stream for page in pages for stream in _page_streams(page)]
    while stack:
        stream = stack.pop()
        if stream.objgen in seen:
            continue
        seen.add(stream.objgen)
        yield stream
        stack.extend(_resources_of(stream))


def _clean_tags(tree: Dictionary, kept: set[tuple[int, int]], drawn: set[tuple[int, int]]) -> None:
    """Keep of the structure tree only what tags are: each element's standard entries (no
    associated files), its kids that are elements, marked content on a page or in an XObject
    still ``drawn``, or an annotation still ``kept``; attributes and classes without streams;
    a parent tree leading only to elements."""
    seen: set[tuple[int, int]] = set()
    stack: list[pikepdf.Object | None] = [tree.get("/K")]
    while stack:
        node = stack.pop()
        if isinstance(node, Array):
            stack.extend(node)
            continue
        if not isinstance(node, Dictionary) or "/S" not in node:
            continue
        if node.is_indirect:
            if node.objgen in seen:
                continue
            seen.add(node.objgen)
        for key in [k for k in list(node.keys()) if k not in _ELEMENT_KEYS]:
            del node[key]
        if "/A" in node and not _plain(node.A):
            del node["/A"]
        kids = node.get("/K")
        if isinstance(kids, Dictionary) and not _kept_kid(kids, kept, drawn):
            del node["/K"]
        elif isinstance(kids, Array):
            for n in reversed(range(len(kids))):
                kid = kids[n]
                if isinstance(kid, Dictionary) and not _kept_kid(kid, kept, drawn):
                    del kids[n]
        stack.append(node.get("/K"))
    classes = tree.get("/ClassMap")
    if isinstance(classes, Dictionary):
        for key in [k for k in list(classes.keys()) if not _plain(classes[k])]:
            del classes[key]
    for values in _number_tree_values(tree.get("/ParentTree")):
        for n, value in enumerate(values):
            if n % 2 and not _element_or_elements(value):
                values[n] = None


_ELEMENT_KEYS = frozenset(
    {
        "/Type",
        "/S",
        "/P",
        "/ID",
        "/Ref",
        "/Pg",
        "/K",
        "/A",
        "/C",
        "/R",
        "/T",
        "/Lang",
        "/Alt",
        "/E",
        "/ActualText",
        "/Phoneme",
        "/PhoneticAlphabet",
        "/NS",
    }
)
"""The entries a structure element keeps: all the standard ones but associated files."""


def _kept_kid(kid: Dictionary, kept: set[tuple[int, int]], drawn: set[tuple[int, int]]) -> bool:
    """Whether an element's kid is kept: an element, or a reference to marked content on a
    page or a ``drawn`` XObject, or to a ``kept`` annotation or ``drawn`` XObject."""
    if "/S" in kid:
        return True
    for key in ("/Obj", "/Stm"):
        target = kid.get(key)
        if target is not None:
            return (
                isinstance(target, Dictionary | pikepdf.Stream)
                and target.is_indirect
                and target.objgen in (drawn if isinstance(target, pikepdf.Stream) else kept)
            )
    return "/MCID" in kid


def _plain(value: object, depth: int = 0) -> bool:
    """Whether ``value`` (an attribute object, a class) holds no stream, a few levels deep."""
    if isinstance(value, pikepdf.Stream) or depth > 8:
        return False
    if isinstance(value, Array):
        return all(_plain(item, depth + 1) for item in value)
    if isinstance(value, Dictionary):
        return all(_plain(item, depth + 1) for item in value.values())
    return True


def _element_or_elements(value: object) -> bool:
    """Whether a parent tree value leads only to structure elements (or to nothing)."""
    if isinstance(value, Array):
        return all(item is None or _element_or_elements(item) for item in value)
    return isinstance(value, Dictionary) and "/S" in value


def _number_tree_values(node: object, depth: int = 0) -> Iterator[Array]:
    """The /Nums arrays of a number tree (keys and values alternating), each node once."""
    if not isinstance(node, Dictionary) or depth > 32:
        return
    nums = node.get("/Nums")
    if isinstance(nums, Array):
        yield nums
    kids = node.get("/Kids")
    if isinstance(kids, Array):
        for kid in kids:
            yield from _number_tree_values(kid, depth + 1)


def _clean_outline(outlines: Dictionary) -> None:
    """Remove every bookmark action a link could not keep; the bookmarks stay."""
    seen: set[tuple[int, int]] = set()
    stack: list[pikepdf.Object | None] = [outlines.get("/First")]
    while stack:
        item = stack.pop()
        if not isinstance(item, Dictionary) or (item.is_indirect and item.objgen in seen):
            continue
        if item.is_indirect:
            seen.add(item.objgen)
        if "/A" in item:
            action = safe_action(item.A)
            if action is None:
                del item["/A"]
            else:
                item.A = action
        for key in ("/SE", "/AA"):
            if key in item:
                del item[key]
        stack.extend([item.get("/Next"), item.get("/First")])


def problems_of(pdf: pikepdf.Pdf, where: Location, what: str) -> list[Problem]:
    """Why ``pdf`` (``what``: "the appendix PDF 'chart.pdf'") cannot make a pack, each a
    problem at ``where``: no pages (M713), a page's
    /Rotate or tags key not a number (M715), form XObjects too deep or in a circle (M716), or
    a page tree that cannot be read (M714)."""
    try:
        pages = [page.obj for page in pdf.pages]
    except (pikepdf.PdfError, IndexError, TypeError, ValueError) as exc:
        return [_damaged(where, what, exc)]
    if not pages:
        return [
            Problem(
                "M713",
                f"{what} has no pages",
                where,
                "export the appendix again from the program that made it, or remove it",
            )
        ]
    problems: list[Problem] = []
    depths: dict[tuple[int, int], int] = {}
    try:
        for n, page in enumerate(pages, start=1):
            problems += _page_numbers(page, f"page {n} of {what} has", where)
            found = _deepest(page, depths, set())
            if found is not None:
                problems.append(_too_deep(f"page {n} of {what}", found, where))
        if not problems:
            for stream in _content_streams(pages):
                problems += _page_numbers(stream, f"an XObject of {what} has", where)
    except (pikepdf.PdfError, TypeError, ValueError) as exc:
        problems.append(_damaged(where, what, exc))
    return problems


def _number(value: object) -> bool:
    """Whether ``value`` is a whole number, as a page's /Rotate or a tags key must be."""
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, Decimal) and value == int(value))


def _page_numbers(obj: Dictionary | pikepdf.Stream, what: str, where: Location) -> list[Problem]:
    """A problem (M715) for each entry of a page (and its annotations), or of an XObject, that
    must be a number and is not; ``what`` names it ("page 3 of the appendix PDF has")."""
    entries: list[tuple[Dictionary | pikepdf.Stream, str, str]] = [
        (obj, "/Rotate", "a /Rotate"),
        (obj, "/StructParents", "a /StructParents"),
        (obj, "/StructParent", "a /StructParent"),
    ]
    annotations = obj.get("/Annots")
    for annotation in annotations if isinstance(annotations, Array) else ():
        if isinstance(annotation, Dictionary):
            entries.append((annotation, "/StructParent", "an annotation's /StructParent"))
    problems = []
    for holder, key, name in entries:
        if key in holder and not _number(holder[key]):
            problems.append(
                Problem(
                    "M715",
                    f"{what} {name} that is not a number ({_shown(holder[key])})",
                    where,
                    "the PDF is malformed: export it again from the program that made it, or "
                    "print it to a new PDF",
                )
            )
    return problems


def _shown(value: object) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"


def _deepest(
    obj: Dictionary | pikepdf.Stream,
    depths: dict[tuple[int, int], int],
    path: set[tuple[int, int]],
) -> str | None:
    """Why the streams ``obj`` draws are too deep or circular (None if they are not); fills
    ``depths`` with each stream's depth so a stream drawn in many places is measured once."""
    return _measure(list(_page_streams(obj) if isinstance(obj, Dictionary) else []), depths, path)


def _measure(
    streams: list[pikepdf.Stream],
    depths: dict[tuple[int, int], int],
    path: set[tuple[int, int]],
) -> str | None:
    for stream in streams:
        key = stream.objgen
        if key in path:
            return "form XObjects that draw one another in a circle"
        if key in depths:
            if len(path) + depths[key] > MAX_FORM_DEPTH:
                return f"form XObjects nested more than {MAX_FORM_DEPTH} deep"
            continue
        if len(path) >= MAX_FORM_DEPTH:
            return f"form XObjects nested more than {MAX_FORM_DEPTH} deep"
        path.add(key)
        inner = list(_resources_of(stream))
        found = _measure(inner, depths, path)
        path.discard(key)
        if found is not None:
            return found
        depths[key] = 1 + max((depths[s.objgen] for s in inner), default=0)
    return None


def _too_deep(page: str, why: str, where: Location) -> Problem:
    return Problem(
        "M716",
        f"{page} draws {why}",
        where,
        "the PDF is malformed or made to exhaust readers: print it to a new PDF, or ask for "
        "another copy",
    )


def _damaged(where: Location, what: str, exc: Exception) -> Problem:
    return Problem(
        "M714",
        f"{what} is damaged and cannot be read: {reason(exc)}",
        where,
        "ask for another copy, or open it and save it again as PDF",
    )


def reason(exc: Exception) -> str:
    """qpdf's words for why a PDF cannot be read, without the name of the stream it read
    (``stream <_io.BytesIO object at 0x…>: …``) or of the file, which the problem gives."""
    text = str(exc).strip()
    text = re.sub(r"^(?:stream )?<[^>]*>:\s*", "", text)
    return re.sub(r"^\S*\.pdf(?: \(.*?\))?:\s*", "", text, flags=re.IGNORECASE) or text


def open_problems(
    file: Path, where: Location, what: str
) -> tuple[pikepdf.Pdf | None, list[Problem]]:
    """The PDF ``file`` (``what``) opened, or the problems why it cannot be: it needs a
    password (M712) or is damaged (M714); then :func:`problems_of` for what was opened."""
    try:
        pdf = pikepdf.open(file)
    except pikepdf.PasswordError:
        return None, [
            Problem(
                "M712",
                f"{what} is protected by a password, so its pages cannot be read",
                where,
                "ask for a copy without a password, or open it with the password and save it "
                "again without one",
            )
        ]
    except (pikepdf.PdfError, OSError, ValueError) as exc:
        return None, [_damaged(where, what, exc)]
    problems = problems_of(pdf, where, what)
    if problems:
        pdf.close()
        return None, problems
    return pdf, []


def check_appendix(file: Path, where: Location) -> list[Problem]:
    """Why the appendix ``file`` (a .pdf) cannot go into a pack, each at ``where`` (its line
    in the meeting file): see :func:`open_problems`. A PDF that passes is also sanitised once,
    unsaved, so that nothing in it can fail later when the pack is made."""
    what = f"the appendix PDF {file.name!r}"
    pdf, problems = open_problems(file, where, what)
    if pdf is None:
        return problems
    with pdf:
        try:
            sanitise(pdf)
        except (pikepdf.PdfError, TypeError, ValueError) as exc:
            return [_damaged(where, what, exc)]
    return []


def read_appendix(file: Path, limit: int = MAX_APPENDIX_BYTES) -> bytes:
    """The bytes of the appendix ``file``, read within ``limit``: one that has grown past it
    since the meeting file's checks is one error (M718) naming it, not read into memory."""
    with file.open("rb") as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        size = max(len(data), file.stat().st_size)
        raise ReportError((_over(file, Location(str(file)), limit, size),))
    return data


def too_large(file: Path, where: Location, limit: int = MAX_APPENDIX_BYTES) -> Problem | None:
    """A problem (M718) if the appendix ``file`` is larger than ``limit`` bytes, told by its
    size on disk before anything of it is read."""
    size = file.stat().st_size
    return None if size <= limit else _over(file, where, limit, size)


def _over(file: Path, where: Location, limit: int, size: int) -> Problem:
    return Problem(
        "M718",
        f"the appendix file {file.name!r} is {size / 1024 / 1024:.1f} MB; an appendix may be at "
        f"most {limit // 1024 // 1024} MB",
        where,
        "make it smaller (reduce its images' resolution when exporting, or split it into "
        "several appendices)",
    )
