"""Text's {{ }} is only ref(), fig() and total() (issue 16): read as data, never run.

The reader is tested on its own (what it accepts and refuses) and through the whole pipeline
(what a report then prints): Jinja statements, expressions, names and formatting are refused
at the text's place, and what is accepted prints exactly as before.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from reportgen.document import Document, Para, plain_text
from reportgen.resolve.calls import MAX_TOKENS, Call, Unread, read
from tests.conftest import MINIMAL, position, raised

Resolve = Callable[[str], Document]


def with_text(text: str, figures: str = "") -> str:
    """MINIMAL with a labelled paragraph, then ``text`` as an information paragraph."""
    body = text.replace("\\", "\\\\").replace('"', '\\"')
    report = MINIMAL.replace(
        "  - The information.\n",
        f'  - {{text: The information., label: info}}\n  - "{body}"\n',
    )
    return report + figures


def printed(doc: Document) -> str:
    """The plain text of the information section's second paragraph."""
    paras = [b for b in doc.blocks if isinstance(b, Para) and b.role == "numbered"]
    return plain_text(paras[2].content)


# --- the reader ---------------------------------------------------------------------------


def test_the_three_calls_are_read_with_their_arguments_and_filters() -> None:
    assert read("See {{ ref('a', 'b', to='c', bold=false) }}, {{ fig('x') | short }}.") == [
        "See ",
        Call("ref", ("a", "b"), (("to", "c"), ("bold", False))),
        ", ",
        Call("fig", ("x",), (), ("short",)),
        ".",
    ]
    assert read("{{ total('t', 'cost') | digits | capital }}") == [
        Call("total", ("t", "cost"), (), ("digits", "capital"))
    ]
    assert read('{{ total("t", column="fte") }}') == [Call("total", ("t",), (("column", "fte"),))]


def test_a_string_with_a_brace_prints_the_braces_as_typed() -> None:
    assert read("Print {{ '{{' }} name }} here, {{ \"{%p\" }} too.") == [
        "Print ",
        "{{",
        " name }} here, ",
        "{%p",
        " too.",
    ]


def test_a_raw_block_is_text_as_typed() -> None:
    assert read("{% raw %}{{ x }} {% if %}{% endraw %} and {{ ref('a') }}") == [
        "{{ x }} {% if %}",
        " and ",
        Call("ref", ("a",), ()),
    ]


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("Option A {% if true %}is chosen{% endif %} today.", "'{% if true %}'"),
        ("{% set x = 'a' %}{{ x }}", "Jinja statements"),
        ("{% macro m() %}x{% endmacro %}{{ m() }}", "Jinja statements"),
        ("100{% of the budget", "Jinja statements such as '{% of the budget'"),
        ("{{ '%.999999999f' % 1.0 }}", "not \"{{ '%.999999999f' % 1.0 }}\""),
        ("{{ ref }}", "not '{{ ref }}'"),
        ("{{ 'x' }}", "not \"{{ 'x' }}\""),
        ("{{ 'a' ~ 'b' }}", "not"),
        ("{{ ref.__call__ }}", "not '{{ ref.__call__ }}'"),
        ("{{ fig('x') * 2 }}", "not \"{{ fig('x') * 2 }}\""),
        ("{{ ref('a') ~ 'b' }}", "not"),
        ("{{ ref('a') | upper }}", "'upper' is not a filter"),
        ("{{ ref('a') | short }}", "applies to fig() or total(), not ref()"),
        ("{{ lipsum(5) }}", "lipsum() is not something text can call"),
        ("{{ ref(info) }}", "the name 'info', not a label in quotes"),
        ("{{ ref('a', bald=false) }}", "no keyword 'bald'"),
        ("{{ ref(to='b', 'a') }}", "a label follows a keyword"),
        ("{{ fig() }}", "fig() takes one figure's name"),
        ("{{ fig('a', 'b') }}", "fig() takes one figure's name"),
        ("{{ total('t', 'c', column='d') }}", "total() takes a table's label"),
        ("{{ ref(('a')) }}", "only labels and names in quotes"),
        ("{{ ref(-1) }}", "only labels and names in quotes"),
        ("{{ ref('a') }} {# a note #}", "Jinja comment"),
    ],
)
def test_anything_else_is_refused_with_r308(source: str, words: str) -> None:
    found = read(source)
    assert isinstance(found, Unread), found
    assert found.code == "R308"
    assert words in found.message
    assert "\n" not in found.message
    assert found.hint


@pytest.mark.parametrize(
    "source", ["See {{ ref('x') .", "See {{ ref( }}.", "Text {{ }}.", "{{ ref('a')) }}"]
)
def test_braces_that_cannot_be_read_are_r302(source: str) -> None:
    found = read(source)
    assert isinstance(found, Unread)
    assert found.code == "R302"


def test_one_brace_pair_is_read_only_so_far() -> None:
    long_call = "{{ ref(" + ", ".join(["'a'"] * MAX_TOKENS) + ") }}"
    deep = "{{ " + "(" * 100_000 + ")" * 100_000 + " }}"
    long_label = "{{ ref('" + "a" * 100_000 + "') }}"
    for source in (long_call, deep, long_label):
        found = read(source)
        assert isinstance(found, Unread)
        assert found.code == "R309"
        assert "too long" in found.message


def test_a_refused_message_shows_at_most_a_line_of_what_was_typed() -> None:
    found = read("{{ 'x' ~\n" + "y" * 5000 + " }}")
    assert isinstance(found, Unread)
    assert len(found.message) < 200
    assert "\n" not in found.message


# --- through the pipeline -----------------------------------------------------------------


def test_the_issue_s_if_statement_is_refused_at_its_place_not_run(resolve_yaml: Resolve) -> None:
    text = with_text("Option A {% if true %}is chosen{% endif %} today.")
    [problem] = raised(lambda: resolve_yaml(text))
    assert problem.code == "R308"
    assert (problem.where.line, problem.where.column) == position(text, '"Option A')
    assert problem.where.path == ("information", 1)


def test_a_bare_ref_prints_no_address_into_the_report(resolve_yaml: Resolve) -> None:
    [problem] = raised(lambda: resolve_yaml(with_text("See {{ ref }}.")))
    assert problem.code == "R308"
    assert "bound method" not in problem.message


def test_a_format_string_is_refused_not_formatted(resolve_yaml: Resolve) -> None:
    # formatted, it took 30 s and 4.9 GB, then wrote the document
    [problem] = raised(lambda: resolve_yaml(with_text("{{ '%.999999999f' % 1.0 }}")))
    assert problem.code == "R308"
    assert "'%.999999999f' % 1.0" in problem.message


def test_nested_macros_and_doubling_sets_are_refused_without_running(
    resolve_yaml: Resolve,
) -> None:
    macros = "".join(
        f"{{% macro m{i}() %}}{{{{ m{i + 1}() }}}}{{{{ m{i + 1}() }}}}" for i in range(30)
    )
    doubling = "{% set a = 'ab' %}" + "".join("{% set a = a ~ a %}" for _ in range(60)) + "{{ a }}"
    for source in (macros, doubling):
        [problem] = raised(lambda s=source: resolve_yaml(with_text(s)))  # type: ignore[misc]
        assert problem.code == "R308"
        assert "Jinja statements" in problem.message


def test_what_is_accepted_prints_as_before(resolve_yaml: Resolve) -> None:
    doc = resolve_yaml(
        with_text(
            "See {{ ref('info') }} and {{ ref('info', bold=False) }}; {{ fig('budget') | short }},"
            " {{ fig('posts') }} ({{ fig('posts') | digits }}), {{ '{{' }} name }} and"
            " {% raw %}{% if %}{% endraw %} stay; {{ '{#' }} too.",
            'figures:\n  budget: "£14,966,000"\n  posts: "2"\n',
        )
    )
    assert printed(doc) == (
        "See paragraph 2 and paragraph 2; £14.966m, two (2), {{ name }} and {% if %} stay; {# too."
    )


def test_text_without_braces_is_not_read(resolve_yaml: Resolve) -> None:
    doc = resolve_yaml(with_text("Text {# a note #} and %} and }} stay."))
    assert printed(doc) == "Text {# a note #} and %} and }} stay."
