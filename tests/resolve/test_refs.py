"""Cross-references: {{ ref() }} calls become "paragraph 8" with live numbers, or problems."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

import pytest

from reportgen.document import Document, Inlines, Para, RefNumber, Strong, Text, plain_text
from reportgen.errors import Problem
from tests.conftest import MINIMAL, position, raised

Resolve = Callable[[str], Document]

# Paragraphs 1 (purpose) and 2..8 (information); the statutory paragraph is 9.
LABELLED = """\
- "{ref}"
- {text: Staffing., label: staff}
- {text: Funding., label: funding}
- Unlabelled.
- {text: Demand., label: demand}
- {text: Capacity., label: capacity}
- {text: Homes., label: homes}
"""


def report(ref: str, extra: str = "") -> str:
    """MINIMAL whose information is LABELLED, its first paragraph ``ref``, plus ``extra``."""
    blocks = LABELLED.replace("{ref}", ref.replace('"', '\\"'))
    return MINIMAL.replace(
        "  - The information.\n", textwrap.indent(blocks, "  ")
    ) + textwrap.dedent(extra)


def paragraph(doc: Document, number: str) -> Para:
    """The paragraph numbered ``number`` in the report's one paragraph sequence."""
    [para] = [
        b
        for b in doc.blocks
        if isinstance(b, Para) and b.mark and b.mark.kind == "paragraph" and b.mark.label == number
    ]
    return para


def first_information(doc: Document) -> Inlines:
    """The content of the information section's first paragraph (paragraph 2)."""
    return paragraph(doc, "2").content


def problems_of(resolve_yaml: Resolve, text: str) -> tuple[Problem, ...]:
    return raised(lambda: resolve_yaml(text))


def only_problem(resolve_yaml: Resolve, text: str) -> Problem:
    found = problems_of(resolve_yaml, text)
    assert len(found) == 1, found
    return found[0]


def test_ref_to_one_label_is_a_bold_paragraph_number(resolve_yaml: Resolve) -> None:
    doc = resolve_yaml(report("See {{ ref('staff') }} for details."))
    assert first_information(doc) == (
        Text("See "),
        Strong((Text("paragraph "), RefNumber("staff", "3"))),
        Text(" for details."),
    )


def test_labelled_paragraph_is_the_anchor_its_references_point_at(
    resolve_yaml: Resolve,
) -> None:
    doc = resolve_yaml(report("See {{ ref('staff') }}."))
    [target] = [b for b in doc.blocks if isinstance(b, Para) and b.anchor == "staff"]
    assert plain_text(target.content) == "Staffing."
    assert target.mark is not None
    assert target.mark.label == "3"


def test_ref_to_two_labels_joins_them_with_and(resolve_yaml: Resolve) -> None:
    doc = resolve_yaml(report("See {{ ref('staff', 'funding') }}."))
    assert first_information(doc)[1] == Strong(
        (
            Text("paragraphs "),
            RefNumber("staff", "3"),
            Text(" and "),
            RefNumber("funding", "4"),
        )
    )


def test_ref_to_several_labels_is_sorted_by_number_and_deduplicated(
    resolve_yaml: Resolve,
) -> None:
    doc = resolve_yaml(report("See {{ ref('demand', 'staff', 'funding', 'staff') }}."))
    assert first_information(doc)[1] == Strong(
        (
            Text("paragraphs "),
            RefNumber("staff", "3"),
            Text(", "),
            RefNumber("funding", "4"),
            Text(" and "),
            RefNumber("demand", "6"),
        )
    )
    assert plain_text(first_information(doc)) == "See paragraphs 3, 4 and 6."


def test_ref_with_to_is_a_range(resolve_yaml: Resolve) -> None:
    doc = resolve_yaml(report("See {{ ref('funding', to='homes') }}."))
    assert first_information(doc)[1] == Strong(
        (Text("paragraphs "), RefNumber("funding", "4"), Text(" to "), RefNumber("homes", "8"))
    )


def test_a_range_over_two_neighbours_reads_and(resolve_yaml: Resolve) -> None:
    # as the published reports write it: "paragraphs 36 and 37", not "36 to 37"
    doc = resolve_yaml(report("See {{ ref('demand', to='capacity') }}."))
    assert plain_text(first_information(doc)) == "See paragraphs 6 and 7."


def test_forward_and_backward_references_both_resolve(resolve_yaml: Resolve) -> None:
    # The reference in paragraph 2 points forward; the comment's points back.
    doc = resolve_yaml(
        report(
            "Ahead: {{ ref('homes') }}.",
            """\
            comments:
              financial:
                initials: KAS
                date: 2017-01-02
                body: ["Back: {{ ref('staff') }}."]
            """,
        )
    )
    assert plain_text(first_information(doc)) == "Ahead: paragraph 8."
    assert plain_text(paragraph(doc, "10").content) == "Back: paragraph 3."


def test_bold_false_gives_a_plain_reference(resolve_yaml: Resolve) -> None:
    doc = resolve_yaml(report("See {{ ref('staff', bold=False) }}."))
    assert first_information(doc) == (
        Text("See paragraph "),
        RefNumber("staff", "3"),
        Text("."),
    )


def test_ref_to_an_appendix_is_its_number_as_text(resolve_yaml: Resolve) -> None:
    doc = resolve_yaml(
        report(
            "See {{ ref('strategy') }}.",
            """\
            appendices:
              - {label: plan, title: The plan}
              - {label: strategy, title: The strategy}
            """,
        )
    )
    reference = first_information(doc)[1]
    assert isinstance(reference, Strong)
    assert plain_text(reference.children) == "Appendix 2"
    assert reference.children == (Text("Appendix 2"),)


def test_ref_to_a_recommendation_names_it(resolve_yaml: Resolve) -> None:
    """As its number shows, "2)": what the Word REF field to it shows once updated, and what
    LibreOffice's PDF prints (it recomputes the field), so every output reads the same."""
    text = report("See {{ ref('approve') }}.").replace(
        "items: [the proposal is approved]",
        "items: [the report is noted, {text: the proposal is approved, label: approve}]",
    )
    doc = resolve_yaml(text)
    assert first_information(doc)[1] == Strong(
        (Text("recommendation "), RefNumber("approve", "2)"))
    )


def test_unknown_label_is_reported_at_the_text_with_the_labels_there_are(
    resolve_yaml: Resolve,
) -> None:
    text = report("See {{ ref('staf') }}.")
    problem = only_problem(resolve_yaml, text)
    assert problem.code == "R300"
    assert problem.where.file.endswith("report.yaml")
    assert (problem.where.line, problem.where.column) == position(text, '"See {{')
    assert problem.where.path == ("information", 0)
    assert "labelled 'staf'" in problem.message
    assert problem.hint.startswith("did you mean 'staff'?")
    assert "labels in this report: capacity, demand, funding, homes, staff" in problem.hint


def test_unknown_name_in_a_template_is_reported(resolve_yaml: Resolve) -> None:
    text = report("See {{ foo }}.")
    problem = only_problem(resolve_yaml, text)
    assert problem.code == "R308"
    assert (problem.where.line, problem.where.column) == position(text, '"See {{')
    assert problem.where.path == ("information", 0)
    assert "only ref(), fig() and total() may be written between {{ }}, not '{{ foo }}'" in (
        problem.message
    )
    assert "ref('label')" in problem.hint
    assert "{{ '{{' }}" in problem.hint


def test_template_syntax_error_is_reported(resolve_yaml: Resolve) -> None:
    text = report("See {{ ref('staff' }}.")
    problem = only_problem(resolve_yaml, text)
    assert problem.code == "R302"
    assert (problem.where.line, problem.where.column) == position(text, '"See {{')
    assert problem.where.path == ("information", 0)
    assert "template syntax" in problem.message
    assert "{{ ref('label') }}" in problem.hint


def test_mixing_a_paragraph_and_an_appendix_is_reported(resolve_yaml: Resolve) -> None:
    text = report(
        "See {{ ref('staff', 'strategy') }}.",
        "appendices: [{label: strategy, title: The strategy}]\n",
    )
    problem = only_problem(resolve_yaml, text)
    assert problem.code == "R304"
    assert (problem.where.line, problem.where.column) == position(text, '"See {{')
    assert "mixes appendix and paragraph labels" in problem.message
    assert "one ref() for each kind" in problem.hint


@pytest.mark.parametrize(
    "call",
    ["ref('homes', to='staff')", "ref('staff', to='staff')", "ref('staff', 'funding', to='homes')"],
)
def test_range_must_end_after_it_starts(resolve_yaml: Resolve, call: str) -> None:
    text = report(f"See {{{{ {call} }}}}.")
    problem = only_problem(resolve_yaml, text)
    assert problem.code == "R304"
    assert (problem.where.line, problem.where.column) == position(text, '"See {{')
    assert "a range needs one first label and a later 'to' label" in problem.message
    assert "'last' after 'first'" in problem.hint


def test_reference_problems_in_different_texts_are_reported_together(
    resolve_yaml: Resolve,
) -> None:
    text = (
        report("See {{ ref('nowhere') }}.").replace(
            "  - To seek approval.", "  - To seek {{ approval }}."
        )
        + "reasons: [\"Because of {{ ref('homes', to='staff') }}.\"]\n"
    )
    found = problems_of(resolve_yaml, text)
    assert [(p.code, p.where.path) for p in found] == [
        ("R308", ("purpose", 0)),
        ("R300", ("information", 0)),
        ("R304", ("reasons", 0)),
    ]
    assert [p.where.line for p in found] == [
        position(text, "To seek")[0],
        position(text, "ref('nowhere')")[0],
        position(text, "Because of")[0],
    ]
