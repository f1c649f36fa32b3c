"""Reads of documents: a workspace's documents, what a renderer gets, and readable diffs
between versions."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date

from django.http import Http404
from django.utils import formats, translation
from django.utils.translation import gettext as _

from partnerkit.documents.models import Document, Letterhead, Status
from partnerkit.method import documents as method

RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur"})


def document_of(workspace, pk: int) -> Document:
    document = (
        Document.objects.select_related("partnership__partner", "workspace")
        .filter(workspace=workspace, pk=pk).first()
    )
    if document is None:
        raise Http404
    return document


def documents_of(workspace, *, partnership=None):
    documents = Document.objects.filter(workspace=workspace).select_related(
        "partnership__partner"
    )
    if partnership is not None:
        documents = documents.filter(partnership=partnership)
    return documents


def letterhead_of(workspace) -> Letterhead | None:
    return Letterhead.objects.filter(workspace=workspace).first()


def content_of(document: Document, *, sections: list[dict] | None = None) -> method.Content:
    """What the renderers get: the document's text, the letterhead, the date line."""
    return content_for(
        workspace=document.workspace,
        partner_name=document.partnership.partner.name,
        title=document.title,
        language=document.language,
        sections=sections if sections is not None else document.sections,
        draft=document.status == Status.DRAFT,
        day=document.signed_on or document.sent_on or document.updated_at.date(),
    )


def content_for(*, workspace, partner_name: str, title: str, language: str,
                sections: list[dict], draft: bool, day: date) -> method.Content:
    """The same for a text that need not be saved, such as a draft rendered straight from
    the record."""
    letterhead = letterhead_of(workspace)
    logo, logo_type = None, ""
    if letterhead is not None and letterhead.logo:
        with letterhead.logo.open("rb") as file:
            logo = file.read()
        logo_type = "image/png" if logo.startswith(b"\x89PNG") else "image/jpeg"
    head = method.Letterhead(
        name=workspace.name,
        lines=tuple(line.strip() for line in (letterhead.lines if letterhead else "").splitlines()
                    if line.strip()),
        logo=logo, logo_type=logo_type,
    )
    with translation.override(language):
        date_text = formats.date_format(day, "DATE_FORMAT")
        place = letterhead.place if letterhead else ""
        date_line = f"{place}, {date_text}" if place else date_text
        mark = _("Draft") if draft else ""
    return method.Content(
        title=title,
        language=language,
        subtitle=partner_name,
        date_line=date_line,
        letterhead=head,
        sections=tuple(method.Section(s["key"], s["heading"], s["text"]) for s in sections),
        status_mark=mark,
        rtl=language in RTL_LANGUAGES,
    )


# Diffs ----------------------------------------------------------------------------------------

WORD = re.compile(r"\s+|[^\s]+")


@dataclass
class Piece:
    op: str  # "same", "added", "removed"
    text: str


@dataclass
class SectionDiff:
    heading: str
    changed: bool
    pieces: list[Piece]
    old_heading: str = ""  # when the heading itself changed


def diff(old: list[dict], new: list[dict]) -> list[SectionDiff]:
    """Word by word, per section (by key), what changed from ``old`` to ``new``."""
    before = {s["key"]: s for s in old}
    result = []
    for section in new:
        previous = before.get(section["key"], {"heading": "", "text": ""})
        old_words = WORD.findall(previous["text"])
        new_words = WORD.findall(section["text"])
        pieces = _pieces(old_words, new_words)
        renamed = previous["heading"] if previous["heading"] != section["heading"] else ""
        changed = bool(renamed) or any(piece.op != "same" for piece in pieces)
        result.append(SectionDiff(section["heading"], changed, pieces, renamed))
    return result


# An unchanged run this short between two changes is folded into them, so that a reworded
# sentence reads as one deletion and one insertion instead of a patchwork of words.
SHORT_RUN = 4


def _pieces(old: list[str], new: list[str]) -> list[Piece]:
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    runs = []  # [same, old tokens, new tokens]
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        runs.append([op == "equal", old[a1:a2], new[b1:b2]])
    merged: list[list] = []
    for index, run in enumerate(runs):
        between = 0 < index < len(runs) - 1 and not runs[index - 1][0] and not runs[index + 1][0]
        if run[0] and between and sum(1 for t in run[2] if t.strip()) <= SHORT_RUN:
            run = [False, run[1], run[2]]
        if merged and not run[0] and not merged[-1][0]:
            merged[-1][1] += run[1]
            merged[-1][2] += run[2]
        else:
            merged.append(list(run))
    pieces = []
    for same, removed, added in merged:
        if same:
            pieces.append(Piece("same", "".join(added)))
            continue
        if removed:
            pieces.append(Piece("removed", "".join(removed)))
        if added:
            pieces.append(Piece("added", "".join(added)))
    return pieces


def versions_diff(document: Document, number: int) -> tuple[list[SectionDiff], object, object]:
    """The changes that version ``number`` made to the one before it."""
    versions = {v.number: v for v in document.versions.filter(number__in=[number - 1, number])}
    if number not in versions:
        raise Http404
    current = versions[number]
    previous = versions.get(number - 1)
    return diff(previous.sections if previous else [], current.sections), previous, current
