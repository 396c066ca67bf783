"""`reportgen pack` prints no Python warning (issue 16): an appendix that is a PDF form made
pikepdf print a PageCopyWarning, with a source line, to the terminal. Now the form is drawn
into its page (pack/sanitise.py), no library warning is printed, and the pack is built. A
comment file of a report that is not read (C810, report.comments/hr.yml) is printed as a
warning as build prints it."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import ROOT
from tests.test_output_paths import run_apart

FORMS = ROOT / "tests" / "pack" / "forms" / "meeting.yaml"
"""A meeting whose one appendix, form.pdf, has a filled-in form field."""


def test_a_pdf_form_appendix_prints_no_python_warning(tmp_path: Path) -> None:
    done = run_apart("pack", FORMS, "-o", tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Warning" not in done.stderr, done.stderr
    assert "pack.save(" not in done.stderr  # no source line of ours or the library's
    unread = FORMS.parent / "report.comments" / "hr.yml"
    assert f"{unread}: warning C810: this file is not read" in done.stderr
    assert (tmp_path / "2022-03-14-test-committee.pdf").is_file()
