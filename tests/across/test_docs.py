"""The documentation site, built strictly as ``make docs`` builds it, and read as a reader would.

Each problem code in reportgen/codes.yaml has its page, each key of each kind of file appears on
its kind's page, the JSON Schemas are published at the addresses the files' ``$schema`` lines
name, and a page naming a code the registry does not declare fails the build.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from reportgen import codes
from reportgen.schema import KINDS
from reportgen.urls import DOCS_URL, schema_path, schema_url
from tests.conftest import ROOT


def mkdocs(config: Path, site: Path) -> subprocess.CompletedProcess[str]:
    command = ["build", "--strict", "-f", str(config), "--site-dir", str(site)]
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", *command],
        cwd=config.parent,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    built = tmp_path_factory.mktemp("site")
    done = mkdocs(ROOT / "mkdocs.yml", built)
    assert done.returncode == 0, done.stderr
    return built


def page(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_every_code_has_its_page(site: Path) -> None:
    for entry in codes.entries():
        html = page(site, f"codes/{entry.code}")
        assert f"{entry.code}: {entry.title}".replace("'", "&#x27;") in html.replace("'", "&#x27;")
        assert entry.severity in html
    assert len(list((site / "codes").glob("*/index.html"))) == len(codes.entries())


def test_the_index_of_codes_links_every_code(site: Path) -> None:
    html = page(site, "codes")
    for entry in codes.entries():
        assert f'href="{entry.code}/"' in html
    for title in codes.groups().values():
        assert title.replace("'", "&#39;") in html or title in html


def test_explain_links_a_page_that_exists(site: Path) -> None:
    url = codes.explained(codes.lookup("C805")).splitlines()[-1].split(": ", 1)[1]
    assert url.startswith(DOCS_URL)
    assert (site / url.removeprefix(DOCS_URL) / "index.html").is_file()


def keys(node: Any) -> Iterator[str]:
    """Every key any mapping of a schema names, nested ones and those of its $defs too."""
    if isinstance(node, dict):
        yield from node.get("properties", {})
        for value in node.values():
            yield from keys(value)
    elif isinstance(node, list):
        for value in node:
            yield from keys(value)


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_key_appears_on_its_kinds_page(site: Path, kind: str) -> None:
    schema = json.loads((ROOT / "reportgen" / "schemas" / f"{kind}.schema.json").read_text())
    html = page(site, f"formats/{kind}")
    found = set(keys(schema))
    assert found
    missing = sorted(key for key in found if f"<td><code>{key}</code></td>" not in html)
    assert missing == []


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_schemas_are_published_where_the_files_point(site: Path, kind: str) -> None:
    published = site / schema_path(kind)
    committed = ROOT / "reportgen" / "schemas" / f"{kind}.schema.json"
    assert published.read_bytes() == committed.read_bytes()
    assert json.loads(published.read_text())["$id"] == schema_url(kind)


def copy_project(target: Path) -> None:
    """The site's sources, copied to ``target`` to be broken there."""
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", target / "docs")
    shutil.copytree(ROOT / "tools", target / "tools", ignore=shutil.ignore_patterns("__py*"))


def test_codes_in_the_text_link_their_pages(site: Path) -> None:
    html = page(site, "reliability")
    assert 'href="../codes/O545/"' in html


def test_a_page_naming_an_undeclared_code_fails_the_build(tmp_path: Path) -> None:
    copy_project(tmp_path)
    reliability = tmp_path / "docs" / "reliability.md"
    reliability.write_text(reliability.read_text() + "\nA folder is S299.\n")
    done = mkdocs(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert done.returncode != 0
    assert "S299" in done.stderr


def test_a_broken_link_fails_the_build(tmp_path: Path) -> None:
    copy_project(tmp_path)
    (tmp_path / "docs" / "index.md").write_text("[the figures](figurs.md)\n")
    done = mkdocs(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert done.returncode != 0
    assert "figurs.md" in done.stderr


def test_make_builds_the_site_strictly_and_so_that_warnings_count() -> None:
    """``--quiet`` would hide the warnings from strict mode (mkdocs 1.6): a broken link passes."""
    commands = [
        line for line in (ROOT / "Makefile").read_text().splitlines() if "mkdocs build" in line
    ]
    assert len(commands) == 2
    for command in commands:
        assert "--strict" in command and "--quiet" not in command


def blocks(text: str) -> list[str]:
    """The fenced code blocks of a Markdown text, each with its fences."""
    return re.findall(r"(?ms)^```\w*\n.*?^```$", text)


def test_the_readme_points_at_every_guide_page() -> None:
    """The README is the front door: a line for each page of docs/ (the home page is the site's
    address), and only pages that exist."""
    linked = set(re.findall(r"\]\((docs/[\w-]+\.md)\)", (ROOT / "README.md").read_text()))
    pages = {f"docs/{page.name}" for page in (ROOT / "docs").glob("*.md")}
    assert linked == pages - {"docs/index.md"}


def test_what_the_readme_keeps_is_the_guides_text() -> None:
    """The set-up, the commands and the sample of problems the README keeps are word for word
    those of docs/getting-started.md, so that the two cannot drift apart."""
    readme = (ROOT / "README.md").read_text()
    started = (ROOT / "docs" / "getting-started.md").read_text()
    setup = readme.split("## Set-up: two commands\n", 1)[1].split("\n## ", 1)[0]
    for paragraph in setup.split("\n\n"):
        paragraph = paragraph.strip().removeprefix("#")
        assert paragraph in started, paragraph
    tour = readme.split("\n## A short tour\n", 1)[1].split("\n## ", 1)[0]
    commands, *_, problems = [block for block in blocks(tour) if not block.startswith("```yaml")]
    assert commands in blocks(started)
    assert problems in blocks(started)
