"""The JSON Schema, checked the way an editor uses it on real report files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from reportgen.schema import kind_schema, report_schema
from tests.conftest import EXAMPLES, ROOT

MEETINGS = ROOT / "tests" / "meeting" / "meetings"


class _Yaml12Loader(yaml.SafeLoader):
    """Reads scalars roughly as the YAML language server does (YAML 1.2): dates stay text."""


_Yaml12Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def editor_view(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Yaml12Loader)


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_examples_are_valid_against_the_schema(example: Path) -> None:
    jsonschema.validate(editor_view(example), report_schema())


def test_the_schema_points_editors_at_its_file() -> None:
    for example in EXAMPLES.glob("*.yaml"):
        first = example.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../reportgen/schemas/report.schema.json"


def test_implication_areas_are_offered_as_properties() -> None:
    implications = report_schema()["properties"]["implications"]
    assert {"financial", "human_resources", "public_sector_equality_duty"} <= set(
        implications["properties"]
    )
    assert implications["additionalProperties"] is False


def test_a_misspelt_field_is_flagged_by_the_schema() -> None:
    validator = jsonschema.Draft202012Validator(report_schema())
    errors = list(validator.iter_errors({"commitee": "x"}))
    assert any("commitee" in e.message for e in errors)


def test_field_docstrings_become_editor_help() -> None:
    paragraph = report_schema()["$defs"]["Paragraph"]["properties"]
    assert "carries no number" in paragraph["numbered"]["description"]


KIND_FILES = [
    *[("pay-scale", p) for p in sorted((EXAMPLES.parent / "pay-scales").glob("*.yaml"))],
    *[("minutes", p) for p in sorted((EXAMPLES.parent / "meetings").glob("*/minutes.yaml"))],
    *[("meeting", p) for p in sorted((EXAMPLES.parent / "meetings").glob("*/meeting.yaml"))],
    *[("minutes", p) for p in sorted(MEETINGS.glob("*/minutes.yaml"))],
    ("meeting", MEETINGS / "2022-03-14" / "meeting.yaml"),
    ("appendix", MEETINGS / "2022-03-14" / "staffing-appendix.yaml"),
    *[("comment", p) for p in sorted(EXAMPLES.glob("*.comments/*.yaml"))],
    *[("appendix", p) for p in sorted((EXAMPLES.parent / "meetings").glob("*/*-appendix-*.yaml"))],
]


@pytest.mark.parametrize(("kind", "path"), KIND_FILES, ids=lambda x: str(x))
def test_other_files_are_valid_against_their_schemas(kind: str, path: Path) -> None:
    jsonschema.validate(editor_view(path), kind_schema(kind))
