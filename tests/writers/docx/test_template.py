"""A template is untrusted input: a broken or hostile one ends in T4xx problems, never a crash.

The fixtures in tests/writers/docx/templates/ are made by tools/make_bad_templates.py from
templates/report.docx. A build with one re-reads what was written (or that nothing was).
"""

from __future__ import annotations

import io
import os
import shutil
import tracemalloc
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from reportgen.boilerplate import Boilerplate
from reportgen.cli import main
from reportgen.document import Document
from reportgen.errors import ReportError
from reportgen.pipeline import build
from reportgen.writers.docx.writer import render_docx
from tests.conftest import EXAMPLES

TEMPLATES = Path(__file__).parent / "templates"
REPORT = EXAMPLES / "promoting-independence.yaml"


@pytest.fixture(scope="module")
def document(boilerplate: Boilerplate) -> Document:
    """A resolved example report."""
    return build(REPORT, boilerplate)


def problems_of(document: Document, template: Path) -> list[tuple[str, str]]:
    """The codes and messages of the problems building ``document`` with ``template`` gives."""
    with pytest.raises(ReportError) as caught:
        render_docx(document, template)
    return [(p.code, p.message) for p in caught.value.problems]


def parts(data: bytes) -> dict[str, bytes]:
    """The parts of a written .docx."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


@pytest.mark.parametrize(
    ("name", "code", "says"),
    [
        ("empty.docx", "T406", "empty file"),
        ("not-a-zip.docx", "T409", "not a zip file"),
        ("password.docx", "T407", "password-protected"),
        ("old-word.doc", "T408", "Word 97-2003"),
        ("macro.docm", "T413", "macro-enabled (.docm)"),
        ("spreadsheet.docx", "T414", "its main part word/document.xml is of type 'application/"),
        ("broken-document.docx", "T412", "broken XML in word/document.xml at line 2"),
        ("broken-styles.docx", "T412", "broken XML in word/styles.xml"),
        ("broken-numbering.docx", "T412", "broken XML in word/numbering.xml"),
        ("no-document.docx", "T411", "word/document.xml that is missing"),
        ("no-content-types.docx", "T409", "no [Content_Types].xml"),
        ("bomb.docx", "T410", "inflate to more than 50 MB"),
        ("lying-bomb.docx", "T411", "word/styles.xml: the part cannot be read"),
        ("encrypted-entries.docx", "T411", "encrypted"),
        ("jinja-loop.docx", "T404", "{% for a in range(100000) %}"),
        ("jinja-power.docx", "T404", "9 ** 9 ** 9"),
        ("jinja-unknown.docx", "T404", "chief_executive"),
        ("jinja-bad.docx", "T418", "not valid: '{{ title | }}'"),
        ("jinja-unclosed.docx", "T418", "not closed: '{{ title'"),
        ("linked-picture.docx", "T415", "https://evil.example/logo.png"),
        ("include-picture.docx", "T415", "INCLUDEPICTURE field"),
        ("ole-object.docx", "T416", "embedded object (OLE)"),
        ("activex.docx", "T416", "ActiveX control"),
        ("alt-chunk.docx", "T417", "imports content from another file"),
        ("dde.docx", "T419", "DDEAUTO field"),
    ],
)
def test_an_unusable_template_is_a_problem_naming_what_is_wrong(
    document: Document, name: str, code: str, says: str
) -> None:
    found = problems_of(document, TEMPLATES / name)
    assert [c for c, _ in found] == [code]
    assert says in found[0][1]


def test_a_folder_is_not_a_template(document: Document, tmp_path: Path) -> None:
    assert problems_of(document, tmp_path) == [("T405", "the template is a folder")]


@pytest.mark.parametrize("name", ["bomb.docx", "lying-bomb.docx"])
def test_a_zip_bomb_is_refused_within_a_few_megabytes(document: Document, name: str) -> None:
    tracemalloc.start()
    try:
        with pytest.raises(ReportError):
            render_docx(document, TEMPLATES / name)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 << 20  # the part inflates to 60 MB


def test_what_a_template_may_not_carry_is_stripped(document: Document) -> None:
    written = parts(render_docx(document, TEMPLATES / "stripped.docx"))
    assert not [name for name in written if "vba" in name.lower()]
    everything = b"".join(written.values())
    for gone in (b"vbaProject", b"wordVbaData", b"attachedTemplate", b"mailMerge", b"evil.example"):
        assert gone not in everything
    assert b"file:///C:/data.xlsx" not in everything
    # an external hyperlink in the template's body stays: it is followed only when clicked
    assert b'Target="https://council.example/" TargetMode="External"' in everything
    assert (
        "The council"
        in docx.Document(io.BytesIO(render_docx(document, TEMPLATES / "stripped.docx")))
        .paragraphs[0]
        .text
    )


def test_a_word_template_dotx_is_accepted_as_a_document(document: Document) -> None:
    written = parts(render_docx(document, TEMPLATES / "house.dotx"))
    types = written["[Content_Types].xml"]
    assert b"wordprocessingml.document.main+xml" in types
    assert b"wordprocessingml.template.main+xml" not in types


def test_a_field_word_split_across_runs_is_filled_and_the_text_after_keeps_its_bold(
    document: Document,
) -> None:
    word = docx.Document(io.BytesIO(render_docx(document, TEMPLATES / "split-field.docx")))
    first = word.paragraphs[0]
    assert first.text == "Ref: ASCH445 (bold after)"
    assert [(r.text, bool(r.bold)) for r in first.runs] == [
        ("Ref: ASCH445", False),
        (" (bold after)", True),
    ]


def test_a_field_may_go_through_a_text_filter(document: Document) -> None:
    word = docx.Document(io.BytesIO(render_docx(document, TEMPLATES / "jinja-filter.docx")))
    assert word.paragraphs[0].text == document.meta.committee.upper()


def test_the_command_reports_a_bad_template_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "report.docx"
    result = CliRunner().invoke(
        main,
        ["build", str(REPORT), "-o", str(target), "--template", str(TEMPLATES / "macro.docm")],
    )
    assert result.exit_code == 2
    assert "T413" in result.output and "Traceback" not in result.output
    assert "save it as a Word Document (.docx)" in result.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("template", "says", "fix"),
    [
        (
            "missing.docx",
            "error T400: the template file does not exist",
            "fix: give the path of a .docx template, or leave --template out",
        ),
        (
            "spreadsheet.docx",
            "error T414: the template is not a Word document: its main part word/document.xml",
            "fix: open it in Word and save it as a Word Document (.docx), or leave --template out",
        ),
    ],
)
def test_the_command_places_a_missing_or_foreign_template_and_says_what_to_do(
    tmp_path: Path, template: str, says: str, fix: str
) -> None:
    """T400: no file at the --template path; T414: a package whose main part is not Word's."""
    out = tmp_path / "out"
    out.mkdir()
    path = TEMPLATES / template
    result = CliRunner().invoke(
        main, ["build", str(REPORT), "-o", str(out / "report.docx"), "--template", str(path)]
    )
    assert result.exit_code == 2
    assert f"{path}: {says}" in result.output
    assert fix in result.output
    assert list(out.iterdir()) == []


def test_a_pipe_is_not_read_as_a_template(document: Document, tmp_path: Path) -> None:
    pipe = tmp_path / "template.docx"
    os.mkfifo(pipe)  # opening it to read would wait for a writer for ever
    assert problems_of(document, pipe) == [("T409", "the template is not a file")]


def test_a_template_changed_between_two_builds_is_read_again(
    document: Document, tmp_path: Path
) -> None:
    from reportgen.writers.docx.writer import DEFAULT_TEMPLATE

    template = tmp_path / "house.docx"
    shutil.copy2(DEFAULT_TEMPLATE, template)  # an old modification time: kept once vetted
    first = parts(render_docx(document, template))["word/document.xml"]
    assert parts(render_docx(document, template))["word/document.xml"] == first
    shutil.copy2(TEMPLATES / "jinja-unknown.docx", template)  # its own, also old, time
    assert [code for code, _ in problems_of(document, template)] == ["T404"]
    shutil.copy2(DEFAULT_TEMPLATE, template)
    assert parts(render_docx(document, template))["word/document.xml"] == first
