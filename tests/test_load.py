"""Reading YAML: plain strings, positions by path, and every refused construct reported."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from reportgen.errors import Problem, ReportError
from reportgen.load import Mark, load_file, load_text
from tests.conftest import position, raised

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
    assert "holds ': '" in problem.message
    assert problem.hint == 'put the text in quotes, e.g. title: "Budget: the plan"'


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
    assert problem.code == "Y113"
    assert problem.where.file == str(missing)
    assert problem.where.line == 0
    assert problem.message == "no such file"
    assert "file name" in problem.hint


def test_file_is_read_with_its_name_in_positions(
    write_yaml: Callable[[str, str], Path],
) -> None:
    path = write_yaml("title: A report\n", "report.yaml")
    loaded = load_file(path)
    assert loaded.data == {"title": "A report"}
    assert loaded.positions.locate(("title",)).file == str(path)


def test_alias_bomb_is_stopped_at_the_alias_that_passes_the_budget() -> None:
    # Each line repeats the one before ten times: 10**6 values from six short lines.
    text = """\
        a: &a [x, x, x, x, x, x, x, x, x, x]
        b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
        c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
        d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
        e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
        f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
        """
    problem = only_problem(text)
    assert problem.code == "Y108"
    # Lines 2 and 3 repeat 1,220 values; each *c repeats 1,111 more: the 8th passes 10,000.
    assert (problem.where.line, problem.where.column) == position(textwrap.dedent(text), "*c", 8)
    assert problem.where.path == ("d", 7)
    assert "repeat more than 10000 values" in problem.message
    assert "write the repeated values out" in problem.hint


def test_an_alias_repeating_long_text_is_stopped() -> None:
    problem = only_problem('a: &a "' + "x" * 200_000 + '"\nb: [*a, *a, *a, *a, *a, *a]\n')
    assert (problem.code, problem.where.line, problem.where.column) == ("Y108", 2, 25)
    assert "1000000 characters" in problem.message


def test_values_an_alias_repeats_are_placed_where_they_were_written() -> None:
    loaded = load_text("a: &shared\n  - x\n  - {name: y}\nb: *shared\n", FILE)
    assert loaded.data == {"a": ["x", {"name": "y"}], "b": ["x", {"name": "y"}]}
    assert loaded.data["b"] is not loaded.data["a"]
    assert loaded.positions.values[("b", 1, "name")] == Mark(3, 12)
    assert loaded.positions.keys[("b", 1, "name")] == Mark(3, 6)


def test_a_second_document_is_a_syntax_problem() -> None:
    problem = only_problem("title: one\n---\ntitle: two\n")
    assert (problem.code, problem.where.line) == ("Y100", 2)
    assert "second document" in problem.message


def test_a_list_as_a_key_is_refused_and_read_past() -> None:
    problem = only_problem("? [a, b]\n: value\ntitle: x\n")
    assert (problem.code, problem.where.line, problem.where.column) == ("Y103", 1, 3)


def test_a_refused_tag_on_a_list_leaves_nothing() -> None:
    found = problems_of("a: !!set {x, y}\nb: !!omap [c: d]\n")
    assert [(p.code, p.where.line) for p in found] == [("Y102", 1), ("Y102", 2)]


def test_aliases_within_the_limit_are_expanded() -> None:
    loaded = load_text("a: &shared [x, y]\nb: *shared\n", FILE)
    assert loaded.data == {"a": ["x", "y"], "b": ["x", "y"]}


def test_an_alias_inside_its_own_value_is_refused() -> None:
    problem = only_problem("a: &loop [1, *loop]\n")
    assert (problem.code, problem.where.line) == ("Y105", 1)
    assert "refers to a value that contains it" in problem.message


@pytest.mark.parametrize("depth", [65, 3000, 300_000])
def test_nesting_too_deep_is_refused_not_a_crash(depth: int) -> None:
    problem = only_problem("a: " + "[" * depth + "]" * depth + "\n")
    assert problem.code == "Y105"
    assert "nested more than 64 deep" in problem.message
    assert (problem.where.line, problem.where.column) == (1, 4 + 64)


@pytest.fixture(params=["libyaml", "pure-python"])
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Each parser the loader reads with: libyaml's, and PyYAML's own it falls back to."""
    if request.param == "pure-python":
        monkeypatch.setattr("reportgen.load.Loader", yaml.SafeLoader)
    return str(request.param)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("a: " + "[" * 3000, (1, 68)),
        ("a: " + "{" * 3000, (1, 68)),
        ("a: " + "[{" * 1500, (1, 68)),
        ("a: ['[', \"{[\", " + "[" * 3000, (1, 79)),  # quoted brackets do not count
        ("a:\n  - - " + "[" * 3000, (2, 69)),  # two block levels, then 62 '[' pass the limit
        ("- " + "[" * 300_000 + "\n", (1, 67)),
    ],
)
def test_deep_flow_nesting_is_y105_where_it_passes_the_limit_whatever_the_parser(
    parser: str, text: str, place: tuple[int, int]
) -> None:
    problem = only_problem(text)
    assert problem.code == "Y105", (parser, problem)
    assert "nested more than 64 deep" in problem.message
    assert (problem.where.line, problem.where.column) == place


def test_an_alias_cannot_nest_past_the_limit() -> None:
    nested = "[" * 40 + "]" * 40
    problem = only_problem(f"a: &a {nested}\nb: {'[' * 30}*a{']' * 30}\n")
    assert (problem.code, problem.where.line, problem.where.column) == ("Y105", 2, 34)


TRAPS = Path(__file__).resolve().parent / "traps"
"""Small reports, each falling into one of YAML's common traps."""


def trap_problem(name: str) -> tuple[Problem, str]:
    """The one problem reading ``tests/traps/NAME`` gives, and the file's text."""
    path = TRAPS / name
    with pytest.raises(ReportError) as caught:
        load_file(path)
    [problem] = caught.value.problems
    assert problem.where.file == str(path)
    return problem, path.read_text(encoding="utf-8")


def test_a_line_starting_with_a_star_must_be_quoted() -> None:
    problem, text = trap_problem("star.yaml")
    assert problem.code == "Y100"
    assert (problem.where.line, problem.where.column) == position(text, "**3 FTE**")
    assert "starts with '*'" in problem.message
    assert problem.hint == (
        "a line that starts with '*' must be quoted: write it in quotes, e.g. \"**3 FTE** posts\""
    )


def test_text_holding_colon_space_must_be_quoted() -> None:
    problem, text = trap_problem("colon-in-text.yaml")
    assert problem.code == "Y100"
    assert (problem.where.line, problem.where.column) == position(text, ": the plan")
    assert "holds ': '" in problem.message
    assert problem.hint == 'put the text in quotes, e.g. title: "Budget: the plan"'


def test_text_holding_colon_space_before_a_comment_is_quoted_without_the_comment() -> None:
    problem, text = trap_problem("colon-before-comment.yaml")
    assert problem.code == "Y100"
    assert (problem.where.line, problem.where.column) == position(text, ": the   #")
    assert problem.hint == 'put the text in quotes, e.g. intro: "That: the"   # a comment'


@pytest.mark.parametrize(
    ("value", "example"),
    [
        ("*x y # a note", '"*x y"'),
        ("[Draft] x # a note", '"[Draft] x"'),
        ('"Draft" x # a note', "'\"Draft\" x'"),
        ('"Draft # one" x # a note', "'\"Draft # one\" x'"),
    ],
)
def test_a_comment_after_a_trap_is_left_out_of_the_quoted_example(value: str, example: str) -> None:
    problem = only_problem(f"title: {value}\n")
    assert problem.code == "Y100"
    assert f"e.g. {example}" in problem.hint
    assert "a note" not in problem.hint


def test_a_bullet_indented_further_than_the_one_above_is_placed_not_folded_into_it() -> None:
    problem, text = trap_problem("bullet-indented-deeper.yaml")
    assert problem.code == "Y114"
    assert (problem.where.line, problem.where.column) == position(text, "- provide opp")
    assert problem.where.path == ("information", 0, "bullets", 0)
    assert "indented further than the text above it" in problem.message
    assert "indent its '-' as far as the '-' above" in problem.hint
    assert "'- text: …' with 'bullets:' under it" in problem.hint


def test_a_bullet_indented_under_a_keys_text_says_to_write_it_under_bullets() -> None:
    problem = only_problem("information:\n  - text: Services include\n      - day care\n")
    assert problem.code == "Y114"
    assert (problem.where.line, problem.where.column) == (3, 7)
    assert problem.where.path == ("information", 0, "text")
    assert problem.hint.startswith("for bullets under this text, write them under 'bullets:'")


@pytest.mark.parametrize(
    "text",
    [
        "bullets:\n  - one\n  - two\n",
        "bullets:\n  - text: one\n    bullets:\n      - two\n",
        "text: >-\n  a list:\n    - kept as typed in a folded block\n",
        "text: a range 1990\n  -1995, wrapped\n",
    ],
)
def test_lists_written_as_the_format_writes_them_are_not_folded_entries(text: str) -> None:
    load_text(text, FILE)


@pytest.mark.parametrize(
    ("name", "start", "said", "example"),
    [
        ("brace.yaml", "{see above}", "the start of a mapping", '"{see above} the numbers'),
        ("bracket.yaml", "[Draft]", "the start of a list", '"[Draft] The strategy'),
    ],
)
def test_text_starting_with_a_bracket_must_be_quoted(
    name: str, start: str, said: str, example: str
) -> None:
    problem, text = trap_problem(name)
    assert problem.code == "Y100"
    assert (problem.where.line, problem.where.column) == position(text, start)
    assert said in problem.message
    assert problem.hint.startswith(f"if it is text, put it in quotes, e.g. {example}")


def test_text_starting_with_a_quote_it_does_not_end_with_is_quoted_whole() -> None:
    problem, text = trap_problem("quote.yaml")
    assert problem.code == "Y100"
    assert (problem.where.line, problem.where.column) == position(text, "'Home First'")
    assert "starts with a quote" in problem.message
    assert "e.g. \"'Home First' is the new service.\"" in problem.hint


def test_a_tab_used_for_indentation_is_named() -> None:
    problem, text = trap_problem("tab.yaml")
    assert problem.code == "Y100"
    assert (problem.where.line, problem.where.column) == position(text, "\tlabel")
    assert "a tab is used for indentation" in problem.message
    assert "indent with spaces only, never tabs" in problem.hint


@pytest.mark.parametrize(
    ("value", "named"), [("& co", "'&'"), ("@home", "'@'"), ("`x`", "'`'"), ("%d", "'%'")]
)
def test_text_starting_with_a_reserved_character_must_be_quoted(value: str, named: str) -> None:
    problem = only_problem(f"title: {value}\n")
    assert problem.code == "Y100"
    assert (problem.where.line, problem.where.column) == (1, 8)
    assert f"starts with {named}" in problem.message
    assert problem.hint == f'put the text in quotes, e.g. "{value}"'


def test_an_unrecognised_syntax_error_keeps_the_general_fix() -> None:
    problem = only_problem("information:\n  - The plan\n    more: x\n")
    assert problem.code == "Y100"
    assert "check the indentation and quoting" in problem.hint


def test_text_ending_with_a_colon_after_a_key_must_be_quoted() -> None:
    problem = only_problem("information:\n  - text: The new posts are:\n    label: posts\n")
    assert problem.code == "Y100"
    assert (problem.where.line, problem.where.column) == (2, 28)
    assert "ends with ':'" in problem.message
    assert problem.hint == 'put the text in quotes, e.g. - text: "The new posts are:"'


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x07", "\x0b", "\x0c", "\x1f", "\x80", "\ufffe"])
def test_a_character_no_document_can_hold_is_named_at_its_place(char: str) -> None:
    text = f"committee: Adult Social Care\ntitle: A report{char} title\n"
    [problem] = raised(lambda: load_text(text, "report.yaml"))
    assert problem.code == "Y107"
    assert (problem.where.line, problem.where.column) == (2, 16)
    assert f"U+{ord(char):04X}" in problem.message
    assert "delete it" in problem.hint


def test_text_starting_with_an_anchor_is_refused_where_it_starts() -> None:
    problem, text = trap_problem("anchor.yaml")
    assert problem.code == "Y112"
    assert (problem.where.line, problem.where.column) == position(text, "&B Band")
    assert problem.where.path == ("information", 0)
    assert "the text starting with '&B' was read as a YAML anchor" in problem.message
    assert problem.hint == 'put the text in quotes, e.g. "&B Band officers are to be regraded."'


@pytest.mark.parametrize(
    ("text", "typed"), [("a: &B\n", '"&B"'), ("&k key: x\n", '"&k key"')], ids=["alone", "key"]
)
def test_an_anchor_on_an_empty_text_or_a_key_is_refused(text: str, typed: str) -> None:
    problem = only_problem(text)
    assert (problem.code, problem.where.line) == ("Y112", 1)
    assert problem.hint.endswith(typed)


def test_anchors_on_quoted_text_lists_and_mappings_still_work() -> None:
    loaded = load_text('a: &q "&B text"\nb: *q\nc: &m {x: [y]}\nd: *m\n', FILE)
    assert loaded.data == {"a": "&B text", "b": "&B text", "c": {"x": ["y"]}, "d": {"x": ["y"]}}


def test_a_quote_closed_only_on_a_later_line_is_placed_where_it_opens() -> None:
    problem, text = trap_problem("unclosed-quote.yaml")
    assert problem.code == "Y100"
    assert (problem.where.line, problem.where.column) == position(text, '"Regrading')
    assert 'not closed on its line, so YAML read on to the next " on line 4' in problem.message
    assert problem.hint.startswith('end the text with " on the line where it ends')


def test_a_quote_never_closed_is_placed_where_it_opens() -> None:
    problem = only_problem("information:\n  - 'Home First is new.\n  - More.\n")
    assert (problem.code, problem.where.line, problem.where.column) == ("Y100", 2, 5)
    assert "starts with a quote (') here is never closed" in problem.message
    assert "write it twice ('')" in problem.hint


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("items: [a, b\nnext: x\n", "a list starts with '[' here and is not closed with ']'"),
        ("who: {name: x\nnext: [y]\n", "a mapping starts with '{' here and is not closed with '}'"),
    ],
)
def test_a_bracket_never_closed_is_placed_where_it_opens(text: str, said: str) -> None:
    problem = only_problem(text)
    assert (problem.code, problem.where.line) == ("Y100", 1)
    assert problem.where.column == text.index(said.split("'")[1]) + 1
    assert problem.message == f"YAML syntax: {said}"


def test_a_hash_inside_a_list_is_named_at_the_open_bracket() -> None:
    problem, text = trap_problem("hash-in-list.yaml")
    assert problem.code == "Y100"
    assert (problem.where.line, problem.where.column) == position(text, "[the proposal")
    assert "YAML reads ' #' as the start of a comment" in problem.message
    assert (
        problem.hint == "put the text holding '#' in quotes, e.g. \"the proposal #1 is approved\""
    )


def test_a_key_indented_too_far_is_not_called_text_starting_with_a_bracket() -> None:
    problem = only_problem('recommendations:\n  intro: "x"\n   items: [x]\n')
    assert (problem.code, problem.where.line, problem.where.column) == ("Y100", 3, 4)
    assert "indented further than the keys above it" in problem.message
    assert "'['" not in problem.message


def test_a_lone_surrogate_escape_is_named_at_its_text() -> None:
    problem = only_problem('information:\n  - "The \\uD800 information."\n')
    assert (problem.code, problem.where.line, problem.where.column) == ("Y107", 2, 5)
    assert "U+D800" in problem.message


def test_an_unknown_escape_in_double_quotes_is_named_at_its_backslash() -> None:
    problem = only_problem('title: "C:\\quarterly"\n')
    assert (problem.code, problem.where.line, problem.where.column) == ("Y100", 1, 11)
    assert problem.message == "YAML syntax: '\\q' in double quotes is not an escape YAML knows"


def test_an_anchor_on_plain_text_that_an_alias_uses_still_works() -> None:
    loaded = load_text("a: &ok Approved.\nb: *ok\n", FILE)
    assert loaded.data == {"a": "Approved.", "b": "Approved."}


def test_an_anchor_on_plain_text_given_again_before_its_alias_is_refused_once() -> None:
    found = problems_of("a: &B one\nb: &B two\nc: *B\n")
    assert [(p.code, p.where.line) for p in found] == [("Y112", 1)]
