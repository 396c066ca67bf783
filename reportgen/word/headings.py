"""Which section a Word paragraph opens, by the headings the council's profile prints.

The headings recognised are the ones a report built with the profile prints: headings.yaml's
sections and implications, sections.yaml's own sections, and reviewers.yaml's comment headings
("Constitutional Comments (LPW 23/02/22)", their initials and date read back). A heading is
compared folded: case, spacing, punctuation and the "Recommendation/s", "Reason(s)" kind of
plural ignored, so "RECOMMENDATION/S", "Recommendations" and "Recommendation" are one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportgen.boilerplate import Boilerplate

_PLURAL = re.compile(r"(?:/s|\(s\)|s)\b")


def fold(text: str) -> str:
    """``text`` folded for comparing headings: lower case, plurals and punctuation dropped."""
    text = text.lower().replace("’", "'")
    text = _PLURAL.sub("", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


@dataclass(frozen=True, slots=True)
class Opened:
    """What a heading opens: a section's key (``purpose``, ``implications``, a council's own
    section), with the implication's or reviewer's kind, and a comment's initials and date."""

    section: str
    kind: str | None = None
    initials: str | None = None
    date: str | None = None


class Headings:
    """The profile's headings, folded, each with the section it opens."""

    def __init__(self, boilerplate: Boilerplate) -> None:
        self.folded: dict[str, Opened] = {}
        for name, heading in boilerplate.headings.sections.items():
            self.folded.setdefault(fold(heading), Opened(name))
        for kind, heading in boilerplate.headings.implications.items():
            self.folded.setdefault(fold(heading), Opened("implications", kind))
        for key, section in boilerplate.sections.own().items():
            if section.heading:
                self.folded.setdefault(fold(section.heading), Opened(key))
        self.reviewers: list[tuple[re.Pattern[str], str]] = []
        for kind, reviewer in boilerplate.reviewers.reviewers.items():
            pattern = re.escape(reviewer.heading)
            pattern = pattern.replace(re.escape("{initials}"), r"(?P<initials>[A-Za-z]{1,5})")
            pattern = pattern.replace(re.escape("{date}"), r"(?P<date>[^)]*?)")
            pattern = pattern.replace(r"\ ", r"\s*")
            self.reviewers.append((re.compile(rf"^\s*{pattern}\s*$", re.IGNORECASE), kind))
        self.recommendations = fold(boilerplate.headings.sections["recommendations"])

    def opened(self, text: str) -> Opened | None:
        """The section the paragraph ``text`` opens, or None when it is not a heading."""
        if len(text) > 120:
            return None
        for pattern, kind in self.reviewers:
            found = pattern.match(text)
            if found:
                return Opened(
                    "comments",
                    kind,
                    found.groupdict().get("initials"),
                    (found.groupdict().get("date") or "").strip() or None,
                )
        folded = fold(text)
        if not folded:
            return None
        if folded in self.folded:
            return self.folded[folded]
        for heading, opened in self.folded.items():  # a heading with a few stray letters
            if len(heading) > 8 and folded.startswith(heading) and len(folded) - len(heading) < 4:
                return opened
        return None
