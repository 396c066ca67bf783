"""The JSON writer: a real example's open data has the HTML edition's paragraph numbers and the
resolved document's figures, validates against its published schema, and is the same bytes
each build."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import jsonschema
import lxml.html
import pytest
from click.testing import CliRunner

from reportgen import api
from reportgen.cli import main
from reportgen.data_schemas import data_schema
from reportgen.document import Para, Table, document_figures, numbered_as
from tests.conftest import EXAMPLES, ROOT

MARCH = ROOT / "reports" / "meetings" / "2022-03-14"


def build(report: Path, target: Path) -> Any:
    result = CliRunner().invoke(main, ["build", str(report), "-o", str(target)])
    assert result.exit_code == 0, result.output
    return json.loads(target.read_bytes())


def paragraphs(data: Any) -> list[Any]:
    return [b for s in data["sections"] for b in s["blocks"] if b["type"] == "paragraph"]


def figures_of(data: Any) -> list[Any]:
    """Every figure of a report's data, in text and in table cells, in reading order."""
    return [
        f
        for s in data["sections"]
        for b in s["blocks"]
        for f in (
            [f for row in b["rows"] for cell in row["cells"] for f in cell["figures"]]
            if b["type"] == "table"
            else b.get("figures", [])
        )
    ]


def test_paragraph_numbers_are_the_html_editions(tmp_path: Path) -> None:
    report = EXAMPLES / "recovery-from-covid.yaml"
    data = build(report, tmp_path / "r.json")
    build_html = CliRunner().invoke(main, ["build", str(report), "-o", str(tmp_path / "r.html")])
    assert build_html.exit_code == 0
    page = lxml.html.fromstring((tmp_path / "r.html").read_bytes())
    printed = [
        (p.get("id"), p.xpath("./*[@class='num']")[0].text_content())
        for p in page.xpath("//p[contains(@class, 'numbered')]")
    ]
    numbered = [p for p in paragraphs(data) if p["role"] == "numbered" and p["marker"]]
    assert [p["marker"] for p in numbered] == [shown for _, shown in printed]
    assert len(numbered) > 30
    assert all(p["printed"] == f"{p['marker']} {p['text']}" for p in numbered)
    [document] = api.load_documents([report]).values()
    recommendations = [
        n for b in document.blocks if (n := numbered_as(b)) and n[0] == "recommendation"
    ]
    assert [r["number"] for r in data["recommendations"]] == [n for _, n in recommendations]


def test_figures_have_the_resolved_documents_values_and_working(tmp_path: Path) -> None:
    report = MARCH / "04-performance-and-finance-q3.yaml"
    data = build(report, tmp_path / "r.json")
    [document] = api.load_documents([report]).values()
    figures = figures_of(data)
    resolved = document_figures(document)
    assert len(figures) == len(resolved) > 10
    for got, want in zip(figures, resolved, strict=True):
        assert got["value"] == format(want.value, "f")
        assert got["printed"] == want.shown
        assert got["working"]["how"] == want.origin.how
        assert got["working"]["line"] == want.origin.where.line
        assert got["working"]["path"] == list(want.origin.where.path)
    ledger = [f for f in figures if f["working"]["ledger"]]
    assert ledger, "the ledger table's totals carry their comparison with the rows"
    want_ledger = [f.origin.ledger for f in resolved if f.origin.ledger]
    assert [f["working"]["ledger"]["difference"] for f in ledger] == [
        format(w.difference, "f") for w in want_ledger
    ]
    tables = [b for b in document.blocks if isinstance(b, Table)]
    assert sum(1 for s in data["sections"] for b in s["blocks"] if b["type"] == "table") == len(
        tables
    )
    assert data["header"][0]["name"] == document.meta.header[0].name


@pytest.mark.parametrize("name", sorted(p.stem for p in EXAMPLES.glob("*.yaml")))
def test_every_example_validates_against_its_schema(name: str, tmp_path: Path) -> None:
    data = build(EXAMPLES / f"{name}.yaml", tmp_path / f"{name}.json")
    assert data["$schema"] == data_schema("report-data")["$id"]
    jsonschema.Draft202012Validator(data_schema("report-data")).validate(data)


def test_the_same_bytes_each_build_and_replaced_as_reportgens_own(tmp_path: Path) -> None:
    report = EXAMPLES / "recovery-from-covid.yaml"
    target = tmp_path / "r.json"
    build(report, target)
    first = target.read_bytes()
    build(report, target)  # a file reportgen wrote is replaced without --force
    assert target.read_bytes() == first
    assert str(tmp_path) not in first.decode()
    target.write_text('{"mine": true}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(report), "-o", str(target)])
    assert result.exit_code == 2  # a person's JSON file is left alone
    assert target.read_text(encoding="utf-8") == '{"mine": true}\n'


def test_to_json_beside_the_others(tmp_path: Path) -> None:
    report = EXAMPLES / "recovery-from-covid.yaml"
    written = api.build([report], out_dir=tmp_path, to="html,json")
    assert sorted(p.name for p in written) == [
        "recovery-from-covid.html",
        "recovery-from-covid.json",
    ]
    paras = [b for b in api.load_documents([report])[report].blocks if isinstance(b, Para)]
    data = api.report_data(report)
    assert len(paragraphs(data.model_dump(mode="json", by_alias=True))) == len(paras)


def test_a_figures_file_is_named_from_the_reports_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Wherever the build runs, the bytes are the same: files are named from the report's
    folder, never as the command line named them."""
    report = EXAMPLES / "recovery-from-covid.yaml"
    here = build(report, tmp_path / "a.json")
    monkeypatch.chdir(tmp_path)
    build(Path(os.path.relpath(report, tmp_path)), Path("b.json"))
    assert (tmp_path / "b.json").read_bytes() == (tmp_path / "a.json").read_bytes()
    assert {f["working"]["file"] for f in figures_of(here)} == {"recovery-from-covid.yaml"}
    hows = [f["working"]["how"] for f in figures_of(here)]
    assert any("pay scale ../pay-scales/2021-22.yaml" in how for how in hows)
