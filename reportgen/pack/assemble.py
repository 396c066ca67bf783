"""Merge finished PDFs into one agenda pack, as Democratic Services publish it.

The parts of a pack (the front sheet, the minutes, each report and its appendices) arrive as
finished PDFs and are merged, not re-rendered: :func:`assemble` copies their pages with qpdf
(through pikepdf) and writes what belongs to the pack as a whole from the known page counts.

- Every page is stamped with its number in the pack ("Page 31"), top right, clear of a report's
  own "Page 3 of 7" footer, as real text marked as a pagination artifact, so it prints and can
  be searched and copied, but screen readers skip it. It is set in Liberation Sans (of
  Helvetica's widths), embedded with a ToUnicode map, cut down to the characters the pack's
  stamps print (:mod:`reportgen.pack.stamps`), so every font of a pack is embedded.
- A part given a ``mark`` (an exempt item or appendix of the confidential pack) has it on every
  page beside the page number, drawn the same way ("NOT FOR PUBLICATION – Exempt information
  under paragraph 3 …"), in a size that fits between the left margin and the page number.
- The page labels are the printed numbers, so a viewer's "page 31" is the printed page 31.
- The outline has one bookmark per part at its first page, an appendix's under the item before
  it, and under each part's bookmark the part's own outline (a report's headings).
- One structure tree: a Document element holding a Part element per part (an appendix's inside
  its item's), each holding the part's own tags, with the parent tree and the StructParents of
  every page, annotation and form renumbered so that each still leads to its own content. A
  part without tags gets a paragraph element per page holding the page's content, so its text
  is still read out, in the order it is drawn.
- The metadata is set fresh: title, language, the title shown in the window, reportgen as the
  creator. Nothing of a part but its pages and tags reaches the pack: not its Info or XMP
  metadata, names trees, embedded files, JavaScript or open action, nor its pages' private data
  (PieceInfo, page and image XMP, thumbnails, article beads) or script actions.
- Every part is untrusted data: :func:`reportgen.pack.sanitise.sanitise` removes what it
  carries besides its pages' own content, tags and safe links (attachments, associated files,
  media, 3D, scripts, actions that run or fetch anything, form fields, whose look is drawn into
  the page) before its pages are copied, and a part that needs a password, has no pages, or is
  malformed so that it cannot be copied is a problem naming it.

The same parts give the same bytes: the file identifier is derived from the content, and no date
is written unless ``SOURCE_DATE_EPOCH`` is set. The pack carries reportgen's seal
(:mod:`reportgen.writers.pdf`), so a later build knows that it may replace it.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import string
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field

import pikepdf
from pikepdf import Array, Dictionary, Name

from reportgen.errors import Location, Problem, ReportError
from reportgen.pack.sanitise import problems_of, reason, safe_action, sanitise
from reportgen.pack.stamps import Embedded, StampFont, embed, stamp_font
from reportgen.writers.pdf import CREATOR, SEAL_NAMESPACE, seal

STAMP_FONT_SIZE = 9.0
"""The size of the page-number stamp, in points."""
STAMP_RIGHT = 36.0
"""Points from the right edge of the visible page to the stamp's right end."""
STAMP_TOP = 24.0
"""Points from the top edge of the visible page to the stamp's baseline."""
MARK_LEFT = 36.0
"""Points from the left edge of the visible page to a part's mark (beside the page number)."""
MARK_GAP = 12.0
"""The least space, in points, between a part's mark and the page number."""
MARK_MIN_SIZE = 5.0
"""The smallest size a part's mark is shrunk to, in points, to fit beside the page number."""

_PAGE_PRIVATE = ("/AA", "/B", "/Metadata", "/PieceInfo", "/Thumb")
"""Page entries that are a document's private data or scripts, not its page."""
_PACK_PRIVATE = ("/Metadata", "/PieceInfo", "/AA", "/AF", "/EF", "/RF", "/JS")
"""Entries no object the pack copied from a part keeps: XMP, private data, scripts run on
events, associated and embedded files, JavaScript (the pack writes its own XMP after)."""


@dataclass(frozen=True, slots=True)
class Part:
    """One document of the pack, as a finished PDF."""

    title: str
    """Its entry in the pack's outline, e.g. '6. Nottingham and Nottinghamshire Carers
    Strategy'."""
    pdf: bytes
    level: int = 0
    """0: an agenda item's document (front sheet, minutes, report); 1: an appendix of the item
    before it."""
    where: Location | None = None
    """Where a problem with it is placed (an appendix: its line in the meeting file); by
    default its title."""
    mark: str | None = None
    """Printed on each of its pages beside the page number, e.g. the confidential pack's 'NOT
    FOR PUBLICATION' on an exempt part; only characters the stamp font has."""

    @property
    def place(self) -> Location:
        """Where a problem with it is placed."""
        return self.where or Location(self.title)


def page_count(pdf: bytes) -> int:
    """The number of pages of ``pdf``; raises one error (O516) if it cannot be read."""
    with _open(pdf, Location("(PDF)")) as document:
        return len(document.pages)


def assemble(
    parts: Sequence[Part], *, title: str, language: str = "en-GB", stamp: str = "Page {n}"
) -> bytes:
    """The pack: every part's pages in order, stamped with their page number in the pack.

    ``stamp`` is the printed text, with ``{n}`` the page's number and optionally ``{total}`` the
    pack's number of pages. The pack's page labels are those numbers; its outline has one
    bookmark per part, each appendix (level 1) under the item before it, with the part's own
    bookmarks under it; its structure tree holds every part's tags under one Part element per
    part; its title is ``title`` (shown in the window) and its language ``language``.

    Raises ``ValueError`` for no parts, a level other than 0 or 1, an appendix first, or a
    stamp without ``{n}``, or a stamp or mark with a character the stamp font lacks; and one
    :class:`ReportError` naming every part that is not a PDF that can be read (O516), or
    saying that the stamp font is not found (O517).
    """
    font = stamp_font()
    _check(parts, stamp, font)
    with ExitStack() as stack:
        # qpdf copies stream data when the pack is written, so every part stays open till then
        sources = [stack.enter_context(_open(part.pdf, part.place)) for part in parts]
        for part, source in zip(parts, sources, strict=True):
            _sanitise(part, source)
        pack = stack.enter_context(pikepdf.new())
        merger = _Merger(pack, language)
        for part, source in zip(parts, sources, strict=True):
            merger.add(part, source)
        merger.finish(title, stamp, font)
        version = max([pack.pdf_version, *(source.pdf_version for source in sources)])
        out = io.BytesIO()
        pack.save(
            out,
            min_version=version,
            deterministic_id=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
        )
    return seal(out.getvalue())


def _check(parts: Sequence[Part], stamp: str, font: StampFont) -> None:
    if not parts:
        raise ValueError("a pack needs at least one part")
    for n, part in enumerate(parts):
        if part.level not in (0, 1):
            raise ValueError(f"part {part.title!r} has level {part.level}; levels are 0 and 1")
        if n == 0 and part.level:
            raise ValueError(f"part {part.title!r} is an appendix with no item before it")
    fields = {name for _, name, _, _ in string.Formatter().parse(stamp) if name is not None}
    if "n" not in fields or not fields <= {"n", "total"}:
        raise ValueError(f"the stamp {stamp!r} must hold {{n}}, and may hold only {{total}} else")
    for what, text in [("stamp", stamp), *(("mark", part.mark or "") for part in parts)]:
        missing = font.missing(text)
        if missing:
            raise ValueError(f"the {what} {text!r} has {missing!r}, which {font.path} lacks")
    problems: list[Problem] = []
    for part in parts:
        try:
            with _open(part.pdf, part.place) as source:
                problems.extend(problems_of(source, part.place, f"the PDF of {part.title!r}"))
        except ReportError as exc:
            problems.extend(exc.problems)
    if problems:
        raise ReportError(tuple(problems))


def _open(pdf: bytes, where: Location) -> pikepdf.Pdf:
    try:
        return pikepdf.open(io.BytesIO(pdf))
    except (pikepdf.PdfError, pikepdf.PasswordError) as exc:
        problem = Problem(
            "O516",
            f"this part of the pack is not a PDF that can be read: {reason(exc)}",
            where,
            "build it again, or open it and save it as PDF",
        )
        raise ReportError((problem,)) from exc


def _sanitise(part: Part, source: pikepdf.Pdf) -> None:
    """:func:`sanitise` ``part``, or raise one error (O516) if qpdf cannot rework it."""
    try:
        sanitise(source)
    except (pikepdf.PdfError, TypeError, ValueError) as exc:
        problem = Problem(
            "O516",
            f"this part of the pack is not a PDF that can be made safe: {reason(exc)}",
            part.place,
            "build it again, or open it and save it as PDF",
        )
        raise ReportError((problem,)) from exc


@dataclass(slots=True)
class _Bookmark:
    """An outline entry to write: its title, where it leads, and the entries under it."""

    title: str
    destination: Array | None = None
    action: Dictionary | None = None
    closed: bool = False
    children: list[_Bookmark] = field(default_factory=list)


class _Merger:
    """The pack being built: pages, structure tree and outline, a part at a time."""

    def __init__(self, pack: pikepdf.Pdf, language: str) -> None:
        self.pack = pack
        self.language = language
        self.tree = pack.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        self.document = pack.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name.Document, P=self.tree, K=Array())
        )
        self.tree.K = self.document
        self.parent_tree: list[tuple[int, pikepdf.Object]] = []
        self.next_key = 0
        self.role_map: dict[str, Name] = {}
        self.class_map = Dictionary()
        self.bookmarks: list[_Bookmark] = []
        self.item_element: Dictionary | None = None
        self.marks: list[str | None] = []
        """Each page's mark, in order (:attr:`Part.mark`)."""

    def add(self, part: Part, source: pikepdf.Pdf) -> None:
        """Copy ``part``'s pages, tags and outline into the pack."""
        names = _Destinations(source)
        _clean(source, names)
        first = len(self.pack.pages)
        root = source.Root
        tree = root.get("/StructTreeRoot")
        tagged = isinstance(tree, Dictionary) and tree.get("/K") is not None
        if tagged:
            assert isinstance(tree, Dictionary)
            own, entries = self._prepare_tags(part, source, tree)
            for page in source.pages:
                self.pack.pages.append(page)
            element = self._copy(own)  # after the pages, so that it leads to their copies
            assert isinstance(element, Dictionary)
            for number, value in entries:
                self.parent_tree.append((number, self._copy(value)))
        else:
            for holder, key in list(_struct_parent_holders(source)):
                del holder[key]  # keys left over from tags now gone would lead into other parts
            for page in source.pages:
                self.pack.pages.append(page)
            element = self._tag_untagged(part, first)
        self.marks += [part.mark] * (len(self.pack.pages) - first)
        lang = root.get("/Lang")
        if (
            isinstance(lang, pikepdf.String)
            and str(lang) != self.language
            and "/Lang" not in element
        ):
            element.Lang = pikepdf.String(str(lang))
        self._place(element, part.level)
        bookmark = _Bookmark(part.title, self._top_of(first), closed=True)
        bookmark.children = [
            b for item in _outline(source) if (b := self._bookmark(item, names)) is not None
        ]
        if part.level and self.bookmarks:
            self.bookmarks[-1].children.append(bookmark)
        else:
            self.bookmarks.append(bookmark)

    def _prepare_tags(
        self, part: Part, source: pikepdf.Pdf, tree: Dictionary
    ) -> tuple[Dictionary, list[tuple[int, pikepdf.Object]]]:
        """In ``source``: its tags under one Part element, its StructParents renumbered for the
        pack; returns that element and the part's parent tree entries with their new keys."""
        entries = _number_tree(tree.get("/ParentTree"))
        holders = list(_struct_parent_holders(source))
        keys = [key for key, _ in entries] + [int(obj[key]) for obj, key in holders]
        offset = self.next_key
        self.next_key += max(keys, default=-1) + 1
        for obj, key in holders:
            obj[key] = offset + int(obj[key])
        roles = self._merge_role_map(tree)
        self._merge_class_map(tree)
        kids = tree.K
        kid_list = list(kids) if isinstance(kids, Array) else [kids]
        elements = [k for k in kid_list if isinstance(k, Dictionary)]
        if len(elements) == 1 and _role(elements[0], roles) == "/Document":
            element = elements[0]  # LibreOffice's Document element becomes the part
            element.S = Name.Part
        else:
            element = source.make_indirect(
                Dictionary(Type=Name.StructElem, S=Name.Part, K=Array(elements))
            )
        element.T = pikepdf.String(part.title)
        if "/P" in element:
            del element["/P"]  # the part's own root must not be copied; set in the pack
        _fix_parents(element)
        return element, [(offset + key, value) for key, value in entries]

    def _merge_role_map(self, tree: Dictionary) -> dict[str, str]:
        """Merge the part's role map into the pack's, renaming its types that clash."""
        own = tree.get("/RoleMap")
        roles = {str(k): str(v) for k, v in own.items()} if isinstance(own, Dictionary) else {}
        renamed: dict[str, str] = {}
        for name, target in roles.items():
            known = self.role_map.get(name)
            if known is not None and str(known) != target:
                n = 2
                while f"{name} {n}" in self.role_map or f"{name} {n}" in roles:
                    n += 1
                renamed[name] = f"{name} {n}"
        final = {renamed.get(k, k): renamed.get(v, v) for k, v in roles.items()}
        for name, target in final.items():
            self.role_map.setdefault(name, Name(target))
        if renamed:
            for element in _elements(tree):
                tag = str(element.get("/S", ""))
                if tag in renamed:
                    element.S = Name(renamed[tag])
        return final

    def _merge_class_map(self, tree: Dictionary) -> None:
        own = tree.get("/ClassMap")
        if isinstance(own, Dictionary):
            for name, value in own.items():
                if name not in self.class_map:
                    self.class_map[name] = self._copy(value)

    def _tag_untagged(self, part: Part, first: int) -> Dictionary:
        """Tags for a part that has none: each page's content one paragraph of a Part, and
        each of its annotations a Link or Annot element after it."""
        element = self.pack.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name.Part, T=pikepdf.String(part.title), K=Array())
        )
        begin = self.pack.make_stream(b"/P <</MCID 0>> BDC\n")
        end = self.pack.make_stream(b"\nEMC\n")
        for page in self.pack.pages[first:]:
            key = self.next_key
            self.next_key += 1
            obj = page.obj
            paragraph = self.pack.make_indirect(
                Dictionary(Type=Name.StructElem, S=Name.P, P=element, Pg=obj, K=0)
            )
            element.K.append(paragraph)
            obj.StructParents = key
            self.parent_tree.append((key, Array([paragraph])))
            obj.Contents = Array([begin, *_contents(obj), end])
            annotations = obj.get("/Annots")
            for annotation in annotations if isinstance(annotations, Array) else ():
                if isinstance(annotation, Dictionary) and annotation.get("/Subtype") != "/Popup":
                    element.K.append(self._tag_annotation(annotation, element, obj))
        return element

    def _tag_annotation(
        self, annotation: Dictionary, parent: Dictionary, page: Dictionary
    ) -> Dictionary:
        """An element for an annotation of a part without tags: a Link, or an Annot."""
        key = self.next_key
        self.next_key += 1
        kind = Name.Link if annotation.get("/Subtype") == Name.Link else Name.Annot
        reference = Dictionary(Type=Name.OBJR, Obj=annotation, Pg=page)
        tagged = self.pack.make_indirect(
            Dictionary(Type=Name.StructElem, S=kind, P=parent, Pg=page, K=reference)
        )
        contents = annotation.get("/Contents")
        if isinstance(contents, pikepdf.String) and str(contents):
            tagged.Alt = pikepdf.String(str(contents))
        annotation.StructParent = key
        self.parent_tree.append((key, tagged))
        page.Tabs = Name.S  # tab through annotations in the order of the structure
        return tagged

    def _place(self, element: Dictionary, level: int) -> None:
        """Put a part's element under the pack's Document, or an appendix's under its item."""
        parent = self.item_element if level and self.item_element is not None else self.document
        kids = parent.get("/K")
        if not isinstance(kids, Array):
            kids = Array([] if kids is None else [kids])
            parent.K = kids
        kids.append(element)
        element.P = parent
        if not level:
            self.item_element = element

    def _copy(self, obj: pikepdf.Object) -> pikepdf.Object:
        """``obj`` of a part, copied into the pack (a page already copied is used, not copied)."""
        if not isinstance(obj, pikepdf.Object):
            return obj  # a number, name or string, as pikepdf gives them
        if obj.is_indirect:
            return self.pack.copy_foreign(obj)
        if isinstance(obj, Array):
            return Array([self._copy(item) for item in obj])
        if isinstance(obj, Dictionary):
            return Dictionary({key: self._copy(value) for key, value in obj.items()})
        return obj

    def _top_of(self, index: int) -> Array:
        page = self.pack.pages[index]
        if int(page.obj.get("/Rotate", 0)) % 360:
            return Array([page.obj, Name.Fit])
        return Array([page.obj, Name.XYZ, None, _box(page.obj)[3], None])

    def _bookmark(self, item: pikepdf.OutlineItem, names: _Destinations) -> _Bookmark | None:
        """A part's outline entry for the pack: leading to the copied page, or to its web
        address; an entry that leads elsewhere is kept only for the entries under it."""
        children = [b for child in item.children if (b := self._bookmark(child, names)) is not None]
        found, safe = _target(item.destination, item.action, names)
        destination = None if found is None else self._copy(found)
        action = None if safe is None else self._copy(safe)
        if destination is None and action is None and not children:
            return None
        assert action is None or isinstance(action, Dictionary)
        assert destination is None or isinstance(destination, Array)
        return _Bookmark(item.title, destination, action, item.is_closed, children)

    def finish(self, title: str, stamp: str, font: StampFont) -> None:
        """Stamp the pages; write the tree, outline, page labels and metadata of the pack."""
        pack = self.pack
        _strip_private(pack)
        _stamp_pages(pack, stamp, font, self.marks)
        tree = self.tree
        self.parent_tree.sort(key=lambda entry: entry[0])
        tree.ParentTree = pack.make_indirect(
            Dictionary(Nums=Array([x for key, value in self.parent_tree for x in (key, value)]))
        )
        tree.ParentTreeNextKey = self.next_key
        if self.role_map:
            tree.RoleMap = Dictionary(dict(sorted(self.role_map.items())))
        if self.class_map:
            tree.ClassMap = self.class_map
        root = pack.Root
        root.StructTreeRoot = tree
        root.MarkInfo = Dictionary(Marked=True)
        root.Lang = pikepdf.String(self.language)
        root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
        root.PageLabels = Dictionary(Nums=Array([0, Dictionary(S=Name.D)]))
        root.PageMode = Name.UseOutlines
        with pack.open_outline() as outline:
            outline.root.extend(_outline_item(b) for b in self.bookmarks)
        _metadata(pack, title, self.language)


def _clean(source: pikepdf.Pdf, names: _Destinations) -> None:
    """In a part: each page holding what it inherits, and only its page; links that lead to
    named places lead there directly (names trees are not copied), and run no scripts."""
    for page in source.pages:
        obj = page.obj
        for key in ("/Resources", "/MediaBox", "/CropBox", "/Rotate"):
            if key not in obj:
                value = _inherited(obj, key)
                if value is not None:
                    obj[key] = value
        for key in _PAGE_PRIVATE:
            if key in obj:
                del obj[key]
        annotations = obj.get("/Annots")
        if not isinstance(annotations, Array):
            continue
        for annotation in annotations:
            if not isinstance(annotation, Dictionary):
                continue
            if "/AA" in annotation:
                del annotation["/AA"]
            destination, action = _target(annotation.get("/Dest"), annotation.get("/A"), names)
            for key, value in (("/Dest", destination), ("/A", action)):
                if value is None and key in annotation:
                    del annotation[key]
                elif value is not None:
                    annotation[key] = value


def _inherited(obj: Dictionary, key: str) -> pikepdf.Object | None:
    node: pikepdf.Object | None = obj.get("/Parent")
    seen = 0
    while isinstance(node, Dictionary) and seen < 64:
        if key in node:
            return node[key]
        node = node.get("/Parent")
        seen += 1
    return None


class _Destinations:
    """A part's named destinations, read when first needed."""

    def __init__(self, source: pikepdf.Pdf) -> None:
        self.source = source
        self.found: dict[bytes, pikepdf.Object] | None = None

    def __call__(self, name: pikepdf.Object) -> pikepdf.Object | None:
        if self.found is None:
            self.found = {}
            root = self.source.Root
            names = root.get("/Names")
            if isinstance(names, Dictionary):
                for key, value in _name_tree(names.get("/Dests")):
                    self.found.setdefault(key, value)
            old = root.get("/Dests")
            if isinstance(old, Dictionary):
                for name_key, value in old.items():
                    self.found.setdefault(name_key[1:].encode(), value)
        key = bytes(name) if isinstance(name, pikepdf.String) else str(name)[1:].encode()
        found = self.found.get(key)
        if isinstance(found, Dictionary):
            found = found.get("/D")
        return found if isinstance(found, Array) else None


def _target(
    destination: object,
    action: object,
    lookup: Callable[[pikepdf.Object], pikepdf.Object | None],
) -> tuple[pikepdf.Object | None, Dictionary | None]:
    """Where a link or bookmark leads, as an explicit destination or a safe action."""
    if isinstance(destination, pikepdf.String | Name):
        destination = lookup(destination)
    if not isinstance(destination, Array):
        destination = None
    safe = safe_action(action)
    if safe is None:
        return destination, None
    if str(safe.S) == "/GoTo":
        goto = safe.get("/D")
        if isinstance(goto, pikepdf.String | Name):
            goto = lookup(goto)
        return (goto if isinstance(goto, Array) else destination), None
    return destination, safe


def _number_tree(node: pikepdf.Object | None, depth: int = 0) -> list[tuple[int, pikepdf.Object]]:
    """The entries of a number tree (a parent tree), in order."""
    if not isinstance(node, Dictionary) or depth > 32:
        return []
    found: list[tuple[int, pikepdf.Object]] = []
    nums = node.get("/Nums")
    if isinstance(nums, Array):
        items = list(nums)
        found += [(int(k), v) for k, v in zip(items[::2], items[1::2], strict=False)]
    kids = node.get("/Kids")
    if isinstance(kids, Array):
        for kid in kids:
            found += _number_tree(kid, depth + 1)
    return found


def _name_tree(
    node: pikepdf.Object | None, depth: int = 0
) -> Iterator[tuple[bytes, pikepdf.Object]]:
    if not isinstance(node, Dictionary) or depth > 32:
        return
    names = node.get("/Names")
    if isinstance(names, Array):
        items = list(names)
        for key, value in zip(items[::2], items[1::2], strict=False):
            if isinstance(key, pikepdf.String):
                yield bytes(key), value
    kids = node.get("/Kids")
    if isinstance(kids, Array):
        for kid in kids:
            yield from _name_tree(kid, depth + 1)


def _struct_parent_holders(
    source: pikepdf.Pdf,
) -> Iterator[tuple[Dictionary | pikepdf.Stream, str]]:
    """Every page, annotation and XObject of ``source``'s pages holding a parent tree key,
    with the key's name (``/StructParents`` or ``/StructParent``), each once."""
    seen: set[tuple[int, int]] = set()

    def once(obj: pikepdf.Object) -> bool:
        if not obj.is_indirect:
            return True
        if obj.objgen in seen:
            return False
        seen.add(obj.objgen)
        return True

    def resources(res: pikepdf.Object | None) -> Iterator[tuple[Dictionary | pikepdf.Stream, str]]:
        if not isinstance(res, Dictionary):
            return
        xobjects = res.get("/XObject")
        if not isinstance(xobjects, Dictionary):
            return
        for xobject in xobjects.values():
            if isinstance(xobject, pikepdf.Stream) and once(xobject):
                yield from holding(xobject)
                yield from resources(xobject.get("/Resources"))

    def holding(
        obj: Dictionary | pikepdf.Stream,
    ) -> Iterator[tuple[Dictionary | pikepdf.Stream, str]]:
        for key in ("/StructParents", "/StructParent"):
            if key in obj:
                yield obj, key

    for page in source.pages:
        obj = page.obj
        if not once(obj):
            continue
        yield from holding(obj)
        annotations = obj.get("/Annots")
        if isinstance(annotations, Array):
            for annotation in annotations:
                if isinstance(annotation, Dictionary) and once(annotation):
                    yield from holding(annotation)
        yield from resources(obj.get("/Resources"))


def _elements(tree: Dictionary) -> Iterator[Dictionary]:
    """Every structure element under ``tree``, each once."""
    seen: set[tuple[int, int]] = set()
    stack = [tree.get("/K")]
    while stack:
        node = stack.pop()
        if isinstance(node, Array):
            stack.extend(reversed(list(node)))
        elif isinstance(node, Dictionary) and "/S" in node:
            if node.is_indirect:
                if node.objgen in seen:
                    continue
                seen.add(node.objgen)
            yield node
            stack.append(node.get("/K"))


def _fix_parents(element: Dictionary) -> None:
    """Point each element under ``element`` at its actual parent."""
    seen: set[tuple[int, int]] = set()
    stack = [element]
    while stack:
        parent = stack.pop()
        kids = parent.get("/K")
        for kid in kids if isinstance(kids, Array) else [kids]:
            if isinstance(kid, Dictionary) and "/S" in kid:
                if kid.is_indirect:
                    if kid.objgen in seen:
                        continue
                    seen.add(kid.objgen)
                kid.P = parent
                stack.append(kid)


def _role(element: Dictionary, roles: dict[str, str]) -> str:
    """An element's standard type, following the role map."""
    tag = str(element.get("/S", ""))
    for _ in range(16):
        if tag not in roles:
            break
        tag = roles[tag]
    return tag


def _outline(source: pikepdf.Pdf) -> list[pikepdf.OutlineItem]:
    if "/Outlines" not in source.Root:
        return []
    try:
        return list(pikepdf.Outline(source).root)  # read only: a part's outline is not saved
    except (pikepdf.OutlineStructureError, pikepdf.PdfError, AttributeError, TypeError, ValueError):
        return []  # an outline pikepdf cannot read (an item that is not a dictionary, …)


def _outline_item(bookmark: _Bookmark) -> pikepdf.OutlineItem:
    item = pikepdf.OutlineItem(
        bookmark.title, destination=bookmark.destination, action=bookmark.action
    )
    item.is_closed = bookmark.closed and bool(bookmark.children)
    item.children.extend(_outline_item(child) for child in bookmark.children)
    return item


def _contents(page: Dictionary) -> list[pikepdf.Object]:
    contents = page.get("/Contents")
    if isinstance(contents, Array):
        return list(contents)
    return [] if contents is None else [contents]


def _box(page: Dictionary) -> tuple[float, float, float, float]:
    box = page.get("/CropBox", page.get("/MediaBox"))
    if not isinstance(box, Array) or len(box) != 4:
        box = Array([0, 0, 612, 792])
    x0, y0, x1, y1 = (float(v) for v in box)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _stamp_pages(
    pack: pikepdf.Pdf, stamp: str, font: StampFont, marks: Sequence[str | None]
) -> None:
    """Stamp every page with its number, and its mark if any (``marks``, page by page), in
    ``font`` embedded cut down to the characters they print."""
    total = len(pack.pages)
    texts = [stamp.format(n=n, total=total) for n in range(1, total + 1)]
    embedded = embed(pack, font, [*texts, *dict.fromkeys(m for m in marks if m)])
    begin = pack.make_stream(b"q\n")
    for page, text, mark in zip(pack.pages, texts, marks, strict=True):
        _stamp(pack, page, text, font, embedded, begin, mark)


def _stamp(
    pack: pikepdf.Pdf,
    page: pikepdf.Page,
    text: str,
    font: StampFont,
    embedded: Embedded,
    begin: pikepdf.Stream,
    mark: str | None = None,
) -> None:
    """Draw ``text`` at the top right of ``page`` as it is shown, and ``mark`` (if any) on the
    same line from the left margin, shrunk to fit before it: each a pagination artifact."""
    obj = page.obj
    resources = obj.get("/Resources")
    if not isinstance(resources, Dictionary):
        resources = Dictionary()
        obj.Resources = resources
    fonts = resources.get("/Font")
    if not isinstance(fonts, Dictionary):
        fonts = Dictionary()
        resources.Font = fonts
    name, n = "/PackStamp", 1
    while name in fonts and fonts[name].objgen != embedded.font.objgen:
        n += 1
        name = f"/PackStamp{n}"
    fonts[name] = embedded.font
    x0, y0, x1, y1 = _box(obj)
    rotate = int(obj.get("/Rotate", 0)) % 360
    width, height = (y1 - y0, x1 - x0) if rotate in (90, 270) else (x1 - x0, y1 - y0)
    # the text matrix: upright on the page as shown, its origin where the text starts
    a, b, c, d, e, f = {
        0: (1, 0, 0, 1, x0, y0),
        90: (0, 1, -1, 0, x1, y0),
        180: (-1, 0, 0, -1, x1, y1),
        270: (0, -1, 1, 0, x0, y1),
    }.get(rotate, (1, 0, 0, 1, x0, y0))
    u = width - STAMP_RIGHT - font.width(text, STAMP_FONT_SIZE)
    v = height - STAMP_TOP
    name_bytes = name.encode()

    def drawn(words: str, u: float, size: float) -> bytes:
        x, y = a * u + c * v + e, b * u + d * v + f
        return (
            b"/Artifact <</Type /Pagination /Subtype /Header>> BDC\n0 g\nBT\n"
            + name_bytes
            + f" {_num(size)} Tf\n{a} {b} {c} {d} {_num(x)} {_num(y)} Tm\n<".encode()
            + embedded.encode(words).hex().upper().encode()
            + b"> Tj\nET\nEMC\n"
        )

    ops = b"\nQ\nq\n" + drawn(text, u, STAMP_FONT_SIZE)
    if mark:
        room = u - MARK_GAP - MARK_LEFT
        natural = font.width(mark, STAMP_FONT_SIZE)
        size = STAMP_FONT_SIZE * min(1.0, room / natural) if natural else STAMP_FONT_SIZE
        ops += drawn(mark, MARK_LEFT, max(size, MARK_MIN_SIZE))
    ops += b"Q\n"
    obj.Contents = Array([begin, *_contents(obj), pack.make_stream(ops)])


def _num(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _strip_private(pack: pikepdf.Pdf) -> None:
    """Remove what parts carried beyond their pages and tags: XMP of pages, images and forms,
    applications' private data, scripts run on events, and (after :func:`sanitise`, belt and
    braces) associated and embedded files and JavaScript."""
    for obj in pack.objects:
        if isinstance(obj, Dictionary | pikepdf.Stream):
            for key in _PACK_PRIVATE:
                if key in obj:
                    del obj[key]


def _metadata(pack: pikepdf.Pdf, title: str, language: str) -> None:
    """The pack's own metadata, set fresh; dated only when ``SOURCE_DATE_EPOCH`` is set."""
    when = _source_date()
    pikepdf.models.PdfMetadata.register_xml_namespace(SEAL_NAMESPACE, "reportgen")
    with pack.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        xmp["dc:title"] = title
        xmp["dc:language"] = [language]
        xmp["xmp:CreatorTool"] = CREATOR
        if when is not None:
            xmp["xmp:CreateDate"] = when.isoformat()
            xmp["xmp:ModifyDate"] = when.isoformat()
        xmp[f"{{{SEAL_NAMESPACE}}}sealed"] = "0" * 64
    info = pack.docinfo
    info.Title = pikepdf.String(title)
    info.Creator = pikepdf.String(CREATOR)
    if when is not None:
        stamp = pikepdf.String(when.strftime("D:%Y%m%d%H%M%S+00'00"))
        info.CreationDate = stamp
        info.ModDate = stamp


def _source_date() -> dt.datetime | None:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return None
