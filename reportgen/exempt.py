"""Exempt information in a meeting's packs, beyond leaving it out of the public one.

Three things follow from an item's or appendix's ``exempt: {paragraph: N}`` in the meeting file
(:mod:`reportgen.meeting` decides which documents are exempt, and makes the editions):

- the public pack's **edition** of each public document: its references resolved against
  :func:`public_edition`, so "Appendix 2" of an exempt appendix prints "Appendix 2 (exempt)"
  and a reference into an exempt document (a paragraph of an exempt appendix, a label of an
  exempt report) is a problem (R310) rather than a leak; the confidential pack's edition prints
  every reference plainly;
- the **notice** that stands in the public pack in place of an exempt appendix of a public
  report (:func:`notice_drafts`): its title, that it is withheld under paragraph N of Schedule
  12A, and what that paragraph covers, none of its content;
- the **stamp** on every page of an exempt part of the confidential pack (:func:`stamp`),
  drawn beside the page number by :func:`reportgen.pack.assemble.assemble`.

The wording is the profile's exempt.yaml (:mod:`reportgen.profile_exempt`).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from reportgen.document import Text
from reportgen.profile_exempt import ExemptWords
from reportgen.resolve.numbering import Target
from reportgen.resolve.outline import Draft, Drafted
from reportgen.resolve.refs import PublicEdition

WITHHELD = "R310"
"""The problem of a public document's reference into an exempt one: the one problem only the
public edition finds (every other is found, once, in the confidential edition)."""


def stamp(words: ExemptWords, paragraph: int) -> str:
    """The mark on each page of a part exempt under ``paragraph`` in the confidential pack."""
    return words.stamp.format(paragraph=paragraph)


def notice_drafts(title: str, paragraph: int, words: ExemptWords) -> list[Drafted]:
    """The notice of an appendix exempt under ``paragraph``, titled ``title`` (as the pack's
    outline names it): its heading and two paragraphs, as plain text (nothing in them is read
    as a reference or as Markdown)."""
    described = words.notice.paragraph.format(
        paragraph=paragraph, description=words.paragraphs[paragraph]
    )
    return [
        Draft((Text(title),), ("title",), "heading", 1),
        Draft((Text(words.notice.text.format(paragraph=paragraph)),), ("notice",), "body"),
        Draft((Text(described),), ("notice", "paragraph"), "body"),
    ]


def public_edition(
    exempt_documents: Iterable[tuple[str, Collection[str], Mapping[str, Target]]],
    exempt_appendices: Iterable[tuple[Collection[str], Collection[str]]],
    words: ExemptWords,
) -> PublicEdition:
    """What a public document's public edition may not name, and names as exempt.

    ``exempt_documents`` gives each exempt document of the meeting as it is written in the
    meeting file, the names other documents know it by and its labels; ``exempt_appendices``
    gives, for each report with exempt appendices, the names its labels go by in the document
    being substituted (``""`` for its own: no prefix) and the labels of its exempt appendices.
    """
    withheld = {
        f"{name}:{label}": written
        for written, names, labels in exempt_documents
        for name in names
        for label in labels
    }
    whole = frozenset(
        label if not name else f"{name}:{label}"
        for names, labels in exempt_appendices
        for name in names
        for label in labels
    )
    return PublicEdition(withheld, whole, words.reference)
