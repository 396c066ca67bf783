"""reportgen import: Word files in the seeds' style (typed numbers and bullets, direct bold
for headings, merged cells, totals typed wrong) import to the committed YAML, which loads,
validates and whose first build shows every total that does not add up."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from docx import Document

from reportgen import api
from reportgen.cli import main
from reportgen.errors import ReportError

FIXTURES = Path(__file__).parent / "fixtures"
NAMES = ("seed-001", "item-05")


def _import(name: str, tmp_path: Path) -> Path:
    target = tmp_path / f"{name}.yaml"
    api.import_word(FIXTURES / f"{name}.docx", target)
    return target


@pytest.mark.parametrize("name", NAMES)
def test_a_fixture_imports_to_the_committed_yaml(name: str, tmp_path: Path) -> None:
    target = _import(name, tmp_path)
    assert target.read_text(encoding="utf-8") == (FIXTURES / f"{name}.yaml").read_text(
        encoding="utf-8"
    )
    made = sorted(p.name for p in (tmp_path / f"{name}.comments").iterdir())
    assert made == ["constitutional.yaml", "financial.yaml", "hr.yaml"]
    for kind in made:
        assert (tmp_path / f"{name}.comments" / kind).read_text(encoding="utf-8") == (
            FIXTURES / f"{name}.comments" / kind
        ).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "totals"),
    [("seed-001", ["£262,816", "£262,816", "£3,342,243"]), ("item-05", ["£358,917"])],
)
def test_the_first_build_shows_every_total_that_does_not_add_up(
    name: str, totals: list[str], tmp_path: Path
) -> None:
    target = _import(name, tmp_path)
    with pytest.raises(ReportError) as caught:
        api.load_source(target)
    problems = caught.value.problems
    assert {p.code for p in problems} == {"F601"}
    assert [p.message.split()[3] for p in problems] == totals
    assert (
        "£262,813" in problems[0].message
        if name == "seed-001"
        else "£358,918" in (problems[0].message)
    )


def test_what_the_seed_gives(tmp_path: Path) -> None:
    data = yaml.safe_load(_import("seed-001", tmp_path).read_text(encoding="utf-8"))
    assert data["date"].isoformat() == "2021-07-26" and data["agenda_item"] == "6"
    assert data["report_of"] == "THE CORPORATE DIRECTOR, ADULT SOCIAL CARE AND HEALTH"
    assert data["purpose"][0].startswith("This report seeks approval of the required")
    lettered = [b for b in data["information"] if isinstance(b, dict) and b.get("lettered")]
    assert lettered[0] == {"heading": "Increased demand", "lettered": True, "level": 2}
    twelve = data["information"][9]
    assert twelve["bullets"][0]["text"].startswith("**3 FTE (full-time equivalent) temporary")
    assert twelve["bullets"][0]["bullets"][0].startswith("**3 FTE temporary Community Care")
    items = data["recommendations"]["items"]
    assert items[0].endswith(
        "as detailed in {{ ref('during-the-covid19-pandemic', to='within-ageing-well-the') }}."
    )
    assert data["signed_by"] == {
        "name": "Melanie Brooks",
        "title": "Corporate Director for Adult Social Care and Health",
    }
    assert data["contacts"][0]["email"] == "louise.hemment@nottscc.gov.uk"
    labelled = [b for b in data["implications"]["financial"] if isinstance(b, dict)]
    assert labelled[0]["label"] == "the-financial-implications-of"
    table = labelled[1]
    assert [c.get("type", "text") for c in table["columns"]] == [
        "text",
        "text",
        "decimal",
        "text",
        "text",
        "money",
    ]
    assert table["groups"][3]["group"] == "Departmental Reviews"
    assert table["groups"][3]["stated"] == "£262,816"
    assert table["total"] == {
        "label": "TOTAL COST:",
        "subtotal": "Sub Total:",
        "stated": "£3,342,243",
    }
    comments = yaml.safe_load(
        (tmp_path / "seed-001.comments" / "constitutional.yaml").read_text(encoding="utf-8")
    )
    assert comments["initials"] == "ELP" and comments["date"].isoformat() == "2021-07-14"


def _word(path: Path) -> Path:
    doc = Document()
    doc.add_paragraph("DRAFT – not for publication")
    doc.add_paragraph("Report to Policy Committee")
    doc.add_paragraph("9 March 2022")
    doc.add_paragraph("Report of the Chief Executive")
    doc.add_paragraph("Budget Monitoring")
    doc.add_paragraph("Purpose of the Report", style="Heading 1")
    doc.add_paragraph("To report the budget, as paragraph 2 shows.", style="List Number")
    doc.add_paragraph("Information and Advice", style="Heading 1")
    p = doc.add_paragraph("The position is ", style="List Number")
    p.add_run("better").italic = True
    p.add_run(" than forecast:")
    doc.add_paragraph("•\tstaffing", style="Normal")
    sub = doc.add_paragraph("o\tagency staff")
    sub.paragraph_format.left_indent = 457200
    table = doc.add_table(rows=4, cols=3)
    for r, row in enumerate(
        [
            ["Service", "Budget £'000", "Forecast"],
            ["Adults", "1,200", "(13)"],
            ["Children", "800", "5"],
            ["Total", "2,000", "(9)"],
        ]
    ):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    doc.add_paragraph("RECOMMENDATION/S", style="Heading 1")
    doc.add_paragraph("That the Committee:")
    doc.add_paragraph("1)\tnotes the position.")
    doc.add_paragraph("Jo Smith")
    doc.add_paragraph("Chief Executive")
    doc.add_paragraph("For any enquiries about this report please contact:")
    doc.add_paragraph("Sam Lee")
    doc.add_paragraph("T: 0115 000000")
    doc.save(path)
    return path


def test_a_hand_made_report_and_what_it_cannot_place(tmp_path: Path) -> None:
    source = _word(tmp_path / "budget.docx")
    result = CliRunner().invoke(main, ["import", str(source), "-o", str(tmp_path / "b.yaml")])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == (
        "placed 18 paragraph(s), 1 table(s) and 1 reference(s); not placed: 1 paragraph(s), "
        "0 reference(s)"
    )
    text = (tmp_path / "b.yaml").read_text(encoding="utf-8")
    assert "# Not placed (Word paragraph 1): before the first heading" in text
    assert "# Word paragraph 1: DRAFT – not for publication (before the first heading" in text
    data = yaml.safe_load(text)
    assert data["purpose"][0] == {"text": "DRAFT – not for publication", "numbered": False}
    assert data["purpose"][1] == (
        "To report the budget, as {{ ref('the-position-is-better', bold=False) }} shows."
    )
    assert data["information"][0] == {
        "text": "The position is *better* than forecast:",
        "label": "the-position-is-better",
        "bullets": [{"text": "staffing", "bullets": ["agency staff"]}],
    }
    assert data["information"][1]["columns"][1] == {
        "title": "Budget £'000",
        "key": "budget-000",
        "type": "money",
        "unit": "thousands",
    }
    assert data["house_style"] == {"negative": "brackets"}
    assert data["information"][1]["rows"][0] == ["Adults", "1,200", "-13"]
    assert data["information"][1]["total"] == {
        "label": "Total",
        "columns": ["budget-000", "forecast"],
        "stated": {"budget-000": "2,000", "forecast": "-9"},
    }
    with pytest.raises(ReportError) as caught:  # it loads and validates; the total typed wrong
        api.load_source(tmp_path / "b.yaml")
    (problem,) = caught.value.problems
    assert problem.code == "F601" and "(9)" in problem.message and "(8)" in problem.message


def test_an_existing_file_is_never_replaced_without_force(tmp_path: Path) -> None:
    source = _word(tmp_path / "budget.docx")
    target = tmp_path / "b.yaml"
    target.write_text("officer's work\n", encoding="utf-8")
    with pytest.raises(ReportError) as caught:
        api.import_word(source, target)
    assert [p.code for p in caught.value.problems] == ["W910"]
    assert target.read_text(encoding="utf-8") == "officer's work\n"
    api.import_word(source, target, force=True)
    assert target.read_text(encoding="utf-8").startswith("# Imported by reportgen import")


def test_a_file_that_is_not_word_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "old.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    result = CliRunner().invoke(main, ["import", str(bad)])
    assert result.exit_code == 2
    assert "error W903" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.doc"]


def test_appendices_named_in_the_text_become_references(tmp_path: Path) -> None:
    doc = Document()
    doc.add_paragraph("Report to Policy Committee")
    doc.add_paragraph("9 March 2022")
    doc.add_paragraph("Report of the Chief Executive")
    doc.add_paragraph("Carers Strategy")
    doc.add_paragraph("Purpose of the Report", style="Heading 1")
    p = doc.add_paragraph("To seek approval of the strategy at ", style="List Number")
    p.add_run("Appendix 2").bold = True
    p.add_run(".")
    doc.add_paragraph("Information and Advice", style="Heading 1")
    doc.add_paragraph("The consultation is summarised in Appendix 2.", style="List Number")
    doc.add_paragraph("RECOMMENDATION/S", style="Heading 1")
    doc.add_paragraph("1)\tThat the strategy is approved.")
    doc.save(tmp_path / "carers.docx")
    result = CliRunner().invoke(
        main, ["import", str(tmp_path / "carers.docx"), "-o", str(tmp_path / "c.yaml")]
    )
    assert result.exit_code == 0, result.output
    data = yaml.safe_load((tmp_path / "c.yaml").read_text(encoding="utf-8"))
    # Appendix 2 is named, so Appendix 1 is listed too, for the numbers to stay as printed
    assert data["appendices"] == [
        {"label": "appendix-1", "title": "(an appendix the report's text does not name)"},
        {"label": "appendix-2", "title": "(the appendix's title)"},
    ]
    assert data["purpose"] == ["To seek approval of the strategy at {{ ref('appendix-2') }}."]
    assert data["information"] == [
        "The consultation is summarised in {{ ref('appendix-2', bold=False) }}."
    ]
    [page] = api.build([tmp_path / "c.yaml"], output=tmp_path / "c.html")
    text = re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8"))
    assert "strategy at Appendix 2." in text and "summarised in Appendix 2." in text
