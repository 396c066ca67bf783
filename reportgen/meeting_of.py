"""The meeting a document belongs to, for a file that is built only with its meeting.

An appendix document or a committee's minutes is not built alone: its number, title and look
come from the meeting that lists it (an appendix's "Appendix 1" from its report item, the
minutes' from the item that confirms them). Given such a file, :func:`document_in_meeting`
finds the meeting file that lists it, in the file's own folder or a folder beside it (a
committee's meetings are folders side by side: ``2022-01-24/minutes.yaml`` is confirmed by
``2022-03-14/meeting.yaml``), resolves that meeting and returns the document as the meeting's
pack prints it. No meeting listing it is a problem (O560), never a report's missing fields.
"""

from __future__ import annotations

import os
from pathlib import Path

from reportgen.boilerplate import Boilerplate
from reportgen.document import Document
from reportgen.errors import Location, Problems, ReportError, quote
from reportgen.kinds import InputKind, recognise
from reportgen.load import load_file


def _listed(data: object) -> list[str]:
    """The files a meeting file's items name (minutes, reports and appendices), as written."""
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        return []
    out: list[str] = []
    for item in data["items"]:
        if not isinstance(item, dict):
            continue
        out += [item[key] for key in ("minutes", "report") if isinstance(item.get(key), str)]
        appendices = item.get("appendices")
        for appendix in appendices if isinstance(appendices, list) else []:
            if isinstance(appendix, dict) and isinstance(appendix.get("file"), str):
                out.append(appendix["file"])
    return out


def meetings_listing(path: Path) -> list[Path]:
    """The meeting files, in the folder of ``path`` and the folders beside it, whose items
    name ``path``; in order of their paths."""
    target = Path(os.path.realpath(path))
    folder = target.parent
    folders = [folder, *sorted(p for p in folder.parent.iterdir() if p.is_dir() and p != folder)]
    found: list[Path] = []
    for place in folders:
        for candidate in sorted(place.glob("*.yaml")):
            if candidate == target:
                continue
            try:
                data = load_file(candidate).data
            except ReportError:
                continue  # not a meeting this file could belong to; it is not being built
            if recognise(data) != "meeting":
                continue
            named = {Path(os.path.realpath(candidate.parent / n)) for n in _listed(data)}
            if target in named:
                found.append(candidate)
    return found


def document_in_meeting(path: Path, kind: InputKind, boilerplate: Boilerplate) -> Document:
    """The document resolved from ``path`` (an appendix document or minutes, as ``kind``
    says) as the first meeting listing it prints it; one error (O560) when none lists it, or
    the meeting's own problems."""
    from reportgen.meeting import load_meeting

    meetings = meetings_listing(path)
    if not meetings:
        problems = Problems()
        problems.add(
            "O560",
            f"{quote(path.name)} is {'minutes' if kind == 'minutes' else 'an appendix document'}"
            ", built with the meeting that lists it, and no meeting file beside it lists it",
            Location(str(path)),
            "build the meeting's pack (reportgen pack MEETING.yaml), or list this file in a "
            "meeting file in its folder or a folder beside it"
            + (" (items: - minutes: FILE)" if kind == "minutes" else " (appendices: - file: FILE)"),
        )
        problems.raise_if_any()
    resolved = load_meeting(meetings[0], boilerplate)
    target = Path(os.path.realpath(path))
    for item in resolved.items:
        for doc in item.documents:
            if doc.document is not None and Path(os.path.realpath(doc.source)) == target:
                return doc.document
    raise AssertionError(f"{meetings[0]} lists {path} but resolved no document of it")


__all__ = ["document_in_meeting", "meetings_listing"]
