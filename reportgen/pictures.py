"""Load stage for pictures: every image file a report's (or a document's) picture blocks name,
read, vetted and handed to resolve on the block.

Images are untrusted input, as reports are. Each file is read within limits
(:data:`MAX_BYTES`; at most that and one byte are read whatever the file claims), its kind told
by its content and never by its name, and its size in pixels read from its header without
decoding it (a PNG's IHDR, a JPEG's SOF), so a small file claiming a huge picture (a
decompression bomb) is refused before anything draws it (:data:`MAX_PIXELS`). An SVG is parsed
by lxml with no network, no DTD and no entities, and refused if it holds a script, an event
handler (``on…``), a ``foreignObject``, or a reference to anything outside itself (only
``#fragment`` references and ``data:`` PNG or JPEG images are allowed). The path is relative
to the YAML file that names it and must stay inside that file's folder.

Each problem is placed at the picture's key in the YAML, with a fix; a build with one writes
nothing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from reportgen.document import Image, ImageType
from reportgen.errors import Problems, YamlPath, quote
from reportgen.load import Positions, file_kind
from reportgen.model_pictures import Picture
from reportgen.reads import note_file

MAX_BYTES = 10_000_000
"""The largest image file read (10 MB): a photograph for a report is well under 2 MB."""

MAX_PIXELS = 40_000_000
"""The most pixels a picture may have (40 million, e.g. 8,000 × 5,000): more than any page
shows, and few enough that drawing it cannot exhaust memory."""

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"
_SVG_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
    rb"(?:<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>\s*)?(?:<!--.*?-->\s*)*<svg\b",
    re.S,
)
_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK = "http://www.w3.org/1999/xlink"
_FORBIDDEN = {"script", "foreignObject", "iframe", "embed", "object", "handler", "listener"}
"""Elements an SVG picture may not hold: they run code or show another document."""
_SAFE_DATA = re.compile(r"^data:image/(?:png|jpeg);base64,[A-Za-z0-9+/=\s]*$")
_URL = re.compile(r"url\(\s*['\"]?([^'\")]*)", re.I)
_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(px)?\s*$")

FIX_ALT = (
    'add alt: with what the picture shows, in a sentence (e.g. alt: "A ladder of five '
    'rungs, from informing at the foot to working together at the top")'
)


class _Refused(Exception):
    """A picture that cannot be used: its code, message and fix."""

    def __init__(self, code: str, message: str, fix: str) -> None:
        super().__init__(message)
        self.code, self.message, self.fix = code, message, fix


def pictures_in(model: BaseModel, path: YamlPath = ()) -> Iterator[tuple[Picture, YamlPath]]:
    """Every picture block of ``model`` with its YAML path, in order; a council's own sections
    at the top level, as the report writes them."""
    if isinstance(model, Picture):
        yield model, path
        return
    for name, value in model:
        here = path if name == "own_sections" else (*path, name)
        yield from _walk(value, here)


def _walk(value: object, path: YamlPath) -> Iterator[tuple[Picture, YamlPath]]:
    if isinstance(value, BaseModel):
        yield from pictures_in(value, path)
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            yield from _walk(item, (*path, i))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*path, key))


def load_pictures(model: BaseModel, positions: Positions, problems: Problems) -> None:
    """Read and vet the image of every picture block of ``model`` (a report, an appendix
    document, minutes), each from the folder of the YAML file that names it, and give it to
    its block; every problem is recorded in ``problems``."""
    for picture, path in pictures_in(model):
        where = positions.locate((*path, "picture"))
        _check_alt(picture, path, positions, problems)
        try:
            image = read_image(Path(where.file).parent, picture.picture)
        except _Refused as exc:
            problems.add(exc.code, exc.message, where, exc.fix)
            continue
        picture.attach(image)


def _check_alt(picture: Picture, path: YamlPath, positions: Positions, problems: Problems) -> None:
    if not (picture.alt or "").strip():
        at = (*path, "alt") if picture.alt is not None else (*path, "picture")
        problems.add(
            "S280",
            f"the picture {quote(picture.picture)} has no alt text: a reader who cannot see "
            "it learns nothing from it",
            positions.locate(at, key=picture.alt is None),
            FIX_ALT,
        )


def read_image(folder: Path, name: str) -> Image:
    """The image file ``name`` (relative to ``folder``) read and vetted; :class:`_Refused`
    with the reason otherwise."""
    if Path(name).is_absolute() or "\\" in name:
        raise _Refused(
            "S281",
            f"the picture {quote(name)} is not a path relative to this file's folder",
            "give the path from this YAML file's folder, with / between folders, e.g. "
            "pictures/ladder.svg",
        )
    path = folder / name
    note_file(path)  # also when missing: creating it changes the build
    try:
        target = path.resolve()
        inside = target.is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        inside = False
    if not inside:
        raise _Refused(
            "S281",
            f"the picture {quote(name)} is outside this file's folder",
            "copy the picture into this YAML file's folder (or a folder in it, such as "
            "pictures/) and name it from there",
        )
    data = _read(path, name)
    media_type, width, height = _kind(data, name)
    if width * height > MAX_PIXELS:
        raise _Refused(
            "S282",
            f"the picture {quote(name)} claims {int(width):,} × {int(height):,} pixels, more "
            f"than the {MAX_PIXELS:,} a picture may have",
            "save a smaller copy of it (a page shows no more than about 2,500 pixels across)",
        )
    if media_type == "image/svg+xml":
        _vet_svg(data, name)
    return Image(data, media_type, width, height)


def _read(path: Path, name: str) -> bytes:
    fix = "check the file name: the path is from this YAML file's folder, e.g. pictures/ladder.svg"
    try:
        before = os.stat(path)
    except FileNotFoundError:
        raise _Refused("S281", f"the picture {quote(name)} is not found", fix) from None
    except OSError as exc:
        message = f"the picture {quote(name)} cannot be read: {exc.strerror}"
        raise _Refused("S281", message, fix) from None
    kind = file_kind(before.st_mode)
    if kind is not None:
        raise _Refused("S281", f"the picture {quote(name)} is {kind}, not an image file", fix)
    too_large = _Refused(
        "S282",
        f"the picture {quote(name)} is larger than {MAX_BYTES // 1_000_000} MB",
        "save a smaller copy of it: a picture for a report is well under 2 MB",
    )
    if before.st_size > MAX_BYTES:
        raise too_large
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        message = f"the picture {quote(name)} cannot be read: {exc.strerror}"
        raise _Refused("S281", message, fix) from None
    try:
        if file_kind(os.fstat(fd).st_mode) is not None:
            raise _Refused("S281", f"the picture {quote(name)} is not an image file", fix)
        chunks: list[bytes] = []
        left = MAX_BYTES + 1
        while left > 0 and (chunk := os.read(fd, min(left, 1 << 20))):
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    if left <= 0:
        raise too_large
    return b"".join(chunks)


def _not_an_image(name: str, why: str) -> _Refused:
    return _Refused(
        "S285",
        f"the picture {quote(name)} {why}",
        "save it as a PNG, JPEG or SVG file (its name alone does not make it one)",
    )


def _kind(data: bytes, name: str) -> tuple[ImageType, float, float]:
    """What ``data`` is by its content, and its size in pixels, from its header alone."""
    if data.startswith(_PNG):
        if len(data) < 24 or data[12:16] != b"IHDR":
            raise _not_an_image(name, "is a damaged PNG: it has no header")
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        if not width or not height:
            raise _not_an_image(name, "is a damaged PNG: it has no size")
        return "image/png", width, height
    if data.startswith(_JPEG):
        width, height = _jpeg_size(data, name)
        return "image/jpeg", width, height
    if _SVG_START.match(data[:4096]):
        across, down = _svg_size(data, name)
        return "image/svg+xml", across, down
    raise _not_an_image(name, "is not a PNG, JPEG or SVG picture")


def _jpeg_size(data: bytes, name: str) -> tuple[int, int]:
    """A JPEG's size, from its first start-of-frame marker."""
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            break
        marker = data[at + 1]
        if marker == 0xFF:
            at += 1
            continue
        length = int.from_bytes(data[at + 2 : at + 4], "big")
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            if at + 9 > len(data):
                break
            height = int.from_bytes(data[at + 5 : at + 7], "big")
            width = int.from_bytes(data[at + 7 : at + 9], "big")
            if width and height:
                return width, height
            break
        if length < 2:
            break
        at += 2 + length
    raise _not_an_image(name, "is a damaged JPEG: it has no size")


def _parse_svg(data: bytes, name: str) -> Any:
    """The SVG's root element, parsed with no network, no DTD and no entities."""
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise _not_an_image(name, f"is not a well-formed SVG ({exc.msg})") from None
    info: Any = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None:
        raise _unsafe(name, "a DOCTYPE (which can define entities)")
    if etree.QName(root).namespace != _SVG_NS or etree.QName(root).localname != "svg":
        raise _not_an_image(name, "is not an SVG picture: its root is not an svg element")
    return root


def _svg_size(data: bytes, name: str) -> tuple[float, float]:
    root = _parse_svg(data, name)
    get = root.get
    box = (get("viewBox") or "").replace(",", " ").split()
    width, height = (_LENGTH.match(get(k) or "") for k in ("width", "height"))
    if width and height:
        return float(width[1]), float(height[1])
    if len(box) == 4:
        try:
            w, h = float(box[2]), float(box[3])
        except ValueError:
            w = h = 0.0
        if w > 0 and h > 0:
            return w, h
    raise _not_an_image(
        name, "gives no size: an SVG picture needs a viewBox (or a width and height in px)"
    )


def _unsafe(name: str, what: str) -> _Refused:
    return _Refused(
        "S286",
        f"the SVG picture {quote(name)} holds {what}, which a picture may not",
        "save the picture again without it (in Inkscape: File > Save As > Optimized SVG, or "
        "plain SVG); a picture may refer only to its own parts (#id) and embedded PNG or JPEG "
        "images",
    )


def _vet_svg(data: bytes, name: str) -> None:
    """Refuse an SVG that holds a script, an event handler, a ``foreignObject``, or a
    reference to anything outside itself."""
    from lxml import etree

    root = _parse_svg(data, name)
    for element in root.iter():
        if not isinstance(element.tag, str):
            if isinstance(element, etree._ProcessingInstruction):
                raise _unsafe(name, "a processing instruction")
            continue
        local = etree.QName(element).localname
        if local in _FORBIDDEN:
            raise _unsafe(name, f"a {local} element")
        if local == "style" and ("@import" in (element.text or "") or _external(element.text)):
            raise _unsafe(name, "a style sheet that loads another file")
        for attribute, value in element.attrib.items():
            key = etree.QName(attribute).localname
            if key.lower().startswith("on"):
                raise _unsafe(name, f"an event handler ({key}) on its {local} element")
            if key == "href" and not (value.startswith("#") or _SAFE_DATA.match(value)):
                raise _unsafe(name, f"a reference to {quote(value)}")
            if _external(value):
                raise _unsafe(name, f"a reference to another file in its {key} attribute")


def _external(text: str | None) -> bool:
    """Whether CSS ``text`` refers to anything but a part of the picture itself."""
    return any(not url.strip().startswith("#") for url in _URL.findall(text or ""))


__all__ = ["MAX_BYTES", "MAX_PIXELS", "load_pictures", "pictures_in", "read_image"]
