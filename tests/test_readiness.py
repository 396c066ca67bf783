"""`reportgen check`: readiness problems with their places and severities, JSON, exit codes,
and comments signed against the report and found stale when it changes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml
from click.testing import CliRunner

from reportgen.cli import main
from tests.conftest import ROOT
from tests.test_output_paths import run_apart

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
    code, out, _ = run("check", str(CHECK / "ready.yaml"))
    assert code == 0
    assert (
        "ready.yaml: ready, cleared (constitutional unsigned, financial unsigned, hr missing)"
        in out
    )


def test_the_findings_go_to_standard_output_in_text_and_json() -> None:
    faulty = CHECK / "faulty.yaml"
    done = run_apart("check", faulty)
    assert done.returncode == 1
    assert done.stderr == ""
    assert f"{faulty}:12:18: error C804: the report recommends nothing" in done.stdout
    assert done.stdout.rstrip().endswith(
        f"{faulty}: not ready, draft (constitutional missing, financial unsigned, hr missing)"
    )
    done = run_apart("check", "--format", "json", faulty)
    assert done.returncode == 1 and done.stderr == ""
    assert len(json.loads(done.stdout)) == 5


def test_a_draft_passes_with_its_readiness_findings_as_warnings() -> None:
    done = run_apart("check", "--draft", CHECK / "faulty.yaml")
    assert done.returncode == 0, done.stdout
    assert "warning C801: there are no constitutional (legal) comments yet" in done.stdout
    assert " error " not in done.stdout
    assert done.stdout.rstrip().endswith(
        "faulty.yaml: builds, draft (constitutional missing, financial unsigned, hr missing)"
    )
    code, out, _ = run("check", "--draft", "--format", "json", str(CHECK / "faulty.yaml"))
    assert code == 0
    assert {p["severity"] for p in json.loads(out)} == {"warning"}


def test_a_draft_that_does_not_build_is_still_stopped() -> None:
    done = run_apart("check", "--draft", CHECK / "broken.yaml")
    assert done.returncode == 1
    assert "error R300: no paragraph, recommendation or appendix is labelled 'nowhere'" in (
        done.stdout
    )
    assert "broken.yaml: does not build, draft" in done.stdout


def test_the_shipped_pre_commit_hook_lets_a_draft_through_but_not_a_broken_one() -> None:
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    program, *args = hooks["reportgen-check"]["entry"].split()
    assert program == "reportgen"
    assert run_apart(*args, CHECK / "faulty.yaml").returncode == 0
    assert run_apart(*args, CHECK / "broken.yaml").returncode == 1
    program, *args = hooks["reportgen-ready"]["entry"].split()
    assert run_apart(*args, CHECK / "faulty.yaml").returncode == 1


def test_a_check_that_cannot_run_exits_2(tmp_path: Path) -> None:
    code, _, err = run("check", str(tmp_path / "missing.yaml"))
    assert code == 2
    assert "Y113" in err


def test_a_signed_comment_turns_stale_when_a_paragraph_changes(tmp_path: Path) -> None:
    shutil.copytree(CHECK, tmp_path / "check")
    report = tmp_path / "check" / "ready.yaml"
    before = report.read_text()
    code, _, err = run("sign", str(report), "--reviewer", "financial")
    assert code == 0, err
    assert report.read_text() == before  # the author's file is never edited
    comment = (tmp_path / "check" / "ready.comments" / "financial.yaml").read_text()
    assert comment.count("reviewed: ") == 1
    assert run("check", str(report))[1].count("financial signed") == 1
    # the author changes paragraph 3 (the second information paragraph)
    report.write_text(before.replace("A second paragraph.", "A changed paragraph."))
    code, out, _ = run("check", "--format", "json", str(report))
    assert code == 1  # stale is an error: the reviewer must look again before the pack
    [stale] = [p for p in json.loads(out) if p["code"] == "C803"]
    assert stale["severity"] == "error"
    assert "paragraph 3 changed since" in stale["message"]
    assert Path(stale["file"]).name == "financial.yaml"
    # signing again records the new version, once
    run("sign", str(report), "--kind", "financial")  # the old spelling of --reviewer
    assert "C803" not in run("check", "--format", "json", str(report))[1]
    comment = (tmp_path / "check" / "ready.comments" / "financial.yaml").read_text()
    assert comment.count("reviewed: ") == 1


def test_a_stale_signed_comment_stops_check_and_pack_alike(tmp_path: Path) -> None:
    meeting = CHECK / "stale" / "meeting.yaml"
    code, out, _ = run("check", "--format", "json", str(meeting))
    assert code == 1
    [found] = [(p["code"], p["file"], p["line"], p["column"]) for p in json.loads(out)]
    assert found == ("C803", str(CHECK / "stale" / "report.comments" / "financial.yaml"), 4, 11)

    result = CliRunner().invoke(main, ["pack", str(meeting), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    [line] = [line for line in result.stderr.splitlines() if ": error " in line]
    assert line.startswith(f"{found[1]}:4:11: error C803: the financial comment was written")
    assert "or pass --allow-uncleared" in result.stderr
    assert not (tmp_path / "out").exists()


def test_sign_needs_one_reviewer_however_it_is_spelled() -> None:
    report = str(CHECK / "ready.yaml")
    code, _, err = run("sign", report)
    assert code == 2 and "Missing option '--reviewer'" in err
    code, _, err = run("sign", report, "--reviewer", "financial", "--kind", "hr")
    assert code == 2 and "--kind is the old name of --reviewer" in err


def test_a_comment_inside_the_report_cannot_be_signed(tmp_path: Path) -> None:
    code, _, err = run("sign", str(CHECK / "ready.yaml"), "--reviewer", "hr")
    assert code == 2
    assert "C808" in err


def test_a_meeting_is_checked_report_by_report() -> None:
    code, out, _ = run("check", str(ROOT / "reports" / "meetings" / "2022-03-14" / "meeting.yaml"))
    assert code == 0
    assert "item 5: " in out and "05-staffing-establishment.yaml: ready, cleared" in out


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
    code, out, err = run("check", str(meeting))
    assert code == 0, err
    assert "item 4: " in out and "staffing.yaml: ready, published 2022-03-04" in out


def test_money_typed_with_a_thousands_suffix_is_found_as_one_amount(tmp_path: Path) -> None:
    report = tmp_path / "ready.yaml"
    text = (CHECK / "ready.yaml").read_text(encoding="utf-8")
    report.write_text(text.replace("A second paragraph.", "A review costs £240k."), "utf-8")
    _, out, _ = run("check", "--format", "json", str(report))
    typed = [p["message"] for p in json.loads(out) if p["code"] == "C805"]
    assert typed == ["£240k is typed into the text, and no figure of the report has that value"]
