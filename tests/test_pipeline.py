"""The pipeline pauses Python's cycle collector while it reads a report, and always resumes it."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from reportgen.boilerplate import DEFAULT_DIR, load_boilerplate
from reportgen.errors import ReportError
from reportgen.pipeline import build

PLAIN = Path(__file__).resolve().parent / "across" / "imports" / "plain.yaml"


def test_the_collector_runs_again_after_a_build() -> None:
    document = build(PLAIN, load_boilerplate(DEFAULT_DIR))
    assert document.meta.title == "A small report"
    assert gc.isenabled()


def test_the_collector_runs_again_after_a_failed_build(tmp_path: Path) -> None:
    with pytest.raises(ReportError):
        build(tmp_path / "missing.yaml", load_boilerplate(DEFAULT_DIR))
    assert gc.isenabled()


def test_a_paused_collector_is_left_paused() -> None:
    gc.disable()
    try:
        build(PLAIN, load_boilerplate(DEFAULT_DIR))
        assert not gc.isenabled()
    finally:
        gc.enable()
