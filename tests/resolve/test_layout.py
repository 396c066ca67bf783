"""A paragraph's own lists in a form of their own, lettered appendices and landscape runs of
blocks, in the resolved Document."""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path

from reportgen.boilerplate import DEFAULT_DIR, load_boilerplate
from reportgen.document import Document, Para, Strong, Table, plain_text
from reportgen.pipeline import build
from tests.conftest import MINIMAL, position, raised

Resolve = Callable[[str], Document]
HERE = Path(__file__).resolve().parent / "layout"


def with_information(blocks: str, after: str = "") -> str:
    """MINIMAL with its information section replaced by the dedented YAML list ``blocks``."""
    text = MINIMAL.replace("  - The information.\n", textwrap.indent(textwrap.dedent(blocks), "  "))
    return text + textwrap.dedent(after)


LISTS = """\
- text: "The principles are:"
  items_form: "1)"
  items: [to listen, {text: to act, bullets: [quickly]}, to learn]
- text: "The strands are:"
  items_form: "1)"
  items: [to share, to lead]
- text: "The aims are:"
  items_form: "i."
  items: [one, two, three, four]
- text: "And lettered as ever:"
  items: [first, second]
"""


def items(doc: Document) -> list[tuple[str, str, str, str]]:
    """(text, kind, instance, label) of every item, in order."""
    return [
        (plain_text(b.content), b.mark.kind, b.mark.instance, b.mark.label)
        for b in doc.blocks
        if isinstance(b, Para) and b.role == "item" and b.mark is not None
    ]


def test_a_paragraphs_own_list_counts_in_its_form_and_restarts_in_each_paragraph(
    resolve_yaml: Resolve,
) -> None:
    doc = resolve_yaml(with_information(LISTS))
    found = items(doc)
    assert [(text, label) for text, _, _, label in found] == [
        ("to listen", "1"),
        ("to act", "2"),
        ("to learn", "3"),
        ("to share", "1"),
        ("to lead", "2"),
        ("one", "i"),
        ("two", "ii"),
        ("three", "iii"),
        ("four", "iv"),
        ("first", "a"),
        ("second", "b"),
    ]
    kinds = [kind for _, kind, _, _ in found]
    assert kinds[:5] == ["list 1)"] * 5 and kinds[5:9] == ["list i."] * 4
    assert kinds[9:] == ["paragraph", "paragraph"]  # the profile's sub-items, as before
    # each paragraph's list is an instance of its own, so Word restarts it too
    instances = [instance for _, _, instance, _ in found]
    assert len({instances[0], instances[3], instances[5]}) == 3
    assert doc.list_formats["list 1)"].levels[0].pattern == "{1})"
    assert doc.list_formats["list i."].levels[0].format == "lowerRoman"
    # a bullet under an item stays a bullet, and numbered paragraphs run on around the lists
    bullets = [b for b in doc.blocks if isinstance(b, Para) and b.role == "bullet"]
    assert [plain_text(b.content) for b in bullets] == ["quickly"]


def test_a_report_without_own_lists_has_the_list_formats_it_had(resolve_yaml: Resolve) -> None:
    doc = resolve_yaml(MINIMAL)
    assert not [kind for kind in doc.list_formats if kind.startswith("list ")]


def test_a_form_that_is_not_one_is_a_placed_problem(resolve_yaml: Resolve) -> None:
    text = with_information(
        """\
        - text: "The principles are:"
          items_form: "1]"
          items: [to listen]
        """
    )
    [problem] = raised(lambda: resolve_yaml(text))
    assert problem.code == "S200"
    assert (problem.where.line, problem.where.column) == position(text, '"1]"')
    assert "'1)'" in problem.hint


APPENDICES = """\
appendices:
  - {label: plan, title: The plan}
  - {label: strategy, title: The strategy}
"""


def references(doc: Document) -> list[str]:
    """The text of every bold reference in the information section's first paragraph."""
    first = next(b for b in doc.blocks if isinstance(b, Para) and b.role == "numbered")
    second = doc.blocks[doc.blocks.index(first) + 2]
    assert isinstance(second, Para)
    return [plain_text(n.children) for n in second.content if isinstance(n, Strong)]


def test_lettered_appendices_are_referenced_by_their_letters(resolve_yaml: Resolve) -> None:
    text = with_information(
        "- See {{ ref('strategy') }} and {{ ref('plan', 'strategy') }}.\n",
        "appendices_lettered: true\n" + APPENDICES,
    )
    assert references(resolve_yaml(text)) == ["Appendix B", "Appendices A and B"]


def test_appendices_are_numbered_unless_lettered(resolve_yaml: Resolve) -> None:
    text = with_information("- See {{ ref('strategy') }}.\n", APPENDICES)
    assert references(resolve_yaml(text)) == ["Appendix 2"]


def test_a_profile_may_letter_appendices_and_a_report_number_its_own(
    tmp_path: Path, write_yaml: Callable[[str, str], Path]
) -> None:
    folder = tmp_path / "profile"
    shutil.copytree(DEFAULT_DIR, folder)
    shutil.copy(HERE / "numbering.yaml", folder / "numbering.yaml")
    words = load_boilerplate(folder)
    lettered = with_information("- See {{ ref('strategy') }}.\n", APPENDICES)
    assert references(build(write_yaml(lettered, "a.yaml"), words)) == ["Appendix B"]
    numbered = with_information(
        "- See {{ ref('strategy') }}.\n", "appendices_lettered: false\n" + APPENDICES
    )
    assert references(build(write_yaml(numbered, "b.yaml"), words)) == ["Appendix 2"]


def test_a_landscape_block_is_a_run_of_the_documents_blocks(resolve_yaml: Resolve) -> None:
    doc = resolve_yaml(
        with_information(
            """\
            - Before the table.
            - landscape:
                - caption: A wide table
                  table:
                    - [Measure, 2019/20]
                    - [Contacts, 80%]
                - text: After the table, still landscape.
                - landscape: ["Inside another, no turn of its own."]
            - Back to portrait.
            """
        )
    )
    [(start, end)] = doc.landscape
    run = doc.blocks[start:end]
    assert isinstance(run[0], Para) and plain_text(run[0].content) == "A wide table"
    assert isinstance(run[1], Table)
    assert [plain_text(b.content) for b in run[2:] if isinstance(b, Para)] == [
        "After the table, still landscape.",
        "Inside another, no turn of its own.",
    ]
    after = doc.blocks[end]
    assert isinstance(after, Para) and plain_text(after.content) == "Back to portrait."
    assert resolve_yaml(MINIMAL).landscape == ()
