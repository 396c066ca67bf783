"""The line ``check`` prints for a report: the reviewer kinds of the profile in use, worded as
its reviewers.yaml says (``states``)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from reportgen.cli import main
from tests.conftest import ROOT, profile_with

HERE = ROOT / "tests" / "check" / "reviewers"
REPORT = HERE / "report.yaml"


def _line(*args: str) -> tuple[int, str]:
    """``check``'s exit code and its last line."""
    done = CliRunner().invoke(main, ["check", *args])
    return done.exit_code, done.output.strip().splitlines()[-1]


def test_no_required_reviewer_lists_the_profiles_kinds_as_not_required(tmp_path: Path) -> None:
    profile = profile_with(tmp_path / "profile", HERE / "none-required" / "reviewers.yaml")
    assert _line("--boilerplate", str(profile), str(REPORT)) == (
        0,
        f"{REPORT}: ready, cleared (legal not required, finance not required)",
    )


def test_a_state_worded_as_nothing_leaves_its_kind_out(tmp_path: Path) -> None:
    profile = profile_with(tmp_path / "profile", HERE / "quiet" / "reviewers.yaml")
    code, line = _line("--boilerplate", str(profile), str(REPORT))
    assert (code, line) == (1, f"{REPORT}: not ready, draft (finance comments still to come)")


def test_the_bundled_profile_words_a_missing_optional_comment_as_missing() -> None:
    code, line = _line(str(REPORT))
    assert (code, line) == (
        1,
        f"{REPORT}: not ready, draft (constitutional missing, financial missing, hr missing)",
    )
