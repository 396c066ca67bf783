"""The profile's look (look.yaml) on a pack's front sheet: the agenda is printed in the
profile's font and colours, as its reports are."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx

from reportgen.boilerplate import DEFAULT_DIR, load_boilerplate
from reportgen.meeting import load_meeting
from reportgen.writers.docx.writer import render_docx

MEETING = Path(__file__).resolve().parents[2] / "reports" / "meetings" / "2022-03-14"
LOOK = Path(__file__).resolve().parents[1] / "resolve" / "header" / "look.yaml"


def test_the_front_sheet_takes_the_profile_s_look(tmp_path: Path) -> None:
    folder = tmp_path / "profile"
    shutil.copytree(DEFAULT_DIR, folder)
    shutil.copy(LOOK, folder / "look.yaml")
    meeting = load_meeting(MEETING / "meeting.yaml", load_boilerplate(folder))
    front = docx.Document(io.BytesIO(render_docx(meeting.agenda({}, public=True))))
    assert str(front.styles["Heading 1"].font.color.rgb) == "7A1F5C"
    assert front.styles["Normal"].font.name == "Georgia"
    plain = load_meeting(MEETING / "meeting.yaml", load_boilerplate(DEFAULT_DIR))
    bundled = docx.Document(io.BytesIO(render_docx(plain.agenda({}, public=True))))
    assert bundled.styles["Normal"].font.name == "Arial"


def test_a_report_without_its_item_number_prints_its_place_in_the_agenda(tmp_path: Path) -> None:
    shutil.copytree(MEETING.parents[1], tmp_path / "reports")  # the meeting's paths lead out
    folder = tmp_path / "reports" / "meetings" / MEETING.name
    report = folder / "05-staffing-establishment.yaml"
    lines = report.read_text(encoding="utf-8").splitlines(keepends=True)
    report.write_text("".join(x for x in lines if x != "agenda_item: 5\n"), encoding="utf-8")
    meeting = load_meeting(folder / "meeting.yaml", load_boilerplate(DEFAULT_DIR))
    (document,) = [
        d.document for d in meeting.documents(public=False) if d.source.name == report.name
    ]
    assert document is not None
    assert document.meta.agenda_item == "5"
    line = document.meta.line("agenda_item")
    assert line is not None and line.text == "Agenda Item: 5"


def test_the_logo_heads_the_front_sheet(tmp_path: Path) -> None:
    folder = tmp_path / "profile"
    shutil.copytree(DEFAULT_DIR, folder)
    shutil.copy(LOOK.with_name("look-logo.yaml"), folder / "look.yaml")
    shutil.copy(LOOK.with_name("logo.png"), folder / "logo.png")
    meeting = load_meeting(MEETING / "meeting.yaml", load_boilerplate(folder))
    front = docx.Document(io.BytesIO(render_docx(meeting.agenda({}, public=True))))
    assert len(front.inline_shapes) == 1
    assert front.paragraphs[0]._p.xpath(".//pic:pic")
