"""The header block as the profile declares it (header.yaml): the fields a report gives in its
``header:`` mapping resolved into the document, and every mistake in them placed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen import api
from reportgen.boilerplate import DEFAULT_DIR, load_boilerplate
from reportgen.document import Document
from reportgen.errors import ReportError

HERE = Path(__file__).parent / "header"


def profile(tmp_path: Path, *files: str) -> Path:
    """A copy of the bundled profile with the fixture ``files`` written over it."""
    folder = tmp_path / "profile"
    shutil.copytree(DEFAULT_DIR, folder)
    for name in files:
        shutil.copy(HERE / name, folder / name)
    return folder


def resolved(report: Path, folder: Path) -> Document:
    """The document of ``report`` built with the profile ``folder``."""
    (document,) = api.load_documents([report], folder).values()
    return document


def test_the_bundled_header_prints_today_s_header() -> None:
    (document,) = api.load_documents([Path("reports/examples/co-production.yaml")]).values()
    assert [line.text for line in document.meta.header] == [
        "Report to Adult Social Care and Health Committee",
        "22 April 2013",
        "Agenda Item: 6",
        "Report of the Service Director for Personal Care and Support - Younger Adults",
        "Co Production in Mental Health Services",
        "Reference: ASCH 121",
    ]


def test_a_profile_s_own_fields_are_printed_in_its_order(tmp_path: Path) -> None:
    document = resolved(HERE / "report.yaml", profile(tmp_path, "header.yaml"))
    lines = {line.name: line for line in document.meta.header}
    assert [line.name for line in document.meta.header] == list(
        load_boilerplate(profile(tmp_path / "again", "header.yaml")).header.fields
    )
    assert lines["contact_officer"].text == "Contact officer: Jo Smith"
    assert lines["wards_affected"].text == "Wards affected: Arboretum, Bulwell"
    assert lines["publication_status"].text == "Publication status: For general release"
    assert lines["decision_due"].value == "1 April 2022"  # a date in house style
    assert lines["contact_officer"].style == "contact-officer"


def test_an_optional_field_left_empty_prints_no_label(tmp_path: Path) -> None:
    document = resolved(HERE / "report.yaml", profile(tmp_path, "header.yaml"))
    lines = {line.name: line for line in document.meta.header}
    assert lines["agenda_item"].text == "" and lines["report_number"].text == ""
    assert lines["reference"].text == ""


def test_mistakes_in_the_header_are_placed_with_a_fix(tmp_path: Path) -> None:
    with pytest.raises(ReportError) as caught:
        resolved(HERE / "bad.yaml", profile(tmp_path, "header.yaml"))
    found = {(p.code, p.where.line): p for p in caught.value.problems}
    assert sorted(found) == [
        ("S250", 7),
        ("S250", 12),
        ("S251", 10),
        ("S251", 11),
        ("S252", 9),
        ("S254", 6),
    ]
    assert "did you mean 'contact_officer'?" in found["S250", 7].hint
    assert "'twelve' is not one" in found["S251", 10].message
    assert "not a list" in found["S251", 11].message
    assert "did you mean 'Exempt'?" in found["S252", 9].hint
    assert "For general release, Exempt" in found["S252", 9].hint
    assert "'contact_officer' is required" in found["S254", 6].message
    assert all(p.where.file.endswith("bad.yaml") for p in caught.value.problems)


def test_a_field_of_the_bundled_profile_s_header_is_unknown(tmp_path: Path) -> None:
    with pytest.raises(ReportError) as caught:
        resolved(HERE / "report.yaml", DEFAULT_DIR)
    assert {p.code for p in caught.value.problems} == {"S250"}
    assert "the fields of header.yaml are: (none)" in caught.value.problems[0].hint


def test_a_choice_field_without_choices_is_a_problem_in_header_yaml(tmp_path: Path) -> None:
    folder = profile(tmp_path, "header.yaml")
    text = (folder / "header.yaml").read_text(encoding="utf-8")
    (folder / "header.yaml").write_text(
        text.replace("    choices: [For general release, Exempt]\n", ""), encoding="utf-8"
    )
    with pytest.raises(ReportError) as caught:
        load_boilerplate(folder)
    (problem,) = caught.value.problems
    assert problem.where.file.endswith("header.yaml") and problem.where.line == 25
    assert "a choice field lists its 'choices'" in problem.message


def test_an_older_profile_folder_without_header_yaml_reads_the_bundled_one(
    tmp_path: Path,
) -> None:
    folder = profile(tmp_path)
    (folder / "header.yaml").unlink()
    (folder / "look.yaml").unlink()
    words = load_boilerplate(folder)
    assert words.header == load_boilerplate(DEFAULT_DIR).header
    assert words.look == load_boilerplate(DEFAULT_DIR).look


def test_the_schema_offers_the_profile_s_header_fields(tmp_path: Path) -> None:
    from reportgen.profile_header import header_schema
    from reportgen.schema import report_schema

    words = load_boilerplate(profile(tmp_path, "header.yaml")).header
    bundled = report_schema()
    assert "properties" not in bundled["properties"]["header"]  # Nottinghamshire has none
    header = header_schema(report_schema(), words)["properties"]["header"]
    assert list(header["properties"]) == [
        "contact_officer",
        "wards_affected",
        "publication_status",
        "report_number",
        "decision_due",
    ]
    assert header["properties"]["publication_status"]["enum"] == ["For general release", "Exempt"]
    assert header["properties"]["decision_due"]["format"] == "date"
    assert header["properties"]["contact_officer"]["description"].startswith("The officer")
    assert header["required"] == ["contact_officer"] and header["additionalProperties"] is False
