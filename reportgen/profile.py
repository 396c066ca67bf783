"""Council profiles as layered folders, and which profile applies to a report.

A profile is a folder of the boilerplate files (:data:`reportgen.boilerplate._FILES`) with a
``profile.yaml`` naming it and, with ``extends:``, the profile it builds on: a bundled
profile's name (a folder of ``reportgen/profiles/``) or a path relative to the profile's
folder. A profile that extends another writes only what differs: a file it leaves out comes
from its parent, and within a file mappings merge key by key (recursively) while lists and
text replace the parent's. The merged data keeps where each value was written
(:meth:`reportgen.load.Positions.supply`), so a problem is placed in the file that wrote it.
A folder without ``profile.yaml`` is a whole boilerplate folder, as before profiles.

Which profile applies (:func:`profile_for`): the one given (``--profile``), else the one the
configuration file :data:`CONFIG_NAME` names, found by walking upward from the report's
folder, else the bundled Nottinghamshire profile.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from reportgen.errors import Location, Problems, ReportError, quote
from reportgen.load import Loaded, Positions, load_file
from reportgen.model_base import STRICT
from reportgen.reads import note_file
from reportgen.validate import validate

BUNDLED = Path(__file__).resolve().parent / "profiles"
"""The folder of the profiles that come with reportgen, one folder each."""
STANDARD = BUNDLED / "nottinghamshire"
"""The profile used when no other is given or found."""
PROFILE_NAME = "profile.yaml"
"""The file that makes a folder a layered profile."""
CONFIG_NAME = ".reportgen.yaml"
"""The configuration file found upward from a report. Its name starts with a dot, so a glob
of reports (``reports/*.yaml``) never meets it."""


class _Strict(BaseModel):
    model_config = STRICT


class ProfileFile(_Strict):
    """What a profile is: profile.yaml."""

    name: str = Field(min_length=1)
    """The profile's name, e.g. ``Borsetshire County Council``."""
    extends: str | None = None
    """The profile this one builds on: a bundled profile's name (``nottinghamshire``) or a
    folder relative to this one (``../county``). Left out, this profile has every file."""


class ConfigFile(_Strict):
    """A council's configuration: .reportgen.yaml, at the top of its reports folder."""

    profile: str = Field(min_length=1)
    """The profile its reports use: a bundled profile's name (``nottinghamshire``) or a
    folder relative to this file (``profile``)."""


ENTRY_POINTS = "reportgen.profiles"
"""The entry-point group of profiles installed as Python packages: ``NAME = package``, the
package's folder holding the profile's files (``[project.entry-points."reportgen.profiles"]``
in its pyproject.toml)."""


def named(value: str, base: Path) -> Path:
    """The profile folder ``value`` means, written in a file in ``base``: a bundled profile's
    name or an installed one's (no ``/``, not starting with ``.``), else a path relative to
    ``base`` (``..`` folded, so problems name the folder plainly)."""
    if "/" not in value and not value.startswith("."):
        if (BUNDLED / value).is_dir():
            return BUNDLED / value
        installed = _installed().get(value)
        if installed is not None:
            return installed
    return Path(os.path.normpath(base / value))


def _installed() -> dict[str, Path]:
    """The profiles installed as packages, by name: each entry point's package folder, found
    without importing (running) the package."""
    from importlib.metadata import entry_points
    from importlib.util import find_spec

    found: dict[str, Path] = {}
    for entry in entry_points(group=ENTRY_POINTS):
        try:
            spec = find_spec(entry.module.partition(".")[0])
        except (ImportError, ValueError):
            continue
        locations = list(spec.submodule_search_locations or []) if spec else []
        if locations:
            found.setdefault(entry.name, Path(locations[0]))
    return found


def _bundled_names() -> str:
    names = {p.name for p in BUNDLED.iterdir() if p.is_dir()} | set(_installed())
    return ", ".join(sorted(names))


def chain(folder: Path) -> list[Path]:
    """The profile folders that make up ``folder``'s profile, ``folder`` first, the profile
    without ``extends:`` last; raise one error for a bad profile.yaml, a parent not found
    (T450) or profiles that extend each other in a cycle (T451)."""
    layers = [folder]
    seen = {folder.resolve()}
    while True:
        here = layers[-1]
        note_file(here / PROFILE_NAME)
        if not (here / PROFILE_NAME).is_file():
            return layers
        loaded = load_file(here / PROFILE_NAME)
        extends = validate(loaded, ProfileFile).extends
        if extends is None:
            return layers
        parent = named(extends, here)
        where = loaded.positions.locate(("extends",))
        problems = Problems()
        if not parent.is_dir():
            problems.add(
                "T450",
                f"the profile this one extends, {quote(extends)}, is not found at {parent}",
                where,
                f"give a bundled profile's name ({_bundled_names()}) or the path of a profile "
                f"folder relative to {here}",
            )
        elif parent.resolve() in seen:
            problems.add(
                "T451",
                f"the profiles extend each other in a cycle: "
                f"{' -> '.join(str(p) for p in [*layers, parent])}",
                where,
                "make one profile of the cycle extend a bundled profile (nottinghamshire), or "
                "leave its extends: out",
            )
        problems.raise_if_any()
        layers.append(parent)
        seen.add(parent.resolve())


def merged(layers: list[Loaded]) -> Loaded:
    """One file's data from its ``layers``, the child first: mappings merge key by key, lists
    and text replace, and a key the child sets to null (``~``) is removed, as in a JSON merge
    patch (RFC 7386). A merged mapping keeps its parent's order, the child's new keys after;
    a child that writes every key of the parent's mapping gives its own order (the sections
    of sections.yaml, the reviewers of reviewers.yaml). Each value is located in the layer
    that wrote it."""
    *children, data = list(layers)
    result = data
    for child in reversed(children):
        positions = Positions(child.positions.file)
        positions.supply((), result.positions)
        merged_data = _merge(result.data, child.data, (), child.positions, positions)
        result = Loaded(merged_data, positions)
    return result


def _merge(base: Any, over: Any, path: tuple[str, ...], writer: Positions, into: Positions) -> Any:
    """``over`` laid on ``base`` at ``path``, recording in ``into`` what ``writer`` wrote."""
    if over is None and not path:
        return base  # a file of comments only changes nothing
    if not (isinstance(base, dict) and isinstance(over, dict)):
        into.supply(path, writer)
        return over
    into.supply(path, writer, merged=True)
    result = dict(base)
    for key, value in over.items():
        at = (*path, key)
        if value is None and key in base:  # as in a JSON merge patch (RFC 7386): removed
            del result[key]
        elif key in base:
            result[key] = _merge(base[key], value, at, writer, into)
        else:
            into.supply(at, writer)
            result[key] = value
    if base.keys() <= over.keys():  # written out in full: in the child's order
        return {key: result[key] for key in over if key in result}
    return result


def _start(path: Path) -> Path:
    """The folder the search for a configuration file starts from, for ``path``."""
    return path if path.is_dir() else path.parent


def configured(start: Path) -> Path:
    """The profile the nearest :data:`CONFIG_NAME` at or above ``start`` names, or
    :data:`STANDARD` when there is none; a bad one is a placed problem (T452 for a profile
    not found)."""
    for folder in [start.absolute(), *start.absolute().parents]:
        config = folder / CONFIG_NAME
        note_file(config)
        if not config.exists():
            continue
        loaded = load_file(config)
        value = validate(loaded, ConfigFile).profile
        profile = named(value, folder)
        if not profile.is_dir():
            problems = Problems()
            problems.add(
                "T452",
                f"the profile this configuration names, {quote(value)}, is not found at {profile}",
                loaded.positions.locate(("profile",)),
                f"give a bundled profile's name ({_bundled_names()}) or the path of a profile "
                f"folder relative to {folder}; `reportgen init` starts one",
            )
            problems.raise_if_any()
        return profile
    return STANDARD


def profile_for(paths: Iterable[Path] = (), given: Path | None = None) -> Path:
    """The profile folder that applies to the reports or meetings at ``paths``: ``given``
    (``--profile``), else the one their configuration file names, else :data:`STANDARD`.
    With no paths, the search starts from the current folder. Files whose configurations
    name different profiles are one problem (T453): check them one profile at a time; the
    configuration file itself given as a report is one too (T454)."""
    paths = list(paths)
    problems = Problems()
    for path in paths:
        if path.name == CONFIG_NAME:
            problems.add(
                "T454",
                "this is reportgen's configuration, naming the profile, not a report",
                Location(str(path)),
                "leave it out of the files given (a shell's reports/*.yaml never meets it; "
                "Python's Path.glob does, so skip names starting with '.')",
            )
    problems.raise_if_any()
    if given is not None:  # a folder, or a bundled or installed profile's name
        return given if given.exists() else named(str(given), Path.cwd())
    starts = {_start(path) for path in paths} or {Path.cwd()}
    found: dict[Path, Path] = {}
    for start in sorted(starts):
        try:
            found.setdefault(configured(start).resolve(), start)
        except ReportError as exc:
            problems.extend(exc.problems)
    problems.raise_if_any()
    if len(found) > 1:
        (first, one), (second, other) = list(found.items())[:2]
        problems.add(
            "T453",
            f"these files use different profiles: {one} uses {first}, {other} uses {second}",
            Location("(command line)"),
            "give the files of one profile at a time, or name one with --profile",
        )
        problems.raise_if_any()
    return next(iter(found))
