"""The meetings website: its pages present and linked, the agenda as the meeting has it, no
exempt content anywhere, feeds that parse back, the same bytes twice, and bad folders."""

from __future__ import annotations

import html.parser
import posixpath
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from reportgen.cli import main
from tests.conftest import ROOT

HERE = Path(__file__).resolve().parent
MEETINGS = HERE / "meetings"
MARCH = ROOT / "reports" / "meetings"
MARKER = b"SECRETMARKER"  # in the exempt item's report, its appendix, and the exempt appendix
ATOM = "{http://www.w3.org/2005/Atom}"


def build(folder: Path, out: Path, *extra: str) -> Path:
    """The site of ``folder`` in ``out``, without the packs' PDFs unless ``extra`` says
    otherwise (``--no-pdf`` is the default here, for speed)."""
    options = list(extra) or ["--no-pdf"]
    result = CliRunner(env={"SOURCE_DATE_EPOCH": "1700000000"}).invoke(
        main, ["site", str(folder), "-o", str(out), *[o for o in options if o != "--pdf"]]
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(MEETINGS, tmp_path_factory.mktemp("site") / "site")


@pytest.fixture(scope="module")
def march_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(MARCH, tmp_path_factory.mktemp("site") / "site")


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.h1 = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.h1 += tag == "h1"
        for name, value in attrs:
            if name in {"href", "src"} and value:
                self.links.append(value)


def _parsed(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _site_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("index.html"))


def test_no_exempt_content_reaches_any_file(fixture_site: Path) -> None:
    assert MARKER in (MEETINGS / "2022-03-14" / "annex.yaml").read_bytes()
    assert MARKER in (MEETINGS / "2022-03-14" / "secret.yaml").read_bytes()
    files = [p for p in fixture_site.rglob("*") if p.is_file()]
    assert len(files) > 8
    for file in files:
        assert MARKER not in file.read_bytes(), file
        assert MARKER.decode() not in str(file)
    meeting = (fixture_site / "test-committee" / "2022-03-14" / "index.html").read_text()
    assert "A contract award" in meeting and "paragraph 3 of Schedule 12A" in meeting


def test_every_link_inside_the_site_resolves(march_site: Path) -> None:
    pages = _site_pages(march_site)
    assert len(pages) == 6  # the index, the committee, two meetings, the plan, the register
    reached: set[Path] = set()
    for page in pages:
        parsed = _parsed(page)
        assert parsed.h1 == 1, page
        for link in parsed.links:
            assert "://" not in link and not link.startswith("/"), (page, link)
            if link.startswith("#"):
                assert f'id="{link[1:]}"' in page.read_text(), (page, link)
                continue
            target = (page.parent / posixpath.normpath(link.split("#")[0])).resolve()
            assert target.is_file(), (page, link)
            reached.add(target)
    html_files = {p.resolve() for p in march_site.rglob("*.html")}
    assert html_files <= reached


def test_the_agenda_is_the_meeting_s(march_site: Path) -> None:
    from reportgen.boilerplate import load_boilerplate
    from reportgen.meeting import load_meeting
    from reportgen.profile import profile_for

    path = MARCH / "2022-03-14" / "meeting.yaml"
    resolved = load_meeting(path, load_boilerplate(profile_for([path], None)))
    page = march_site / "adult-social-care-and-public-health-committee" / "2022-03-14"
    tree = etree.parse(str(page / "index.html"), etree.HTMLParser())
    rows = tree.xpath("//ol[@class='agenda']/li")
    assert len(rows) == len(resolved.items)
    for row, item in zip(rows, resolved.items, strict=True):
        assert row.xpath("string(span[@class='number'])") == f"{item.line.number}."
        assert item.line.title in " ".join(row.xpath("string(span[@class='item'])").split())
    committee = (page.parent / "index.html").read_text()
    assert committee.index("14 March 2022") < committee.index("24 January 2022")  # newest first
    assert "Boyd Elliott" in committee  # the newest meeting's membership


def _unfold(data: bytes) -> list[str]:
    """A strict reader: every line ends with CRLF, is at most 75 octets, and unfolds."""
    assert data.endswith(b"\r\n")
    raw = data.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in raw)
    lines: list[str] = []
    for line in raw:
        if line.startswith(b" "):
            lines[-1] += line[1:].decode("utf-8")
        else:
            lines.append(line.decode("utf-8"))
    return lines


def test_the_calendar_parses_with_one_event_per_meeting(march_site: Path) -> None:
    lines = _unfold((march_site / "meetings.ics").read_bytes())
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "BEGIN:VTIMEZONE" in lines and "TZID:Europe/London" in lines
    events = "\n".join(lines).split("BEGIN:VEVENT")[1:]
    assert len(events) == 2
    for event in events:
        names = {line.split(":")[0].split(";")[0] for line in event.splitlines() if line}
        assert {"UID", "DTSTAMP", "DTSTART", "SUMMARY", "LOCATION", "URL"} <= names
    assert "DTSTAMP:20231114T221320Z" in lines  # SOURCE_DATE_EPOCH
    assert "DTSTART;TZID=Europe/London:20220314T103000" in lines
    url = next(line for line in lines if line.startswith("URL:") and "03-14" in line)
    assert (march_site / url[4:]).is_file()


def test_the_atom_feed_has_an_entry_per_document(march_site: Path) -> None:
    feed = etree.parse(str(march_site / "feed.xml")).getroot()
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{name}") is not None
    entries = feed.findall(f"{ATOM}entry")
    documents = [p for p in march_site.rglob("*.html") if p.name != "index.html"]
    assert len(entries) == len(documents)
    for entry in entries:
        for name in ("id", "title", "updated", "link"):
            assert entry.find(f"{ATOM}{name}") is not None
        assert (march_site / entry.find(f"{ATOM}link").get("href")).is_file()


def test_two_builds_give_the_same_bytes(march_site: Path, tmp_path: Path) -> None:
    again = build(MARCH, tmp_path / "again")
    first = {
        p.relative_to(march_site): p.read_bytes() for p in march_site.rglob("*") if p.is_file()
    }
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first == second


def test_an_edited_page_is_not_overwritten(march_site: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("someone's own page")
    result = CliRunner().invoke(main, ["site", str(MARCH), "-o", str(out)])
    assert result.exit_code == 2
    assert (out / "index.html").read_text() == "someone's own page"
    assert not (out / "site.css").exists()


def test_a_folder_with_no_meetings(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["site", str(tmp_path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "O577" in result.output and str(tmp_path) in result.output
    assert not (tmp_path / "out").exists()


def test_a_meeting_that_fails_to_load(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["site", str(HERE / "bad"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "meeting.yaml:" in result.output
    assert not (tmp_path / "out").exists()
