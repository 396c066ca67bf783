"""reportgen as a real package: the wheel installs with pip and builds reports from any folder.

The wheel is built as a user would (``python -m build``, with the locked setuptools of this
environment rather than whatever build isolation would fetch), installed into a fresh virtual
environment (its dependencies are lent from the test's own environment, so the test needs no
network), and run from a folder far from this checkout.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from docx import Document as open_docx

import reportgen
from reportgen.urls import schema_line
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel ``python -m build`` makes of this checkout."""
    out = tmp_path_factory.mktemp("dist")
    source = tmp_path_factory.mktemp("source") / "reportgen"
    # a copy, so that building leaves no build/ or egg-info in the checkout
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".git", ".venv", "out", "node_modules", "*.egg-info", "__pycache__", ".*_cache"
        ),
    )
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    [built] = out.glob("reportgen-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel installed (not editable); its bin folder."""
    venv = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    # the dependencies come from this environment: one line in a .pth file adds its packages
    # after the new environment's own, where the wheel's reportgen is
    target = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(target, "lent-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)], check=True
    )
    return venv / "bin"


def test_the_wheel_carries_the_templates_the_wording_and_the_schemas(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for part in (
        "reportgen/templates/report.docx",
        "reportgen/templates/document.docx",
        "reportgen/templates/report.html.j2",
        "reportgen/templates/new-report.yaml",
        "reportgen/profiles/nottinghamshire/headings.yaml",
        "reportgen/profiles/nottinghamshire/style.yaml",
        "reportgen/schemas/report.schema.json",
        "reportgen/codes.yaml",
        "reportgen/py.typed",
    ):
        assert part in names


def test_the_installed_command_explains_a_code(installed: Path, tmp_path: Path) -> None:
    """The registry of problem codes travels in the wheel: every problem needs it."""
    result = subprocess.run(
        [str(installed / "reportgen"), "explain", "S203"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("S203: ")


def test_the_installed_command_builds_the_examples_from_another_folder(
    installed: Path, tmp_path: Path
) -> None:
    work = tmp_path / "elsewhere"
    shutil.copytree(ROOT / "reports", work / "reports")
    where = subprocess.run(
        [str(installed / "python"), "-c", "import reportgen; print(reportgen.__file__)"],
        cwd=work,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert Path(where).is_relative_to(installed.parent), "the wheel's reportgen, not this checkout"
    examples = sorted(str(p.relative_to(work)) for p in (work / "reports/examples").glob("*.yaml"))
    result = subprocess.run(
        [
            str(installed / "reportgen"),
            "build",
            *examples,
            "--out-dir",
            "built",
            "--to",
            "docx,html",
        ],
        cwd=work,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    for example in examples:
        for suffix in (".docx", ".html"):
            assert (work / "built" / Path(example).with_suffix(suffix).name).is_file()
    recovery = work / "built" / "recovery-from-covid.docx"
    text = "\n".join(p.text for p in open_docx(str(recovery)).paragraphs)
    assert "Adults and Health Recovery from COVID" in text
    assert "£262,813" in "\n".join(  # a computed total: the figures work from the wheel too
        cell.text
        for table in open_docx(str(recovery)).tables
        for row in table.rows
        for cell in row.cells
    )
    assert "Traceback" not in result.stderr


def test_version_and_python_m(installed: Path, tmp_path: Path) -> None:
    for command in (
        [str(installed / "reportgen"), "--version"],
        [str(installed / "python"), "-m", "reportgen", "--version"],
    ):
        result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=True)
        assert reportgen.__version__ in result.stdout


def test_a_new_report_from_the_installed_package_builds(installed: Path, tmp_path: Path) -> None:
    made = subprocess.run(
        [str(installed / "reportgen"), "new", "draft.yaml", "--title", "A draft"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    first = (tmp_path / "draft.yaml").read_text(encoding="utf-8").splitlines()[0]
    # the same address as in a checkout, which survives the file being moved or shared
    assert first == schema_line("report")
    built = subprocess.run(
        [str(installed / "reportgen"), "build", "draft.yaml", "--to", "docx,html"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "draft.docx").is_file() and (tmp_path / "draft.html").is_file()
