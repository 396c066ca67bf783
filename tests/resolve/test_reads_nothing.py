"""The resolve stage reads no files: loading reads, resolving computes (issue 17).

Every module under ``reportgen/resolve`` is parsed with :mod:`ast`; the rule is:

- it imports at run time none of the modules that read, list or load files: ``reportgen.reads``,
  ``reportgen.pipeline``, ``reportgen.payscale``, ``reportgen.meeting``, ``reportgen.api``,
  ``os``, ``io``, ``glob``, ``shutil``, ``tempfile``, ``zipfile``, ``subprocess``, ``yaml``
  (an import under ``if TYPE_CHECKING:`` never runs, so it may name their types);
- from ``reportgen.load`` it imports only :class:`~reportgen.load.Positions`, a value the load
  stage made, never a loader;
- it calls no builtin ``open`` and no method that asks the file system: ``read_text``,
  ``read_bytes``, ``open``, ``glob``, ``rglob``, ``iterdir``, ``exists``, ``is_file``,
  ``is_dir``, ``stat``, ``lstat``, ``resolve``, ``samefile``, ``readlink``, ``listdir``,
  ``scandir``, ``safe_load``, ``load_file``, ``note_file``, ``note_listing``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

RESOLVE = Path(__file__).resolve().parents[2] / "reportgen" / "resolve"

READING_MODULES = {
    "reportgen.reads",
    "reportgen.pipeline",
    "reportgen.payscale",
    "reportgen.meeting",
    "reportgen.api",
    "os",
    "io",
    "glob",
    "shutil",
    "tempfile",
    "zipfile",
    "subprocess",
    "yaml",
}
FROM_LOAD = {"Positions"}
READING_CALLS = {
    "read_text",
    "read_bytes",
    "open",
    "glob",
    "rglob",
    "iterdir",
    "exists",
    "is_file",
    "is_dir",
    "stat",
    "lstat",
    "resolve",
    "samefile",
    "readlink",
    "listdir",
    "scandir",
    "safe_load",
    "load_file",
    "note_file",
    "note_listing",
}


def _type_checking_only(tree: ast.Module) -> set[ast.AST]:
    """The statements inside ``if TYPE_CHECKING:`` blocks, which never run."""
    exempt: set[ast.AST] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test) in {
            "TYPE_CHECKING",
            "typing.TYPE_CHECKING",
        }:
            for stmt in node.body:
                exempt.update(ast.walk(stmt))
    return exempt


def _reads(source: str) -> list[str]:
    """What in ``source`` reads files, each as ``line: what``."""
    tree = ast.parse(source)
    exempt = _type_checking_only(tree)
    found: list[str] = []
    for node in ast.walk(tree):
        if node in exempt:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in READING_MODULES or alias.name in READING_MODULES:
                    found.append(f"{node.lineno}: import {alias.name}")
                if alias.name == "reportgen.load":
                    found.append(f"{node.lineno}: import {alias.name}")
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            if node.module in READING_MODULES or node.module.split(".")[0] in READING_MODULES:
                found.append(f"{node.lineno}: from {node.module} import …")
            elif node.module == "reportgen.load":
                found += [
                    f"{node.lineno}: from reportgen.load import {a.name}"
                    for a in node.names
                    if a.name not in FROM_LOAD
                ]
            elif node.module == "reportgen":
                found += [
                    f"{node.lineno}: from reportgen import {a.name}"
                    for a in node.names
                    if f"reportgen.{a.name}" in READING_MODULES or a.name == "load"
                ]
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and (func.id == "open" or func.id in READING_CALLS):
                found.append(f"{node.lineno}: {func.id}()")
            elif isinstance(func, ast.Attribute) and func.attr in READING_CALLS:
                found.append(f"{node.lineno}: .{func.attr}()")
    return found


MODULES = sorted(RESOLVE.rglob("*.py"))


def test_there_are_modules() -> None:
    assert len(MODULES) > 5


@pytest.mark.parametrize("module", MODULES, ids=lambda p: p.name)
def test_module_reads_nothing(module: Path) -> None:
    assert _reads(module.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "source",
    [
        "from reportgen.load import load_file",
        "from reportgen.reads import note_file",
        "import reportgen.reads",
        "from reportgen import reads",
        "import os",
        "import yaml",
        "from pathlib import Path\nPath('x').read_text()",
        "def f(p):\n    return p.glob('*/minutes.yaml')",
        "def f(p):\n    return p.is_file()",
        "open('x')",
        "from reportgen.payscale import load_pay_scale",
    ],
)
def test_the_rule_catches(source: str) -> None:
    assert _reads(source) != []


def test_type_checking_imports_are_allowed() -> None:
    source = (
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from reportgen.payscale import LoadedPayScale\n"
    )
    assert _reads(source) == []
