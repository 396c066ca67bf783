"""The example report most sheets' tests read, resolved once for each module."""

from __future__ import annotations

import pytest

from reportgen import api
from reportgen.document import Document
from tests.review.sheets import RECOVERY


@pytest.fixture(scope="module")
def recovery() -> Document:
    return api.load_documents([RECOVERY])[RECOVERY]


@pytest.fixture(scope="module")
def recovery_finance() -> Document:
    return api.review_sheet(RECOVERY, "finance")
