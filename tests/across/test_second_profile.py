"""The second bundled profile, Kingsmere City Council (fictional), built as its officers would.

reports/kingsmere/ holds its configuration (.reportgen.yaml naming the profile), two reports
and their reviewers' comments, and a meeting. Nothing here passes --profile: the profile is
found from the reports' folder. What the format asks, and each test looks for in real output:
paragraphs numbered by section under numbered headings, Recommendations second, an executive
summary, Legal, Risk and Climate Change implications, a header table of contact officer, wards
and publication status, and a budget in £'000 with negatives in brackets.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from reportgen.cli import main
from tests.conftest import ROOT

KINGSMERE = ROOT / "reports" / "kingsmere"
MEETING = KINGSMERE / "2026-11-19"
BUDGET = MEETING / "38-budget-monitoring.yaml"
CLIMATE = MEETING / "39-climate-action-plan.yaml"


def _run(*args: str) -> str:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("kingsmere")
    _run("build", str(BUDGET), str(CLIMATE), "--out-dir", str(out), "--to", "docx,pdf,html")
    return out


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_the_header_is_kingsmeres_table(built: Path) -> None:
    word = docx.Document(str(built / "38-budget-monitoring.docx"))
    header, *details = word.tables[0].rows
    assert [cell.text for cell in header.cells] == ["Report details", "Report details"]
    rows = {row.cells[0].text: row.cells[1].text for row in details}
    assert rows == {
        "Report to": "Policy and Resources Committee",
        "Date of meeting": "19 November 2026",
        "Report of": "Director of Finance and Resources",
        "Contact officer": "Priya Natarajan, Head of Corporate Finance",
        "Wards affected": "All wards",
        "Publication status": "For general release",
        "Report number": "PR/2026/041",
    }
    assert word.core_properties.author == "Kingsmere City Council"
    assert word.inline_shapes, "the crest of look.yaml is at the top"
    from reportgen.writers.docx.accessibility import check_docx

    assert check_docx((built / "38-budget-monitoring.docx").read_bytes()) == []


def test_sections_are_numbered_with_recommendations_second(built: Path) -> None:
    """LibreOffice's PDF recomputes Word's numbers and REF fields from the document itself."""
    text = " ".join(_pdf_text(built / "38-budget-monitoring.pdf").split())
    order = [
        "1. Purpose of Report",
        "1.1 To report the forecast outturn",
        "2. Recommendations",
        "2.1 note the forecast outturn for 2026/27 set out in paragraph 4.2;",
        "2.2 approve the recovery plan in paragraph 4.3",
        "(a) a review of every placement",
        "(b) a pause on recruitment",
        "3. Executive Summary",
        "4. Background and Main Issues",
        "4.2 The table below",
        "5. Implications",
        "Financial 5.1",
        "Legal 5.2",
        "Risk 5.3",
        "Climate Change 5.4",
        "Comments of the Monitoring Officer (DO 06/11/26) 5.5",
        "Comments of the Chief Finance Officer (HM 05/11/26) 5.6",
    ]
    places = [text.find(part) for part in order]
    assert -1 not in places, [part for part, at in zip(order, places, strict=True) if at < 0]
    assert places == sorted(places)
    for nottinghamshire in ("Statutory and Policy", "Electoral Division", "RECOMMENDATION/S"):
        assert nottinghamshire not in text


def test_the_budget_is_in_thousands_with_brackets(built: Path) -> None:
    word = docx.Document(str(built / "38-budget-monitoring.docx"))
    rows = [[cell.text for cell in row.cells] for row in word.tables[1].rows]
    assert rows[0] == [
        "Directorate",
        "Budget\n£'000",
        "Forecast\n£'000",
        "Variance\n£'000",
        "Variance %",
    ]
    assert ["Corporate Services", "22,615", "21,880", "(735)", "(3.3%)"] in rows
    assert ["Investment income", "(3,400)", "(4,150)", "(750)", "(22.1%)"] in rows
    assert rows[-1] == ["Net general fund", "185,650", "188,435", "2,785", "1.5%"]
    text = " ".join(_pdf_text(built / "38-budget-monitoring.pdf").split())
    assert "overspent by £2,785,000 at the year end" in text
    assert "is 1.5% of the net budget" in text


def test_the_html_edition_prints_the_same_header(built: Path) -> None:
    html = (built / "39-climate-action-plan.html").read_text(encoding="utf-8")
    for line in ("Contact officer: Tom Ashworth", "Wards affected: All wards"):
        assert line in html
    assert "Publication status: For general release" in html
    assert "#005F61" in html.upper()  # the heading colour of look.yaml


def test_both_reports_are_ready_and_cleared() -> None:
    output = _run("check", str(BUDGET), str(CLIMATE))
    assert f"{BUDGET.name}: ready, cleared (constitutional signed, financial signed)" in output
    assert "hr" not in output.split(f"{CLIMATE.name}:")[1]  # Kingsmere has no HR reviewer


def test_a_changed_paragraph_makes_a_signed_comment_stale(tmp_path: Path) -> None:
    """The reviewers' fingerprint counts paragraphs numbered by section (4.2), not only 1, 2."""
    copy = tmp_path / "kingsmere"
    shutil.copytree(KINGSMERE, copy)
    report = copy / MEETING.name / BUDGET.name
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace("latest forecasts", "latest returns"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", str(report)])
    assert result.exit_code == 1, result.output
    assert "C803" in result.output and "paragraph 4.1" in result.output


def test_the_meeting_packs_with_items_numbered_through_the_year(tmp_path: Path) -> None:
    _run("pack", str(MEETING / "meeting.yaml"), "-o", str(tmp_path))
    (pack,) = tmp_path.glob("*.pdf")
    pages = [page.extract_text() for page in PdfReader(pack).pages]
    front = " ".join(pages[0].split())
    for entry in (
        "36 Apologies for absence",
        "37 Declarations of interest",
        "38 Revenue budget monitoring 2026/27, Quarter 2 2 - 5",  # with its chart
        "39 Climate Action Plan annual progress report 6 - 7",
        "Information for members of the public",
        "Enquiries about this agenda: Sam Whitfield, email "
        "democratic.services@kingsmere.example.gov.uk.",
    ):
        assert entry in front
    assert "Tel." not in front and "telephone" not in front  # the contact gives no phone
    assert "Customer Services" not in front  # Nottinghamshire's notes are replaced
    assert "Agenda item: 38" in pages[1] and "Agenda item: 39" in pages[5]


def test_the_reports_schema_is_kingsmeres_and_they_follow_it() -> None:
    """reports/kingsmere/schemas/report.schema.json is what `reportgen schema` writes there,
    so an editor completes Kingsmere's own sections, implications and header fields."""
    import json

    import jsonschema
    import yaml

    from reportgen.boilerplate import load_boilerplate
    from reportgen.profile import BUNDLED
    from reportgen.schema import schema_text

    committed = (KINGSMERE / "schemas" / "report.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text("report", load_boilerplate(BUNDLED / "kingsmere"))
    schema = json.loads(committed)
    properties = schema["properties"]
    assert list(properties["implications"]["properties"]) == [
        "financial",
        "legal",
        "risk",
        "climate_change",
    ]
    assert "executive_summary" in properties and "electoral_divisions" not in properties
    assert {"contact_officer", "wards_affected", "publication_status"} <= set(
        properties["header"]["properties"]
    )
    for report in (BUDGET, CLIMATE):
        assert report.read_text(encoding="utf-8").startswith(
            "# yaml-language-server: $schema=../schemas/report.schema.json\n"
        )
        data = yaml.safe_load(report.read_text(encoding="utf-8"))
        data["date"] = str(data["date"])  # YAML reads a date; the schema's is a string
        jsonschema.validate(data, schema)


def test_the_review_sheets_speak_of_paragraphs_as_kingsmere_numbers_them(tmp_path: Path) -> None:
    """The finance sheet places each figure at its paragraph as printed (3.1, 4.1); the legal
    sheet lists the recommendations as numbered (2.1) and has no statutory section, which
    Kingsmere's reports do not have."""
    from docx import Document as Word

    for kind in ("financial", "constitutional"):
        _run("review", str(BUDGET), "--reviewer", kind, "-o", str(tmp_path / f"{kind}.docx"))
    finance = Word(str(tmp_path / "financial.docx"))
    places = [row.cells[1].text for table in finance.tables for row in table.rows]
    assert "paragraph 3.1" in places and "paragraph 4.1" in places
    legal = [p.text for p in Word(str(tmp_path / "constitutional.docx")).paragraphs]
    assert "2.1\tnote the forecast outturn for 2026/27 set out in paragraph 4.2;" in legal
    assert "(a)\ta review of every placement costing more than £5,000 a week; and" in legal
    assert not any("Statutory" in text for text in legal)
