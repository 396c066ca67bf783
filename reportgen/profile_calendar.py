"""How a council counts days: calendar.yaml.

Whose bank holidays apply (a country and subdivision as the ``holidays`` library names them:
``GB`` and ``ENG``, ``WLS``, ``SCT`` or ``NIR``) and the periods the law or the council's
constitution sets in days: the clear days' notice of a meeting (Local Government Act 1972,
s.100B). The counting itself is :mod:`reportgen.days`. A profile folder without the file takes
the bundled one's (it is one of :data:`reportgen.boilerplate.FALLBACK_FILES`).
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from reportgen.model_base import STRICT


class _Strict(BaseModel):
    model_config = STRICT


class BankHolidays(_Strict):
    """Whose bank holidays are not working days."""

    country: str = Field(min_length=2, max_length=3)
    """The country's ISO 3166 code, as the ``holidays`` library names it: ``GB``."""
    subdivision: str | None = None
    """The part of it whose holidays apply: ``ENG`` (England), ``WLS``, ``SCT``, ``NIR``."""


class Calendar(_Strict):
    """How the council counts days: calendar.yaml."""

    bank_holidays: BankHolidays
    """Whose bank holidays are not working days."""
    notice_clear_days: int = Field(ge=0)
    """The clear working days between an agenda's dispatch and its meeting (five, by the Local
    Government Act 1972, s.100B)."""
    key_decisions: bool = True
    """Whether the council's executive takes key decisions that must be on the forward plan
    (the 2012 Regulations), so that ``reportgen check`` counts their notice."""
    key_decision_notice_days: int = Field(default=28, ge=0)
    """The clear calendar days a key decision must have been on the forward plan before the
    meeting that takes it (28, regulation 9 of the 2012 Regulations)."""
    call_in_working_days: int = Field(default=5, ge=0)
    """The working days after a decision's publication during which it can be called in
    (:mod:`reportgen.decisions`); five unless the council's constitution says otherwise."""
