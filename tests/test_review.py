"""The review sheets, on real output: the finance, legal and HR sheets of the example reports and
of a small report with amounts typed into its text, as documents and as the files the command
writes."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import docx
import pikepdf
import pytest
from click.testing import CliRunner, Result
from docx.oxml.ns import qn

from reportgen import api
from reportgen.boilerplate import DEFAULT_DIR, SHEET_KINDS
from reportgen.cli import main
from reportgen.document import (
    Document,
    Figure,
    Link,
    Para,
    Table,
    document_figures,
    plain_text,
)
from reportgen.writers.docx.accessibility import check_docx
from tests.conftest import EXAMPLES, raised

RECOVERY = EXAMPLES / "recovery-from-covid.yaml"
PROMOTING = EXAMPLES / "promoting-independence.yaml"
TYPED = Path(__file__).resolve().parent / "review" / "typed-amounts.yaml"
"""A small report with £1,234 typed into its text (no figure has it) and £500 (a figure has)."""

FIGURES = "Figures in the report"
TYPED_AMOUNTS = "Amounts of money typed in the text"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def table(document: Document, title: str) -> Table:
    """The one table of ``document`` titled ``title``."""
    found = [b for b in document.blocks if isinstance(b, Table) and b.title == title]
    assert len(found) == 1, [b.title for b in document.blocks if isinstance(b, Table)]
    return found[0]


def body(t: Table) -> list[list[str]]:
    """The text of each cell of each body row of ``t``."""
    return [[plain_text(c.content) for c in row.cells] for row in t.rows if row.role == "body"]


def groups_and_rows(t: Table) -> Iterator[tuple[str, list[str]]]:
    """Each body row of ``t`` with the text of the group row above it."""
    group = ""
    for row in t.rows:
        if row.role == "group":
            group = plain_text(row.cells[0].content)
        elif row.role == "body":
            yield group, [plain_text(c.content) for c in row.cells]


def figures_of(document: Document) -> list[Figure]:
    """Every figure node of ``document``, in text and tables, in order."""
    return document_figures(document)


def docx_text(path: Path) -> str:
    """The text of each paragraph of a .docx (table cells included), one a line."""
    body_element = docx.Document(str(path)).element.body
    return "\n".join(
        "".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body_element.iter(qn("w:p"))
    )


@pytest.fixture(scope="module")
def recovery() -> Document:
    return api.load_documents([RECOVERY])[RECOVERY]


@pytest.fixture(scope="module")
def recovery_finance() -> Document:
    return api.review_sheet(RECOVERY, "finance")


# --- finance ------------------------------------------------------------------------------------


def test_the_finance_sheet_lists_every_figure_of_the_report_in_order(
    recovery: Document, recovery_finance: Document
) -> None:
    figures = figures_of(recovery)
    rows = body(table(recovery_finance, FIGURES))
    assert len(figures) == 200
    assert len(rows) == len(figures)
    for n, (figure, row) in enumerate(zip(figures, rows, strict=True), 1):
        number, _, shown, value, kind, origin, _ = row
        assert (number, shown, kind) == (str(n), figure.shown, figure.kind)
        assert value.replace(",", "") == str(figure.value)
        assert origin.startswith(figure.origin.how)


def test_the_finance_sheet_shows_the_pay_scale_working_and_the_sums(
    recovery_finance: Document,
) -> None:
    first = [
        row
        for group, row in groups_and_rows(table(recovery_finance, FIGURES))
        if group.startswith("Table of resources (")
    ]
    costs = [row for row in first if row[1].endswith(": Total Cost £")]
    assert [row[1] for row in costs[:2]] == [
        "row 1 (Social Workers): Total Cost £",
        "row 2 (Community Care Officers): Total Cost £",
    ]
    *posts, total = costs
    assert len(posts) == 11
    assert posts[0][2:6] == [
        "74,863",
        "74,863",
        "money",
        "Band B £42,779.05 a year × 3 FTE × 7/12 months = £74,863.34, rounded to the pound "
        "(pay scale ../pay-scales/2021-22.yaml)",
    ]
    assert all(" a year × " in row[5] and "(pay scale " in row[5] for row in posts)
    assert total[1] == "row 12 (TOTAL): Total Cost £"
    assert total[2] == "1,070,234"
    added = " + ".join(row[2] for row in posts)
    assert total[5] == f"sum of 11 rows of msh-staffing, column 'Total Cost £': {added}"


def test_a_typed_amount_that_no_figure_has_is_flagged() -> None:
    sheet = api.review_sheet(TYPED, "finance")
    figures = body(table(sheet, FIGURES))
    typed = body(table(sheet, TYPED_AMOUNTS))
    assert [row[1:4] for row in typed] == [
        ["paragraph 3", "£1,234", "1,234"],
        ["paragraph 3", "£500", "500"],
    ]
    assert typed[0][4] == "typed, not computed\nmatches no figure"
    assert typed[0][5].startswith("A further £1,234 was spent on advertising")
    same = typed[1][4]
    assert same.startswith("typed, not computed\nthe same as figure ")
    figure = figures[int(same.rsplit(" ", 1)[1]) - 1]
    assert figure[1:3] == ["row 3 (Training budget): Cost", "£500"]
    assert figure[5] == "typed\nthe named figure ‘training’"


def test_a_stated_total_is_said_to_agree() -> None:
    figures = body(table(api.review_sheet(TYPED, "finance"), FIGURES))
    totals = [row for row in figures if row[1] == "row 4 (TOTAL): Cost"]
    assert len(totals) == 1
    assert totals[0][5].endswith("\nstated 69,888, agrees")
    quoted = [row for row in figures if row[1] == "paragraph 2" and row[2] == "£69,888"]
    assert quoted[0][5].endswith("\nthe total of table ‘posts-table’\nstated 69,888, agrees")


def test_a_report_with_no_typed_money_says_so(recovery_finance: Document) -> None:
    texts = [plain_text(b.content) for b in recovery_finance.blocks if isinstance(b, Para)]
    assert "No amount of money is typed into the text; every amount is a figure." in texts
    assert not any(
        b.title == TYPED_AMOUNTS for b in recovery_finance.blocks if isinstance(b, Table)
    )


# --- legal --------------------------------------------------------------------------------------


def test_the_legal_sheet_lists_the_recommendations_and_the_unpublished_paper() -> None:
    report = api.load_documents([PROMOTING])[PROMOTING]
    sheet = api.review_sheet(PROMOTING, "legal")

    def recommendations(document: Document) -> list[tuple[str, str]]:
        return [
            (b.mark.label if b.mark else "", plain_text(b.content))
            for b in document.blocks
            if isinstance(b, Para) and b.role == "recommendation"
        ]

    listed = recommendations(sheet)
    assert [label for label, _ in listed] == ["1", "2"]
    assert listed == recommendations(report)
    assert listed[1][1].startswith("funding for two temporary FTE Business Support Officer")
    papers = body(table(sheet, "Background papers and where they are published"))
    assert papers == [
        [
            "Better Care Fund – Proposed Allocation of Funding: report to Adult Social Care and "
            "Health Committee on 12th September 2016",
            "no: it has no address",
            "",
        ]
    ]
    comment = body(table(sheet, "The constitutional comment"))
    assert comment == [
        [
            "18",
            "The recommendations in the report fall within the Terms of Reference of the Adult "
            "Social Care and Health Committee.",
        ]
    ]


def test_the_legal_sheet_links_a_published_paper_and_quotes_the_statutory_paragraph() -> None:
    sheet = api.review_sheet(TYPED, "legal")
    papers = table(sheet, "Background papers and where they are published")
    assert body(papers) == [
        [
            "Staffing report to Committee, 12 September 2016",
            "yes",
            "https://example.org/staffing.pdf",
        ],
        ["Workforce plan 2016 (not published)", "no: it has no address", ""],
    ]
    address = papers.rows[1].cells[2].content[0]
    assert isinstance(address, Link) and address.url == "https://example.org/staffing.pdf"
    [(number, text)] = body(table(sheet, "The statutory and policy implications paragraph"))
    assert number == "4"
    assert text.startswith("This report has been compiled after consideration of implications")
    bullets = [
        plain_text(b.content) for b in sheet.blocks if isinstance(b, Para) and b.role == "bullet"
    ]
    assert bullets[:3] == ["crime and disorder", "finance", "human resources"]


# --- HR -----------------------------------------------------------------------------------------


def test_the_hr_sheet_lists_the_posts_of_the_first_table(recovery: Document) -> None:
    sheet = api.review_sheet(RECOVERY, "hr")
    first = table(sheet, "Posts in Table of resources")
    header = [plain_text(c.content) for c in first.rows[0].cells]
    assert header == ["Row", "Job Title", "Grade", "Full Time Equivalent", "Team", "Total Cost £"]
    source = next(b for b in recovery.blocks if isinstance(b, Table))
    assert source.title == "Table of resources"
    expected = [
        [plain_text(c.content) for c in row.cells][:3] for row in source.rows if row.role == "body"
    ]
    assert [row[1:4] for row in body(first)] == expected
    assert body(first)[0] == [
        "1",
        "Social Workers",
        "Band B",
        "3",
        "Multi-Agency Safeguarding Hub",
        "74,863",
    ]
    assert len(expected) == 11


def test_the_hr_sheet_leaves_out_rows_that_are_not_posts_and_quotes_the_implications() -> None:
    sheet = api.review_sheet(TYPED, "hr")
    posts = table(sheet, "Posts in Table of posts")
    assert body(posts) == [
        ["1", "Social Worker", "Band B", "1", "Temporary to March 2023", "£42,779"],
        ["2", "Team Manager", "Band D", "0.5", "Permanent", "£26,609"],
    ]
    assert body(table(sheet, "The human resources implications")) == [
        ["5", "The posts will be recruited to in line with the Council's procedures."]
    ]


def test_the_hr_sheet_shows_the_groups_of_a_table_that_gathers_others() -> None:
    sheet = api.review_sheet(RECOVERY, "hr")
    gathered = table(
        sheet,
        "Posts in The financial implications of resources requested in this report are as follows",
    )
    rows = list(groups_and_rows(gathered))
    assert rows[0] == (
        "Increased Safeguarding Demand",
        [
            "2",
            "Social Workers",
            "Band B",
            "3",
            "Temporary (Sept 21 - Mar 22)",
            "Multi-Agency Safeguarding Hub",
            "£74,863",
        ],
    )
    assert all("IT equipment" not in row[1] for _, row in rows)  # its 'grade' is an amount


# --- every sheet --------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", SHEET_KINDS)
@pytest.mark.parametrize("report", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_sheet_is_accessible(report: Path, kind: str) -> None:
    sheet = api.review_sheet(report, kind)
    assert sheet.meta.kind == "review"
    assert check_docx(api.render(sheet, "docx")) == []


def test_a_sheet_starts_with_the_report_particulars(recovery_finance: Document) -> None:
    meta = recovery_finance.meta
    assert meta.title == "Finance review: Adults and Health Recovery from COVID"
    first = [plain_text(b.content) for b in recovery_finance.blocks[:8] if not isinstance(b, Table)]
    assert first == [
        "Finance review: Adults and Health Recovery from COVID",
        "Report: Adults and Health Recovery from COVID",
        "Committee: Adult Social Care and Public Health Committee",
        "Meeting: 26 July 2021",
        "Agenda item: 6",
        "Reference: ASCPH771",
        "Report of: the Corporate Director, Adult Social Care and Health",
        "Made from: recovery-from-covid.yaml",
    ]


# --- the command --------------------------------------------------------------------------------


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


def test_the_sheets_wording_is_checked_at_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "boilerplate"
    shutil.copytree(DEFAULT_DIR, folder)
    words = folder / "review-sheets.yaml"
    text = words.read_text(encoding="utf-8")
    words.write_text(text.replace('"paragraph {number}"', '"paragraph {numbr}"', 1), "utf-8")
    [problem] = raised(lambda: api.review_sheet(TYPED, "finance", boilerplate_dir=folder))
    assert problem.where.file == str(words)
    assert problem.where.path == ("places", "paragraph")
    assert "{numbr}" in problem.message


# --- one name per reviewer: the kinds of reviewers.yaml -------------------------------------------


def typed_copy(tmp_path: Path) -> Path:
    """A copy of the typed-amounts report, with the pay scale it names at the same relative
    place, in a folder of its own."""
    shutil.copytree(TYPED.parent, tmp_path / "tests" / "review")
    shutil.copytree(EXAMPLES.parent / "pay-scales", tmp_path / "reports" / "pay-scales")
    return tmp_path / "tests" / "review" / TYPED.name


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


def test_a_sheet_prints_a_value_as_given_by_the_house_style(tmp_path: Path) -> None:
    """The figures' values: thousands separated, a whole number without the zeros a scaling
    left, a fraction with the places it was given; printed by resolve/style.py."""
    from decimal import Decimal

    from reportgen.resolve.style import digits_as_given

    assert digits_as_given(Decimal("12384000.000")) == "12,384,000"
    assert digits_as_given(Decimal("1234.50")) == "1,234.50"
    assert digits_as_given(Decimal("0.0585")) == "0.0585"
    report = tmp_path / "typed.yaml"
    text = TYPED.read_text(encoding="utf-8").replace("../../reports", str(EXAMPLES.parent))
    text = text.replace("  training: £500\n", "  training: £500\n  grant: £12.384m\n")
    report.write_text(
        text.replace(
            "and training {{ fig('training') }}.",
            "and training {{ fig('training') }}; the grant is {{ fig('grant') | short }}"
            " and {{ fig('grant') }}.",
        ),
        encoding="utf-8",
    )
    figures = body(table(api.review_sheet(report, "finance"), FIGURES))
    grant = [row for row in figures if row[2] in ("£12.384m", "£12,384,000")]
    assert [row[3] for row in grant] == ["12,384,000", "12,384,000"]


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
