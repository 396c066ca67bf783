"""Properties over meetings whose documents' names collide: nothing of an exempt item reaches
the public pack, and every public document is in it as itself.

Hypothesis writes a meeting of one to three report items, each with up to two appendices (YAML
documents or Word files), their files drawn from a few folders that differ in case or nest
(``a``, ``A``, ``b``, ``a/b``) and a few stems (``report``, ``Report``, ``plan``, ``minutes``,
the last also the name of the minutes the meeting confirms), reports as ``.yaml`` or ``.yml``
and appendices as ``.yaml`` or ``.docx``: same stems in different folders, names differing in
case, names differing only in suffix, and the same file named twice. Every file carries a token
of its own (``DOC03-7f3a``) in its title and text, and a report's reviewers' comment files
beside it carry the report's.

The meeting either fails with exactly the problems its names call for (M710 for a file named
both public and exempt, M711 for two reports reading one comment folder) or builds; then the
public pack's documents hold no exempt file's token and each public document holds its own
file's. That is checked on the documents the public pack is made of, before LibreOffice, for
many meetings; and for a few on the real packs, every stream and string of the public PDF
decoded.
"""

from __future__ import annotations

import io
import re
import tempfile
import textwrap
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pikepdf
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportgen import api
from reportgen.boilerplate import load_boilerplate
from reportgen.errors import ReportError
from reportgen.meeting import PackDocument, ResolvedMeeting, load_meeting
from tests.conftest import ROOT
from tests.pack.test_assemble import every_string, page_texts

_BOILERPLATE = load_boilerplate()
WORD_SOURCE = ROOT / "tests" / "meeting" / "meetings" / "2022-03-14" / "budget-detail.docx"
WORD_TEXT = b"Budget detail, an appendix given as a Word file."
MINUTES_TOKEN = "MINUTES-7f3a"

FOLDERS = ("a", "A", "b", "a/b")
STEMS = ("report", "Report", "plan", "minutes")


@dataclass(frozen=True)
class AppendixSpec:
    folder: str
    stem: str
    word: bool
    exempt: bool

    @property
    def path(self) -> str:
        return f"{self.folder}/app/{self.stem}.{'docx' if self.word else 'yaml'}"


@dataclass(frozen=True)
class ItemSpec:
    folder: str
    stem: str
    suffix: str
    exempt: bool
    comment_files: bool
    appendices: tuple[AppendixSpec, ...]

    @property
    def path(self) -> str:
        return f"{self.folder}/{self.stem}{self.suffix}"


APPENDIX = st.builds(
    AppendixSpec, st.sampled_from(FOLDERS), st.sampled_from(STEMS), st.booleans(), st.booleans()
)
ITEM = st.builds(
    ItemSpec,
    st.sampled_from(FOLDERS),
    st.sampled_from(STEMS),
    st.sampled_from((".yaml", ".yml")),
    st.booleans(),
    st.booleans(),
    st.lists(APPENDIX, max_size=2).map(tuple),
)
MEETING = st.lists(ITEM, min_size=1, max_size=3)


def _colliding(items: list[ItemSpec]) -> bool:
    """Whether a public and an exempt file of the meeting have the same stem, in any case."""
    stems: dict[str, set[tuple[str, bool]]] = defaultdict(set)
    for item in items:
        stems[item.stem.casefold()].add((item.path, item.exempt))
        for appendix in item.appendices:
            hidden = item.exempt or appendix.exempt
            stems[appendix.stem.casefold()].add((appendix.path, hidden))
    return any(
        len({path for path, _ in uses}) > 1 and {hidden for _, hidden in uses} == {False, True}
        for uses in stems.values()
    )


COLLIDING = MEETING.filter(_colliding)
"""Meetings in which an exempt file shares its name with a public one."""


def _report(token: str, inline_comments: bool) -> str:
    text = f"""\
        committee: Test Committee
        date: 2022-03-14
        report_of: the Service Director
        title: Report {token}
        figures:
          cost: £1,000
        purpose:
          - "To approve the {token} plan at {{{{ fig('cost') }}}}."
        information:
          - The {token} plan.
        recommendations:
          items: [the {token} plan is approved]
        signed_by: {{name: Sue Batty, title: Service Director}}
        contacts: [{{name: Tessa Diment}}]
        """
    text = textwrap.dedent(text)
    if inline_comments:
        text += textwrap.dedent("""\
            comments:
              constitutional: {initials: LM, date: 2022-03-01, body: [Within the terms.]}
              financial: {initials: KAS, date: 2022-03-01, body: [Funded.]}
            """)
    return text


def _word(text: str) -> bytes:
    """A Word file whose one paragraph is ``text``."""
    out = io.BytesIO()
    with zipfile.ZipFile(WORD_SOURCE) as source, zipfile.ZipFile(out, "w") as word:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(WORD_TEXT, text.encode())
            word.writestr(info, data)
    return out.getvalue()


@dataclass
class Written:
    """A meeting written to disk, and what its names call for."""

    meeting: Path
    tokens: dict[str, str]
    """Each file's token, by its path as the meeting file writes it."""
    hidden: set[str]
    """The files only exempt items and appendices name."""
    expected: set[str]
    """The problem codes the meeting must fail with; empty when it must build."""
    plan: list[list[tuple[str, bool]]]
    """Each report item's documents: their paths, and whether each is exempt."""


def _write(folder: Path, items: list[ItemSpec]) -> Written:
    """Write the meeting ``items`` describe, with the minutes it confirms, under ``folder``."""
    root = folder / "2022-03-14"
    (folder / "2022-02-07").mkdir(parents=True)
    (folder / "2022-02-07" / "minutes.yaml").write_text(
        textwrap.dedent(f"""\
            committee: Test Committee
            date: 2022-02-07
            time: 10.30 am
            members: [{{name: Boyd Elliott}}]
            items: [{{title: The {MINUTES_TOKEN} item, resolved: [{{intro: Noted.}}]}}]
            """)
    )
    tokens: dict[str, str] = {}
    plan: list[list[tuple[str, bool]]] = []
    uses: dict[str, set[bool]] = defaultdict(set)
    folders: dict[str, set[str]] = defaultdict(set)
    lines = [
        "committee: Test Committee",
        "date: 2022-03-14",
        'time: "10:30"',
        "venue: County Hall",
        "contact: {name: Jo Toomey}",
        "membership: [{name: Boyd Elliott}]",
        "items:",
        "  - minutes: ../2022-02-07/minutes.yaml",
    ]
    for item in items:
        token = tokens.setdefault(item.path, f"DOC{len(tokens):02d}-7f3a")
        path = root / item.path
        comments = path.with_name(path.stem + ".comments")
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_report(token, inline_comments=not item.comment_files))
            if item.comment_files and not comments.exists():
                comments.mkdir()
                for kind, initials in (("constitutional", "LM"), ("financial", "KAS")):
                    (comments / f"{kind}.yaml").write_text(
                        f"initials: {initials}\ndate: 2022-03-01\nbody: [The {token} comment.]\n"
                    )
        uses[item.path].add(item.exempt)
        plan.append([(item.path, item.exempt)])
        folders[str(PurePosixPath(item.path).parent / (PurePosixPath(item.path).stem))].add(
            item.path
        )
        lines.append(f"  - report: {item.path}")
        if item.exempt:
            lines += ["    title: An exempt item", "    exempt: {paragraph: 3}"]
        if item.appendices:
            lines.append("    appendices:")
        for appendix in item.appendices:
            token = tokens.setdefault(appendix.path, f"DOC{len(tokens):02d}-7f3a")
            file = root / appendix.path
            if not file.exists():
                file.parent.mkdir(parents=True, exist_ok=True)
                if appendix.word:
                    file.write_bytes(_word(f"Word appendix {token}."))
                else:
                    file.write_text(f"title: Appendix {token}\nbody: [The {token} appendix.]\n")
            uses[appendix.path].add(item.exempt or appendix.exempt)
            plan[-1].append((appendix.path, item.exempt or appendix.exempt))
            exempt = ", exempt: {paragraph: 3}" if appendix.exempt else ""
            lines.append(f"      - {{file: {appendix.path}{exempt}}}")
    (root / "meeting.yaml").write_text("\n".join(lines) + "\n")
    expected = set()
    if any(len(flags) > 1 for flags in uses.values()):
        expected.add("M710")
    for stem, reports in folders.items():
        if len(reports) > 1 and (root / f"{stem}.comments").is_dir():
            expected.add("M711")
    hidden = {path for path, flags in uses.items() if flags == {True}}
    return Written(root / "meeting.yaml", tokens, hidden, expected, plan)


def _text(document: PackDocument) -> str:
    """Everything of ``document`` the pack could print: its outline entry and its content."""
    if document.document is not None:
        return document.name + repr(document.document)
    assert document.file is not None
    with zipfile.ZipFile(document.file) as word:
        return document.name + word.read("word/document.xml").decode()


def _loaded(written: Written) -> ResolvedMeeting | None:
    """The meeting resolved, or None when it fails with exactly the expected problems."""
    try:
        meeting = load_meeting(written.meeting, _BOILERPLATE)
    except ReportError as exc:
        codes = {p.code for p in exc.problems}
        assert written.expected, str(exc)
        # a report reading another's comment folder may also find a kind written twice
        assert written.expected <= codes <= written.expected | {"R307"}, str(exc)
        return None
    assert not written.expected
    return meeting


TOKEN = re.compile(r"DOC\d\d-7f3a")


def _public(meeting: ResolvedMeeting, written: Written) -> list[tuple[PackDocument, str]]:
    """The public pack's documents (the minutes aside), each with the file it must be made of:
    the item's documents in the order the meeting file lists them, each as exempt as it says."""
    out = []
    for item, planned in zip(meeting.items[1:], written.plan, strict=True):
        assert [(d.level, d.exempt) for d in item.documents] == [
            (min(n, 1), hidden) for n, (_, hidden) in enumerate(planned)
        ]
        out += [
            (d, path)
            for d, (path, hidden) in zip(item.documents, planned, strict=True)
            if not hidden
        ]
    return out


def _check_documents(meeting: ResolvedMeeting, written: Written) -> None:
    secret = [written.tokens[path] for path in written.hidden]
    [minutes] = meeting.items[0].documents
    assert MINUTES_TOKEN in _text(minutes) and not TOKEN.search(_text(minutes))
    front = repr(meeting.agenda({}, public=True))
    public = _public(meeting, written)
    for token in secret:
        assert token not in front
        for document, _ in public:
            assert token not in _text(document), (token, document.name)
    for document, path in public:
        assert set(TOKEN.findall(_text(document))) == {written.tokens[path]}, path


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(items=MEETING)
def test_no_exempt_document_is_among_the_public_packs_documents(items: list[ItemSpec]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        written = _write(Path(tmp) / "meetings", items)
        meeting = _loaded(written)
        if meeting is not None:
            _check_documents(meeting, written)


@settings(
    max_examples=3,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(items=COLLIDING)
def test_no_exempt_token_is_in_any_byte_of_the_real_public_pack(items: list[ItemSpec]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        written = _write(Path(tmp) / "meetings", items)
        meeting = _loaded(written)
        if meeting is None:
            return
        packs = api.pack(written.meeting, Path(tmp) / "out")
        public = packs[0].read_bytes()
        text = " ".join(page_texts(public)).casefold()
        with pikepdf.open(io.BytesIO(public)) as pdf:
            strings = list(every_string(pdf))
        for path in written.hidden:
            token = written.tokens[path]
            for spelling in (token, token.upper()):
                assert spelling.encode() not in public
                assert not any(spelling.encode() in chunk for chunk in strings)
                assert not any(spelling.encode("utf-16-be") in chunk for chunk in strings)
            assert token.casefold() not in text
        for _, path in _public(meeting, written):
            assert written.tokens[path].casefold() in text
