"""docs/performance.md, written from one benchmark run's figures (see benchmarks/run.py)."""

from __future__ import annotations

from typing import Any

from run import Spread


def _row(name: str, ours: Spread, peer: Spread, peer_name: str, target: float) -> tuple[str, bool]:
    """A table row: both timings, the ratio, the target, met or not."""
    ratio = ours.median / peer.median
    ok = ratio <= target
    mark = "met" if ok else "**missed**"
    return (
        f"| {name} | {ours.text()} | {peer_name}: {peer.text()} | {ratio:.3g}x | "
        f"≤ {target}x | {mark} |",
        ok,
    )


FIXES = {
    "cli": (
        "The whole process is almost all Python starting and importing (see *Where the time "
        "goes*; the build itself is the in-process figure), while pandoc is one compiled "
        "program. Measured one by one (`python -c 'import X'`, less Python's own 0.01 s): "
        "click 0.02 s, pydantic 0.03 s and building the format's ~30 models from it about "
        "0.1 s (pydantic 2 builds each model's validator when the class is defined; "
        "`defer_build=True` would only move that to the first validation, which a build needs, "
        "and dropping `use_attribute_docstrings` saves 0.015 s), python-docx with lxml 0.05 s, "
        "Jinja 0.03 s, markdown-it-py 0.03 s (only for text with markup), PyYAML 0.01 s. "
        "1.0x of pandoc is therefore out of reach for one small report in a fresh Python "
        "process with these libraries; replacing pydantic's validation of the format would be "
        "the one large cut, at the price of the JSON Schema and the located errors it gives. "
        "What works today: build several reports in one command (`reportgen build a.yaml "
        "b.yaml …`), or keep a process warm (the preview, `reportgen.api.build` in a job): the "
        "imports are then paid once, and a report costs the in-process figure."
    ),
    "inproc": (
        "Where the rest goes, per build: the template is opened by python-docx and its header "
        "filled for every document (`_fill_shell`; reading and vetting it is done once), and "
        "every text with `{{ }}` is compiled by Jinja (a fifth of the load; the sandbox is what "
        "keeps templates safe)."
    ),
    "preview": (
        "The save-to-page time is mostly the build (shown beside it), done in the live "
        "process without imports: what speeds up the in-process build speeds this up. A busy "
        "machine (see the load average above) slows it most."
    ),
    "scale": (
        "Time grows faster than the document: profile the largest size "
        "(`python -m cProfile -s tottime`) and look for work repeated per block."
    ),
}


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
  page counts, which only the first run gives; the second run converts one or two pages and is
  almost all LibreOffice starting. Without it the pack would take about {one_run:.2f} s,
  {one_run / bare.median:.2f}x of the bare batch, so one start less would not meet 1.2x
  either: the first run alone, which also makes a fresh private profile and converts the
  front sheets, is {steps[2][1].median / bare.median:.2f}x of the bare batch (whose profile
  is made once, in its warm-up run). Ways to one start, not done: keeping one LibreOffice
  running for both conversions, driven over UNO (Debian's python3-uno imports into the venv
  only with the system's dist-packages on the path, tied to the system Python's version), or
  a first front sheet made with the page ranges of the previous pack of the same meeting,
  kept with it and checked after the run (a second run only when a page count changed), which
  saves the second start on a re-pack but not on the first. Using the first run's profile for
  the second would save about 0.1 s of it."""


def report(
    info: dict[str, str],
    cli: Spread,
    pandoc: Spread,
    ours: Spread,
    docx_peer: Spread,
    pack: Spread,
    bare: Spread,
    files: int,
    saves: list[float],
    builds: list[float],
    sizes: dict[int, dict[str, Any]],
    imports: list[tuple[str, float]],
    started: Spread,
    split: dict[str, Spread],
) -> str:
    """The Markdown of docs/performance.md."""
    rows = []
    row, cli_ok = _row(
        "`reportgen build` recovery-from-covid → .docx (whole process)", cli, pandoc, "pandoc", 1.0
    )
    rows.append(row)
    row, inproc_ok = _row(
        "in-process build, YAML → .docx bytes", ours, docx_peer, "python-docx high-level API", 0.3
    )
    rows.append(row)
    row, pack_ok = _row(
        f"`reportgen pack` 2022-03-14 ({files} documents → PDF packs)",
        pack,
        bare,
        "one bare `soffice --convert-to pdf` batch",
        1.2,
    )
    rows.append(row)
    preview = Spread(saves)
    preview_ok = preview.median < 0.1
    rows.append(
        f"| live preview, save → new page | {preview.text('ms')} (build "
        f"{Spread(builds).text('ms')}) | — | — | < 100 ms | "
        f"{'met' if preview_ok else '**missed**'} |"
    )
    base_mem = sizes[1]["traced"]
    scale_rows = []
    scale_ok = True
    for times, found in sizes.items():
        spread = Spread(found["times"])
        ratio = spread.median / Spread(found["base"]).median
        grown = found["traced"] / base_mem
        ok = times == 1 or (ratio <= times * 1.1 and grown <= times * 1.1)
        scale_ok = scale_ok and ok
        target = "—" if times == 1 else f"≤ {times * 1.1:.0f}x: " + ("met" if ok else "**missed**")
        scale_rows.append(
            f"| {times}x ({found['blocks']:,} blocks) | {spread.text()} | {ratio:.1f}x | "
            f"{found['traced'] / 2**20:.1f} MiB ({grown:.1f}x) | {found['peak'] / 1024:.0f} MiB | "
            f"{target} |"
        )
    per_docx = cli.median
    per_pdf = pack.median / files
    per_report = per_docx + bare.median
    warm = ours.median + bare.median / files
    council = 1500 * per_report
    national = 300_000 * warm
    missed = [
        (name, text)
        for name, ok, text in (
            ("whole-process build vs pandoc", cli_ok, FIXES["cli"]),
            ("in-process build vs python-docx", inproc_ok, FIXES["inproc"]),
            ("pack vs LibreOffice", pack_ok, _pack_fix(pack, bare, split)),
            ("preview", preview_ok, FIXES["preview"]),
            ("scaling", scale_ok, FIXES["scale"]),
        )
        if not ok
    ]
    machine = "\n".join(f"| {k} | {v} |" for k, v in info.items())
    import_rows = "\n".join(f"| `{name}` | {ms:.0f} ms |" for name, ms in imports)
    fixes = "\n".join(f"- **{name}.** {text}" for name, text in missed) or "Every target is met."
    return f"""# Performance

Written by `.venv/bin/python benchmarks/run.py` (or `make benchmarks`); do not edit by hand, run
it again. Every target is a ratio to a peer measured side by side in the same run, alternating,
so the figures mean the same on any machine. Medians, with the range (min-max) and the number
of runs.

## The machine

| | |
|---|---|
{machine}

## Targets

| what | reportgen | peer | ratio | target | |
|---|---|---|---|---|---|
{chr(10).join(rows)}

The peers get the same content: pandoc reads Markdown made from the resolved document
(`benchmarks/peers.py`: headings, numbered and bulleted lists, pipe tables, bold, italic,
links); python-docx's high-level API writes the same blocks (`Document()`, `add_heading`,
`add_paragraph` with a style name, `add_table`, cell text); LibreOffice converts the .docx files
`reportgen build` wrote for the meeting's documents and front sheets, in one batch, with a
profile of its own made by its warm-up run.

### Size

recovery-from-covid with its information section repeated (`benchmarks/scale.py`; each copy
has its own labels and references). Each size is built in a process of its own after one
warm-up build, alternately with the 1x report: the ratio is to that process's 1x median.
Memory is the peak of Python's allocations during one build (`tracemalloc`; libxml2's memory
for the XML tree is not traced by it) and the process's peak resident size (`ru_maxrss`, with
the imported modules). Both time and memory are held to 1.1 times the size: 11x at 10x,
110x at 100x.

| size | build (YAML → .docx bytes) | vs 1x | build's peak allocation | process peak | target |
|---|---|---|---|---|---|
{chr(10).join(scale_rows)}

## What would fix a missed target

{fixes}

## Where the time goes

Starting Python and importing what `reportgen build` needs takes {started.text()}, of the
whole process's {cli.median:.3f} s; the build itself, once imported, is
{ours.median * 1000:.0f} ms. The slowest imports of `reportgen build` (cumulative, from
`python -X importtime`, which inflates them):

| module | import |
|---|---|
{import_rows}

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

To profile: `python -X importtime -m reportgen build REPORT.yaml -o X.docx 2>&1 | sort -t'|' -k2 -n`
for imports, and `python -m cProfile -s tottime -m reportgen build …` for the build.

## Costs on paper

From this run: a report's .docx costs {per_docx:.2f} s as a separate `reportgen build`
process and {ours.median:.3f} s inside a running process; its PDF costs {bare.median / files:.2f} s
of a LibreOffice batch, and {per_pdf:.2f} s of a pack (the pack's time over its {files}
documents, LibreOffice starting twice and the merging included; see *What would fix a
missed target* for its steps).

- **A council's year, ~1,500 reports**, counted generously: each its own `reportgen build
  --to docx,pdf` command, its PDF a LibreOffice run of its own (counted at the whole batch's
  {bare.median:.1f} s, LibreOffice's start included): 1,500 × {per_report:.2f} s ≈
  {council / 60:.0f} minutes of one core.
  Nothing to plan: one machine does it in a lunch break, and a committee's pack in seconds.
- **A national collection, several hundred thousand reports a year (say 300,000)**, built in
  long-running processes (imports paid once, PDFs in LibreOffice batches):
  300,000 × {warm:.2f} s ≈ {national / 3600:.0f} core-hours a year, most of it LibreOffice:
  {national / 3600 / 16:.1f} hours on one 16-core machine, or a fraction of one core spread
  over the year. A worker's memory is the process peak above (about
  {sizes[1]["peak"] / 1024:.0f} MiB with a report of this size), so workers are limited by
  cores, not memory.
- **How it would run.** On an existing engine, not a home-made one: a Dask bag or Ray task per
  batch of reports calling the library API, e.g.
  `dask.bag.from_sequence(paths, partition_size=200).map_partitions(lambda ps:
  reportgen.build(ps, out_dir=…, to="docx,pdf"))`, or a Ray remote function around
  `reportgen.api.render_many`. Each partition is one Python process (imports once) with one
  LibreOffice run for its PDFs (`render_many` converts all of a batch's PDFs in one LibreOffice
  run), and `reportgen.build` raises one `ReportError` listing a batch's problems, which the job
  records rather than retries. Output goes to object storage or a shared folder; nothing in
  reportgen holds state between reports but the boilerplate and templates it has read (kept
  by path and read again when a file's time, size or inode changes), so the job can be
  retried per partition.
"""
