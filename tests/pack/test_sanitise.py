"""Hostile appendix PDFs (issue 16): a pack keeps their pages' text and safe links, and nothing
else of them; a PDF that cannot make a pack is a problem, never an internal error.

Each hostile PDF (tests/pack/hostile.py) is merged after a report into a real pack with
:func:`assemble`, and the pack is read back: every stream decoded and every string of every
object searched for the secret the PDF hid, every object checked for what may not be there
(embedded and associated files, scripts, media, forms, unsafe actions), and its text read with
pdftotext. The last test builds a meeting's pack with all of them through ``api.pack``.
"""

from __future__ import annotations

import io
import random
import shutil
import warnings
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name

from reportgen import api
from reportgen.errors import Location
from reportgen.pack.assemble import Part, assemble
from reportgen.pack.sanitise import check_appendix, safe_uri
from tests.conftest import ROOT, raised
from tests.pack import hostile
from tests.pack.test_assemble import every_string, page_texts

TITLE = "Test Committee, 14 March 2022"

FORBIDDEN_KEYS = frozenset(
    {
        "/AF",
        "/EF",
        "/RF",
        "/EmbeddedFiles",
        "/JS",
        "/JavaScript",
        "/AA",
        "/OpenAction",
        "/AcroForm",
        "/RichMediaContent",
        "/3DD",
        "/Movie",
        "/Sound",
        "/FS",
        "/Popup",
    }
)
"""Keys that carry files, scripts, media or forms: no object of a pack has one."""

UNSAFE_ACTIONS = frozenset(
    "/" + kind
    for kind in [
        "JavaScript",
        "Launch",
        "SubmitForm",
        "ImportData",
        "GoToR",
        "GoToE",
        "ResetForm",
        "Rendition",
        "Movie",
        "Sound",
        "Hide",
        "Thread",
        "GoTo3DView",
        "RichMediaExecute",
    ]
)
"""The kinds of action no object of a pack is."""


def report() -> bytes:
    """An item's document for the appendix to follow: one plain page."""
    pdf, _ = hostile._document("report")
    return hostile._bytes(pdf)


def pack_with(appendix: bytes) -> bytes:
    """A real pack: a report, and ``appendix`` as its appendix."""
    parts = [Part("4. Report", report()), Part("Appendix 1: Hostile", appendix, level=1)]
    return assemble(parts, title=TITLE)


def objects(pdf: pikepdf.Pdf) -> Iterator[Dictionary | pikepdf.Stream]:
    """Every dictionary and stream of ``pdf``, direct ones inside others included."""

    def inside(obj: object) -> Iterator[Dictionary | pikepdf.Stream]:
        if isinstance(obj, Array):
            for item in obj:
                if not (isinstance(item, pikepdf.Object) and item.is_indirect):
                    yield from inside(item)
        elif isinstance(obj, Dictionary | pikepdf.Stream):
            yield obj
            for value in obj.values():
                if not (isinstance(value, pikepdf.Object) and value.is_indirect):
                    yield from inside(value)

    yield from inside(pdf.trailer)
    for obj in pdf.objects:
        yield from inside(obj)


def uris(pdf: pikepdf.Pdf) -> list[str]:
    """The addresses of every link of every page."""
    found = []
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", Array()):
            action = annotation.get("/A")
            if isinstance(action, Dictionary) and action.get("/S") == Name.URI:
                found.append(bytes(action.URI).decode("latin-1"))
    return found


def assert_nothing_hostile(pack: bytes) -> None:
    """The pack has none of the secret, and nothing that carries files, code or forms."""
    assert hostile.SECRET not in pack
    with pikepdf.open(io.BytesIO(pack)) as pdf:
        assert not any(hostile.SECRET in chunk for chunk in every_string(pdf))
        for obj in objects(pdf):
            assert not FORBIDDEN_KEYS & set(obj.keys()), sorted(FORBIDDEN_KEYS & set(obj.keys()))
            assert obj.get("/Type") not in (Name.EmbeddedFile, Name.Filespec)
            if obj.get("/Type") == Name.Annot or ("/Rect" in obj and "/Subtype" in obj):
                assert obj.get("/Subtype") == Name.Link, obj.get("/Subtype")
            assert str(obj.get("/S")) not in UNSAFE_ACTIONS, obj.S
            if "/A" in obj and ("/Rect" in obj or "/Title" in obj):  # a link's, a bookmark's
                assert obj.A.S in (Name.GoTo, Name.URI, Name.Named), obj.A.S
                assert "/Next" not in obj.A
        assert all(safe_uri(uri) for uri in uris(pdf))


@pytest.mark.parametrize("kind", sorted(hostile.CONTENT))
def test_nothing_but_the_page_of_a_hostile_appendix_reaches_the_pack(kind: str) -> None:
    pack = pack_with(hostile.CONTENT[kind]())
    assert_nothing_hostile(pack)
    texts = page_texts(pack)
    assert len(texts) == 2
    assert hostile.visible(kind) in texts[1]
    assert hostile.visible("report") in texts[0]


def test_only_web_and_mail_links_are_kept_and_nothing_runs_after_them() -> None:
    pack = pack_with(hostile.links())
    with pikepdf.open(io.BytesIO(pack)) as pdf:
        assert sorted(uris(pdf)) == sorted([*hostile.SAFE_LINKS, "https://example.org/next"])
        for annotation in pdf.pages[1].Annots:
            assert set(annotation.A.keys()) == {"/Type", "/S", "/URI"}


@pytest.mark.parametrize(
    ("uri", "safe"),
    [
        ("https://example.org/", True),
        ("HTTP://example.org/", True),
        ("mailto:clerk@example.org", True),
        ("javascript:alert(1)", False),
        ("\x01 javascript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("\\\\server\\share\\a.pdf", False),
        ("//server/share/a.pdf", False),
        ("a.html", False),
        ("data:text/html,x", False),
        ("", False),
    ],
)
def test_the_schemes_a_link_may_keep(uri: str, safe: bool) -> None:
    assert safe_uri(uri) is safe


def test_a_go_to_link_still_leads_to_its_page_and_unsafe_actions_are_gone() -> None:
    pack = pack_with(hostile.actions())
    with pikepdf.open(io.BytesIO(pack)) as pdf:
        [link] = pdf.pages[1].Annots  # of the eight links, only the go-to is left
        assert "/A" not in link  # the pack writes a go-to as the page it leads to
        assert link.Dest[0].objgen == pdf.pages[1].obj.objgen
        with pdf.open_outline() as outline:
            [item] = outline.root
            [appendix] = item.children
        assert appendix.title == "Appendix 1: Hostile"
        assert not appendix.children  # neither the script's bookmark nor the file's


def test_a_filled_form_keeps_its_look_as_page_content_without_fields() -> None:
    pack = pack_with(hostile.form())
    assert hostile.FIELD_TEXT in page_texts(pack)[1]
    with pikepdf.open(io.BytesIO(pack)) as pdf:
        assert "/AcroForm" not in pdf.Root
        assert "/Annots" not in pdf.pages[1].obj
        assert not any(obj.get("/FT") is not None for obj in objects(pdf))


def test_comments_keep_their_look_as_page_content_without_their_notes() -> None:
    pack = pack_with(hostile.comments())
    assert hostile.STAMP_TEXT in page_texts(pack)[1]
    with pikepdf.open(io.BytesIO(pack)) as pdf:
        assert "/Annots" not in pdf.pages[1].obj


def test_a_form_the_viewer_was_to_draw_is_drawn_into_the_page() -> None:
    pack = pack_with(hostile.form_to_draw())
    assert hostile.GENERATED_TEXT in page_texts(pack)[1]
    with pikepdf.open(io.BytesIO(pack)) as pdf:
        assert "/Annots" not in pdf.pages[1].obj


def test_the_tags_of_a_hostile_appendix_are_kept_without_its_files() -> None:
    pack = pack_with(hostile.associated())
    with pikepdf.open(io.BytesIO(pack)) as pdf:
        [link] = pdf.pages[1].Annots
        part = pdf.Root.StructTreeRoot.K.K[0].K[-1]
        assert str(part.S) == "/Part"
        assert str(part.T) == "Appendix 1: Hostile"
        kinds = [str(kid.S) for kid in part.K]
        assert kinds == ["/P", "/Link"]
        assert part.K[1].K.Obj.objgen == link.objgen
        assert "/AF" not in part.K[0]


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("encrypted", "O516"),
        ("damaged", "O516"),
        ("no-pages", "M713"),
        ("bad-rotate", "M715"),
        ("bad-struct-parents", "M715"),
        ("deep", "M716"),
        ("cycle", "M716"),
    ],
)
def test_a_pdf_that_cannot_make_a_pack_is_a_problem_naming_it(kind: str, code: str) -> None:
    [problem] = raised(lambda: pack_with(hostile.UNREADABLE[kind]()))
    assert problem.code == code
    assert str(problem.where) == "Appendix 1: Hostile"
    assert "BytesIO" not in problem.message


def test_a_deep_chain_of_a_tagged_pdf_is_refused_not_a_crash() -> None:
    """A thousand nested forms on a tagged page used to exhaust Python's recursion."""
    with pikepdf.open(io.BytesIO(hostile.deep(levels=1200))) as pdf:
        pdf.pages[0].obj.StructParents = 0
        pdf.Root.StructTreeRoot = pdf.make_indirect(
            Dictionary(Type=Name.StructTreeRoot, K=Array(), ParentTree=Dictionary(Nums=Array()))
        )
        pdf.Root.StructTreeRoot.K = pdf.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name.P, P=pdf.Root.StructTreeRoot, K=0)
        )
        tagged = hostile._bytes(pdf)
    [problem] = raised(lambda: pack_with(tagged))
    assert problem.code == "M716"


@pytest.mark.parametrize("kind", ["number", "array", "outlines-a-number"])
def test_an_outline_pikepdf_cannot_read_is_left_out_not_a_crash(kind: str) -> None:
    pdf, _ = hostile._document("outline")
    pdf.Root.Outlines = {
        "number": Dictionary(Type=Name.Outlines, First=5, Count=1),
        "array": Dictionary(Type=Name.Outlines, First=Array([1]), Count=1),
        "outlines-a-number": 7,
    }[kind]
    pack = pack_with(hostile._bytes(pdf))
    assert hostile.visible("outline") in page_texts(pack)[1]
    with pikepdf.open(io.BytesIO(pack)) as opened, opened.open_outline() as outline:
        [report] = outline.root
        assert [child.title for child in report.children] == ["Appendix 1: Hostile"]


def mangled(seed: int) -> bytes:
    """A hostile PDF with a few of its objects' values replaced by values of other types."""
    rng = random.Random(seed)
    kinds = sorted(hostile.CONTENT)
    replacements = [
        lambda: Name("/X"),
        lambda: pikepdf.String("s"),
        lambda: 7,
        lambda: -3,
        lambda: Array([]),
        lambda: Dictionary(),
        lambda: Decimal("1.5"),
        lambda: Array([Name("/Y"), 1]),
        lambda: Dictionary(S=Name.URI),
        lambda: True,
    ]
    with (
        warnings.catch_warnings(),  # pikepdf's, of what the mangling broke
        pikepdf.open(io.BytesIO(hostile.CONTENT[rng.choice(kinds)]())) as pdf,
    ):
        warnings.simplefilter("ignore")
        held = [o for o in pdf.objects if isinstance(o, Dictionary | pikepdf.Stream) and o.keys()]
        for _ in range(rng.randint(1, 4)):
            obj = rng.choice(held)
            key = rng.choice(sorted(obj.keys()))
            if key not in ("/Length", "/Filter", "/DecodeParms"):
                obj[key] = rng.choice(replacements)()
        return hostile._bytes(pdf)


@pytest.mark.parametrize("batch", range(4))
def test_a_mangled_pdf_makes_a_pack_or_a_placed_problem(tmp_path: Path, batch: int) -> None:
    """Values of the wrong type anywhere in a PDF: the appendix check refuses it at its line,
    or the pack is made; never another exception (the seeds found crashes in the outline)."""
    file = tmp_path / "mangled.pdf"
    where = Location("meeting.yaml", 14, 25)
    for seed in range(batch * 100, batch * 100 + 100):
        file.write_bytes(mangled(seed))
        problems = check_appendix(file, where)
        assert all(p.where == where for p in problems)
        if not problems:
            pack = pack_with(file.read_bytes())
            assert hostile.SECRET not in pack, seed


MEETING = """\
committee: Test Committee
date: 2022-03-14
time: "10:30"
venue: County Hall
contact: {name: Jo Toomey}
membership: [{name: Boyd Elliott}]
items:
  - apologies: true
  - report: report.yaml
    appendices:
"""


def test_a_meetings_pack_keeps_nothing_of_its_hostile_appendices(tmp_path: Path) -> None:
    folder = tmp_path / "meeting"
    folder.mkdir()
    shutil.copy(ROOT / "tests/across/corpus/meetings/appendix-fake-pdf/report.yaml", folder)
    lines = []
    for kind, make in sorted(hostile.CONTENT.items()):
        (folder / f"{kind}.pdf").write_bytes(make())
        lines.append(f"      - {{file: {kind}.pdf, title: {kind}}}\n")
    (folder / "meeting.yaml").write_text(MEETING + "".join(lines), encoding="utf-8")
    [written] = api.pack(folder / "meeting.yaml", tmp_path / "out", allow_uncleared=True)
    pack = written.read_bytes()
    assert_nothing_hostile(pack)
    text = "\n".join(page_texts(pack))
    for kind in hostile.CONTENT:
        assert hostile.visible(kind) in text
    assert hostile.FIELD_TEXT in text
    assert hostile.GENERATED_TEXT in text
    assert hostile.STAMP_TEXT in text
