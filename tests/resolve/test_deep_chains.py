"""Figures and tables that depend on each other hundreds deep (issue 16): computed, not a crash.

A figure defined from the next, 500 deep, or a roll-up gathering a roll-up 500 deep, used to
end in RecursionError ("internal error"). Chains deeper than SHALLOW are now computed from the
bottom up; a real circle is still placed at the reference that closes it, and one too long
to follow round is placed the same way.
"""

from __future__ import annotations

from collections.abc import Callable

from reportgen.document import Document, Para, plain_text
from reportgen.resolve.figures import LONGEST_CIRCLE, SHALLOW
from tests.conftest import MINIMAL, position, raised

Resolve = Callable[[str], Document]

DEPTH = 500

COLUMNS = "[{title: Item, key: item}, {title: Cost, key: cost, type: money}]"


def report(text: str, blocks: str = "", figures: str = "") -> str:
    """MINIMAL with ``blocks`` and the paragraph ``text`` as its information, plus figures."""
    body = blocks + f'  - "{text}"\n'
    return MINIMAL.replace("  - The information.\n", body) + figures


def chain_of_figures(depth: int, last: str = "'1'") -> str:
    """Figures f0 … f{depth}, each the next plus one; the last is ``last``."""
    lines = [f"  f{i}: {{expr: \"fig('f{i + 1}') + 1\"}}\n" for i in range(depth)]
    return "figures:\n" + "".join(lines) + f"  f{depth}: {last}\n"


def chain_of_tables(depth: int, last_gathers: str | None = None) -> str:
    """Tables t0 … t{depth}, each gathering the next; the last has one row of £1 (or gathers
    ``last_gathers``)."""
    out = []
    for i in range(depth + 1):
        out.append(f"  - label: t{i}\n")
        out.append(f"    columns: {COLUMNS}\n")
        gathers = f"t{i + 1}" if i < depth else last_gathers
        if gathers is not None:
            out.append(f"    groups: [{{group: Gathered, gather: [{gathers}]}}]\n")
        else:
            out.append('    rows: [[The one row, "1"]]\n')
        out.append("    total: true\n")
    return "".join(out)


def quoted(doc: Document) -> str:
    """The text of the last numbered paragraph of the information section."""
    paras = [b for b in doc.blocks if isinstance(b, Para) and b.role == "numbered"]
    texts = [plain_text(p.content) for p in paras]
    return next(t for t in texts if t.startswith("Quoted"))


def test_a_figure_500_deep_is_computed(resolve_yaml: Resolve) -> None:
    assert DEPTH > SHALLOW
    doc = resolve_yaml(report("Quoted {{ fig('f0') | digits }}.", figures=chain_of_figures(DEPTH)))
    assert quoted(doc) == f"Quoted {DEPTH + 1}."


def test_a_roll_up_500_deep_is_computed(resolve_yaml: Resolve) -> None:
    doc = resolve_yaml(report("Quoted {{ total('t0') }}.", chain_of_tables(DEPTH)))
    assert quoted(doc) == "Quoted £1."


def test_a_shallow_chain_is_computed_as_before(resolve_yaml: Resolve) -> None:
    doc = resolve_yaml(report("Quoted {{ fig('f0') | digits }}.", figures=chain_of_figures(5)))
    assert quoted(doc) == "Quoted 6."


def test_an_unknown_figure_at_the_bottom_of_a_deep_chain_is_placed(resolve_yaml: Resolve) -> None:
    text = report(
        "Quoted {{ fig('f0') }}.", figures=chain_of_figures(DEPTH, "{expr: \"fig('nowhere')\"}")
    )
    [problem] = raised(lambda: resolve_yaml(text))
    assert problem.code == "F605"
    assert problem.message == "no figure is named 'nowhere'"
    assert (problem.where.line, problem.where.column) == position(text, "\"fig('nowhere')")


def test_an_unknown_table_at_the_bottom_of_a_deep_roll_up_is_placed(resolve_yaml: Resolve) -> None:
    text = report("Quoted {{ total('t0') }}.", chain_of_tables(DEPTH, "nowhere"))
    [problem] = raised(lambda: resolve_yaml(text))
    assert problem.code == "F604"
    assert problem.message == "no table is labelled 'nowhere'"
    assert (problem.where.line, problem.where.column) == position(text, "nowhere]")


def test_a_deep_chain_mixing_figures_and_tables_is_computed(resolve_yaml: Resolve) -> None:
    tables = "".join(
        f"  - label: t{i}\n    columns: {COLUMNS}\n    rows: [[Row, {{fig: f{i}}}]]\n"
        for i in range(250)
    )
    figures = "figures:\n" + "".join(f"  f{i}: {{total: t{i + 1}}}\n" for i in range(249))
    doc = resolve_yaml(report("Quoted {{ total('t0') }}.", tables, figures + '  f249: "£7"\n'))
    assert quoted(doc) == "Quoted £7."


def test_a_short_circle_is_placed_as_it_always_was(resolve_yaml: Resolve) -> None:
    figures = "figures:\n  a: {expr: \"fig('b') + 1\"}\n  b: {expr: \"fig('a') * 2\"}\n"
    text = report("Quoted {{ fig('a') }}.", figures=chain_of_figures(DEPTH) + figures[9:])
    found = raised(lambda: resolve_yaml(text))
    [circle] = [p for p in found if "circle" in p.message]
    assert circle.code == "F605"
    assert circle.message.endswith("in a circle: figure a → figure b → figure a")
    assert (circle.where.line, circle.where.column) == position(text, "\"fig('a') * 2")


def test_a_long_circle_is_placed_at_the_reference_that_closes_it(resolve_yaml: Resolve) -> None:
    size = LONGEST_CIRCLE * 4
    figures = "figures:\n" + "".join(
        f"  r{i}: {{expr: \"fig('r{(i + 1) % size}') + 1\"}}\n" for i in range(size)
    )
    text = report("Quoted {{ fig('r0') }}.", figures=figures)
    [problem] = raised(lambda: resolve_yaml(text))
    assert problem.code == "F605"
    assert problem.message == (
        "these depend on each other in a circle: figure r0 → figure r1 → figure r2 → … "
        f"({size} in all) → figure r{size - 1} → figure r0"
    )
    assert (problem.where.line, problem.where.column) == position(text, "\"fig('r0') + 1")
