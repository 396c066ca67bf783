"""Write output files safely: whole or not at all, and never over a file a person wrote.

A build replaces an output file only if that file is one reportgen wrote and nobody has saved
since. Both kinds of file carry a SHA-256 digest of what reportgen wrote, and saving the file in
any program changes what the digest covers: a .docx records the digest of its parts in its
custom properties (:mod:`reportgen.writers.docx.package`), a .pdf the digest of its bytes in its
XMP metadata (:mod:`reportgen.writers.pdf`), an .html page a digest in its head; a .json file is
reportgen's when it is the JSON Schema of one of its formats (titled after the format's model).
Anything else at the output path (an officer's edited copy, a hand-made document, the
report's own YAML) is left alone with an error, unless the user passes ``--force``.

The check runs twice: :func:`check_target` before the (perhaps long) rendering, so a build
that cannot be written fails at once; and :func:`write_files` again right before replacing,
so a file saved, or created, while the build ran is left alone too (O541). A path that is not
a regular file (a FIFO, a device, a socket) is never opened (O540), and a folder that is a
file, cannot be written or is missing is a problem before anything is rendered.

A file open in LibreOffice or Word is not replaced either (O546): both leave a lock file beside
the file they open, LibreOffice ``.~lock.NAME#`` (its first line names the user and the
computer) and Word ``~$NAME`` (Word's owner file, with the user's name; :func:`word_owner_file`
gives Word's rule for its name), and the problem says which program has it open, and who. A
file the system refuses to let reportgen replace at the last step (Windows refuses to replace a
file Word holds open) is O547.

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

from reportgen.errors import Location, Problems, ReportError, shorten
from reportgen.writers.pdf import sealed_untouched

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
        from reportgen.writers.html import sealed_untouched as page_untouched

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
    from reportgen.writers.docx.package import untouched_file

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
    from reportgen.data_schemas import is_data_file

    if is_data_file(data):  # open data reportgen wrote: made again from the same sources
        return True
    if not isinstance(data, dict) or data.get("$schema") != SCHEMA_URI:
        return False
    titles = {model.model_config.get("title") or model.__name__ for model, _ in KINDS.values()}
    titles |= {title for _, title in KINDS.values()}
    return data.get("title") in titles


_LOCK_READ = 4096
"""How much of a lock file is read: its user's name is in its first bytes."""


def libreoffice_lock_file(target: Path) -> Path:
    """The lock file LibreOffice writes beside ``target`` while it has it open."""
    return target.with_name(f".~lock.{target.name}#")


def word_owner_file(target: Path) -> Path:
    """The owner file Word writes beside the document ``target`` while it has it open.

    Word's rule (as LibreOffice, which writes the same file, implements it): ``~$`` takes the
    place of the first two characters of a name of eight characters or more before its
    extension (``recovery-from-covid.docx``: ``~$covery-from-covid.docx``), of the first one of
    a name of seven (``minutes.docx``: ``~$inutes.docx``), and comes before a shorter one
    (``report.docx``: ``~$report.docx``).
    """
    stem = len(target.name) - len(target.suffix)
    cut = 2 if stem >= 8 else 1 if stem == 7 else 0
    return target.with_name("~$" + target.name[cut:])


def _read_lock(path: Path) -> bytes | None:
    """The first bytes of the lock file at ``path``, or None if there is no regular file there."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            return handle.read(_LOCK_READ)
    except OSError:
        return None


def _shown(text: str) -> str:
    """A name read from a lock file, as a problem may print it: printable, and not too long."""
    return shorten("".join(c for c in text if c.isprintable()).strip())


def _libreoffice_user(data: bytes) -> str:
    """Who has the file open, from a LibreOffice lock file's first line: its fields are the
    user's name (as set in LibreOffice), their login name, the computer, the time and their
    profile, separated by commas (a comma in a field is written ``\\,``) and ended by ``;``."""
    fields: list[str] = []
    field: list[str] = []
    escaped = False
    for char in data.decode("utf-8", "replace").split("\n", 1)[0]:
        if escaped:
            field.append(char)
            escaped = False
        elif char == "\\":
            escaped = True
        elif char in ",;":
            fields.append("".join(field))
            field = []
            if char == ";":
                break
        else:
            field.append(char)
    fields += ["".join(field)]
    user = _shown(fields[0]) or (_shown(fields[1]) if len(fields) > 1 else "")
    computer = _shown(fields[2]) if len(fields) > 2 else ""
    return f"{user} on {computer}" if user and computer else user


def _word_user(data: bytes) -> str:
    """Who has the file open, from Word's owner file: one byte of length and the name in the
    Windows code page, then at byte 54 the length again (two bytes) and the name in UTF-16."""
    if len(data) >= 56 and 0 < data[54] <= 52 and len(data) >= 56 + 2 * data[54]:
        return _shown(data[56 : 56 + 2 * data[54]].decode("utf-16-le", "replace"))
    if data and 0 < data[0] <= 52 and len(data) > data[0]:
        return _shown(data[1 : 1 + data[0]].decode("cp1252", "replace"))
    return ""


def open_in(target: Path) -> tuple[str, str, Path] | None:
    """The program that has ``target`` open, who (or ``""`` when its lock file does not say),
    and its lock file; None when no lock file is beside it."""
    for program, lock, user in (
        ("LibreOffice", libreoffice_lock_file(target), _libreoffice_user),
        ("Word", word_owner_file(target), _word_user),
    ):
        data = _read_lock(lock)
        if data is not None:
            return program, user(data), lock
    return None


def _open_problem(target: Path, problems: Problems) -> bool:
    """Record O546 if a lock file says ``target`` is open in LibreOffice or Word; whether so."""
    found = open_in(target)
    if found is None:
        return False
    program, user, lock = found
    problems.add(
        "O546",
        f"this file is open in {program}" + (f", by {user}" if user else ""),
        Location(str(target)),
        f"close it in {program}, then build again; if it is not open anywhere, {program} "
        f"stopped without removing its lock file: delete {lock}",
    )
    return True


def _in_use_problem(target: Path) -> tuple[str, str, Location, str]:
    """O547: the system refused to replace ``target``, which a program most likely holds."""
    found = open_in(target)
    held = f"; it is open in {found[0]}" + (f", by {found[1]}" if found[1] else "") if found else ""
    return (
        "O547",
        "this file could not be replaced: a program has it open (Word keeps a file it has "
        f"open from being replaced), or it is read-only{held}",
        Location(str(target)),
        "close the file wherever it is open, then build again",
    )


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
    if status is not None and _open_problem(target, problems):
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
    elif _open_problem(target, problems) or force:
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
        except PermissionError as exc:
            there = os.path.lexists(target)
            problems.add(*(_in_use_problem(target) if there else _os_problem(exc, target)))
        except OSError as exc:
            problems.add(*_os_problem(exc, target))
