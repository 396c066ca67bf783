"""What problems cost (issue 16): unknown references in text, and deep chains of figures.

Run: ``.venv/bin/python benchmarks/problems.py``. Prints, for a report of 2,000 labels, the time
to resolve 2,000 and 20,000 references to unknown labels (each a problem with a suggestion and
a fix listing labels) beside the same numbers of references to known labels, and the time to
compute a figure 500 deep beside one 5 deep. The targets are ratios, so they hold on any
machine:

- 20,000 unknown references within 15x the time of 2,000 (problems cost in proportion to their
  number, not to their number times the labels');
- 20,000 unknown references within 3x the time of 20,000 known ones;
- reading a text costs in proportion to its length: a text of 20,000 calls within 15x one of
  2,000;
- a figure 500 deep within 15x the time of one 50 deep (computed bottom up, in step with the
  chain).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reportgen.boilerplate import load_boilerplate  # noqa: E402
from reportgen.errors import ReportError  # noqa: E402
from reportgen.pipeline import build  # noqa: E402
from tests.conftest import MINIMAL  # noqa: E402

LABELS = 2000


def report(refs: int, known: bool) -> str:
    """MINIMAL with LABELS labelled paragraphs and ``refs`` references, 100 to a paragraph."""
    labels = "".join(f"  - {{text: Paragraph {i}., label: known-{i}}}\n" for i in range(LABELS))
    name = "known-{}" if known else "unknown-{}"
    paragraphs = "".join(
        '  - "'
        + " ".join(
            f"{{{{ ref('{name.format((p * 100 + r) % LABELS if known else p * 100 + r)}') }}}}"
            for r in range(100)
        )
        + '"\n'
        for p in range(refs // 100)
    )
    return MINIMAL.replace("  - The information.\n", labels + paragraphs)


def chain(depth: int) -> str:
    """MINIMAL quoting a figure ``depth`` deep, each figure the next plus one."""
    figures = "".join(f"  f{i}: {{expr: \"fig('f{i + 1}') + 1\"}}\n" for i in range(depth))
    text = MINIMAL.replace("  - The information.\n", "  - \"{{ fig('f0') }}\"\n")
    return text + "figures:\n" + figures + f"  f{depth}: '1'\n"


def timed(text: str, folder: Path) -> tuple[float, int]:
    """Seconds to build ``text`` up to the resolved document, and how many problems it has."""
    path = folder / "report.yaml"
    path.write_text(text, encoding="utf-8")
    boilerplate = load_boilerplate()
    started = time.perf_counter()
    try:
        build(path, boilerplate)
        problems = 0
    except ReportError as exc:
        problems = len(exc.problems)
    return time.perf_counter() - started, problems


def main() -> None:
    """Measure and print each ratio beside its target."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        results = {
            (refs, known): timed(report(refs, known), folder)
            for refs in (2000, 20000)
            for known in (True, False)
        }
        deep = {depth: timed(chain(depth), folder)[0] for depth in (50, 500)}
    for (refs, known), (seconds, problems) in results.items():
        kind = "known" if known else "unknown"
        print(f"{refs:>6,} references to {kind:>7} labels: {seconds:6.2f} s, {problems:,} problems")
    unknown = results[(20000, False)][0] / results[(2000, False)][0]
    print(f"20,000 / 2,000 unknown: {unknown:.1f}x (target within 15x)")
    against_known = results[(20000, False)][0] / results[(20000, True)][0]
    print(f"20,000 unknown / 20,000 known: {against_known:.1f}x (target within 3x)")
    calls = results[(20000, True)][0] / results[(2000, True)][0]
    print(f"20,000 / 2,000 known: {calls:.1f}x (target within 15x)")
    print(f"a figure 50 deep: {deep[50]:.2f} s; 500 deep: {deep[500]:.2f} s")
    print(f"500 / 50 deep: {deep[500] / deep[50]:.1f}x (target within 15x)")


if __name__ == "__main__":
    main()
