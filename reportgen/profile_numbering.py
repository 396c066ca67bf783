"""How a council numbers its reports: the profile's numbering.yaml, read into :class:`Numbering`.

The scheme is data; :mod:`reportgen.resolve.numbering` reads it and stays the one place a
number is decided. A *form* is how one number is shown, written as the first number of its
kind: ``1)`` (1), 2), 3)…), ``(a)`` ((a), (b)…), ``i.`` (i., ii., iii.…). Its counting token
is one of ``1``, ``a``, ``A``, ``i``, ``I``; what stands around it is printed around every
number of that kind.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ValidationInfo, field_validator

from reportgen.document import NumberFormat
from reportgen.model import SectionKey
from reportgen.model_base import STRICT, Form

COUNTING: dict[str, NumberFormat] = {
    "1": "decimal",
    "a": "lowerLetter",
    "A": "upperLetter",
    "i": "lowerRoman",
    "I": "upperRoman",
}
"""Each form's counting token, and the counting style it stands for."""


def form_parts(form: Form) -> tuple[NumberFormat, str, str]:
    """The counting style of ``form`` and the text before and after its number."""
    for i, char in enumerate(form):
        if char in COUNTING:
            return COUNTING[char], form[:i], form[i + 1 :]
    raise AssertionError(form)  # every Form has a counting token


__all__ = ["COUNTING", "Form", "Numbering", "Scheme", "form_parts"]

Scheme = Literal["running", "by-section"]
"""``running``: 1, 2, 3… through the report; ``by-section``: 1.1, 1.2… 2.1 under numbered
section headings 1., 2.…"""


class Numbering(BaseModel):
    """How a council numbers paragraphs, sub-items and recommendations: numbering.yaml."""

    model_config = STRICT

    paragraphs: Scheme = "running"
    """``running`` (one sequence 1, 2, 3… through the report and the comments after it) or
    ``by-section`` (section headings numbered 1., 2.…, and their paragraphs 1.1, 1.2… 2.1,
    restarting in each section)."""
    sub_items: Form = "a)"
    """How the items under a numbered paragraph are shown; they restart under each one."""
    recommendations: Literal[Form, "paragraph"] = "1)"
    """How recommendations are numbered on their own (``1)``, ``(1)``, ``i.``…), or
    ``paragraph``: as numbered paragraphs of their section, in its sequence (2.1, 2.2 when
    paragraphs are numbered by section; 14, 15 when they run)."""
    recommendation_parts: Literal[Form, "bullets"] = "bullets"
    """What the bullets directly under a recommendation are: ``bullets``, or lettered parts
    in this form (``a)``, ``(i)``…), restarting under each recommendation. With
    ``recommendations: paragraph`` the parts are the paragraph's sub-items and take the
    ``sub_items`` form."""
    appendices: Literal["1", "A"] = "1"
    """How a report's appendices are numbered: ``1`` (Appendix 1, 2…) or ``A`` (Appendix A,
    B…), in the order the report lists them; a report's ``appendices_lettered`` decides for
    itself."""
    unnumbered_sections: list[SectionKey] = ["background_papers", "electoral_divisions"]
    """By section: the sections whose headings take no number (they hold no numbered
    paragraphs). Ignored when paragraphs run."""

    @field_validator("recommendation_parts")
    @classmethod
    def _parts_fit(cls, parts: str, info: ValidationInfo) -> str:
        recommendations, sub_items = (info.data.get(k) for k in ("recommendations", "sub_items"))
        if recommendations == "paragraph" and sub_items and parts not in ("bullets", sub_items):
            raise ValueError(
                f"recommendations numbered as paragraphs have their parts numbered as the "
                f'paragraphs\' sub-items, "{sub_items}": write "bullets" or "{sub_items}" here'
            )
        return parts
