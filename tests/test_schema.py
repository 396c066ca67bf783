"""The JSON Schema, checked the way an editor uses it on real report files."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from reportgen.profile import CONFIG_NAME, STANDARD, profile_for
from reportgen.schema import KINDS, kind_schema, report_schema
from reportgen.urls import DOCS_URL, schema_line, schema_path, schema_url
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


REPORTS = ROOT / "reports"
MODELINE = re.compile(r"# yaml-language-server: \$schema=(?P<url>\S+)")
"""The line the YAML language server reads a file's schema from."""


def example_kind(path: Path) -> str:
    """The kind of an example file under reports/, from where it is and its name."""
    if path.parent.name == "pay-scales":
        return "pay-scale"
    if path.parent.name.endswith(".comments"):
        return "comment"
    if path.name in ("meeting.yaml", "minutes.yaml"):
        return path.stem
    return "appendix" if "-appendix-" in path.name else "report"


EXAMPLE_FILES = sorted(p for p in REPORTS.rglob("*.yaml") if p.name != CONFIG_NAME)


def served_schema(url: str, example: Path) -> Any:
    """The schema the editor fetches from ``url``: the committed file the site publishes, or
    a council's own (the schema of its profile, written by `reportgen schema` beside its
    reports), relative to ``example``."""
    if not url.startswith(DOCS_URL):
        return json.loads((example.parent / url).read_text(encoding="utf-8"))
    name = url.removeprefix(DOCS_URL).removeprefix("schemas/")
    return json.loads((ROOT / "reportgen" / "schemas" / name).read_text(encoding="utf-8"))


def expected_schema_line(example: Path) -> str:
    """The first line of an example: the standard schema's address, or a council's own
    report schema, for a report whose profile is not the standard one."""
    kind = example_kind(example)
    own = profile_for([example]) != STANDARD and kind == "report"
    return (
        f"# yaml-language-server: $schema=../schemas/{kind}.schema.json"
        if own
        else (schema_line(kind))
    )


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=lambda p: str(p.relative_to(REPORTS)))
def test_examples_are_valid_against_the_schema_their_first_line_names(example: Path) -> None:
    """As the YAML language server does: the schema is the one the file's first line names."""
    first = example.read_text(encoding="utf-8").splitlines()[0]
    found = MODELINE.fullmatch(first)
    assert found, f"{example} has no $schema line"
    assert first == expected_schema_line(example)
    jsonschema.validate(editor_view(example), served_schema(found["url"], example))


def test_every_kind_of_file_has_an_example_with_its_schema_line() -> None:
    assert {example_kind(p) for p in EXAMPLE_FILES} == set(KINDS)
    for example in EXAMPLE_FILES:
        first = example.read_text(encoding="utf-8").splitlines()[0]
        assert first == expected_schema_line(example)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_each_schema_is_identified_by_its_address_on_the_documentation_site(kind: str) -> None:
    assert schema_url(kind) == f"{DOCS_URL}{schema_path(kind)}"
    assert served_schema(schema_url(kind), ROOT)["$id"] == schema_url(kind)


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
