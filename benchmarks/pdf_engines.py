"""The two PDF engines timed side by side, written as the last section of docs/performance.md.

Run: ``.venv/bin/python benchmarks/pdf_engines.py`` (``benchmarks/run.py`` measures it too, and
writes the section with the rest of the page). Each run is a whole ``reportgen build
reports/examples/recovery-from-covid.yaml -o x.pdf`` process, with ``--pdf-engine libreoffice``
and ``--pdf-engine typst`` in turn, so the two share the machine's load; medians with their
range. The section is replaced between its markers, the rest of the page kept.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import EXAMPLE, OUT, REPORTGEN, Spread, run, side_by_side

START = "<!-- pdf-engines: written by benchmarks/pdf_engines.py -->"
END = "<!-- /pdf-engines -->"
RUNS = int(os.environ.get("BENCH_RUNS", "5"))


def measure(tmp: Path, runs: int = RUNS) -> dict[str, Spread]:
    """Each engine's whole ``reportgen build … -o x.pdf`` process, timed ``runs`` times."""
    engines = ("libreoffice", "typst")

    def build(engine: str) -> None:
        target = tmp / f"{engine}.pdf"
        run(REPORTGEN, "build", str(EXAMPLE), "-o", str(target), "--pdf-engine", engine, "--force")

    spreads = side_by_side(*(lambda e=e: build(e) for e in engines), runs=runs)
    return dict(zip(engines, spreads, strict=True))


def section(spreads: dict[str, Spread]) -> str:
    """The page's section on the PDF engines."""
    lo, ty = spreads["libreoffice"], spreads["typst"]
    return f"""{START}
## PDF engines

`reportgen build reports/examples/recovery-from-covid.yaml -o x.pdf`, a whole process each run,
the two engines in turn:

| `--pdf-engine` | time | |
|---|---|---|
| `libreoffice` (the Word file converted) | {lo.text()} | |
| `typst` (typeset in process) | {ty.text()} | {lo.median / ty.median:.1f}x faster |

Typst needs no LibreOffice and no process of its own: the time is Python's start, the build
and Typst's typesetting (about 0.1 to 0.3 s for a report of this size). The tests of the PDF that
the LibreOffice engine passes run on the Typst PDFs too (tests/writers/typst/test_pdf.py).
{END}
"""


def write(spreads: dict[str, Spread], out: Path = OUT) -> None:
    """Put the section into ``out``, in place of the one there, else at its end."""
    text = out.read_text(encoding="utf-8")
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1].lstrip("\n")
        text = before + section(spreads) + after
    else:
        text = text.rstrip("\n") + "\n\n" + section(spreads)
    out.write_text(text, encoding="utf-8")


def main() -> None:
    """Measure and write the section."""
    with tempfile.TemporaryDirectory() as name:
        write(measure(Path(name)))
    print(f"wrote the PDF engines to {OUT}")


if __name__ == "__main__":
    main()
