"""Reports 10 and 100 times the size of recovery-from-covid, for the scaling benchmark.

The report's ``information`` section is repeated: every copy after the first gets its own
labels (``demand-start`` becomes ``demand-start-2``), and the references, figures and totals
inside the copy follow its labels, so every copy resolves like the original. The rest of the
report (purpose, implications, recommendations…) is written once, as in the original.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "reports" / "examples" / "recovery-from-covid.yaml"


def _labels(node: Any, found: set[str]) -> set[str]:
    """Every ``label:`` value under ``node``."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "label" and isinstance(value, str):
                found.add(value)
            _labels(value, found)
    elif isinstance(node, list):
        for item in node:
            _labels(item, found)
    return found


def _relabel(node: Any, labels: set[str], suffix: str) -> Any:
    """A copy of ``node`` whose labels, and the quoted mentions of them, end in ``suffix``."""
    if isinstance(node, dict):
        return {
            key: (
                value + suffix
                if key == "label" and value in labels
                else _relabel(value, labels, suffix)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_relabel(item, labels, suffix) for item in node]
    if isinstance(node, str) and "'" in node:
        pattern = re.compile(r"'(" + "|".join(map(re.escape, labels)) + r")'")
        return pattern.sub(lambda m: f"'{m.group(1)}{suffix}'", node)
    return node


def scaled(times: int, folder: Path) -> Path:
    """Write recovery-from-covid with its information section ``times`` over into ``folder``.

    The pay scale it names (``../pay-scales/``) is copied beside the folder. Returns the path.
    """
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    data["pay_scale"] = str((EXAMPLE.parent / data["pay_scale"]).resolve())
    information = data["information"]
    labels = _labels(information, set())
    data["information"] = [
        item
        for n in range(times)
        for item in (information if n == 0 else _relabel(information, labels, f"-{n + 1}"))
    ]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"recovery-x{times}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    comments = EXAMPLE.with_name(EXAMPLE.stem + ".comments")
    if comments.is_dir():
        shutil.copytree(comments, folder / f"{path.stem}.comments", dirs_exist_ok=True)
    return path
