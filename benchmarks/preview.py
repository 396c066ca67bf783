"""How long the live preview takes from a save to the new page (target: under 100 ms).

Serves a copy of recovery-from-covid (72 paragraphs, ten tables) with the preview in this
process, then 20 times: change a paragraph, wait for the page's reload event, fetch the page.
Prints the median and the spread. Run: ``.venv/bin/python benchmarks/preview.py``.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.test_preview import Session  # noqa: E402


def measure(runs: int = 20) -> tuple[list[float], list[float]]:
    """Seconds from each of ``runs`` saves to the new page, and of each the build's seconds."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "examples"
        shutil.copytree(ROOT / "reports" / "examples", folder)
        shutil.copytree(ROOT / "reports" / "pay-scales", Path(tmp) / "pay-scales")
        report = folder / "recovery-from-covid.yaml"
        text = report.read_text(encoding="utf-8")
        live = Session(report)
        times: list[float] = []
        builds: list[float] = []
        for n in range(runs):
            start = time.perf_counter()
            page = live.after_save(report, text.replace("Background", f"Background {n}", 1))
            times.append(time.perf_counter() - start)
            builds.append(live.preview.state.built_in)
            assert f"Background {n}" in page
        live.close()
    return times, builds


def main(runs: int = 20) -> None:
    """Measure and print the save-to-page times."""
    times, builds = measure(runs)
    ms = [t * 1000 for t in times]
    print(
        f"save to page: median {statistics.median(ms):.0f} ms "
        f"(min {min(ms):.0f}, max {max(ms):.0f}, {runs} saves); "
        f"of it the build: median {statistics.median(builds) * 1000:.0f} ms; target < 100 ms"
    )


if __name__ == "__main__":
    main()
