"""Problems and how they quote the user's own text: one line, at most 60 characters."""

from __future__ import annotations

import pytest

from reportgen.errors import QUOTED_LENGTH, format_path, quote, quotes_shortened, shorten


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Budget: the plan", "Budget: the plan"),
        ("x" * QUOTED_LENGTH, "x" * QUOTED_LENGTH),
        ("x" * (QUOTED_LENGTH + 1), "x" * (QUOTED_LENGTH - 1) + "…"),
        ("9 January 2017\nthe second line", "9 January 2017…"),
        ("\nthe second line", "…"),
        ("", ""),
    ],
)
def test_user_text_is_shown_as_one_line_of_at_most_60_characters(text: str, shown: str) -> None:
    assert shorten(text) == shown
    assert len(shorten(text)) <= QUOTED_LENGTH


def test_text_is_quoted_as_python_writes_it_and_anything_else_unquoted() -> None:
    assert quote("it's") == '"it\'s"'
    assert quote("a" * 100) == repr("a" * 59 + "…")
    assert quote(5) == "5"


def test_the_texts_another_programs_message_quotes_are_shortened() -> None:
    name = "n" * 100
    assert quotes_shortened(f"'{name}' is undefined") == f"{quote(name)} is undefined"


def test_a_path_shortens_a_key_that_is_the_users_text() -> None:
    key = "Services include " + "day care " * 20
    assert format_path(("information", 0, key)) == f"information[0].{shorten(key)}"
