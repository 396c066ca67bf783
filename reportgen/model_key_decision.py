"""The format of a key decision: the part of a report, or of a meeting's forward plan, that says
a decision is a key decision and when it was first published on the forward plan.

A key decision is one the Local Authorities (Executive Arrangements) (Meetings and Access to
Information) (England) Regulations 2012 require to be on the forward plan for 28 clear days
before it is taken (regulation 9), unless it is taken under the general exception
(regulation 10) or as a case of special urgency (regulation 11). The notice period is the
profile's calendar.yaml (``key_decision_notice_days``); ``reportgen check`` counts it
(:mod:`reportgen.forward_plan`), and ``reportgen forward-plan`` prints the plan.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from reportgen.model_base import Model, Text

ExceptionKind = Literal["general-exception", "special-urgency"]
"""Why a key decision may be taken without 28 clear days on the forward plan: the general
exception (regulation 10) or special urgency (regulation 11) of the 2012 Regulations."""


class KeyDecisionException(Model):
    """A key decision taken without the full notice on the forward plan, and why."""

    kind: ExceptionKind
    """``general-exception`` (regulation 10: the scrutiny chair told, the public given five
    clear days' notice) or ``special-urgency`` (regulation 11: the scrutiny chair agrees the
    decision is urgent and cannot reasonably be deferred)."""
    reason: Text
    """Why the decision cannot wait, as the notice of it says."""


class KeyDecision(Model):
    """This report asks for a key decision, on the forward plan."""

    decision_maker: Text
    """Who takes the decision, e.g. 'Adult Social Care and Public Health Committee' or
    'Cabinet Member for Finance'."""
    first_published: dt.date
    """The date the decision first appeared on the forward plan, YYYY-MM-DD."""
    reference: Text | None = None
    """Its reference on the forward plan, e.g. 'KD2022/014'."""
    exception: KeyDecisionException | None = None
    """Taken under the general exception or special urgency, with its reason: then it need not
    have been on the forward plan for the full notice period."""
