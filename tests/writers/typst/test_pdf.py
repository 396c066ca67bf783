"""The Typst PDF engine (``--pdf-engine typst``), read back as a screen reader and a viewer read it.

The examples are built once with Typst through the API; the same tests the LibreOffice PDF
passes run on them here: they are imported from tests/writers/test_pdf.py and
tests/across/test_examples.py, and read this module's ``example_build``, ``pdfs`` and ``built``
fixtures, which hold the Typst PDFs. The tests of this module then check what only Typst
does: text that is Typst code printed as typed, a build without LibreOffice, the fonts, the
footer, pictures' alt text.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import docx
import pikepdf
import pytest
from pypdf import PdfReader

from reportgen import api
from reportgen.boilerplate import Boilerplate
from reportgen.document import Document
from reportgen.output import generated_untouched
from reportgen.writers.typst import render_pdf, render_pdfs
from tests.across.test_examples import (
    SEED_OF,
    Built,
    test_pdf_recomputes_the_same_numbers_and_references,
)
from tests.conftest import EXAMPLES, ExampleBuild, raised
from tests.writers.docx.test_table_structure import table_cells, tables_document
from tests.writers.test_pdf import (
    NAMES,
    headings,
    structure,
    test_headings_are_tagged_h1_to_hn_in_order,
    test_numbered_paragraphs_and_bullets_are_list_items,
    test_tables_have_header_cells_for_their_header_rows,
    test_the_outline_is_the_reports_headings,
    test_the_pdf_declares_pdf_ua,
    test_the_pdf_is_tagged_in_the_reports_language,
    test_the_title_is_the_reports_and_the_window_shows_it,
)
from tests.writers.test_pictures import ALTS, document  # noqa: F401 - the fixture, reused

HERE = Path(__file__).resolve().parent
HOSTILE = HERE / "hostile.yaml"
REPORTGEN = (sys.executable, "-m", "reportgen")

SHARED = (
    test_headings_are_tagged_h1_to_hn_in_order,
    test_numbered_paragraphs_and_bullets_are_list_items,
    test_tables_have_header_cells_for_their_header_rows,
    test_the_outline_is_the_reports_headings,
    test_the_pdf_declares_pdf_ua,
    test_the_pdf_is_tagged_in_the_reports_language,
    test_the_title_is_the_reports_and_the_window_shows_it,
    test_pdf_recomputes_the_same_numbers_and_references,
)
"""The LibreOffice PDF's tests that run here again, on the Typst PDFs."""


@pytest.fixture(scope="module")
def example_build(tmp_path_factory: pytest.TempPathFactory) -> ExampleBuild:
    """Every example built to PDF by Typst in one build, with LibreOffice out of reach."""
    folder = tmp_path_factory.mktemp("typst-build")
    paths = sorted(EXAMPLES.glob("*.yaml"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REPORTGEN_SOFFICE", str(folder / "no-such-soffice"))
        written = api.build(paths, out_dir=folder / "out", to="pdf", pdf_engine="typst")
    documents = api.load_documents(paths)
    return ExampleBuild(
        folder / "out", written, {path.stem: d for path, d in documents.items()}, []
    )


@pytest.fixture(scope="module")
def pdfs(example_build: ExampleBuild) -> Iterator[dict[str, pikepdf.Pdf]]:
    opened = {name: pikepdf.open(example_build.pdf(name)) for name in NAMES}
    yield opened
    for pdf in opened.values():
        pdf.close()


def _text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.fixture(scope="module")
def built(example_build: ExampleBuild) -> dict[str, Built]:
    """The Typst PDFs' text, as tests/across/test_examples.py reads LibreOffice's."""
    return {name: Built(Path(), "", _text(example_build.pdf(name))) for name in SEED_OF}


def test_the_shared_tests_are_collected_here() -> None:
    assert all(globals()[test.__name__] is test for test in SHARED)


def test_every_example_is_written_as_a_sealed_pdf(example_build: ExampleBuild) -> None:
    assert sorted(p.name for p in example_build.written) == sorted(f"{n}.pdf" for n in NAMES)
    assert all(generated_untouched(path) for path in example_build.written)


def test_the_recommendations_and_the_table_totals_are_printed(
    example_build: ExampleBuild,
) -> None:
    text = " ".join(_text(example_build.pdf("recovery-from-covid")).split())
    assert "£262,813" in text or "262,813" in text
    assert "262,816" not in text
    for n in range(1, 6):
        assert f"{n}) " in text


@pytest.mark.parametrize("name", NAMES)
def test_every_font_is_embedded(name: str, pdfs: dict[str, pikepdf.Pdf]) -> None:
    fonts = [
        font
        for page in pdfs[name].pages
        for font in page.Resources.get("/Font", pikepdf.Dictionary()).values()
    ]
    assert fonts
    for font in fonts:
        descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
        descriptor = descendant.FontDescriptor
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor.keys()), font.BaseFont


def test_each_page_has_the_footer_in_the_profiles_wording(example_build: ExampleBuild) -> None:
    pages = PdfReader(example_build.pdf("promoting-independence")).pages
    for number, page in enumerate(pages, 1):
        assert f"Page {number} of {len(pages)}" in page.extract_text()


def test_text_that_is_typst_code_prints_as_typed(tmp_path: Path) -> None:
    target = tmp_path / "hostile.pdf"
    done = subprocess.run(
        [*REPORTGEN, "build", str(HOSTILE), "-o", str(target), "--pdf-engine", "typst"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    text = _text(target)
    for typed in (
        '#read("/etc/passwd") and #import "/etc/passwd"',
        "$x^2$ and a label <here> and @here, a comment // gone? and /* this */",
        'Brackets ] closed [ open, a backslash \\ and #{ 1 + 1 } and #eval("1 + 1")',
        "the proposal #sys.inputs is approved",
        "A #set page(width: 1cm) title",
    ):
        assert typed in text
    assert "root:" not in text
    with pikepdf.open(target) as pdf:
        assert str(pdf.docinfo.Title) == "A #set page(width: 1cm) title"
        assert float(pdf.pages[0].MediaBox[2]) == pytest.approx(595.28, abs=0.1)  # A4


def test_a_build_without_libreoffice_on_the_path_succeeds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPORTGEN_SOFFICE", "")
    monkeypatch.setenv("PATH", "")
    target = tmp_path / "report.pdf"
    api.build([HOSTILE], output=target, pdf_engine="typst")
    assert target.read_bytes().startswith(b"%PDF-")
    problem = raised(lambda: api.build([HOSTILE], output=tmp_path / "lo.pdf"))[0]
    assert problem.code == "O510"


def test_an_unknown_engine_is_a_problem_and_nothing_is_written(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    done = subprocess.run(
        [*REPORTGEN, "build", str(HOSTILE), "-o", str(target), "--pdf-engine", "word"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "error O523: 'word' is not a PDF engine" in done.stderr
    assert not target.exists()


def test_each_picture_is_a_figure_with_its_alt_text(document: Document, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "pictures.pdf"
    path.write_bytes(render_pdf(document, "pictures"))
    with pikepdf.open(path) as pdf:
        tree = pdf.Root.StructTreeRoot
        roles = {str(k): str(v) for k, v in tree.get("/RoleMap", pikepdf.Dictionary()).items()}
        found: list[str] = []

        def walk(node: pikepdf.Dictionary) -> None:
            kids = node.get("/K")
            for kid in list(kids) if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    if roles.get(str(kid["/S"]), str(kid["/S"])) == "/Figure":
                        found.append(str(kid.get("/Alt")))
                    walk(kid)

        walk(tree)
    assert found == ALTS
    assert "Figure 1: Two boxes" in _text(path)


def test_typst_failing_is_one_placed_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reportgen.writers.typst import compile as compiling

    broken = tmp_path / "report.typ"
    broken.write_text("#let doc = json(bytes(sys.inputs.document))\n#doc.no-such-key\n", "utf-8")
    monkeypatch.setattr(compiling, "TEMPLATE", broken)
    target = tmp_path / "report.pdf"
    problem = raised(lambda: api.build([HOSTILE], output=target, pdf_engine="typst"))[0]
    assert problem.code == "O524" and str(problem.where) == str(HOSTILE)
    assert "no-such-key" in problem.message or "does not contain" in problem.message
    assert not target.exists()


def test_typst_missing_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "typst", None)  # as if not installed: import fails
    problem = raised(lambda: api.build([HOSTILE], output=tmp_path / "r.pdf", pdf_engine="typst"))[0]
    assert problem.code == "O525" and "--pdf-engine libreoffice" in problem.hint


def test_landscape_blocks_are_on_landscape_pages(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parents[1] / "docx" / "layout" / "landscape.yaml"
    target = tmp_path / "landscape.pdf"
    api.build([source], output=target, pdf_engine="typst")
    with pikepdf.open(target) as pdf:
        turned = [float(p.MediaBox[2]) > float(p.MediaBox[3]) for p in pdf.pages]
    assert turned[0] is False and True in turned and turned[-1] is False


def test_a_contents_page_gives_the_page_each_heading_is_on(tmp_path: Path) -> None:
    source = EXAMPLES.parent / "meetings" / "2022-03-14" / "06-appendix-1-carers-strategy.yaml"
    target = tmp_path / "strategy.pdf"
    api.build([source], output=target, pdf_engine="typst")
    pages = [page.extract_text() for page in PdfReader(target).pages]
    contents = next(text for text in pages if text.startswith("Contents"))
    entries = [line for line in contents.splitlines()[1:] if not line.startswith("Page ")]
    lines = [line.rsplit(" ", 1) for line in entries if line[-1:].isdigit()]
    assert len(lines) > 5
    for heading, page in lines:
        assert heading in pages[int(page) - 1], heading


def test_a_document_whose_first_heading_is_of_level_2_is_tagged_from_h1(tmp_path: Path) -> None:
    """The 'Better Together' plan, an appendix with a cover page, begins at level 2: PDF/UA-1
    wants the first heading of level 1, so every level is raised by one, their order kept."""
    source = EXAMPLES.parent / "meetings" / "2022-03-14" / "07-appendix-1-better-together.yaml"
    [plan] = api.load_documents([source]).values()
    levels = [h.level for h in headings(plan)]
    assert levels[0] == 2
    target = tmp_path / "plan.pdf"
    api.build([source], output=target, pdf_engine="typst")
    with pikepdf.open(target) as pdf:
        tags = [e.role for e in structure(pdf).walk() if e.role[1:2] == "H"]
    assert tags == [f"/H{level - 1}" for level in levels]


def test_a_document_other_than_a_report_begins_with_its_text_as_its_word_file_does(
    tmp_path: Path,
) -> None:
    """Minutes have no header block of the council, committee and title: their Word shell
    has none, and their text begins with the meeting's own lines."""
    source = EXAMPLES.parent / "meetings" / "2022-01-24" / "minutes.yaml"
    target = tmp_path / "minutes.pdf"
    api.build([source], output=target, pdf_engine="typst")
    first = PdfReader(target).pages[0].extract_text()
    word = tmp_path / "minutes.docx"
    api.build([source], output=word)
    assert first.split("\n", 1)[0] == docx.Document(str(word)).paragraphs[0].text


def test_documents_typeset_side_by_side_are_the_bytes_of_one_by_one() -> None:
    documents = {p.stem: d for p, d in api.load_documents(sorted(EXAMPLES.glob("*.yaml"))).items()}
    together = render_pdfs(documents, {name: name for name in documents})
    assert list(together) == list(documents)
    for name, report in documents.items():
        assert together[name] == render_pdf(report, name), name


def test_row_headers_are_still_data_cells_the_reason_libreoffice_is_the_default(
    boilerplate: Boilerplate, tmp_path: Path
) -> None:
    """The one accessibility test Typst fails: LibreOffice tags a glossary's row headers as TH
    (tests/writers/docx/test_table_structure.py), Typst 0.14 as TD, since header cells with a
    row scope need its a11y-extras feature, which the typst package cannot turn on. When this
    fails, Typst has learnt it: make it the default engine (README, "Two PDF engines")."""
    target = tmp_path / "tables.pdf"
    target.write_bytes(render_pdf(tables_document(boilerplate, tmp_path), "tables"))
    cells = table_cells(target)
    kinds = "".join({"/TR": "|", "/TD": "d", "/TH": "h"}[k] for k, _ in cells)
    assert kinds.startswith("|hhh|ddd|dd|d|ddd|dd|dd|")  # the plan, then the glossary's rows
