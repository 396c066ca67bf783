"""docs/performance.md, written from one benchmark run's figures (see benchmarks/run.py)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import pdf_engines
from run import SAME_WORDS, Spread, verdict

PRICE_PER_CORE_HOUR = 0.0446
"""An assumption, not measured: the price of one core for an hour, in US dollars, taken as the
on-demand list price of one vCPU of an AWS EC2 c7i.large (2 vCPUs, USD 0.08925 an hour, Linux,
us-east-1) as assumed when this was written; one vCPU counted as one core of this machine.
Change it here to cost another offer."""
PRICE_NAMED = "AWS EC2 c7i.large on demand (USD 0.08925 an hour for 2 vCPUs, us-east-1)"
"""Where :data:`PRICE_PER_CORE_HOUR` comes from, as the page names it."""

COUNCIL_YEAR = 1_500
"""Reports a council writes in a year."""
NATIONAL_YEAR = 600_000
"""Reports a national collection takes in a year."""

LIBRARIES = (
    ("click", "the command line"),
    ("pydantic", "the format's validation"),
    ("yaml", "PyYAML"),
    ("docx", "python-docx"),
    ("lxml.etree", "lxml, python-docx's XML"),
    ("markdown_it", "markdown-it-py, for text with markup"),
    ("jinja2", "Jinja, for text with `{{ }}`"),
    ("xml.sax.saxutils", "escaping"),
    ("urllib.request", "with http.client and email"),
    ("num2words", "numbers and days in words"),
    ("rich", "problems printed with markup"),
    ("PIL", "Pillow, for pictures"),
    ("pikepdf", "completing PDFs"),
    ("typst", "the Typst engine"),
)
"""The modules the *Imports* paragraph says a one-report build imports or not, whichever the
run finds."""


@dataclass(frozen=True)
class Figures:
    """Everything one run of benchmarks/run.py measured."""

    info: dict[str, str]
    """The machine table."""
    cli: Spread
    """The whole ``reportgen build`` process."""
    pandoc: Spread
    """pandoc writing the same content."""
    started: Spread
    """Python starting and importing what the build imports."""
    words: dict[int, tuple[int, int]]
    """By size, the words of the report and of the Markdown pandoc gets for it."""
    ours: Spread
    """The in-process build."""
    docx_peer: Spread
    """python-docx writing the same blocks."""
    pack: Spread
    """The whole ``reportgen pack`` process."""
    pack_typst: Spread
    """The whole ``reportgen pack --pdf-engine typst`` process."""
    jobs: dict[str, Spread]
    """The 10x report and the batches, and their peers (benchmarks/run.py ``batches``)."""
    bare: Spread
    """One bare LibreOffice batch of the same documents."""
    files: int
    """The documents in that batch."""
    split: dict[str, Spread]
    """The pack's steps."""
    saves: list[float]
    """The preview's save-to-page times."""
    builds: list[float]
    """The preview's builds."""
    watch: tuple[list[float], list[float]]
    """``build --watch``'s save-to-file times, and its rounds' builds."""
    sizes: dict[int, dict[str, Any]]
    """By size, what the scaling child measured, with ``base``, its 1x baseline's times."""
    engines: dict[str, Spread]
    """Each PDF engine's whole ``reportgen build -o x.pdf`` process."""
    costs: dict[str, Spread]
    """A report's cost as a task and in a batch, by engine (:func:`run.per_report`)."""
    imports: list[tuple[str, float, int]]
    """A build's imports: module, cumulative ms, depth."""
    models: list[tuple[str, str, bool]]
    """reportgen's models after a build: module, name, built."""
    quick: bool
    """A ``--quick`` run."""


def _row(name: str, ours: Spread, peer: Spread, peer_name: str, target: float) -> tuple[str, bool]:
    """A table row: both timings, the ratio, the target, met or not."""
    ratio = ours.median / peer.median
    ok = ratio <= target
    return (
        f"| {name} | {ours.text()} | {peer_name}: {peer.text()} | {ratio:.3g}x | "
        f"≤ {target}x | {verdict(ok)} |",
        ok,
    )


def _by_module(models: list[tuple[str, str, bool]]) -> str:
    """``boilerplate`` 12, ``model`` 4, …: how many of ``models`` each module defines."""
    counts = Counter(module for module, _, _ in models)
    return ", ".join(f"`{module}` {n}" for module, n in sorted(counts.items()))


def _cli_fix(f: Figures) -> str:
    """What the whole-process build's target would take."""
    built = [m for m in f.models if m[2]]
    return (
        "The whole process is almost all Python starting and importing (see *Where the time "
        "goes* and *Imports*; the build itself is the in-process figure), while pandoc is one "
        "compiled program. pydantic's models are built on first use (`defer_build=True` in "
        "`reportgen.model_base.STRICT`): importing a module defines its models without building "
        f"their validators, and the build of recovery-from-covid built {len(built)} of "
        f"reportgen's {len(f.models)} models, those it validates the report and its profile "
        f"with ({_by_module(built)}); the rest (meetings', minutes', the data schemas'…) stay "
        "unbuilt. Building those it needs is part of its first validation, which every build "
        "makes, so it is still paid once per process. 1.5x of pandoc is therefore out of reach "
        "for one small report in a fresh Python process with these libraries; replacing "
        "pydantic's validation of the format would be the one large cut, at the price of the "
        "JSON Schema and the located errors it gives. What works today: build several reports "
        "in one command (`reportgen build a.yaml b.yaml …`), or keep a process warm (the "
        "preview, `reportgen.api.build` in a job): the imports and the models are then paid "
        "once, and a report costs the in-process figure."
    )


FIXES = {
    "inproc": (
        "Where the rest goes, per build: the template is opened by python-docx and its header "
        "filled for every document (`_fill_shell`; reading and vetting it is done once), and "
        "every text with `{{ }}` is compiled by Jinja (the sandbox is what keeps templates "
        "safe)."
    ),
    "preview": (
        "The save-to-page time is mostly the build (shown beside it), done in the live "
        "process without imports: what speeds up the in-process build speeds this up. A busy "
        "machine (see the load average above) slows it most."
    ),
    "watch": (
        "A round of `build --watch` is the in-process build (shown beside it) plus the "
        "watcher's 20 ms of debounce, with no start-up or imports: what speeds up the "
        "in-process build speeds this up. A busy machine (see the load average above) slows it "
        "most."
    ),
    "scale": (
        "Time grows faster than the document: profile the largest size "
        "(`python -m cProfile -s tottime`) and look for work repeated per block."
    ),
}


def _jobs_fix(f: Figures) -> str:
    """What the 10x report's and the LibreOffice batch's targets would take, from the figures
    of this run: Python's start and imports, the build in process, and LibreOffice's share."""
    start = f.cli.median - f.ours.median
    ten, ten_peer = f.jobs["10x"].median, f.jobs["10x pandoc"].median
    build = ten - start
    pdf, bare = f.jobs["batch pdf"].median, f.jobs["batch bare"].median
    words = f.jobs["batch"].median
    finishing = pdf - bare - words
    return f"""The 10x report's whole process is Python's start and imports, about
  {start:.2f} s (the one-report process less its in-process build), and then its build, about
  {build:.2f} s, which alone is {build / ten_peer:.2f}x of pandoc's {ten_peer:.2f} s: the
  start is fixed, so the ratio falls with size (the size table above) and meets 0.5x for a
  somewhat larger report, or for several in one call (the batch row). The 40 reports to PDF
  with LibreOffice cost the bare batch's conversion of the same .docx files, {bare:.2f} s,
  plus writing those .docx files (the .docx batch row, {words:.2f} s, start included), plus
  {finishing:.2f} s (about {finishing / 40 * 1000:.0f} ms a report) of completing and sealing each
  PDF with pikepdf and reading it back: the bare batch is given its .docx files for free, so
  1.1x would need the build and finishing together under a tenth of LibreOffice's time.
  `--pdf-engine typst` meets it (the next row)."""


def _pack_fix(pack: Spread, bare: Spread, split: dict[str, Spread]) -> str:
    """What would fix the pack's target, from where its time goes (``split``)."""
    steps = [(name, spread) for name, spread in split.items() if name != "in all"]
    rows = "\n".join(f"  | {name} | {spread.text()} |" for name, spread in steps)
    whole = split["in all"].median
    one_run = pack.median - steps[3][1].median
    return f"""Where the pack's time goes, measured in this process step by step (by
  `api.pack`'s progress messages, imports already paid), {split["in all"].text()} in all; the
  rest of the command's {pack.median:.2f} s ({pack.median - whole:.2f} s) is Python starting
  and importing (pikepdf and the Word writer included):

  | step | time |
  |---|---|
{rows}

  LibreOffice starts twice because the front sheet's page ranges follow from the documents'
  page counts, which only the first run gives; the second run converts the front sheets and
  the carers strategy once more with its contents page's numbers (found in the first run; a
  third start before), and is mostly LibreOffice starting. Without it the pack would take
  about {one_run:.2f} s,
  {one_run / bare.median:.2f}x of the bare batch, so one start less would not meet 1.0x
  either: the first run alone, which also converts the front sheets, is
  {steps[2][1].median / bare.median:.2f}x of the bare batch (which, like it, makes a fresh
  profile and exports a tagged PDF). Ways to one start, not done: keeping one LibreOffice
  running for both conversions, driven over UNO (Debian's python3-uno imports into the venv
  only with the system's dist-packages on the path, tied to the system Python's version), or
  a first front sheet made with the page ranges of the previous pack of the same meeting,
  kept with it and checked after the run (a second run only when a page count changed), which
  saves the second start on a re-pack but not on the first. Using the first run's profile for
  the second would save about 0.1 s of it. What meets it: `--pdf-engine typst` (the next row
  of the table), which starts no LibreOffice for a pack of YAML documents and typesets its
  documents side by side, a thread a core."""


def _scale(sizes: dict[int, dict[str, Any]]) -> tuple[list[str], bool, str]:
    """The size table's rows, whether every size met its target, and what the largest size's
    process found when it timed the 1x report after its own builds."""
    base_mem = sizes[1]["traced"]
    rows = []
    all_ok = True
    for times, found in sizes.items():
        spread, base = Spread(found["times"]), Spread(found["base"])
        ratio = spread.median / base.median
        grown = found["traced"] / base_mem
        ok = times == 1 or (ratio <= times * 1.1 and grown <= times * 1.1)
        all_ok = all_ok and ok
        target = "—" if times == 1 else f"≤ {times * 1.1:.0f}x: {verdict(ok)}"
        own = "(the same)" if times == 1 else base.text()
        rows.append(
            f"| {times}x ({found['blocks']:,} blocks) | {spread.text()} | {own} | {ratio:.1f}x | "
            f"{found['traced'] / 2**20:.1f} MiB ({grown:.1f}x) | {found['peak'] / 1024:.0f} MiB | "
            f"{target} |"
        )
    largest = max(sizes)
    found = sizes[largest]
    after, base = Spread(found["after"]), Spread(found["base"])
    size = Spread(found["times"]).median
    note = (
        f"Why not in the same process: the {largest}x process then timed the 1x report "
        f"between {largest}x builds whose document and .docx it held meanwhile, as this page's "
        f"baseline once was: {after.text()}, {after.median / base.median:.1f} times its time in "
        f"a fresh process, which would make the {largest}x ratio {size / after.median:.1f}x "
        f"instead of {size / base.median:.1f}x."
    )
    return rows, all_ok, note


def _imports(f: Figures) -> str:
    """The *Imports* paragraph: what a one-report build imports of :data:`LIBRARIES`, and what
    not."""
    cumulative: dict[str, float] = {}
    for name, ms, _ in f.imports:
        cumulative.setdefault(name, ms)
    imported = [
        f"`{name}` ({what}, {cumulative[name]:.0f} ms)"
        for name, what in LIBRARIES
        if name in cumulative
    ]
    left = [f"`{name}` ({what})" for name, what in LIBRARIES if name not in cumulative]
    return (
        "A one-report build (`reportgen build recovery-from-covid.yaml -o x.docx`) imports "
        f"{len(cumulative)} modules. Of those named here, it imports "
        f"{', '.join(imported) or 'none'}; it does not import {', '.join(left) or 'any other'}. "
        "The times are cumulative, from `python -X importtime` (a module's own imports "
        "included, so they overlap, and the tool inflates them); the list is the run's, "
        "written from what it found."
    )


def _year(f: Figures) -> str:
    """The section on a council's year and a national collection."""
    c = f.costs
    n = int(c["reports in the batch"].median)
    engines = ("libreoffice", "typst")
    task = {e: c[f"task {e}"].median for e in engines}
    batch = {e: c[f"batch {e}"].median for e in engines}
    council = {e: COUNCIL_YEAR * batch[e] / 3600 for e in engines}
    national = {e: NATIONAL_YEAR * task[e] / 3600 for e in engines}
    cores = int(f.info.get("cores", "2") or 2)

    task_row = (
        '| one task of a job: `reportgen.api.build([recovery-from-covid.yaml], to="docx,pdf")` '
        f"in a running process | {c['task libreoffice'].text()} | {c['task typst'].text()} |"
    )
    batch_row = (
        "| in a batch: `reportgen build reports/examples/*.yaml --to docx,pdf` (a whole "
        f"process, start and imports included) over its {n} reports | "
        f"{c['batch libreoffice'].text()} | {c['batch typst'].text()} |"
    )

    def money(hours: float) -> str:
        return f"USD {hours * PRICE_PER_CORE_HOUR:,.2f}"

    def hours(h: float) -> str:
        return f"{h * 60:.0f} minutes" if h < 1 else f"{h:,.1f} hours"

    return f"""## A council's year and a national collection

What one report costs, measured in this run (wall-clock time, counted as core time; a
LibreOffice conversion is a process of its own, which the build waits for):

| per report | `--pdf-engine libreoffice` | `--pdf-engine typst` |
|---|---|---|
{task_row}
{batch_row}

The .docx alone, in a running process, is the in-process build above ({f.ours.median:.3f} s).

- **A council's year, {COUNCIL_YEAR:,} reports**, built in batches like the one above: with
  LibreOffice {hours(council["libreoffice"])} of one core, {hours(council["libreoffice"] / cores)}
  on this {cores}-core machine; with Typst {hours(council["typst"])} and
  {hours(council["typst"] / cores)}.
- **A national collection, {NATIONAL_YEAR:,} reports a year**, one task per report: with
  LibreOffice {national["libreoffice"]:,.0f} core-hours a year
  ({national["libreoffice"] / cores:,.0f} hours on this machine); with Typst
  {national["typst"]:,.0f} core-hours ({national["typst"] / cores:,.0f} hours).
  The {cores}-core figures are the one-core figures divided by {cores}, not measured with the
  cores working together (other work shares them; see the load average).
- **How the national one would run**, on an existing engine with no scheduler of reportgen's
  own: a Dask bag or a Ray task per report over the library API, e.g.
  `dask.bag.from_sequence(paths).map(lambda p: reportgen.api.build([p], out_dir=out,
  to="docx,pdf", pdf_engine="typst"))` on workers of one thread each, or a Ray remote
  function calling `reportgen.api.build` for its path. Each worker imports reportgen once and
  keeps the profile and templates it has read (read again when a file changes), so a task
  costs the task figure above; a task whose report has problems raises one `ReportError`
  listing them, which the job records rather than retries. With LibreOffice each task starts
  it once, which a batch would share; with Typst the PDF is typeset in the worker. A worker
  needs about the 1x process peak above ({f.sizes[1]["peak"] / 1024:.0f} MiB).
- **Cost per core-hour, an assumption, not measured:** USD {PRICE_PER_CORE_HOUR} a core-hour,
  the list price of one vCPU of {PRICE_NAMED} as assumed when this was written, one vCPU
  counted as one core of this machine (`PRICE_PER_CORE_HOUR` in `benchmarks/report.py`).
  Times the measured core-hours: the national collection {money(national["libreoffice"])} a
  year with LibreOffice, {money(national["typst"])} with Typst; a council's year
  {money(council["libreoffice"])} and {money(council["typst"])}.
"""


SIZE_HEAD = (
    "| size | build (YAML → .docx bytes) | its 1x baseline | vs 1x | build's peak allocation | "
    "process peak | target |\n|---|---|---|---|---|---|---|"
)
"""The head of the size table."""


def report(f: Figures) -> str:
    """The Markdown of docs/performance.md."""
    rows = []
    row, cli_ok = _row(
        "`reportgen build` recovery-from-covid → .docx (whole process)",
        f.cli,
        f.pandoc,
        "pandoc",
        1.5,
    )
    rows.append(row)
    row, inproc_ok = _row(
        "in-process build, YAML → .docx bytes",
        f.ours,
        f.docx_peer,
        "python-docx high-level API",
        0.3,
    )
    rows.append(row)
    row, pack_ok = _row(
        f"`reportgen pack` 2022-03-14 ({f.files} documents → PDF packs)",
        f.pack,
        f.bare,
        "one bare LibreOffice batch, same export filter",
        1.0,
    )
    rows.append(row)
    row, _ = _row(
        "`reportgen pack --pdf-engine typst` 2022-03-14 (no LibreOffice)",
        f.pack_typst,
        f.bare,
        "the same bare LibreOffice batch",
        1.0,
    )
    rows.append(row)
    jobs = f.jobs
    jobs_ok = True
    for what, ours, peer, name, target in (
        (
            "`reportgen build` of the 10x report → .docx (whole process)",
            "10x",
            "10x pandoc",
            "pandoc",
            0.5,
        ),
        (
            "`reportgen build` of 40 reports in one call → .docx",
            "batch",
            "batch pandoc",
            "40 pandoc runs",
            0.5,
        ),
        (
            "the same 40 reports → PDF, LibreOffice",
            "batch pdf",
            "batch bare",
            "one bare LibreOffice batch of their .docx",
            1.1,
        ),
        (
            "the same 40 reports → PDF, `--pdf-engine typst`",
            "batch typst",
            "batch bare",
            "the same bare batch",
            1.1,
        ),
    ):
        row, ok = _row(what, jobs[ours], jobs[peer], name, target)
        rows.append(row)
        jobs_ok = jobs_ok and ok
    preview, rebuild = Spread(f.saves), Spread(f.builds)
    preview_ok = preview.median < 0.1 and rebuild.median < 0.05
    rows.append(
        f"| live preview, save → new page (its rebuild) | {preview.text('ms')} ("
        f"{rebuild.text('ms')}) | — | — | < 100 ms (rebuild < 50 ms) | {verdict(preview_ok)} |"
    )
    saves, rounds = (Spread(values) for values in f.watch)
    watch_ratio = saves.median / f.pandoc.median
    watch_ok = watch_ratio <= 0.3
    rows.append(
        f"| `reportgen build --watch`, save → .docx written | {saves.text('ms')} (build "
        f"{rounds.text('ms')}) | pandoc's whole run: {f.pandoc.text('ms')} | "
        f"{watch_ratio:.3g}x | ≤ 0.3x | {verdict(watch_ok)} |"
    )
    scale_rows, scale_ok, scale_note = _scale(f.sizes)
    missed = [
        (name, text)
        for name, ok, text in (
            ("whole-process build vs pandoc", cli_ok, _cli_fix(f)),
            ("in-process build vs python-docx", inproc_ok, FIXES["inproc"]),
            ("pack vs LibreOffice", pack_ok, _pack_fix(f.pack, f.bare, f.split)),
            ("preview", preview_ok, FIXES["preview"]),
            ("build --watch", watch_ok, FIXES["watch"]),
            ("scaling", scale_ok, FIXES["scale"]),
            ("the 10x report and the batches", jobs_ok, _jobs_fix(f)),
        )
        if not ok
    ]
    machine = "\n".join(f"| {k} | {v} |" for k, v in f.info.items())
    slowest = sorted(
        ((name, ms) for name, ms, depth in f.imports if depth <= 1), key=lambda r: -r[1]
    )
    import_rows = "\n".join(f"| `{name}` | {ms:.0f} ms |" for name, ms in slowest[:12])
    fixes = "\n".join(f"- **{name}.** {text}" for name, text in missed) or "Every target is met."
    words = ", ".join(
        f"{theirs:,} against {ours:,} at {times}x" for times, (ours, theirs) in f.words.items()
    )
    quick = (
        "\n**A quick run (`--quick`): each thing timed twice or so, to try the page out; not "
        "for committing.**\n"
        if f.quick
        else ""
    )
    return f"""# Performance

Written by `.venv/bin/python benchmarks/run.py` (or `make benchmarks`); do not edit by hand, run
it again. Every target is a ratio to a peer measured side by side in the same run, alternating,
so the figures mean the same on any machine. Medians, with the range (min-max) and the number
of runs.
{quick}
## The machine

| | |
|---|---|
{machine}

## Targets

| what | reportgen | peer | ratio | target | |
|---|---|---|---|---|---|
{chr(10).join(rows)}

The peers get the same content. pandoc reads Markdown made from the resolved document
(`benchmarks/peers.py`: the header block's lines, headings, numbered and bulleted lists, pipe
tables, bold, italic, links), and the run checks that it carries the same words: the words of
the Markdown as pandoc reads it (the text nodes of `pandoc -t json`) against those of the
resolved document's header block and blocks, both counted as runs of letters and digits:
{words}; the run stops rather than report a ratio if they differ by more than
{SAME_WORDS:.0%}.
python-docx's high-level API writes the same header lines and blocks (`Document()`,
`add_heading`, `add_paragraph` with a style name, `add_table`, cell text). LibreOffice converts
the .docx files `reportgen build` wrote for the meeting's documents and front sheets, in one
batch, as reportgen's own runs do (`reportgen.writers.pdf`): the same tagged PDF/UA export
filter, the same options, and a fresh profile with the same settings for every run. Every timed
process finds reportgen's bytecode compiled (see the machine table).

`build --watch` (`benchmarks/build_watch.py`) runs the command with `-v` on a copy of
recovery-from-covid and times each save to the .docx being replaced, with each round's build
from its `-v` line; the preview (`benchmarks/preview.py`) times each save to the new page.

### Size

recovery-from-covid with its information section repeated (`benchmarks/scale.py`; each copy
has its own labels and references). Each size is built in a fresh process of its own after one
warm-up build; its 1x baseline is the 1x report timed the same way in fresh processes of its
own, one just before and one just after the size's, so that neither shares a process with the
larger report. Memory is the peak of Python's allocations during one build (`tracemalloc`;
libxml2's memory for the XML tree is not traced by it) and the process's peak resident size
(`ru_maxrss`, with the imported modules). Both time and memory are held to 1.1 times the size:
11x at 10x, 110x at 100x.

{SIZE_HEAD}
{chr(10).join(scale_rows)}

{scale_note}

## What would fix a missed target

{fixes}

## Where the time goes

Starting Python and importing what `reportgen build` needs takes {f.started.text()}, of the
whole process's {f.cli.median:.3f} s; the build itself, once imported, is
{f.ours.median * 1000:.0f} ms. The slowest imports of `reportgen build` (cumulative, from
`python -X importtime`, which inflates them):

| module | import |
|---|---|
{import_rows}

**Imports.** {_imports(f)}

What was found and fixed (issue 11):

- **Quadratic in paragraphs.** python-docx's `body.add_p()` searches the whole body for its
  final `w:sectPr` before inserting each paragraph, so 5,000 paragraphs took 3.0 s, 20,000
  16.4 s and 100,000 did not finish. Paragraphs and tables are now inserted before the body's
  last child, looked at directly (`ooxml.append_block`); the 100x report's render went from
  7.3 s to 1.4 s, and now grows with the number of blocks.
- **Python's cycle collector.** Reading a large report makes hundreds of thousands of small
  objects, and the collector went over them again and again: half the load time of the 100x
  report. It is paused while a report is read and resolved (`pipeline.no_cycle_collection`);
  reference counting still frees everything.
- **Paragraph and run XML.** Each paragraph's `w:pPr` (style, list number) is written directly
  instead of through python-docx's ordered-insert search, and each distinct run's XML is parsed
  once and copied (`ooxml.paragraph`, `ooxml._run`): the render a third faster.
- **The Markdown parser for plain text.** Text without any character inline Markdown acts on
  (`* _ [ ] \\ ` and line breaks) becomes one text node without markdown-it-py, which is imported
  only when a text needs it; that was a fifth of the resolve time. num2words, likewise, is
  imported only when a number or a day is printed in words.
- **Imports per command.** `reportgen --help`, `schema` and `check` never import the Word writer;
  `--help` imports neither python-docx nor pydantic; rich is imported only to print problems
  with markup (a successful build prints plain lines). `tests/across/test_imports.py` keeps these
  rules.
- **Styles once per build.** The template's styles are looked up once per document (`_Styles`),
  and each list level's indent once per list kind.
- **Read once, while unchanged.** The boilerplate folder was read and validated again for
  every `load_documents` call, and the template read and vetted again for every document: both
  are now kept by path with each file's modification time, size and inode, and read again when
  one of them changes (a file modified within 2 s of being read is read again every time, as
  a file system's clock ticks coarsely), so the preview still sees every edit.
- **Zipped once.** The .docx was zipped by python-docx's save and then unzipped and zipped again
  by `package.finish`; python-docx's parts are now taken in memory (`package.word_parts`) and
  zipped once, to the same bytes.
- **The meeting resolved once.** `api.pack` resolved the meeting for its readiness check and
  again for the build; the check now uses the build's resolved meeting.
- **The body's length once per new page.** The Word writer counted the body's children before
  every block, to know where a block starting a new page (after a cover or a contents page)
  begins; lxml counts them one by one, so the render was quadratic again (the 100x report's
  5 to 8 s instead of 1.7 s on a loaded machine). It is counted only before such a block.
- **Models built on first use.** pydantic's models are built when first used
  (`model_base.STRICT`, `defer_build=True`), so a command builds only the models it reads, and
  the fields' docstrings are read from the source only when a JSON Schema is made
  (`model_base.described`).

To profile: `python -X importtime -m reportgen build REPORT.yaml -o X.docx 2>&1 | sort -t'|' -k2 -n`
for imports, and `python -m cProfile -s tottime -m reportgen build …` for the build.

{_year(f)}
{pdf_engines.section(f.engines)}"""
