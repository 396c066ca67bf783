"""The meetings website's later pages and files: the public agenda pack's PDF (and --no-pdf),
each meeting's decisions and the minutes linked from the next agenda, the forward plan and the
decisions register, the exempt marker in no file (the PDFs read back), and Kingsmere's site in
its own words with its crest."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pikepdf
import pytest
from lxml import etree

from reportgen import api
from reportgen.decisions import decisions_register
from tests.conftest import ROOT
from tests.pack.test_assemble import every_string, page_texts
from tests.site.test_site import MARCH, build

COMMITTEE = "adult-social-care-and-public-health-committee"
KINGSMERE = ROOT / "reports" / "kingsmere"
EXEMPT = ROOT / "tests" / "pack" / "exempt"
EXEMPT_MARKER = "MARKER-EXEMPT-7f3a"


def _tree(page: Path) -> etree._ElementTree:
    return etree.parse(str(page), etree.HTMLParser())


def _text(node: etree._Element) -> str:
    return " ".join(str(node.xpath("string()")).split())


@pytest.fixture(scope="module")
def with_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(MARCH, tmp_path_factory.mktemp("site") / "site", "--pdf")


@pytest.fixture(scope="module")
def march(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(MARCH, tmp_path_factory.mktemp("site") / "site")


def test_the_meeting_page_links_its_public_pack_with_its_pages(with_pdf: Path) -> None:
    page = with_pdf / COMMITTEE / "2022-03-14" / "index.html"
    links = _tree(page).xpath("//a[@href='agenda-pack.pdf']")
    assert len(links) == 1
    pdf = (page.parent / "agenda-pack.pdf").read_bytes()
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        pages = len(opened.pages)
    assert _text(links[0]) == f"Download the agenda pack (PDF, {pages} pages)"
    texts = page_texts(pdf)
    assert len(texts) == pages and "Carers" in " ".join(texts)
    # the January meeting is known by its minutes only: it has no pack
    assert not list((with_pdf / COMMITTEE / "2022-01-24").glob("*.pdf"))
    assert [p.name for p in with_pdf.rglob("*.pdf")] == ["agenda-pack.pdf"]


def test_no_pdf_leaves_the_pack_out(march: Path) -> None:
    assert not list(march.rglob("*.pdf"))
    assert "agenda-pack.pdf" not in (march / COMMITTEE / "2022-03-14" / "index.html").read_text()


def test_the_agenda_links_the_minutes_it_confirms(march: Path) -> None:
    page = march / COMMITTEE / "2022-03-14" / "index.html"
    first = _tree(page).xpath("//ol[@class='agenda']/li")[0]
    link = first.xpath(".//span[@class='item']/a")[0]
    assert _text(link).startswith("Minutes of last meeting held on 24 January 2022")
    assert link.get("href") == "../2022-01-24/minutes.html"
    minutes = (page.parent / link.get("href")).resolve()
    assert "24 January 2022" in minutes.read_text()


def test_a_meeting_lists_its_decisions_as_the_register_has_them(march: Path) -> None:
    from reportgen.boilerplate import load_boilerplate
    from reportgen.profile import profile_for

    calendar = load_boilerplate(profile_for([MARCH], None)).calendar
    register = decisions_register([MARCH], calendar, today=dt.date(2023, 11, 14))
    january = [d for d in register.decisions if d.meeting_date == dt.date(2022, 1, 24)]
    assert january
    rows = _tree(march / COMMITTEE / "2022-01-24" / "index.html").xpath(
        "//table[@class='decisions']/tbody/tr"
    )
    assert [[_text(td) for td in row.xpath("td")] for row in rows] == [
        [d.number, d.title, "31 January 2022", "Can be implemented"]
        for d in sorted(january, key=lambda d: d.number)
    ]
    caption = _tree(march / COMMITTEE / "2022-01-24" / "index.html").xpath("//caption")[0]
    assert _text(caption) == "Call-in status as of 14 November 2023."  # SOURCE_DATE_EPOCH


def test_the_status_follows_today(tmp_path: Path) -> None:
    site = build(MARCH, tmp_path / "site", "--no-pdf", "--today", "2022-01-27")
    rows = _tree(site / COMMITTEE / "2022-01-24" / "index.html").xpath(
        "//table[@class='decisions']/tbody/tr"
    )
    assert rows and all(_text(row.xpath("td")[3]) == "Open for call-in" for row in rows)


def test_the_register_page_is_reportgen_register_s(march: Path, tmp_path: Path) -> None:
    out = tmp_path / "register.json"
    from click.testing import CliRunner

    from reportgen.cli import main

    result = CliRunner(env={"SOURCE_DATE_EPOCH": "1700000000"}).invoke(
        main, ["register", str(MARCH), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    decisions = json.loads(out.read_text())["decisions"]
    page = march / "decisions" / "index.html"
    rows = _tree(page).xpath("//table[@class='decisions']/tbody/tr")
    assert [_text(row.xpath("td")[0]) for row in rows] == [d["number"] for d in decisions]
    assert [_text(row.xpath("td")[2]) for row in rows] == [d["title"] for d in decisions]
    href = rows[0].xpath("td[2]/a")[0].get("href")
    newest = decisions[0]["meeting_date"]  # newest first: the March 2022 minutes' decisions
    assert (page.parent / href).resolve() == (march / COMMITTEE / newest / "index.html")


def test_the_forward_plan_page_is_reportgen_forward_plan_s(march: Path) -> None:
    plan = api.forward_plan([MARCH], dt.date(2022, 1, 24), dt.date(2022, 3, 14))
    page = _tree(march / "forward-plan" / "index.html")
    assert _text(page.xpath("//h1")[0]) == plan.meta.title
    rows = page.xpath("//table[@class='plan']/tbody/tr")
    assert len(rows) == 1
    cells = [_text(td) for td in rows[0].xpath("td")]
    assert cells[0].startswith("Proposed increase in fees") and cells[2] == "14 March 2022"


def test_every_page_navigates_to_the_plan_and_the_register(march: Path) -> None:
    for page in march.rglob("index.html"):
        nav = _tree(page).xpath("//nav[@class='sections']//a/@href")
        targets = {(page.parent / href).resolve() for href in nav}
        assert (march / "forward-plan" / "index.html").resolve() in targets, page
        assert (march / "decisions" / "index.html").resolve() in targets, page
    index = _tree(march / "index.html").xpath("//main//a/@href")
    assert "forward-plan/index.html" in index and "decisions/index.html" in index


def test_the_search_index_holds_the_plan_and_the_register(march: Path) -> None:
    entries = json.loads((march / "search.json").read_text())
    by_url = {e["url"]: e for e in entries}
    assert any("Proposed increase in fees" in t for t in by_url["forward-plan/index.html"]["text"])
    assert any("2022/001" in t for t in by_url["decisions/index.html"]["text"])
    script = (march / "search-index.js").read_text()
    assert script.startswith("/*") and "window.reportgenSearch = " in script
    assert json.loads(script.split(" = ", 1)[1].rstrip().rstrip(";")) == entries


def test_the_exempt_marker_is_in_no_file_of_the_site_pdfs_included(tmp_path: Path) -> None:
    meetings = tmp_path / "meetings"
    shutil.copytree(EXEMPT, meetings / "2022-03-14")
    assert any(EXEMPT_MARKER in p.read_text() for p in (meetings / "2022-03-14").iterdir())
    site = build(meetings, tmp_path / "site", "--pdf")
    files = [p for p in site.rglob("*") if p.is_file()]
    pdfs = [p for p in files if p.suffix == ".pdf"]
    assert len(pdfs) == 1 and "confidential" not in pdfs[0].name
    for file in files:
        assert EXEMPT_MARKER.encode() not in file.read_bytes(), file
        assert EXEMPT_MARKER not in str(file)
    data = pdfs[0].read_bytes()
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert not any(EXEMPT_MARKER.encode() in chunk for chunk in every_string(pdf))
    texts = page_texts(data)
    assert not any(EXEMPT_MARKER in t for t in texts)
    assert any("The staffing plan" in t for t in texts)  # the public report is there
    meeting = (site / "test-committee" / "2022-03-14" / "index.html").read_text()
    assert "A contract award" in meeting and "paragraph 1 of Schedule 12A" in meeting
    # the public report's exempt appendix is named, as the meeting file titles it, not linked
    assert "Appendix 2: Commercial terms – <span" in meeting
    assert "paragraph 3 of Schedule 12A" in meeting


def test_kingsmere_s_site_in_its_own_words_with_its_crest(tmp_path: Path) -> None:
    site = build(KINGSMERE, tmp_path / "site")
    index = _tree(site / "index.html")
    logo = index.xpath("//header//img")[0]
    assert logo.get("alt") == "Kingsmere City Council crest"
    crest = (ROOT / "reportgen" / "profiles" / "kingsmere" / "kingsmere-crest.png").read_bytes()
    assert (site / logo.get("src")).read_bytes() == crest
    assert _text(index.xpath("//h1")[0]) == "Kingsmere meetings and decisions"
    nav = [_text(a) for a in index.xpath("//nav[@class='sections']//a")]
    assert nav == ["Home", "Notice of Key Decisions", "Record of decisions"]
    plan = _tree(site / "forward-plan" / "index.html")
    assert "Notice of Key Decisions" in _text(plan.xpath("//h1")[0])
    assert "--band: #005F61" in (site / "site.css").read_text()
    meeting = next(site.glob("*/2026-11-19/index.html"))
    assert "Papers for this meeting" in meeting.read_text()
    # Nottinghamshire's site shows no logo
    march = build(MARCH, tmp_path / "march")
    assert not _tree(march / "index.html").xpath("//header//img")


def _crawl(site: Path) -> set[Path]:
    """Every file reached from index.html by following links; each link must resolve."""
    from tests.site.test_site import _parsed

    seen: set[Path] = set()
    todo = [(site / "index.html").resolve()]
    while todo:
        page = todo.pop()
        if page in seen:
            continue
        seen.add(page)
        if page.suffix != ".html":
            continue
        for link in _parsed(page).links:
            if link.startswith(("mailto:", "tel:", "data:")):  # a contact, an inline image
                continue
            if "://" in link:  # a report's link to the web; the site's own pages have none
                assert page.name != "index.html", (page, link)
                continue
            assert not link.startswith("/"), (page, link)
            path = link.split("#")[0].split("?")[0]
            if not path:
                continue
            target = (page.parent / path).resolve()
            assert target.is_file(), (page, link)
            assert site.resolve() in target.parents, (page, link)
            todo.append(target)
    return seen


def test_a_crawler_reaches_every_file_by_links_that_resolve(with_pdf: Path, tmp_path: Path) -> None:
    for site in (with_pdf, build(KINGSMERE, tmp_path / "kingsmere", "--pdf")):
        reached = _crawl(site)
        linked = {p.resolve() for p in site.rglob("*") if p.suffix in {".html", ".pdf", ".png"}}
        assert linked <= reached, linked - reached
        assert any(p.suffix == ".pdf" for p in reached)
