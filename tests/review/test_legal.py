"""The legal sheet (reportgen/review/legal.py): recommendations, statutory paragraph, background
papers and the constitutional comment."""

from __future__ import annotations

from reportgen import api
from reportgen.document import Document, Link, Para, plain_text
from tests.review.sheets import PROMOTING, TYPED, body, table


def test_the_legal_sheet_lists_the_recommendations_and_the_unpublished_paper() -> None:
    report = api.load_documents([PROMOTING])[PROMOTING]
    sheet = api.review_sheet(PROMOTING, "legal")

    def recommendations(document: Document) -> list[tuple[str, str]]:
        return [
            (b.mark.label if b.mark else "", plain_text(b.content))
            for b in document.blocks
            if isinstance(b, Para) and b.role == "recommendation"
        ]

    listed = recommendations(sheet)
    assert [label for label, _ in listed] == ["1", "2"]
    assert listed == recommendations(report)
    assert listed[1][1].startswith("funding for two temporary FTE Business Support Officer")
    papers = body(table(sheet, "Background papers and where they are published"))
    assert papers == [
        [
            "Better Care Fund – Proposed Allocation of Funding: report to Adult Social Care and "
            "Health Committee on 12th September 2016",
            "no: it has no address",
            "",
        ]
    ]
    comment = body(table(sheet, "The constitutional comment"))
    assert comment == [
        [
            "18",
            "The recommendations in the report fall within the Terms of Reference of the Adult "
            "Social Care and Health Committee.",
        ]
    ]


def test_the_legal_sheet_links_a_published_paper_and_quotes_the_statutory_paragraph() -> None:
    sheet = api.review_sheet(TYPED, "legal")
    papers = table(sheet, "Background papers and where they are published")
    assert body(papers) == [
        [
            "Staffing report to Committee, 12 September 2016",
            "yes",
            "https://example.org/staffing.pdf",
        ],
        ["Workforce plan 2016 (not published)", "no: it has no address", ""],
    ]
    address = papers.rows[1].cells[2].content[0]
    assert isinstance(address, Link) and address.url == "https://example.org/staffing.pdf"
    [(number, text)] = body(table(sheet, "The statutory and policy implications paragraph"))
    assert number == "4"
    assert text.startswith("This report has been compiled after consideration of implications")
    bullets = [
        plain_text(b.content) for b in sheet.blocks if isinstance(b, Para) and b.role == "bullet"
    ]
    assert bullets[:3] == ["crime and disorder", "finance", "human resources"]
