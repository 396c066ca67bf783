"""The .docx package: clean, described by the report, reproducible, and known as reportgen's own."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from lxml import etree

from reportgen.document import Document
from reportgen.errors import Problems, ReportError
from reportgen.output import check_target, generated_untouched
from reportgen.writers.docx import DEFAULT_TEMPLATE, render_docx, untouched
from reportgen.writers.docx.package import DIGEST_PROPERTY, digest, settings
from tests.conftest import LibreOffice
from tests.writers.docx.test_writer import NS, REPORT, W

CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
PR = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
DC = "{http://purl.org/dc/elements/1.1/}"
DCTERMS = "{http://purl.org/dc/terms/}"
EP = "{http://schemas.openxmlformats.org/officeDocument/2006/extended-properties}"

REPORT_WITH_REFERENCE = REPORT + "reference: ASCH445\n"
EPOCH = "1483920000"  # 2017-01-09 00:00:00 UTC
"""A SOURCE_DATE_EPOCH: the meeting date of the promoting-independence report."""


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


@pytest.fixture
def built(
    resolve_yaml: Callable[[str], Document], monkeypatch: pytest.MonkeyPatch
) -> dict[str, bytes]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return parts(render_docx(resolve_yaml(REPORT_WITH_REFERENCE)))


@pytest.mark.parametrize("source", ["built", "template"])
def test_no_python_docx_leftovers(source: str, built: dict[str, bytes]) -> None:
    package = built if source == "built" else parts(DEFAULT_TEMPLATE.read_bytes())
    names = set(package)
    assert "docProps/thumbnail.jpeg" not in names
    assert "word/stylesWithEffects.xml" not in names
    assert "word/webSettings.xml" not in names
    assert not [n for n in names if n.startswith("customXml/")]
    # every relationship points at a part there is, every part there is has its content type
    for name in [n for n in names if n.endswith(".rels")]:
        folder = name.replace("_rels/", "").removesuffix(".rels").rpartition("/")[0]
        for rel in etree.fromstring(package[name]):
            if rel.get("TargetMode") != "External":
                target = rel.get("Target")
                path = target[1:] if target.startswith("/") else f"{folder}/{target}".lstrip("/")
                assert path in names, (name, target)
    types = etree.fromstring(package["[Content_Types].xml"])
    overrides = {e.get("PartName")[1:] for e in types.iter(f"{CT}Override")}
    defaults = {e.get("Extension") for e in types.iter(f"{CT}Default")}
    assert overrides <= names
    assert defaults == {"rels", "xml"}
    for name in names:
        assert name in overrides or name.rpartition(".")[2] in defaults, name


def test_app_properties_name_reportgen_and_leave_counts_to_word(built: dict[str, bytes]) -> None:
    app = etree.fromstring(built["docProps/app.xml"])
    assert app.findtext(f"{EP}Application") == "reportgen"
    for left_out in ("Pages", "Words", "Characters", "Lines", "Paragraphs", "AppVersion"):
        assert app.find(f"{EP}{left_out}") is None, left_out
    assert b"Microsoft" not in built["docProps/app.xml"]


def test_core_properties_come_from_the_report(built: dict[str, bytes]) -> None:
    core = etree.fromstring(built["docProps/core.xml"])
    assert core.findtext(f"{DC}title") == "A small report"
    assert core.findtext(f"{DC}subject") == "Adult Social Care and Health Committee"
    assert core.findtext(f"{CP}keywords") == "ASCH445"
    assert core.findtext(f"{DC}creator") == "Nottinghamshire County Council"
    assert core.findtext(f"{CP}lastModifiedBy") == "Nottinghamshire County Council"
    assert core.findtext(f"{DCTERMS}created") == "2017-01-09T00:00:00Z"
    assert core.findtext(f"{DCTERMS}modified") == "2017-01-09T00:00:00Z"
    assert core.findtext(f"{DC}language") == "en-GB"


def test_without_source_date_epoch_the_build_time_is_now(
    resolve_yaml: Callable[[str], Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    core = docx.Document(io.BytesIO(render_docx(resolve_yaml(REPORT)))).core_properties
    assert core.created is not None
    now = dt.datetime.now(dt.UTC)
    assert abs((now - core.created.replace(tzinfo=dt.UTC)).total_seconds()) < 120
    assert core.modified == core.created


def test_settings_ask_for_current_word_in_british_english_and_claim_no_proofing(
    built: dict[str, bytes],
) -> None:
    root = etree.fromstring(built["word/settings.xml"])
    modes = [
        s.get(f"{{{W}}}val")
        for s in root.findall("w:compat/w:compatSetting", NS)
        if s.get(f"{{{W}}}name") == "compatibilityMode"
    ]
    assert modes == ["15"]
    assert root.find("w:themeFontLang", NS).get(f"{{{W}}}val") == "en-GB"
    assert root.find("w:themeFontLang", NS).get(f"{{{W}}}eastAsia") is None
    for stale in ("proofState", "rsids", "savePreviewPicture"):
        assert root.find(f"w:{stale}", NS) is None, stale
    # the theme's fonts are the house font
    theme = etree.fromstring(built["word/theme/theme1.xml"])
    latin = theme.iter("{http://schemas.openxmlformats.org/drawingml/2006/main}latin")
    assert {e.get("typeface") for e in latin} == {"Arial"}


def test_settings_are_set_in_schema_order_when_a_template_lacks_them() -> None:
    bare = f'<w:settings xmlns:w="{W}"><w:proofState w:spelling="clean"/><w:zoom w:percent="100"/>'
    bare += '<w:decimalSymbol w:val="."/></w:settings>'
    root = etree.fromstring(settings(bare.encode(), "cy-GB"))
    assert [etree.QName(e).localname for e in root] == [
        "zoom",
        "compat",
        "themeFontLang",
        "decimalSymbol",
    ]
    assert root.find("w:themeFontLang", NS).get(f"{{{W}}}val") == "cy-GB"


def test_the_same_report_built_twice_is_the_same_bytes(
    resolve_yaml: Callable[[str], Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    first = render_docx(resolve_yaml(REPORT_WITH_REFERENCE))
    second = render_docx(resolve_yaml(REPORT_WITH_REFERENCE))
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        infos = package.infolist()
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert [i.filename for i in infos][:2] == ["[Content_Types].xml", "_rels/.rels"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(EPOCH) + 86400))
    assert render_docx(resolve_yaml(REPORT_WITH_REFERENCE)) != first


def test_the_digest_covers_every_part_but_itself(built: dict[str, bytes]) -> None:
    custom = etree.fromstring(built["docProps/custom.xml"])
    (prop,) = [p for p in custom if p.get("name") == DIGEST_PROPERTY]
    assert "".join(prop.itertext()) == digest(built)
    assert prop.get("pid") == "2"


def test_a_template_s_own_custom_properties_are_kept(
    resolve_yaml: Callable[[str], Document], tmp_path: Path
) -> None:
    template = tmp_path / "council.docx"
    with zipfile.ZipFile(DEFAULT_TEMPLATE) as source, zipfile.ZipFile(template, "w") as out:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "docProps/custom.xml":
                root = etree.fromstring(data)
                label = etree.fromstring(
                    f'<property xmlns="{root.nsmap[None]}" xmlns:vt="{root.nsmap["vt"]}"'
                    ' fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="7"'
                    ' name="Classification"><vt:lpwstr>OFFICIAL</vt:lpwstr></property>'
                )
                root.append(label)
                data = etree.tostring(root)
            out.writestr(item, data)
    written = parts(render_docx(resolve_yaml(REPORT), template))
    names = [p.get("name") for p in etree.fromstring(written["docProps/custom.xml"])]
    assert sorted(names) == ["Classification", DIGEST_PROPERTY]


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_reportgen_knows_its_own_untouched_file(
    resolve_yaml: Callable[[str], Document], tmp_path: Path
) -> None:
    target = write(tmp_path / "report.docx", render_docx(resolve_yaml(REPORT)))
    assert generated_untouched(target)
    with zipfile.ZipFile(target) as package:
        assert untouched(package)
    problems = Problems()
    check_target(target, set(), False, problems)
    assert not problems


def test_a_file_changed_in_any_part_is_not_reportgens(
    resolve_yaml: Callable[[str], Document], tmp_path: Path
) -> None:
    data = render_docx(resolve_yaml(REPORT))
    # python-docx saving an officer's addition
    edited = docx.Document(io.BytesIO(data))
    edited.add_paragraph("An officer's own addition.")
    assert not generated_untouched(write(tmp_path / "edited.docx", _saved(edited)))
    # a property changed by hand, the rest left as it was
    changed = parts(data)
    changed["docProps/core.xml"] = changed["docProps/core.xml"].replace(b"A small", b"A large")
    assert not generated_untouched(write(tmp_path / "changed.docx", _zip(changed)))
    # a document from elsewhere, and something that is not a .docx at all
    assert not generated_untouched(write(tmp_path / "plain.docx", _saved(docx.Document())))
    assert not generated_untouched(write(tmp_path / "text.docx", b"not a zip"))
    problems = Problems()
    check_target(tmp_path / "edited.docx", set(), False, problems)
    assert codes(problems) == ["O503"]


def test_a_file_saved_by_libreoffice_is_not_replaced(
    resolve_yaml: Callable[[str], Document], libreoffice: LibreOffice, tmp_path: Path
) -> None:
    source = write(tmp_path / "report.docx", render_docx(resolve_yaml(REPORT)))
    assert generated_untouched(source)
    libreoffice.convert([source], "docx:MS Word 2007 XML", tmp_path / "saved")
    saved = tmp_path / "saved" / "report.docx"
    # LibreOffice keeps the digest property, but not the parts it was taken from
    assert DIGEST_PROPERTY.encode() in parts(saved.read_bytes())["docProps/custom.xml"]
    assert not generated_untouched(saved)
    problems = Problems()
    check_target(saved, set(), False, problems)
    assert codes(problems) == ["O503"]


def codes(problems: Problems) -> list[str]:
    with pytest.raises(ReportError) as caught:
        problems.raise_if_any()
    return [p.code for p in caught.value.problems]


def _saved(document: object) -> bytes:
    out = io.BytesIO()
    document.save(out)  # type: ignore[attr-defined]
    return out.getvalue()


def _zip(package: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, data in package.items():
            target.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize("template", [DEFAULT_TEMPLATE, None], ids=["ours", "python-docx's"])
def test_the_parts_taken_in_memory_zip_to_the_bytes_a_saved_file_gives(
    template: Path | None,
) -> None:
    from reportgen.writers.docx import package

    # python-docx's own default has a thumbnail (a .jpeg default type) and the leftovers
    word = docx.Document(None if template is None else str(template))
    word.add_heading("Recommendations", 1)
    word.add_paragraph("The committee notes the report.")
    word.add_table(rows=2, cols=2).cell(0, 0).text = "£14.966m"
    props = package.Properties(
        title="A report", when=dt.datetime(2017, 1, 9, tzinfo=dt.UTC), creator="A council"
    )
    saved = io.BytesIO()
    word.save(saved)
    zipped_twice = package.finish(saved.getvalue(), props)
    assert package.finish_parts(package.word_parts(word), props) == zipped_twice
    assert {"word/document.xml", "docProps/custom.xml"} <= set(parts(zipped_twice))
