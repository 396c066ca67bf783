"""The report's layout: section order, standard headings and the standard paragraphs."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import pytest

from reportgen.document import (
    Block,
    Document,
    Heading,
    LineBreak,
    Link,
    Para,
    Text,
    plain_text,
)
from reportgen.resolve.outline import join_areas
from tests.conftest import MINIMAL

Resolve = Callable[[str], Document]


def landmarks(doc: Document) -> list[str]:
    """Headings as '# text' / '## text', and the fixed parts of a report as '[role]'."""
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Heading):
            out.append(f"{'#' * block.level} {plain_text(block.content)}")
        elif isinstance(block, Para) and block.role in ("signature", "contact-intro", "reference"):
            out.append(f"[{block.role}]")
    return out


def section(doc: Document, heading: str) -> list[Block]:
    """The blocks under the level-1 heading ``heading``, up to the next level-1 heading."""
    blocks = list(doc.blocks)
    start = next(
        i
        for i, b in enumerate(blocks)
        if isinstance(b, Heading) and b.level == 1 and plain_text(b.content) == heading
    )
    out: list[Block] = []
    for block in blocks[start + 1 :]:
        if isinstance(block, Heading) and block.level == 1:
            break
        out.append(block)
    return out


def statutory_text(doc: Document) -> str:
    [para] = section(doc, "Statutory and Policy Implications")
    assert isinstance(para, Para)
    return plain_text(para.content)


def test_sections_come_in_the_councils_order(resolve_yaml: Resolve) -> None:
    # Written out of order on purpose: the layout, not the file, decides the order.
    doc = resolve_yaml(
        textwrap.dedent(
            """\
            reference: ASCH445
            electoral_divisions: [Ashfield]
            background_papers: [A paper]
            comments:
              hr: {initials: AB, date: 2017-01-03, body: [HR text.]}
              constitutional: {initials: LM, date: 2016-12-20, body: [Legal text.]}
              financial: {initials: KAS, date: 2017-01-02, body: [Finance text.]}
            implications:
              service_users: [Users text.]
              financial: [Money text.]
            reasons: [The reason.]
            other_options: [No other options.]
            """
        )
        + MINIMAL
    )
    assert landmarks(doc) == [
        "# Purpose of the Report",
        "# Information and Advice",
        "# Other Options Considered",
        "# Reason/s for Recommendation/s",
        "# Statutory and Policy Implications",
        "## Implications for Service Users",
        "## Financial Implications",
        "# RECOMMENDATION/S",
        "[signature]",
        "[contact-intro]",
        "## Constitutional Comments (LM 20/12/16)",
        "## Financial Comments (KAS 02/01/17)",
        "## HR Comments (AB 03/01/17)",
        "# Background Papers and Published Documents",
        "# Electoral Division(s) and Member(s) Affected",
        "[reference]",
    ]


def test_optional_sections_left_out_have_no_heading(resolve_yaml: Resolve) -> None:
    assert landmarks(resolve_yaml(MINIMAL)) == [
        "# Purpose of the Report",
        "# Information and Advice",
        "# Statutory and Policy Implications",
        "# RECOMMENDATION/S",
        "[signature]",
        "[contact-intro]",
        "# Background Papers and Published Documents",
        "# Electoral Division(s) and Member(s) Affected",
    ]


@pytest.mark.parametrize(
    ("areas", "joined"),
    [
        ([], ""),
        (["finance"], "finance"),
        (["finance", "safeguarding"], "finance and safeguarding"),
        (["finance", "safeguarding", "the NHS"], "finance, safeguarding and the NHS"),
    ],
)
def test_areas_are_joined_as_prose(areas: list[str], joined: str) -> None:
    assert join_areas(areas) == joined


def test_statutory_paragraph_uses_the_reports_own_areas(resolve_yaml: Resolve) -> None:
    doc = resolve_yaml(MINIMAL + "statutory: {areas: [finance, safeguarding, the NHS]}\n")
    assert statutory_text(doc) == (
        "This report has been compiled after consideration of implications in respect of "
        "finance, safeguarding and the NHS and where such implications are material they are "
        "described below. Appropriate consultation has been undertaken and advice sought on "
        "these issues as required."
    )


def test_statutory_paragraph_lists_the_standard_areas_by_default(resolve_yaml: Resolve) -> None:
    assert (
        "in respect of crime and disorder, finance, human resources, human rights, "
        "the NHS Constitution (public health services), the public sector equality duty, "
        "safeguarding of children and adults at risk, service users, "
        "sustainability and the environment and ways of working and where such implications"
    ) in statutory_text(resolve_yaml(MINIMAL))


def test_headings_override_a_standard_heading(resolve_yaml: Resolve) -> None:
    doc = resolve_yaml(MINIMAL + "headings: {information: Information}\n")
    headings = landmarks(doc)
    assert "# Information" in headings
    assert "# Information and Advice" not in headings
    assert "# Purpose of the Report" in headings


def test_no_background_papers_prints_none(resolve_yaml: Resolve) -> None:
    blocks = section(resolve_yaml(MINIMAL), "Background Papers and Published Documents")
    assert [(b.role, plain_text(b.content)) for b in blocks if isinstance(b, Para)][-1] == (
        "paper",
        "None",
    )
    first = blocks[0]
    assert isinstance(first, Para)
    assert first.role == "lead-in"
    assert "Section 100D of the Local Government Act 1972" in plain_text(first.content)


def test_background_paper_with_a_url_is_a_link_with_its_address_printed(
    resolve_yaml: Resolve,
) -> None:
    doc = resolve_yaml(
        MINIMAL
        + textwrap.dedent(
            """\
            background_papers:
              - {title: Better Care Fund, url: "https://example.org/bcf"}
              - {title: Unpublished note}
            """
        )
    )
    papers = [
        b
        for b in section(doc, "Background Papers and Published Documents")
        if isinstance(b, Para) and b.role == "paper"
    ]
    assert [p.content for p in papers] == [
        (
            Link("https://example.org/bcf", (Text("Better Care Fund"),)),
            LineBreak(),
            Link("https://example.org/bcf", (Text("https://example.org/bcf"),)),
        ),
        (Text("Unpublished note"),),
    ]
    assert [p.mark for p in papers] == [None, None]  # the house style letters none


def test_background_papers_lettered_by_house_style(resolve_yaml: Resolve) -> None:
    doc = resolve_yaml(
        MINIMAL
        + textwrap.dedent(
            """            house_style: {papers_lettered: true}
            background_papers: [A first paper, A second paper]
            """
        )
    )
    papers = [b for b in doc.blocks if isinstance(b, Para) and b.role == "paper"]
    assert [(p.mark.kind, p.mark.label) for p in papers if p.mark] == [
        ("paper", "a"),
        ("paper", "b"),
    ]


def test_quotations_get_the_house_quotation_marks(resolve_yaml: Resolve) -> None:
    doc = resolve_yaml(
        MINIMAL.replace("  - The information.\n", "  - quote: as the Time Bank grew\n")
    )
    [quote] = [b for b in doc.blocks if isinstance(b, Para) and b.role == "quote"]
    assert plain_text(quote.content) == "“as the Time Bank grew”"


def test_a_contact_email_is_a_mailto_link(resolve_yaml: Resolve) -> None:
    doc = resolve_yaml(MINIMAL.replace('phone: "0115 8546256"}', "email: t.d@nottscc.gov.uk}"))
    [contact] = [b for b in doc.blocks if isinstance(b, Para) and b.role == "contact"]
    assert contact.content[-2:] == (
        Text("E: "),
        Link("mailto:t.d@nottscc.gov.uk", (Text("t.d@nottscc.gov.uk"),)),
    )
