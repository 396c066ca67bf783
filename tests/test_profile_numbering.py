"""Numbering schemes as data: each numbering.yaml of tests/profiles/ builds the report there
to the numbers it says, in the resolved Document, the .docx (its list definitions and levels),
the HTML text and LibreOffice's PDF text; a bad numbering.yaml is a placed problem.

Each profile is the bundled Nottinghamshire folder copied with the fixture's numbering.yaml
written over its own.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

import docx
import pytest
from docx.oxml.ns import qn

from reportgen import api
from reportgen.boilerplate import DEFAULT_DIR, FALLBACK_FILES, load_boilerplate
from reportgen.document import Document, Heading, Para, plain_text
from reportgen.profile_numbering import Form, Numbering
from reportgen.resolve.numbering import LIST_FORMATS, RUNNING, counted, list_formats
from tests.conftest import LibreOffice, raised

HERE = Path(__file__).resolve().parent / "profiles"
REPORT = HERE / "report.yaml"


def profile(folder: Path, name: str) -> Path:
    """The bundled profile copied to ``folder``, with tests/profiles/NAME/numbering.yaml."""
    shutil.copytree(DEFAULT_DIR, folder)
    shutil.copy(HERE / name / "numbering.yaml", folder / "numbering.yaml")
    return folder


@dataclass(frozen=True)
class Built:
    """The fixture report built under one profile: its Document and its three files' text."""

    document: Document
    docx: Path
    html: str
    pdf: str


def build(folder: Path, libreoffice: LibreOffice, name: str | None) -> Built:
    """The report built under tests/profiles/NAME's numbering, or the bundled profile's."""
    boilerplate = profile(folder / "profile", name) if name else DEFAULT_DIR
    out = folder / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REPORTGEN_SOFFICE", libreoffice.program)
        api.build([REPORT], out_dir=out, to="docx,html,pdf", boilerplate_dir=boilerplate)
    [document] = api.load_documents([REPORT], boilerplate).values()
    html = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", (out / "report.html").read_text("utf-8")))
    pdf = subprocess.run(
        ["pdftotext", "-layout", str(out / "report.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return Built(document, out / "report.docx", html, re.sub(r"[ \t]+", " ", pdf))


@pytest.fixture(scope="module")
def running(tmp_path_factory: pytest.TempPathFactory, libreoffice: LibreOffice) -> Built:
    return build(tmp_path_factory.mktemp("running"), libreoffice, None)


@pytest.fixture(scope="module")
def by_section(tmp_path_factory: pytest.TempPathFactory, libreoffice: LibreOffice) -> Built:
    return build(tmp_path_factory.mktemp("by-section"), libreoffice, "by-section")


@pytest.fixture(scope="module")
def roman_parts(tmp_path_factory: pytest.TempPathFactory, libreoffice: LibreOffice) -> Built:
    return build(tmp_path_factory.mktemp("roman-parts"), libreoffice, "roman-parts")


def numbers(document: Document) -> list[tuple[str, str, int, str, str]]:
    """Each numbered block: heading or role, list kind, level, label and its first words."""
    return [
        (
            "heading" if isinstance(b, Heading) else b.role,
            b.mark.kind,
            b.mark.level,
            b.mark.label,
            plain_text(b.content)[:20],
        )
        for b in document.blocks
        if isinstance(b, Heading | Para) and b.mark is not None
    ]


def assert_shows(text: str, *expected: str) -> None:
    """Fail, naming them, if ``text`` lacks any of ``expected``."""
    absent = [e for e in expected if e not in text]
    assert absent == []


def text_of(document: Document, start: str) -> str:
    return next(
        plain_text(b.content)
        for b in document.blocks
        if isinstance(b, Para) and plain_text(b.content).startswith(start)
    )


def levels(path: Path) -> dict[str, list[tuple[str, str]]]:
    """The .docx's list definitions: for each paragraph's list, its levels' format and text,
    keyed by the first paragraph's text that uses it."""
    word = docx.Document(str(path))
    numbering = word.part.numbering_part.element
    abstract = {
        a.get(qn("w:abstractNumId")): [
            (lvl.find(qn("w:numFmt")).get(qn("w:val")), lvl.find(qn("w:lvlText")).get(qn("w:val")))
            for lvl in a.iter(qn("w:lvl"))
        ]
        for a in numbering.iter(qn("w:abstractNum"))
    }
    nums = {
        n.get(qn("w:numId")): n.find(qn("w:abstractNumId")).get(qn("w:val"))
        for n in numbering.iter(qn("w:num"))
    }
    out: dict[str, list[tuple[str, str]]] = {}
    for p in word.paragraphs:
        num_pr = p._p.pPr.numPr if p._p.pPr is not None else None
        if num_pr is not None and num_pr.numId is not None:
            out.setdefault(p.text[:12], abstract[nums[str(num_pr.numId.val)]])
    return out


def num_levels(path: Path) -> list[tuple[str, str, int]]:
    """Each numbered paragraph of the .docx: its style, first words and list level."""
    word = docx.Document(str(path))
    out = []
    for p in word.paragraphs:
        num_pr = p._p.pPr.numPr if p._p.pPr is not None else None
        if num_pr is not None and num_pr.ilvl is not None:
            out.append((p.style.name, p.text[:12], num_pr.ilvl.val))
    return out


def ref_results(path: Path) -> list[tuple[str, str]]:
    """Each REF field of the .docx: its bookmark and its cached result."""
    body = docx.Document(str(path)).element.body
    found, instr, result, inside = [], "", "", False
    for run in body.iter(qn("w:r")):
        char = run.find(qn("w:fldChar"))
        kind = char.get(qn("w:fldCharType")) if char is not None else None
        if kind == "begin":
            instr, result, inside = "", "", False
        elif kind == "separate":
            inside = True
        elif kind == "end":
            found.append((instr.split()[1], result))
            inside = False
        elif run.find(qn("w:instrText")) is not None:
            instr += run.find(qn("w:instrText")).text
        elif inside:
            result += "".join(t.text or "" for t in run.iter(qn("w:t")))
    return found


# --- Nottinghamshire: today's numbering ------------------------------------------------------


def test_the_bundled_numbering_is_the_running_one_of_before() -> None:
    assert load_boilerplate().numbering == RUNNING
    assert [(lv.format, lv.pattern) for lv in LIST_FORMATS["paragraph"].levels] == [
        ("decimal", "{1}."),
        ("lowerLetter", "{2})"),
    ]
    assert [(lv.format, lv.pattern) for lv in LIST_FORMATS["recommendation"].levels] == [
        ("decimal", "{1})")
    ]


def test_running_numbers_through_the_report_and_its_comments(running: Built) -> None:
    found = numbers(running.document)
    assert found[:4] == [
        ("numbered", "paragraph", 0, "1", "To seek approval of "),
        ("numbered", "paragraph", 0, "2", "The first paragraph "),
        ("numbered", "paragraph", 0, "3", "The second paragraph"),
        ("item", "paragraph", 1, "a", "the first item"),
    ]
    assert found[-1] == ("numbered", "paragraph", 0, "11", "The recommendations ")
    assert levels(running.docx)["To seek appr"] == [("decimal", "%1."), ("lowerLetter", "%2)")]
    assert ("_Ref_proposal", "4") in ref_results(running.docx)
    assert ("_Ref_agree", "2)") in ref_results(running.docx)
    assert_shows(
        running.html,
        "1. To seek approval of the proposals in paragraph 4 .",
        "1) the proposal is approved, as recommendation 2) says",
    )
    assert_shows(
        running.pdf,
        "1. To seek approval of the proposals in paragraph 4.",
        "4. The proposal, which paragraphs 6 to 8 cost.",
        "after paragraphs 7 and 8 and paragraphs 6 and 8.",
        "1) the proposal is approved, as recommendation 2) says",
        "11. The recommendations fall within",
    )


def test_an_older_folder_without_numbering_yaml_reads_the_bundled_one(tmp_path: Path) -> None:
    assert "numbering" in FALLBACK_FILES
    folder = tmp_path / "older"
    shutil.copytree(DEFAULT_DIR, folder)
    (folder / "numbering.yaml").unlink()
    assert load_boilerplate(folder).numbering == load_boilerplate().numbering


# --- by section: 1.1, 1.2 … 2.1 under numbered headings ---------------------------------------


def test_by_section_numbers_headings_and_restarts_paragraphs(by_section: Built) -> None:
    found = numbers(by_section.document)
    assert found[:8] == [
        ("heading", "paragraph", 0, "1", "Purpose of the Repor"),
        ("numbered", "paragraph", 1, "1", "To seek approval of "),
        ("heading", "paragraph", 0, "2", "Information and Advi"),
        ("numbered", "paragraph", 1, "1", "The first paragraph "),
        ("numbered", "paragraph", 1, "2", "The second paragraph"),
        ("item", "paragraph", 2, "i", "the first item"),
        ("item", "paragraph", 2, "ii", "the second item"),
        ("numbered", "paragraph", 1, "3", "The proposal, which "),
    ]
    # the implications sub-heading is unnumbered; its paragraph continues section 5
    assert ("numbered", "paragraph", 1, "2", "The cost is met from") in found
    # recommendations are paragraphs of their section, their parts its sub-items
    assert ("heading", "paragraph", 0, "6", "RECOMMENDATION/S") in found
    assert ("recommendation", "paragraph", 1, "2", "the second recommend") in found
    assert ("item", "paragraph", 2, "ii", "for the second year") in found
    # the comments, after the signature, continue the section they follow
    assert found[-1] == ("numbered", "paragraph", 1, "3", "The recommendations ")
    # background papers and electoral divisions keep unnumbered headings
    headings = [b for b in by_section.document.blocks if isinstance(b, Heading)]
    assert [plain_text(h.content)[:10] for h in headings if h.mark is None] == [
        "Financial ",
        "Constituti",
        "Background",
        "Electoral ",
    ]


def test_by_section_references_print_the_number_as_shown(by_section: Built) -> None:
    doc = by_section.document
    assert text_of(doc, "To seek").endswith("in paragraph 2.3.")
    assert "which paragraphs 4.1 to 4.3 cost" in text_of(doc, "The proposal")
    assert text_of(doc, "The first other").endswith(
        "after paragraphs 4.2 and 4.3 and paragraphs 4.1 and 4.3."
    )
    assert "as recommendation 6.2 says" in text_of(doc, "the proposal is approved")


def test_by_section_docx_is_one_multilevel_list_with_headings_at_level_0(by_section: Built) -> None:
    assert levels(by_section.docx)["Purpose of t"] == [
        ("decimal", "%1."),
        ("decimal", "%1.%2"),
        ("lowerRoman", "(%3)"),
    ]
    found = num_levels(by_section.docx)
    assert found[:4] == [
        ("Heading 1", "Purpose of t", 0),
        ("Numbered Paragraph", "To seek appr", 1),
        ("Heading 1", "Information ", 0),
        ("Numbered Paragraph", "The first pa", 1),
    ]
    assert ("Lettered Item", "the first it", 2) in found
    assert ("Recommendation", "the second r", 1) in found
    # the headings keep their heading style (and so their outline level)
    assert [s for s, text, _ in found if text.startswith("RECOMMEND")] == ["Heading 1"]
    assert ("_Ref_proposal", "2.3") in ref_results(by_section.docx)
    assert ("_Ref_agree", "6.2") in ref_results(by_section.docx)


def test_by_section_html_shows_the_numbers(by_section: Built) -> None:
    assert_shows(
        by_section.html,
        "1. Purpose of the Report",
        "1.1 To seek approval of the proposals in paragraph 2.3 .",
        "2.2 The second paragraph of the information. (i) the first item (ii)",
        "6.2 the second recommendation is agreed",
    )


def test_by_section_pdf_shows_the_numbers_and_live_references(by_section: Built) -> None:
    assert_shows(
        by_section.pdf,
        "1. Purpose of the Report",
        "1.1 To seek approval of the proposals in paragraph 2.3.",
        "2.3 The proposal, which paragraphs 4.1 to 4.3 cost.",
        "(ii) the second item",
        "5.2 The cost is met from the budget, as paragraph 4.2 says.",
        "6.1 the proposal is approved, as recommendation 6.2 says",
        "\nBackground Papers and Published Documents",
    )


# --- recommendations in a form of their own, with parts --------------------------------------


def test_roman_parts_number_recommendations_and_their_parts(roman_parts: Built) -> None:
    found = numbers(roman_parts.document)
    assert ("item", "paragraph", 1, "b", "the second item") in found
    recs = [f for f in found if f[1] == "recommendation"]
    assert recs == [
        ("recommendation", "recommendation", 0, "1", "the proposal is appr"),
        ("item", "recommendation", 1, "i", "for the first year"),
        ("item", "recommendation", 1, "ii", "for the second year"),
        ("recommendation", "recommendation", 0, "2", "the second recommend"),
    ]
    # a part's own bullets stay bullets
    assert ("bullet", "bullet", 1, "•", "in two halves") in found
    assert "as recommendation (2) says" in text_of(roman_parts.document, "the proposal is")
    assert text_of(roman_parts.document, "To seek").endswith("in paragraph 4.")


def test_roman_parts_docx_html_and_pdf(roman_parts: Built) -> None:
    assert levels(roman_parts.docx)["the proposal"] == [("decimal", "(%1)"), ("lowerRoman", "%2.")]
    assert levels(roman_parts.docx)["The first pa"] == [("decimal", "%1."), ("lowerLetter", "(%2)")]
    assert ("Lettered Item", "for the firs", 1) in num_levels(roman_parts.docx)
    assert ("_Ref_agree", "(2)") in ref_results(roman_parts.docx)
    assert_shows(
        roman_parts.html,
        "(1) the proposal is approved, as recommendation (2) says i. for the first year",
        "(b) the second item",
    )
    assert_shows(
        roman_parts.pdf,
        "(1) the proposal is approved, as recommendation (2) says",
        "i. for the first year",
        "ii. for the second year",
        "(b) the second item",
    )


def test_recommendations_as_running_paragraphs(tmp_path: Path) -> None:
    folder = profile(tmp_path / "p", "paragraph-recommendations")
    [document] = api.load_documents([REPORT], folder).values()
    found = numbers(document)
    assert ("recommendation", "paragraph", 0, "11", "the proposal is appr") in found
    assert ("item", "paragraph", 1, "b", "for the second year") in found
    assert ("recommendation", "paragraph", 0, "12", "the second recommend") in found
    assert "as recommendation 12 says" in text_of(document, "the proposal is approved")


@pytest.mark.parametrize("form", get_args(Form))
def test_every_form_numbers_recommendations_and_parts(form: Form) -> None:
    formats = list_formats(Numbering(recommendations=form, recommendation_parts=form))
    first, part = formats["recommendation"].levels
    counting = first.format
    fourth = counted(counting, 4)
    assert fourth == {"1": "4", "a": "d", "A": "D", "i": "iv", "I": "IV"}[form.strip("().")]
    assert first.pattern == form.replace(form.strip("().")[0], "{1}")
    assert part.pattern == form.replace(form.strip("().")[0], "{2}")
    assert part.hangs_like == "item"


def test_roman_numerals_count_as_word_does() -> None:
    assert [counted("lowerRoman", n) for n in (1, 4, 9, 14, 40, 99)] == [
        "i",
        "iv",
        "ix",
        "xiv",
        "xl",
        "xcix",
    ]
    assert counted("upperLetter", 27) == "AA"


# --- bad numbering.yaml ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "line", "column", "words"),
    [
        ("bad", 3, 18, "'1]'"),
        ("bad-parts", 4, 23, 'write "bullets" or "a)" here'),
    ],
)
def test_a_bad_numbering_yaml_is_a_placed_problem(
    tmp_path: Path, name: str, line: int, column: int, words: str
) -> None:
    folder = profile(tmp_path / name, name)
    [problem] = raised(lambda: load_boilerplate(folder))
    assert problem.where.file == str(folder / "numbering.yaml")
    assert (problem.where.line, problem.where.column) == (line, column)
    assert words in problem.message + (problem.hint or "")
