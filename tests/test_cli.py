"""The command line, run as a user runs it: files in, files (or problems) out, exit codes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pikepdf
import pytest
from click.testing import CliRunner, Result

from reportgen.cli import main
from reportgen.schema import schema_text
from tests.conftest import MINIMAL, ROOT
from tests.test_output import processes_mentioning

BROKEN = MINIMAL.replace("date: 2017-01-09", "date: 2017-02-30").replace(
    "  - The information.", "  - text: The information.\n    lable: info"
)


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_build_writes_the_report(write_yaml: Callable[..., Path], tmp_path: Path) -> None:
    source = write_yaml(MINIMAL)
    result = run("build", str(source), "-o", str(tmp_path / "out.docx"))
    assert result.exit_code == 0, result.output
    assert docx.Document(str(tmp_path / "out.docx")).core_properties.title == "A small report"


def test_problems_are_all_listed_with_places_and_nothing_is_written(
    write_yaml: Callable[..., Path], tmp_path: Path
) -> None:
    source = write_yaml(BROKEN)
    target = tmp_path / "out.docx"
    result = run("build", str(source), "-o", str(target))
    assert result.exit_code == 2
    assert f"{source}:2:7: error S203: '2017-02-30' is not a real date" in result.output
    assert f"{source}:10:5: error S202: unknown field 'lable'" in result.output
    assert "fix: did you mean 'label'?" in result.output
    assert "2 problems; nothing was written." in result.output
    assert not target.exists()


def test_a_failed_build_leaves_the_previous_output_as_it_was(
    write_yaml: Callable[..., Path], tmp_path: Path
) -> None:
    target = tmp_path / "out.docx"
    assert run("build", str(write_yaml(MINIMAL)), "-o", str(target)).exit_code == 0
    before = target.read_bytes()
    assert run("build", str(write_yaml(BROKEN)), "-o", str(target)).exit_code == 2
    assert target.read_bytes() == before


def test_one_bad_report_stops_every_report_being_written(
    write_yaml: Callable[..., Path], tmp_path: Path
) -> None:
    good, bad = write_yaml(MINIMAL, "good.yaml"), write_yaml(BROKEN, "bad.yaml")
    result = run("build", str(good), str(bad), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert not (tmp_path / "out" / "good.docx").exists()


def test_out_dir_gets_one_docx_per_report(write_yaml: Callable[..., Path], tmp_path: Path) -> None:
    sources = [write_yaml(MINIMAL, "a.yaml"), write_yaml(MINIMAL, "b.yaml")]
    result = run("build", *map(str, sources), "--out-dir", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.docx", "b.docx"]


def test_an_input_is_never_overwritten(write_yaml: Callable[..., Path]) -> None:
    source = write_yaml(MINIMAL, "report.docx")
    result = run("build", str(source), "-o", str(source), "--force")
    assert result.exit_code == 2
    assert "error O501: the output would overwrite an input file" in result.output
    assert source.read_text() == MINIMAL


def test_a_document_edited_since_it_was_built_is_not_replaced(
    write_yaml: Callable[..., Path], tmp_path: Path
) -> None:
    source, target = write_yaml(MINIMAL), tmp_path / "out.docx"
    assert run("build", str(source), "-o", str(target)).exit_code == 0
    edited = docx.Document(str(target))
    edited.add_paragraph("An officer's own addition.")
    edited.core_properties.last_modified_by = "Jane Forbes"
    edited.core_properties.revision = 2
    edited.save(str(target))
    before = target.read_bytes()

    result = run("build", str(source), "-o", str(target))
    assert result.exit_code == 2
    assert "error O503" in result.output and "--force" in result.output
    assert target.read_bytes() == before

    assert run("build", str(source), "-o", str(target), "--force").exit_code == 0
    assert "An officer's own addition." not in [
        p.text for p in docx.Document(str(target)).paragraphs
    ]


def test_a_build_replaces_its_own_untouched_output(
    write_yaml: Callable[..., Path], tmp_path: Path
) -> None:
    source, target = write_yaml(MINIMAL), tmp_path / "out.docx"
    assert run("build", str(source), "-o", str(target)).exit_code == 0
    assert run("build", str(source), "-o", str(target)).exit_code == 0
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_output_must_end_in_a_format_reportgen_writes(
    write_yaml: Callable[..., Path], tmp_path: Path
) -> None:
    from reportgen.api import FORMATS

    assert FORMATS == ("docx", "pdf", "html", "json")
    result = run("build", str(write_yaml(MINIMAL)), "-o", str(tmp_path / "out.odt"))
    assert result.exit_code == 2
    assert "error O505: the output file must end in .docx, .pdf, .html or .json\n" in result.output
    assert "fix: name it e.g. report.docx, report.pdf, report.html or report.json" in result.output
    result = run("build", str(write_yaml(MINIMAL)), "--to", "odt")
    assert "fix: use docx, pdf, html or json, or several: docx,pdf,html,json" in result.output


def test_check_lists_problems_without_writing(write_yaml: Callable[..., Path]) -> None:
    result = run("check", str(write_yaml(BROKEN)))
    assert result.exit_code == 1  # not ready
    assert "S203" in result.output
    assert not any(p.suffix == ".docx" for p in write_yaml(BROKEN).parent.iterdir())


@pytest.mark.parametrize(
    "kind", ["report", "meeting", "minutes", "appendix", "pay-scale", "comment"]
)
def test_schema_command_prints_the_committed_schema(kind: str) -> None:
    result = run("schema", "--kind", kind)
    assert result.exit_code == 0
    committed = (ROOT / "reportgen" / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8")
    assert result.output == committed == schema_text(kind), "run: make schema"


def test_the_written_file_is_a_complete_package(
    write_yaml: Callable[..., Path], tmp_path: Path
) -> None:
    target = tmp_path / "out.docx"
    run("build", str(write_yaml(MINIMAL)), "-o", str(target))
    with zipfile.ZipFile(io.BytesIO(target.read_bytes())) as package:
        assert package.testzip() is None
        assert "word/document.xml" in package.namelist()


def test_build_writes_a_pdf_and_replaces_only_its_own(
    write_yaml: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source, target = write_yaml(MINIMAL), tmp_path / "report.pdf"
    scratch = tmp_path / "scratch"  # where this build's LibreOffice keeps its profile
    scratch.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(scratch))
    result = run("build", str(source), "-o", str(target))
    assert result.exit_code == 0, result.output
    assert processes_mentioning(str(scratch)) == [], "no LibreOffice is left running"
    assert f"wrote {target}" in result.output
    with pikepdf.open(target) as pdf:
        assert str(pdf.docinfo.Title) == "A small report"
        assert "/StructTreeRoot" in pdf.Root

    assert run("build", str(source), "-o", str(target)).exit_code == 0, "its own, untouched"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]

    with pikepdf.open(target, allow_overwriting_input=True) as pdf:  # saved by someone else
        pdf.docinfo["/Subject"] = "An officer's notes"
        pdf.save()
    before = target.read_bytes()
    result = run("build", str(source), "-o", str(target))
    assert result.exit_code == 2
    assert "error O503" in result.output and "--force" in result.output
    assert target.read_bytes() == before


def test_to_writes_each_format_of_each_report(
    write_yaml: Callable[..., Path], tmp_path: Path
) -> None:
    sources = [write_yaml(MINIMAL, "a.yaml"), write_yaml(MINIMAL, "b.yaml")]
    out = tmp_path / "out"
    result = run("build", *map(str, sources), "--out-dir", str(out), "--to", "docx,pdf")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["a.docx", "a.pdf", "b.docx", "b.pdf"]
    assert (out / "a.pdf").read_bytes().startswith(b"%PDF-")


def test_a_pdf_reportgen_did_not_write_is_not_replaced(
    write_yaml: Callable[..., Path], tmp_path: Path
) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"%PDF-1.7 a councillor's own PDF")
    result = run("build", str(write_yaml(MINIMAL)), "-o", str(target))
    assert result.exit_code == 2 and "error O503" in result.output
    assert target.read_bytes() == b"%PDF-1.7 a councillor's own PDF"


def test_without_libreoffice_a_pdf_build_says_how_to_install_it_and_writes_nothing(
    write_yaml: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPORTGEN_SOFFICE", str(tmp_path / "no-such-soffice"))
    monkeypatch.setenv("PATH", "")
    out = tmp_path / "out"
    result = run("build", str(write_yaml(MINIMAL)), "--out-dir", str(out), "--to", "docx,pdf")
    assert result.exit_code == 2
    assert "error O510" in result.output
    assert "apt-get install libreoffice-writer-nogui" in result.output
    assert "1 problem; nothing was written." in result.output
    assert not out.exists()


def test_a_hanging_libreoffice_is_stopped_and_reported(
    write_yaml: Callable[..., Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fake_soffice: Callable[[str], Path],
) -> None:
    monkeypatch.setenv("REPORTGEN_SOFFICE", str(fake_soffice("/bin/sleep 300\n")))
    monkeypatch.setenv("REPORTGEN_SOFFICE_TIMEOUT", "0.5")
    target = tmp_path / "report.pdf"
    result = run("build", str(write_yaml(MINIMAL)), "-o", str(target))
    assert result.exit_code == 2
    assert "error O511: LibreOffice did not finish within 0.5 seconds" in result.output
    assert not target.exists()
    assert processes_mentioning(str(tmp_path)) == [], "the stand-in and its sleep are killed"


def test_a_place_is_printed_as_it_is_even_with_emoji_codes(tmp_path: Path) -> None:
    source = tmp_path / ":smile:.yaml"
    source.write_text("committee: [\n", encoding="utf-8")
    result = run("build", str(source), "-o", str(tmp_path / "out.docx"))
    assert result.exit_code == 2
    assert f"{source}:" in result.output and "😄" not in result.output


COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("args", [["-h"], *[[name, "-h"] for name in COMMANDS]])
def test_minus_h_is_help_for_the_group_and_every_command(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Usage: ")
    assert "-h, --help" in result.output


def _examples(command: str) -> list[list[str]]:
    """The command lines under 'Examples:' in a command's --help, split as a shell would."""
    import shlex

    text = run(command, "--help").output
    assert "Examples:" in text, f"reportgen {command} --help shows no example"
    lines = text.split("Examples:", 1)[1].splitlines()
    found = []
    for line in lines[1:]:
        if not line.startswith("    reportgen "):
            break
        found.append(shlex.split(line.strip())[1:])
    return found


@pytest.mark.parametrize("command", [name for name in COMMANDS if name != "explain"])
def test_every_command_shows_examples_its_own_parser_accepts(command: str) -> None:
    examples = _examples(command)
    assert examples
    for words in examples:
        assert words[0] == command
        cmd = main.commands[command]
        cmd.make_context(command, words[1:])  # raises on an option the command lacks


def test_quiet_prints_problems_only_and_verbose_says_more(
    write_yaml: Callable[..., Path], tmp_path: Path
) -> None:
    source = write_yaml(MINIMAL)
    target = tmp_path / "out.docx"
    normal = run("build", str(source), "-o", str(target))
    assert normal.exit_code == 0
    assert f"wrote {target}" in normal.output
    quiet = run("build", "-q", str(source), "-o", str(target))
    assert quiet.exit_code == 0
    assert quiet.output == ""
    before_name = run("-q", "build", str(source), "-o", str(target))
    assert before_name.exit_code == 0
    assert before_name.output == ""
    verbose = run("build", "-v", str(source), "-o", str(target))
    assert f"wrote {target}" in verbose.output
    assert "done in " in verbose.output
    problems = run("build", "-q", str(write_yaml(BROKEN)), "-o", str(target))
    assert problems.exit_code == 2
    assert "error S203" in problems.output


def test_quiet_lasts_one_command_line(write_yaml: Callable[..., Path], tmp_path: Path) -> None:
    source = write_yaml(MINIMAL)
    assert run("-q", "build", str(source), "-o", str(tmp_path / "a.docx")).output == ""
    assert "wrote" in run("build", str(source), "-o", str(tmp_path / "b.docx")).output


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_shell_completion_scripts_are_printed(shell: str) -> None:
    import os
    import subprocess
    import sys

    command = str(Path(sys.executable).parent / "reportgen")  # the installed script
    env = {**os.environ, "_REPORTGEN_COMPLETE": f"{shell}_source"}
    script = subprocess.run([command], env=env, capture_output=True, text=True, check=True).stdout
    assert "_REPORTGEN_COMPLETE" in script
    complete = {**os.environ, "_REPORTGEN_COMPLETE": "bash_complete", "COMP_WORDS": "reportgen bu"}
    words = subprocess.run(
        [command],
        env={**complete, "COMP_CWORD": "1"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "build" in words


def refused(command: str, source: Path, out: Path) -> str:
    """The output of ``reportgen COMMAND SOURCE -o OUT``, which must exit 2 and write nothing."""
    result = run(command, str(source), "-o", str(out))
    assert result.exit_code == 2, result.output
    assert not out.exists()
    return result.output


def test_a_misspelt_field_of_an_agenda_item_suggests_the_field(tmp_path: Path) -> None:
    source = ROOT / "tests" / "validate" / "meeting.yaml"
    output = refused("pack", source, tmp_path / "out")
    assert f"{source}:11:5: error S202: unknown field 'titel'" in output
    assert "    fix: did you mean 'title'?\n" in output


MISSING = ROOT / "tests" / "cli" / "missing"
"""A folder holding report.yaml, to build a name typed with a slip."""


@pytest.mark.parametrize(
    ("typed", "fix"),
    [
        ("reprot.yaml", "did you mean 'report.yaml'?"),
        ("minutes.yaml", "check the file name: its folder holds no file with a name like it"),
    ],
)
@pytest.mark.parametrize("command", ["build", "check"])
def test_a_file_that_is_not_there_suggests_the_nearest_name_in_its_folder(
    command: str, typed: str, fix: str
) -> None:
    result = run(command, str(MISSING / typed))
    assert result.exit_code == 2, result.output
    assert f"{MISSING / typed}: error Y113: no such file\n    fix: {fix}\n" in result.output


def test_a_file_in_a_folder_that_is_not_there_says_so(tmp_path: Path) -> None:
    typed = tmp_path / "reprots" / "report.yaml"
    result = run("build", str(typed))
    assert result.exit_code == 2, result.output
    said = "error Y113: no such file: the folder 'reprots' is not there either"
    assert f"{typed}: {said}" in result.output


def test_a_bullet_indented_under_the_one_above_stops_the_build(tmp_path: Path) -> None:
    source = ROOT / "tests" / "traps" / "bullet-indented-deeper.yaml"
    output = refused("build", source, tmp_path / "out.docx")
    assert f"{source}:13:9: error Y114: this line starts with '-'" in output
    assert "    at: information[0].bullets[0]\n" in output
