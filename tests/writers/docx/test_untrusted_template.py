"""A template is untrusted input: its fields are filled in a sandbox, and nothing in it runs."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from reportgen.boilerplate import Boilerplate
from reportgen.errors import ReportError
from reportgen.pipeline import build
from reportgen.writers.docx.writer import DEFAULT_TEMPLATE, render_docx
from tests.conftest import EXAMPLES


def _template_with(tmp_path: Path, payload: str, *, in_title: bool = False) -> Path:
    template = docx.Document(str(DEFAULT_TEMPLATE))
    if in_title:
        template.core_properties.title = payload
    else:
        template.paragraphs[0].add_run(payload)
    path = tmp_path / "template.docx"
    template.save(str(path))
    return path


@pytest.mark.parametrize("in_title", [False, True], ids=["document", "core-properties"])
def test_a_template_cannot_run_code(
    tmp_path: Path, boilerplate: Boilerplate, in_title: bool
) -> None:
    marker = tmp_path / "ran"
    payload = f"{{{{ cycler.__init__.__globals__.os.system('touch {marker}') }}}}"
    template = _template_with(tmp_path, payload, in_title=in_title)
    document = build(EXAMPLES / "promoting-independence.yaml", boilerplate)
    try:
        render_docx(document, template)
    except ReportError as exc:
        assert [p.code for p in exc.problems] == ["T404"]
    assert not marker.exists()


def test_a_template_may_use_its_fields(tmp_path: Path, boilerplate: Boilerplate) -> None:
    template = _template_with(tmp_path, " ({{ reference }})")
    document = build(EXAMPLES / "promoting-independence.yaml", boilerplate)
    text = "\n".join(
        p.text for p in docx.Document(io.BytesIO(render_docx(document, template))).paragraphs
    )
    assert "(ASCH445)" in text
