"""The registry of kinds: the Literals, schema and CLI choices agree with it."""

from __future__ import annotations

import re
from typing import get_args

from click.testing import CliRunner

from reportgen import kinds
from reportgen.cli import main
from reportgen.schema import KINDS
from tests.conftest import ROOT


def test_literal_matches_registry() -> None:
    assert get_args(kinds.InputKind) == tuple(k.name for k in kinds.REGISTRY)
    assert kinds.SHEET_KINDS == ("finance", "legal", "hr")


def test_schema_kinds_follow_registry() -> None:
    assert tuple(KINDS) == kinds.SCHEMA_KINDS
    for kind in kinds.REGISTRY:
        assert KINDS[kind.name] == (kind.model(), kind.title)


def test_cli_schema_choices() -> None:
    result = CliRunner().invoke(main, ["schema", "--help"])
    assert result.exit_code == 0
    assert "|".join(kinds.SCHEMA_KINDS) in result.output.replace("\n", "").replace(" ", "")


def test_recognise() -> None:
    assert kinds.recognise({"items": [], "committee": "x"}) == "meeting"
    assert kinds.recognise({"items": [], "purpose": "x"}) == "report"
    assert kinds.recognise({"title": "x"}) == "report"
    assert kinds.recognise([1]) == "report"


def test_docs_words_kinds_follow_registry() -> None:
    import yaml

    words = yaml.safe_load((ROOT / "tools" / "docs_words.yaml").read_text(encoding="utf-8"))
    assert tuple(words["kinds"]) == kinds.SCHEMA_KINDS


def test_docs_nav_has_a_page_per_kind_in_order() -> None:
    """mkdocs.yml lists the file-format pages in the registry's order, one per kind."""
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    pages = re.findall(r"formats/([a-z-]+)\.md", nav)
    assert tuple(p for p in pages if p != "index") == kinds.SCHEMA_KINDS
