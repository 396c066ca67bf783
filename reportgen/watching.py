"""Following a build's inputs as they are saved: the live preview and ``reportgen build --watch``.

A build records every file it reads or looks for, and every folder it lists
(:mod:`reportgen.reads`); :func:`changes` watches exactly those with :mod:`watchfiles`, through
their folders (so a file created later, or saved by renaming, is seen), and yields each batch of
inputs that changed. The caller rebuilds between two batches, and the folders watched follow
the inputs of the last build, a failed one too. :func:`build_summary` is a build's line for the
terminal.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Collection, Iterator
from contextlib import closing
from pathlib import Path

from reportgen.errors import Problem
from reportgen.reads import Reads


def watched_folders(reads: Reads) -> frozenset[Path]:
    """The folders to watch for what a build read: each file's folder (the nearest that
    exists, for a file not there yet), each folder listed and the one it is in, and, for a
    listing of subfolders (``*/minutes.yaml``), each of those subfolders."""
    folders = {_existing(file.parent) for file in reads.files}
    for folder, pattern in reads.listings:
        folders.add(_existing(folder))
        folders.add(_existing(folder.parent))
        steps = pattern.split("/")[:-1]
        if steps and folder.is_dir():
            folders.update(sub for sub in folder.glob("/".join(steps)) if sub.is_dir())
    return frozenset(folders)


def changes(
    current: Callable[[], Reads], stop: threading.Event, ready: threading.Event | None = None
) -> Iterator[set[Path]]:
    """Each set of inputs that changed, as they change, until ``stop`` is set (or the iterator
    is closed); ``current()`` is what the last build read, asked again after each set, as the
    caller rebuilds in between. ``ready`` is set once the watcher runs, so no save is missed.

    When the folders to watch change with the inputs, the watcher starts again on the new
    ones, and then yields the inputs that changed since they were read (a save while the
    watcher was starting, or while the caller was building).
    """
    from watchfiles import watch

    while not stop.is_set():
        folders = watched_folders(current())
        try:
            batches = watch(
                *folders,
                watch_filter=lambda _change, path: current().relevant(Path(path)),
                stop_event=stop,
                debounce=20,
                step=10,
                rust_timeout=200,
                yield_on_timeout=True,
                recursive=False,
            )
            with closing(batches):
                started = False
                for batch in batches:
                    paths = {Path(path) for _, path in batch}
                    if not started:
                        started = True
                        if ready is not None:
                            ready.set()
                        paths = paths or set(current().changed())
                    if paths:
                        yield paths
                    # after a build, and every rust_timeout without one: the folders to
                    # watch change with the inputs, and when a folder is removed and made
                    # again (its nearest existing ancestor was watched meanwhile)
                    if watched_folders(current()) != folders:
                        break
        except OSError:  # a folder removed as the watcher started: look again
            stop.wait(0.1)


def _existing(folder: Path) -> Path:
    """``folder``, or its nearest ancestor that exists."""
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    return folder


def _shown(path: Path) -> str:
    """``path`` as the terminal shows it: from the current folder (as problems place it) when
    that is at most two folders up, else in full."""
    try:
        shown = os.path.relpath(path)
    except ValueError:  # on another drive
        return str(path)
    return str(path) if Path(shown).parts[:3].count(os.pardir) > 2 else shown


def build_summary(changed: Collection[Path], problems: Collection[Problem], seconds: float) -> str:
    """A build as the terminal shows it: the time, what changed, how long it took, then its
    problems as the command prints them, or "no problems"."""
    what = "built"
    if changed:
        what = "rebuilt after a change to " + ", ".join(sorted(map(_shown, changed)))
    count = len(problems)
    verdict = f"{count} problem{'s' if count != 1 else ''}" if problems else "no problems"
    lines = [f"{time.strftime('%H:%M:%S')} {what} in {seconds * 1000:.0f} ms: {verdict}"]
    return "\n".join([*lines, *(p.render() for p in problems)])
