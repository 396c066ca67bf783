"""How a council's meetings website words its pages: site.yaml.

The page titles, headings and link texts of ``reportgen site`` (:mod:`reportgen.site`). A
profile folder without the file takes the bundled one's (one of
:data:`reportgen.boilerplate.FALLBACK_FILES`).
"""

from __future__ import annotations

from pydantic import BaseModel

from reportgen.model_base import STRICT


class DecisionColumns(BaseModel):
    """The headings of a table of decisions (a meeting's, and the register's)."""

    model_config = STRICT

    number: str
    meeting: str
    """The register's column of the meeting that made the decision."""
    title: str
    call_in: str
    """The call-in deadline's column."""
    status: str


class DecisionStatuses(BaseModel):
    """A decision's call-in status as printed (:data:`reportgen.decisions.Status`)."""

    model_config = STRICT

    open: str
    """Open for call-in: its deadline has not passed."""
    implementable: str
    """Its call-in deadline has passed."""


class SiteWords(BaseModel):
    """The wording of the meetings website: site.yaml."""

    model_config = STRICT

    lang: str = "en-GB"
    """The pages' language (the html element's lang)."""
    site_title: str
    """The site's name, e.g. 'Committee meetings'."""
    home: str
    """The breadcrumb's first link."""
    skip: str
    """The skip link's text."""
    meetings: str
    """The heading of a committee's list of meetings."""
    membership: str
    """The heading of a committee's membership."""
    agenda: str
    minutes: str
    documents: str
    """The heading of a meeting's list of documents."""
    pack: str
    """The pack's link: ``{pages}`` is its number of pages."""
    search: str
    search_button: str
    next_meeting: str
    when_label: str
    """The label of a meeting's date and time."""
    when: str
    """A meeting's date and time: ``{date}``, ``{time}``."""
    venue: str
    contact: str
    exempt: str
    """An exempt item's note: ``{paragraph}`` of Schedule 12A."""
    meeting_title: str
    """A meeting page's title: ``{committee}``, ``{date}``."""
    feeds: str
    calendar: str
    """The iCalendar feed's link text."""
    atom: str
    """The Atom feed's link text."""
    navigation: str
    """The main navigation's name (its aria-label)."""
    forward_plan: str
    """The forward plan page's link in the navigation."""
    register_title: str
    """The decisions register page's title and link."""
    register_intro: str
    """The register's introduction: ``{date}``, the day its statuses are given for."""
    decisions: str
    """The heading of a meeting's decisions."""
    decisions_as_of: str
    """Under a meeting's decisions: ``{date}``, the day their statuses are given for."""
    no_decisions: str
    """The register with no decision."""
    decision_columns: DecisionColumns
    statuses: DecisionStatuses
    logo_alt: str = ""
    """The logo's alternative text, when look.yaml names a logo (empty: the logo is shown
    beside the site's name, as decoration)."""
