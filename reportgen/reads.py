"""What a build read: every input file it read or looked for, and every folder it listed.

Loading records each file where it is read (:func:`reportgen.load.read_source` for YAML, and
the few places that open a PDF, Word or CSS file), so nothing has to be listed by hand: inside
:func:`recording`, every :func:`note_file` and :func:`note_listing` lands in the :class:`Reads`
it yields; outside one they cost nothing. A file looked for but not found (a pay scale named
wrongly) is recorded too, since creating it changes the build. The live preview watches
exactly these files, and the folders listed (a report's ``REPORT.comments/``), so an edit to a
pay scale outside the report's folder, a new reviewer's file or an editor's save by renaming is
seen; :meth:`Reads.changed` tells which of them differ from when they were read.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path

Stamp = tuple[int, int, int] | None
"""A file's (modification time in ns, size, inode) when it was read; None when it was missing."""


def stamp(path: Path) -> Stamp:
    """The stamp of ``path`` now."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_mtime_ns, found.st_size, found.st_ino)


def absolute(path: Path) -> Path:
    """``path`` absolute, with its symbolic links and ``..`` resolved (missing parts kept)."""
    return Path(os.path.abspath(path)).resolve()


def matches(folder: Path, pattern: str, path: Path) -> bool:
    """Whether ``path`` could be, or lead to, a file the listing ``pattern`` of ``folder`` finds:
    each part of it below ``folder`` matches the pattern's part at its depth (so a new subfolder
    of a ``*/minutes.yaml`` listing counts)."""
    try:
        parts = path.relative_to(folder).parts
    except ValueError:
        return False
    steps = pattern.split("/")
    return 0 < len(parts) <= len(steps) and all(map(fnmatchcase, parts, steps))


def _listing(folder: Path, pattern: str) -> tuple[str, ...]:
    """The names below ``folder`` that ``pattern`` finds now, in order."""
    return tuple(sorted(str(p) for p in folder.glob(pattern))) if folder.is_dir() else ()


@dataclass
class Reads:
    """The inputs of one build, each as an absolute, resolved path."""

    files: dict[Path, Stamp] = field(default_factory=dict)
    """Each file read or looked for, with its stamp when it was first read."""
    listings: dict[tuple[Path, str], tuple[str, ...]] = field(default_factory=dict)
    """Each folder listed, with the pattern of the names looked for (``*.yaml``), and what it
    found then."""

    @property
    def dependencies(self) -> frozenset[Path]:
        """Every file and listed folder the build depends on."""
        return frozenset(self.files) | {folder for folder, _ in self.listings}

    def relevant(self, path: Path) -> bool:
        """Whether a change at ``path`` (absolute) can change the build: it is an input, a
        folder on the way to a missing one, or a name a listing finds."""
        if path in self.files or any(matches(f, p, path) for f, p in self.listings):
            return True
        return any(
            file.is_relative_to(path) for file, was in self.files.items() if was is None
        ) or any(folder.is_relative_to(path) for folder, _ in self.listings)

    def changed(self) -> list[Path]:
        """The inputs that differ now from when they were read: files, and folders whose
        listing differs."""
        files = [file for file, was in self.files.items() if stamp(file) != was]
        return files + [
            folder
            for (folder, pattern), found in self.listings.items()
            if _listing(folder, pattern) != found
        ]

    def merge(self, other: Reads) -> None:
        """Add what ``other`` recorded; the first stamp of a file stays."""
        for file, was in other.files.items():
            self.files.setdefault(file, was)
        for key, found in other.listings.items():
            self.listings.setdefault(key, found)


_ACTIVE: ContextVar[Reads | None] = ContextVar("reportgen_reads", default=None)


@contextmanager
def recording() -> Iterator[Reads]:
    """Record every input read inside the block (in this thread) into the :class:`Reads` it
    yields, also when the block raises; an enclosing recording gets them too."""
    outer = _ACTIVE.get()
    reads = Reads()
    token = _ACTIVE.set(reads)
    try:
        yield reads
    finally:
        _ACTIVE.reset(token)
        if outer is not None:
            outer.merge(reads)


def note_file(path: Path) -> None:
    """Record that the build reads (or looks for) the file at ``path``; call it before reading."""
    reads = _ACTIVE.get()
    if reads is not None:
        file = absolute(path)
        if file not in reads.files:
            reads.files[file] = stamp(file)


def note_listing(folder: Path, pattern: str) -> None:
    """Record that the build lists the names ``pattern`` finds in ``folder``, whether or not
    the folder exists yet; call it before listing."""
    reads = _ACTIVE.get()
    if reads is not None:
        where = absolute(folder)
        reads.listings.setdefault((where, pattern), _listing(where, pattern))
