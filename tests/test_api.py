"""The library API: reports in, files or one error with every problem out; never a print or exit."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest

from reportgen import api
from reportgen.errors import ReportError
from reportgen.writers.pdf import sealed_untouched
from tests.conftest import EXAMPLES, MINIMAL, ExampleBuild, raised
from tests.test_cli import BROKEN

PAY_SCALE_OUTSIDE = Path(__file__).resolve().parent / "preview"
"""A report in reports/ whose pay scale is in pay-scales/, outside the report's folder."""


def test_build_writes_each_format_of_each_report(example_build: ExampleBuild) -> None:
    assert example_build.written == [
        example_build.out / f"{path.stem}.{fmt}"
        for path in sorted(EXAMPLES.glob("*.yaml"))
        for fmt in ("docx", "pdf")
    ]
    assert all(path.stat().st_size > 0 for path in example_build.written)


def test_problems_are_raised_together_never_printed(
    write_yaml: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write_yaml(BROKEN, "bad.yaml")
    problems = raised(lambda: api.build([bad], output=tmp_path / "out.odt"))
    assert sorted(p.code for p in problems) == ["O505", "S202", "S203"]
    assert capsys.readouterr() == ("", "")
    assert list(tmp_path.iterdir()) == [bad]


def test_load_documents_resolves_every_report(write_yaml: Callable[..., Path]) -> None:
    paths = [write_yaml(MINIMAL, "a.yaml"), write_yaml(MINIMAL, "b.yaml")]
    documents = api.load_documents(paths)
    assert list(documents) == paths
    assert documents[paths[0]].meta.title == "A small report"


def test_render_gives_a_word_file_and_a_pdf(write_yaml: Callable[..., Path]) -> None:
    (document,) = api.load_documents([write_yaml(MINIMAL)]).values()
    with zipfile.ZipFile(io.BytesIO(api.render(document, "docx"))) as package:
        assert "word/document.xml" in package.namelist()
    pdf = api.render(document, "pdf")
    assert sealed_untouched(pdf)
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        assert str(opened.docinfo.Title) == "A small report"


def test_an_unknown_format_is_a_problem(write_yaml: Callable[..., Path], tmp_path: Path) -> None:
    source = write_yaml(MINIMAL)
    (problem,) = raised(lambda: api.build([source], out_dir=tmp_path / "out", to="docx,odt"))
    assert problem.code == "O506" and "'odt'" in problem.message
    assert not (tmp_path / "out").exists()


def test_two_reports_may_not_write_the_same_file(
    write_yaml: Callable[..., Path], tmp_path: Path
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one, two = write_yaml(MINIMAL, "a/report.yaml"), write_yaml(MINIMAL, "b/report.yaml")
    (problem,) = raised(lambda: api.build([one, two], out_dir=tmp_path / "out"))
    assert problem.code == "O508" and str(problem.where) == str(tmp_path / "out" / "report.docx")


def test_output_and_out_dir_are_not_given_together(
    write_yaml: Callable[..., Path], tmp_path: Path
) -> None:
    source = write_yaml(MINIMAL)
    (problem,) = raised(
        lambda: api.build([source], output=tmp_path / "r.pdf", out_dir=tmp_path, to="pdf")
    )
    assert problem.code == "O507"


def test_a_missing_libreoffice_stops_the_whole_build(
    write_yaml: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REPORTGEN_SOFFICE", str(tmp_path / "no-such-soffice"))
    monkeypatch.setenv("PATH", "")
    source = write_yaml(MINIMAL)
    with pytest.raises(ReportError) as caught:
        api.build([source], out_dir=tmp_path / "out", to="docx,pdf")
    assert [p.code for p in caught.value.problems] == ["O510"]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("command", "not_imported"),
    [
        ("check", ("docx", "docxtpl", "pikepdf", "pypdf", "reportgen.writers.docx")),
        ("schema", ("docx", "docxtpl", "pikepdf", "pypdf", "reportgen.writers.docx")),
        ("build-docx", ("pikepdf", "pypdf")),
    ],
)
def test_commands_import_only_what_they_use(
    command: str, not_imported: tuple[str, ...], write_yaml: Callable[..., Path], tmp_path: Path
) -> None:
    source = write_yaml(MINIMAL)
    args = {
        "check": ["check", str(source)],
        "schema": ["schema"],
        "build-docx": ["build", str(source), "-o", str(tmp_path / "out.docx")],
    }[command]
    probe = (
        "import sys\n"
        "from reportgen.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit as exc:\n"
        "    assert exc.code in (None, 0, 1), exc.code  # check exits 1: the report is not ready\n"
        f"print([m for m in {not_imported!r} if m in sys.modules], file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stderr.splitlines()[-1] == "[]", result.stderr


def test_load_source_names_every_file_a_report_reads(tmp_path: Path) -> None:
    """The report, its reviewers' files and their folder, the pay scale outside its folder,
    and the boilerplate; each absolute and resolved."""
    import shutil

    from reportgen.boilerplate import DEFAULT_DIR
    from reportgen.profile import CONFIG_NAME

    shutil.copytree(PAY_SCALE_OUTSIDE, tmp_path / "copy")
    folder = tmp_path.resolve() / "copy"
    comments = folder / "reports" / "staffing.comments"
    comments.mkdir()
    (comments / "financial.yaml").write_text("initials: KAS\ndate: 2016-12-12\nbody: [Fine.]\n")
    source = api.load_source(tmp_path / "copy" / "reports" / ".." / "reports" / "staffing.yaml")
    assert source.document is not None and source.meeting is None
    assert folder / "reports" / CONFIG_NAME in source.dependencies  # creating one changes it
    outside_boilerplate = {
        p
        for p in source.dependencies
        if not p.is_relative_to(DEFAULT_DIR) and p.name != CONFIG_NAME
    }
    assert outside_boilerplate == {
        folder / "reports" / "staffing.yaml",
        folder / "pay-scales" / "2021-22.yaml",
        comments,
        comments / "financial.yaml",
    }
    assert {DEFAULT_DIR / "style.yaml", DEFAULT_DIR / "reviewers.yaml"} <= source.dependencies


def test_load_source_names_every_file_a_meeting_reads() -> None:
    from tests.conftest import ROOT

    meetings = ROOT / "tests" / "meeting" / "meetings"
    source = api.load_source(meetings / "2022-03-14" / "meeting.yaml")
    assert source.meeting is not None and source.document is None
    files = {p.relative_to(meetings) for p in source.dependencies if p.is_relative_to(meetings)}
    assert files >= {
        Path("2022-03-14/meeting.yaml"),
        Path("2022-02-07/minutes.yaml"),  # the minutes it confirms
        Path("2022-01-10/minutes.yaml"),  # the register's earlier minutes, for the numbers
        Path("2022-03-14/staffing.yaml"),
        Path("2022-03-14/staffing-appendix.yaml"),
        Path("2022-03-14/staffing-chart.pdf"),
        Path("2022-03-14/budget-detail.docx"),
        Path("2022-03-14/secret.yaml"),
        Path("2022-03-14/SECRETMARKER-terms.yaml"),
    }


def test_a_failed_load_still_names_what_it_read(tmp_path: Path) -> None:
    """So a watcher sees the fix: here of a pay scale that is not there yet."""
    import shutil

    shutil.copytree(PAY_SCALE_OUTSIDE / "reports", tmp_path / "reports")
    with pytest.raises(ReportError) as caught:
        api.load_source(tmp_path / "reports" / "staffing.yaml")
    assert [p.code for p in caught.value.problems] == ["F606"]
    assert tmp_path.resolve() / "pay-scales" / "2021-22.yaml" in caught.value.dependencies


def test_the_top_level_render_stays_callable_in_any_order(tmp_path: Path) -> None:
    """``reportgen.render`` is the function, however often and after whatever else is called:
    a subpackage of the same name once took its place once anything was rendered."""
    script = tmp_path / "use.py"
    script.write_text(
        "import sys\n"
        "from pathlib import Path\n"
        "import reportgen\n"
        "path = Path(sys.argv[1])\n"
        "document = reportgen.load_documents([path])[path]\n"
        "for kind in ('html', 'docx', 'html', 'docx'):\n"
        "    data = reportgen.render(document, kind)\n"
        "    print(kind, len(data) > 1000)\n",
        encoding="utf-8",
    )
    example = EXAMPLES / "promoting-independence.yaml"
    done = subprocess.run(
        [sys.executable, str(script), str(example)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["html", "True", "docx", "True"] * 2
