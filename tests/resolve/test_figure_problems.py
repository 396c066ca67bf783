"""Bad figures and tables, one case file each: every problem with its code, place and message.

Each file in tests/resolve/figures/errors/ says what it expects in its first lines:
``# expect: CODE at LINE:COLUMN PATH: words of the message``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from reportgen.boilerplate import Boilerplate
from reportgen.errors import format_path
from tests.conftest import raised
from tests.resolve.cases import CASES, build_case

_EXPECT = re.compile(r"^# expect: (\w+) at (\d+):(\d+) (\S+): (.+)$", re.MULTILINE)

ERROR_CASES = sorted(p.name for p in (CASES / "errors").glob("*.yaml"))


@pytest.mark.parametrize("name", ERROR_CASES)
def test_case_reports_exactly_its_expected_problems(
    name: str, boilerplate: Boilerplate, tmp_path: Path
) -> None:
    expected = _EXPECT.findall((CASES / "errors" / name).read_text(encoding="utf-8"))
    assert expected, f"{name} says what it expects"
    found = raised(lambda: build_case(f"errors/{name}", boilerplate, tmp_path))
    got = [
        (p.code, str(p.where.line), str(p.where.column), format_path(p.where.path), p.message)
        for p in found
    ]
    assert len(got) == len(expected), got
    for want, have in zip(expected, got, strict=True):
        assert have[:4] == want[:4], have
        assert want[4] in have[4]
        assert str(found[got.index(have)].where.file).endswith(name)


def test_every_problem_says_what_to_do(boilerplate: Boilerplate, tmp_path: Path) -> None:
    for name in ERROR_CASES:
        for problem in raised(lambda n=name: build_case(f"errors/{n}", boilerplate, tmp_path)):
            assert problem.hint, problem


@pytest.mark.parametrize(
    ("name", "fixes"),
    [
        ("labels-twice.yaml", ["give each column its own 'key'", "give each table its own label"]),
        (
            "said-twice.yaml",
            [
                "give exactly one of 'amount', 'total', 'expr' or 'pay'",
                "give exactly one of 'amount', 'total', 'expr' or 'pay'",
                "keep one of 'pay' and 'uplift'",
                "give the column 'type: money'",
                "give the column 'type: money'",
                "give the column type money, decimal or integer",
                "keep one of them",
                "remove it",
                "remove it, or give the column 'pay:'",
            ],
        ),
    ],
)
def test_a_thing_named_or_said_twice_says_which_one_to_keep(
    name: str, fixes: list[str], boilerplate: Boilerplate, tmp_path: Path
) -> None:
    """F608 and F609: each problem's fix says what to keep or to add."""
    found = raised(lambda: build_case(f"errors/{name}", boilerplate, tmp_path))
    assert [p.hint for p in found] == fixes
