"""Fixtures of the pack tests: a module's ``pack`` (its own fixture) opened with pikepdf."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pikepdf
import pytest


@pytest.fixture(scope="module")
def opened(pack: bytes) -> Iterator[pikepdf.Pdf]:
    """The module's ``pack``, open for reading."""
    with pikepdf.open(io.BytesIO(pack)) as pdf:
        yield pdf
