"""Tables in the Word writer, checked by reading back the .docx it writes (and one PDF export)."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from docx.shared import Cm
from lxml import etree
from pypdf import PdfReader

from reportgen.document import (
    Cell,
    Document,
    Figure,
    Heading,
    LevelFormat,
    ListFormat,
    ListMark,
    Meta,
    Origin,
    Para,
    Row,
    RowRole,
    Strong,
    Table,
    Text,
)
from reportgen.errors import Location, ReportError
from reportgen.writers.docx import DEFAULT_TEMPLATE, render_docx
from reportgen.writers.docx.tables import column_widths, text_width
from tests.conftest import LibreOffice
from tests.writers.docx.test_writer import NS, W, Written

META = Meta(
    title="Tables",
    committee="Adult Social Care and Public Health Committee",
    date=dt.date(2021, 7, 12),
    date_text="12 July 2021",
    agenda_item="5",
    report_of="Corporate Director",
    reference=None,
)

HEADER = ("Job Title", "Grade", "Full Time Equivalent", "Team", "Total Cost £")
STAFF = (
    ("Social Workers", "Band B", "3", "Multi-Agency Safeguarding Hub", "74,863"),
    ("Community Care Officers", "Grade 5", "3", "Multi-Agency Safeguarding Hub", "54,099"),
    ("Senior Practitioner Occupational Therapist", "Band C", "4", "Living Well", "114,751"),
    ("Service Improvement Officer", "Band B", "3", "Service Improvement", "74,863"),
    ("Commissioning Officer", "Grade 4", "1", "Integrated Strategic Commissioning", "15,606"),
)
NUMERIC = (False, False, True, False, True)


def figure(shown: str) -> Figure:
    value = Decimal(shown.replace(",", "").replace("£", ""))
    return Figure(value, shown, "money", Origin("as written", Location("report.yaml", 1, 1)))


def row(role: RowRole, *texts: str) -> Row:
    """A row of the staffing table; numbers in the numeric columns are figures."""
    return Row(
        role,
        tuple(
            Cell((figure(t),), numeric=True)
            if numeric and t and role != "header"
            else Cell((Text(t),) if t else ())
            for t, numeric in zip(texts, NUMERIC, strict=True)
        ),
    )


STAFFING = Table(
    (
        row("header", *HEADER),
        Row("group", (Cell((Text("Increased Safeguarding Demand"),), span=5),)),
        *(row("body", *r) for r in STAFF[:2]),
        row("subtotal", "Sub Total", "", "", "", "128,962"),
        Row("group", (Cell((Text("Service Improvement Programme"),), span=5),)),
        *(row("body", *r) for r in STAFF[2:]),
        Row(
            "body",
            (
                Cell((Text("Forensic Social Worker"),)),
                Cell((Text("Band B"),)),
                Cell((figure("1"),), numeric=True),
                Cell((Text("Complex Lives"),)),
                Cell((Text("Funded by Transforming Care Partnership"),), numeric=True, note=True),
            ),
        ),
        row("total", "TOTAL", "", "", "", "334,182"),
    ),
    title="Table of resources",
)


PARAGRAPHS = {"paragraph": ListFormat((LevelFormat("decimal", "{1}."),))}


def numbered(n: int, text: str) -> Para:
    return Para("numbered", (Text(text),), ListMark("paragraph", "main", 0, str(n)))


def report(*tables: Table) -> Document:
    """A document of a numbered paragraph, then each table after its caption, then another."""
    blocks: list[Para | Table] = [numbered(1, "The posts are as follows:")]
    for table in tables:
        if table.title:
            blocks.append(Para("caption", (Text(table.title),)))
        blocks.append(table)
    blocks.append(numbered(2, "The next paragraph."))
    return Document(META, tuple(blocks), PARAGRAPHS)


def val(element: etree._Element | None, name: str = "val") -> str:
    assert element is not None
    return str(element.get(f"{{{W}}}{name}"))


class Template:
    """What the template says tables should fit: read with python-docx, not the writer's code."""

    def __init__(self, path: Path = DEFAULT_TEMPLATE) -> None:
        word = docx.Document(str(path))
        section = word.sections[-1]
        text = section.page_width - section.left_margin - section.right_margin
        self.indent = word.styles["Numbered Paragraph"].paragraph_format.left_indent.twips
        self.available = text // 635 - self.indent
        self.size = word.styles["Table Text"].font.size.pt
        self.padding = 2 * 108  # Table Grid's left and right cell margins
        self.ids = {s.name: s.style_id for s in word.styles}


@pytest.fixture(scope="module")
def written() -> Written:
    return Written(render_docx(report(STAFFING)))


def tables(result: Written) -> list[etree._Element]:
    return result.body.findall("w:body/w:tbl", NS)


def grid(tbl: etree._Element) -> list[int]:
    return [int(val(col, "w")) for col in tbl.findall("w:tblGrid/w:gridCol", NS)]


def texts(tr: etree._Element) -> list[str]:
    return ["".join(tc.itertext()) for tc in tr.findall("w:tc", NS)]


def test_columns_fill_the_text_width_in_fixed_layout(written: Written) -> None:
    (tbl,) = tables(written)
    widths = grid(tbl)
    assert len(widths) == 5
    assert sum(widths) == Template().available
    assert int(val(tbl.find("w:tblPr/w:tblW", NS), "w")) == sum(widths)
    assert val(tbl.find("w:tblPr/w:tblW", NS), "type") == "dxa"
    assert val(tbl.find("w:tblPr/w:tblLayout", NS), "type") == "fixed"
    for tr in tbl.findall("w:tr", NS):
        column = 0
        for tc in tr.findall("w:tc", NS):
            span_element = tc.find("w:tcPr/w:gridSpan", NS)
            span = 1 if span_element is None else int(val(span_element))
            assert int(val(tc.find("w:tcPr/w:tcW", NS), "w")) == sum(widths[column : column + span])
            column += span
        assert column == 5


def test_no_column_is_narrower_than_its_longest_word(written: Written) -> None:
    (tbl,) = tables(written)
    template = Template()
    for column, width in enumerate(grid(tbl)):
        words = [
            (word, i == 0)  # the header row is bold
            for i, source in enumerate((HEADER, *STAFF))
            for word in source[column].split()
        ]
        longest = max(text_width(word, template.size, bold) for word, bold in words)
        assert width >= longest + template.padding, HEADER[column]


def test_wrapping_goes_to_the_long_columns_not_the_short_ones(written: Written) -> None:
    (tbl,) = tables(written)
    template = Template()
    widths = grid(tbl)
    # 'Band B' and 'Grade 5' stay on one line; 'Job Title' takes the most room
    assert widths[1] >= text_width("Grade 5", template.size) + template.padding
    assert widths[0] == max(widths)


def test_widths_follow_the_table_text_size_of_the_template(
    written: Written, tmp_path: Path
) -> None:
    council = tmp_path / "council.docx"
    shutil.copy(DEFAULT_TEMPLATE, council)
    word = docx.Document(str(council))
    word.styles["Table Text"].font.size = docx.shared.Pt(9)
    word.save(str(council))
    (small,) = tables(Written(render_docx(report(STAFFING), council)))
    (usual,) = tables(written)
    assert sum(grid(small)) == sum(grid(usual))
    # the short columns need less at 9 pt, leaving more to the long ones
    assert grid(small)[1] < grid(usual)[1]
    assert grid(small)[0] > grid(usual)[0]


def test_widths_the_author_gave_are_kept() -> None:
    template = Template()
    table = Table(STAFFING.rows, widths=(5.0, None, 2.0, None, None))
    (tbl,) = tables(Written(render_docx(report(table))))
    widths = grid(tbl)
    assert abs(widths[0] - 5 * 1440 / 2.54) <= 1
    assert abs(widths[2] - 2 * 1440 / 2.54) <= 1
    assert sum(widths) == template.available

    every = Table(STAFFING.rows, widths=(5.0, 2.0, 2.0, 4.0, 2.0))
    (tbl,) = tables(Written(render_docx(report(every))))
    assert [round(w * 2.54 / 1440, 2) for w in grid(tbl)] == [5.0, 2.0, 2.0, 4.0, 2.0]


def test_widths_always_add_up_even_when_the_words_cannot_fit() -> None:
    words = ("Safeguarding-Partnership", "Improvement", "Commissioning", "Establishment")
    crowded = Table((Row("body", tuple(Cell((Text(w),)) for w in words * 3)),))
    widths = column_widths(crowded, 8845, 11, 216)
    assert len(widths) == 12
    assert sum(widths) == 8845
    ragged = Table((Row("header", (Cell((Text("A"),)),)), Row("body", (Cell(()), Cell(())))))
    assert len(column_widths(ragged, 8845, 11, 216)) == 2


def test_table_sits_on_the_numbered_paragraphs_text_indent(
    written: Written, tmp_path: Path
) -> None:
    (tbl,) = tables(written)
    assert int(val(tbl.find("w:tblPr/w:tblInd", NS), "w")) == Template().indent

    council = tmp_path / "council.docx"
    shutil.copy(DEFAULT_TEMPLATE, council)
    word = docx.Document(str(council))
    fmt = word.styles["Numbered Paragraph"].paragraph_format
    fmt.left_indent, fmt.first_line_indent = Cm(2), Cm(-2)
    word.save(str(council))
    (tbl,) = tables(Written(render_docx(report(STAFFING), council)))
    assert int(val(tbl.find("w:tblPr/w:tblInd", NS), "w")) == 1134
    assert sum(grid(tbl)) == Template(council).available


def test_header_rows_repeat_and_no_row_splits_across_pages(written: Written) -> None:
    (tbl,) = tables(written)
    rows = tbl.findall("w:tr", NS)
    for tr in rows:
        properties = [child.tag for child in tr.find("w:trPr", NS)]
        assert properties[0] == f"{{{W}}}cantSplit"
        assert (f"{{{W}}}tblHeader" in properties) == (tr is rows[0])


def test_group_rows_are_one_bold_cell_across_the_table(written: Written) -> None:
    (tbl,) = tables(written)
    rows = tbl.findall("w:tr", NS)
    groups = [tr for tr, source in zip(rows, STAFFING.rows, strict=True) if source.role == "group"]
    assert [texts(tr) for tr in groups] == [
        ["Increased Safeguarding Demand"],
        ["Service Improvement Programme"],
    ]
    for tr in groups:
        assert val(tr.find("w:tc/w:tcPr/w:gridSpan", NS)) == "5"
        assert all(r.find("w:rPr/w:b", NS) is not None for r in tr.iter(f"{{{W}}}r"))


def test_headers_totals_and_subtotals_are_bold_and_body_rows_are_not(written: Written) -> None:
    (tbl,) = tables(written)
    for tr in tbl.findall("w:tr", NS):
        runs = list(tr.iter(f"{{{W}}}r"))
        bold = {r.find("w:rPr/w:b", NS) is not None for r in runs}
        first = texts(tr)[0]
        assert bold == (
            {False} if first in {s[0] for s in STAFF} | {"Forensic Social Worker"} else {True}
        )
    total = tbl.findall("w:tr", NS)[-1]
    assert texts(total) == ["TOTAL", "", "", "", "334,182"]


def test_numbers_and_their_headings_are_right_aligned_by_style(written: Written) -> None:
    ids = Template().ids
    (tbl,) = tables(written)
    header, _, first, *_ = tbl.findall("w:tr", NS)
    styles = [val(tc.find("w:p/w:pPr/w:pStyle", NS)) for tc in first.findall("w:tc", NS)]
    text, number = ids["Table Text"], ids["Table Number"]
    assert styles == [text, text, number, text, number]
    assert [val(tc.find("w:p/w:pPr/w:pStyle", NS)) for tc in header.findall("w:tc", NS)] == styles
    style = written.styles.find(f"w:style[@w:styleId='{number}']", NS)
    assert val(style.find("w:pPr/w:jc", NS)) == "right"
    assert val(style.find("w:basedOn", NS)) == text


def test_notes_are_italic_and_figures_print_as_shown(written: Written) -> None:
    (tbl,) = tables(written)
    note = next(tr for tr in tbl.findall("w:tr", NS) if texts(tr)[0] == "Forensic Social Worker")
    cell = note.findall("w:tc", NS)[-1]
    assert "".join(cell.itertext()) == "Funded by Transforming Care Partnership"
    assert all(r.find("w:rPr/w:i", NS) is not None for r in cell.iter(f"{{{W}}}r"))
    assert texts(tbl.findall("w:tr", NS)[2])[-1] == "74,863"


def test_table_properties_in_schema_order_with_the_title(written: Written) -> None:
    (tbl,) = tables(written)
    assert val(tbl.find("w:tblPr/w:tblCaption", NS)) == "Table of resources"
    order = [
        "tblStyle",
        "tblpPr",
        "tblOverlap",
        "bidiVisual",
        "tblStyleRowBandSize",
        "tblStyleColBandSize",
        "tblW",
        "jc",
        "tblCellSpacing",
        "tblInd",
        "tblBorders",
        "shd",
        "tblLayout",
        "tblCellMar",
        "tblLook",
        "tblCaption",
        "tblDescription",
    ]
    names = [etree.QName(child).localname for child in tbl.find("w:tblPr", NS)]
    assert names == sorted(names, key=order.index)
    assert val(tbl.find("w:tblPr/w:tblStyle", NS)) == Template().ids["Table Grid"]


def test_caption_keeps_with_its_table_and_the_next_paragraph_leaves_the_gap(
    written: Written,
) -> None:
    ids = Template().ids
    (tbl,) = tables(written)
    caption, after = tbl.getprevious(), tbl.getnext()
    assert "".join(caption.itertext()) == "Table of resources"
    assert val(caption.find("w:pPr/w:pStyle", NS)) == ids["Caption"]
    style = written.styles.find(f"w:style[@w:styleId='{ids['Caption']}']", NS)
    assert style.find("w:pPr/w:keepNext", NS) is not None
    # no empty paragraph spaces the table: the next paragraph leaves the numbered paragraphs'
    # gap before itself
    assert "".join(after.itertext()) == "The next paragraph."
    gap = docx.Document(str(DEFAULT_TEMPLATE)).styles["Numbered Paragraph"]
    assert int(val(after.find("w:pPr/w:spacing", NS), "before")) == (
        gap.paragraph_format.space_after.twips
    )
    assert "After Table" not in Template().ids


def test_a_heading_after_a_table_keeps_its_own_space_before() -> None:
    blocks = (*report(STAFFING).blocks[:-1], Heading(2, (Text("Next"),)))
    result = Written(render_docx(Document(META, blocks, PARAGRAPHS)))
    (tbl,) = tables(result)
    assert tbl.getnext().find("w:pPr/w:spacing", NS) is None


def test_a_table_whose_words_need_the_room_starts_at_the_margin() -> None:
    template = Template()
    words = ("Commissioning", "Practitioner", "Equivalent", "Establishment", "Improvement")
    wide = Table(
        (
            Row("header", tuple(Cell((Text(w),)) for w in words * 2)),
            Row("body", tuple(Cell((Text(w.lower()),)) for w in words * 2)),
        ),
        title="Wide",
    )
    result = Written(render_docx(report(wide)))
    (tbl,) = tables(result)
    assert int(val(tbl.find("w:tblPr/w:tblInd", NS), "w")) == 0
    assert sum(grid(tbl)) == template.available + template.indent
    caption = tbl.getprevious()
    assert val(caption.find("w:pPr/w:ind", NS), "left") == "0"
    # a table that fits stays on the text indent, its caption on the caption style's indent
    (usual,) = tables(Written(render_docx(report(STAFFING))))
    assert int(val(usual.find("w:tblPr/w:tblInd", NS), "w")) == template.indent
    assert usual.getprevious().find("w:pPr/w:ind", NS) is None


def test_a_table_without_a_title_has_no_caption_element() -> None:
    # titles are decided when a report is resolved (tests/resolve/test_tables.py)
    untitled = Written(render_docx(report(Table(STAFFING.rows))))
    (tbl,) = tables(untitled)
    assert tbl.find("w:tblPr/w:tblCaption", NS) is None


def test_the_paragraph_that_introduces_a_table_keeps_with_it(written: Written) -> None:
    lead = written.paragraph("The posts are as follows:")
    assert [etree.QName(child).localname for child in lead.find("w:pPr", NS)] == [
        "pStyle",
        "keepNext",
        "numPr",
    ]
    assert written.paragraph("The next paragraph.").find("w:pPr/w:keepNext", NS) is None
    # without a caption, the paragraph just before the table keeps with it all the same
    untitled = Written(render_docx(report(Table(STAFFING.rows))))
    lead = untitled.paragraph("The posts are as follows:")
    assert lead.getnext().tag == f"{{{W}}}tbl"
    assert lead.find("w:pPr/w:keepNext", NS) is not None
    # a paragraph that does not introduce the table (the last of a list, say) is left free
    listed = report(STAFFING)
    blocks = (numbered(1, "The last post is a manager."), *listed.blocks[1:])
    free = Written(render_docx(Document(META, blocks, PARAGRAPHS)))
    assert free.paragraph("The last post").find("w:pPr/w:keepNext", NS) is None


def test_headings_hold_on_to_the_row_after_and_totals_to_the_row_before(written: Written) -> None:
    (tbl,) = tables(written)
    rows = tbl.findall("w:tr", NS)
    kept = [
        all(p.find("w:pPr/w:keepNext", NS) is not None for p in tr.iter(f"{{{W}}}p")) for tr in rows
    ]
    roles = [r.role for r in STAFFING.rows]
    assert kept[roles.index("header")] and kept[roles.index("group")]
    assert kept[roles.index("subtotal") - 1] and kept[-2]
    assert not kept[-1]
    assert not kept[roles.index("subtotal") + 2]  # a body row in the middle of a group


def test_bold_text_in_a_cell_is_measured_bold() -> None:
    plain = Table((Row("body", (Cell((Text("Safeguarding"),)), Cell((Text("x " * 200),)))),))
    strong = Table(
        (Row("body", (Cell((Strong((Text("Safeguarding"),)),)), Cell((Text("x " * 200),)))),)
    )
    assert column_widths(strong, 8845, 11, 216)[0] > column_widths(plain, 8845, 11, 216)[0]
    assert column_widths(plain, 8845, 11, 216)[0] >= text_width("Safeguarding", 11) + 216


def test_a_template_without_the_table_styles_is_an_error(tmp_path: Path) -> None:
    template = tmp_path / "council.docx"
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as source, zipfile.ZipFile(template, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/styles.xml":
                root = etree.fromstring(data)
                for style in root.findall("w:style", NS):
                    if val(style.find("w:name", NS)) in ("Table Number", "Table Text"):
                        root.remove(style)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            out.writestr(item, data)
    with pytest.raises(ReportError) as caught:
        render_docx(report(STAFFING), template)
    missing = {p.message for p in caught.value.problems if p.code == "T401"}
    assert missing == {
        "the template has no paragraph style named 'Table Text'",
        "the template has no paragraph style named 'Table Number'",
    }


def test_libreoffice_breaks_no_word_in_a_crowded_table(
    libreoffice: LibreOffice, tmp_path: Path
) -> None:
    header = (*HEADER[:3], "Increase to Establishment Required", *HEADER[3:])
    rows = [("Service Improvement Officer", "Band B", "2.5", "2.5", "Safeguarding", "62,385")]
    rows += [(*r[:3], "1 (Permanent)", *r[3:]) for r in STAFF]
    table = Table(
        (
            Row("header", tuple(Cell((Text(t),)) for t in header)),
            *(Row("body", tuple(Cell((Text(t),)) for t in r)) for r in rows),
        ),
        title="Table of resources",
    )
    source = tmp_path / "crowded.docx"
    source.write_bytes(render_docx(report(table)))
    libreoffice.convert([source], "pdf", tmp_path)
    text = "\n".join(page.extract_text() for page in PdfReader(tmp_path / "crowded.pdf").pages)
    words = " ".join(" ".join(r) for r in [header, *rows]).split()
    for word in ("Safeguarding", "Improvement", "Establishment", "Equivalent", "Occupational"):
        expected = words.count(word)
        assert expected
        assert len(re.findall(rf"\b{word}\b", text)) == expected, (word, text)
