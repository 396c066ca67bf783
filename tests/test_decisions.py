"""Decisions and call-in: RESOLVED numbers from the register, call-in deadlines in working days,
the register of decisions as JSON valid against its schema; decision notices in Word and PDF
(reasons and options from the report, or the minute's own; declarations; call-in across bank
holidays; urgent decisions), the printed register, and bad input (placed problems, exit 2)."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import subprocess
from pathlib import Path

import docx
import jsonschema
from click.testing import CliRunner, Result

from reportgen import api
from reportgen.boilerplate import load_boilerplate
from reportgen.cli import main
from reportgen.data_schemas import data_schema
from reportgen.document import Para, plain_text
from tests.conftest import ROOT, position

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
    # newest first: the illustrative minutes of 14 March 2022, then those of 24 January
    numbers = [d["number"] for d in written["decisions"]]
    assert numbers == [f"2022/{n:03d}" for n in range(15, 0, -1)]
    january = [d for d in written["decisions"] if d["meeting_date"] == "2022-01-24"]
    assert {d["status"] for d in january} == {"implementable"}


def test_minutes_not_found_is_a_problem_with_exit_2(tmp_path: Path) -> None:
    out = tmp_path / "register.json"
    bad = tmp_path / "meetings" / "2022-01-24"
    bad.mkdir(parents=True)
    (bad / "minutes.yaml").write_text("committee: X\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["register", str(tmp_path / "meetings"), "-o", str(out)])
    assert result.exit_code == 2
    assert "minutes.yaml" in result.output
    assert not out.exists()


# --- decision notices and the printed register ---------------------------------------------------

FIXTURES = Path(__file__).parent / "decisions"
CHRISTMAS = FIXTURES / "meetings" / "2021-12-23" / "minutes.yaml"
"""A meeting of 23 December 2021 whose call-in period runs over Christmas and New Year."""


def _notices(tmp_path: Path, minutes: Path, to: str) -> tuple[Result, Path]:
    out = tmp_path / "decisions"
    result = CliRunner().invoke(main, ["decisions", str(minutes), "-o", str(out), "--to", to])
    return result, out


def _word_text(path: Path) -> str:
    word = docx.Document(io.BytesIO(path.read_bytes()))
    return "\n".join(p.text for p in word.paragraphs)


def test_a_notice_in_word_and_pdf_carries_the_decision_reasons_and_call_in(
    tmp_path: Path,
) -> None:
    result, out = _notices(tmp_path, CHRISTMAS, "docx,pdf")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        f"2021-00{n}.{fmt}" for n in (1, 2, 3) for fmt in ("docx", "pdf")
    ]
    word = _word_text(out / "2021-001.docx")
    pdf = " ".join(
        subprocess.run(
            ["pdftotext", str(out / "2021-001.pdf"), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
    )
    for text in (" ".join(word.split()), pdf):
        assert "Decision notice 2021/001: Winter gritting routes" in text
        assert "the winter gritting routes be approved" in text
        # the reasons and the option rejected, from the report's own sections
        assert "The routes keep every community reachable in snow and ice." in text
        assert "Gritting priority routes only was considered and rejected" in text
        assert "Sam Member: a non-registrable interest as a resident of a gritted route" in text
        # five working days from Thursday 23 December 2021: 24, 29, 30, 31 December and
        # 4 January; 27 and 28 December and 3 January are bank holidays
        assert "called in until 5pm on 4 January 2022" in text
        assert "Pat Clerk" in text


def test_the_minutes_own_reasons_win_over_the_reports() -> None:
    [_, salt, _] = api.decisions_of_minutes(CHRISTMAS)
    assert salt.report == "report.yaml"
    assert salt.reasons == ["MINUTE-OWN-REASON the salt barns are full."]
    assert salt.options_rejected == ["Buying no more salt this winter."]
    document = api.decision_notices(CHRISTMAS)["2021-002"]
    text = [plain_text(b.content) for b in document.blocks if isinstance(b, Para)]
    assert "MINUTE-OWN-REASON the salt barns are full." in text
    assert "The routes keep every community reachable in snow and ice." not in text


def test_an_urgent_decision_has_no_call_in_deadline_and_says_why(tmp_path: Path) -> None:
    urgent = api.decisions_of_minutes(CHRISTMAS)[2]
    assert urgent.call_in_deadline is None and urgent.status == "urgent"
    result, out = _notices(tmp_path, CHRISTMAS, "docx")
    assert result.exit_code == 0, result.output
    word = " ".join(_word_text(out / "2021-003.docx").split())
    assert "not subject to call-in, as it was taken as a matter of urgency: the road is unsafe" in (
        word
    )
    assert "called in until" not in word


def test_the_register_in_word_lists_the_decisions_newest_first(tmp_path: Path) -> None:
    out = tmp_path / "register.docx"
    result = CliRunner().invoke(
        main,
        [
            "register",
            str(FIXTURES / "meetings"),
            str(ROOT / "reports" / "meetings"),
            "-o",
            str(out),
            "--today",
            "2021-12-30",
        ],
    )
    assert result.exit_code == 0, result.output
    [table] = docx.Document(io.BytesIO(out.read_bytes())).tables
    rows = [[cell.text.replace("\u2060", "") for cell in row.cells] for row in table.rows]
    assert rows[0] == ["Decision", "Meeting", "Subject", "Call-in deadline", "Status"]
    numbers = [row[0] for row in rows[1:]]
    assert numbers.index("2022/001") < numbers.index("2021/003") < numbers.index("2021/001")
    christmas = {row[0]: row for row in rows[1:]}
    assert christmas["2021/001"][1:] == [
        "23 December 2021",
        "Winter gritting routes",
        "4 January 2022",
        "Open for call-in",
    ]
    assert christmas["2021/003"][3:] == ["Not subject to call-in", "Urgent, may be implemented"]


def test_the_register_json_has_the_new_fields_and_validates(tmp_path: Path) -> None:
    out = tmp_path / "register.json"
    result = CliRunner().invoke(
        main, ["register", str(FIXTURES / "meetings"), "-o", str(out), "--today", "2022-01-10"]
    )
    assert result.exit_code == 0, result.output
    written = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(written, data_schema("decisions"))
    first, _, urgent = sorted(written["decisions"], key=lambda d: d["number"])
    assert first["declarations"] == [
        {
            "member": "Sam Member",
            "interest": "a non-registrable interest as a resident of a gritted route",
        }
    ]
    assert first["reasons"] == ["The routes keep every community reachable in snow and ice."]
    assert urgent["call_in_deadline"] is None
    assert urgent["call_in_exempt"].startswith("the road is unsafe")


def test_a_minute_naming_a_report_that_is_not_there_is_a_placed_problem(tmp_path: Path) -> None:
    minutes = FIXTURES / "missing" / "minutes.yaml"
    line, column = position(minutes.read_text(encoding="utf-8"), "no-such-report.yaml")
    result, out = _notices(tmp_path, minutes, "docx")
    assert result.exit_code == 2
    assert f"{minutes}:{line}:{column}: error M750" in result.output
    assert not out.exists()


def test_a_minute_naming_a_file_that_is_not_a_report_is_a_placed_problem(tmp_path: Path) -> None:
    folder = tmp_path / "meetings" / "2021-12-23"
    shutil.copytree(CHRISTMAS.parent, folder)
    text = CHRISTMAS.read_text(encoding="utf-8").replace(
        "report: report.yaml", "report: minutes.yaml", 1
    )
    (folder / "minutes.yaml").write_text(text, encoding="utf-8")
    line, column = position(text, "minutes.yaml")
    result, out = _notices(tmp_path, folder / "minutes.yaml", "html")
    assert result.exit_code == 2
    assert f":{line}:{column}: error M751" in result.output
    assert not out.exists()


def test_notices_are_not_written_as_json(tmp_path: Path) -> None:
    result, out = _notices(tmp_path, CHRISTMAS, "docx,json")
    assert result.exit_code == 2 and "error O585" in result.output
    assert not out.exists()


MARCH = ROOT / "reports" / "meetings" / "2022-03-14" / "minutes.yaml"


def test_the_march_2022_notices_carry_their_reports_reasons_and_other_options() -> None:
    notices = api.decision_notices(MARCH)
    assert list(notices) == [f"2022-{n:03d}" for n in range(10, 16)]
    staffing = [plain_text(b.content) for b in notices["2022-011"].blocks if isinstance(b, Para)]
    assert any(
        t.startswith("The new and extended posts will support the delivery") for t in staffing
    )
    assert any(t.startswith("Not establishing the posts outlined in this report") for t in staffing)
    assert any("called in until 5pm on 21 March 2022" in t for t in staffing)
    assert any(t.startswith("Jo Toomey") for t in staffing)


def test_the_january_2022_notices_say_what_the_minutes_do_not_record() -> None:
    """The January minutes name no report and give no reasons: the notices say so, in the
    profile's words, and name the Democratic Services officer the minutes list."""
    notices = api.decision_notices(JANUARY)
    assert list(notices) == [f"2022-{n:03d}" for n in range(1, 10)]
    words = load_boilerplate().decision_notice
    for document in notices.values():
        text = [plain_text(b.content) for b in document.blocks if isinstance(b, Para)]
        assert text.count(words.not_recorded) == 2, text
        assert words.none in text  # no declaration of interest
        assert any(t.startswith("Noel McMenamin") for t in text)
