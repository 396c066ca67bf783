"""Load stage for a report's pay scale: the file its ``pay_scale:`` key names, read and validated.

The file is read with the report, so resolving reads nothing; what it gives, the pay scale or the
problems reading it found, is reported by the resolve stage only when a figure uses the scale.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import Problem, ReportError, quote
from reportgen.load import Positions, load_file
from reportgen.model import Report
from reportgen.model_figures import PayScale
from reportgen.reads import note_file
from reportgen.validate import validate


@dataclass(frozen=True)
class LoadedPayScale:
    """The pay scale a report names, as loaded: the scale, or the problems reading it gave."""

    name: str | None
    """The file as the report names it; ``None`` when the report names no pay scale."""
    scale: PayScale | None = None
    positions: Positions | None = None
    """Where each of the scale's values is in its file."""
    problems: tuple[Problem, ...] = ()
    """What reading or validating the file found; reported only when a figure uses the scale."""


NO_PAY_SCALE = LoadedPayScale(None)
"""What a report that names no pay scale (or a meeting) has."""


def load_pay_scale(report: Report, positions: Positions) -> LoadedPayScale:
    """Read and validate the pay scale ``report`` names, recording the read."""
    if report.pay_scale is None:
        return NO_PAY_SCALE
    path = Path(positions.file).parent / report.pay_scale
    note_file(path)  # also when missing: creating it changes the build
    if not path.is_file():
        missing = Problem(
            "F606",
            f"the pay scale {quote(report.pay_scale)} is not found (looked for {path})",
            positions.locate(("pay_scale",)),
            "check the file name: the path is from this report's folder, "
            "e.g. ../pay-scales/2021-22.yaml",
        )
        return LoadedPayScale(report.pay_scale, problems=(missing,))
    try:
        loaded = load_file(path)
        scale = validate(loaded, PayScale)
    except ReportError as exc:
        return LoadedPayScale(report.pay_scale, problems=tuple(exc.problems))
    return LoadedPayScale(report.pay_scale, scale, loaded.positions)
