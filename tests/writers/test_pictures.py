"""Pictures and charts as the writers print them: Word (re-read: the drawing, its alt text,
the SVG with its PNG fallback), the PDF LibreOffice makes of it (a Figure whose /Alt is the alt
text), the HTML edition (``<figure>``, ``<img alt>``, ``<figcaption>``), and charts drawn the
same every time, with matplotlib imported only for a report that has one."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pikepdf
import pytest
from lxml import etree

from reportgen.boilerplate import Boilerplate
from reportgen.document import Chart, Document, Picture
from reportgen.pipeline import build
from reportgen.writers.charts import draw
from reportgen.writers.docx.writer import render_docx
from reportgen.writers.html import render_html
from reportgen.writers.pdf import render_pdfs
from tests.conftest import MINIMAL, ROOT

PICTURES = Path(__file__).resolve().parents[1] / "pictures"
NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "asvg": "http://schemas.microsoft.com/office/drawing/2016/SVG/main",
}
BLOCKS = """\
  - picture: shapes.svg
    alt: Two boxes side by side, blue and orange
    caption: Two boxes
    label: boxes
  - {picture: tiny.png, alt: "A blue and orange flag", width: 3}
  - {picture: tiny.jpg, alt: "A wide flag", width: 29}
  - caption: Forecast outturn
    label: budget
    columns:
      - {title: Service, key: service}
      - {title: Variance £, key: variance, type: money}
    rows:
      - [Adults, "-50"]
      - [Children's Social Care, "-412,000"]
      - [Public health, "30"]
  - chart: bar
    table: budget
    x: service
    y: [variance]
    title: Variance by service
    caption: Variance
"""
ALTS = [
    "Two boxes side by side, blue and orange",
    "A blue and orange flag",
    "A wide flag",
    "Bar chart of variance £ by service: largest Children's Social Care, -£412,000",
]


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory, boilerplate: Boilerplate) -> Document:
    folder = tmp_path_factory.mktemp("pictures")
    for file in PICTURES.iterdir():
        shutil.copy(file, folder / file.name)
    text = MINIMAL.replace("  - The information.\n", "  - The information.\n" + BLOCKS)
    text = text.replace("  - To seek approval.\n", "  - \"See {{ ref('boxes') }}.\"\n")
    (folder / "report.yaml").write_text(text, encoding="utf-8")
    return build(folder / "report.yaml", boilerplate)


@pytest.fixture(scope="module")
def word(document: Document) -> bytes:
    return render_docx(document)


def _body(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read("word/document.xml"))


def test_word_has_each_picture_inline_with_its_alt_text(word: bytes) -> None:
    body = _body(word)
    inlines = body.findall(".//wp:inline", NS)
    assert [i.find("wp:docPr", NS).get("descr") for i in inlines] == ALTS
    ids = [i.find("wp:docPr", NS).get("id") for i in inlines]
    assert len(set(ids)) == len(ids), "each drawing has its own id"
    for inline in inlines:  # a paragraph of its own
        paragraph = inline.getparent().getparent().getparent()
        assert paragraph.tag == f"{{{NS['w']}}}p"
        assert len(paragraph.findall(".//w:t", NS)) == 0


def test_word_keeps_a_picture_with_its_caption(word: bytes) -> None:
    reread = docx.Document(io.BytesIO(word))
    texts = [p.text for p in reread.paragraphs]
    assert "Figure 1: Two boxes" in texts
    assert "Figure 2: Variance (from Forecast outturn)" in texts
    assert "See Figure 1." in texts
    caption = next(p for p in reread.paragraphs if p.text == "Figure 1: Two boxes")
    assert caption.style is not None and caption.style.name == "Caption"
    before = caption._p.getprevious()
    assert before.find(".//wp:inline", NS) is not None
    assert before.find("w:pPr/w:keepNext", NS) is not None


def test_word_sizes_pictures_within_the_text(word: bytes) -> None:
    reread = docx.Document(io.BytesIO(word))
    section = reread.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    shapes = reread.inline_shapes
    assert len(shapes) == 4
    svg, png, wide, chart = shapes
    assert svg.width == 200 * 9525  # its own 200 pixels at 96 an inch
    assert svg.height == 100 * 9525  # in proportion
    assert png.width == 3 * 360_000  # the author's 3 cm
    assert png.height == round(3 * 360_000 * 30 / 40)
    assert wide.width < text_width  # 29 cm asked for: the text's width at most
    assert abs(wide.width / wide.height - 40 / 30) < 0.01
    assert chart.width <= text_width


def test_word_has_an_svg_with_its_png_fallback(word: bytes) -> None:
    body = _body(word)
    blip = body.findall(".//wp:inline", NS)[0].find(".//a:blip", NS)
    svg = blip.find("a:extLst/a:ext/asvg:svgBlip", NS)
    assert svg is not None
    with zipfile.ZipFile(io.BytesIO(word)) as package:
        rels = etree.fromstring(package.read("word/_rels/document.xml.rels"))
        targets = {r.get("Id"): r.get("Target") for r in rels}
        fallback = package.read("word/" + targets[blip.get(f"{{{NS['r']}}}embed")])
        drawing = package.read("word/" + targets[svg.get(f"{{{NS['r']}}}embed")])
        types = package.read("[Content_Types].xml").decode()
    assert fallback.startswith(b"\x89PNG")
    assert drawing == (PICTURES / "shapes.svg").read_bytes()
    assert "image/svg+xml" in types


def test_word_is_the_same_bytes_each_build(
    document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    assert render_docx(document) == render_docx(document)


def test_the_pdf_tags_each_picture_as_a_figure_with_its_alt_text(
    document: Document, word: bytes, tmp_path: Path
) -> None:
    (made,) = render_pdfs({"p": (document.meta, word)}, {"p": "pictures"}).values()
    (tmp_path / "pictures.pdf").write_bytes(made)
    with pikepdf.open(tmp_path / "pictures.pdf") as pdf:
        tree = pdf.Root.StructTreeRoot
        roles = {str(k): str(v) for k, v in tree.get("/RoleMap", pikepdf.Dictionary()).items()}
        found: list[str] = []

        def walk(node: pikepdf.Dictionary) -> None:
            kids = node.get("/K")
            for kid in list(kids) if isinstance(kids, pikepdf.Array) else [kids]:
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    role = roles.get(str(kid["/S"]), str(kid["/S"]))
                    if role == "/Figure":
                        found.append(str(kid.get("/Alt")))
                    walk(kid)

        walk(tree)
        images = sum(len(page.get_images()) for page in pdf.pages)
    assert found == ALTS
    assert images >= 4, "every picture is drawn on a page"
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "pictures.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "Figure 1: Two boxes" in text


def test_html_has_each_picture_as_a_figure(document: Document) -> None:
    page = render_html(document)
    figures = re.findall(r"<figure[^>]*>.*?</figure>", page, re.S)
    assert len(figures) == 4
    alts = [re.search(r'alt="([^"]*)"', f)[1] for f in figures]  # type: ignore[index]
    assert [a.replace("&#39;", "'") for a in alts] == ALTS
    assert 'id="boxes"' in figures[0]
    assert "<figcaption>Figure 1: Two boxes</figcaption>" in figures[0]
    assert "<figcaption>" not in figures[1]
    assert 'src="data:image/svg+xml;base64,' in figures[0]
    assert 'src="data:image/png;base64,' in figures[1]
    assert 'src="data:image/jpeg;base64,' in figures[2]
    assert 'src="data:image/svg+xml;base64,' in figures[3]
    assert "https://" not in "".join(figures), "nothing fetched from elsewhere"


def _chart(document: Document) -> Chart:
    return next(b for b in document.blocks if isinstance(b, Chart))


def test_a_chart_draws_its_data(document: Document) -> None:
    svg = draw(_chart(document), "svg").decode()
    root = etree.fromstring(svg.encode())
    texts = "".join(root.itertext())
    for words in ("Children's Social Care", "Public health", "Adults", "-£412,000", "-£50"):
        assert words in texts, words
    assert "Variance by service" in texts
    bars = [
        p
        for p in root.iter("{http://www.w3.org/2000/svg}g")
        if (p.get("id") or "").startswith("patch")
    ]
    assert len(bars) >= 3
    assert "#1f4e79" in svg.lower(), "drawn in the profile's first chart colour"
    assert draw(_chart(document), "png").startswith(b"\x89PNG")


@pytest.mark.parametrize("form", ["svg", "png"])
def test_a_chart_is_the_same_bytes_each_time(document: Document, form: str) -> None:
    first = draw(_chart(document), form)  # type: ignore[arg-type]
    assert draw(_chart(document), form) == first  # type: ignore[arg-type]
    if form == "svg":
        assert b"<dc:date>" not in first


def test_every_kind_of_chart_draws(document: Document) -> None:
    from dataclasses import replace

    chart = _chart(document)
    for kind in ("stacked-bar", "line"):
        assert b"<svg" in draw(replace(chart, kind=kind), "svg")  # type: ignore[arg-type]
    positive = replace(
        chart.series[0],
        values=tuple(abs(v) for v in chart.series[0].values),
        colour="#1F4E79,#C55A11,#548235",
    )
    pie = draw(replace(chart, kind="pie", series=(positive,)), "svg").decode()
    assert "Public health" in pie


SUBPROCESS = """
import sys
from pathlib import Path
from reportgen import api
from reportgen.writers.docx.writer import render_docx
from reportgen.writers.html import render_html
documents = api.load_documents([Path(sys.argv[1])])
for document in documents.values():
    render_docx(document)
    render_html(document)
print("matplotlib" in sys.modules, "resvg_py" in sys.modules)
"""


def test_a_report_without_a_chart_never_imports_matplotlib() -> None:
    report = ROOT / "reports" / "examples" / "co-production.yaml"
    out = subprocess.run(
        [sys.executable, "-c", SUBPROCESS, str(report)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert out.stdout.split() == ["False", "False"]


def test_a_report_with_a_chart_imports_it(document: Document) -> None:
    assert any(isinstance(b, Picture) for b in document.blocks)
    render_html(document)
    assert "matplotlib" in sys.modules


@pytest.fixture(autouse=True)
def _no_leftovers() -> Iterator[None]:
    yield


def test_the_paragraph_before_a_picture_keeps_with_it(word: bytes) -> None:
    reread = docx.Document(io.BytesIO(word))
    before = next(p for p in reread.paragraphs if p.text == "The information.")
    assert before._p.find("w:pPr/w:keepNext", NS) is not None
    assert before._p.getnext().find(".//wp:inline", NS) is not None


def test_item_7_of_march_2022_has_its_two_pictures(boilerplate: Boilerplate) -> None:
    """The ladder and the cogs, drawn as SVG, in the report and its Appendix 1, each with alt
    text that says what it shows."""
    from reportgen.meeting import load_meeting

    meeting = load_meeting(
        ROOT / "reports" / "meetings" / "2022-03-14" / "meeting.yaml", boilerplate
    )
    found = {
        d.key: [b for b in d.document.blocks if isinstance(b, Picture)]
        for d in meeting.documents(public=True)
        if d.document is not None
    }
    (cogs,) = found["item7"]
    ladder, cogs_again = found["item7-appendix1"]
    assert cogs.image.media_type == ladder.image.media_type == "image/svg+xml"
    assert cogs.image.data == cogs_again.image.data
    assert "Listening Spaces, Staff Learning, Our Voice, Projects and Developing People" in cogs.alt
    assert "consultation and engagement" in ladder.alt
    svg = ladder.image.data.decode()
    for rung in (
        "Coercion",
        "Informing",
        "Consultation",
        "Engagement",
        "Co-design",
        "Co-production",
    ):
        assert f">{rung}</text>" in svg
    assert sum(len(pictures) for pictures in found.values()) == 3
