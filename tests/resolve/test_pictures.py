"""Pictures and charts resolved: figure numbers in document order, references to them, the
captions' words, and a chart's data, colours and alt text taken from its typed table."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.boilerplate import Boilerplate
from reportgen.document import Chart, Document, Para, Picture, plain_text
from reportgen.pipeline import build
from tests.conftest import MINIMAL, position, raised

PICTURES = Path(__file__).resolve().parents[1] / "pictures"

TABLE = """\
  - caption: Forecast outturn
    label: budget
    columns:
      - {title: Service, key: service}
      - {title: Budget £, key: budget, type: money}
      - {title: Variance £, key: variance, type: money}
    rows:
      - [Adults, "1,000", "-50"]
      - [Children's Social Care, "2,000", "-412,000"]
      - [Public health, "700", "30"]
"""


def report(*blocks: str, purpose: str = "To seek approval.") -> str:
    body = "".join(f"  - {b}\n" if not b.startswith("  ") else b for b in blocks)
    text = MINIMAL.replace("  - The information.\n", "  - The information.\n" + body)
    return text.replace("  - To seek approval.\n", f'  - "{purpose}"\n')


@pytest.fixture
def run(tmp_path: Path, boilerplate: Boilerplate) -> Callable[[str], Document]:
    for file in PICTURES.iterdir():
        shutil.copy(file, tmp_path / file.name)

    def go(text: str) -> Document:
        path = tmp_path / "report.yaml"
        path.write_text(text, encoding="utf-8")
        return build(path, boilerplate)

    return go


def figures(document: Document) -> list[Picture | Chart]:
    return [b for b in document.blocks if isinstance(b, Picture | Chart)]


def test_figures_are_numbered_in_order_and_referenced(run: Callable[[str], Document]) -> None:
    text = report(
        '{picture: shapes.svg, alt: "Two boxes", caption: The boxes, label: boxes}',
        '{picture: tiny.png, alt: "A flag"}',  # no caption, no label: no number
        TABLE,
        "{chart: bar, table: budget, x: service, y: [variance], label: variance-chart}",
        purpose="See {{ ref('variance-chart') }} and {{ ref('boxes', 'variance-chart') }}.",
    )
    document = run(text)
    boxes, flag, chart = figures(document)
    assert plain_text(boxes.caption) == "Figure 1: The boxes"
    assert flag.caption == ()
    assert plain_text(chart.caption) == "Figure 2 (from Forecast outturn)"
    purpose = next(b for b in document.blocks if isinstance(b, Para) and b.role == "numbered")
    assert plain_text(purpose.content) == "See Figure 2 and Figures 1 and 2."
    assert boxes.anchor == "boxes"


def test_a_figure_label_taken_by_a_paragraph(run: Callable[[str], Document]) -> None:
    text = report(
        "{text: A paragraph., label: boxes}",
        '{picture: tiny.png, alt: "A flag", label: boxes}',
    )
    (problem,) = raised(lambda: run(text))
    assert problem.code == "R301"
    assert (problem.where.line, problem.where.column) == position(text, "boxes", 2)


def test_a_chart_takes_its_table_as_printed(run: Callable[[str], Document]) -> None:
    document = run(report(TABLE, "{chart: bar, table: budget, x: service, y: [variance]}"))
    (chart,) = figures(document)
    assert isinstance(chart, Chart)
    assert chart.categories == ("Adults", "Children's Social Care", "Public health")
    (series,) = chart.series
    assert series.values == (Decimal(-50), Decimal(-412000), Decimal(30))
    assert series.shown == ("-£50", "-£412,000", "£30")
    assert series.name == "Variance £"
    assert series.colour == "#1F4E79"  # the first of the profile's chart colours
    assert (
        chart.alt == "Bar chart of variance £ by service: largest Children's Social Care, -£412,000"
    )


def test_an_authors_alt_text_replaces_the_made_one(run: Callable[[str], Document]) -> None:
    text = report(
        TABLE, '{chart: line, table: budget, x: service, y: [budget], alt: "Budgets rise."}'
    )
    (chart,) = figures(run(text))
    assert chart.alt == "Budgets rise."


def test_a_stacked_bar_and_a_pie(run: Callable[[str], Document]) -> None:
    text = report(
        TABLE,
        "{chart: stacked-bar, table: budget, x: service, y: [budget, variance]}",
        "{chart: pie, table: budget, x: service, y: [budget]}",
    )
    stacked, pie = figures(run(text))
    assert isinstance(stacked, Chart) and isinstance(pie, Chart)
    assert [s.name for s in stacked.series] == ["Budget £", "Variance £"]
    assert stacked.series[1].colour == "#C55A11"
    assert pie.series[0].colour.split(",") == ["#1F4E79", "#C55A11", "#548235"]
    assert pie.alt == "Pie chart of budget £ by service: largest Children's Social Care, £2,000"


@pytest.mark.parametrize(
    ("chart", "needle", "message"),
    [
        ("{chart: bar, table: budget, x: area, y: [variance]}", "area", "has no column 'area'"),
        ("{chart: bar, table: budget, x: service, y: [cost]}", "cost", "has no column 'cost'"),
        ("{chart: bar, table: budget, x: service, y: [service]}", "[service]", "holds text"),
        ("{chart: pie, table: budget, x: service, y: [budget, variance]}", "[budget", "one column"),
        ("{chart: pie, table: budget, x: service, y: [variance]}", "[variance]", "negative"),
    ],
)
def test_a_chart_that_cannot_draw_its_columns(
    run: Callable[[str], Document], chart: str, needle: str, message: str
) -> None:
    text = report(TABLE, chart)
    (problem,) = raised(lambda: run(text))
    assert problem.code == "F650"
    assert message in problem.message
    assert problem.hint
    line, column = position(text, needle, text.count(needle))
    assert problem.where.line == line
    if not needle.startswith("["):
        assert problem.where.column == column


def test_a_chart_of_an_unknown_table(run: Callable[[str], Document]) -> None:
    text = report(TABLE, "{chart: bar, table: budgets, x: service, y: [variance]}")
    (problem,) = raised(lambda: run(text))
    assert problem.code == "F604"
    assert "did you mean 'budget'" in problem.hint
