"""Decisions and call-in: RESOLVED numbers from the register, call-in deadlines in working days,
the register of decisions as JSON valid against its schema."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from reportgen import api
from reportgen.cli import main
from reportgen.data_schemas import data_schema
from tests.conftest import ROOT

JANUARY = ROOT / "reports" / "meetings" / "2022-01-24" / "minutes.yaml"


def test_the_january_2022_decisions_are_numbered_as_published() -> None:
    found = api.decisions_of_minutes(JANUARY)
    assert [d.number for d in found] == [f"2022/{n:03d}" for n in range(1, 10)]
    assert found[0].minute == 5
    assert found[0].title == "Public Health Outcomes in Nottinghamshire"
    assert found[0].resolved[0].startswith("That the public health outcomes")


def test_the_call_in_deadline_skips_the_platinum_jubilee_bank_holidays() -> None:
    found = api.decisions_of_minutes(JANUARY, published=dt.date(2022, 5, 30))
    assert found[0].call_in_deadline == dt.date(2022, 6, 8)
    assert found[0].status == "open"


def test_a_decision_is_implementable_once_its_deadline_has_passed() -> None:
    found = api.decisions_of_minutes(
        JANUARY, published=dt.date(2022, 1, 24), today=dt.date(2022, 2, 1)
    )
    assert found[0].call_in_deadline == dt.date(2022, 1, 31)
    assert found[0].status == "implementable"


def test_the_register_is_json_valid_against_its_schema(tmp_path: Path) -> None:
    out = tmp_path / "register.json"
    result = CliRunner().invoke(
        main,
        ["register", str(ROOT / "reports" / "meetings"), "-o", str(out), "--today", "2022-02-01"],
    )
    assert result.exit_code == 0, result.output
    written = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(written, data_schema("decisions"))
    assert written["today"] == "2022-02-01"
    assert [d["number"] for d in written["decisions"]][:2] == ["2022/009", "2022/008"]
    assert {d["status"] for d in written["decisions"]} == {"implementable"}


def test_minutes_not_found_is_a_problem_with_exit_2(tmp_path: Path) -> None:
    out = tmp_path / "register.json"
    bad = tmp_path / "meetings" / "2022-01-24"
    bad.mkdir(parents=True)
    (bad / "minutes.yaml").write_text("committee: X\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["register", str(tmp_path / "meetings"), "-o", str(out)])
    assert result.exit_code == 2
    assert "minutes.yaml" in result.output
    assert not out.exists()
