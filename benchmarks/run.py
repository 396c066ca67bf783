"""Every benchmark of reportgen in one run, written up as docs/performance.md.

Run: ``.venv/bin/python benchmarks/run.py`` (or ``make benchmarks``). Each target is a ratio to a
peer measured side by side in the same run, so the figures hold on any machine:

- the whole ``reportgen build`` process against pandoc writing the same content, from Markdown,
  to .docx (target 1.5x);
- the in-process build (YAML to .docx bytes) against python-docx's high-level API writing the
  same blocks (0.3x);
- ``reportgen pack`` against one bare LibreOffice batch converting the same .docx files (1.0x),
  with either engine;
- the 10x report's whole process, and 40 reports in one call, against pandoc (0.5x); the 40
  reports to PDF against one bare LibreOffice batch of their .docx files (1.1x);
- the live preview's save-to-page (under 100 ms) and its rebuild (under 50 ms);
- ``reportgen build --watch``'s save-to-file (0.3x of pandoc's whole run);
- a report 10 and 100 times the size of recovery-from-covid (within 11x and 110x of its time,
  each size and its 1x baseline timed in processes of their own; its peak memory growing no
  faster than the document);
- the two PDF engines, and what a report costs in a batch and as one task of a job.

Medians are given with their spread (min-max). Needs pandoc and LibreOffice; says how to
install what is missing. ``--quick`` runs everything a few times only, to try the page out
(``--out`` writes it elsewhere); only a full run's page is committed.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
"""How many times each thing is timed (fewer for the slow ones); ``--quick`` makes it 2."""
SAME_WORDS = 0.02
"""How far pandoc's words may be from reportgen's (a share) before no ratio is reported."""


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


def bytecode() -> str:
    """Compile reportgen and the environment's packages (``compileall``), so every timed
    process finds its .pyc files as an installed package would; unset
    ``PYTHONDONTWRITEBYTECODE`` for the processes started from here. What was found, for the
    machine table."""
    unset = os.environ.pop("PYTHONDONTWRITEBYTECODE", None) is not None
    sys.dont_write_bytecode = False
    package = ROOT / "reportgen"
    folders = (str(package), sysconfig.get_paths()["purelib"])
    run(sys.executable, "-m", "compileall", "-q", *folders)
    sources = [path for path in package.rglob("*.py") if "__pycache__" not in path.parts]
    compiled = sum(Path(importlib.util.cache_from_source(str(path))).is_file() for path in sources)
    said = f"present: .pyc for {compiled} of reportgen's {len(sources)} modules (`compileall`)"
    return said + (", PYTHONDONTWRITEBYTECODE unset for the timed processes" if unset else "")


def machine(pyc: str) -> dict[str, str]:
    """CPU, cores, memory, the versions that matter, and the bytecode (``pyc``)."""
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
        "bytecode": pyc,
    }


def need(tool: str, package: str) -> None:
    """Stop with the command that installs ``tool`` when it is missing."""
    if shutil.which(tool) is None:
        sys.exit(f"benchmarks need {tool}: sudo apt-get install -y {package}")


def resolved(path: Path):  # type: ignore[no-untyped-def]
    """The resolved Document of the report at ``path``."""
    from reportgen import api

    return api.load_documents([path])[path]


def same_words(path: Path) -> tuple[int, int]:
    """The words of the report at ``path`` and of the Markdown pandoc gets for it, counted the
    same way (:func:`peers.document_words`, :func:`peers.markdown_words`); stops the run when
    they differ by more than :data:`SAME_WORDS`, as a ratio to pandoc would then mean nothing."""
    document = resolved(path)
    ours, theirs = peers.document_words(document), peers.markdown_words(peers.markdown(document))
    print(f"  words of {path.name}: reportgen {ours:,}, pandoc's Markdown {theirs:,}", flush=True)
    if abs(theirs - ours) > SAME_WORDS * ours:
        sys.exit(f"pandoc's Markdown of {path.name} has {theirs:,} words, the report {ours:,}")
    return ours, theirs


def cli_vs_pandoc(tmp: Path, runs: int) -> list[Spread]:
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
        runs=runs,
    )


def in_process(runs: int) -> tuple[Spread, Spread]:
    """YAML to .docx bytes in this process, and python-docx writing the same blocks."""
    from reportgen import api
    from reportgen.writers.docx.writer import render_docx

    document = resolved(EXAMPLE)
    ours, peer = side_by_side(
        lambda: render_docx(api.load_documents([EXAMPLE])[EXAMPLE]),
        lambda: peers.python_docx(document),
        runs=runs * 2,
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


def bare_libreoffice(files: list[str], out: Path) -> None:
    """One LibreOffice batch converting ``files`` to PDF into ``out`` as reportgen's own run
    does (:func:`reportgen.writers.pdf.convert`): the same export filter (tagged PDF/UA,
    bookmarks, title), the same options, and a fresh profile with the same settings, made for
    the run and removed after it; without reportgen's checks and completion of the PDF."""
    from reportgen.writers import pdf

    with tempfile.TemporaryDirectory(prefix="bench-lo-") as name:
        profile, scratch = Path(name) / "profile", Path(name) / "tmp"
        (profile / "user").mkdir(parents=True)
        scratch.mkdir()
        settings = profile / "user" / "registrymodifications.xcu"
        settings.write_text(pdf._PROFILE_SETTINGS, encoding="utf-8")
        command = ["soffice", "--headless", "--invisible", "--norestore", "--nolockcheck"]
        command += ["--nodefault", "--nologo", f"-env:UserInstallation={profile.as_uri()}"]
        command += ["--convert-to", pdf.export_filter(), "--outdir", str(out), *files]
        done = subprocess.run(
            command,
            env={**os.environ, "TMPDIR": str(scratch)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        if done.returncode or len(list(out.glob("*.pdf"))) < len(files):
            sys.exit(f"LibreOffice failed or wrote too few PDFs:\n{done.stderr}")


def pack_vs_libreoffice(tmp: Path, runs: int) -> tuple[Spread, Spread, Spread, int]:
    """``reportgen pack``, ``reportgen pack --pdf-engine typst`` and one bare LibreOffice
    batch converting the .docx files of the LibreOffice pack, in turn."""
    folder = tmp / "pack"
    docs = tmp / "docx"
    docs.mkdir()
    for n, data in enumerate(pack_words()):
        (docs / f"{n:02d}.docx").write_bytes(data)
    files = sorted(map(str, docs.glob("*.docx")))
    count = iter(range(10**6))

    def pack() -> None:
        run(REPORTGEN, "pack", str(MEETING), "-o", str(folder / str(next(count))))

    def typst() -> None:
        out = str(folder / str(next(count)))
        run(REPORTGEN, "pack", str(MEETING), "-o", out, "--pdf-engine", "typst")

    def bare() -> None:
        bare_libreoffice(files, tmp / "lo-out" / str(next(count)))

    ours, typeset, peer = side_by_side(pack, typst, bare, runs=max(2, runs // 3))
    return ours, typeset, peer, len(files)


BATCH = 40
"""How many reports the batch benchmarks build in one call."""


def batch_folder(tmp: Path) -> list[Path]:
    """:data:`BATCH` copies of recovery-from-covid, each a report file of its own name."""
    one = scale.scaled(1, tmp / "batch-one")
    folder = tmp / "batch"
    folder.mkdir()
    paths = []
    for n in range(BATCH):
        path = folder / f"report-{n:03d}.yaml"
        path.write_bytes(one.read_bytes())
        comments = one.with_name(one.stem + ".comments")
        if comments.is_dir():
            shutil.copytree(comments, folder / f"{path.stem}.comments")
        paths.append(path)
    return paths


def batches(tmp: Path, runs: int) -> dict[str, Spread]:
    """The bigger jobs against their peers, each pair in turn:

    - ``10x``: the 10x report, a whole ``reportgen build`` process, and ``pandoc`` on its
      Markdown (``10x pandoc``);
    - ``batch``: :data:`BATCH` reports in one ``reportgen build`` call, and as many pandoc
      runs one after another, from one shell (``batch pandoc``);
    - ``batch pdf``: the same reports to PDF in one call with LibreOffice, and one bare
      LibreOffice batch of the .docx files reportgen writes for them (``batch bare``);
      ``batch typst`` the same call with ``--pdf-engine typst``."""
    big = scale.scaled(10, tmp / "ten")
    big_md = tmp / "ten.md"
    big_md.write_text(peers.markdown(resolved(big)), encoding="utf-8")
    paths = batch_folder(tmp)
    md = tmp / "batch.md"
    md.write_text(peers.markdown(resolved(paths[0])), encoding="utf-8")
    docx_dir = tmp / "batch-docx"
    run(REPORTGEN, "build", *map(str, paths), "--out-dir", str(docx_dir))
    words = sorted(map(str, docx_dir.glob("*.docx")))
    loop = f'for n in $(seq {BATCH}); do pandoc "{md}" -o "{tmp}/p$n.docx" || exit 1; done'
    count = iter(range(10**6))

    def out() -> str:
        return str(tmp / "batch-out" / str(next(count)))

    found: dict[str, Spread] = {}
    found["10x"], found["10x pandoc"] = side_by_side(
        lambda: run(REPORTGEN, "build", str(big), "-o", str(tmp / f"ten{next(count)}.docx")),
        lambda: run("pandoc", str(big_md), "-o", str(tmp / "ten-pandoc.docx")),
        runs=runs,
    )
    found["batch"], found["batch pandoc"] = side_by_side(
        lambda: run(REPORTGEN, "build", *map(str, paths), "--out-dir", out()),
        lambda: run("sh", "-c", loop),
        runs=max(2, runs // 3),
    )
    found["batch pdf"], found["batch typst"], found["batch bare"] = side_by_side(
        lambda: run(REPORTGEN, "build", *map(str, paths), "--out-dir", out(), "--to", "pdf"),
        lambda: run(
            REPORTGEN,
            "build",
            *map(str, paths),
            "--out-dir",
            out(),
            "--to",
            "pdf",
            "--pdf-engine",
            "typst",
        ),
        lambda: bare_libreoffice(words, tmp / "batch-bare" / str(next(count))),
        runs=max(2, runs // 3),
    )
    return found


PACK_STEPS = (
    ("writing", "reading, resolving and checking the meeting"),
    ("converting", "writing the Word files"),
    ("front sheet", "LibreOffice's first run: the documents and a first front sheet"),
    (
        "assembling",
        "LibreOffice again: the front sheet's real page ranges and a contents page's numbers",
    ),
    ("end", "merging, stamping and writing the packs"),
)
"""The pack's steps, each named with the start of the progress message that ends it."""


def pack_split(tmp: Path, runs: int) -> dict[str, Spread]:
    """Where ``api.pack``'s time goes, step by step, in this process (imports already paid),
    told by its progress messages; with ``in all``, the whole call."""
    from reportgen import api

    times: dict[str, list[float]] = {name: [] for _, name in PACK_STEPS}
    times["in all"] = []
    for n in range(max(2, runs // 3) + 1):
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
path, runs, first = Path(sys.argv[1]), int(sys.argv[2]), Path(sys.argv[3]) if sys.argv[3:] else None
def build(path):
    start = time.perf_counter()
    render_docx(api.load_documents([path])[path])
    return time.perf_counter() - start
build(path)
times = [build(path) for _ in range(runs)]
after = []
for _ in range(runs if first else 0):  # the 1x between the size's builds, as it once was
    after.append(build(first))
    document = api.load_documents([path])[path]
    data = render_docx(document)
document = api.load_documents([path])[path]
blocks = len(document.blocks)
del document
data = None
tracemalloc.start()
render_docx(api.load_documents([path])[path])
traced = tracemalloc.get_traced_memory()[1]
tracemalloc.stop()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
found = {"times": times, "after": after, "traced": traced, "peak": peak, "blocks": blocks}
print(json.dumps(found))
"""
"""One size's builds in a fresh process: one warm-up build, then ``runs`` timed; with a third
argument, that (1x) report then timed as many times in the same process, alternately with
untimed builds of the size whose document and .docx are held meanwhile, as the baseline of
this page's figures once was (for comparison only); then one build's peak allocation and the
process's peak resident size."""

SIZES = (1, 10, 100)


def _sized(path: Path, runs: int, first: Path | None = None) -> dict[str, Any]:
    """What :data:`CHILD` measures for the report at ``path``, in a process of its own."""
    command = [sys.executable, "-c", CHILD, str(path), str(runs)]
    done = subprocess.run(
        [*command, *([str(first)] if first else [])], capture_output=True, text=True, check=True
    )
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def scaling(tmp: Path, runs: int) -> dict[int, dict[str, Any]]:
    """Build time and peak memory of the report at 1x, 10x and 100x, each size in a process
    of its own, and beside each its 1x baseline, timed in fresh processes of its own just
    before and just after it (``base``), so that the ratio holds when the machine's load
    drifts and no size is compared with a 1x timed in the same process. The 100x process also
    times the 1x report between 100x builds (``after``), to show what such a baseline was."""
    first = scale.scaled(1, tmp / "scale")
    found: dict[int, dict[str, Any]] = {}
    for times in SIZES:
        path = scale.scaled(times, tmp / "scale")
        count = max(1, runs // 3) if times == 100 else runs
        if times == 1:
            found[times] = _sized(path, count)
            found[times]["base"] = found[times]["times"]
            continue
        before = _sized(first, runs)["times"]
        found[times] = _sized(path, count, first if times == SIZES[-1] else None)
        found[times]["base"] = before + _sized(first, runs)["times"]
    return found


def per_report(tmp: Path, runs: int) -> dict[str, Spread]:
    """What one report costs, with each PDF engine: ``task``, one ``api.build`` of
    recovery-from-covid to .docx and PDF in this (warm) process, as one task of a job would
    run; ``batch``, the whole ``reportgen build reports/examples/*.yaml --to docx,pdf``
    command over its reports, per report."""
    from reportgen import api

    examples = sorted((ROOT / "reports" / "examples").glob("*.yaml"))
    count = iter(range(10**6))
    found: dict[str, Spread] = {}
    for engine in ("libreoffice", "typst"):

        def task(engine: str = engine) -> None:
            out = tmp / "tasks" / str(next(count))
            api.build([EXAMPLE], out_dir=out, to="docx,pdf", pdf_engine=engine)

        def batch(engine: str = engine) -> None:
            out = tmp / "batches" / str(next(count))
            run(
                REPORTGEN,
                "build",
                *map(str, examples),
                "--out-dir",
                str(out),
                "--to",
                "docx,pdf",
                "--pdf-engine",
                engine,
            )

        one, many = side_by_side(task, batch, runs=max(2, runs // 3))
        found[f"task {engine}"] = one
        found[f"batch {engine}"] = Spread([t / len(examples) for t in many.times])
    found["reports in the batch"] = Spread([float(len(examples))])
    return found


MODELS = """
import json, sys, tempfile
from pathlib import Path
import pydantic
from reportgen import api
with tempfile.TemporaryDirectory() as tmp:
    api.build([Path(sys.argv[1])], output=Path(tmp) / "x.docx")
found, waiting = [], [pydantic.BaseModel]
while waiting:
    for model in waiting.pop().__subclasses__():
        waiting.append(model)
        if model.__module__.startswith("reportgen"):
            found.append((model.__module__.removeprefix("reportgen."), model.__qualname__,
                          bool(model.__pydantic_complete__)))
print(json.dumps(sorted(set(found))))
"""
"""Which of reportgen's pydantic models a build of one report has built, in a fresh process."""


def models_built() -> list[tuple[str, str, bool]]:
    """Each of reportgen's models defined after building recovery-from-covid (module, name,
    built or not)."""
    done = subprocess.run(
        [sys.executable, "-c", MODELS, str(EXAMPLE)], capture_output=True, text=True, check=True
    )
    return [(module, name, built) for module, name, built in json.loads(done.stdout)]


def import_profile() -> list[tuple[str, float, int]]:
    """Every module ``reportgen build`` of recovery-from-covid imports, in the order it was
    imported, with its cumulative import time (ms, its own imports included) and its depth in
    the tree of imports (0 for a module the program imports itself), from ``-X importtime``."""
    with tempfile.TemporaryDirectory() as tmp:
        command = [sys.executable, "-X", "importtime", "-m", "reportgen", "build"]
        command += [str(EXAMPLE), "-o", str(Path(tmp) / "x.docx")]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
    found: list[tuple[str, float, int]] = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line.split("|")
        if cumulative.strip().isdigit():
            depth = (len(name) - len(name.lstrip()) - 1) // 2
            found.append((name.strip(), int(cumulative) / 1000, depth))
    return found


def verdict(ok: bool) -> str:
    """Met or missed."""
    return "met" if ok else "**missed**"


def main() -> None:
    """Run everything and write docs/performance.md (or ``--out``)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="time each thing twice, to try it")
    parser.add_argument("--out", type=Path, default=OUT, help=f"the page (default {OUT})")
    options = parser.parse_args()
    runs = 2 if options.quick else RUNS
    need("pandoc", "pandoc")
    need("soffice", "libreoffice-writer-nogui")
    import build_watch
    import pdf_engines
    from preview import measure
    from report import Figures, report

    info = machine(bytecode())
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        print("words pandoc gets…", flush=True)
        words = {times: same_words(scale.scaled(times, tmp / "words")) for times in (1, 10)}
        print("whole-process build vs pandoc…", flush=True)
        cli, pandoc, started = cli_vs_pandoc(tmp, runs)
        print("in-process build vs python-docx…", flush=True)
        ours, docx_peer = in_process(runs)
        print("pack vs LibreOffice…", flush=True)
        pack, pack_typst, bare, files = pack_vs_libreoffice(tmp, runs)
        print("the 10x report and batches…", flush=True)
        jobs = batches(tmp, runs)
        print("pack, step by step…", flush=True)
        split = pack_split(tmp, runs)
        print("preview…", flush=True)
        saves, builds = measure(5 if options.quick else 20)
        print("build --watch…", flush=True)
        watch = build_watch.measure(3 if options.quick else 10)
        print("scaling…", flush=True)
        sizes = scaling(tmp, runs if options.quick else 7)
        print("PDF engines…", flush=True)
        engines = pdf_engines.measure(tmp, runs if options.quick else 5)
        print("a report in a batch and in a job…", flush=True)
        costs = per_report(tmp, runs)
        print("imports and models…", flush=True)
        imports = import_profile()
        models = models_built()
    figures = Figures(
        info=info,
        cli=cli,
        pandoc=pandoc,
        started=started,
        words=words,
        ours=ours,
        docx_peer=docx_peer,
        pack=pack,
        pack_typst=pack_typst,
        jobs=jobs,
        bare=bare,
        files=files,
        split=split,
        saves=saves,
        builds=builds,
        watch=watch,
        sizes=sizes,
        engines=engines,
        costs=costs,
        imports=imports,
        models=models,
        quick=options.quick,
    )
    options.out.write_text(report(figures), encoding="utf-8")
    print(f"wrote {options.out}")


if __name__ == "__main__":
    main()
