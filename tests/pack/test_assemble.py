"""An agenda pack assembled from the examples' finished PDFs, read back as a reader reads it.

The parts are the examples' tagged PDFs (the ``example_build`` fixture, one LibreOffice run),
arranged as a meeting's pack: two items, the second with an appendix, then a third item. The
pack is read with pikepdf and pypdf, and its text with pdftotext (poppler), as a reader sees it.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass

import pikepdf
import pypdf
import pytest
from pikepdf import Array, Dictionary, Name

from reportgen.pack.assemble import Part, assemble, page_count
from reportgen.writers.pdf import sealed_untouched
from tests.conftest import ExampleBuild, raised

TITLE = "Adult Social Care and Public Health Committee, 14 March 2022"
MARKER = "EXEMPT-7f3a9c"
"""Set in a part's metadata, which must not reach the pack."""


@pytest.fixture(scope="module")
def parts(example_build: ExampleBuild) -> list[Part]:
    """Item 4, item 5 with its appendix, item 6: the examples' PDFs as a pack's parts."""

    def pdf(name: str) -> bytes:
        return example_build.pdf(name).read_bytes()

    return [
        Part("4. Promoting Independence", pdf("promoting-independence")),
        Part("5. Co-production in Mental Health Services", pdf("co-production")),
        Part("Appendix 1: Recovery from COVID", pdf("recovery-from-covid"), level=1),
        Part("6. Fee Increases", pdf("fee-increases")),
    ]


@pytest.fixture(scope="module")
def pack(parts: list[Part]) -> bytes:
    return assemble(parts, title=TITLE)


def first_pages(parts: list[Part]) -> list[int]:
    """Each part's first page in the pack, from 0."""
    firsts, page = [], 0
    for part in parts:
        firsts.append(page)
        page += page_count(part.pdf)
    return firsts


def page_texts(pdf: bytes) -> list[str]:
    """Each page's text as pdftotext reads it."""
    program = shutil.which("pdftotext")
    if program is None:
        pytest.fail("pdftotext (Debian's poppler-utils) reads the pack as a reader sees it")
    done = subprocess.run(
        [program, "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return done.stdout.decode("utf-8").split("\f")[:-1]


STAMP_LINE = re.compile(r"^Page (\d+)$", re.MULTILINE)


def test_every_part_page_is_in_the_pack_in_order(parts: list[Part], pack: bytes) -> None:
    texts = page_texts(pack)
    assert len(texts) == sum(page_count(part.pdf) for part in parts)
    expected = [text for part in parts for text in page_texts(part.pdf)]
    for n, (text, own) in enumerate(zip(texts, expected, strict=True), start=1):
        assert STAMP_LINE.sub("", text).strip() == own.strip(), f"page {n}"


def test_the_stamped_numbers_run_1_to_n(pack: bytes) -> None:
    texts = page_texts(pack)
    numbers = [[int(n) for n in STAMP_LINE.findall(text)] for text in texts]
    assert numbers == [[n] for n in range(1, len(texts) + 1)]
    assert "Page 1 of 7" in texts[5]  # the report's own footer is still there, unchanged


def test_the_stamp_is_text_without_poppler_too(pack: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(pack))
    for n, page in enumerate(reader.pages, start=1):
        assert page.extract_text().splitlines()[-1] == f"Page {n}"


def test_the_stamp_is_a_pagination_artifact_at_the_top_right(opened: pikepdf.Pdf) -> None:
    for n, page in enumerate(opened.pages, start=1):
        last = page.obj.Contents[-1]
        ops = [(str(op), list(operands)) for operands, op in pikepdf.parse_content_stream(last)]
        names = [op for op, _ in ops]
        start, end = names.index("BDC"), names.index("EMC")
        assert ops[start][1][0] == Name.Artifact
        assert ops[start][1][1].Type == Name.Pagination
        assert stamped(page, ops[start:end]) == [f"Page {n}"]
        assert "BDC" not in names[start + 1 : end] and "MCID" not in str(ops)
    words = words_on(opened, 1)
    stamp = [w for w in words if w.text in ("Page", "1") and w.y_max < 40]
    width = float(opened.pages[0].mediabox[2])
    assert [w.text for w in stamp] == ["Page", "1"]
    assert stamp[-1].x_max == pytest.approx(width - 36, abs=0.5)
    footer = [w for w in words if w.text == "Page" and w.y_max > 700]
    assert footer and footer[0].x_min > 200  # the report's own, centred at the bottom


def stamped(page: pikepdf.Page, ops: list[tuple[str, list[pikepdf.Object]]]) -> list[str]:
    """The text each Tj of ``ops`` (drawn on ``page``) shows, read through its font's
    ToUnicode map as a reader's program reads it."""
    shown, font = [], None
    for op, operands in ops:
        if op == "Tf":
            font = page.obj.Resources.Font[operands[0]]
        elif op == "Tj":
            assert font is not None
            cmap = font.ToUnicode.read_bytes().decode("ascii")
            pairs = cmap.split("beginbfchar")[1].split("endbfchar")[0]
            text = dict(re.findall(r"<([0-9A-F]{4})> <([0-9A-F]+)>", pairs))
            glyphs = bytes(operands[0]).hex().upper()
            shown.append(
                "".join(
                    bytes.fromhex(text[glyphs[i : i + 4]]).decode("utf-16-be")
                    for i in range(0, len(glyphs), 4)
                )
            )
    return shown


@dataclass(frozen=True)
class Word:
    """A word pdftotext found, with its box (y from the top of the page as shown)."""

    text: str
    x_min: float
    y_max: float
    x_max: float


def words_on(pdf: pikepdf.Pdf, page: int) -> list[Word]:
    """The words of ``page`` (from 1) with their boxes, as pdftotext places them."""
    program = shutil.which("pdftotext")
    if program is None:
        pytest.fail("pdftotext (Debian's poppler-utils) reads the pack as a reader sees it")
    out = io.BytesIO()
    pdf.save(out)
    done = subprocess.run(
        [program, "-bbox", "-f", str(page), "-l", str(page), "-", "-"],
        input=out.getvalue(),
        capture_output=True,
        check=True,
    )
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        done.stdout.decode(),
    )
    return [Word(text, float(x0), float(y1), float(x1)) for x0, x1, y1, text in found]


def test_page_labels_are_the_printed_numbers(pack: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(pack))
    assert reader.page_labels == [str(n) for n in range(1, len(reader.pages) + 1)]


def outline(pdf: pikepdf.Pdf) -> list[tuple[int, str, int]]:
    """The bookmarks in order, each with its depth (1 for the top level) and page (from 0)."""
    pages = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}
    found: list[tuple[int, str, int]] = []

    def walk(items: list[pikepdf.OutlineItem], depth: int) -> None:
        for item in items:
            destination = item.destination
            assert isinstance(destination, Array), item.title
            found.append((depth, item.title, pages[destination[0].objgen]))
            walk(item.children, depth + 1)

    with pdf.open_outline() as tree:
        walk(tree.root, 1)
    return found


def test_the_outline_has_a_bookmark_per_part_with_appendices_under_their_item(
    parts: list[Part], opened: pikepdf.Pdf
) -> None:
    bookmarks = outline(opened)
    firsts = first_pages(parts)
    top = [(title, page) for depth, title, page in bookmarks if depth == 1]
    assert top == [(p.title, first) for p, first in zip(parts, firsts, strict=True) if not p.level]
    appendix = next(b for b in bookmarks if b[1] == parts[2].title)
    assert appendix == (2, parts[2].title, firsts[2])
    item = [b[1] for b in bookmarks].index(parts[1].title)
    below = bookmarks[item + 1 : bookmarks.index(appendix)]
    assert below and all(
        depth > 1 and page in range(firsts[1], firsts[2]) for depth, _, page in below
    )


def test_each_reports_own_outline_is_nested_under_its_bookmark(
    parts: list[Part], opened: pikepdf.Pdf
) -> None:
    bookmarks = outline(opened)
    firsts = first_pages(parts)
    for part, first in zip(parts, firsts, strict=True):
        with pikepdf.open(io.BytesIO(part.pdf)) as own:
            expected = [
                (depth + 1 + part.level, title, page + first) for depth, title, page in outline(own)
            ]
        start = bookmarks.index((1 + part.level, part.title, first))
        assert bookmarks[start + 1 : start + 1 + len(expected)] == expected


def test_the_pack_has_its_own_title_and_language(opened: pikepdf.Pdf) -> None:
    assert str(opened.docinfo.Title) == TITLE
    assert set(opened.docinfo.keys()) == {"/Title", "/Creator"}
    xmp = opened.open_metadata()
    assert xmp["dc:title"] == TITLE
    assert str(opened.Root.Lang) == "en-GB"
    assert opened.Root.ViewerPreferences.DisplayDocTitle is True
    assert opened.Root.MarkInfo.Marked is True
    for private in ("/OpenAction", "/Names", "/AcroForm", "/Dests"):
        assert private not in opened.Root


def test_the_pack_is_sealed_so_a_later_build_may_replace_it(pack: bytes) -> None:
    assert sealed_untouched(pack)


@dataclass(frozen=True)
class Element:
    """A structure element: its type, its title and its children."""

    role: str
    title: str | None
    children: tuple[Element, ...]

    def walk(self, *, into_parts: bool = True) -> Iterator[Element]:
        """This element and those under it, in order (not those of a Part under it, if not
        ``into_parts``)."""
        yield self
        for child in self.children:
            if into_parts or child.role != "/Part":
                yield from child.walk(into_parts=into_parts)


def structure(node: Dictionary) -> Element:
    kids = node.get("/K")
    items = list(kids) if isinstance(kids, Array) else [kids]
    children = tuple(structure(k) for k in items if isinstance(k, Dictionary) and "/S" in k)
    title = node.get("/T")
    return Element(str(node.get("/S")), None if title is None else str(title), children)


def test_the_structure_tree_has_a_part_per_part_holding_its_tags(
    parts: list[Part], opened: pikepdf.Pdf
) -> None:
    (document,) = structure(opened.Root.StructTreeRoot).children
    assert document.role == "/Document"
    items = document.children
    assert [(e.role, e.title) for e in items] == [("/Part", p.title) for p in parts if not p.level]
    nested = [e for e in items[1].children if e.role == "/Part"]
    assert [e.title for e in nested] == [parts[2].title]
    for part in parts:
        element = next(e for e in document.walk() if e.title == part.title)
        with pikepdf.open(io.BytesIO(part.pdf)) as pdf:
            (theirs,) = structure(pdf.Root.StructTreeRoot).children
        assert theirs.role == "/Document"  # LibreOffice's: in the pack, the part's element
        own = [e.role for e in element.walk(into_parts=False)]
        assert own[1:] == [e.role for e in theirs.walk()][1:]
    roles = opened.Root.StructTreeRoot.RoleMap
    assert roles["/Numbered Paragraph"] == Name.P


def content_problems(pdf: pikepdf.Pdf) -> list[str]:
    """Where the parent tree does not lead each page's marked content and each annotation
    to the element that holds it, on that page."""
    tree = pdf.Root.StructTreeRoot
    nums = list(tree.ParentTree.Nums)
    parents = dict(zip((int(k) for k in nums[::2]), nums[1::2], strict=True))
    assert max(parents) < int(tree.ParentTreeNextKey)
    problems = []
    for n, page in enumerate(pdf.pages, start=1):
        marked = parents[int(page.obj.StructParents)]
        mcids = {
            int(operands[1].MCID)
            for operands, op in pikepdf.parse_content_stream(page)
            if str(op) == "BDC" and isinstance(operands[1], Dictionary) and "/MCID" in operands[1]
        }
        assert mcids == set(range(len(marked))), f"page {n}"
        for mcid, element in enumerate(marked):
            kids = element.K if isinstance(element.K, Array) else [element.K]
            if not any(
                (kid == mcid and element.Pg.objgen == page.obj.objgen)
                or (
                    isinstance(kid, Dictionary)
                    and kid.get("/Type") == Name.MCR
                    and int(kid.MCID) == mcid
                    and kid.get("/Pg", element.get("/Pg")).objgen == page.obj.objgen
                )
                for kid in kids
            ):
                problems.append(f"page {n}, MCID {mcid}: {element.S}")
        for annotation in page.obj.get("/Annots", Array()):
            element = parents[int(annotation.StructParent)]
            kids = element.K if isinstance(element.K, Array) else [element.K]
            if not any(
                isinstance(kid, Dictionary) and kid.get("/Obj", None) == annotation for kid in kids
            ):
                problems.append(f"page {n}: an annotation's element does not hold it")
    return problems


def test_the_parent_tree_leads_each_pages_content_to_its_element(opened: pikepdf.Pdf) -> None:
    assert content_problems(opened) == []
    annotated = [p for p in opened.pages if "/Annots" in p.obj]
    assert len(annotated) >= 4  # the examples' links, each still tagged


def test_links_lead_to_the_copied_pages(parts: list[Part], opened: pikepdf.Pdf) -> None:
    pages = {page.obj.objgen: n for n, page in enumerate(opened.pages)}
    firsts = first_pages(parts)
    for part, first in zip(parts, firsts, strict=True):
        with pikepdf.open(io.BytesIO(part.pdf)) as own:
            theirs = {page.obj.objgen: n for n, page in enumerate(own.pages)}
            for n, page in enumerate(own.pages):
                for ours, annotation in zip(
                    opened.pages[first + n].obj.get("/Annots", Array()),
                    page.obj.get("/Annots", Array()),
                    strict=True,
                ):
                    if "/Dest" in annotation:
                        target = theirs[annotation.Dest[0].objgen]
                        assert pages[ours.Dest[0].objgen] == first + target


def every_string(pdf: pikepdf.Pdf) -> Iterator[bytes]:
    """Every stream's decoded data, and every string and name of every object, as bytes."""

    def inside(obj: object) -> Iterator[bytes]:
        if isinstance(obj, pikepdf.String):
            yield bytes(obj)
            yield str(obj).encode()
        elif isinstance(obj, str):
            yield obj.encode()
        elif isinstance(obj, Name):
            yield str(obj).encode()
        elif isinstance(obj, Array):
            for item in obj:
                if not (isinstance(item, pikepdf.Object) and item.is_indirect):
                    yield from inside(item)
        elif isinstance(obj, Dictionary | pikepdf.Stream):
            for key, value in obj.items():
                yield key.encode()
                if not (isinstance(value, pikepdf.Object) and value.is_indirect):
                    yield from inside(value)

    yield from inside(pdf.trailer)
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream):
            yield obj.read_bytes()
        yield from inside(obj)


def with_marker_in_its_metadata(pdf: bytes) -> bytes:
    """``pdf`` with MARKER in its Info, XMP, names trees, scripts and pages' private data."""
    with pikepdf.open(io.BytesIO(pdf)) as document:
        document.docinfo["/Subject"] = MARKER
        document.docinfo["/Marker"] = MARKER
        with document.open_metadata() as xmp:
            xmp["dc:description"] = MARKER
        document.attachments["notes.txt"] = pikepdf.AttachedFileSpec(
            document, MARKER.encode(), description=MARKER
        )
        script = Dictionary(S=Name.JavaScript, JS=pikepdf.String(f"app.alert('{MARKER}')"))
        document.Root.OpenAction = script
        document.Root.Names.JavaScript = Dictionary(Names=Array([MARKER, script]))
        page = document.pages[0].obj
        page.PieceInfo = Dictionary(Marker=Dictionary(Private=pikepdf.String(MARKER)))
        page.Metadata = document.make_stream(MARKER.encode())
        page.AA = Dictionary(O=script)
        out = io.BytesIO()
        document.save(out)
    return out.getvalue()


def test_nothing_of_a_parts_metadata_or_of_an_omitted_part_reaches_the_pack(
    parts: list[Part],
) -> None:
    public = [parts[0], Part(parts[1].title, with_marker_in_its_metadata(parts[1].pdf))]
    with pikepdf.open(io.BytesIO(public[1].pdf)) as marked:
        assert any(MARKER.encode() in data for data in every_string(marked))
    exempt = parts[3]  # not passed in: the public pack leaves it out
    pack = assemble(public, title=TITLE)
    with pikepdf.open(io.BytesIO(pack)) as pdf:
        everything = list(every_string(pdf))
    assert not any(MARKER.encode() in data for data in everything)
    assert not any(MARKER.encode("utf-16-be") in data for data in everything)
    text = "".join(page_texts(pack))
    for own in page_texts(public[1].pdf):
        assert STAMP_LINE.sub("", own).strip() in text
    shared = {line for part in public for own in page_texts(part.pdf) for line in own.splitlines()}
    exempt_lines = {line for own in page_texts(exempt.pdf) for line in own.splitlines()}
    own_lines = [line for line in exempt_lines - shared if len(line) > 30]
    assert len(own_lines) > 50
    assert not any(line in text for line in own_lines)


def test_the_same_parts_give_the_same_bytes(
    parts: list[Part], pack: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert assemble(parts, title=TITLE) == pack
    with pikepdf.open(io.BytesIO(pack)) as pdf:
        assert "/CreationDate" not in pdf.docinfo and "/ID" in pdf.trailer
        assert "xmp:CreateDate" not in pdf.open_metadata()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1647216000")  # 2022-03-14
    dated = assemble(parts, title=TITLE)
    assert dated == assemble(parts, title=TITLE) != pack
    with pikepdf.open(io.BytesIO(dated)) as pdf:
        assert str(pdf.docinfo.CreationDate) == "D:20220314000000+00'00"
        assert pdf.open_metadata()["xmp:CreateDate"].startswith("2022-03-14T00:00:00")


def test_the_stamp_may_give_the_total(parts: list[Part]) -> None:
    pack = assemble(parts[:2], title=TITLE, stamp="Pack page {n} of {total}")
    texts = page_texts(pack)
    assert f"Pack page 3 of {len(texts)}" in texts[2].splitlines()


def untagged(text: str) -> bytes:
    """A one-page PDF without tags, shown turned a quarter (the turn inherited from its page
    tree), with a link to a named destination and a script run when it opens."""
    with pikepdf.new() as pdf:
        page = pdf.add_blank_page(page_size=(595, 842))
        font = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
        page.obj.Resources = Dictionary(Font=Dictionary(F1=font))
        page.obj.Contents = pdf.make_stream(f"BT /F1 12 Tf 72 700 Td ({text}) Tj ET".encode())
        pdf.Root.Pages.Rotate = 90
        pdf.Root.Names = Dictionary(
            Dests=Dictionary(Names=Array(["top", Array([page.obj, Name.Fit])]))
        )
        link = Dictionary(
            Type=Name.Annot, Subtype=Name.Link, Rect=[72, 690, 200, 715], Dest=pikepdf.String("top")
        )
        page.obj.Annots = Array([pdf.make_indirect(link)])
        pdf.Root.OpenAction = Dictionary(S=Name.JavaScript, JS=pikepdf.String("app.alert(1)"))
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def test_a_part_without_tags_is_read_page_by_page_and_stamped_upright(
    parts: list[Part],
) -> None:
    scan = Part("Appendix 2: A scanned letter", untagged("Dear Councillor"), level=1)
    pack = assemble([parts[0], scan], title=TITLE)
    with pikepdf.open(io.BytesIO(pack)) as pdf:
        assert content_problems(pdf) == []
        last = pdf.pages[-1]
        assert last.obj.Rotate == 90
        (document,) = structure(pdf.Root.StructTreeRoot).children
        (item,) = document.children
        appendix = item.children[-1]
        assert (appendix.role, appendix.title) == ("/Part", scan.title)
        assert [e.role for e in appendix.children] == ["/P", "/Link"]
        (link,) = last.obj.Annots
        assert link.Dest[0] == last.obj  # the named destination, now explicit
        assert "/Names" not in pdf.Root and "/OpenAction" not in pdf.Root
        words = words_on(pdf, len(pdf.pages))
    text = page_texts(pack)[-1]
    assert "Dear Councillor" in text and f"Page {page_count(pack)}" in text.splitlines()
    stamp = next(w for w in words if w.text == str(page_count(pack)))
    assert stamp.y_max < 40 and stamp.x_max == pytest.approx(842 - 36, abs=0.5)  # as shown


def test_clashing_role_maps_are_kept_apart(parts: list[Part]) -> None:
    with pikepdf.open(io.BytesIO(parts[3].pdf)) as pdf:
        pdf.Root.StructTreeRoot.RoleMap[Name("/Quote")] = Name.BlockQuote
        out = io.BytesIO()
        pdf.save(out)
    changed = Part(parts[3].title, out.getvalue())
    with pikepdf.open(io.BytesIO(parts[1].pdf)) as pdf:
        assert pdf.Root.StructTreeRoot.RoleMap[Name("/Quote")] == Name.P
    pack = assemble([parts[1], changed], title=TITLE)
    with pikepdf.open(io.BytesIO(pack)) as pdf:
        roles = pdf.Root.StructTreeRoot.RoleMap
        assert roles[Name("/Quote")] == Name.P and roles[Name("/Quote 2")] == Name.BlockQuote
        first, second = structure(pdf.Root.StructTreeRoot).children[0].children
    assert "/Quote" in {e.role for e in first.walk()}
    assert {"/Quote 2"} <= {e.role for e in second.walk()} and "/Quote" not in {
        e.role for e in second.walk()
    }


def test_what_cannot_make_a_pack_is_refused(parts: list[Part]) -> None:
    for bad, stamp in (
        ([], "Page {n}"),
        ([Part("Appendix 1", parts[0].pdf, level=1)], "Page {n}"),
        ([Part("4. Report", parts[0].pdf, level=2)], "Page {n}"),
        (parts[:1], "Page"),
        (parts[:1], "Page {n} {date}"),
        (parts[:1], "Tudalen {n} 頁"),  # a character Liberation Sans lacks
    ):
        with pytest.raises(ValueError):
            assemble(bad, title=TITLE, stamp=stamp)
    broken = [parts[0], Part("5. Broken", b"not a PDF"), Part("6. Empty", b"")]
    problems = raised(lambda: assemble(broken, title=TITLE))
    assert [(p.code, str(p.where)) for p in problems] == [
        ("O516", "5. Broken"),
        ("O516", "6. Empty"),
    ]
    (problem,) = raised(lambda: page_count(b"%PDF-1.7 nothing"))
    assert problem.code == "O516"
