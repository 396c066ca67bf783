"""`reportgen review` and api.review_sheet / api.review: which sheet a reviewer gets, where it is
written, and what is refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pikepdf
import pytest

from reportgen import api
from reportgen.boilerplate import DEFAULT_DIR
from reportgen.writers.docx.accessibility import check_docx
from tests.conftest import raised
from tests.review.sheets import PROMOTING, RECOVERY, TYPED, docx_text, run, typed_copy


def test_review_writes_the_finance_sheet(tmp_path: Path) -> None:
    target = tmp_path / "sheet.docx"
    result = run("review", "--reviewer", "financial", str(TYPED), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert f"wrote {target}" in result.output
    text = docx_text(target)
    for expected in (
        "Finance review: A small report with typed amounts",
        "Amounts typed in the text",
        "Band B £42,779.05 a year × 1 FTE × 12/12 months",
        "sum of 3 rows of posts-table, column 'Cost': 42,779 + 26,609 + 500",
        "stated 69,888, agrees",
        "£1,234",
        "typed, not computed",
        "matches no figure",
    ):
        assert expected in text
    assert check_docx(target.read_bytes()) == []


def test_review_writes_the_legal_and_hr_sheets(tmp_path: Path) -> None:
    legal, hr = tmp_path / "legal.docx", tmp_path / "hr.docx"
    assert (
        run("review", "--reviewer", "constitutional", str(PROMOTING), "-o", str(legal)).exit_code
        == 0
    )
    assert run("review", "--reviewer", "hr", str(RECOVERY), "-o", str(hr)).exit_code == 0
    text = docx_text(legal)
    assert "the reconfiguration of existing established posts" in text
    assert "no: it has no address" in text
    text = docx_text(hr)
    assert "Maximising Independence Service Team Manager" in text
    assert "Band D" in text and "Grade 5" in text


def test_review_writes_a_pdf(tmp_path: Path) -> None:
    target = tmp_path / "sheet.pdf"
    result = run("review", "--reviewer", "financial", str(TYPED), "-o", str(target))
    assert result.exit_code == 0, result.output
    with pikepdf.open(target) as pdf:
        assert str(pdf.docinfo["/Title"]) == "Finance review: A small report with typed amounts"
        assert pdf.Root.MarkInfo.Marked


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        ((), "error O520: say whose review sheet to write"),
        (("--finance", "--hr"), "error O521: one review sheet at a time: --finance and --hr"),
        (
            ("--reviewer", "hr", "--legal"),
            "error O521: one review sheet at a time: --reviewer hr and --legal",
        ),
        (("--reviewer", "audit"), "error R306: there is no reviewer kind 'audit'"),
    ],
)
def test_review_needs_exactly_one_sheet(
    tmp_path: Path, flags: tuple[str, ...], message: str
) -> None:
    target = tmp_path / "sheet.docx"
    result = run("review", *flags, str(TYPED), "-o", str(target))
    assert result.exit_code == 2
    assert message in result.output
    assert "nothing was written" in result.output
    assert list(tmp_path.iterdir()) == []


def test_review_keeps_a_file_a_person_wrote(tmp_path: Path) -> None:
    target = tmp_path / "sheet.docx"
    target.write_bytes(b"an officer's notes")
    result = run("review", "--reviewer", "constitutional", str(TYPED), "-o", str(target))
    assert result.exit_code == 2
    assert "error O503" in result.output
    assert target.read_bytes() == b"an officer's notes"


def test_the_api_refuses_an_unknown_sheet_and_a_bad_suffix(tmp_path: Path) -> None:
    problems = raised(lambda: api.review_sheet(TYPED, "audit", output=tmp_path / "x.txt"))
    assert [p.code for p in problems] == ["R306", "O505"]
    assert list(tmp_path.iterdir()) == []


def test_review_without_o_writes_beside_the_report(tmp_path: Path) -> None:
    report = typed_copy(tmp_path)
    result = run("review", "--reviewer", "financial", str(report))
    assert result.exit_code == 0, result.output
    target = report.parent / "typed-amounts.financial-review.docx"
    assert f"wrote {target}" in result.output
    assert "Finance review: A small report with typed amounts" in docx_text(target)
    assert run("review", "--reviewer", "financial", str(report)).exit_code == 0  # its own file
    assert run("review", "--legal", str(report)).exit_code == 0  # the old flag, the same name
    assert sorted(p.name for p in report.parent.iterdir()) == [
        "typed-amounts.constitutional-review.docx",
        "typed-amounts.financial-review.docx",
        "typed-amounts.yaml",
    ]


@pytest.mark.parametrize(
    ("old", "new"),
    [("--finance", "financial"), ("--legal", "constitutional"), ("--hr", "hr")],
)
def test_the_old_sheet_flags_still_write_the_same_sheet(tmp_path: Path, old: str, new: str) -> None:
    before, after = tmp_path / "old.docx", tmp_path / "new.docx"
    assert run("review", old, str(TYPED), "-o", str(before)).exit_code == 0
    assert run("review", "--reviewer", new, str(TYPED), "-o", str(after)).exit_code == 0
    assert docx_text(before) == docx_text(after)
    assert "--finance" not in run("review", "--help").output  # hidden, kept for old scripts


def test_sign_and_review_take_a_kind_a_council_adds(tmp_path: Path) -> None:
    folder = tmp_path / "boilerplate"
    shutil.copytree(DEFAULT_DIR, folder)
    kinds = folder / "reviewers.yaml"
    procurement = (
        "  procurement:\n    title: Procurement comments\n"
        '    heading: "Procurement Comments ({initials} {date})"\n    required: false\n'
    )
    kinds.write_text(kinds.read_text(encoding="utf-8") + procurement, encoding="utf-8")
    report = typed_copy(tmp_path)
    comments = report.with_suffix(".comments")
    comments.mkdir()
    (comments / "procurement.yaml").write_text(
        "initials: PQ\ndate: 2017-01-02\nbody: [The contract is within the framework.]\n"
    )
    bp = ("--boilerplate", str(folder))
    signed = run("sign", str(report), "--reviewer", "procurement", *bp)
    assert signed.exit_code == 0, signed.output
    assert "reviewed: " in (comments / "procurement.yaml").read_text()
    assert run("sign", str(report), "--kind", "procurement", *bp).exit_code == 0  # old spelling

    result = run("review", "--reviewer", "procurement", str(report), *bp)
    assert result.exit_code == 2
    assert "error O522: there is no review sheet for the procurement reviewer" in result.output
    assert "fix: use one of: constitutional, financial, hr;" in result.output
    kinds.write_text(kinds.read_text(encoding="utf-8") + "    sheet: finance\n", "utf-8")
    result = run("review", "--reviewer", "procurement", str(report), *bp)
    assert result.exit_code == 0, result.output
    target = report.with_name(f"{report.stem}.procurement-review.docx")
    assert "Finance review: A small report with typed amounts" in docx_text(target)


def test_which_sheet_a_name_means_is_decided_by_the_reviewers_model(tmp_path: Path) -> None:
    """A reviewer kind, a sheet's own name, no reviewer's name, a reviewer without a sheet: one
    answer each, from :meth:`Reviewers.sheet_for`, which the command and the API use."""
    from reportgen.boilerplate import Chosen, load_boilerplate, sheet_named
    from reportgen.errors import Problem, ReportError

    reviewers = load_boilerplate().reviewers
    assert reviewers.sheet_for("financial") == Chosen("financial", "finance")
    assert reviewers.sheet_for("legal") == Chosen("constitutional", "legal")
    unknown = reviewers.sheet_for("procurement")
    assert isinstance(unknown, Problem) and unknown.code == "R306"
    assert unknown == reviewers.unknown("procurement")
    assert sheet_named("hr") == "hr"
    wrong = sheet_named("payroll")
    assert isinstance(wrong, Problem)
    assert (wrong.code, wrong.message) == ("O522", "there is no review sheet 'payroll'")
    folder = tmp_path / "boilerplate"
    shutil.copytree(DEFAULT_DIR, folder)
    file = folder / "reviewers.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace("    sheet: hr\n", ""), "utf-8")
    none = load_boilerplate(folder).reviewers.sheet_for("hr")
    assert isinstance(none, Problem)
    assert (none.code, none.message) == ("O522", "there is no review sheet for the hr reviewer")
    assert none.hint.startswith("use one of: constitutional, financial; ")
    with pytest.raises(ReportError) as raised:
        api.review_sheet(RECOVERY, "hr", boilerplate_dir=folder)
    assert raised.value.problems == (none,)
