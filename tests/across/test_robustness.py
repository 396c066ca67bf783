"""Any text an officer can paste, in any text field: the build writes a document whose every
XML part parses, or fails with problems at a place. Never a traceback."""

from __future__ import annotations

import io
import json
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from reportgen.boilerplate import load_boilerplate
from reportgen.errors import ReportError
from reportgen.load import load_text
from reportgen.model import Report
from reportgen.payscale import NO_PAY_SCALE
from reportgen.resolve import resolve
from reportgen.validate import validate
from reportgen.writers.docx.writer import render_docx
from reportgen.writers.html import render_html
from tests.conftest import MINIMAL

_BOILERPLATE = load_boilerplate()


def _build(text: str) -> None:
    try:
        loaded = load_text(text, "report.yaml")
        document = resolve(validate(loaded, Report), _BOILERPLATE, loaded.positions, NO_PAY_SCALE)
    except ReportError as exc:
        assert exc.problems
        assert all(p.where.file == "report.yaml" for p in exc.problems)
        return
    with zipfile.ZipFile(io.BytesIO(render_docx(document))) as package:
        for name in package.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                etree.fromstring(package.read(name))
    etree.fromstring(render_html(document).encode(), etree.HTMLParser())


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=80))
def test_any_title_and_paragraph_build_or_fail_clearly(text: str) -> None:
    quoted = json.dumps(text)  # a YAML double-quoted string holding exactly the text
    source = MINIMAL.replace("title: A small report", f"title: {quoted}").replace(
        "  - The information.", f"  - {quoted}"
    )
    _build(source)
