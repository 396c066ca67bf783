"""The documentation site's generated pages, made as mkdocs builds it (mkdocs.yml ``hooks:``).

Nothing generated is committed, so nothing goes stale:

- ``formats/KIND.md``: every key of each kind of file, from its JSON Schema in
  reportgen/schemas/ (a table of the file's keys, then one of each nested mapping);
- ``schemas/KIND.schema.json``: the schemas themselves, published at the stable addresses the
  files' ``$schema`` lines name (:func:`reportgen.urls.schema_url`);
- ``codes/index.md`` and ``codes/CODE.md``: every problem code, from reportgen/codes.yaml;
- ``profile/FILE.md``: every key of each file of a council profile (``profile.yaml`` and the
  boilerplate files of :data:`reportgen.boilerplate._FILES`), from its model's JSON Schema,
  so a key added to a model has its row at once.

In the written pages, each problem code mentioned in the text (not in code) links to its page;
a code that the registry does not declare is a warning, which fails the strict build.

The pages' wording is data, in tools/docs_words.yaml.
"""

from __future__ import annotations

import json
import logging
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from pydantic import BaseModel

from reportgen import codes
from reportgen.boilerplate import _FILES
from reportgen.data_schemas import DATA_SCHEMAS
from reportgen.profile import PROFILE_NAME, ProfileFile
from reportgen.schema import KINDS
from reportgen.urls import CODE_FOLDER, code_path, schema_line, schema_path

SCHEMAS = resources.files("reportgen") / "schemas"
"""The committed JSON Schemas (reportgen/schemas/), as the package holds them."""
FORMATS = "formats"
"""The folder of the site that holds a page per kind of file."""
PROFILE = "profile"
"""The folder of the site that holds a page per file of a council profile."""
PROFILE_FILES = "<!-- the files of a profile -->"
"""Where a written page lists the files of a profile, each linked to its page."""

_log = logging.getLogger("mkdocs.hooks.reportgen")
_CODE = re.compile(r"(?<![\w/#`])([YSRTOFMCW]\d{3})(?![\w`])")
_LITERAL = re.compile(r"(```.*?```|`[^`\n]*`|\[[^\]\n]*\]\([^)\n]*\))", re.DOTALL)
"""What is left as it is: code blocks, code spans and links."""


@cache
def words() -> dict[str, Any]:
    """The wording of the generated pages: tools/docs_words.yaml."""
    text = Path(__file__).with_name("docs_words.yaml").read_text(encoding="utf-8")
    loaded: dict[str, Any] = yaml.safe_load(text)
    return loaded


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add the generated pages and the published schemas to the site's files."""
    for kind in KINDS:
        text = SCHEMAS.joinpath(f"{kind}.schema.json").read_text(encoding="utf-8")
        files.append(File.generated(config, schema_path(kind), content=text))
        page = kind_page(kind, json.loads(text))
        files.append(File.generated(config, f"{FORMATS}/{kind}.md", content=page))
    for name in DATA_SCHEMAS:  # the open data files' schemas (docs/open-data.md)
        text = SCHEMAS.joinpath(f"{name}.schema.json").read_text(encoding="utf-8")
        files.append(File.generated(config, schema_path(name), content=text))
    files.append(File.generated(config, f"{FORMATS}/index.md", content=formats_index()))
    for name, page in profile_pages().items():
        files.append(File.generated(config, f"{PROFILE}/{page_name(name)}", content=page))
    files.append(File.generated(config, f"{CODE_FOLDER}/index.md", content=codes_index()))
    for entry in codes.entries():
        files.append(File.generated(config, code_path(entry.code), content=code_page(entry)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Link each problem code in a written page's text to its page; warn of undeclared ones."""
    if page.file.generated_by:
        return markdown
    markdown = markdown.replace(PROFILE_FILES, profile_files())
    up = "../" * page.file.src_uri.count("/")
    declared = {entry.code for entry in codes.entries()}

    def link(found: re.Match[str]) -> str:
        code = found.group(1)
        if code not in declared:
            _log.warning("%s names %s, which reportgen/codes.yaml does not declare", page, code)
            return code
        return f"[{code}]({up}{code_path(code)})"

    parts = _LITERAL.split(markdown)
    return "".join(p if i % 2 else _CODE.sub(link, p) for i, p in enumerate(parts))


# --- the file kinds ---------------------------------------------------------------------------


def _cell(text: str) -> str:
    """Schema text (docstrings, with RST literals) as one Markdown table cell."""
    return " ".join(text.replace("``", "`").split()).replace("|", "\\|")


def _words(name: str) -> str:
    """A model's name as a heading: ``TypedTable`` is "Typed table"."""
    spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)
    return spaced[:1] + spaced[1:].lower()


class _KindPage:
    """The page of one kind of file: a section per mapping, each a table of its keys."""

    def __init__(self, kind: str, schema: dict[str, Any]) -> None:
        self.kind = kind
        self.defs: dict[str, Any] = schema.get("$defs", {})
        self.queue: list[tuple[str, str, dict[str, Any]]] = []
        """The sections still to write: anchor, heading, the mapping's schema."""
        self.anchors: set[str] = set()

    def section(self, anchor: str, heading: str, node: dict[str, Any]) -> str:
        """A link to the section of ``node``, queued the first time it is named."""
        if anchor not in self.anchors:
            self.anchors.add(anchor)
            self.queue.append((anchor, heading, node))
        return f"[{heading}](#{anchor})"

    def type_of(self, node: dict[str, Any], where: str) -> str:
        """What a value of ``node`` is, in words, with links to the sections of its mappings."""
        said = words()["types"]
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            return self.section(name.lower(), _words(name), self.defs[name])
        for either in ("oneOf", "anyOf"):
            if either in node:
                kinds = [self.type_of(n, where) for n in node[either] if n.get("type") != "null"]
                return said["either"].join(dict.fromkeys(kinds))
        if "enum" in node:
            values = ", ".join(f"`{json.dumps(v)}`" for v in node["enum"])
            return str(said["one_of"]).format(values=values)
        kind = node.get("type", "")
        if isinstance(kind, list):
            return said["either"].join(str(said[k]) for k in kind if k != "null")
        if kind == "array":
            return str(said["list_of"]).format(item=self.type_of(node.get("items", {}), where))
        if kind == "object" or "properties" in node:
            if "properties" in node:
                return self.section(where, where.replace("-", "."), node)
            value = node.get("additionalProperties") or next(
                iter(node.get("patternProperties", {}).values()), {}
            )
            if isinstance(value, dict) and value:
                return str(said["mapping_of"]).format(value=self.type_of(value, where))
            return str(said["object"])
        if kind == "string" and node.get("format") == "date":
            return str(said["date"])
        return str(said.get(kind, kind))

    def rows(self, anchor: str, node: dict[str, Any]) -> list[str]:
        """The table of a mapping's keys."""
        said = words()["formats"]
        required = set(node.get("required", ()))
        lines = [
            "| " + " | ".join(said["columns"]) + " |",
            "|" + "---|" * len(said["columns"]),
        ]
        keys: list[tuple[str, dict[str, Any]]] = list(node.get("properties", {}).items())
        extra = node.get("additionalProperties") or next(
            iter(node.get("patternProperties", {}).values()), None
        )
        if isinstance(extra, dict) and extra and keys:
            keys.append(("", extra))  # a mapping that takes other names besides its own
        for key, value in keys:
            description = _cell(value.get("description", ""))
            default = value.get("default")
            if default not in (None, [], {}, "", False):
                description += f" {said['default']} `{json.dumps(default, ensure_ascii=False)}`"
            lines.append(
                "| "
                + " | ".join(
                    [
                        f"`{key}`" if key else said["any_key"],
                        self.type_of(value, f"{anchor}-{key}" if key else anchor),
                        said["required"] if key in required else said["optional"],
                        description.strip(),
                    ]
                )
                + " |"
            )
        return lines

    def markdown(self, schema: dict[str, Any]) -> str:
        """The whole page."""
        said = words()
        kind = said["kinds"][self.kind]
        lines = [
            f"# {kind['title']}",
            "",
            str(kind["intro"]).strip(),
            "",
            f"{said['formats']['schema']} [{self.kind}.schema.json](../{schema_path(self.kind)})",
            "",
            "```yaml",
            schema_line(self.kind),
            "```",
            "",
        ]
        return "\n".join(lines + self.body(schema))

    def body(self, schema: dict[str, Any]) -> list[str]:
        """A section per mapping: the file's own keys first, then each mapping in the order it
        is met, then any other."""
        lines: list[str] = []
        self.section(self.kind, str(words()["formats"]["top"]), schema)
        done = 0
        while done < len(self.queue):
            anchor, heading, node = self.queue[done]
            done += 1
            lines += [f"## {heading} {{#{anchor}}}", ""]
            if node is not schema and node.get("description"):
                lines += [_cell(node["description"]), ""]
            lines += [*self.rows(anchor, node), ""]
            if done == len(self.queue):
                unmet = [name for name in self.defs if name.lower() not in self.anchors]
                if unmet:
                    self.type_of({"$ref": f"#/$defs/{unmet[0]}"}, unmet[0])
        return lines


def kind_page(kind: str, schema: dict[str, Any]) -> str:
    """The page of a kind of file, made from its JSON Schema."""
    return _KindPage(kind, schema).markdown(schema)


def page_name(file: str) -> str:
    """The generated page of a profile's ``file`` (``style.yaml`` is ``style.md``)."""
    return file.removesuffix(".yaml") + ".md"


def _profile_models() -> dict[str, type[BaseModel]]:
    """Each file of a council profile, by name, with the model it is validated by."""
    return {PROFILE_NAME: ProfileFile, **{name: model for name, model in _FILES.values()}}


def profile_pages() -> dict[str, str]:
    """The page of each file of a council profile, by file name, from its model."""
    said = words()["profile"]
    pages: dict[str, str] = {}
    for name, model in _profile_models().items():
        schema = model.model_json_schema()
        anchor = page_name(name).removesuffix(".md")
        lines = [
            f"# {name}",
            "",
            _cell(schema.get("description", "")),
            "",
            str(said["intro"]).strip(),
            "",
        ]
        pages[name] = "\n".join(lines + _KindPage(anchor, schema).body(schema)) + "\n"
    return pages


def profile_files() -> str:
    """The list of a profile's files, each linked to its page with its model's summary."""
    return "\n".join(
        f"- [{name}]({PROFILE}/{page_name(name)}): "
        f"{_cell((model.__doc__ or '').strip().splitlines()[0])}"
        for name, model in _profile_models().items()
    )


def formats_index() -> str:
    """The page that lists the kinds of file."""
    said = words()
    lines = [f"# {said['formats']['title']}", "", str(said["formats"]["intro"]).strip(), ""]
    lines += ["```yaml", schema_line("report"), "```", ""]
    for kind in KINDS:
        about = said["kinds"][kind]
        lines.append(
            f"- [{about['title']}]({kind}.md): {str(about['intro']).strip()} "
            f"([{kind}.schema.json](../{schema_path(kind)}))"
        )
    return "\n".join(lines) + "\n"


# --- the problem codes ------------------------------------------------------------------------


def _severity(entry: codes.Entry) -> str:
    said = codes.words()
    return said[entry.severity] + (f", {said['retired']}" if entry.retired else "")


def code_page(entry: codes.Entry) -> str:
    """The page of one problem code."""
    said = words()["codes"]
    letter = entry.code[0].lower()
    return "\n".join(
        [
            f"# {entry.code}: {entry.title}",
            "",
            f"**{said['severity']}:** {_severity(entry)} · "
            f"**{said['group']}:** [{entry.group}](index.md#{letter})",
            "",
            entry.explanation,
            "",
            f"## {said['fix']}",
            "",
            entry.fix,
            "",
            f"{said['explain']} `reportgen explain {entry.code}`",
            "",
        ]
    )


def codes_index() -> str:
    """The page that lists every problem code, by group."""
    said = codes.words()
    columns = words()["codes"]["index_columns"]
    lines = [f"# {said['index_title']}", "", said["index_intro"], ""]
    for letter, title in codes.groups().items():
        lines += [f"## {title} {{#{letter.lower()}}}", ""]
        lines += ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        for entry in codes.entries():
            if entry.code[0] == letter:
                link = f"[{entry.code}]({entry.code}.md)"
                lines.append(f"| {link} | {entry.title} | {_severity(entry)} |")
        lines.append("")
    return "\n".join(lines)
