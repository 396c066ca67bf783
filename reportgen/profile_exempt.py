"""How a council marks exempt information in its packs: a profile's exempt.yaml.

The stamp on every page of an exempt part of the confidential pack, the notice that stands in
the public pack in place of an exempt appendix, how a public report's reference to an exempt
appendix reads, and what each paragraph of Schedule 12A to the Local Government Act 1972 covers
(:mod:`reportgen.exempt` uses them). A profile folder without the file takes the bundled one's
(one of :data:`reportgen.boilerplate.FALLBACK_FILES`).
"""

from __future__ import annotations

from pydantic import BaseModel, model_validator

from reportgen.model_base import STRICT, check_placeholders
from reportgen.pack.stamps import unprintable

PARAGRAPHS = tuple(range(1, 8))
"""The paragraphs of Part 1 of Schedule 12A."""


class NoticeWords(BaseModel):
    """The page that stands in the public pack in place of an exempt appendix."""

    model_config = STRICT

    text: str
    """Why its content is withheld: ``{paragraph}``, the paragraph of Schedule 12A."""
    paragraph: str
    """What that paragraph covers: ``{paragraph}`` and ``{description}``."""
    untitled: str
    """The notice's title, and its entry in the public pack's outline, when the meeting file
    gives the appendix no ``title:`` (its own title is exempt): ``{n}``, its number."""

    @model_validator(mode="after")
    def _placeholders_known(self) -> NoticeWords:
        check_placeholders("text", self.text, {"paragraph"})
        check_placeholders("untitled", self.untitled, {"n"})
        check_placeholders("paragraph", self.paragraph, {"paragraph", "description"})
        return self


class ExemptWords(BaseModel):
    """How exempt information is marked: exempt.yaml."""

    model_config = STRICT

    stamp: str
    """Printed at the top of every page of an exempt part of the confidential pack, beside the
    page number: ``{paragraph}``, the paragraph of Schedule 12A. Only characters the pack's
    stamp font (Liberation Sans, :mod:`reportgen.pack.stamps`) has."""
    reference: str
    """An exempt appendix's number in a public report's reference to it: ``{n}``, the number
    as the references' wording prints it ('2' gives 'Appendix 2 (exempt)')."""
    notice: NoticeWords
    paragraphs: dict[int, str]
    """What each paragraph of Part 1 of Schedule 12A covers, 1 to 7."""

    @model_validator(mode="after")
    def _complete(self) -> ExemptWords:
        check_placeholders("stamp", self.stamp, {"paragraph"})
        check_placeholders("reference", self.reference, {"n"})
        if tuple(sorted(self.paragraphs)) != PARAGRAPHS:
            raise ValueError("paragraphs: needs each of the paragraphs 1 to 7, and only those")
        missing = unprintable(self.stamp.format(paragraph=7))
        if missing:
            raise ValueError(f"the stamp has {missing!r}, which the pack's stamp font cannot print")
        return self
