"""The pack's page stamps in an embedded font with a ToUnicode map, read back as a reader does.

The parts are small tagged PDFs Typst makes of ``stamps/report.typ`` (fonts embedded, a report's
own "Page 1 of 2" footer), so no LibreOffice is needed: a report, an exempt report stamped with
the bundled profile's mark, and a landscape appendix. The pack is read with pikepdf, and with
poppler's pdftotext, pdffonts and pdfinfo as a reader's programs read it.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Dictionary, Name

from reportgen.boilerplate import DEFAULT_DIR, load_boilerplate
from reportgen.exempt import stamp
from reportgen.pack.assemble import STAMP_FONT_SIZE, STAMP_RIGHT, STAMP_TOP, Part, assemble
from reportgen.pack.stamps import FONT_VARIABLE
from tests.conftest import raised
from tests.pack.test_assemble import content_problems, page_texts, stamped, structure, words_on

HERE = Path(__file__).resolve().parent / "stamps"
TITLE = "Adult Social Care and Public Health Committee, 14 March 2022"


def typeset(title: str, words: int, *, flipped: bool = False) -> bytes:
    """A tagged PDF of ``stamps/report.typ``: ``title``, then ``words`` words of lorem ipsum."""
    import typst

    pdf = typst.compile(
        HERE / "report.typ",
        sys_inputs={"title": title, "words": str(words), "flipped": "yes" if flipped else "no"},
        pdf_standards=["ua-1"],
    )
    assert isinstance(pdf, bytes)
    return pdf


@pytest.fixture(scope="module")
def mark() -> str:
    """The bundled profile's mark of a part exempt under paragraph 3."""
    return stamp(load_boilerplate(DEFAULT_DIR).exempt, 3)


@pytest.fixture(scope="module")
def parts(mark: str) -> list[Part]:
    return [
        Part("4. Promoting Independence", typeset("Promoting Independence", 700)),
        Part("5. A contract award", typeset("A contract award", 700), mark=mark),
        Part("Appendix 1: Prices", typeset("Prices", 100, flipped=True), level=1, mark=mark),
    ]


@pytest.fixture(scope="module")
def pack(parts: list[Part]) -> bytes:
    return assemble(parts, title=TITLE)


def poppler(program: str, *args: str, pdf: bytes) -> str:
    """What poppler's ``program`` prints for ``pdf``."""
    found = shutil.which(program)
    if found is None:
        pytest.fail(f"{program} (Debian's poppler-utils) reads the pack as a reader's programs do")
    done = subprocess.run([found, *args, "-"], input=pdf, capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def fonts_of(resources: object, seen: set[tuple[int, int]]) -> Iterator[Dictionary]:
    """The fonts of ``resources`` and of the forms it draws, each once."""
    if not isinstance(resources, Dictionary):
        return
    for font in resources.get("/Font", Dictionary()).values():
        if font.objgen not in seen:
            seen.add(font.objgen)
            yield font
    for xobject in resources.get("/XObject", Dictionary()).values():
        if xobject.objgen not in seen:
            seen.add(xobject.objgen)
            yield from fonts_of(xobject.get("/Resources"), seen)


def test_every_font_of_the_pack_is_embedded_the_stamps_too(
    pack: bytes, opened: pikepdf.Pdf
) -> None:
    seen: set[tuple[int, int]] = set()
    fonts = [f for page in opened.pages for f in fonts_of(page.obj.get("/Resources"), seen)]
    stamp_font = opened.pages[0].obj.Resources.Font.PackStamp
    assert stamp_font.objgen in {f.objgen for f in fonts} and len(fonts) >= 3
    for font in fonts:
        described = font.DescendantFonts[0] if font.Subtype == Name.Type0 else font
        held = set(described.FontDescriptor.keys()) & {"/FontFile2", "/FontFile3"}
        assert held, f"{font.BaseFont} is not embedded"
    assert stamp_font.Subtype == Name.Type0 and "/ToUnicode" in stamp_font
    assert str(stamp_font.BaseFont).endswith("+LiberationSans")  # a subset's name
    listed = poppler("pdffonts", pdf=pack).splitlines()[2:]
    assert listed and all(re.search(r" yes +yes +yes +\d+ +0$", row) for row in listed), listed
    own = next(row for row in listed if row.split()[-2] == str(stamp_font.objgen[0]))
    assert own.split()[:4] == [str(stamp_font.BaseFont)[1:], "CID", "TrueType", "Identity-H"]


def test_the_stamps_read_back_as_their_text(pack: bytes, mark: str) -> None:
    texts = page_texts(pack)
    assert len(texts) == 5
    for n, text in enumerate(texts, start=1):
        lines = text.splitlines()
        assert f"Page {n}" in lines
        assert (mark in lines) == (n >= 3), n  # the exempt report's pages and its appendix's
    assert "–" in mark  # an en dash, now as much as any other character


def test_a_stamp_and_mark_of_any_character_the_font_has_read_back(parts: list[Part]) -> None:
    welsh = "DIM I’W GYHOEDDI – Pwyllgor Tai a Dŵr: gwybodaeth eithriedig (paragraff 3 → 12A)"
    stamped = [Part(parts[0].title, parts[0].pdf, mark=welsh)]
    pack = assemble(stamped, title=TITLE, stamp="Tudalen {n} o {total} · ŷ")
    first, second = page_texts(pack)
    assert "Tudalen 1 o 2 · ŷ" in first.splitlines() and welsh in first.splitlines()
    assert "Tudalen 2 o 2 · ŷ" in second.splitlines()


def test_the_stamps_are_artifacts_the_structure_tree_never_reaches(
    pack: bytes, opened: pikepdf.Pdf, mark: str
) -> None:
    for n, page in enumerate(opened.pages, start=1):
        last = page.obj.Contents[-1]
        ops = [(str(op), list(operands)) for operands, op in pikepdf.parse_content_stream(last)]
        names = [op for op, _ in ops]
        assert "MCID" not in str(ops)
        starts = [n for n, name in enumerate(names) if name == "BDC"]
        ends = [n for n, name in enumerate(names) if name == "EMC"]
        shows = [n for n, name in enumerate(names) if name == "Tj"]
        assert len(starts) == len(ends) == len(shows) in (1, 2)
        for start, show, end in zip(starts, shows, ends, strict=True):
            assert start < show < end
            assert ops[start][1][0] == Name.Artifact and ops[start][1][1].Type == Name.Pagination
        assert stamped(page, ops) == [f"Page {n}", *([mark] if n >= 3 else [])]
        fonts = [operands[0] for op, operands in ops if op == "Tf"]
        assert all(page.obj.Resources.Font[f].Subtype == Name.Type0 for f in fonts)
    assert content_problems(opened) == []
    (document,) = structure(opened.Root.StructTreeRoot).children
    assert [e.title for e in document.children] == [
        "4. Promoting Independence",
        "5. A contract award",
    ]
    tree = poppler("pdfinfo", "-struct-text", pdf=pack)
    assert "Promoting Independence" in tree and "A contract award" in tree
    assert "NOT FOR PUBLICATION" not in tree and not re.search(r"\bPage \d+\b(?! of)", tree)


def test_the_stamps_are_where_they_were_at_the_same_size(opened: pikepdf.Pdf, mark: str) -> None:
    for number in (1, 3, 5):
        page = opened.pages[number - 1]
        box = page.mediabox
        width, height = float(box[2]), float(box[3])
        words = words_on(opened, number)
        top = [w for w in words if w.y_max < STAMP_TOP + 5]
        assert [w.text for w in top[-2:]] == ["Page", str(number)]
        assert top[-1].x_max == pytest.approx(width - STAMP_RIGHT, abs=0.5)
        # pdftotext's box reaches the font's descent below the baseline, 24 points from the top
        assert top[-1].y_max == pytest.approx(STAMP_TOP + 0.212 * STAMP_FONT_SIZE, abs=0.5)
        # "Page 1" in Helvetica's widths (Liberation Sans has the same): 667+556+556+556, 278…
        helvetica = {"Page": 2335, "1": 556, "3": 556, "5": 556}
        for word in top[-2:]:
            expected = helvetica[word.text] * STAMP_FONT_SIZE / 1000
            assert word.x_max - word.x_min == pytest.approx(expected, abs=0.2)
        if number >= 3:
            assert " ".join(w.text for w in top[:-2]) == mark
            assert top[0].x_min == pytest.approx(36, abs=0.5)
            assert top[-3].x_max < top[-2].x_min - 11  # clear of the page number
        footer = [w for w in words if w.text == "Page" and w.y_max > height - 100]
        assert footer, number  # the report's own "Page 1 of 2", unchanged at the bottom
    assert float(opened.pages[4].mediabox[2]) > float(opened.pages[4].mediabox[3])  # landscape


def test_the_same_parts_give_the_same_bytes(parts: list[Part], pack: bytes) -> None:
    assert assemble(parts, title=TITLE) == pack


def test_a_missing_or_unreadable_stamp_font_is_a_problem(
    parts: list[Part], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(FONT_VARIABLE, str(tmp_path / "missing.ttf"))
    (problem,) = raised(lambda: assemble(parts, title=TITLE))
    assert (problem.code, str(problem.where)) == ("O517", f"({FONT_VARIABLE})")
    assert "missing.ttf" in problem.message and "fonts-liberation2" in problem.hint
    text = tmp_path / "not-a-font.ttf"
    text.write_text("not a font", "utf-8")
    monkeypatch.setenv(FONT_VARIABLE, str(text))
    (problem,) = raised(lambda: assemble(parts, title=TITLE))
    assert (problem.code, str(problem.where)) == ("O517", str(text))


def test_a_character_the_font_lacks_is_refused(parts: list[Part], tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="'頁'"):
        assemble(parts[:1], title=TITLE, stamp="頁 {n}")
    with pytest.raises(ValueError, match="'機密頁'"):
        assemble([Part(parts[0].title, parts[0].pdf, mark="機密 頁")], title=TITLE)
    profile = tmp_path / "profile"
    shutil.copytree(DEFAULT_DIR, profile)
    exempt = profile / "exempt.yaml"
    text = exempt.read_text("utf-8")
    exempt.write_text(text.replace('stamp: "NOT FOR', 'stamp: "頁 NOT FOR'), "utf-8")
    (problem,) = raised(lambda: load_boilerplate(profile))
    assert problem.code == "S200" and "'頁', which the pack's stamp font" in problem.message
    exempt.write_text(text.replace('stamp: "NOT FOR', 'stamp: "Dŵr → NOT FOR'), "utf-8")
    assert load_boilerplate(profile).exempt.stamp.startswith("Dŵr → NOT FOR")
