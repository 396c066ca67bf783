"""A Word template vetted and filled: a template is untrusted input.

Councils pass templates around, and ``--template`` takes any file. :func:`open_shell` reads one
within :data:`~reportgen.writers.docx.package.TEMPLATE_LIMITS` (a zip bomb, a corrupt zip, an
encrypted file cost bounded time and memory), says in a ``T4xx`` problem what is wrong with one
that is not a usable Word document, makes it safe, fills its six ``{{ fields }}`` and opens it
once with python-docx. A template once vetted is kept in memory, by path, with its modification
time, size and inode, and read and vetted again only when one of them changes. What a template
may carry is decided item by item:

- a Word template (.dotx) is accepted as Word accepts it for File › New: its main part's
  content type becomes a document's (an officer's house template is a .dotx, and it should
  just work); a macro-enabled file (.docm, .dotm) is refused (T413): reportgen writes no
  macros, and a template that carries them is asked to be saved as a .docx;
- macro parts left in a .docx (``vbaProject.bin``, ``vbaData.xml``, key map customizations),
  the attached template (``w:attachedTemplate``, usually a path on the officer's own disk, and
  a known way to make Word fetch a remote file) and a mail-merge data source are stripped,
  with their relationships: Word ignores or re-creates them, and a report needs none;
- anything fetched from outside the file when the report is opened (a linked picture, frame,
  subdocument or object; an INCLUDEPICTURE, INCLUDETEXT or LINK field) is refused (T415),
  since stripping it would silently lose a logo; external hyperlinks stay (they are followed
  only when clicked); an embedded object or ActiveX control is refused (T416), imported
  content (``altChunk``, which Word never saves) too (T417), and a DDE field, which asks Word
  to start a program, too (T419); custom XML data binding is kept.

The fields are ``{{ committee }}``, ``{{ date }}``, ``{{ agenda_item }}``, ``{{ report_of }}``,
``{{ title }}``, ``{{ reference }}`` and every other field the profile's header.yaml declares,
in the main document, its headers, footers, footnotes and endnotes; ``{{ NAME | line }}`` prints
a field's whole line (label and value, nothing when it is empty), and a paragraph holding only
``{{ header }}`` becomes the header block: a paragraph for each of the profile's own fields (not
the six built-in ones) that the template prints nowhere else. Each is read by Jinja's parser
in the immutable sandbox and may be a field or a field through a text filter (``upper``,
``lower``, ``title``, ``capitalize``, ``trim``); anything else (a loop, arithmetic, an
attribute, another name) is a T404 problem and is never run. A field alone, as the standard
template's are (``{{ title }}``, ``{{ agenda_item | line }}``), prints what Jinja would print
for it without Jinja being imported. A field Word has split across runs is joined into its
first run first, as docxtpl does.
"""

from __future__ import annotations

import bisect
import copy
import io
import os
import posixpath
import re
import time
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from functools import cached_property
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING, NoReturn

from lxml import etree

from reportgen.errors import Location, Problems, quote
from reportgen.reads import note_file
from reportgen.writers.docx import package

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from jinja2 import nodes
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from reportgen.document import HeaderLine

FIELDS = ("committee", "date", "agenda_item", "report_of", "title", "reference")
"""The names a template may print."""
FILTERS = ("upper", "lower", "title", "capitalize", "trim")
"""The filters a field may go through."""
MAX_FIELDS = 1000
"""The most fields (and other ``{{ }}``, ``{% %}``, ``{# #}``) a template may hold: the filled
shell stays about the size of the template, and a template has at most so many problems."""

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PR = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_RT = _R + "/"
_MS = "http://schemas.microsoft.com/office/2006/relationships/"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
DOCUMENT_TYPE = _WML + "document.main+xml"
TEMPLATE_TYPE = _WML + "template.main+xml"
MACRO_TYPES = {
    "application/vnd.ms-word.document.macroEnabled.main+xml": ".docm",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml": ".dotm",
}

_OFFICE_DOCUMENT = _RT + "officeDocument"
_HYPERLINK = _RT + "hyperlink"
_STRIPPED = {
    _MS + "vbaProject",
    _MS + "wordVbaData",
    _MS + "keyMapCustomizations",
    _RT + "attachedTemplate",
    _RT + "mailMergeSource",
    _RT + "mailMergeHeaderSource",
    _RT + "recipientData",
}
"""Relationships removed, with their parts: macros, the attached template, mail merge."""
_STRIPPED_SETTINGS = ("attachedTemplate", "mailMerge")
"""The ``word/settings.xml`` elements that point at what :data:`_STRIPPED` removes."""
_EMBEDDED = {
    _RT + "oleObject": "an embedded object (OLE)",
    _RT + "package": "an embedded document",
    _RT + "control": "an ActiveX control",
    _MS + "activeXControlBinary": "an ActiveX control",
}
_ALT_CHUNK = _RT + "aFChunk"
_FILLED = {_RT + name for name in ("header", "footer", "footnotes", "endnotes")}
"""The parts related to the main document whose fields are filled, besides the main document."""
_ROOTS = {
    _RT + "styles": "styles",
    _RT + "numbering": "numbering",
    _RT + "settings": "settings",
    _RT + "header": "hdr",
    _RT + "footer": "ftr",
}
"""What the root element of each kind of part must be (``w:`` names)."""
_FETCHING_FIELDS = {"INCLUDEPICTURE", "INCLUDETEXT", "LINK", "IMPORT", "INCLUDE"}
_PROGRAM_FIELDS = {"DDE", "DDEAUTO"}

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""How an OLE compound file begins: an encrypted Office file, or an old binary .doc."""
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
_OLE_SCAN = 1 << 20

_OPENER = re.compile(r"\{[{%#]")
_CLOSERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
_MARKERS = ("{{", "{%", "{#")
_INVALID_XML_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f]")
"""Characters XML cannot hold (tab and new line are handled before): dropped from a field."""

_SAVE_AS_DOCX = "open it in Word and save it as a Word Document (.docx), or leave --template out"


class Vetting:
    """The problems found in one template, each naming the template's path.

    Other readers of untrusted Word files (:mod:`reportgen.word.read`) vet them with
    :func:`read_vetted` and a subclass that words and codes the problems its own way."""

    subject = "the template"
    """How a message names the file."""

    def __init__(self, path: Path) -> None:
        self.where = Location(str(path))
        self.problems = Problems()

    def add(self, code: str, message: str, fix: str) -> None:
        """Record that the template has problem ``code``."""
        self.problems.add(code, f"{self.subject} {message}", self.where, fix)

    def stripped(self, kind: str, part: str) -> None:
        """A relationship of ``kind`` (macros, the attached template, mail merge) to ``part``
        is being stripped: a template loses it silently."""

    def stop(self, code: str, message: str, fix: str) -> NoReturn:
        """Record a problem and raise every problem found so far."""
        self.add(code, message, fix)
        self.problems.raise_if_any()
        raise AssertionError("a problem was just added")  # pragma: no cover


_Stamp = tuple[int, int, int]
"""A template file's modification time (ns), size and inode."""
_VETTED: dict[str, tuple[_Stamp, bytes]] = {}
"""Templates read and vetted before, by path, with their stamp then: a template is read and
vetted again only when its stamp changed (each build still fills and opens its own copy)."""
_VETTED_FILES = 8
"""How many templates are kept; the one read longest ago goes first."""
_SETTLED_NS = 2_000_000_000
"""How long before a read a template must have been modified for its stamp to be trusted (a
file system's clock ticks coarsely: a second save within the tick could keep the time)."""


def _stamp(path: Path) -> _Stamp | None:
    """The stamp of the regular file at ``path``, or None (not a file, or unreadable)."""
    try:
        stat = os.stat(path)
    except OSError:
        return None
    if not S_ISREG(stat.st_mode):
        return None
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


def open_shell(
    path: Path, fields: Mapping[str, str], lines: Sequence[HeaderLine] = ()
) -> WordDocument:
    """The template at ``path`` vetted, made safe, with ``fields`` filled, opened by python-docx.

    ``lines`` are the header block's fields as they print: ``{{ NAME | line }}`` prints one's
    line, and a paragraph of its own ``{{ header }}`` becomes a paragraph for each of the
    profile's own fields the template names nowhere else (none for a field left empty).

    Raises one :class:`~reportgen.errors.ReportError` with T4xx problems if it is not a usable
    Word document or carries what a report must not.
    """
    note_file(path)  # read, or kept from before: the build depends on it
    vetting = Vetting(path)
    key, stamp = str(path.resolve()), _stamp(path)
    cached = _VETTED.get(key)
    if cached is not None and stamp is not None and cached[0] == stamp:
        stored = cached[1]
    else:
        parts = _read(path, vetting)
        _vet(parts, vetting)
        vetting.problems.raise_if_any()
        stored = _stored(parts)
        _VETTED.pop(key, None)
        if stamp is not None and stamp[0] < time.time_ns() - _SETTLED_NS:
            if len(_VETTED) >= _VETTED_FILES:
                del _VETTED[next(iter(_VETTED))]
            _VETTED[key] = (stamp, stored)
    word = _open(stored, vetting)
    _fill(word, fields, lines, vetting)
    vetting.problems.raise_if_any()
    return word


# --- reading --------------------------------------------------------------------------------------


def read_vetted(path: Path, vetting: Vetting) -> dict[str, bytes]:
    """The parts of the Word file at ``path``, read within the template limits and vetted as a
    template is (macros and the attached template stripped, through ``vetting.stripped``);
    raises one :class:`~reportgen.errors.ReportError` with ``vetting``'s problems."""
    parts = _read(path, vetting)
    _vet(parts, vetting)
    vetting.problems.raise_if_any()
    return parts


def _read(path: Path, vetting: Vetting) -> dict[str, bytes]:
    """The template's parts, read within the template limits, or problems saying why not."""
    if path.is_dir():
        vetting.stop(
            "T405", "is a folder", "give the path of a .docx file, or leave --template out"
        )
    if not path.is_file():  # a device or a pipe: reading it could wait for ever
        vetting.stop(
            "T409", "is not a file", "give the path of a .docx file, or leave --template out"
        )
    encrypted = False
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_OLE))
            if head == _OLE:
                encrypted = _ENCRYPTION_INFO in handle.read(_OLE_SCAN)
    except OSError as exc:
        vetting.stop("T409", f"cannot be read ({exc.strerror})", "check the file's permissions")
    if not head:
        vetting.stop("T406", "is an empty file", "give the path of a .docx made in Word")
    if head == _OLE and encrypted:
        vetting.stop(
            "T407",
            "is password-protected, so reportgen cannot read its styles",
            "open it in Word, remove the password (File › Info › Protect Document › Encrypt "
            "with Password, then clear it) and save it as a .docx",
        )
    if head == _OLE:
        vetting.stop("T408", "is an old Word 97-2003 document (.doc), not a .docx", _SAVE_AS_DOCX)
    if not head.startswith(b"PK"):
        vetting.stop("T409", "is not a Word document (.docx): it is not a zip file", _SAVE_AS_DOCX)
    try:
        with package.open_zip(path, package.TEMPLATE_LIMITS) as archive:
            return package.read_parts(archive, package.TEMPLATE_LIMITS)
    except package.PackageTooLarge as exc:
        vetting.stop("T410", f"is too large: {exc}", "save a plain copy of it in Word")
    except package.PackageError as exc:
        vetting.stop("T411", f"is a damaged zip: {exc}", "open it in Word and save it again")


def _parse(parts: Mapping[str, bytes], name: str, vetting: Vetting) -> etree._Element | None:
    """Part ``name`` parsed safely, or None with a T412 problem naming the part and the fault."""
    try:
        root = package.parse_xml(parts[name])
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        fault = re.sub(r", line \d+, column \d+$", "", exc.msg or "")
        vetting.add(
            "T412",
            f"has broken XML in {name} at line {line}, column {column}: {fault}",
            "open it in Word and save it again, or use a fresh copy of the template",
        )
        return None
    except ValueError as exc:  # an encoding lxml does not know, say
        vetting.add(
            "T412",
            f"has unreadable XML in {name}: {exc}",
            "open it in Word and save it again, or use a fresh copy of the template",
        )
        return None
    if getattr(root.getroottree().docinfo, "doctype", ""):
        vetting.add(
            "T412",
            f"has a DOCTYPE in {name}, which Word never writes",
            "open it in Word and save it again, or use a fresh copy of the template",
        )
        return None
    return root


# --- vetting -------------------------------------------------------------------------------------


class _ContentTypes:
    """The package's content types: by part name, else by extension."""

    def __init__(self, root: etree._Element) -> None:
        self.root = root
        self.defaults = {
            (e.get("Extension") or "").lower(): e.get("ContentType") or ""
            for e in root.iter(f"{{{_CT}}}Default")
        }
        self.overrides = {e.get("PartName") or "": e for e in root.iter(f"{{{_CT}}}Override")}

    def of(self, part: str) -> str | None:
        """The content type of ``part``, or None when the package gives none."""
        override = self.overrides.get(f"/{part}")
        if override is not None:
            return override.get("ContentType")
        return self.defaults.get(posixpath.splitext(part)[1][1:].lower())


def _vet(parts: dict[str, bytes], vetting: Vetting) -> None:
    """Check ``parts`` is a Word document; strip and refuse what a template may not carry."""
    if package.CONTENT_TYPES not in parts or "_rels/.rels" not in parts:
        missing = package.CONTENT_TYPES if package.CONTENT_TYPES not in parts else "_rels/.rels"
        vetting.stop("T409", f"is not a Word document: it has no {missing}", _SAVE_AS_DOCX)
    types_root = _parse(parts, package.CONTENT_TYPES, vetting)
    if types_root is None:
        vetting.problems.raise_if_any()
        return
    types = _ContentTypes(types_root)
    seen: set[str] = set()
    queue = [""]
    main = None
    while queue:
        source = queue.pop(0)
        rels_name = package.rels_name(source)
        if rels_name not in parts:
            continue
        rels = _parse(parts, rels_name, vetting)
        if rels is None:
            continue
        changed = False
        for rel in list(rels):
            kind, target = rel.get("Type") or "", rel.get("Target") or ""
            external = rel.get("TargetMode") == "External"
            if kind in _STRIPPED:
                vetting.stripped(kind, target)
                rels.remove(rel)
                changed = True
            elif external:
                if kind != _HYPERLINK:
                    vetting.add(
                        "T415",
                        f"links to {quote(target)} outside the file ({kind.rsplit('/', 1)[-1]}, in "
                        f"{source or 'the package'}), which would be fetched when the report "
                        "is opened",
                        "embed it instead (in Word: File › Info › Edit Links to Files › Break "
                        "Link; insert pictures without 'Link to File'), or remove it",
                    )
            elif kind in _EMBEDDED and not (
                kind == _RT + "package" and source.startswith("word/charts/")
            ):
                vetting.add(
                    "T416",
                    f"holds {_EMBEDDED[kind]} ({package.rel_target(source, target)}), which "
                    "could run code when the report is opened",
                    "delete it from the template in Word: a template needs text, styles and "
                    "pictures only",
                )
            elif kind == _ALT_CHUNK:
                vetting.add(
                    "T417",
                    "imports content from another file "
                    f"({package.rel_target(source, target)}), which Word merges only when it "
                    "opens the file",
                    "open it in Word and save it again: Word makes the imported content its own",
                )
            else:
                name = package.rel_target(source, target)
                if source == "" and kind == _OFFICE_DOCUMENT:
                    main = name
                if name not in parts:
                    vetting.add(
                        "T411",
                        f"is damaged: {source or 'the package'} names a part {name} that is "
                        "missing",
                        "open it in Word and save it again",
                    )
                    continue
                if types.of(name) is None:
                    vetting.add(
                        "T411",
                        f"is damaged: its part {name} has no content type",
                        "open it in Word and save it again",
                    )
                    continue
                if name not in seen:
                    seen.add(name)
                    queue.append(name)
                    _check_part(parts, name, kind, types, vetting)
        if changed:
            parts[rels_name] = package.part_xml(rels)
    if main is None:
        vetting.stop("T409", "is not a Word document: it has no main document part", _SAVE_AS_DOCX)
    if main in parts:
        _check_main(parts, main, types, vetting)


def _check_main(parts: dict[str, bytes], main: str, types: _ContentTypes, vetting: Vetting) -> None:
    """The main part is a Word document's (a template's is made one); macros are refused."""
    kind = types.of(main) or ""
    if kind in MACRO_TYPES:
        vetting.add(
            "T413",
            f"is macro-enabled ({MACRO_TYPES[kind]}); reportgen writes no macros",
            "open it in Word and save it as a Word Document (.docx) or Word Template (.dotx)",
        )
    elif kind == TEMPLATE_TYPE:  # a .dotx: what Word does for File, New from it
        override = types.overrides.get(f"/{main}")
        if override is None:
            override = etree.SubElement(types.root, f"{{{_CT}}}Override", PartName=f"/{main}")
        override.set("ContentType", DOCUMENT_TYPE)
        parts[package.CONTENT_TYPES] = package.part_xml(types.root)
    elif kind != DOCUMENT_TYPE:
        vetting.add(
            "T414",
            f"is not a Word document: its main part {main} is of type {quote(kind)}",
            _SAVE_AS_DOCX,
        )


def _check_part(
    parts: dict[str, bytes], name: str, kind: str, types: _ContentTypes, vetting: Vetting
) -> None:
    """Parse an XML part: broken XML, the wrong root, stripped settings, dangerous fields."""
    content_type = types.of(name) or ""
    if not (content_type.endswith("xml") or name.endswith(".xml")):
        return
    root = _parse(parts, name, vetting)
    if root is None:
        return
    wanted = "document" if kind == _OFFICE_DOCUMENT else _ROOTS.get(kind)
    if wanted is not None and root.tag != f"{{{_W}}}{wanted}":
        vetting.add(
            "T412",
            f"has the wrong content in {name}: it should hold w:{wanted}, not {root.tag}",
            "open it in Word and save it again, or use a fresh copy of the template",
        )
        return
    if wanted == "document" and root.find(f"{{{_W}}}body") is None:
        vetting.add(
            "T412",
            f"has no body in {name}",
            "open it in Word and save it again, or use a fresh copy of the template",
        )
    if wanted == "settings":
        stale = [e for n in _STRIPPED_SETTINGS for e in root.findall(f"{{{_W}}}{n}")]
        for element in stale:
            root.remove(element)
        if stale:
            parts[name] = package.part_xml(root)
    for instruction in _field_instructions(root):
        word = (instruction.split() or [""])[0].upper()
        if word in _PROGRAM_FIELDS:
            vetting.add(
                "T419",
                f"has a {word} field in {name}, which asks Word to start a program",
                "delete the field (Alt+F9 shows field codes in Word)",
            )
        elif word in _FETCHING_FIELDS:
            vetting.add(
                "T415",
                f"has an {word} field in {name}, which fetches a file when the report is opened",
                "delete the field (Alt+F9 shows field codes in Word), or insert its content",
            )


def _field_instructions(root: etree._Element) -> Iterator[str]:
    """Every field instruction in ``root``: simple fields' and complex fields' (joined)."""
    for simple in root.iter(f"{{{_W}}}fldSimple"):
        yield simple.get(f"{{{_W}}}instr") or ""
    stack: list[list[str] | None] = []  # None: the field's instruction is done, its result runs
    for element in root.iter(f"{{{_W}}}fldChar", f"{{{_W}}}instrText"):
        if element.tag == f"{{{_W}}}instrText":
            if stack and stack[-1] is not None:
                stack[-1].append(element.text or "")
            continue
        kind = element.get(f"{{{_W}}}fldCharType")
        if kind == "begin":
            stack.append([])
        elif kind in ("separate", "end") and stack:
            instruction = stack.pop() if kind == "end" else stack[-1]
            if instruction is not None:
                yield "".join(instruction)
            if kind == "separate":
                stack[-1] = None


# --- opening --------------------------------------------------------------------------------------


def _stored(parts: Mapping[str, bytes]) -> bytes:
    """The vetted parts as a zip python-docx can open (stored, it costs nothing)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _open(stored: bytes, vetting: Vetting) -> WordDocument:
    """The vetted parts, zipped by :func:`_stored`, opened by python-docx."""
    from docx import Document as open_docx

    try:
        return open_docx(io.BytesIO(stored))
    except (ValueError, KeyError, AttributeError, TypeError, etree.LxmlError) as exc:
        vetting.stop("T409", f"cannot be opened as a Word document ({exc})", _SAVE_AS_DOCX)


# --- filling -------------------------------------------------------------------------------------


def _fill(
    word: WordDocument,
    fields: Mapping[str, str],
    lines: Sequence[HeaderLine],
    vetting: Vetting,
) -> None:
    """Fill the fields of the main document, its headers, footers, footnotes and endnotes."""
    from docx.opc.part import XmlPart

    roots: list[tuple[etree._Element, object | None]] = [(word.part.element, None)]
    for rel in word.part.rels.values():
        if rel.is_external or rel.reltype not in _FILLED:
            continue
        part = rel.target_part
        if isinstance(part, XmlPart):
            roots.append((part.element, None))
        else:  # a part python-docx keeps as bytes
            roots.append((package.parse_xml(part.blob), part))
    named = {name for root, _ in roots for name in _names(root)}
    block = [h for h in lines if h.text and h.name not in named and h.name not in FIELDS]
    filler = _Filler(fields, {h.name: h.text for h in lines}, block, vetting)
    for root, blob_part in roots:
        if filler.fill(root) and blob_part is not None:
            blob_part._blob = package.part_xml(root)  # type: ignore[attr-defined]


_NAMED = re.compile(r"\{\{-?\s*([A-Za-z_][A-Za-z0-9_]*)")
_ALONE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*(\|\s*line\s*)?\}\}")
"""One field alone, perhaps through ``line``: read without Jinja (:meth:`_Filler.alone`)."""
_JINJA_CONSTANTS = frozenset({"true", "false", "none", "True", "False", "None", "not"})
"""The words Jinja reads as a constant or an operator, never as a field's name."""
_HEADER_BLOCK = "header"
"""The field whose paragraph becomes the header block: ``{{ header }}``."""


def _names(root: etree._Element) -> set[str]:
    """The names the fields of ``root`` print, each paragraph's text joined across its runs."""
    found: set[str] = set()
    for p in root.iter(f"{{{_W}}}p"):
        joined = "".join(t.text or "" for t in p.iter(f"{{{_W}}}t") if _paragraph(t) is p)
        if "{{" in joined:
            found.update(_NAMED.findall(joined))
    return found


class _Filler:
    """Fills ``{{ fields }}`` in Word XML, in place, parsing each by Jinja in the sandbox."""

    def __init__(
        self,
        fields: Mapping[str, str],
        lines: Mapping[str, str],
        block: Sequence[HeaderLine],
        vetting: Vetting,
    ) -> None:
        self.fields = {**{name: "" for name in lines}, **fields}
        self.lines = lines
        self.block = block
        self.vetting = vetting
        self.tokens = 0

    @cached_property
    def env(self) -> ImmutableSandboxedEnvironment:
        """The sandbox a field is parsed in, made (and Jinja imported) for the first field: a
        template without fields never loads Jinja."""
        from jinja2 import StrictUndefined
        from jinja2.sandbox import ImmutableSandboxedEnvironment

        return ImmutableSandboxedEnvironment(undefined=StrictUndefined)

    def fill(self, root: etree._Element) -> bool:
        """Fill every paragraph of ``root``; whether anything was filled. A paragraph of fields
        only that all print nothing (``{{ agenda_item | line }}`` for a report outside a
        meeting) goes, as the header block's does: an empty paragraph is an accessibility
        fault; one in a table cell stays, as a cell must hold a paragraph."""
        filled = False
        emptied: list[etree._Element] = []
        for p in root.iter(f"{{{_W}}}p"):
            texts = [t for t in p.iter(f"{{{_W}}}t") if _paragraph(t) is p]
            joined = "".join(t.text or "" for t in texts)
            if not any(marker in joined for marker in _MARKERS):
                continue
            if joined.strip() == "{{ " + _HEADER_BLOCK + " }}":
                self.header_block(p, texts)
                filled = True
                continue
            spans = _tokens(joined)
            self.tokens += len(spans)
            if self.tokens > MAX_FIELDS:
                self.vetting.stop(
                    "T410",
                    f"has more than {MAX_FIELDS} fields",
                    "print each field where the report shows it, once",
                )
            for t in _join_tokens(texts, joined, spans):
                self.fill_text(t)
                filled = True
            if spans and _emptied(p):
                emptied.append(p)
            rest = joined[spans[-1][1] :] if spans else joined
            if any(marker in rest for marker in _MARKERS):
                self.vetting.add(
                    "T418",
                    f"has a field that is not closed: {quote(rest[:80])}",
                    "close each field, as {{ title }}, within one paragraph",
                )
        for p in emptied:
            parent = p.getparent()
            if parent is not None:
                parent.remove(p)
        return filled

    def header_block(self, p: etree._Element, texts: list[etree._Element]) -> None:
        """Put a paragraph for each line of the header block in place of ``p``, in its
        paragraph and first run's formatting; with no line to print, ``p`` goes."""
        properties = p.find(f"{{{_W}}}pPr")
        first_run = texts[0].getparent()
        run_properties = first_run.find(f"{{{_W}}}rPr") if first_run is not None else None
        for line in self.block:
            new = etree.Element(f"{{{_W}}}p")
            if properties is not None:
                new.append(copy.deepcopy(properties))
            run = _run(run_properties)
            new.append(run)
            t = etree.SubElement(run, f"{{{_W}}}t")
            t.set(_XML_SPACE, "preserve")
            _set_listing(t, _INVALID_XML_CHARS.sub(" ", line.text))
            p.addprevious(new)
        parent = p.getparent()
        assert parent is not None
        parent.remove(p)

    def fill_text(self, t: etree._Element) -> None:
        """Fill the fields in the text of ``t``; resolve tabs and new lines as docxtpl does."""
        source = t.text or ""
        text = self.alone(source)
        if text is None:
            from jinja2 import TemplateSyntaxError

            try:
                tree = self.env.parse(source)
            except TemplateSyntaxError as exc:
                self.vetting.add(
                    "T418",
                    f"has a field that is not valid: {quote(source)} ({exc.message})",
                    "write each field as {{ title }}: the fields are {{ committee }}, {{ date }}, "
                    "{{ agenda_item }}, {{ report_of }}, {{ title }} and {{ reference }}",
                )
                return
            text = self.render(tree, source)
        if text is None:
            return
        t.set(_XML_SPACE, "preserve")
        _set_listing(t, _INVALID_XML_CHARS.sub(" ", text))

    def alone(self, source: str) -> str | None:
        """What ``source`` prints when it is one field alone, ``{{ title }}`` or
        ``{{ agenda_item | line }}``: what Jinja's parse of it prints, read without Jinja;
        None for anything else, which Jinja's parser reads."""
        found = _ALONE.fullmatch(source)
        if found is None or found[1] not in self.fields or found[1] in _JINJA_CONSTANTS:
            return None
        return self.lines.get(found[1], "") if found[2] else self.fields[found[1]]

    def render(self, tree: nodes.Template, source: str) -> str | None:
        """The text ``tree`` prints, if it prints only fields (else a T404 problem, None)."""
        from jinja2 import nodes

        out: list[str] = []
        for output in tree.body:
            if not isinstance(output, nodes.Output):
                self.refuse(source)
                return None
            for node in output.nodes:
                if isinstance(node, nodes.TemplateData):
                    out.append(node.data)
                    continue
                value = self.field(node)
                if value is None:
                    self.refuse(source)
                    return None
                out.append(value)
        return "".join(out)

    def field(self, node: nodes.Node) -> str | None:
        """The value of a field, or of a field through one of :data:`FILTERS`; else None."""
        from jinja2 import nodes

        if isinstance(node, nodes.Name) and node.ctx == "load" and node.name in self.fields:
            return self.fields[node.name]
        if (
            isinstance(node, nodes.Filter)
            and node.name == "line"
            and isinstance(node.node, nodes.Name)
            and node.node.name in self.fields
            and not (node.args or node.kwargs or node.dyn_args or node.dyn_kwargs)
        ):
            return self.lines.get(node.node.name, "")
        if (
            isinstance(node, nodes.Filter)
            and node.name in FILTERS
            and node.node is not None
            and not (node.args or node.kwargs or node.dyn_args or node.dyn_kwargs)
        ):
            value = self.field(node.node)
            return None if value is None else str(self.env.filters[node.name](value))
        return None

    def refuse(self, source: str) -> None:
        """Record that ``source`` asks for more than a field (T404)."""
        self.vetting.add(
            "T404",
            f"asks for something it may not: {quote(source)}",
            "a template's fields are {{ committee }}, {{ date }}, {{ agenda_item }}, "
            "{{ report_of }}, {{ title }} and {{ reference }}; remove anything else",
        )


def _emptied(p: etree._Element) -> bool:
    """Whether the filled paragraph ``p`` shows nothing and may go: no text, no picture or
    other content, not a cell's paragraph, not the one that holds a section's settings."""
    if "".join(t.text or "" for t in p.iter(f"{{{_W}}}t")).strip():
        return False
    if any(etree.QName(a).localname == "tc" for a in p.iterancestors()):
        return False
    kept = {f"{{{_W}}}{name}" for name in ("drawing", "pict", "object", "sectPr", "fldChar")}
    return not any(e.tag in kept for e in p.iter())


def _paragraph(element: etree._Element) -> etree._Element | None:
    """The nearest paragraph holding ``element`` (a text box's paragraph, not its anchor's)."""
    parent = element.getparent()
    while parent is not None and parent.tag != f"{{{_W}}}p":
        parent = parent.getparent()
    return parent


def _tokens(text: str) -> list[tuple[int, int]]:
    """Where each ``{{ … }}``, ``{% … %}`` and ``{# … #}`` in ``text`` starts and ends.

    One pass: the scan stops at the first token not closed (a T418 problem), so no text makes
    it quadratic.
    """
    spans: list[tuple[int, int]] = []
    at = 0
    while (opener := _OPENER.search(text, at)) is not None:
        close = text.find(_CLOSERS[opener.group()], opener.end())
        if close == -1:
            break
        at = close + 2
        spans.append((opener.start(), at))
    return spans


def _join_tokens(
    texts: list[etree._Element], joined: str, spans: list[tuple[int, int]]
) -> list[etree._Element]:
    """Move each token (``spans`` of ``joined``) Word split across runs into its first text.

    Returns the texts that hold a token. A text left empty by the move is removed, with its run
    if nothing else is left in it; the text after a token stays in its own run, with its
    formatting.
    """
    if not spans:
        return []
    values = [t.text or "" for t in texts]
    starts = [0]
    for value in values:
        starts.append(starts[-1] + len(value))
    pieces: list[list[str]] = [[] for _ in texts]

    def plain(begin: int, end: int) -> None:
        """Give ``joined[begin:end]``, outside any token, back to the texts it came from."""
        index = bisect.bisect_right(starts, begin) - 1
        while index < len(values) and starts[index] < end:
            pieces[index].append(joined[max(begin, starts[index]) : min(end, starts[index + 1])])
            index += 1

    holding: list[int] = []
    at = 0
    for begin, end in spans:
        plain(at, begin)
        first = bisect.bisect_right(starts, begin) - 1
        while not values[first]:  # an empty text cannot hold the start of a token
            first += 1
        pieces[first].append(joined[begin:end])
        if not holding or holding[-1] != first:
            holding.append(first)
        at = end
    plain(at, len(joined))
    for t, old, parts in zip(texts, values, pieces, strict=True):
        new = "".join(parts)
        if new != old:
            t.text = new
            if not new:
                run = t.getparent()
                assert run is not None
                run.remove(t)
                if run.tag == f"{{{_W}}}r" and all(c.tag == f"{{{_W}}}rPr" for c in run):
                    parent = run.getparent()
                    assert parent is not None
                    parent.remove(run)  # a run with no text left
    return [texts[i] for i in holding]


def _set_listing(t: etree._Element, text: str) -> None:
    """Set the text of ``t``: a new line becomes a line break, a tab a tab run (as docxtpl)."""
    if "\n" not in text and "\t" not in text:
        t.text = text
        return
    run = t.getparent()
    assert run is not None
    properties = run.find(f"{{{_W}}}rPr")
    pieces = re.split(r"([\n\t])", text)
    t.text = pieces[0]
    current_t, current_run = t, run
    for separator, piece in zip(pieces[1::2], pieces[2::2], strict=True):
        new_t = etree.Element(f"{{{_W}}}t")
        new_t.set(_XML_SPACE, "preserve")
        new_t.text = piece
        if separator == "\n":
            br = etree.Element(f"{{{_W}}}br")
            current_t.addnext(br)
            br.addnext(new_t)
        else:
            tab_run = _run(properties)
            etree.SubElement(tab_run, f"{{{_W}}}tab")
            text_run = _run(properties)
            text_run.append(new_t)
            for sibling in list(current_t.itersiblings()):
                text_run.append(sibling)  # what followed the text stays after it
            current_run.addnext(tab_run)
            tab_run.addnext(text_run)
            current_run = text_run
        current_t = new_t


def _run(properties: etree._Element | None) -> etree._Element:
    """A new run with a copy of ``properties``."""
    run = etree.Element(f"{{{_W}}}r")
    if properties is not None:
        run.append(copy.deepcopy(properties))
    return run
