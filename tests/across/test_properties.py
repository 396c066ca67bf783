"""Properties over a whole published report: any text in any of its text fields, and any YAML
shape in place of any of its values, either builds a document whose every XML part parses (and
which LibreOffice converts) or fails with problems placed in the report's file. Never a
traceback.

The report is promoting-independence (reports/examples/), with its pay scale beside it as in
the repository; hypothesis picks the field (every text leaf of the file, found by walking it)
and the value.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from reportgen.boilerplate import load_boilerplate
from reportgen.errors import ReportError
from reportgen.pipeline import build
from reportgen.writers.docx.writer import render_docx
from reportgen.writers.html import render_html
from reportgen.writers.pdf import convert
from tests.conftest import ROOT

SOURCE = ROOT / "reports" / "examples" / "promoting-independence.yaml"
BASE: Any = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
_BOILERPLATE = load_boilerplate()

Step = str | int


def _leaves(value: Any, path: tuple[Step, ...] = ()) -> Iterator[tuple[Step, ...]]:
    """The path of every text value in ``value``."""
    if isinstance(value, str):
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _leaves(item, (*path, n))


def _nodes(value: Any, path: tuple[Step, ...] = ()) -> Iterator[tuple[Step, ...]]:
    """The path of every value in ``value``, collections included."""
    if path:
        yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _nodes(item, (*path, key))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _nodes(item, (*path, n))


TEXT_FIELDS = sorted(set(_leaves(BASE)), key=str)
NODES = sorted(set(_nodes(BASE)), key=str)


def _replaced(path: tuple[Step, ...], new: Any) -> Any:
    """A copy of the report with the value at ``path`` replaced by ``new``."""
    data = yaml.safe_load(yaml.safe_dump(BASE))
    here = data
    for step in path[:-1]:
        here = here[step]
    here[path[-1]] = new
    return data


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder laid out like reports/: examples/ for the report, pay-scales/ beside it."""
    root = tmp_path_factory.mktemp("reports")
    shutil.copytree(ROOT / "reports" / "pay-scales", root / "pay-scales")
    (root / "examples").mkdir()
    return root / "examples"


def _build(folder: Path, data: Any) -> bytes | None:
    """Build ``data`` as a report file: its .docx, or None when it fails with placed problems."""
    path = folder / "report.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    try:
        document = build(path, _BOILERPLATE)
    except ReportError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert Path(problem.where.file).name in ("report.yaml", "2016-17.yaml"), problem
        return None
    word = render_docx(document)
    with zipfile.ZipFile(io.BytesIO(word)) as package:
        for name in package.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(package.read(name))
    etree.fromstring(render_html(document).encode(), etree.HTMLParser(recover=False))
    return word


DANGEROUS = st.sampled_from(
    [
        "{{ 1/0 }}",
        "{{ lipsum(1) }}",
        "{% for x in range(9) %}x{% endfor %}",
        "{_{ y }_}",
        "{%p if x %}",
        "<w:p><w:r><w:t>x</w:t></w:r></w:p>",
        "<script>alert(1)</script>",
        "&amp; & < >",
        "**bold *nested* text**",
        "[link](javascript:alert(1))",
        "\u200f\u202eRTL\u202c",
        "\U0001f600 emoji",
        "\x0b",
        "\ue000",
        "a" * 3000,
        ": not a key",
        "# not a comment",
        "",
    ]
)
TEXT = st.one_of(st.text(max_size=60), DANGEROUS, st.lists(DANGEROUS).map("".join))


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(field=st.sampled_from(TEXT_FIELDS), text=TEXT)
def test_any_text_in_any_text_field_builds_or_fails_clearly(
    folder: Path, field: tuple[Step, ...], text: str
) -> None:
    _build(folder, _replaced(field, text))


SHAPES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)


@settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(node=st.sampled_from(NODES), shape=SHAPES)
def test_any_yaml_shape_anywhere_builds_or_fails_clearly(
    folder: Path, node: tuple[Step, ...], shape: Any
) -> None:
    _build(folder, _replaced(node, shape))


def test_the_every_field_hypothesis_reaches_every_kind_of_text() -> None:
    heads = {path[0] for path in TEXT_FIELDS}
    assert {"title", "purpose", "information", "recommendations", "contacts"} <= heads
    assert len(TEXT_FIELDS) > 50


NOT_PROSE = {"initials", "email", "label", "date"}
"""Text fields with a form of their own, where prose is rightly refused."""


@pytest.mark.parametrize("text", ["{_{ y }_} <w:t>x</w:t> & \u202eRTL \U0001f600", "x" * 400])
def test_dangerous_text_in_every_field_at_once_converts_with_libreoffice(
    folder: Path, text: str, tmp_path: Path
) -> None:
    data = yaml.safe_load(yaml.safe_dump(BASE))
    built = {}
    for n, field in enumerate(TEXT_FIELDS):
        if field[0] in ("pay_scale", "figures") or field[-1] in NOT_PROSE:
            continue  # file names, grades, labels, initials and addresses have forms of their own
        here = data
        for step in field[:-1]:
            here = here[step]
        if "{{" in here[field[-1]]:
            continue  # keep the report's own references, so it still builds
        here[field[-1]] = f"{text} {n}"
    word = _build(folder, data)
    assert word is not None, "the dangerous text builds as literal text"
    built["report"] = word
    [pdf] = convert(built, {"report": "report.yaml"}).values()
    with pikepdf.open(io.BytesIO(pdf)) as document:
        assert len(document.pages) > 1
    (tmp_path / "report.pdf").write_bytes(pdf)
    shown = subprocess.run(
        ["pdftotext", str(tmp_path / "report.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "".join(text.split()[0:2]) in "".join(shown.split()), "printed as typed"
