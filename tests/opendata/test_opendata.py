"""A meeting's open data: its agenda and minutes, its reports' JSON files, never an exempt
document's content, and its people and memberships in Popolo's format."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from reportgen import api
from reportgen.cli import main
from reportgen.data_schemas import data_schema
from reportgen.errors import ReportError
from tests.conftest import ROOT

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "meetings" / "2022-03-14" / "meeting.yaml"
MARCH = ROOT / "reports" / "meetings" / "2022-03-14" / "meeting.yaml"
MARKER = "SECRETMARKER"  # in the exempt item's report, its appendix, and the exempt appendix


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("data")
    result = CliRunner().invoke(main, ["data", str(FIXTURE), str(MARCH), "-o", str(out / "x")])
    assert result.exit_code == 2  # two folders named 2022-03-14
    assert "O570" in result.output and not (out / "x").exists()
    result = CliRunner().invoke(main, ["data", str(FIXTURE), "-o", str(out / "fixture")])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(main, ["data", str(MARCH), "-o", str(out / "march")])
    assert result.exit_code == 0, result.output
    return out


def load(path: Path) -> Any:
    return json.loads(path.read_bytes())


def test_no_exempt_content_reaches_any_json_file(written: Path) -> None:
    files = sorted((written / "fixture").rglob("*.json"))
    assert len(files) == 4  # meeting, the public report and its public appendix, popolo
    for file in files:
        assert MARKER not in file.read_text(encoding="utf-8"), file
    meeting = load(written / "fixture" / "2022-03-14" / "meeting.json")
    public, secret = meeting["items"][3:]
    assert secret == {
        "number": 5, "title": "A contract award", "kind": "report", "exempt": 3,
        "report": None, "appendices": [], "confirms": None,
    }  # fmt: skip
    # the title the meeting file gives it, never its own
    assert public["appendices"][1] == {"number": 2, "title": "Rates", "exempt": 3, "data": None}
    assert MARKER in (FIXTURE.parent / "annex.yaml").read_text(encoding="utf-8")


def test_the_meeting_validates_and_names_its_reports(written: Path) -> None:
    folder = written / "march" / "2022-03-14"
    meeting = load(folder / "meeting.json")
    jsonschema.Draft202012Validator(data_schema("meeting-data")).validate(meeting)
    reports = [i["report"] for i in meeting["items"] if i["report"]]
    assert len(reports) == 6
    for name in reports:
        report = load(folder / name)
        jsonschema.Draft202012Validator(data_schema("report-data")).validate(report)
    assert meeting["items"][3]["report"] == "04-performance-and-finance-q3.json"
    assert (meeting["committee"], meeting["date"], meeting["time"]) == (
        "Adult Social Care and Public Health Committee", "2022-03-14", "10:30",
    )  # fmt: skip
    assert meeting["membership"][0] == {
        "id": "boyd-elliott",
        "name": "Boyd Elliott",
        "role": "Chairman",
    }
    confirms = meeting["items"][0]["confirms"]  # the minutes of 24 January 2022
    assert confirms["date"] == "2022-01-24"
    numbers = [r["number"] for r in confirms["resolutions"]]
    assert numbers[0] == "2022/001" and all(re.fullmatch(r"2022/\d{3}", n) for n in numbers)
    assert meeting["minutes"]["date"] == "2022-03-14"  # the illustrative minutes.yaml beside it


def test_minutes_attendance_and_register_numbers(written: Path) -> None:
    meeting = load(written / "fixture" / "2022-03-14" / "meeting.json")
    attendance = meeting["minutes"]["attendance"]
    assert [p["name"] for p in attendance["present"]] == ["Boyd Elliott", "Dr. Sybil Fielding"]
    assert [p["name"] for p in attendance["absent"]] == ["Steve Carr"]
    assert attendance["substitutes"] == ["Paul Henshaw"]
    assert attendance["officers"][0].startswith("Melanie Brooks")
    [resolution] = meeting["minutes"]["resolutions"]
    assert resolution["number"] == "2022/001" and resolution["title"] == "Staffing"
    assert [p["text"] for p in resolution["parts"]] == [
        "the posts be established",
        "the report be noted",
    ]
    confirmed = meeting["items"][0]["confirms"]  # 7 February: the register runs on at 2022/003
    assert confirmed["resolutions"][0]["number"] == "2022/003"
    assert api.meeting_data(FIXTURE).model_dump(mode="json", by_alias=True) == meeting


def _check_popolo(data: dict[str, Any]) -> None:
    """``data`` against Popolo's classes as its published schemas declare them
    (popolo/fields.json): only their properties, of their types and date patterns."""
    fields = load(HERE / "popolo" / "fields.json")["classes"]
    types = {"string": str, "null": type(None), "array": list, "object": dict}
    for key, cls in (
        ("persons", "person"),
        ("organizations", "organization"),
        ("memberships", "membership"),
    ):
        declared = fields[cls]
        assert data[key], key
        for thing in data[key]:
            assert set(declared["required"]) <= set(thing)
            for name, value in thing.items():
                assert name in declared["properties"], (cls, name)
                prop = declared["properties"][name]
                assert isinstance(value, tuple(types[t] for t in prop["type"])), (cls, name)
                if "pattern" in prop and value is not None:
                    assert re.search(prop["pattern"], value)


def test_popolo(written: Path) -> None:
    data = load(written / "march" / "popolo.json")
    jsonschema.Draft202012Validator(data_schema("popolo")).validate(data)
    _check_popolo({k: v for k, v in data.items() if k != "$schema"})
    persons = {p["id"] for p in data["persons"]}
    assert {"boyd-elliott", "dr-john-doddy"} <= persons
    assert [o["id"] for o in data["organizations"]] == [
        "adult-social-care-and-public-health-committee"
    ]
    for membership in data["memberships"]:
        assert membership["person_id"] in persons
        assert membership["organization_id"] == data["organizations"][0]["id"]
    chair = next(m for m in data["memberships"] if m["person_id"] == "boyd-elliott")
    assert chair["role"] == "Chairman"
    fixture = load(written / "fixture" / "popolo.json")  # the minutes' members too
    assert "paul-henshaw" not in {p["id"] for p in fixture["persons"]}  # a substitute is no member
    assert "dr-sybil-fielding" in {p["id"] for p in fixture["persons"]}


def test_a_broken_meeting_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(ReportError):
        api.data([tmp_path / "missing" / "meeting.yaml"], tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_reports_whose_files_share_a_name_get_their_items_names(tmp_path: Path) -> None:
    meeting = HERE / "meetings" / "2022-04-11" / "meeting.yaml"
    written = api.data([meeting], tmp_path)
    assert sorted(p.name for p in written) == [
        "item1-Report.json", "item2-report.json", "meeting.json", "popolo.json",
    ]  # fmt: skip
    data = load(tmp_path / "2022-04-11" / "meeting.json")
    assert [i["report"] for i in data["items"]] == ["item1-Report.json", "item2-report.json"]
    assert load(tmp_path / "2022-04-11" / "item2-report.json")["title"] == "Report 2"
