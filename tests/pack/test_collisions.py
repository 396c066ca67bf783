"""Same-named documents in different folders, one public and one exempt, built into real packs.

Each meeting under tests/meeting/collisions/ has two documents of one kind with the same file
name: two reports ``report.yaml``, three appendices ``plan`` (two YAML documents and a PDF), two
sets of minutes ``minutes.yaml`` beside an exempt appendix document ``minutes.yaml``, and two
reports whose reviewers' comments are in ``report.comments/`` beside each. The exempt side
carries :data:`EXEMPT` in its title, text, figures, comments and appendix files; it must reach
the confidential pack and never a byte of the public one (every stream decoded, every string
read), while the public side's :data:`PUBLIC` is where it belongs in both.
"""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
import pytest

from reportgen import api
from tests.conftest import ROOT
from tests.pack.test_assemble import every_string, page_texts

COLLISIONS = ROOT / "tests" / "meeting" / "collisions"
EXEMPT = "EXEMPT-MARKER-7f3a"
"""In every exempt document, its comments and its appendix files."""
PUBLIC = "PUBLIC-MARKER-2c1e"
"""In every public report and appendix."""
EXEMPT_FIGURE = "918,273"
"""The exempt documents' figure, quoted in their text."""

MEETINGS = {
    "reports": COLLISIONS / "reports" / "meeting.yaml",
    "appendices": COLLISIONS / "appendices" / "meeting.yaml",
    "minutes": COLLISIONS / "minutes" / "2022-03-14" / "meeting.yaml",
    "comments": COLLISIONS / "comments" / "meeting.yaml",
}

PUBLIC_TEXT = {
    "reports": [
        f"{PUBLIC} library opening hours",
        "£314,159",
        f"The {PUBLIC} schedule of opening hours.",
    ],
    "appendices": [
        f"{PUBLIC} library opening hours",
        "The plan's first step is paragraph 2 of Appendix 1.",
        f"{PUBLIC} plan for the libraries",
        f"The {PUBLIC} first step.",
    ],
    "minutes": [
        "PUBLIC-MINUTES-2022-02-07-2c1e",
        "RESOLVED 2022/001",
        "PUBLIC-MINUTES-2022-02-21-2c1e",
        "RESOLVED 2022/002",
    ],
    "comments": [
        f"{PUBLIC} library opening hours",
        f"The {PUBLIC} constitutional comment.",
        f"The {PUBLIC} financial comment.",
    ],
}
"""What the public pack prints of each meeting, in this order (the confidential pack too)."""

EXEMPT_TEXT = {
    "reports": [
        f"{EXEMPT} contract with {EXEMPT} Ltd",
        f"The {EXEMPT} bid is the lowest.",
        f"The {EXEMPT} schedule of payments.",
        f"{EXEMPT} terms of the contract",
    ],
    "appendices": [
        f"{EXEMPT} plan for the contract",
        f"The {EXEMPT} first step, costing £918,273.",
        f"{EXEMPT} plan costings",
    ],
    "minutes": [
        f"{EXEMPT} contract with {EXEMPT} Ltd",
        f"{EXEMPT} minutes of the contract working group",
        f"The {EXEMPT} working group notes.",
    ],
    "comments": [
        f"{EXEMPT} contract with {EXEMPT} Ltd",
        f"The {EXEMPT} constitutional comment on the £918,273 bid.",
        f"The {EXEMPT} financial comment on the £918,273 bid.",
        f"{EXEMPT} terms of the contract",
    ],
}
"""What the confidential pack prints of each meeting's exempt documents, in this order, after
its public text."""


def text_of(pack: bytes) -> str:
    """The pack's text as a reader sees it, with its lines joined by spaces."""
    return " ".join(" ".join(page.split()) for page in page_texts(pack))


def assert_in_order(text: str, snippets: list[str]) -> None:
    """Each of ``snippets`` is in ``text`` after the one before (in any case: titles are
    printed in capitals)."""
    text = text.casefold()
    at = 0
    for snippet in snippets:
        found = text.find(snippet.casefold(), at)
        assert found >= 0, f"{snippet!r} is not in the pack after position {at}"
        at = found + len(snippet)


def assert_nothing_of(marker: str, pack: bytes) -> None:
    """``marker`` is in no byte of ``pack``: no decoded stream, string, name, or text read."""
    spellings = [marker, marker.upper(), marker.lower()]
    for spelling in spellings:
        assert spelling.encode() not in pack
    with pikepdf.open(io.BytesIO(pack)) as pdf:
        for chunk in every_string(pdf):
            for spelling in spellings:
                assert spelling.encode() not in chunk
                assert spelling.encode("utf-16-be") not in chunk
    assert marker.casefold() not in text_of(pack).casefold()


@pytest.fixture(
    scope="module", params=[(k, e) for k in sorted(MEETINGS) for e in api.PDF_ENGINES], ids=str
)
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, bytes, bytes]:
    """The kind of collision, and its meeting's public and confidential packs, by each PDF
    engine."""
    kind, engine = request.param
    out = tmp_path_factory.mktemp(kind)
    public, confidential = api.pack(MEETINGS[kind], out, pdf_engine=engine)
    return kind, public.read_bytes(), confidential.read_bytes()


def test_nothing_of_the_exempt_namesake_reaches_the_public_pack(
    built: tuple[str, bytes, bytes],
) -> None:
    _, public, _ = built
    assert_nothing_of(EXEMPT, public)
    assert EXEMPT_FIGURE not in text_of(public)


def test_the_public_documents_are_in_the_public_pack_each_in_its_place(
    built: tuple[str, bytes, bytes],
) -> None:
    kind, public, _ = built
    assert_in_order(text_of(public), PUBLIC_TEXT[kind])


def test_the_confidential_pack_has_every_document_each_in_its_place(
    built: tuple[str, bytes, bytes],
) -> None:
    kind, _, confidential = built
    assert_in_order(text_of(confidential), PUBLIC_TEXT[kind] + EXEMPT_TEXT[kind])


def test_two_same_named_reports_are_each_checked_with_their_own_comments() -> None:
    checked = api.check([MEETINGS["comments"]])
    reports = [c for c in checked if c.item is not None]
    assert [(c.item, Path(c.path).parent.name, c.cleared) for c in reports] == [
        (2, "public", True),
        (3, "exempt", True),
    ]
