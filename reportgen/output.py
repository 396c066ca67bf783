"""Write output files safely: whole or not at all, and never over a file a person wrote.

A build replaces an output file only if that file is one reportgen wrote and nobody has saved
since. Both kinds of file carry a SHA-256 digest of what reportgen wrote, and saving the file in
any program changes what the digest covers: a .docx records the digest of its parts in its
custom properties (:mod:`reportgen.render.docx.package`), a .pdf the digest of its bytes in its
XMP metadata (:mod:`reportgen.render.pdf`).
Anything else at the output path (an officer's edited copy, a hand-made document, the
report's own YAML) is left alone with an error, unless the user passes ``--force``.
Files are written to a temporary file beside the target and renamed into place, so a failure
never leaves half a file.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path

from reportgen.errors import Location, Problems
from reportgen.render.pdf import sealed_untouched


def generated_untouched(path: Path) -> bool:
    """Whether the .docx, .pdf or .html at ``path`` was written by reportgen and not saved since."""
    if path.suffix.lower() in (".html", ".htm"):
        from reportgen.render.html import sealed_untouched as page_untouched

        try:
            return page_untouched(path.read_bytes())
        except OSError:
            return False
    if path.suffix.lower() == ".pdf":
        try:
            return sealed_untouched(path.read_bytes())
        except OSError:
            return False
    from reportgen.render.docx.package import untouched

    try:
        with zipfile.ZipFile(path) as package:
            return untouched(package)
    except (OSError, zipfile.BadZipFile):
        return False


def check_target(
    target: Path, sources: set[Path], force: bool, problems: Problems, *, made_folder: bool = False
) -> None:
    """Record a problem if writing ``target`` could destroy something a person wrote.

    ``made_folder`` says the build creates ``target``'s folder (``--out-dir``) if it is missing.
    """
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
    elif not made_folder and not target.parent.exists():
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
