"""The profile's header block in every output: the Word file (re-read), the PDF's text, the
HTML edition; an optional field left empty prints no label in any of them."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from reportgen import api
from reportgen.boilerplate import DEFAULT_DIR

FIXTURES = Path(__file__).resolve().parents[1] / "resolve" / "header"
REPORT = FIXTURES / "report.yaml"
LINES = [
    "Contact officer: Jo Smith",
    "Wards affected: Arboretum, Bulwell",
    "Publication status: For general release",
    "Decision due: 1 April 2022",
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The bundled profile with the fixture header.yaml written over it."""
    profile = tmp_path / "profile"
    shutil.copytree(DEFAULT_DIR, profile)
    shutil.copy(FIXTURES / "header.yaml", profile / "header.yaml")
    return profile


def built(folder: Path, out: Path) -> Path:
    """``out`` built from the fixture report with the profile ``folder``."""
    api.build([REPORT], output=out, boilerplate_dir=folder)
    return out


def test_the_word_header_prints_the_profile_s_fields(folder: Path, tmp_path: Path) -> None:
    word = docx.Document(str(built(folder, tmp_path / "report.docx")))
    texts = [p.text for p in word.paragraphs]
    title = texts.index("Budget monitoring, quarter 3")
    assert texts[:title] == [
        "Report to Policy and Resources Committee",
        "14 March 2022\t",  # no agenda item: no "Agenda Item:" over nothing
        "Report of Director of Finance",
        *LINES,
    ]
    styles = {p.text: p.style.name for p in word.paragraphs[:title] if p.style is not None}
    assert styles["Contact officer: Jo Smith"] == styles["Report of Director of Finance"]


def test_the_html_edition_prints_the_profile_s_fields(folder: Path, tmp_path: Path) -> None:
    page = built(folder, tmp_path / "report.html").read_text(encoding="utf-8")
    header = page[page.index('<header class="report-header">') : page.index("</header>")]
    assert '<p class="contact-officer">Contact officer: Jo Smith</p>' in header
    assert '<p class="publication-status">Publication status: For general release</p>' in header
    for line in LINES:
        assert line in header
    assert "Agenda Item" not in header and "Report number" not in header
    assert header.index("Decision due") < header.index("<h1>Budget monitoring")


def test_the_pdf_prints_the_profile_s_fields(folder: Path, tmp_path: Path) -> None:
    page = PdfReader(built(folder, tmp_path / "report.pdf")).pages[0].extract_text()
    text = page.casefold()  # the template's Report Of style prints in capitals
    for line in LINES:
        assert line.casefold() in text
    assert "agenda item" not in text


def test_a_template_may_print_any_declared_field_and_its_line(folder: Path, tmp_path: Path) -> None:
    from reportgen.writers.docx.template import open_shell
    from reportgen.writers.docx.writer import DEFAULT_TEMPLATE

    (document,) = api.load_documents([REPORT], folder).values()
    word = docx.Document(str(DEFAULT_TEMPLATE))
    word.paragraphs[0].text = "{{ contact_officer | upper }} / {{ wards_affected | line }}"
    word.save(str(tmp_path / "own.docx"))
    values = {line.name: line.value for line in document.meta.header}
    shell = open_shell(tmp_path / "own.docx", values, document.meta.header)
    texts = [p.text for p in shell.paragraphs]
    assert texts[0] == "JO SMITH / Wards affected: Arboretum, Bulwell"
    assert "Contact officer: Jo Smith" not in texts  # printed by name, not again in the block
    assert "Publication status: For general release" in texts


@pytest.fixture
def looked(tmp_path: Path) -> Path:
    """The bundled profile with the fixture look.yaml: a font and two colours."""
    profile = tmp_path / "looked"
    shutil.copytree(DEFAULT_DIR, profile)
    shutil.copy(FIXTURES / "look.yaml", profile / "look.yaml")
    shutil.copy(FIXTURES / "header.yaml", profile / "header.yaml")
    return profile


def test_the_look_reaches_the_word_styles(looked: Path, tmp_path: Path) -> None:
    word = docx.Document(str(built(looked, tmp_path / "report.docx")))
    styles = word.styles
    for name in ("Title", "Heading 1", "Heading 2"):
        assert str(styles[name].font.color.rgb) == "7A1F5C"
        assert styles[name].font.color.theme_color is None
    assert str(styles["Hyperlink"].font.color.rgb) == "00703C"
    assert styles["Normal"].font.name == "Georgia"
    defaults = word.styles.element.find(
        "w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", word.styles.element.nsmap
    )
    assert defaults is not None and set(defaults.attrib.values()) == {"Georgia"}
    assert styles["Report Of"].font.name == "Georgia"


def test_the_look_reaches_the_html_css(looked: Path, tmp_path: Path) -> None:
    page = built(looked, tmp_path / "report.html").read_text(encoding="utf-8")
    css = page[page.index("<style>") : page.index("</style>")]
    look = css[css.index("/* the profile's look (look.yaml) */") :]
    assert 'font-family: "Georgia"' in look
    assert "h5 {\n  color: #7A1F5C;" in look and "--link: #00703C;" in look


def test_no_look_leaves_the_template_s_styles(folder: Path, tmp_path: Path) -> None:
    word = docx.Document(str(built(folder, tmp_path / "report.docx")))
    assert word.styles["Heading 1"].font.color.rgb is None  # the template's: none of its own
    assert str(word.styles["Hyperlink"].font.color.rgb) == "0563C1"
    page = built(folder, tmp_path / "report.html").read_text(encoding="utf-8")
    assert "look.yaml" not in page


@pytest.fixture
def own_templates(folder: Path) -> Path:
    """The profile with its own report.docx (the bundled one, its first line reworded) and
    report.css."""
    from reportgen.writers.docx.writer import DEFAULT_TEMPLATE

    word = docx.Document(str(DEFAULT_TEMPLATE))
    first = word.paragraphs[0]
    first.runs[0].text = "For the meeting of "
    word.save(str(folder / "report.docx"))
    shutil.copy(Path(__file__).parent / "header" / "report.css", folder / "report.css")
    return folder


def test_a_profile_s_own_word_template_is_used_and_template_overrides_it(
    own_templates: Path, tmp_path: Path
) -> None:
    from reportgen.writers.docx.writer import DEFAULT_TEMPLATE

    own = docx.Document(str(built(own_templates, tmp_path / "own.docx")))
    assert own.paragraphs[0].text == "For the meeting of Policy and Resources Committee"
    out = tmp_path / "given.docx"
    api.build([REPORT], output=out, boilerplate_dir=own_templates, template=DEFAULT_TEMPLATE)
    assert docx.Document(str(out)).paragraphs[0].text.startswith("Report to ")


def test_a_profile_s_own_stylesheet_styles_the_html(own_templates: Path, tmp_path: Path) -> None:
    page = built(own_templates, tmp_path / "report.html").read_text(encoding="utf-8")
    assert "/* the council's own stylesheet */" in page
    assert "The HTML edition of a council report" not in page  # the bundled report.css


@pytest.fixture
def with_logo(folder: Path) -> Path:
    """The profile with a look.yaml naming a PNG logo, 5 cm wide."""
    shutil.copy(FIXTURES / "look-logo.yaml", folder / "look.yaml")
    shutil.copy(FIXTURES / "logo.png", folder / "logo.png")
    return folder


def test_the_logo_heads_the_word_report(with_logo: Path, tmp_path: Path) -> None:
    from docx.shared import Cm

    word = docx.Document(str(built(with_logo, tmp_path / "report.docx")))
    (shape,) = word.inline_shapes
    assert abs(shape.width - Cm(5)) < Cm(0.01)
    assert shape._inline.docPr.get("descr") == "Nottinghamshire County Council"
    first = word.paragraphs[0]
    assert first.text == "" and first._p.xpath(".//pic:pic")
    assert word.paragraphs[1].text == "Report to Policy and Resources Committee"
    images = [p for p in word.part.package.parts if p.content_type == "image/png"]
    assert [p.blob for p in images] == [(FIXTURES / "logo.png").read_bytes()]


def test_the_logo_heads_the_html_edition(with_logo: Path, tmp_path: Path) -> None:
    import base64

    page = built(with_logo, tmp_path / "report.html").read_text(encoding="utf-8")
    data = base64.b64encode((FIXTURES / "logo.png").read_bytes()).decode()
    assert f'<img class="logo" src="data:image/png;base64,{data}"' in page
    assert 'alt="Nottinghamshire County Council" width="189">' in page


@pytest.mark.parametrize(
    ("logo", "message"),
    [
        ("missing.png", "'missing.png' is not found"),
        ("logo.gif", "'logo.gif' is not a PNG or JPEG"),
    ],
)
def test_a_missing_or_bad_logo_is_a_problem_in_look_yaml(
    with_logo: Path, logo: str, message: str
) -> None:
    from reportgen.boilerplate import load_boilerplate
    from reportgen.errors import ReportError

    shutil.copy(FIXTURES / "logo.gif", with_logo / "logo.gif")
    look = (with_logo / "look.yaml").read_text(encoding="utf-8")
    (with_logo / "look.yaml").write_text(look.replace("logo: logo.png", f"logo: {logo}"))
    with pytest.raises(ReportError) as caught:
        load_boilerplate(with_logo)
    (problem,) = caught.value.problems
    assert problem.code == "T440" and message in problem.message
    assert problem.where.file.endswith("look.yaml") and problem.where.line == 3
    assert "PNG or JPEG" in problem.hint
