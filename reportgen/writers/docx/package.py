"""The .docx package as it leaves reportgen: clean, described by the report, reproducible, signed.

python-docx writes what its own default template carries: a thumbnail, a Word 2010
``stylesWithEffects`` part, an empty bibliography, default web settings, and properties claiming
that "Microsoft Macintosh Word" wrote the file and that its spelling was checked.
:func:`finish_parts` takes python-docx's package, as the parts :func:`word_parts` collects from it
without zipping them, and returns the one a council can publish, zipped once (:func:`finish`
does the same from a saved file):

- those leftovers are dropped, with their relationships and content types;
- ``docProps/core.xml`` describes the report (title, committee as subject, reference as
  keywords, the council as creator and last editor, the build time), ``docProps/app.xml`` names
  reportgen and leaves page and word counts for Word to fill in;
- ``word/settings.xml`` asks for Word 2013's layout (compatibility mode 15, so Word does not open
  the file in Compatibility Mode), sets the theme font language, and claims no proofing;
- ``docProps/custom.xml`` carries a digest of every other part (:data:`DIGEST_PROPERTY`), so a
  later build can tell its own untouched output from a file a person has saved
  (:func:`untouched`): Word and LibreOffice rewrite the parts whenever they save;
- the zip is written in a fixed order with fixed entry times, and the build time comes from
  ``SOURCE_DATE_EPOCH`` when set, so building the same report twice gives the same bytes.

Packages read from outside (a template, a file at an output path) are untrusted: :func:`read_parts`
and :func:`untouched` read them within :class:`Limits` (how many parts, how large in all, how far a
part may inflate), and stop reading a part past its bound, so a zip bomb, a corrupt or encrypted
zip costs a bounded time and memory and ends in :class:`PackageError` (or False).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import posixpath
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

APPLICATION = "reportgen"
"""The application named in ``docProps/app.xml``."""

DIGEST_PROPERTY = "reportgen.sha256"
"""The custom property holding the SHA-256 digest of every other part of the package."""

_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_PR = "http://schemas.openxmlformats.org/package/2006/relationships"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_RT_PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"

REL_CORE = _RT_PACKAGE + "core-properties"
REL_APP = _RT + "extended-properties"
REL_CUSTOM = _RT + "custom-properties"
REL_THUMBNAIL = _RT_PACKAGE + "thumbnail"
REL_STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"
REL_WEB_SETTINGS = _RT + "webSettings"
REL_CUSTOM_XML = _RT + "customXml"

CORE, APP, CUSTOM = "docProps/core.xml", "docProps/app.xml", "docProps/custom.xml"
CONTENT_TYPES = "[Content_Types].xml"
_TYPES = {
    CORE: "application/vnd.openxmlformats-package.core-properties+xml",
    APP: "application/vnd.openxmlformats-officedocument.extended-properties+xml",
    CUSTOM: "application/vnd.openxmlformats-officedocument.custom-properties+xml",
}
_PROPERTY_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
"""The format id every custom document property carries."""

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
"""The time of every zip entry: the earliest a zip can hold, as Word writes."""

_DEFAULT_WEB_SETTINGS = {f"{{{_W}}}{n}" for n in ("allowPNG", "doNotSaveAsSingleFile")}
"""What python-docx's (and Word's) default web settings hold: nothing worth a part."""


@dataclass(frozen=True, slots=True)
class Properties:
    """What the package's document properties say."""

    title: str
    when: dt.datetime
    """When the document was made (UTC): its created and modified time."""
    subject: str = ""
    keywords: str = ""
    creator: str = ""
    """The author and last editor: the council."""
    language: str = "en-GB"


def build_time() -> dt.datetime:
    """Now in UTC to the second, or ``SOURCE_DATE_EPOCH`` when it is set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def digest(parts: Mapping[str, bytes]) -> str:
    """The SHA-256 digest, in hex, of every part but ``docProps/custom.xml``, names included."""
    sha = hashlib.sha256()
    for name in sorted(parts):
        if name != CUSTOM:
            data = parts[name]
            sha.update(f"{name}\0{len(data)}\0".encode())
            sha.update(data)
    return sha.hexdigest()


def parse_xml(data: bytes) -> etree._Element:
    """``data`` parsed as XML with entities never expanded and nothing fetched.

    A parser per call: lxml's parsers are not to be shared between threads.
    """
    return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))


def untouched(package: zipfile.ZipFile) -> bool:
    """Whether ``package`` is exactly as reportgen wrote it: its digest matches its parts.

    Word and LibreOffice rewrite every part when they save a document (and python-docx its main
    part), so a file a person has saved no longer matches the digest reportgen recorded; a
    file reportgen did not write has no digest at all. The parts are read within
    :data:`OUTPUT_LIMITS` and hashed as they stream (:func:`digest`'s order and framing), so a
    zip bomb, a corrupt or encrypted zip or a huge ``custom.xml`` is simply not reportgen's.
    """
    try:
        members = _members(package, OUTPUT_LIMITS)
        if CUSTOM not in members:
            return False
        custom = read_part(package, members[CUSTOM], _CUSTOM_BOUND)
        recorded = _custom_property(parse_xml(custom), DIGEST_PROPERTY)
        if recorded is None:
            return False
        sha = hashlib.sha256()
        for name in sorted(members):
            if name != CUSTOM:
                info = members[name]
                sha.update(f"{name}\0{info.file_size}\0".encode())
                length = 0
                for chunk in _chunks(package, info, info.file_size):
                    length += len(chunk)
                    sha.update(chunk)
                if length != info.file_size:
                    return False
    except (PackageError, etree.XMLSyntaxError, ValueError):
        return False
    return recorded == sha.hexdigest()


def untouched_file(path: Path) -> bool:
    """Whether the .docx at ``path`` is reportgen's own and untouched (:func:`untouched`).

    Anything that is not a readable zip within :data:`OUTPUT_LIMITS` (too large, too many
    parts, corrupt, encrypted) is not.
    """
    try:
        with open_zip(path, OUTPUT_LIMITS) as package:
            return untouched(package)
    except PackageError:
        return False


# --- reading untrusted packages -------------------------------------------------------------------


class PackageError(Exception):
    """A package that cannot be read safely: ``reason`` says why, ``part`` names the part."""

    def __init__(self, reason: str, part: str = "") -> None:
        super().__init__(f"{part}: {reason}" if part else reason)
        self.reason = reason
        self.part = part


class PackageTooLarge(PackageError):
    """A package past :class:`Limits`: too large a file, too many parts, a zip bomb."""


@dataclass(frozen=True, slots=True)
class Limits:
    """How much of an untrusted package reportgen reads before it gives up."""

    file: int
    """The largest file, in bytes, on disk."""
    parts: int
    """The most parts (zip entries)."""
    total: int
    """The most bytes all parts may hold once inflated (their declared sizes, and as read)."""
    ratio: int = 200
    """How many times its compressed size a part over :data:`_RATIO_FLOOR` may inflate."""


MB = 1 << 20
TEMPLATE_LIMITS = Limits(file=50 * MB, parts=1000, total=50 * MB)
"""A template: Word's own are well under 1 MB; a logo or two is a few MB."""
OUTPUT_LIMITS = Limits(file=256 * MB, parts=5000, total=256 * MB, ratio=1100)
"""A file at an output path, to see whether reportgen wrote it; it is hashed as it streams."""
_RATIO_FLOOR = MB
"""Parts smaller than this may inflate any amount (XML compresses well)."""
_CUSTOM_BOUND = MB
"""The most ``docProps/custom.xml`` may hold in a file reportgen wrote."""
_CHUNK = 64 * 1024
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    EOFError,
    OSError,
    RuntimeError,  # an encrypted entry: "password required"
    NotImplementedError,  # a compression method zipfile lacks
    ValueError,
)


def _entry_count(handle: IO[bytes]) -> int | None:
    """The number of entries the zip's end record claims, before zipfile reads them all."""
    end_record = getattr(zipfile, "_EndRecData", None)  # the stdlib's own reader, zip64 too
    if end_record is None:
        return None
    record = end_record(handle)
    handle.seek(0)
    if record is None:
        raise PackageError("it is not a zip file (a .docx is one)")
    return int(record[4])


def open_zip(path: Path, limits: Limits) -> zipfile.ZipFile:
    """``path`` opened as a zip, if it is one within ``limits``; raises :class:`PackageError`."""
    try:
        size = path.stat().st_size
        if size > limits.file:
            raise PackageTooLarge(
                f"it is {size // MB} MB, more than the {limits.file // MB} MB allowed"
            )
        with path.open("rb") as handle:
            count = _entry_count(handle)
        if count is not None and count > limits.parts:
            raise PackageTooLarge(f"it has {count} parts, more than the {limits.parts} allowed")
        return zipfile.ZipFile(path)
    except _ZIP_ERRORS as exc:
        raise PackageError(f"it is not a readable zip file ({exc})") from None


def _members(package: zipfile.ZipFile, limits: Limits) -> dict[str, zipfile.ZipInfo]:
    """The package's parts by name (folders left out), once their declared sizes pass ``limits``."""
    infos = package.infolist()
    if len(infos) > limits.parts:
        raise PackageTooLarge(f"it has {len(infos)} parts, more than the {limits.parts} allowed")
    members: dict[str, zipfile.ZipInfo] = {}
    total = 0
    for info in infos:
        if info.filename.endswith("/"):
            continue
        if info.flag_bits & 0x1:
            raise PackageError("the part is encrypted", info.filename)
        total += info.file_size
        if total > limits.total:
            raise PackageTooLarge(
                f"its parts inflate to more than {limits.total // MB} MB", info.filename
            )
        if info.file_size > _RATIO_FLOOR and info.file_size > limits.ratio * max(
            info.compress_size, 1
        ):
            raise PackageTooLarge(
                f"the part inflates {info.file_size // max(info.compress_size, 1)} times "
                "(a zip bomb)",
                info.filename,
            )
        members[info.filename] = package.getinfo(info.filename)
    return members


def _chunks(package: zipfile.ZipFile, info: zipfile.ZipInfo, bound: int) -> Iterator[bytes]:
    """The part ``info`` read in chunks; raises :class:`PackageError` past ``bound`` bytes."""
    read = 0
    try:
        with package.open(info) as member:
            while chunk := member.read(_CHUNK):
                read += len(chunk)
                if read > bound:
                    raise PackageTooLarge(f"the part holds more than {bound} bytes", info.filename)
                yield chunk
    except _ZIP_ERRORS as exc:
        raise PackageError(f"the part cannot be read ({exc})", info.filename) from None


def read_part(package: zipfile.ZipFile, info: zipfile.ZipInfo, bound: int) -> bytes:
    """The bytes of part ``info``, read no further than ``bound`` (:class:`PackageError`)."""
    return b"".join(_chunks(package, info, bound))


def read_parts(package: zipfile.ZipFile, limits: Limits) -> dict[str, bytes]:
    """Every part of ``package`` by name, read within ``limits``; raises :class:`PackageError`."""
    members = _members(package, limits)
    parts: dict[str, bytes] = {}
    left = limits.total
    for name, info in members.items():
        parts[name] = read_part(package, info, min(info.file_size, left))
        left -= len(parts[name])
    return parts


def finish(data: bytes, props: Properties) -> bytes:
    """python-docx's package ``data`` made clean and reproducible, with ``props`` and a digest."""
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {name: source.read(name) for name in source.namelist() if not name.endswith("/")}
    return finish_parts(parts, props)


def word_parts(word: WordDocument) -> dict[str, bytes]:
    """The parts python-docx's ``save`` would zip for ``word``, by name, without the zip.

    The same parts as ``save`` writes (each part's XML, its relationships, the package's
    relationships, and content types: a default for each extension whose content type is the
    usual one, an override for the others), so that :func:`finish_parts` zips the file once.
    """
    from docx.opc.constants import CONTENT_TYPE
    from docx.opc.spec import default_content_types

    package = word.part.package
    for part in package.parts:
        part.before_marshal()
    parts: dict[str, bytes] = {}
    defaults = {"rels": CONTENT_TYPE.OPC_RELATIONSHIPS, "xml": CONTENT_TYPE.XML}
    overrides: dict[str, str] = {}
    for part in package.parts:
        name, content_type = part.partname, part.content_type
        if (name.ext.lower(), content_type) in default_content_types:
            defaults[name.ext.lower()] = content_type
        else:
            overrides[str(name)] = content_type
        parts[name.membername] = part.blob
        if len(part.rels):
            parts[name.rels_uri.membername] = part.rels.xml
    parts[rels_name("")] = package.rels.xml
    types = etree.fromstring(f'<Types xmlns="{_CT}"/>')
    for extension in sorted(defaults):
        etree.SubElement(
            types, f"{{{_CT}}}Default", Extension=extension, ContentType=defaults[extension]
        )
    for part_name in sorted(overrides):
        etree.SubElement(
            types, f"{{{_CT}}}Override", PartName=part_name, ContentType=overrides[part_name]
        )
    parts[CONTENT_TYPES] = part_xml(types)
    return parts


def finish_parts(parts: dict[str, bytes], props: Properties) -> bytes:
    """The package of ``parts`` (python-docx's, by name; changed in place) made clean and
    reproducible, with ``props`` and a digest, as one zip."""
    _drop_leftovers(parts)
    parts["word/settings.xml"] = settings(parts["word/settings.xml"], props.language)
    custom = _custom_properties(parts.get(CUSTOM))
    parts[CORE] = _core_xml(props)
    parts[APP] = _app_xml()
    parts[CUSTOM] = b""  # a placeholder, so the relationships and types below count it
    _relate_properties(parts)
    _type_parts(parts)
    _set_custom_property(custom, DIGEST_PROPERTY, digest(parts))
    parts[CUSTOM] = part_xml(custom)
    return _zip(parts)


# --- parts and relationships ----------------------------------------------------------------------


def part_xml(root: etree._Element) -> bytes:
    """``root`` as a part: UTF-8, with its declaration."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def rels_name(part: str) -> str:
    """The relationships part of ``part`` ('' for the package itself)."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def rel_target(source: str, target: str) -> str:
    """The part name a relationship of ``source`` points at."""
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _relationships(parts: Mapping[str, bytes], source: str) -> etree._Element | None:
    """``source``'s relationships part, parsed, or None when it has none."""
    data = parts.get(rels_name(source))
    return None if data is None else parse_xml(data)


def _drop_part(parts: dict[str, bytes], name: str) -> None:
    """Remove part ``name``, its relationships and the internal parts only it pointed at."""
    rels = _relationships(parts, name)
    parts.pop(name, None)
    parts.pop(rels_name(name), None)
    for rel in [] if rels is None else rels:
        if rel.get("TargetMode") != "External":
            _drop_part(parts, rel_target(name, rel.get("Target") or ""))


def _drop_related(
    parts: dict[str, bytes], source: str, wanted: Iterable[str], keep: bool = False
) -> None:
    """Drop ``source``'s relationships of a type in ``wanted`` and, unless ``keep``, their parts.

    A part is dropped only if a test says it holds nothing: see :func:`_droppable`.
    """
    rels = _relationships(parts, source)
    if rels is None:
        return
    types = set(wanted)
    for rel in list(rels):
        target = rel_target(source, rel.get("Target") or "")
        if rel.get("Type") in types and _droppable(rel.get("Type") or "", parts.get(target)):
            rels.remove(rel)
            if not keep and rel.get("TargetMode") != "External":
                _drop_part(parts, target)
    parts[rels_name(source)] = part_xml(rels)


def _droppable(kind: str, data: bytes | None) -> bool:
    """Whether a part of relationship type ``kind`` holding ``data`` can go without loss."""
    if data is None:
        return True
    if kind == REL_WEB_SETTINGS:
        return {child.tag for child in parse_xml(data)} <= _DEFAULT_WEB_SETTINGS
    if kind == REL_CUSTOM_XML:  # only an empty bibliography, never a council's own data
        root = parse_xml(data)
        return etree.QName(root).localname == "Sources" and len(root) == 0
    return True


def _main_part(parts: Mapping[str, bytes]) -> str:
    """The name of the main document part, as the package's relationships give it."""
    rels = _relationships(parts, "")
    for rel in [] if rels is None else rels:
        if rel.get("Type") == _RT + "officeDocument":
            return rel_target("", rel.get("Target") or "")
    return "word/document.xml"


def _drop_leftovers(parts: dict[str, bytes]) -> None:
    """Drop the thumbnail, stylesWithEffects, an empty bibliography and default web settings."""
    main = _main_part(parts)
    _drop_related(parts, "", [REL_THUMBNAIL])
    _drop_related(parts, main, [REL_STYLES_WITH_EFFECTS, REL_WEB_SETTINGS, REL_CUSTOM_XML])


def _relate_properties(parts: dict[str, bytes]) -> None:
    """Make the package's relationships point at the core, app and custom properties once each."""
    rels = _relationships(parts, "")
    if rels is None:
        rels = etree.fromstring(f'<Relationships xmlns="{_PR}"/>')
    wanted = {REL_CORE: CORE, REL_APP: APP, REL_CUSTOM: CUSTOM}
    for rel in list(rels):
        if rel.get("Type") in wanted:
            rels.remove(rel)
    used = {rel.get("Id") for rel in rels}
    number = 1
    for kind, target in wanted.items():
        while f"rId{number}" in used:
            number += 1
        used.add(f"rId{number}")
        etree.SubElement(
            rels, f"{{{_PR}}}Relationship", Id=f"rId{number}", Type=kind, Target=target
        )
    parts[rels_name("")] = part_xml(rels)


def _type_parts(parts: dict[str, bytes]) -> None:
    """Content types for exactly the parts there are: no override or extension left dangling."""
    types = parse_xml(parts[CONTENT_TYPES])
    names = {f"/{name}" for name in parts}
    extensions = {posixpath.splitext(name)[1][1:].lower() for name in parts}
    for element in list(types):
        kind = etree.QName(element).localname
        if (kind == "Override" and element.get("PartName") not in names) or (
            kind == "Default" and (element.get("Extension") or "").lower() not in extensions
        ):
            types.remove(element)
    overridden = {element.get("PartName") for element in types}
    for name, content_type in _TYPES.items():
        if f"/{name}" not in overridden:
            etree.SubElement(
                types, f"{{{_CT}}}Override", PartName=f"/{name}", ContentType=content_type
            )
    parts[CONTENT_TYPES] = part_xml(types)


# --- settings -------------------------------------------------------------------------------------

_M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_SL = "http://schemas.openxmlformats.org/schemaLibrary/2006/main"
_SETTINGS_TAIL = (
    *(f"{{{_W}}}{n}" for n in ("compat", "docVars", "rsids")),
    f"{{{_M}}}mathPr",
    *(f"{{{_W}}}{n}" for n in ("attachedSchema", "themeFontLang", "clrSchemeMapping")),
    *(f"{{{_W}}}{n}" for n in ("doNotIncludeSubdocsInStats", "doNotAutoCompressPictures")),
    *(f"{{{_W}}}{n}" for n in ("forceUpgrade", "captions", "readModeInkLockDown", "smartTagType")),
    f"{{{_SL}}}schemaLibrary",
    *(f"{{{_W}}}{n}" for n in ("shapeDefaults", "doNotEmbedSmartTags")),
    *(f"{{{_W}}}{n}" for n in ("decimalSymbol", "listSeparator")),
)
"""The last elements of ``w:settings`` in schema order; Office's extensions come after them."""
_STALE_SETTINGS = ("proofState", "rsids", "savePreviewPicture")
"""Settings untrue of a generated file: spelling proofed, editing sessions, a thumbnail to save."""

COMPATIBILITY_MODE = "15"
"""Word 2013 and later: the file opens as a current document, not in Compatibility Mode."""
_WORD = "http://schemas.microsoft.com/office/word"


def _child(parent: etree._Element, name: str) -> etree._Element:
    """``parent``'s ``w:name`` child (one of :data:`_SETTINGS_TAIL`), added in schema order."""
    tag = f"{{{_W}}}{name}"
    found = parent.find(tag)
    if found is not None:
        return found
    element = etree.Element(tag)
    later = set(_SETTINGS_TAIL[_SETTINGS_TAIL.index(tag) + 1 :])
    known = {_W, _M, _SL}
    after = next(
        (
            c
            for c in parent
            if isinstance(c.tag, str) and (c.tag in later or etree.QName(c).namespace not in known)
        ),
        None,
    )
    if after is not None:
        after.addprevious(element)
    else:
        parent.append(element)
    return element


def settings(data: bytes, language: str) -> bytes:
    """``word/settings.xml`` in compatibility mode 15, ``language`` for theme fonts, unproofed."""
    root = parse_xml(data)
    for name in _STALE_SETTINGS:
        for element in root.findall(f"{{{_W}}}{name}"):
            root.remove(element)
    compat = _child(root, "compat")
    mode = next(
        (
            s
            for s in compat.findall(f"{{{_W}}}compatSetting")
            if s.get(f"{{{_W}}}name") == "compatibilityMode" and s.get(f"{{{_W}}}uri") == _WORD
        ),
        None,
    )
    if mode is None:
        mode = etree.SubElement(compat, f"{{{_W}}}compatSetting")
        mode.set(f"{{{_W}}}name", "compatibilityMode")
        mode.set(f"{{{_W}}}uri", _WORD)
    mode.set(f"{{{_W}}}val", COMPATIBILITY_MODE)
    lang = _child(root, "themeFontLang")
    lang.set(f"{{{_W}}}val", language)
    return part_xml(root)


# --- document properties --------------------------------------------------------------------------


def _w3cdtf(when: dt.datetime) -> str:
    """``when`` as the W3C date-time core properties hold, in UTC."""
    return when.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


_TEXT_ENTITIES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_ATTRIBUTE_ENTITIES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\n": "&#10;",
        "\r": "&#13;",
        "\t": "&#9;",
    }
)


def escape(text: str) -> str:
    """``text`` as XML character data: ``&``, ``<`` and ``>`` as entities, as
    ``xml.sax.saxutils.escape`` gives it (that module imports urllib.request, and with it http
    and ssl, which a build otherwise never loads)."""
    return text.translate(_TEXT_ENTITIES)


def quoteattr(text: str) -> str:
    """``text`` as an XML attribute value in double quotes: ``&``, ``<``, ``>`` and ``"`` as
    entities, new lines, returns and tabs as character references (so they survive parsing),
    which parses to what ``xml.sax.saxutils.quoteattr`` gives."""
    return f'"{text.translate(_ATTRIBUTE_ENTITIES)}"'


def _core_xml(props: Properties) -> bytes:
    """``docProps/core.xml``: what the report is, who made it (the council) and when."""
    when = _w3cdtf(props.when)
    fields = [
        ("dc:title", props.title),
        ("dc:subject", props.subject),
        ("dc:creator", props.creator),
        ("cp:keywords", props.keywords),
        ("cp:lastModifiedBy", props.creator),
    ]
    body = "".join(f"<{tag}>{escape(value)}</{tag}>" for tag, value in fields if value)
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms='
        '"http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi='
        '"http://www.w3.org/2001/XMLSchema-instance">'
        f"{body}<cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{when}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
        f"<dc:language>{escape(props.language)}</dc:language>"
        "</cp:coreProperties>"
    ).encode()


def _app_xml() -> bytes:
    """``docProps/app.xml``: reportgen wrote it; Word counts pages and words when it saves."""
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        f'extended-properties" xmlns:vt="{_VT}">'
        f"<Application>{escape(APPLICATION)}</Application>"
        "<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged>"
        "</Properties>"
    ).encode()


def _custom_properties(data: bytes | None) -> etree._Element:
    """The custom properties the template had, to which reportgen adds its digest."""
    if data:
        return parse_xml(data)
    return etree.fromstring(f'<Properties xmlns="{_CUSTOM}" xmlns:vt="{_VT}"/>')


def _custom_property(root: etree._Element, name: str) -> str | None:
    """The text of custom property ``name``, or None when there is none."""
    for prop in root.findall(f"{{{_CUSTOM}}}property"):
        if prop.get("name") == name:
            return "".join(str(text) for text in prop.itertext())
    return None


def _set_custom_property(root: etree._Element, name: str, value: str) -> None:
    """Set text property ``name`` to ``value``, replacing any property of that name."""
    for prop in root.findall(f"{{{_CUSTOM}}}property"):
        if prop.get("name") == name:
            root.remove(prop)
    pid = max([1, *(int(p.get("pid") or 1) for p in root.findall(f"{{{_CUSTOM}}}property"))]) + 1
    prop = etree.fromstring(
        f'<property xmlns="{_CUSTOM}" xmlns:vt="{_VT}" fmtid="{_PROPERTY_FMTID}" pid="{pid}"'
        f" name={quoteattr(name)}><vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
    )
    root.append(prop)


# --- the zip --------------------------------------------------------------------------------------


def _order(name: str) -> tuple[int, str]:
    """Content types first and the package relationships next, as Word writes; then by name."""
    return ({CONTENT_TYPES: 0, "_rels/.rels": 1}.get(name, 2), name)


def _zip(parts: Mapping[str, bytes]) -> bytes:
    """The parts as a zip with fixed order, times and attributes: the same parts, the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for name in sorted(parts, key=_order):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            package.writestr(info, parts[name])
    return out.getvalue()
