"""How long ``reportgen build --watch`` takes from a save to the rewritten .docx (target: at most
0.3x of pandoc's whole run, 0.22 s, so 66 ms).

Runs the command with ``-v`` on a copy of recovery-from-covid, then 10 times: change a
paragraph, wait for the .docx to be replaced (its modification time), and read the round's
build time from the ``-v`` line. Prints the medians and the spreads. Run:
``.venv/bin/python benchmarks/build_watch.py``.
"""

from __future__ import annotations

import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure(runs: int = 10) -> tuple[list[float], list[float]]:
    """Seconds from each of ``runs`` saves to the file written, and each round's build."""
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copytree(ROOT / "reports", Path(tmp) / "reports")
        report = Path(tmp) / "reports" / "examples" / "recovery-from-covid.yaml"
        out = Path(tmp) / "out.docx"
        text = report.read_text(encoding="utf-8")
        command = [sys.executable, "-m", "reportgen", "-v", "build", str(report), "-o", str(out)]
        process = subprocess.Popen([*command, "--watch"], stderr=subprocess.PIPE, text=True)
        assert process.stderr is not None
        builds: list[float] = []

        def written() -> None:
            assert process.stderr is not None
            for line in process.stderr:
                if line.startswith("wrote "):
                    return
                if found := re.search(r" in (\d+) ms: ", line):
                    builds.append(float(found.group(1)) / 1000)

        written()
        saves = []
        for run in range(runs):
            before = out.stat().st_mtime_ns
            start = time.perf_counter()
            report.write_text(text.replace("COVID", f"COVID-{run}", 1), encoding="utf-8")
            while out.stat().st_mtime_ns == before:
                time.sleep(0.002)
            saves.append(time.perf_counter() - start)
            written()
            time.sleep(0.3)
        process.send_signal(signal.SIGINT)
        process.wait(30)
    return saves, builds[1:]


def _spread(values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return f"{statistics.median(ms):.0f} ms ({min(ms):.0f}-{max(ms):.0f}, {len(ms)} runs)"


if __name__ == "__main__":
    saves, builds = measure()
    print(f"build --watch, save -> .docx written: {_spread(saves)} (build {_spread(builds)})")
