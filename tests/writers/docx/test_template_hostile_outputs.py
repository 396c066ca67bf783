"""A file already at an output path may be hostile: telling whether reportgen wrote it is bounded.

A zip bomb, an encrypted Office file, a corrupt or encrypted zip, or a file of reportgen's with a
huge ``custom.xml`` is simply not reportgen's untouched output (the build then says O503),
found without inflating what it holds. The bad files are the templates' fixtures
(tools/make_bad_templates.py).
"""

from __future__ import annotations

import io
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from reportgen.document import Document
from reportgen.errors import Problems, ReportError
from reportgen.output import check_target, generated_untouched
from reportgen.writers.docx import render_docx
from reportgen.writers.docx.package import DIGEST_PROPERTY
from tests.writers.docx.test_writer import REPORT

TEMPLATES = Path(__file__).parent / "templates"


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    "name",
    [
        "bomb.docx",
        "lying-bomb.docx",
        "encrypted-entries.docx",
        "password.docx",
        "not-a-zip.docx",
        "empty.docx",
        "no-content-types.docx",
    ],
)
def test_a_hostile_file_at_the_output_path_is_not_reportgens(name: str, tmp_path: Path) -> None:
    target = tmp_path / "report.docx"
    target.write_bytes((TEMPLATES / name).read_bytes())
    tracemalloc.start()
    try:
        assert not generated_untouched(target)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 << 20
    problems = Problems()
    check_target(target, set(), False, problems)
    with pytest.raises(ReportError) as caught:
        problems.raise_if_any()
    assert [p.code for p in caught.value.problems] == ["O503"]


def test_a_huge_custom_xml_is_not_read(
    resolve_yaml: Callable[[str], Document], tmp_path: Path
) -> None:
    data = render_docx(resolve_yaml(REPORT))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    # the digest does not cover custom.xml itself: padding it keeps the digest right
    padding = b"<!--" + b" " * (4 << 20) + b"-->"
    custom = parts["docProps/custom.xml"]
    assert DIGEST_PROPERTY.encode() in custom
    parts["docProps/custom.xml"] = custom.replace(b"?>", b"?>" + padding, 1)
    target = tmp_path / "report.docx"
    target.write_bytes(_zip(parts))
    assert not generated_untouched(target)
    # while the same file with its custom.xml as written is reportgen's own
    parts["docProps/custom.xml"] = custom
    target.write_bytes(_zip(parts))
    assert generated_untouched(target)
