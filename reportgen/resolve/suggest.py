"""'Did you mean …?' for an unknown name, at a cost that does not grow with the names there are.

A report may hold thousands of labels, and a text thousands of references to labels that do not
exist; each is a problem with a suggestion. Comparing every unknown name with every known one
would make the problems cost their number times the labels' (20,000 of each: minutes).

:class:`Suggestions` is made once for a set of names. It keeps them sorted as written and as
written backwards; an unknown name is compared (with :func:`difflib.get_close_matches`) only
with its :data:`NEIGHBOURS` nearest neighbours in each order, found by bisection, so a typing
slip near the end of a name (``benfits``) or near its start (``xstaff``) still finds it. With
at most :data:`SMALL` names every one is compared, exactly as before. Each answer is remembered;
after :data:`BUDGET` different unknown names no more are compared (their fixes list the names
without a suggestion), and a fix lists at most :data:`LISTED` names, so every problem costs
about the same, and a report's suggestions together cost at most a fixed amount.
"""

from __future__ import annotations

import bisect
import difflib
from collections.abc import Iterable

from reportgen.errors import quote

SMALL = 64
"""Up to this many names, an unknown name is compared with all of them."""

NEIGHBOURS = 8
"""Otherwise, with this many neighbours on each side, in each of the two orders."""

BUDGET = 1000
"""The most different unknown names compared; past that, no suggestion is worked out."""

LISTED = 20
"""The most names a fix lists ('labels in this report: …'), then how many more there are."""

LONGEST = 200
"""An unknown name longer than this is compared with nothing: no name is that long."""


class Suggestions:
    """The names of one kind in a report (labels, figures, tables), for suggesting and listing."""

    def __init__(self, names: Iterable[str]) -> None:
        self._given = list(names)
        self._sorted: list[str] | None = None
        self._backwards: list[tuple[str, str]] | None = None
        self._close: dict[str, str | None] = {}
        self._listed: str | None = None

    @property
    def names(self) -> list[str]:
        """Every name, sorted."""
        if self._sorted is None:
            self._sorted = sorted(set(self._given))
        return self._sorted

    def _candidates(self, name: str) -> list[str]:
        names = self.names
        if len(names) <= SMALL:
            return names
        if self._backwards is None:
            self._backwards = sorted((n[::-1], n) for n in names)
        at = bisect.bisect_left(names, name)
        found = names[max(0, at - NEIGHBOURS) : at + NEIGHBOURS]
        back = bisect.bisect_left(self._backwards, (name[::-1], ""))
        found += [n for _, n in self._backwards[max(0, back - NEIGHBOURS) : back + NEIGHBOURS]]
        return sorted(set(found))

    def closest(self, name: str) -> str | None:
        """The known name most like ``name``, if one is close enough."""
        if name not in self._close:
            close = (
                difflib.get_close_matches(name, self._candidates(name), n=1)
                if len(name) <= LONGEST and len(self._close) < BUDGET
                else []
            )
            self._close[name] = close[0] if close else None
        return self._close[name]

    def did_you_mean(self, name: str) -> str:
        """``"did you mean 'x'? "`` when a known name is close to ``name``, else nothing."""
        close = self.closest(name)
        return f"did you mean {quote(close)}? " if close else ""

    def listed(self) -> str:
        """The names for a fix, sorted: all of them, or the first :data:`LISTED` and a count."""
        if self._listed is None:
            names = self.names
            shown = ", ".join(names[:LISTED]) or "(none)"
            if len(names) > LISTED:
                shown += f" and {len(names) - LISTED:,} more"
            self._listed = shown
        return self._listed
