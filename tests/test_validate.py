"""Checking a report's shape: every problem with its code, place, path and a fix."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import get_args

import pytest
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from pydantic_core.core_schema import ErrorType

from reportgen.boilerplate import load_boilerplate
from reportgen.errors import Problem
from reportgen.load import load_file, load_text
from reportgen.model import Comment, Report
from reportgen.model_figures import PayScale
from reportgen.model_meeting import AppendixDocument, Meeting, Minutes
from reportgen.pipeline import validate_report
from reportgen.validate import _explain, validate
from tests.conftest import MINIMAL, position, raised

FILE = "report.yaml"


def problems_of(text: str) -> tuple[Problem, ...]:
    """The problems reported for ``text`` read as Nottinghamshire's report; fails if none."""
    words = load_boilerplate()
    return raised(lambda: validate_report(load_text(text, FILE), words))


def only_problem(text: str) -> Problem:
    found = problems_of(text)
    assert len(found) == 1, found
    return found[0]


def place(problem: Problem) -> tuple[int, int]:
    return problem.where.line, problem.where.column


def replace_information(blocks: str) -> str:
    """MINIMAL with its information section's one block replaced by ``blocks`` (YAML items)."""
    return MINIMAL.replace("  - The information.\n", blocks)


def test_minimal_report_is_valid() -> None:
    report = validate(load_text(MINIMAL, FILE), Report)
    assert report.date == dt.date(2017, 1, 9)
    assert report.agenda_item == "4"
    assert report.contacts[0].phone == "0115 8546256"


def test_missing_top_level_field_is_named_at_the_report_mapping() -> None:
    problem = only_problem(MINIMAL.replace("title: A small report\n", ""))
    assert problem.code == "S201"
    assert place(problem) == (1, 1)
    assert problem.where.path == ("title",)
    assert "'title' is missing" in problem.message
    assert "add 'title:'" in problem.hint


def test_missing_nested_field_is_located_at_its_parent_mapping() -> None:
    text = MINIMAL.replace(
        "signed_by: {name: Sue Batty, title: Service Director}",
        "signed_by: {name: Sue Batty}",
    )
    problem = only_problem(text)
    assert problem.code == "S201"
    assert place(problem) == position(text, "{name: Sue Batty}")
    assert problem.where.path == ("signed_by", "title")
    assert "'title' is missing" in problem.message


@pytest.mark.parametrize(
    ("old", "new", "path", "suggested"),
    [
        (
            "  - The information.\n",
            "  - {text: The information., lable: info}\n",
            ("information", 0, "lable"),
            "label",
        ),
        (
            "  - The information.\n",
            "  - {heading: Demand, lettred: true}\n",
            ("information", 0, "lettred"),
            "lettered",
        ),
        (
            "  - The information.\n",
            "  - {quote: Words, sorce: Someone}\n",
            ("information", 0, "sorce"),
            "source",
        ),
        (
            "  - The information.\n",
            "  - {text: Text., bullets: [{text: b, bulets: [c]}]}\n",
            ("information", 0, "bullets", 0, "bulets"),
            "bullets",
        ),
        (
            "role: Group Manager",
            "rol: Group Manager",
            ("contacts", 0, "rol"),
            "role",
        ),
        (
            "items: [the proposal is approved]",
            "items: [{text: the proposal is approved, lable: approve}]",
            ("recommendations", "items", 0, "lable"),
            "label",
        ),
        (
            "title: A small report\n",
            "titel: A small report\ntitle: A small report\n",
            ("titel",),
            "title",
        ),
    ],
)
def test_unknown_field_is_located_at_its_key_with_a_close_field_of_its_model(
    old: str, new: str, path: tuple[str | int, ...], suggested: str
) -> None:
    text = MINIMAL.replace(old, new)
    misspelt = path[-1]
    assert isinstance(misspelt, str)
    problem = only_problem(text)
    assert problem.code == "S202"
    assert place(problem) == position(text, f"{misspelt}:")
    assert problem.where.path == path
    assert f"unknown field {misspelt!r}" in problem.message
    assert problem.hint == f"did you mean {suggested!r}?"


def test_unknown_field_under_signed_by_suggests_the_persons_title() -> None:
    text = MINIMAL.replace("title: Service Director", "titel: Service Director")
    found = problems_of(text)
    unknown = [p for p in found if p.code == "S202"]
    assert [p.where.path for p in unknown] == [("signed_by", "titel")]
    assert place(unknown[0]) == position(text, "titel:")
    assert unknown[0].hint == "did you mean 'title'?"
    # The real field is then missing too, and both are said.
    assert [p.where.path for p in found if p.code == "S201"] == [("signed_by", "title")]


def test_unknown_field_with_no_close_match_lists_only_that_models_fields() -> None:
    # 'lable' is close to a paragraph's 'label', but a report has no such field.
    text = MINIMAL + "lable: info\n"
    problem = only_problem(text)
    assert problem.code == "S202"
    assert place(problem) == position(text, "lable:")
    intro, _, listed = problem.hint.partition(": ")
    assert intro == "the fields allowed here are"
    allowed = listed.split(", ")
    assert {"committee", "signed_by", "title"} <= set(allowed)
    assert "label" not in allowed


def test_impossible_date_is_reported() -> None:
    text = MINIMAL.replace("date: 2017-01-09", "date: 2017-02-30")
    problem = only_problem(text)
    assert problem.code == "S203"
    assert place(problem) == position(text, "2017-02-30")
    assert problem.where.path == ("date",)
    assert "'2017-02-30' is not a real date" in problem.message
    assert "YYYY-MM-DD" in problem.hint


def test_mapping_with_no_known_block_key_is_reported_as_a_block_problem() -> None:
    text = replace_information("  - {paragraph: The information.}\n")
    problem = only_problem(text)
    assert problem.code == "S200"
    assert place(problem) == position(text, "{paragraph:")
    assert problem.where.path == ("information", 0)
    assert "a block is text" in problem.message
    assert (
        "'text', 'heading', 'quote', 'bullets', 'table', 'columns' (a typed table), "
        "'landscape' (blocks on landscape pages), 'callout' (a call-out box), 'picture' or "
        "'chart'" in problem.message
    )


@pytest.mark.parametrize("label", ["Benefits", "new_posts", "2nd", "new--posts", "-x"])
def test_badly_formed_label_is_reported_with_the_label_rules(label: str) -> None:
    text = replace_information(f"  - {{text: The information., label: {label}}}\n")
    problem = only_problem(text)
    assert problem.code == "S200"
    line, column = position(text, f"label: {label}")
    assert place(problem) == (line, column + len("label: "))
    assert problem.where.path == ("information", 0, "label")
    assert f"{label!r} is not a valid label" in problem.message
    assert "lowercase letters and digits" in problem.hint


def test_misspelt_implications_area_suggests_the_right_one() -> None:
    text = MINIMAL + "implications:\n  financal:\n    - The cost is met.\n"
    problem = only_problem(text)
    assert problem.code == "S200"
    assert place(problem) == position(text, "financal:")
    assert problem.where.path == ("implications", "financal")
    assert "'financal' is not allowed here" in problem.message
    assert problem.hint == "did you mean 'financial'?"


def test_every_problem_is_reported_at_once_sorted_by_line() -> None:
    text = (
        MINIMAL.replace("title: A small report\n", "")
        .replace("date: 2017-01-09", "date: 2017-02-30")
        .replace("role: Group Manager", "rol: Group Manager")
    ) + "implications:\n  financal: [The cost is met.]\n"
    found = problems_of(text)
    assert [(p.code, p.where.path) for p in found] == [
        ("S201", ("title",)),
        ("S203", ("date",)),
        ("S202", ("contacts", 0, "rol")),
        ("S200", ("implications", "financal")),
    ]
    assert [place(p) for p in found] == [
        (1, 1),
        position(text, "2017-02-30"),
        position(text, "rol:"),
        position(text, "financal:"),
    ]


TRAPS = Path(__file__).resolve().parent / "traps"
"""Small reports, each falling into one of YAML's common traps."""


def trap_problems(name: str) -> tuple[tuple[Problem, ...], str]:
    """The problems validating ``tests/traps/NAME`` gives, and the file's text."""
    path = TRAPS / name
    found = raised(lambda: validate(load_file(path), Report))
    assert all(p.where.file == str(path) for p in found)
    return found, path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("colon-ends-text.yaml", ("information", 0, "Services include")),
        ("colon-ends-bullet.yaml", ("information", 0, "bullets", 0, "Services include")),
    ],
)
def test_text_ending_with_a_colon_read_as_a_key_is_said_once_at_the_key(
    name: str, path: tuple[str | int, ...]
) -> None:
    found, text = trap_problems(name)
    assert len(found) == 1, found  # not also "'text' is missing"
    [problem] = found
    assert problem.code == "S202"
    assert place(problem) == position(text, "Services include:")
    assert problem.where.path == path
    assert "this text ends with ':' so YAML read it as a key" in problem.message
    assert problem.hint == (
        'write it as `- text: "Services include:"` with `bullets:` under it, or put it in quotes'
    )


def test_a_list_item_holding_colon_space_read_as_a_key_says_to_quote_it() -> None:
    [problem], text = trap_problems("colon-in-item.yaml")
    assert problem.code == "S202"
    assert place(problem) == position(text, "The plan:")
    assert problem.where.path == ("information", 0, "The plan")
    assert "this text holds ': ' so YAML read 'The plan' as a key" in problem.message
    assert problem.hint == 'put the whole text in quotes, e.g. "The plan: care closer to home."'


def test_a_misspelt_field_ending_its_line_is_still_a_misspelling() -> None:
    text = replace_information("  - text: The information.\n    bulets:\n      - one\n")
    problem = only_problem(text)
    assert problem.code == "S202"
    assert problem.hint == "did you mean 'bullets'?"


PYDANTIC_WORDING = ("Input should", "Value error,", "validation error", "Field required")
"""pydantic's own phrasing, which no message or fix may pass on."""

TYPED_TABLE = (
    "  - caption: Costs\n"
    "    columns:\n"
    "      - {title: Post, key: post}\n"
    "      - {title: Cost, key: cost, type: money, COLUMN}\n"
    "    rows:\n"
    '      - [Social Worker, "1,000"]\n'
)


def in_table(column: str) -> str:
    """MINIMAL with a typed table whose money column has ``column`` added."""
    return replace_information(TYPED_TABLE.replace("COLUMN", column))


@pytest.mark.parametrize(
    ("text", "kind", "said"),
    [
        (MINIMAL.replace("title: A small report\n", ""), "missing", "is missing"),
        (MINIMAL + "titel: x\n", "extra_forbidden", "unknown field"),
        (MINIMAL.replace("2017-01-09", "9th January"), "date_from_datetime_parsing", "date"),
        (MINIMAL.replace("title: A small report", "title: [a, b]"), "string_type", "text"),
        (
            MINIMAL.replace("  - To seek approval.\n", "").replace("purpose:", "purpose: x"),
            "list_type",
            "expected a list",
        ),
        (MINIMAL + "implications: [x]\n", "dict_type", "mapping"),
        (
            MINIMAL.replace("{name: Sue Batty, title: Service Director}", "Sue Batty"),
            "model_type",
            "mapping",
        ),
        (replace_information("  - {text: x, numbered: maybe}\n"), "bool_parsing", "true or false"),
        (replace_information("  - {text: x, numbered: [a]}\n"), "bool_type", "true or false"),
        (replace_information("  - {heading: x, level: two}\n"), "int_parsing", "whole number"),
        (replace_information("  - {heading: x, level: [1]}\n"), "int_type", "whole number"),
        (
            replace_information("  - {heading: x, level: 4}\n"),
            "less_than_equal",
            "headings go from level 1 to 3",
        ),
        (
            replace_information("  - {heading: x, level: 0}\n"),
            "greater_than_equal",
            "headings go from level 1 to 3",
        ),
        (in_table("places: 7"), "less_than_equal", "'places' must be at most 6"),
        (in_table("places: -1"), "greater_than_equal", "'places' must be at least 0"),
        (in_table("width: 0"), "greater_than", "'width' must be more than 0"),
        (in_table("width: wide"), "float_parsing", "'width' must be a number"),
        (in_table("product: [post]"), "too_short", "'product' needs at least 2 entries"),
        (
            MINIMAL.replace("agenda_item: 4", "agenda_item: 12345678901"),
            "string_too_long",
            "'agenda_item' is longer than 10 characters",
        ),
        (MINIMAL.replace('"0115 8546256"', '""'), "string_too_short", "this text is empty"),
        (
            replace_information("  - {text: x, label: Big}\n"),
            "string_pattern_mismatch",
            "not a valid label",
        ),
        (MINIMAL + "house_style: {date: '{when}'}\n", "value_error", "{when}"),
        (replace_information("  - {paragraph: x}\n"), "block_kind", "a block is text"),
    ],
)
def test_every_error_a_reader_can_meet_is_said_in_the_reports_words(
    text: str, kind: str, said: str
) -> None:
    loaded = load_text(text, FILE)
    with pytest.raises(ValidationError) as caught:
        Report.model_validate(loaded.data)
    assert kind in {e["type"] for e in caught.value.errors()}
    found = problems_of(text)
    assert any(said in p.message for p in found), found
    for problem in found:
        for wording in PYDANTIC_WORDING:
            assert wording not in problem.message
            assert wording not in problem.hint


@pytest.mark.parametrize("kind", sorted(get_args(ErrorType)))
def test_no_pydantic_error_type_passes_on_pydantics_wording(kind: str) -> None:
    err: ErrorDetails = {
        "type": kind,
        "loc": ("information", 0, "Heading", "level"),
        "msg": "Input should be a valid thing; Value error, Field required",
        "input": "x",
        "ctx": {"error": ValueError("the value is wrong; fix it"), "expected": "'a', 'b'"},
    }
    message, hint = _explain(err, ("information", 0, "level"), ["level"])
    assert message
    for wording in PYDANTIC_WORDING:
        assert wording not in message
        assert wording not in hint


DOCUMENTS = Path(__file__).resolve().parent / "validate"
"""One small file of each kind of document but reports, each with one misspelt field."""


@pytest.mark.parametrize(
    ("name", "model_class", "path", "suggested"),
    [
        ("meeting.yaml", Meeting, ("items", 1, "titel"), "title"),
        ("meeting-appendix.yaml", Meeting, ("items", 0, "appendices", 0, "flie"), "file"),
        ("minutes.yaml", Minutes, ("items", 0, "resolved", 0, "intor"), "intro"),
        ("minutes-body.yaml", Minutes, ("items", 0, "body", 0, "lable"), "label"),
        ("appendix.yaml", AppendixDocument, ("titel",), "title"),
        ("comment.yaml", Comment, ("initals",), "initials"),
        ("pay-scale.yaml", PayScale, ("titel",), "title"),
    ],
)
def test_a_misspelt_field_in_any_kind_of_document_suggests_the_field_of_its_model(
    name: str, model_class: type[BaseModel], path: tuple[str | int, ...], suggested: str
) -> None:
    source = DOCUMENTS / name
    found = raised(lambda: validate(load_file(source), model_class))
    [problem] = [p for p in found if p.code == "S202"]
    assert problem.where.path == path
    assert place(problem) == position(source.read_text(encoding="utf-8"), f"{path[-1]}:")
    assert problem.hint == f"did you mean {suggested!r}?"
