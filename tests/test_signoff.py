"""`reportgen sign` on comment files as reviewers write them (issue 16): block and flow
mappings, a fingerprint wrapped over lines, comments, CRLF line endings, no newline at the end.

Each fixture under tests/comments/sign/ becomes the financial comment of tests/check/ready.yaml;
after ``sign``, ``check`` finds the comment signed (no C803) and the file differs from the
reviewer's only in the ``reviewed`` value.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from reportgen.cli import main
from reportgen.errors import ReportError
from reportgen.signoff import signed_text
from tests.conftest import ROOT

SIGN = ROOT / "tests" / "comments" / "sign"
CHECK = ROOT / "tests" / "check"

_VALUE = re.compile(r'[\sv0-9a-f=pr"|>-]*')
"""The characters of a fingerprint as a reviewed value may be written: what sign may change."""
_ADDED = re.compile(r'\r?\n?(?: *|, )reviewed: "v1 p=[0-9a-f]* r=[0-9a-f]*"\r?\n?')
"""What sign adds to a file without a reviewed key: the key and its quoted value."""


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def _codes(report: Path) -> list[str]:
    out = _run("check", "--format", "json", "-q", str(report))[1]
    return [p["code"] for p in json.loads(out)]


def _report_with(tmp_path: Path, fixture: Path) -> tuple[Path, Path]:
    shutil.copytree(CHECK, tmp_path / "check")
    report = tmp_path / "check" / "ready.yaml"
    comment = tmp_path / "check" / "ready.comments" / "financial.yaml"
    shutil.copyfile(fixture, comment)
    return report, comment


@pytest.mark.parametrize("fixture", sorted(SIGN.glob("*.yaml")), ids=lambda p: p.stem)
def test_sign_writes_only_the_fingerprint(fixture: Path, tmp_path: Path) -> None:
    report, comment = _report_with(tmp_path, fixture)
    before = comment.read_bytes()
    assert [c for c in _codes(report) if c[0] in "YSR"] == []  # check reads the file
    code, out = _run("sign", str(report), "--reviewer", "financial")
    assert code == 0, out
    after = comment.read_bytes()
    assert "C803" not in _codes(report)
    assert _run("check", str(report))[1].count("financial signed") == 1
    # every other byte is as it was: what changed is the value, or the key added
    old, new = _span(before.decode(), after.decode())
    if b"reviewed" in before:
        assert _VALUE.fullmatch(old) and _VALUE.fullmatch(new), (old, new)
    else:
        assert old == "" and _ADDED.fullmatch(new), new
    assert re.search(r'reviewed: "v1 p=[0-9a-f]+ r=[0-9a-f]+"', after.decode())
    assert after.count(b"reviewed") == 1
    assert (b"\r\n" in after) == (b"\r\n" in before)
    assert after.replace(b"\r\n", b"").count(b"\n") <= before.replace(b"\r\n", b"").count(b"\n") + 1
    assert after.endswith(b"\n") == before.endswith(b"\n")
    # signing again changes nothing
    assert _run("sign", str(report), "--reviewer", "financial")[0] == 0
    assert comment.read_bytes() == after


def _span(before: str, after: str) -> tuple[str, str]:
    """The part of ``before`` that ``after`` replaced, and what replaced it."""
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1
    return before[start : len(before) - end], after[start : len(after) - end]


FP = "v1 p=123456abcdef r=654321"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("initials: KAS\nbody: [x]\n", 'initials: KAS\nbody: [x]\nreviewed: "' + FP + '"\n'),
        ("{initials: KAS, body: [x]}", '{initials: KAS, body: [x], reviewed: "' + FP + '"}'),
        ("{initials: KAS, body: [x],}\n", '{initials: KAS, body: [x], reviewed: "' + FP + '",}\n'),
        (
            "initials: KAS\nbody:\n  - x\n# done\n",
            'initials: KAS\nbody:\n  - x\nreviewed: "' + FP + '"\n# done\n',
        ),
        (
            'reviewed: "v1 p=aa\r\n  r=bb"\r\ninitials: KAS\r\n',
            'reviewed: "' + FP + '"\r\ninitials: KAS\r\n',
        ),
        (
            "initials: KAS\nreviewed: |\n  old\n\nbody: [x]\n",
            f'initials: KAS\nreviewed: "{FP}"\n\nbody: [x]\n',
        ),
        ("initials: KAS\nreviewed:\nbody: [x]\n", f'initials: KAS\nreviewed: "{FP}"\nbody: [x]\n'),
        (
            "{initials: KAS, reviewed: old, body: [x]}",
            f'{{initials: KAS, reviewed: "{FP}", body: [x]}}',
        ),
    ],
)
def test_the_fingerprint_replaces_exactly_the_value(text: str, expected: str) -> None:
    loose = text.replace("initials: KAS", "initials: KAS\ndate: 2016-12-12")
    if "\r\n" in text:
        loose = text.replace(
            "initials: KAS\r\n", "initials: KAS\r\ndate: 2016-12-12\r\nbody: [x]\r\n"
        )
        expected = expected.replace(
            "initials: KAS\r\n", "initials: KAS\r\ndate: 2016-12-12\r\nbody: [x]\r\n"
        )
    elif text.startswith("{"):
        loose = text.replace("initials: KAS,", "initials: KAS, date: 2016-12-12,")
        expected = expected.replace("initials: KAS,", "initials: KAS, date: 2016-12-12,")
    else:
        expected = expected.replace("initials: KAS", "initials: KAS\ndate: 2016-12-12")
    assert signed_text(loose, FP, "c.yaml") == expected


HEAD = "initials: KAS\ndate: 2016-12-12\nbody:\n  - "


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a block scalar that keeps its blank lines: the key goes after them
            HEAD + "|+\n    kept\n\n\n# end\n",
            HEAD + f'|+\n    kept\n\n\nreviewed: "{FP}"\n# end\n',
        ),
        (  # a block scalar that ends the file without a line break: the key goes first
            HEAD + ">\n    folded",
            f'reviewed: "{FP}"\n' + HEAD + ">\n    folded",
        ),
        ("\ufeff" + HEAD + "x\n", "\ufeff" + HEAD + f'x\nreviewed: "{FP}"\n'),
        ("---\n" + HEAD + "x\n...\n", "---\n" + HEAD + f'x\nreviewed: "{FP}"\n...\n'),
    ],
)
def test_the_comment_itself_reads_the_same_after_signing(text: str, expected: str) -> None:
    assert signed_text(text, FP, "c.yaml") == expected


def test_a_file_that_would_not_read_back_is_refused_with_its_place() -> None:
    with pytest.raises(ReportError) as caught:
        signed_text("- a list\n", FP, "c.yaml")
    [problem] = caught.value.problems
    assert problem.code == "C811" and problem.where.file == "c.yaml"
