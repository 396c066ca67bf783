"""Write output files safely: whole or not at all, and never over a file a person wrote.

A build replaces an output file only if that file is one reportgen wrote and nobody has saved
since: Word and LibreOffice both change a document's last-modified-by and revision when they
save it. Anything else at the output path (an officer's edited copy, a hand-made document, the
report's own YAML) is left alone with an error, unless the user passes ``--force``.
Files are written to a temporary file beside the target and renamed into place, so a failure
never leaves half a file.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

from reportgen.errors import Location, Problems
from reportgen.render.docx import GENERATOR

_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"


def generated_untouched(path: Path) -> bool:
    """Whether the .docx at ``path`` was written by reportgen and not saved by anyone since."""
    try:
        with zipfile.ZipFile(path) as package:
            core = etree.fromstring(package.read("docProps/core.xml"))
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return False
    by = core.findtext(f"{{{_CP}}}lastModifiedBy")
    revision = core.findtext(f"{{{_CP}}}revision")
    return by == GENERATOR and revision in (None, "1")


def check_target(target: Path, sources: set[Path], force: bool, problems: Problems) -> None:
    """Record a problem if writing ``target`` could destroy something a person wrote."""
    where = Location(str(target))
    if target.resolve() in sources:
        problems.add(
            "O501",
            "the output would overwrite an input file",
            where,
            "choose another output name, e.g. with the .docx extension",
        )
    elif target.is_dir():
        problems.add("O502", "the output path is a folder", where, "give a file name")
    elif target.exists() and not force and not generated_untouched(target):
        problems.add(
            "O503",
            "this file was not written by reportgen, or has been edited since",
            where,
            "move it aside to keep its changes, or pass --force to replace it",
        )
    elif not target.parent.exists():
        problems.add(
            "O504",
            f"the folder {target.parent} does not exist",
            where,
            "create it first, or use --out-dir, which creates it",
        )


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through a temporary file renamed into place."""
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.chmod(temp, 0o666 & ~umask)  # as an ordinary new file, not mkstemp's private 0600
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
