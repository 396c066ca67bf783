"""Reading YAML: plain strings, positions by path, and every refused construct reported."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from reportgen.errors import Problem, ReportError
from reportgen.load import Mark, load_file, load_text
from tests.conftest import raised

FILE = "report.yaml"


def problems_of(text: str) -> tuple[Problem, ...]:
    """The problems reported for ``text``; fails if there are none."""
    return raised(lambda: load_text(textwrap.dedent(text), FILE))


def only_problem(text: str) -> Problem:
    found = problems_of(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("NO", "NO"),
        ("yes", "yes"),
        ("02142", "02142"),
        ("2017-01-09", "2017-01-09"),
        ("1.0", "1.0"),
        ("4", "4"),
    ],
)
def test_scalars_stay_the_strings_the_author_typed(typed: str, kept: str) -> None:
    assert load_text(f"value: {typed}\n", FILE).data == {"value": kept}


def test_empty_value_is_none() -> None:
    assert load_text("reference:\ntitle: x\n", FILE).data == {"reference": None, "title": "x"}


def test_quoted_null_is_a_string() -> None:
    assert load_text('word: "null"\n', FILE).data == {"word": "null"}


def test_positions_of_values_and_keys_are_one_based_by_path() -> None:
    loaded = load_text(
        textwrap.dedent(
            """\
            title: A report
            information:
              - First paragraph.
              - text: Second paragraph.
                label: second
            """
        ),
        FILE,
    )
    values = loaded.positions.values
    keys = loaded.positions.keys
    assert values[("title",)] == Mark(1, 8)
    assert keys[("title",)] == Mark(1, 1)
    assert values[("information", 0)] == Mark(3, 5)
    assert values[("information", 1)] == Mark(4, 5)
    assert keys[("information", 1, "text")] == Mark(4, 5)
    assert values[("information", 1, "text")] == Mark(4, 11)
    assert keys[("information", 1, "label")] == Mark(5, 5)
    assert values[("information", 1, "label")] == Mark(5, 12)


def test_duplicate_key_is_reported_at_the_second_key_naming_the_first() -> None:
    problem = only_problem(
        """\
        title: First
        date: 2017-01-09
        title: Second
        """
    )
    assert problem.code == "Y101"
    assert (problem.where.file, problem.where.line, problem.where.column) == (FILE, 3, 1)
    assert problem.where.path == ("title",)
    assert "'title' is given twice" in problem.message
    assert "first at line 1, column 1" in problem.message


@pytest.mark.parametrize(
    ("value", "tag"),
    [
        ("!!python/object:os.system x", "python/object:os.system"),
        ("!!binary aGVsbG8=", "binary"),
        ("!!set {a, b}", "set"),
    ],
)
def test_object_building_tags_are_refused(value: str, tag: str) -> None:
    problem = only_problem(f"title: ok\nreference: {value}\n")
    assert problem.code == "Y102"
    assert (problem.where.line, problem.where.column) == (2, 12)
    assert problem.where.path == ("reference",)
    assert f"tag:yaml.org,2002:{tag}" in problem.message
    assert "not allowed" in problem.message
    assert "remove the tag" in problem.hint


def test_merge_key_is_refused() -> None:
    problem = only_problem(
        """\
        base: &base {name: Sue Batty}
        signed_by:
          <<: *base
          title: Service Director
        """
    )
    assert problem.code == "Y102"
    assert (problem.where.line, problem.where.column) == (3, 3)
    assert problem.where.path == ("signed_by",)
    assert "merge keys (<<)" in problem.message
    assert "write the values out in full" in problem.hint


def test_syntax_error_is_reported_with_line_and_column() -> None:
    problem = only_problem(
        """\
        committee: Adult Social Care and Health Committee
        date: 2017-01-09
        title: Budget: the plan
        """
    )
    assert problem.code == "Y100"
    assert (problem.where.file, problem.where.line, problem.where.column) == (FILE, 3, 14)
    assert "YAML syntax" in problem.message
    assert "mapping values are not allowed" in problem.message
    assert "needs quotes" in problem.hint


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file_is_reported(text: str) -> None:
    problem = only_problem(text)
    assert problem.code == "Y104"
    assert problem.where.file == FILE
    assert problem.where.line == 0
    assert "empty" in problem.message


def test_several_problems_in_one_file_are_reported_together() -> None:
    found = problems_of(
        """\
        title: One
        title: Two
        reference: !!binary aGVsbG8=
        signed_by:
          <<: {name: Sue Batty}
        """
    )
    assert [(p.code, p.where.line, p.where.column) for p in found] == [
        ("Y101", 2, 1),
        ("Y102", 3, 12),
        ("Y102", 5, 3),
    ]


def test_missing_file_is_reported(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-report.yaml"
    with pytest.raises(ReportError) as caught:
        load_file(missing)
    [problem] = caught.value.problems
    assert problem.code == "Y106"
    assert problem.where.file == str(missing)
    assert problem.where.line == 0
    assert "not found" in problem.message
    assert "file name" in problem.hint


def test_file_is_read_with_its_name_in_positions(
    write_yaml: Callable[[str, str], Path],
) -> None:
    path = write_yaml("title: A report\n", "report.yaml")
    loaded = load_file(path)
    assert loaded.data == {"title": "A report"}
    assert loaded.positions.locate(("title",)).file == str(path)


def test_alias_bomb_is_stopped() -> None:
    # Each line repeats the one before ten times: 10**6 values from six short lines.
    problem = only_problem(
        """\
        a: &a [x, x, x, x, x, x, x, x, x, x]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
        d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
        e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
        f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
        """
    )
    assert problem.code == "Y105"
    # The limit is passed while expanding the last key's aliases of line 1's values.
    assert problem.where.path[0] == "f"
    assert problem.where.line == 1
    assert "expands to more than" in problem.message
    assert "aliases" in problem.hint


def test_aliases_within_the_limit_are_expanded() -> None:
    loaded = load_text("a: &shared [x, y]\nb: *shared\n", FILE)
    assert loaded.data == {"a": ["x", "y"], "b": ["x", "y"]}


def test_an_alias_inside_its_own_value_is_refused() -> None:
    problem = only_problem("a: &loop [1, *loop]\n")
    assert (problem.code, problem.where.line) == ("Y105", 1)
    assert "refers to a value that contains it" in problem.message


@pytest.mark.parametrize("depth", [65, 3000])
def test_nesting_too_deep_is_refused_not_a_crash(depth: int) -> None:
    problem = only_problem("a: " + "[" * depth + "]" * depth + "\n")
    assert problem.code == "Y105"
    assert "nested" in problem.message
