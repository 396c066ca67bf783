"""Where reportgen's documentation is published: the one place its addresses are declared.

Every kind's ``# yaml-language-server: $schema=`` line points at :func:`schema_url`, so a report
keeps its completion when it is moved or sent to a colleague; each schema's ``$id`` is the same
address, and the documentation site publishes the schemas there (tools/docs_hooks.py).
"""

from __future__ import annotations

DOCS_URL = "https://reportgen.readthedocs.io/en/stable/"
"""The documentation site, as pyproject.toml's ``Documentation`` and mkdocs.yml's ``site_url``."""

SCHEMA_FOLDER = "schemas"
"""The folder of the site that holds the JSON Schemas."""

CODE_FOLDER = "codes"
"""The folder of the site that holds a page per problem code."""


def schema_path(kind: str) -> str:
    """The schema of ``kind`` within the site: ``schemas/report.schema.json``."""
    return f"{SCHEMA_FOLDER}/{kind}.schema.json"


def schema_url(kind: str) -> str:
    """The stable address of the JSON Schema of ``kind`` (a key of ``schema.KINDS``)."""
    return DOCS_URL + schema_path(kind)


def schema_line(kind: str) -> str:
    """The first line of a file of ``kind`` that points the YAML language server at its schema."""
    return f"# yaml-language-server: $schema={schema_url(kind)}"


def code_path(code: str) -> str:
    """The page of a problem code within the site: ``codes/S203.md``."""
    return f"{CODE_FOLDER}/{code}.md"


def code_url(code: str) -> str:
    """The stable address of the page of a problem code."""
    return f"{DOCS_URL}{CODE_FOLDER}/{code}/"
