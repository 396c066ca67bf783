"""Write output files safely: whole or not at all, and never over a file a person wrote.

A build replaces an output file only if that file is one reportgen wrote and nobody has saved
since. Both kinds of file carry a SHA-256 digest of what reportgen wrote, and saving the file in
any program changes what the digest covers: a .docx records the digest of its parts in its
custom properties (:mod:`reportgen.render.docx.package`), a .pdf the digest of its bytes in its
XMP metadata (:mod:`reportgen.render.pdf`), an .html page a digest in its head; a .json file is
reportgen's when it is the JSON Schema of one of its formats (titled after the format's model).
Anything else at the output path (an officer's edited copy, a hand-made document, the
report's own YAML) is left alone with an error, unless the user passes ``--force``.

The check runs twice: :func:`check_target` before the (perhaps long) rendering, so a build
that cannot be written fails at once; and :func:`write_files` again right before replacing,
so a file saved, or created, while the build ran is left alone too (O541). A path that is not
a regular file (a FIFO, a device, a socket) is never opened (O540), and a folder that is a
file, cannot be written or is missing is a problem before anything is rendered.

:func:`write_files` writes every file of a run to a temporary file beside its target first
(``.NAME.XXXXXXXX.tmp``), then renames them all into place: a failure while writing (a full
disk, a read-only folder) or an interruption removes the temporaries and any folder it made,
and replaces nothing. Only a failure among the final renames, which do not write data, could
leave some files of a run replaced and others not.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import stat
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from reportgen.errors import Location, Problems, ReportError
from reportgen.render.pdf import sealed_untouched

_SCHEMA_LIMIT = 16 * 1024 * 1024
"""A .json file larger than this is not one of reportgen's schemas, and is not read."""
_TEMP_STEM = 60
"""How many characters of the target's name a temporary file's name keeps, so a temporary
name is never longer than the file system allows when the target's name is not."""


def generated_untouched(path: Path) -> bool:
    """Whether the file at ``path`` was written by reportgen and not saved since.

    Only a regular file is read: a FIFO, a device or a socket is never opened.
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
    except OSError:
        return False
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        from reportgen.render.html import sealed_untouched as page_untouched

        try:
            return page_untouched(path.read_bytes())
        except OSError:
            return False
    if suffix == ".pdf":
        try:
            return sealed_untouched(path.read_bytes())
        except OSError:
            return False
    if suffix == ".json":
        return _is_own_schema(path)
    from reportgen.render.docx.package import untouched_file

    return untouched_file(path)  # bounded: a zip bomb or an encrypted file is simply not ours


def _is_own_schema(path: Path) -> bool:
    """Whether ``path`` holds one of the JSON Schemas reportgen writes (``reportgen schema``):
    the draft 2020-12 schema of one of its file formats, as any version of reportgen wrote it
    (so ``make schema`` replaces the committed schemas after the format changes)."""
    from reportgen.schema import KINDS, SCHEMA_URI

    try:
        if path.stat().st_size > _SCHEMA_LIMIT:
            return False
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return False
    if not isinstance(data, dict) or data.get("$schema") != SCHEMA_URI:
        return False
    titles = {model.model_config.get("title") or model.__name__ for model, _ in KINDS.values()}
    titles |= {title for _, title in KINDS.values()}
    return data.get("title") in titles


def _kind(mode: int) -> str:
    """What a file that is neither regular nor a folder is, in a user's words."""
    from reportgen.load import file_kind

    return file_kind(mode) or "a regular file"


def _nearest_existing(folder: Path) -> tuple[Path, os.stat_result | None]:
    """The nearest of ``folder`` and its parents that exists, with its status (None: none)."""
    for candidate in (folder, *folder.parents):
        try:
            return candidate, os.stat(candidate)
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError:
            return candidate, None
    return folder, None


def check_target(
    target: Path, sources: set[Path], force: bool, problems: Problems, *, made_folder: bool = False
) -> None:
    """Record a problem if ``target`` cannot be written, or writing it could destroy something
    a person wrote. Nothing is opened but a regular file reportgen may have written.

    ``made_folder`` says the build creates ``target``'s folder (``--out-dir``) if it is missing.
    """
    where = Location(str(target))
    try:
        status: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        status = None
    except NotADirectoryError:
        status = None  # a folder on the way is a file: said below, once for the folder
    except OSError as exc:
        problems.add(*_os_problem(exc, target))
        return
    if status is not None and target.resolve() in sources:
        problems.add(
            "O501",
            "the output would overwrite an input file",
            where,
            "choose another output name, e.g. with the .docx extension",
        )
        return
    if status is not None and stat.S_ISDIR(status.st_mode):
        problems.add("O502", "the output path is a folder", where, "give a file name")
        return
    if status is not None and not stat.S_ISREG(status.st_mode):
        problems.add(
            "O540",
            f"the output path is {_kind(status.st_mode)}, not a file reportgen can replace",
            where,
            "choose another output name, or remove what is there first",
        )
        return
    if status is not None and not force and not generated_untouched(target):
        problems.add(
            "O503",
            "this file was not written by reportgen, or has been edited since",
            where,
            "move it aside to keep its changes, or pass --force to replace it",
        )
        return
    _check_folder(target, made_folder, problems)


def check_targets(
    targets: Iterable[Path],
    sources: set[Path],
    force: bool,
    problems: Problems,
    *,
    made_folder: bool = False,
) -> None:
    """:func:`check_target` for each of ``targets``; a problem with their folder is said once."""
    found = Problems()
    for target in targets:
        check_target(target, sources, force, found, made_folder=made_folder)
    try:
        found.raise_if_any()
    except ReportError as exc:
        problems.extend(dict.fromkeys(exc.problems))


def _check_folder(target: Path, made_folder: bool, problems: Problems) -> None:
    """Record a problem if ``target``'s folder is a file, is missing, or cannot be written."""
    folder = target.parent
    found, status = _nearest_existing(folder)
    place = Location(str(found))
    if status is None:
        problems.add(
            "O543",
            "this folder cannot be read",
            place,
            "check the folder's name and permissions, or choose another output folder",
        )
    elif not stat.S_ISDIR(status.st_mode):
        problems.add(
            "O542",
            "this is a file, so no output can be written in it"
            if found == folder
            else f"this is a file, so the folder {folder} cannot be made in it",
            place,
            "choose an output folder that is a folder, or move the file aside",
        )
    elif found != folder and not made_folder:
        problems.add(
            "O504",
            f"the folder {folder} does not exist",
            Location(str(target)),
            "create it first, or use --out-dir, which creates it",
        )
    elif not os.access(found, os.W_OK | os.X_OK):
        problems.add(
            "O543",
            "this folder cannot be written to (it is read-only, or you lack permission)",
            place,
            "choose another output folder, or ask for permission to write in this one",
        )


def _os_problem(exc: OSError, path: Path) -> tuple[str, str, Location, str]:
    """The problem (code, message, place, fix) an operating-system error on ``path`` is."""
    where = Location(str(path))
    reason = exc.strerror or str(exc)
    if exc.errno == errno.ENAMETOOLONG:
        return (
            "O544",
            "the file name is too long for the file system",
            where,
            "choose a shorter file name or folder",
        )
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return (
            "O545",
            f"the file could not be written: {reason} (the disk is full)",
            where,
            "free some space on the disk, or write to another folder; nothing was replaced",
        )
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return (
            "O543",
            f"the file could not be written: {reason}",
            where,
            "choose another output folder, or ask for permission to write in this one",
        )
    if exc.errno in (errno.ENOTDIR, errno.EEXIST):
        return (
            "O542",
            f"a folder on the way to this file is a file ({reason})",
            where,
            "choose an output folder that is a folder, or move the file aside",
        )
    return (
        "O545",
        f"the file could not be written: {reason}",
        where,
        "check the folder and the disk, then build again; nothing was replaced",
    )


def write_files(
    files: Mapping[Path, bytes],
    *,
    force: bool = False,
    unchanged: Mapping[Path, bytes] | None = None,
) -> None:
    """Write each of ``files`` (target: bytes) whole, or none of them.

    Every file is first written to a temporary file beside its target (making missing
    folders), then each target is checked again: a file there must still be reportgen's own
    and untouched (or hold exactly ``unchanged[target]``, for a file reportgen edits), unless
    ``force``; a target that was missing is created only if it still is. Only then are the
    temporaries renamed into place. On any failure or interruption the temporaries and the
    folders made are removed, nothing is replaced, and one :class:`ReportError` says why.
    """
    expected = unchanged or {}
    staged: list[tuple[Path, Path]] = []
    made: list[Path] = []
    try:
        problems = Problems()
        for target, data in files.items():
            try:
                made += _make_folders(target.parent)
                staged.append((target, _write_temporary(target, data)))
            except OSError as exc:
                problems.add(*_os_problem(exc, target))
                break
        problems.raise_if_any()
        for target, _ in staged:
            _recheck(target, force, expected.get(target), problems)
        problems.raise_if_any()
        _put_in_place(staged, force, problems)
        problems.raise_if_any()
    except BaseException:
        for _, temp in staged:
            with contextlib.suppress(OSError):
                temp.unlink()
        for folder in reversed(made):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise


def write_atomic(target: Path, data: bytes, *, force: bool = False) -> None:
    """Write ``data`` to ``target`` through a temporary file renamed into place
    (:func:`write_files` with one file)."""
    write_files({target: data}, force=force)


def _make_folders(folder: Path) -> list[Path]:
    """Make ``folder`` and its missing parents; the ones made, outermost first."""
    missing = []
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            break
        missing.append(candidate)
    made = []
    for candidate in reversed(missing):
        try:
            candidate.mkdir()
        except FileExistsError:
            if not candidate.is_dir():
                raise
            continue
        made.append(candidate)
    return made


def _write_temporary(target: Path, data: bytes) -> Path:
    """Write ``data`` to a new temporary file beside ``target``; its path."""
    fd, name = tempfile.mkstemp(
        prefix=f".{target.name[:_TEMP_STEM]}.", suffix=".tmp", dir=target.parent
    )
    temp = Path(name)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(fd, 0o666 & ~umask)  # as an ordinary new file, not mkstemp's private 0600
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())  # a full disk may only say so here
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def _recheck(target: Path, force: bool, expected: bytes | None, problems: Problems) -> None:
    """Record a problem if what is at ``target`` now may not be replaced."""
    where = Location(str(target))
    try:
        status = os.stat(target)
    except FileNotFoundError:
        return
    except OSError as exc:
        problems.add(*_os_problem(exc, target))
        return
    if stat.S_ISDIR(status.st_mode):
        problems.add("O502", "the output path is a folder", where, "give a file name")
    elif not stat.S_ISREG(status.st_mode):
        problems.add(
            "O540",
            f"the output path is {_kind(status.st_mode)}, not a file reportgen can replace",
            where,
            "choose another output name, or remove what is there first",
        )
    elif force:
        return
    elif expected is not None:
        try:
            same = target.read_bytes() == expected
        except OSError:
            same = False
        if not same:
            problems.add(
                "O541",
                "this file changed while reportgen was working, so it was left as it is",
                where,
                "run the command again to include the changes",
            )
    elif not generated_untouched(target):
        problems.add(
            "O541",
            "this file was saved or created while reportgen was building, so it was left as it is",
            where,
            "move it aside to keep it, or pass --force to replace it; then build again",
        )


def _put_in_place(staged: list[tuple[Path, Path]], force: bool, problems: Problems) -> None:
    """Rename each temporary into place.

    Targets that were missing are made first, each as a hard link that fails if a file
    appeared there meanwhile (then those made are undone and nothing is replaced); the
    targets that exist are then replaced. With ``force``, or on a file system without hard
    links, every target is simply renamed over.
    """
    linked: list[tuple[Path, Path]] = []
    rest: list[tuple[Path, Path]] = []
    for target, temp in staged:
        if force or os.path.lexists(target):
            rest.append((target, temp))
            continue
        try:
            os.link(temp, target)
        except FileExistsError:
            problems.add(
                "O541",
                "this file was created while reportgen was building, so it was left as it is",
                Location(str(target)),
                "move it aside to keep it, or pass --force to replace it; then build again",
            )
        except OSError:
            rest.append((target, temp))  # no hard links here: renamed over, below
        else:
            linked.append((target, temp))
    if problems:
        for target, _ in linked:
            with contextlib.suppress(OSError):
                target.unlink()
        return
    for _, temp in linked:
        temp.unlink()
    for target, temp in rest:
        try:
            os.replace(temp, target)
        except OSError as exc:
            problems.add(*_os_problem(exc, target))
