"""The legal (constitutional) reviewer's sheet: the recommendations as the report numbers them,
the committee, the statutory paragraph and the areas it considers, the background papers and
whether each has an address, and the constitutional comment."""

from __future__ import annotations

from dataclasses import replace

from reportgen.boilerplate import Boilerplate
from reportgen.document import Document, Heading, LineBreak, Link, ListMark, Para, Text
from reportgen.model import Paper
from reportgen.review.build import CellText, finish, frame, quoted, settled
from reportgen.review.source import Source, spots


def legal_sheet(source: Source, boilerplate: Boilerplate) -> Document:
    """The legal reviewer's sheet: recommendations, committee, statutory paragraph, background
    papers and the constitutional comment."""
    words = boilerplate.review_sheets
    w = words.legal
    report = source.report
    meta, sheet = frame(source, w.name, boilerplate, w.landscape)
    where = spots(source.document, words)

    sheet.heading(2, w.recommendations.heading)
    recommendations = [b for _, b, _ in source.part("recommendations") if isinstance(b, Para)]
    if not any(para.role == "recommendation" for para in recommendations):
        sheet.para(w.recommendations.none)
    for para in recommendations:  # as the report has them: numbered, with their bullets
        content = settled(para.content)
        if para.mark is not None and para.mark.kind == "paragraph" and para.mark.shown:
            # numbered as paragraphs of their section (2.1): that number, as printed, since
            # the sheet has no section 2 for a list to count from
            content = (Text(f"{para.mark.shown}\t"), *content)
            para = replace(para, role="body", mark=None)
        sheet.blocks.append(replace(para, content=content, anchor=None))

    sheet.heading(2, w.committee.heading)
    sheet.para(
        w.committee.text.format(
            committee=meta.committee, date=meta.date_text, agenda_item=meta.agenda_item
        )
    )

    statutory = [p for p in source.part("statutory") if isinstance(p[1], Para)]
    if boilerplate.sections.use("statutory") != "absent":  # a council without one: no section
        sheet.heading(2, w.statutory.heading)
        wording = boilerplate.statutory.wordings.get(report.statutory.wording)
        areas = report.statutory.areas or (wording.areas if wording else [])
        if areas and statutory:
            sheet.para(w.statutory.areas)
            for area in areas:
                sheet.para(area, "bullet", ListMark("bullet", "areas", 0, "•"))
        else:  # none listed, or none printed
            sheet.para(w.statutory.none)
    if statutory:
        quoted(sheet, w.statutory.title, w.quoted_columns, statutory, where)

    sheet.heading(2, w.papers.heading)
    papers: list[tuple[CellText, CellText, CellText]] = []
    for _, block, path in source.part("background_papers"):
        index = path[1] if len(path) > 1 else None
        if not isinstance(block, Para) or not isinstance(index, int):
            continue  # the 'None' the report prints when it lists no papers
        entry = report.background_papers[index]
        url = entry.url if isinstance(entry, Paper) else None
        content = settled(block.content)
        if url:  # printed as the title, then the address: the title alone
            cut = next((k for k, node in enumerate(content) if isinstance(node, LineBreak)), None)
            title = content[:cut] if cut is not None else content
            papers.append((title, w.papers.published, (Link(url, (Text(url),)),)))
        else:
            papers.append((content, w.papers.unpublished, ""))
    if papers:
        sheet.table(w.papers.title, w.papers.columns, papers)
    else:
        sheet.para(w.papers.none)

    sheet.heading(2, w.comment.heading)
    comment = source.part("comments", w.comment.kind)
    heads = [block for _, block, path in comment if len(path) == 2]
    body = [part for part in comment if len(part[2]) > 2]
    if heads and isinstance(heads[0], Heading):
        sheet.para(settled(heads[0].content))
    if body:
        quoted(sheet, w.comment.title, w.quoted_columns, body, where)
    elif not heads:
        sheet.para(w.comment.none)
    return finish(source, meta, sheet)
