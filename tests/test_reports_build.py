"""Every report kept under reports/ resolves without a problem, so none rots as the format grows."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.boilerplate import Boilerplate
from reportgen.document import Para
from reportgen.pipeline import build
from tests.conftest import ROOT

REPORTS = sorted(p for p in (ROOT / "reports").rglob("*.yaml") if "pay-scales" not in p.parts)


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: str(p.relative_to(ROOT / "reports")))
def test_report_resolves(path: Path, boilerplate: Boilerplate) -> None:
    doc = build(path, boilerplate)
    assert any(isinstance(b, Para) and b.role == "numbered" for b in doc.blocks)
