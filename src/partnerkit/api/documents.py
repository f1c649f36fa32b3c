"""Documents in the API: drafting a proposal, a memorandum of understanding, a decline letter,
an announcement or a community update from a partnership's record, editing it as versions,
rendering it in every format, and moving it from draft to sent to signed.

A document says only what may be shown to the partner or the public: BATNA, estimates,
private notes, meeting preparation and contacts' personal data (without their consent) never
reach it, whatever the format.
"""

import datetime as dt
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from ninja import Field, P, Path, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import ConfigDict

from partnerkit.api.auth import TokenAuth
from partnerkit.api.pagination import Pagination
from partnerkit.api.schemas import (
    READ_ERRORS,
    VERSION_HELP,
    WRITE_ERRORS,
    ConflictOut,
    ErrorOut,
    InputSchema,
    PartnershipId,
    WorkspaceSlug,
    optional,
)
from partnerkit.documents import rendering, selectors, services
from partnerkit.documents.models import Document, DocumentVersion, Kind
from partnerkit.documents.models import Status as DocumentStatus
from partnerkit.partnerships.selectors import partnership_get

router = Router(tags=["Documents"], auth=TokenAuth(in_workspace=True))

WORKSPACE = "/workspaces/{slug}"
DOCUMENTS = WORKSPACE + "/documents"
DOCUMENT = DOCUMENTS + "/{document_id}"
DocumentId = Path[int, P(description="The id of a document of this workspace.")]
VersionNumber = Path[int, P(description="The number of a version of this document, from 1.")]
KIND_HELP = "proposal, mou, decline, announcement or update."
LANGUAGE_HELP = "The language of the document: " + ", ".join(services.LANGUAGES) + "."
Language = Literal[services.LANGUAGES]
Format = Literal[rendering.FORMATS]


# Schemas --------------------------------------------------------------------------------------


class SectionOut(Schema):
    key: str = Field(description="Stays the same while the heading and text are edited.")
    heading: str
    text: str = Field(
        description="A blank line starts a paragraph, a line starting with “- ” a list item; "
        "everything else is literal."
    )


class DocumentOut(Schema):
    id: int
    partnership_id: int
    kind: Kind = Field(description=KIND_HELP)
    language: str = Field(description=LANGUAGE_HELP)
    title: str
    status: DocumentStatus = Field(description="draft, sent or signed.")
    sent_on: dt.date | None
    signed_on: dt.date | None
    has_signed_copy: bool = Field(description="Whether a scan of the signed copy is kept.")
    sections: list[SectionOut]
    version: int = Field(description="Send it back with PATCH so that edits do not collide.")
    created_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_has_signed_copy(document) -> bool:
        return bool(document.signed_copy)


class DocumentFilterQuery(Schema):
    partnership_id: int | None = Field(None, description="Only this partnership's documents.")
    kind: Kind | None = Field(None, description=KIND_HELP)
    status: DocumentStatus | None = None


class DocumentCreate(InputSchema):
    model_config = ConfigDict(extra="forbid", use_enum_values=True)

    kind: Kind = Field(description=KIND_HELP)
    language: Language = Field("en", description=LANGUAGE_HELP)
    reason: str = Field("", description="A decline letter's brief reason, for the partner.")


class MissingOut(Schema):
    message: str = Field(description="What to fill in, in a sentence.")
    where: Literal["partnership", "pitch", "partner", "document"] = Field(
        description="Where to fill it in; `document` means in this request (the `reason`)."
    )


class DocumentIncompleteOut(ErrorOut):
    missing: list[MissingOut] = Field(
        [], description="What the record lacks for this kind of document, and where."
    )


class DocumentPatch(InputSchema):
    """Leave a field out to keep it. Only a draft is edited; each change is a new version."""

    version: int = optional(VERSION_HELP, ge=1)
    title: str = optional()
    sections: dict[str, str] = optional("New texts by section key; other sections keep theirs.")
    headings: dict[str, str] = optional("New headings by section key.")
    note: str = optional("Why, shown with the version.")


class VersionOut(Schema):
    number: int
    title: str
    note: str
    by: str | None = Field(description="Username of whoever saved it.")
    at: dt.datetime

    @staticmethod
    def resolve_by(version) -> str | None:
        return version.by.username if version.by_id else None


class PieceOut(Schema):
    op: Literal["same", "added", "removed"]
    text: str


class SectionDiffOut(Schema):
    heading: str
    changed: bool
    old_heading: str = Field(description="The heading before, when it changed; else empty.")
    pieces: list[PieceOut] = Field(description="The section's words, in order, as changed.")


class DiffOut(Schema):
    number: int = Field(description="The version whose changes these are.")
    previous: int | None = Field(description="The version before it; null for the first.")
    sections: list[SectionDiffOut]


class RenderQuery(Schema):
    format: Format = Field("pdf", description=", ".join(rendering.FORMATS) + ".")


class StatusIn(InputSchema):
    to: Literal["sent", "draft", "signed"] = Field(
        description="`sent` (from draft), `draft` (back from sent, to edit it) or `signed` "
        "(an agreement or a proposal)."
    )
    on: dt.date | None = Field(None, description="The day it was sent or signed; default today.")
    ends_on: dt.date | None = Field(
        None, description="With `signed`, for an agreement: its end, written on the partnership."
    )


# Helpers --------------------------------------------------------------------------------------


def _document(request, document_id: int) -> Document:
    return selectors.document_of(request.workspace, document_id)


def _incomplete(error: services.DocumentIncomplete) -> Status:
    messages = [item.message for item in error.missing]
    return Status(400, {
        "detail": _("Fill these in first: %(missing)s") % {"missing": " ".join(messages)},
        "errors": {"kind": messages},
        "missing": [{"message": item.message, "where": item.where} for item in error.missing],
    })


# Documents ------------------------------------------------------------------------------------


@router.get(
    DOCUMENTS,
    response={200: list[DocumentOut], **READ_ERRORS, 400: ErrorOut},
    summary="List documents",
)
@paginate(Pagination)
def document_list(request, slug: WorkspaceSlug, filters: Query[DocumentFilterQuery]):
    """The workspace's documents, the latest change first. The filters combine."""
    documents = Document.objects.filter(workspace=request.workspace)
    if filters.partnership_id is not None:
        try:
            partnership = partnership_get(workspace=request.workspace, pk=filters.partnership_id)
        except Http404:
            raise ValidationError(
                {"partnership_id": _("There is no partnership with this id in this workspace.")}
            ) from None
        documents = documents.filter(partnership=partnership)
    if filters.kind is not None:
        documents = documents.filter(kind=filters.kind)
    if filters.status is not None:
        documents = documents.filter(status=filters.status)
    return documents


@router.post(
    WORKSPACE + "/partnerships/{partnership_id}/documents",
    response={201: DocumentOut, **WRITE_ERRORS, 400: DocumentIncompleteOut},
    summary="Draft a document from the record",
)
def document_create(
    request, slug: WorkspaceSlug, partnership_id: PartnershipId, payload: DocumentCreate
):
    """Drafts the document from what the partnership, its partner and its pitch say, in the
    workspace's own wording where it has one. When the record lacks something this kind
    needs the answer is 400: `missing` lists each piece with where to fill it in, and
    `errors.kind` the same messages. A decline letter needs a `reason`."""
    partnership = partnership_get(workspace=request.workspace, pk=partnership_id)
    try:
        document = services.document_create(
            partnership=partnership, by=request.auth, kind=payload.kind,
            language=payload.language, reason=payload.reason,
        )
    except services.DocumentIncomplete as error:
        return _incomplete(error)
    return Status(201, document)


@router.get(DOCUMENT, response={200: DocumentOut, **READ_ERRORS}, summary="Get a document")
def document_get(request, slug: WorkspaceSlug, document_id: DocumentId):
    return _document(request, document_id)


@router.patch(
    DOCUMENT,
    response={200: DocumentOut, **WRITE_ERRORS, 409: ConflictOut},
    summary="Edit a document",
)
def document_update(
    request, slug: WorkspaceSlug, document_id: DocumentId, payload: DocumentPatch
):
    """Saves the title, texts and headings you send as a new version. Only a draft is
    edited: take a sent one back to draft first. Send the `version` you read: if someone
    saved since, nothing is saved and the answer is 409 with the sections they changed."""
    values = payload.model_dump(exclude_unset=True)
    return services.document_update(
        document=_document(request, document_id), by=request.auth,
        version=values.get("version"), title=values.get("title"),
        texts=values.get("sections"), headings=values.get("headings"),
        note=values.get("note") or "",
    )


@router.delete(
    DOCUMENT, response={204: None, **WRITE_ERRORS}, summary="Delete a document"
)
def document_delete(request, slug: WorkspaceSlug, document_id: DocumentId):
    """Deletes the document with its versions. A signed document is kept (400)."""
    services.document_delete(document=_document(request, document_id), by=request.auth)
    return Status(204, None)


@router.get(
    DOCUMENT + "/versions",
    response={200: list[VersionOut], **READ_ERRORS},
    summary="Versions of a document",
)
@paginate(Pagination)
def version_list(request, slug: WorkspaceSlug, document_id: DocumentId):
    """Every saved version, the latest first, with who saved it and why."""
    document = _document(request, document_id)
    return DocumentVersion.objects.filter(document=document).select_related("by")


@router.get(
    DOCUMENT + "/versions/{number}/diff",
    response={200: DiffOut, **READ_ERRORS},
    summary="What a version changed",
)
def version_diff(request, slug: WorkspaceSlug, document_id: DocumentId, number: VersionNumber):
    """Word by word, per section, what version `number` changed from the one before it."""
    sections, previous, current = selectors.versions_diff(_document(request, document_id), number)
    return {
        "number": current.number,
        "previous": previous.number if previous is not None else None,
        "sections": sections,
    }


@router.get(
    DOCUMENT + "/render",
    response={**READ_ERRORS, 400: ErrorOut},
    summary="Download a document",
    openapi_extra={
        "responses": {
            "200": {
                "description": "The file, as an attachment.",
                "content": {
                    media_type: {"schema": {"type": "string", "format": "binary"}}
                    for media_type in rendering.MEDIA_TYPES.values()
                },
            }
        }
    },
)
def document_render(request, slug: WorkspaceSlug, document_id: DocumentId,
                    query: Query[RenderQuery]):
    """The document as a file in `format`: `markdown` and `wikitext` (UTF-8 text, ready to
    paste), `docx`, `odt` or `pdf`, with the letterhead. A draft is marked as one."""
    document = _document(request, document_id)
    fmt = query.format
    body = rendering.render(selectors.content_of(document), fmt)
    name = f"{slugify(document.title)[:80] or 'document'}.{rendering.EXTENSIONS[fmt]}"
    response = HttpResponse(body, content_type=rendering.MEDIA_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@router.post(
    DOCUMENT + "/status",
    response={200: DocumentOut, **WRITE_ERRORS},
    summary="Mark a document sent, signed or back to draft",
)
def document_status(request, slug: WorkspaceSlug, document_id: DocumentId, payload: StatusIn):
    """`sent` records the day it went out (a written proposal starts the wait for a reply,
    a community update counts as the report); `draft` takes a sent document back to edit
    it; `signed` marks an agreement or a proposal signed, and for an agreement writes the
    day of signing and `ends_on` onto the partnership. A signed document is final."""
    document = _document(request, document_id)
    if payload.ends_on is not None and payload.to != "signed":
        raise ValidationError({"ends_on": _("Only an agreement being signed has an end here.")})
    if payload.on is not None and payload.to == "draft":
        raise ValidationError({"on": _("Going back to draft takes no day.")})
    if payload.to == "sent":
        return services.document_mark_sent(document=document, by=request.auth, on=payload.on)
    if payload.to == "draft":
        return services.document_back_to_draft(document=document, by=request.auth)
    return services.document_mark_signed(
        document=document, by=request.auth, on=payload.on, ends_on=payload.ends_on
    )
