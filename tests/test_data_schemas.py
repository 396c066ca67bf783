"""The open data schemas: committed in reportgen/schemas/ as generated (``make schema``)."""

from __future__ import annotations

import jsonschema
import pytest

from reportgen.data_schemas import DATA_SCHEMAS, data_schema, data_schema_text
from reportgen.urls import schema_url
from tests.conftest import ROOT


@pytest.mark.parametrize("name", sorted(DATA_SCHEMAS))
def test_committed_schemas_are_the_generated_ones(name: str) -> None:
    committed = (ROOT / "reportgen" / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert committed == data_schema_text(name), "run: make schema"
    schema = data_schema(name)
    assert schema["$id"] == schema_url(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["$schema"]["const"] == schema_url(name)
