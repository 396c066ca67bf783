"""The Word writer, checked by reading back the .docx it writes."""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from lxml import etree

from reportgen.document import Document
from reportgen.errors import ReportError
from reportgen.writers.docx import DEFAULT_TEMPLATE, render_docx
from tests.conftest import MINIMAL

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}

REPORT = MINIMAL.replace(
    "information:\n  - The information.\n",
    """\
information:
  - heading: Demand
    lettered: true
  - text: The staff are described here.
    label: staff
    items: [first point, second point]
  - text: "Costs & savings < 5%: see {{ ref('staff') }} and {{ ref('costs', bold=False) }}."
    bullets: [one, {text: two, bullets: [deeper]}]
  - heading: Capacity
    lettered: true
  - heading: Other
  - heading: Again lettered
    lettered: true
  - text: The costs.
    label: costs
  - table:
      - [Job Title, Grade, Total Cost £]
      - [Social Workers, Band B, "74,863"]
""",
).replace(
    "contacts:",
    "background_papers: [{title: A paper, url: 'https://example.org/paper'}]\ncontacts:",
)


class Written:
    """A written .docx, with its parts parsed for assertions."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            self.parts = {name: package.read(name) for name in package.namelist()}
        self.body = etree.fromstring(self.parts["word/document.xml"])
        self.numbering = etree.fromstring(self.parts["word/numbering.xml"])
        self.styles = etree.fromstring(self.parts["word/styles.xml"])
        self.word = docx.Document(io.BytesIO(data))

    def paragraph(self, starts: str) -> etree._Element:
        for p in self.body.iter(f"{{{W}}}p"):
            if "".join(p.itertext()).startswith(starts):
                return p
        raise AssertionError(f"no paragraph starts {starts!r}")

    def level(self, p: etree._Element) -> tuple[str, str, int]:
        """The number format and text of paragraph ``p``'s list level, and the level."""
        num_id = p.find("w:pPr/w:numPr/w:numId", NS).get(f"{{{W}}}val")
        ilvl = int(p.find("w:pPr/w:numPr/w:ilvl", NS).get(f"{{{W}}}val"))
        abstract = self.numbering.find(f"w:num[@w:numId='{num_id}']/w:abstractNumId", NS)
        lvl = self.numbering.find(
            f"w:abstractNum[@w:abstractNumId='{abstract.get(f'{{{W}}}val')}']/w:lvl[@w:ilvl='{ilvl}']",
            NS,
        )
        return (
            lvl.find("w:numFmt", NS).get(f"{{{W}}}val"),
            lvl.find("w:lvlText", NS).get(f"{{{W}}}val"),
            ilvl,
        )

    def num_id(self, p: etree._Element) -> str:
        return str(p.find("w:pPr/w:numPr/w:numId", NS).get(f"{{{W}}}val"))


@pytest.fixture
def written(resolve_yaml: Callable[[str], Document]) -> Written:
    return Written(render_docx(resolve_yaml(REPORT)))


def test_numbered_paragraphs_use_word_numbering_not_typed_digits(written: Written) -> None:
    p = written.paragraph("The staff are described")
    assert written.level(p) == ("decimal", "%1.", 0)
    assert written.level(written.paragraph("first point")) == ("lowerLetter", "%2)", 1)
    # every numbered paragraph of the report is one Word list
    ids = {written.num_id(written.paragraph(t)) for t in ("To seek", "The staff", "The costs")}
    assert len(ids) == 1


def test_recommendations_are_a_list_of_their_own(written: Written) -> None:
    rec = written.paragraph("the proposal is approved")
    assert written.level(rec) == ("decimal", "%1)", 0)
    assert written.num_id(rec) != written.num_id(written.paragraph("The costs"))


def test_each_group_of_lettered_headings_restarts(written: Written) -> None:
    first, second, third = (written.paragraph(t) for t in ("Demand", "Capacity", "Again lettered"))
    assert written.level(first) == ("lowerLetter", "%1)", 0)
    assert written.num_id(first) == written.num_id(second)
    assert written.num_id(third) != written.num_id(first)
    assert written.paragraph("Other").find("w:pPr/w:numPr", NS) is None


def test_references_are_ref_fields_with_the_right_cached_number(written: Written) -> None:
    p = written.paragraph("Costs & savings")
    instructions = [t.text for t in p.iter(f"{{{W}}}instrText")]
    assert instructions == [" REF _Ref_staff \\r \\h ", " REF _Ref_costs \\r \\h "]
    # the cached result of each field is the target's number: staff is 2, costs is 4
    shown = "".join(t.text for t in p.iter(f"{{{W}}}t"))
    assert shown == "Costs & savings < 5%: see paragraph 2 and paragraph 4."


def test_reference_targets_are_bookmarked(written: Written) -> None:
    for text, name in (("The staff are", "_Ref_staff"), ("The costs", "_Ref_costs")):
        p = written.paragraph(text)
        assert p.find("w:bookmarkStart", NS).get(f"{{{W}}}name") == name
        assert p.find("w:bookmarkEnd", NS) is not None


def test_references_are_bold_unless_asked_not_to_be(written: Written) -> None:
    p = written.paragraph("Costs & savings")
    runs = p.findall("w:r", NS)
    shown = [r for r in runs if r.find("w:t", NS) is not None and r.find("w:t", NS).text in "24"]
    assert [r.find("w:rPr/w:b", NS) is not None for r in shown] == [True, False]


def test_styles_are_the_templates_by_name(written: Written) -> None:
    styles = {p.text[:20]: p.style.name for p in written.word.paragraphs if p.text}
    assert styles["Purpose of the Repor"] == "Heading 1"
    assert styles["Demand"] == "Heading 2"
    assert styles["The staff are descri"] == "Numbered Paragraph"
    assert styles["first point"] == "Lettered Item"
    assert styles["deeper"] == "List Bullet 2"
    assert styles["the proposal is appro"[:20]] == "Recommendation"


def test_header_block_is_filled_from_the_report(written: Written) -> None:
    texts = [p.text for p in written.word.paragraphs[:4]]
    assert texts == [
        "Report to Adult Social Care and Health Committee",
        "9 January 2017\tAgenda Item: 4",
        "Report of Service Director for Mid Nottinghamshire",
        "A small report",
    ]
    assert written.word.paragraphs[3].style.name == "Title"


def test_document_has_title_language_and_no_update_prompt(written: Written) -> None:
    assert written.word.core_properties.title == "A small report"
    lang = written.styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
    assert lang.get(f"{{{W}}}val") == "en-GB"
    assert b"updateFields" not in written.parts["word/settings.xml"]
    core = written.parts["docProps/core.xml"].decode()
    assert core.count("lastModifiedBy") == 2  # one element: its start and end tags


def test_links_are_hyperlinks(written: Written) -> None:
    p = written.paragraph("A paper")
    link = p.find("w:hyperlink", NS)
    r_id = link.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
    assert written.word.part.rels[r_id].target_ref == "https://example.org/paper"


def test_list_indentation_follows_the_template_styles(
    resolve_yaml: Callable[[str], Document], tmp_path: Path
) -> None:
    template = tmp_path / "council.docx"
    shutil.copy(DEFAULT_TEMPLATE, template)
    council = docx.Document(str(template))
    fmt = council.styles["Numbered Paragraph"].paragraph_format
    fmt.left_indent, fmt.first_line_indent = docx.shared.Cm(2), docx.shared.Cm(-2)
    council.save(str(template))
    result = Written(render_docx(resolve_yaml(REPORT), template))
    p = result.paragraph("The staff are described")
    num_id = result.num_id(p)
    abstract = result.numbering.find(f"w:num[@w:numId='{num_id}']/w:abstractNumId", NS)
    ind = result.numbering.find(
        f"w:abstractNum[@w:abstractNumId='{abstract.get(f'{{{W}}}val')}']/w:lvl/w:pPr/w:ind", NS
    )
    assert (ind.get(f"{{{W}}}left"), ind.get(f"{{{W}}}hanging")) == ("1134", "1134")


def test_a_template_without_a_needed_style_is_an_error(
    resolve_yaml: Callable[[str], Document], tmp_path: Path
) -> None:
    template = tmp_path / "plain.docx"
    docx.Document().save(str(template))
    with pytest.raises(ReportError) as caught:
        render_docx(resolve_yaml(REPORT), template)
    missing = {p.message for p in caught.value.problems if p.code == "T401"}
    assert "the template has no paragraph style named 'Numbered Paragraph'" in missing


def test_tables_have_a_repeated_bold_header_row(written: Written) -> None:
    (table,) = written.word.tables
    assert [c.text for c in table.rows[1].cells] == ["Social Workers", "Band B", "74,863"]
    assert table.style.name == "Table Grid"
    header = table.rows[0]._tr
    assert header.find("w:trPr/w:tblHeader", NS) is not None
    assert all(r.find("w:rPr/w:b", NS) is not None for r in header.iter(f"{{{W}}}r"))


CLOSING = REPORT + "reference: ASCH445\n"
"""The report with its reference, which ends the closing section."""


@pytest.fixture
def closing(resolve_yaml: Callable[[str], Document]) -> Written:
    return Written(render_docx(resolve_yaml(CLOSING)))


class styled:  # read as a function: styled(result)["That:"]
    """Each paragraph by its first words: its style's name and whether it keeps with the next."""

    def __init__(self, result: Written) -> None:
        self.paragraphs = [
            (p.text, p.style.name, p._p.pPr is not None and p._p.pPr.keepNext is not None)
            for p in result.word.paragraphs
            if p.text
        ]

    def __getitem__(self, starts: str) -> tuple[str, bool]:
        for text, style, keep in self.paragraphs:
            if text.startswith(starts):
                return style, keep
        raise AssertionError(f"no paragraph starts {starts!r}")


def test_the_closing_sections_lead_ins_stand_at_the_margin_like_their_lists(
    closing: Written,
) -> None:
    styles = styled(closing)
    for lead_in in ("That:", "For any enquiries about", "Except for previously pu", "All."):
        assert styles[lead_in][0] == "Closing Text", lead_in
    ids = {s.name: s for s in closing.word.styles}
    closing_style = ids["Closing Text"]
    assert closing_style.base_style.name == "Body Text"
    assert closing_style.paragraph_format.left_indent == 0
    # the lists they introduce start at the margin too: the recommendations' numbers and the
    # contacts and papers themselves
    assert not ids["Contact"].paragraph_format.left_indent
    assert not ids["Background Paper"].paragraph_format.left_indent
    rec = ids["Recommendation"].paragraph_format
    assert rec.left_indent + rec.first_line_indent == 0


def test_unnumbered_paragraphs_keep_the_text_indent_outside_the_lead_ins(
    resolve_yaml: Callable[[str], Document],
) -> None:
    report = CLOSING.replace(
        "    label: costs\n",
        "    label: costs\n  - {text: Carried on without a number., numbered: false}\n",
    ).replace(
        "signed_by:",
        "comments:\n  financial:\n    initials: KAS\n    date: 2016-12-12\n"
        "    body: [Numbered., {text: Unnumbered comment., numbered: false}]\nsigned_by:",
    )
    styles = styled(Written(render_docx(resolve_yaml(report))))
    assert styles["Carried on without a num"][0] == "Body Text"
    assert styles["Unnumbered comment."][0] == "Body Text"
    assert styles["That:"][0] == "Closing Text"


def test_the_signature_keeps_with_its_contacts_and_the_reference_with_what_precedes_it(
    closing: Written,
) -> None:
    styles = styled(closing)
    assert styles["Sue Batty\nService Direct"] == ("Signature", True)
    assert styles["For any enquiries about"] == ("Closing Text", True)
    assert styles["All."] == ("Closing Text", True)
    assert styles["ASCH445"] == ("Report Reference", False)
    # the section's lead-ins keep with the lists they introduce
    assert styles["That:"][1]
    assert styles["Except for previously pu"][1]
    template = {s.name: s for s in docx.Document(str(DEFAULT_TEMPLATE)).styles}
    for name in ("Signature", "Contact", "Caption", "Heading 1", "Heading 2"):
        assert template[name].paragraph_format.keep_together, name
    for name in ("Caption", "Heading 1", "Heading 2", "Heading 3", "Heading 4", "Heading 5"):
        assert template[name].paragraph_format.keep_with_next, name


def test_several_contacts_stay_together(resolve_yaml: Callable[[str], Document]) -> None:
    report = CLOSING.replace(
        "contacts: [",
        "contacts: [{name: Jane Forbes, role: Team Manager, phone: '0115 8546081'}, ",
    )
    styles = styled(Written(render_docx(resolve_yaml(report))))
    assert styles["Jane Forbes\nTeam Manager"] == ("Contact", True)
    # the last keeps with the closing sections after it (background papers, divisions), which
    # keep together with what precedes them
    assert styles["Tessa Diment\nGroup Manag"] == ("Contact", True)


def test_a_lead_in_keeps_with_the_list_it_introduces(
    resolve_yaml: Callable[[str], Document],
) -> None:
    report = REPORT.replace(
        "  - text: The staff are described here.\n",
        "  - text: 'The benefits are:'\n",
    )
    styles = styled(Written(render_docx(resolve_yaml(report))))
    assert styles["The benefits are:"] == ("Numbered Paragraph", True)
    assert styles["first point"] == ("Lettered Item", False)
    assert styles["Costs & savings < 5%: see"][1] is False


def test_body_text_has_widow_and_orphan_control(closing: Written) -> None:
    normal = closing.styles.find("w:style[@w:styleId='Normal']", NS)
    assert normal.find("w:pPr/w:widowControl", NS) is not None
    for p in closing.styles.iter(f"{{{W}}}widowControl"):
        assert p.get(f"{{{W}}}val") in (None, "1", "true", "on")


def test_the_last_item_of_a_list_leaves_the_normal_gap(closing: Written) -> None:
    styles = {s.name: s.paragraph_format for s in closing.word.styles if s.type == 1}
    gap = styles["Numbered Paragraph"].space_after
    for name in (
        "List Bullet",
        "List Bullet 2",
        "List Bullet 3",
        "Lettered Item",
        "Recommendation",
    ):
        assert styles[name].space_after == gap, name


def lvl_indent(result: Written, p: etree._Element) -> tuple[str, str]:
    num_id = result.num_id(p)
    abstract = result.numbering.find(f"w:num[@w:numId='{num_id}']/w:abstractNumId", NS)
    ind = result.numbering.find(
        f"w:abstractNum[@w:abstractNumId='{abstract.get(f'{{{W}}}val')}']/w:lvl/w:pPr/w:ind", NS
    )
    return ind.get(f"{{{W}}}left"), ind.get(f"{{{W}}}hanging")


def test_lettered_headings_and_papers_hang_like_numbered_paragraphs(
    written: Written, resolve_yaml: Callable[[str], Document]
) -> None:
    numbered = lvl_indent(written, written.paragraph("The staff are described"))
    assert numbered == ("567", "567")
    assert lvl_indent(written, written.paragraph("Demand")) == numbered
    result = Written(render_docx(resolve_yaml(REPORT + "house_style: {papers_lettered: true}\n")))
    assert lvl_indent(result, result.paragraph("A paper")) == numbered
