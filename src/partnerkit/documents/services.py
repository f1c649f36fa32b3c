"""Writes of documents: drafting one from the record, saving edits as versions, moving it
from draft to sent to signed, the signed copy, the workspace's own wording and letterhead.

Marking a written proposal sent tells the follow-up plans that the proposal went out (the
wait for a reply starts); signing an agreement writes its dates onto the partnership, where
the plans count the renewal review from its end.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerkit.core.errors import ConflictError
from partnerkit.documents import drafting
from partnerkit.documents.models import (
    LOGO_MAX_BYTES,
    SIGNED_COPY_MAX_BYTES,
    Document,
    DocumentVersion,
    Kind,
    Letterhead,
    SectionTemplate,
    Status,
)
from partnerkit.followups import services as followup_services
from partnerkit.followups.models import Anchor
from partnerkit.partnerships import services as partnership_services
from partnerkit.partnerships.models import Partnership

TITLE_MAX = 300
SECTION_MAX_CHARS = 20_000
LANGUAGES = ("en", "de", "fr", "es", "ar", "he")


class DocumentIncomplete(ValidationError):
    """The record lacks what this kind of document needs; ``missing`` says what and where."""

    def __init__(self, missing: list[drafting.Missing]):
        super().__init__({"kind": [item.message for item in missing]})
        self.missing = missing


def _locked(document: Document, *, expected_version: int | None = None) -> Document:
    """The row, locked; ConflictError naming the changed sections if someone saved a newer
    version than the one the editor loaded."""
    locked = Document.objects.select_for_update().get(pk=document.pk)
    if expected_version is not None and locked.version != expected_version:
        seen = locked.versions.filter(number=expected_version).first()
        before = {s["key"]: s for s in (seen.sections if seen else [])}
        changes = {
            section["heading"]: (before.get(section["key"], {}).get("text", ""), section["text"])
            for section in locked.sections
            if before.get(section["key"]) != section
        }
        raise ConflictError(
            _("Someone else saved this document after you opened it; review their changes."),
            current_version=locked.version, changes=changes,
        )
    return locked


def _kind(kind: str) -> Kind:
    if kind not in Kind.values:
        raise ValidationError(
            {"kind": _("“%(kind)s” is not a kind of document; choose one of %(kinds)s.")
             % {"kind": kind, "kinds": ", ".join(Kind.values)}}
        )
    return Kind(kind)


def _language(language: str) -> str:
    if language not in LANGUAGES:
        raise ValidationError(
            {"language": _("Choose one of %(languages)s.") % {"languages": ", ".join(LANGUAGES)}}
        )
    return language


def templates_of(workspace, kind: str, language: str) -> dict[str, tuple[str, str]]:
    return {
        t.key: (t.heading, t.text)
        for t in SectionTemplate.objects.filter(workspace=workspace, kind=kind, language=language)
    }


def document_create(*, partnership: Partnership, kind: str, by, language: str = "en",
                    reason: str = "") -> Document:
    """Draft a document from the record, or say what is missing (DocumentIncomplete)."""
    kind, language = _kind(kind), _language(language)
    facts = drafting.facts_for(partnership, reason=reason)
    if missing := drafting.missing(kind, facts):
        raise DocumentIncomplete(missing)
    title, sections = drafting.draft(
        kind, facts, language=language,
        templates=templates_of(partnership.workspace, kind, language),
    )
    with transaction.atomic():
        document = Document.objects.create(
            workspace_id=partnership.workspace_id, partnership=partnership, kind=kind,
            language=language, title=title[:TITLE_MAX], sections=sections, created_by=by,
        )
        DocumentVersion.objects.create(document=document, number=1, title=document.title,
                                       sections=sections, by=by, note=_("Drafted from the record"))
    return document


def _clean_sections(document: Document, texts: dict[str, str],
                    headings: dict[str, str] | None) -> list[dict]:
    known = {section["key"]: section for section in document.sections}
    unknown = sorted(set(texts) - set(known))
    if unknown:
        raise ValidationError({"sections": _("No such section: %(keys)s.")
                               % {"keys": ", ".join(unknown)}})
    errors = {}
    result = []
    for key, section in known.items():
        text = texts.get(key, section["text"])
        heading = (headings or {}).get(key, section["heading"])
        if not isinstance(text, str) or not isinstance(heading, str):
            errors[f"sections.{key}"] = [_("Text, please.")]
            continue
        if len(text) > SECTION_MAX_CHARS:
            errors[f"sections.{key}"] = [
                _("At most %(n)s characters in a section.") % {"n": f"{SECTION_MAX_CHARS:,}"}
            ]
        if not heading.strip():
            errors[f"sections.{key}.heading"] = [_("A section needs a heading.")]
        result.append({"key": key, "heading": heading.strip()[:200],
                       "text": text.replace("\r\n", "\n").strip()})
    if errors:
        raise ValidationError(errors)
    return result


def document_update(*, document: Document, by, version: int | None, title: str | None = None,
                    texts: dict[str, str] | None = None, headings: dict[str, str] | None = None,
                    note: str = "") -> Document:
    """Save edits as a new version (only drafts are edited; take a sent one back first)."""
    with transaction.atomic():
        locked = _locked(document, expected_version=version)
        if locked.status != Status.DRAFT:
            raise ValidationError({"status": _("Only a draft can be edited; take it back to "
                                               "draft first.")})
        sections = _clean_sections(locked, texts or {}, headings)
        new_title = locked.title if title is None else (title or "").strip()
        if not new_title:
            raise ValidationError({"title": _("A document needs a title.")})
        if len(new_title) > TITLE_MAX:
            raise ValidationError({"title": _("At most %(n)d characters.") % {"n": TITLE_MAX}})
        if sections == locked.sections and new_title == locked.title:
            return locked
        locked.sections, locked.title = sections, new_title
        locked.version += 1
        locked.save(update_fields=["sections", "title", "version", "updated_at"])
        DocumentVersion.objects.create(document=locked, number=locked.version, title=new_title,
                                       sections=sections, by=by, note=(note or "")[:300])
    return locked


def document_restore(*, document: Document, number: int, by) -> Document:
    old = document.versions.filter(number=number).first()
    if old is None:
        raise ValidationError({"number": _("There is no such version.")})
    texts = {s["key"]: s["text"] for s in old.sections}
    headings = {s["key"]: s["heading"] for s in old.sections}
    return document_update(document=document, by=by, version=None, title=old.title,
                           texts=texts, headings=headings,
                           note=_("Restored version %(n)d") % {"n": number})


def document_mark_sent(*, document: Document, by, on: date | None = None) -> Document:
    on = on or timezone.localdate()
    with transaction.atomic():
        locked = _locked(document)
        if locked.status != Status.DRAFT:
            raise ValidationError({"status": _("Only a draft can be marked as sent.")})
        if on > timezone.localdate():
            raise ValidationError({"on": _("The day it was sent cannot be in the future.")})
        locked.status, locked.sent_on = Status.SENT, on
        locked.save(update_fields=["status", "sent_on", "updated_at"])
        if locked.kind == Kind.PROPOSAL:
            followup_services.event_record(
                partnership=locked.partnership, kind=Anchor.PROPOSAL_SENT, on=on,
                source=f"document:{locked.pk}", by=by,
            )
        elif locked.kind == Kind.UPDATE:
            followup_services.fulfilled(
                partnership=locked.partnership, kind=Anchor.REPORT_SENT, on=on,
                source=f"document:{locked.pk}", by=by,
            )
    return locked


def document_back_to_draft(*, document: Document, by) -> Document:
    with transaction.atomic():
        locked = _locked(document)
        if locked.status != Status.SENT:
            raise ValidationError({"status": _("Only a sent document goes back to draft; a "
                                               "signed one is final.")})
        locked.status = Status.DRAFT
        locked.save(update_fields=["status", "updated_at"])
    return locked


def document_mark_signed(*, document: Document, by, on: date | None = None,
                         ends_on: date | None = None) -> Document:
    """Signed by both sides on ``on``; an agreement's dates go onto the partnership."""
    on = on or timezone.localdate()
    errors = {}
    if on > timezone.localdate():
        errors["on"] = [_("The day of signing cannot be in the future.")]
    if ends_on is not None and ends_on <= on:
        errors["ends_on"] = [_("The end must come after the signature.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = _locked(document)
        if not locked.signable:
            raise ValidationError({"status": _("Only an agreement or a proposal is signed.")})
        if locked.status == Status.SIGNED:
            raise ValidationError({"status": _("This document is signed already.")})
        locked.status, locked.signed_on = Status.SIGNED, on
        locked.sent_on = locked.sent_on or on
        locked.save(update_fields=["status", "signed_on", "sent_on", "updated_at"])
        if locked.kind == Kind.MOU:
            dates = {"mou_signed_on": on}
            if ends_on is not None:
                dates["ends_on"] = ends_on
            partnership_services.partnership_update(
                partnership=locked.partnership, by=by, version=None, **dates
            )
    return locked


def signed_copy_upload(*, document: Document, by, upload) -> Document:
    if document.status != Status.SIGNED:
        raise ValidationError({"signed_copy": _("Mark the document signed first.")})
    if upload.size > SIGNED_COPY_MAX_BYTES:
        raise ValidationError({"signed_copy": _("At most 20 MB, please.")})
    name = upload.name.rsplit("/", 1)[-1]
    if not name.lower().endswith((".pdf", ".png", ".jpg", ".jpeg")):
        raise ValidationError({"signed_copy": _("A PDF, PNG or JPEG file, please.")})
    with transaction.atomic():
        locked = _locked(document)
        if locked.signed_copy:
            locked.signed_copy.delete(save=False)
        locked.signed_copy.save(name, upload, save=False)
        locked.save(update_fields=["signed_copy", "updated_at"])
    return locked


def document_delete(*, document: Document, by) -> None:
    with transaction.atomic():
        locked = _locked(document)
        if locked.status == Status.SIGNED:
            raise ValidationError({"status": _("A signed document is kept.")})
        if locked.signed_copy:
            locked.signed_copy.delete(save=False)
        locked.delete()


# The workspace's own wording and letterhead ---------------------------------------------------


def template_save(*, workspace, kind: str, key: str, language: str, heading: str, text: str,
                  by) -> SectionTemplate:
    kind, language = _kind(kind), _language(language)
    if key not in drafting.section_keys(kind):
        raise ValidationError({"key": _("This kind of document has no such section.")})
    errors = {}
    for name, value in (("heading", heading), ("text", text)):
        if not (value or "").strip():
            errors[name] = [_("Write something, or reset the section to the built-in text.")]
            continue
        try:
            drafting.check_template(value)
        except drafting.TemplateError as error:
            errors[name] = [str(error)]
    if errors:
        raise ValidationError(errors)
    template, _created = SectionTemplate.objects.update_or_create(
        workspace=workspace, kind=kind, key=key, language=language,
        defaults={"heading": heading.strip(), "text": text.strip(), "updated_by": by},
    )
    return template


def template_reset(*, workspace, kind: str, key: str, language: str) -> None:
    SectionTemplate.objects.filter(workspace=workspace, kind=kind, key=key,
                                   language=language).delete()


def letterhead_save(*, workspace, by, lines: str = "", place: str = "", logo=None,
                    remove_logo: bool = False) -> Letterhead:
    letterhead = Letterhead.objects.filter(workspace=workspace).first() or Letterhead(
        workspace=workspace
    )
    if logo is not None:
        if logo.size > LOGO_MAX_BYTES:
            raise ValidationError({"logo": _("At most 1 MB, please.")})
        head = logo.read(8)
        logo.seek(0)
        if not (head.startswith(b"\x89PNG") or head.startswith(b"\xff\xd8")):
            raise ValidationError({"logo": _("A PNG or JPEG image, please.")})
    letterhead.lines, letterhead.place = (lines or "").strip(), (place or "").strip()[:100]
    with transaction.atomic():
        if (remove_logo or logo is not None) and letterhead.logo:
            letterhead.logo.delete(save=False)
        if logo is not None:
            letterhead.logo.save(logo.name.rsplit("/", 1)[-1], logo, save=False)
        letterhead.save()
    return letterhead
