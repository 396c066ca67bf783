"""A report's sections as data: the profile's sections.yaml and headings.yaml's implications.

Each profile here is a copy of the bundled Nottinghamshire profile with the fixture files of
tests/profile_sections/ written over it, as a council's own folder would be.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import docx
import pytest

from reportgen import api
from reportgen.boilerplate import DEFAULT_DIR, Boilerplate, load_boilerplate
from reportgen.document import Document, Heading, Para, plain_text
from reportgen.errors import Problem
from reportgen.pipeline import build
from reportgen.schema import report_schema
from tests.conftest import MINIMAL, position, raised

FIXTURES = Path(__file__).resolve().parent / "profile_sections"
CITY_REPORT = (FIXTURES / "city-report.yaml").read_text(encoding="utf-8")


def profile(tmp_path: Path, *files: Path, name: str = "profile") -> Path:
    """A copy of the bundled profile in ``tmp_path`` with ``files`` written over it."""
    folder = tmp_path / name
    shutil.copytree(DEFAULT_DIR, folder)
    for file in files:
        shutil.copy(file, folder / file.name)
    return folder


def city(tmp_path: Path) -> Path:
    """The city council's profile: recommendations second, an executive summary, its own
    implication kinds, Scotland's background papers statement."""
    return profile(tmp_path, *sorted((FIXTURES / "city").iterdir()))


def report_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "report.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def landmarks(doc: Document) -> list[str]:
    """Headings as '# text' / '## text', and the signature and contacts as '[role]'."""
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            out.append(f"{'#' * block.level} {plain_text(block.content)}")
        elif isinstance(block, Para) and block.role in ("signature", "contact-intro"):
            out.append(f"[{block.role}]")
    return out


def texts(doc: Document) -> list[str]:
    return [plain_text(b.content) for b in doc.blocks if isinstance(b, Heading | Para)]


def problems(path: Path, words: Boilerplate) -> tuple[Problem, ...]:
    return raised(lambda: build(path, words))


def test_the_outline_walks_the_profiles_order_with_its_own_section(tmp_path: Path) -> None:
    doc = build(report_file(tmp_path, CITY_REPORT), load_boilerplate(city(tmp_path)))
    assert landmarks(doc) == [
        "# Purpose of Report",
        "# Recommendations",
        "# Executive Summary",
        "# Information",
        "## Legal Implications",
        "## Climate Change Implications",
    ]
    assert "The council forecasts an underspend." in texts(doc)


def test_the_profiles_order_reaches_the_word_file_and_the_html(tmp_path: Path) -> None:
    source = report_file(tmp_path, CITY_REPORT)
    folder = city(tmp_path)
    api.build([source], output=tmp_path / "out.docx", boilerplate_dir=folder)
    api.build([source], output=tmp_path / "out.html", boilerplate_dir=folder)
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "out.docx")).paragraphs]
    order = ["Purpose of Report", "Recommendations", "Executive Summary", "Information"]
    assert [p for p in paragraphs if p in order] == order
    assert "Legal Implications" in paragraphs
    assert not any("Contact officer" in p or "Background Papers" in p for p in paragraphs)
    html = (tmp_path / "out.html").read_text(encoding="utf-8")
    found = [html.index(f">{heading}<") for heading in order]
    assert found == sorted(found)
    assert "Climate Change Implications" in html


def test_optional_sections_left_out_print_nothing(tmp_path: Path) -> None:
    doc = build(report_file(tmp_path, CITY_REPORT), load_boilerplate(city(tmp_path)))
    printed = texts(doc)
    for absent in ("Statutory Implications", "Background Papers", "Wards Affected", "None"):
        assert absent not in printed
    assert "[signature]" not in landmarks(doc) and "[contact-intro]" not in landmarks(doc)


def test_optional_sections_a_report_has_print_under_the_profiles_headings(tmp_path: Path) -> None:
    text = CITY_REPORT + (
        "risks: [The risk is low.]\n"
        "signed_by: {name: Ann Other, title: Chief Executive}\n"
        "contacts: [{name: Ann Other, phone: '01234 567890'}]\n"
        "background_papers: [Budget 2030]\n"
        "electoral_divisions: [All wards]\n"
    )
    doc = build(report_file(tmp_path, text), load_boilerplate(city(tmp_path)))
    assert landmarks(doc)[-6:] == [
        "## Climate Change Implications",
        "# Risk Assessment",
        "[signature]",
        "[contact-intro]",
        "# Background Papers",
        "# Wards Affected",
    ]
    printed = texts(doc)
    assert "Tel: 01234 567890" in " ".join(printed)
    statement = printed[printed.index("Background Papers") + 1]
    assert "section 50D of the Local Government (Scotland) Act 1973" in statement


def test_a_required_own_section_left_out_is_placed(tmp_path: Path) -> None:
    text = CITY_REPORT.replace("executive_summary:\n  - The council forecasts an underspend.\n", "")
    [problem] = problems(report_file(tmp_path, text), load_boilerplate(city(tmp_path)))
    assert problem.code == "S201"
    assert problem.message == "the required field 'executive_summary' is missing"
    assert (problem.where.line, problem.where.column) == (1, 1)


def test_a_misspelt_own_section_is_an_unknown_field_with_the_right_one(tmp_path: Path) -> None:
    text = CITY_REPORT.replace("executive_summary:", "executive_sumary:")
    found = problems(report_file(tmp_path, text), load_boilerplate(city(tmp_path)))
    [unknown] = [p for p in found if p.code == "S202"]
    assert unknown.hint == "did you mean 'executive_summary'?"
    assert (unknown.where.line, unknown.where.column) == position(text, "executive_sumary:")


def test_an_own_section_is_unknown_under_a_profile_without_it(
    boilerplate: Boilerplate, tmp_path: Path
) -> None:
    text = MINIMAL + "executive_summary: [A summary.]\n"
    [problem] = problems(report_file(tmp_path, text), boilerplate)
    assert problem.code == "S202"
    assert problem.message == "unknown field 'executive_summary'"


def test_a_bad_block_in_an_own_section_is_placed_in_it(tmp_path: Path) -> None:
    text = CITY_REPORT.replace(
        "  - The council forecasts an underspend.", "  - {heading: A, level: 9}"
    )
    [problem] = problems(report_file(tmp_path, text), load_boilerplate(city(tmp_path)))
    assert problem.where.path == ("executive_summary", 0, "level")
    assert (problem.where.line, problem.where.column) == position(text, "9")


def test_an_absent_section_present_is_placed_at_its_key(tmp_path: Path) -> None:
    text = CITY_REPORT + "other_options: [None were considered.]\n"
    [problem] = problems(report_file(tmp_path, text), load_boilerplate(city(tmp_path)))
    assert problem.code == "S215"
    assert problem.message == "the council's reports have no 'other_options' section"
    assert (problem.where.line, problem.where.column) == position(text, "other_options:")
    assert "use: absent" in problem.hint


def test_the_profiles_implication_kinds_are_refused_under_nottinghamshire(
    boilerplate: Boilerplate, tmp_path: Path
) -> None:
    text = MINIMAL + "implications:\n  legal: [There are none.]\n"
    [problem] = problems(report_file(tmp_path, text), boilerplate)
    assert problem.code == "S200"
    assert problem.message == "'legal' is not allowed here"
    assert (problem.where.line, problem.where.column) == position(text, "legal:")
    assert problem.hint.startswith("use one of: financial, human_resources, data_protection")
    assert "public_health (the implications of the profile's headings.yaml" in problem.hint


def test_a_kind_another_profile_has_is_refused_with_its_own_list(tmp_path: Path) -> None:
    text = CITY_REPORT.replace("  legal:", "  human_rights:")
    [problem] = problems(report_file(tmp_path, text), load_boilerplate(city(tmp_path)))
    assert problem.message == "'human_rights' is not allowed here"
    assert problem.hint.startswith("use one of: financial, legal, climate_change (")


def test_no_statutory_areas_print_no_statutory_paragraph(
    boilerplate: Boilerplate, tmp_path: Path
) -> None:
    doc = build(report_file(tmp_path, MINIMAL + "statutory: {areas: []}\n"), boilerplate)
    printed = " ".join(texts(doc))
    assert "Statutory and Policy Implications" not in printed
    assert "This report has been compiled" not in printed
    standard = build(report_file(tmp_path, MINIMAL), boilerplate)
    assert "Statutory and Policy Implications" in texts(standard)


def test_no_electoral_divisions_print_no_heading(boilerplate: Boilerplate, tmp_path: Path) -> None:
    doc = build(report_file(tmp_path, MINIMAL + "electoral_divisions: []\n"), boilerplate)
    assert "Electoral Division(s) and Member(s) Affected" not in texts(doc)
    left_out = texts(build(report_file(tmp_path, MINIMAL), boilerplate))
    heading = left_out.index("Electoral Division(s) and Member(s) Affected")
    assert left_out[heading + 1] == "All."  # the profile's default


def test_nottinghamshire_requires_a_signature_and_contacts(
    boilerplate: Boilerplate, tmp_path: Path
) -> None:
    text = MINIMAL.replace("signed_by: {name: Sue Batty, title: Service Director}\n", "")
    text = text.replace(
        'contacts: [{name: Tessa Diment, role: Group Manager, phone: "0115 8546256"}]',
        "contacts: []",
    )
    found = problems(report_file(tmp_path, text), boilerplate)
    assert [(p.code, p.message) for p in found] == [
        ("S201", "the required field 'signed_by' is missing"),
        ("S200", "this list is empty"),
    ]
    assert (found[1].where.line, found[1].where.column) == position(text, "[]")


def test_an_older_folder_without_sections_yaml_and_with_section_100d_builds(
    boilerplate: Boilerplate, tmp_path: Path
) -> None:
    folder = profile(tmp_path, FIXTURES / "older-background-papers.yaml")
    (folder / "sections.yaml").unlink()
    (folder / "older-background-papers.yaml").replace(folder / "background-papers.yaml")
    words = load_boilerplate(folder)
    assert words.sections == boilerplate.sections
    assert words.background_papers.statement.startswith("The documents listed are available")
    printed = texts(build(report_file(tmp_path, MINIMAL), words))
    statement = printed[printed.index("Background Papers and Published Documents") + 1]
    assert "section 50D" in statement


def test_the_statement_written_twice_is_a_problem(tmp_path: Path) -> None:
    folder = profile(tmp_path)
    papers = folder / "background-papers.yaml"
    papers.write_text(
        papers.read_text(encoding="utf-8") + "section_100d: Older.\n", encoding="utf-8"
    )
    [problem] = raised(lambda: load_boilerplate(folder))
    assert problem.where.file == str(papers)
    assert "as 'statement' and as 'section_100d'" in problem.message


@pytest.mark.parametrize(
    ("change", "said"),
    [
        ("  comments: {use: optional}\n", "the sections comments are not listed"),
        (
            "  purpose: {use: required}\n",
            "every report has its purpose",
            # replaced below by 'use: optional'
        ),
        ("  risks: {use: optional, heading: Risk Assessment}\n", "needs its heading"),
    ],
)
def test_a_bad_sections_file_is_placed_in_it(tmp_path: Path, change: str, said: str) -> None:
    folder = city(tmp_path)
    sections = folder / "sections.yaml"
    text = sections.read_text(encoding="utf-8")
    assert change in text
    replacement = {
        "  purpose: {use: required}\n": "  purpose: {use: optional}\n",
        "  risks: {use: optional, heading: Risk Assessment}\n": "  risks: {use: optional}\n",
    }.get(change, "")
    sections.write_text(text.replace(change, replacement), encoding="utf-8")
    [problem] = raised(lambda: load_boilerplate(folder))
    assert problem.where.file == str(sections)
    assert said in problem.message


def test_the_schema_offers_the_profiles_sections_and_kinds(tmp_path: Path) -> None:
    schema = report_schema(load_boilerplate(city(tmp_path)))
    properties = schema["properties"]
    assert list(properties["implications"]["properties"]) == [
        "financial",
        "legal",
        "climate_change",
    ]
    assert properties["executive_summary"]["title"] == "Executive Summary"
    assert properties["executive_summary"]["minItems"] == 1
    assert "risks" in properties and "other_options" not in properties
    assert "executive_summary" in schema["required"]
    assert "signed_by" not in schema["required"] and "contacts" not in schema["required"]
    assert properties["electoral_divisions"]["default"] == []
    json.dumps(schema)  # it is JSON


def test_the_bundled_schema_is_nottinghamshires(boilerplate: Boilerplate) -> None:
    schema = report_schema(boilerplate)
    assert schema == report_schema()
    assert schema["required"][-2:] == ["signed_by", "contacts"]
    assert schema["properties"]["contacts"]["minItems"] == 1
    assert schema["properties"]["electoral_divisions"]["default"] == ["All."]
    assert len(schema["properties"]["implications"]["properties"]) == 12


def test_a_default_wording_the_profile_does_not_have_is_a_problem(tmp_path: Path) -> None:
    folder = profile(tmp_path)
    sections = folder / "sections.yaml"
    text = sections.read_text(encoding="utf-8")
    sections.write_text(text.replace("default: standard", "default: shorter"), encoding="utf-8")
    [problem] = problems(report_file(tmp_path, MINIMAL), load_boilerplate(folder))
    assert problem.code == "T402"
    assert problem.message == "there is no statutory wording named 'shorter'"
    assert "sections.yaml names it as statutory's default" in problem.hint
