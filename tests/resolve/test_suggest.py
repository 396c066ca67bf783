"""Suggestions for unknown names from an index (issue 16): each problem costs about the same.

Unknown labels used to be compared with every label, and every fix listed every label, so
20,000 references to unknown labels in a report of thousands of labels took minutes.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable

from reportgen.document import Document
from reportgen.resolve.suggest import BUDGET, LISTED, SMALL, Suggestions
from tests.conftest import MINIMAL, raised

Resolve = Callable[[str], Document]


def test_a_few_names_are_suggested_exactly_as_difflib_does() -> None:
    names = ["benefits", "staff", "funding", "demand", "capacity", "homes"]
    suggestions = Suggestions(names)
    for unknown in ("benfits", "staf", "fundng", "xyz", "capcity", "home"):
        want = difflib.get_close_matches(unknown, sorted(names), n=1)
        assert suggestions.closest(unknown) == (want[0] if want else None)
    assert suggestions.listed() == "benefits, capacity, demand, funding, homes, staff"
    assert Suggestions([]).listed() == "(none)"


def test_among_thousands_a_slip_at_either_end_is_still_found() -> None:
    names = [f"budget-line-{i}" for i in range(5000)] + ["staffing-plan", "carers-strategy"]
    suggestions = Suggestions(names)
    assert len(names) > SMALL
    assert suggestions.closest("staffing-plna") == "staffing-plan"
    assert suggestions.closest("xarers-strategy") == "carers-strategy"
    assert suggestions.closest("budget-line-4321x") == "budget-line-4321"
    assert suggestions.closest("q" * 10_000) is None


def test_past_the_budget_no_more_names_are_compared() -> None:
    suggestions = Suggestions(["staff"])
    for i in range(BUDGET):
        suggestions.closest(f"unknown-{i}")
    assert suggestions.closest("staf") is None
    assert Suggestions(["staff"]).closest("staf") == "staff"


def test_a_fix_lists_at_most_twenty_names_and_counts_the_rest() -> None:
    listed = Suggestions(f"label-{i:04}" for i in range(3000)).listed()
    assert listed.startswith("label-0000, label-0001, ")
    assert listed.count(",") == LISTED - 1 + 1  # twenty names, and "2,980" has a comma
    assert listed.endswith(" and 2,980 more")


def test_twenty_thousand_unknown_references_are_each_a_problem_and_the_build_ends(
    resolve_yaml: Resolve,
) -> None:
    labels = "".join(f"  - {{text: Paragraph {i}., label: known-{i}}}\n" for i in range(2000))
    refs = "".join(
        '  - "' + " ".join(f"{{{{ ref('unknown-{p}-{r}') }}}}" for r in range(100)) + '"\n'
        for p in range(200)
    )
    text = MINIMAL.replace("  - The information.\n", labels + refs)
    found = raised(lambda: resolve_yaml(text))
    assert len(found) == 20_000
    assert {p.code for p in found} == {"R300"}
    assert all(p.hint.endswith("and 1,980 more") for p in found)
    assert sum(p.hint.startswith("did you mean") for p in found) <= BUDGET
    assert found[0].message == (
        "no paragraph, recommendation or appendix is labelled 'unknown-0-0'"
    )
