"""`reportgen check`: readiness problems with their places and severities, JSON, exit codes,
and comments signed against the report and found stale when it changes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from reportgen.cli import main
from tests.conftest import ROOT

CHECK = ROOT / "tests" / "check"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_a_report_that_is_not_ready_gets_every_readiness_problem() -> None:
    code, out, _ = run("check", "--format", "json", str(CHECK / "faulty.yaml"))
    assert code == 1
    found = [(p["code"], p["severity"], Path(p["file"]).name, p["line"]) for p in json.loads(out)]
    assert sorted(found) == [
        ("C801", "error", "faulty.yaml", 3),
        ("C802", "error", "financial.yaml", 2),
        ("C804", "error", "faulty.yaml", 12),
        ("C805", "warning", "faulty.yaml", 9),
        ("C806", "warning", "faulty.yaml", 15),
    ]
    assert all(p["fix"] for p in json.loads(out))


def test_a_ready_report_passes_and_says_where_it_stands() -> None:
    code, _, err = run("check", str(CHECK / "ready.yaml"))
    assert code == 0
    assert (
        "ready.yaml: ready, cleared (constitutional unsigned, financial unsigned, hr missing)"
        in err
    )


def test_a_check_that_cannot_run_exits_2(tmp_path: Path) -> None:
    code, _, err = run("check", str(tmp_path / "missing.yaml"))
    assert code == 2
    assert "Y113" in err


def test_a_signed_comment_turns_stale_when_a_paragraph_changes(tmp_path: Path) -> None:
    shutil.copytree(CHECK, tmp_path / "check")
    report = tmp_path / "check" / "ready.yaml"
    before = report.read_text()
    code, _, err = run("sign", str(report), "--kind", "financial")
    assert code == 0, err
    assert report.read_text() == before  # the author's file is never edited
    comment = (tmp_path / "check" / "ready.comments" / "financial.yaml").read_text()
    assert comment.count("reviewed: ") == 1
    assert run("check", str(report))[2].count("financial signed") == 1
    # the author changes paragraph 3 (the second information paragraph)
    report.write_text(before.replace("A second paragraph.", "A changed paragraph."))
    code, out, _ = run("check", "--format", "json", str(report))
    assert code == 0  # stale is a warning: the reviewer should look again
    [stale] = [p for p in json.loads(out) if p["code"] == "C803"]
    assert stale["severity"] == "warning"
    assert "paragraph 3 changed since" in stale["message"]
    assert Path(stale["file"]).name == "financial.yaml"
    # signing again records the new version, once
    run("sign", str(report), "--kind", "financial")
    assert "C803" not in run("check", "--format", "json", str(report))[1]
    comment = (tmp_path / "check" / "ready.comments" / "financial.yaml").read_text()
    assert comment.count("reviewed: ") == 1


def test_a_comment_inside_the_report_cannot_be_signed(tmp_path: Path) -> None:
    code, _, err = run("sign", str(CHECK / "ready.yaml"), "--kind", "hr")
    assert code == 2
    assert "C808" in err


def test_a_meeting_is_checked_report_by_report() -> None:
    code, _, err = run("check", str(ROOT / "reports" / "meetings" / "2022-03-14" / "meeting.yaml"))
    assert code == 0
    assert "item 5: " in err and "05-staffing-establishment.yaml: ready, cleared" in err


def test_the_examples_and_the_march_2022_meeting_are_ready() -> None:
    from reportgen import api

    paths = [
        *sorted((ROOT / "reports" / "examples").glob("*.yaml")),
        ROOT / "reports" / "meetings" / "2022-03-14" / "meeting.yaml",
    ]
    checked = api.check(paths)
    assert [str(c.path) for c in checked if not c.ready] == []
    assert len([c for c in checked if c.item is not None]) == 6  # items 4 to 9


def test_the_reports_of_a_published_meeting_stand_as_published(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "tests" / "meeting" / "meetings", tmp_path / "meetings")
    meeting = tmp_path / "meetings" / "2022-03-14" / "meeting.yaml"
    meeting.write_text(meeting.read_text() + "published: 2022-03-04\n")
    code, _, err = run("check", str(meeting))
    assert code == 0, err
    assert "item 4: " in err and "staffing.yaml: ready, published 2022-03-04" in err
