"""Every benchmark of reportgen in one run, written up as docs/performance.md.

Run: ``.venv/bin/python benchmarks/run.py`` (or ``make benchmarks``). Each target is a ratio to a
peer measured side by side in the same run, so the figures hold on any machine:

- the whole ``reportgen build`` process against pandoc writing the same content, from Markdown,
  to .docx (target 1.0x);
- the in-process build (YAML to .docx bytes) against python-docx's high-level API writing the
  same blocks (0.3x);
- ``reportgen pack`` against one bare LibreOffice batch converting the same .docx files (1.2x);
- the live preview's save-to-page (under 100 ms);
- a report 10 and 100 times the size of recovery-from-covid (within 11x and 110x of its time;
  its peak memory growing no faster than the document).

Medians are given with their spread (min-max). Needs pandoc and LibreOffice; says how to
install what is missing.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import peers  # noqa: E402
import scale  # noqa: E402

BIN = Path(sys.executable).parent
REPORTGEN = str(BIN / "reportgen")
EXAMPLE = ROOT / "reports" / "examples" / "recovery-from-covid.yaml"
MEETING = ROOT / "reports" / "meetings" / "2022-03-14" / "meeting.yaml"
OUT = ROOT / "docs" / "performance.md"
RUNS = int(os.environ.get("BENCH_RUNS", "9"))


@dataclass
class Spread:
    """Timings of one thing: median and range."""

    times: list[float]

    @property
    def median(self) -> float:
        """The median."""
        return statistics.median(self.times)

    def text(self, unit: str = "s") -> str:
        """``0.41 s (0.39-0.47, 9 runs)``, or in ms."""
        k, fmt = (1000, "{:.0f}") if unit == "ms" else (1, "{:.3f}")
        lo, hi, mid = (fmt.format(v * k) for v in (min(self.times), max(self.times), self.median))
        return f"{mid} {unit} ({lo}-{hi}, {len(self.times)} runs)"


def timed(action: Callable[[], object]) -> float:
    """Seconds ``action`` takes."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def side_by_side(*actions: Callable[[], object], runs: int) -> list[Spread]:
    """Each action timed ``runs`` times, in turn, after one unmeasured run of each."""
    for action in actions:
        action()
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(runs):
        for action, found in zip(actions, times, strict=True):
            found.append(timed(action))
    return [Spread(found) for found in times]


def run(*args: str, cwd: Path | None = None) -> None:
    """Run a command; fail loudly."""
    done = subprocess.run(
        args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    if done.returncode:
        sys.exit(f"{' '.join(args)} failed:\n{done.stderr}")


def tool_version(*args: str) -> str:
    """The first line a tool prints for its version, or 'missing'."""
    if shutil.which(args[0]) is None:
        return "missing"
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    return (done.stdout or done.stderr).strip().splitlines()[0]


def machine() -> dict[str, str]:
    """CPU, cores, memory and the versions that matter."""
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = "unknown"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kb = int(meminfo.read_text().split("MemTotal:")[1].split()[0])
        ram = f"{kb / 1024 / 1024:.1f} GiB"
    return {
        "load average at the start (1, 5, 15 min)": ", ".join(f"{n:.1f}" for n in os.getloadavg()),
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "RAM": ram,
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "reportgen": importlib.metadata.version("reportgen"),
        "python-docx": importlib.metadata.version("python-docx"),
        "pydantic": importlib.metadata.version("pydantic"),
        "LibreOffice": tool_version("soffice", "--version"),
        "pandoc": tool_version("pandoc", "--version"),
    }


def need(tool: str, package: str) -> None:
    """Stop with the command that installs ``tool`` when it is missing."""
    if shutil.which(tool) is None:
        sys.exit(f"benchmarks need {tool}: sudo apt-get install -y {package}")


def resolved(path: Path):  # type: ignore[no-untyped-def]
    """The resolved Document of the report at ``path``."""
    from reportgen import api

    return api.load_documents([path])[path]


def cli_vs_pandoc(tmp: Path) -> list[Spread]:
    """The whole reportgen build process, pandoc on the same content as Markdown, and Python
    starting and importing what the build imports (doing nothing else), in turn."""
    md = tmp / "recovery-from-covid.md"
    md.write_text(peers.markdown(resolved(EXAMPLE)), encoding="utf-8")
    count = iter(range(10**6))
    imports = (
        "import reportgen.cli, reportgen.api, reportgen.pipeline, reportgen.boilerplate, "
        "reportgen.writers.docx.writer, reportgen.output, markdown_it"
    )
    return side_by_side(
        lambda: run(REPORTGEN, "build", str(EXAMPLE), "-o", str(tmp / f"r{next(count)}.docx")),
        lambda: run("pandoc", str(md), "-o", str(tmp / "pandoc.docx")),
        lambda: run(sys.executable, "-c", imports),
        runs=RUNS,
    )


def in_process() -> tuple[Spread, Spread]:
    """YAML to .docx bytes in this process, and python-docx writing the same blocks."""
    from reportgen import api
    from reportgen.writers.docx.writer import render_docx

    document = resolved(EXAMPLE)
    ours, peer = side_by_side(
        lambda: render_docx(api.load_documents([EXAMPLE])[EXAMPLE]),
        lambda: peers.python_docx(document),
        runs=RUNS * 2,
    )
    return ours, peer


def pack_words() -> list[bytes]:
    """The Word files a pack of the meeting converts: its documents and its front sheets."""
    from reportgen.boilerplate import DEFAULT_DIR, load_boilerplate
    from reportgen.meeting import load_meeting
    from reportgen.writers.docx.writer import render_docx

    meeting = load_meeting(MEETING, load_boilerplate(DEFAULT_DIR))
    words: list[bytes] = []
    for item in meeting.items:
        for d in item.documents:
            if d.document is not None:
                words.append(render_docx(d.document))
            elif d.file is not None and d.file.suffix.lower() == ".docx":
                words.append(d.file.read_bytes())
    exempt = any(d.exempt for item in meeting.items for d in item.documents) or any(
        item.line.exempt is not None for item in meeting.items
    )
    for public in [True, False] if exempt else [True]:
        words.append(render_docx(meeting.agenda({}, public=public)))
    return words


def pack_vs_libreoffice(tmp: Path) -> tuple[Spread, Spread, int]:
    """``reportgen pack`` and one bare LibreOffice batch converting the same .docx files."""
    folder = tmp / "pack"
    docs = tmp / "docx"
    docs.mkdir()
    for n, data in enumerate(pack_words()):
        (docs / f"{n:02d}.docx").write_bytes(data)
    files = sorted(map(str, docs.glob("*.docx")))
    profile = (tmp / "lo-profile").as_uri()
    count = iter(range(10**6))

    def pack() -> None:
        run(REPORTGEN, "pack", str(MEETING), "-o", str(folder / str(next(count))))

    def bare() -> None:
        run(
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp / "lo-out"),
            *files,
        )

    ours, peer = side_by_side(pack, bare, runs=max(3, RUNS // 3))
    return ours, peer, len(files)


PACK_STEPS = (
    ("writing", "reading, resolving and checking the meeting"),
    ("converting", "writing the Word files"),
    ("front sheet", "LibreOffice's first run: the documents and a first front sheet"),
    ("assembling", "LibreOffice again: the front sheet with the real page numbers"),
    ("end", "merging, stamping and writing the packs"),
)
"""The pack's steps, each named with the start of the progress message that ends it."""


def pack_split(tmp: Path) -> dict[str, Spread]:
    """Where ``api.pack``'s time goes, step by step, in this process (imports already paid),
    told by its progress messages; with ``in all``, the whole call."""
    from reportgen import api

    times: dict[str, list[float]] = {name: [] for _, name in PACK_STEPS}
    times["in all"] = []
    for n in range(max(3, RUNS // 3) + 1):
        marks: list[tuple[float, str]] = []

        def tell(step: str, marks: list[tuple[float, str]] = marks) -> None:
            marks.append((time.perf_counter(), step))

        start = time.perf_counter()
        api.pack(MEETING, tmp / f"split{n}", progress=tell)
        marks.append((time.perf_counter(), "end"))
        if n == 0:
            continue  # the warm-up
        since, index = start, 0
        for when, step in marks:
            if index < len(PACK_STEPS) and step.startswith(PACK_STEPS[index][0]):
                times[PACK_STEPS[index][1]].append(when - since)
                since, index = when, index + 1
        times["in all"].append(marks[-1][0] - start)
    return {name: Spread(values) for name, values in times.items()}


CHILD = """
import json, resource, sys, time, tracemalloc
from pathlib import Path
from reportgen import api
from reportgen.writers.docx.writer import render_docx
first, path, runs = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
render_docx(api.load_documents([first])[first])
times, base = [], []
for _ in range(runs):
    start = time.perf_counter()
    render_docx(api.load_documents([first])[first])
    base.append(time.perf_counter() - start)
    start = time.perf_counter()
    document = api.load_documents([path])[path]
    data = render_docx(document)
    times.append(time.perf_counter() - start)
blocks = len(document.blocks)
del document, data
tracemalloc.start()
render_docx(api.load_documents([path])[path])
traced = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"times": times, "base": base, "traced": traced, "peak": peak, "blocks": blocks}))
"""


def scaling(tmp: Path) -> dict[int, dict[str, object]]:
    """Build time and peak memory of the report at 1x, 10x and 100x, each in its own process.

    Each process times the 1x report and its own size alternately, so that the ratio holds
    even when the machine is busy.
    """
    first = scale.scaled(1, tmp / "scale")
    found: dict[int, dict[str, object]] = {}
    for times in (1, 10, 100):
        path = scale.scaled(times, tmp / "scale")
        runs = 3 if times == 100 else 7
        out = subprocess.run(
            [sys.executable, "-c", CHILD, str(first), str(path), str(runs)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        found[times] = json.loads(out)
    return found


def import_profile() -> list[tuple[str, float]]:
    """The slowest imports of ``reportgen build`` (cumulative ms), from ``-X importtime``."""
    with tempfile.TemporaryDirectory() as tmp:
        command = [sys.executable, "-X", "importtime", "-m", "reportgen", "build"]
        command += [str(EXAMPLE), "-o", str(Path(tmp) / "x.docx")]
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            check=True,
        )
    rows: list[tuple[str, float]] = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line.split("|")
        if not cumulative.strip().isdigit():
            continue
        depth = len(name) - len(name.lstrip())
        if depth <= 3:
            rows.append((name.strip(), int(cumulative) / 1000))
    return sorted(rows, key=lambda r: -r[1])[:12]


def verdict(ok: bool) -> str:
    """Met or missed."""
    return "met" if ok else "**missed**"


def main() -> None:
    """Run everything and write docs/performance.md."""
    need("pandoc", "pandoc")
    need("soffice", "libreoffice-writer-nogui")
    from preview import measure
    from report import report

    info = machine()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        print("whole-process build vs pandoc…", flush=True)
        cli, pandoc, started = cli_vs_pandoc(tmp)
        print("in-process build vs python-docx…", flush=True)
        ours, docx_peer = in_process()
        print("pack vs LibreOffice…", flush=True)
        pack, bare, files = pack_vs_libreoffice(tmp)
        print("pack, step by step…", flush=True)
        split = pack_split(tmp)
        print("preview…", flush=True)
        saves, builds = measure(20)
        print("scaling…", flush=True)
        sizes = scaling(tmp)
        print("imports…", flush=True)
        imports = import_profile()
    OUT.write_text(
        report(
            info,
            cli,
            pandoc,
            ours,
            docx_peer,
            pack,
            bare,
            files,
            saves,
            builds,
            sizes,
            imports,
            started,
            split,
        ),
        encoding="utf-8",
    )
    print(f"wrote {OUT}")
    import pdf_engines

    pdf_engines.main()


if __name__ == "__main__":
    main()
