"""Pitch, readiness, the partner's vocabulary and the contact map in the API.

The pitch of a partnership is read with its readiness (where each answer lives), the timing of
the one-minute summary and the jargon found in it; PATCH changes the fields sent, with the
version last read (409 when someone saved since). The owners and the licence, which readiness
also asks about, are changed on the partnership itself.
"""

from __future__ import annotations

from typing import Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, P, Path, Query, Router, Schema, Status

from partnerkit.api.auth import TokenAuth
from partnerkit.api.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    ConflictOut,
    ErrorOut,
    InputSchema,
    PartnerId,
    PartnershipId,
    WorkspaceSlug,
    optional,
)
from partnerkit.method import pitch as method
from partnerkit.partners.models import Contact
from partnerkit.partners.selectors import partner_get
from partnerkit.partnerships.models import Partnership
from partnerkit.pitch import selectors, services
from partnerkit.pitch.models import ActionSide, PartnerTextKind, Pitch
from partnerkit.workspaces.models import Membership

router = Router(tags=["Pitch"], auth=TokenAuth(in_workspace=True))

PITCH = "/workspaces/{slug}/partnerships/{partnership_id}/pitch"
ACTIONS = PITCH + "/actions"
ACTION = ACTIONS + "/{action_id}"
TEXTS = "/workspaces/{slug}/partners/{partner_id}/texts"
TEXT = TEXTS + "/{text_id}"
ActionId = Path[int, P(description="The id of an action of this pitch.")]
TextId = Path[int, P(description="The id of a text of this partner.")]


# Schemas --------------------------------------------------------------------------------------


class ReadinessOut(Schema):
    code: str
    title: str
    question: str
    answered: bool
    where: Literal["pitch", "partnership"] = Field(
        description="Where the answer is changed: the pitch's fields or the partnership's."
    )
    fields: list[str]


class TimingOut(Schema):
    words: int
    seconds: int = Field(description=f"At {method.WORDS_PER_MINUTE} words a minute.")
    too_long: bool = Field(description=f"More than {method.TOO_LONG_SECONDS} seconds.")


class JargonOut(Schema):
    term: str
    start: int
    end: int
    matched: str
    plain: str = Field(description="A plain-language alternative.")
    explanation: str


class ActionOut(Schema):
    id: int
    side: ActionSide
    text: str
    goal: str = Field(description="The shared goal the action derives from.")
    owner: str | None = Field(description="Username of the owner on our side.")
    owner_contact_id: int | None = Field(description="The partner's contact who owns it.")
    position: int

    @staticmethod
    def resolve_owner(action) -> str | None:
        return action.owner_user.username if action.owner_user_id else None


class PitchOut(Schema):
    partnership_id: int
    shared_goals: str
    benefits_partner: str
    benefits_wikimedia: str
    assets_ours: str
    assets_theirs: str
    summary: str
    competencies: str
    decision_making: str
    roles: str
    community_involvement: str
    arguments: list[str] = Field(description="Codes of the arguments picked.")
    version: int = Field(description="Send it back with PATCH; 1 for a pitch not saved yet.")
    readiness: list[ReadinessOut]
    timing: TimingOut
    jargon: list[JargonOut] = Field(description="Wikimedia jargon in the pitch's texts.")
    actions: list[ActionOut]


class PitchPatch(InputSchema):
    version: int = optional("The version you last read; 409 if someone saved since.", ge=1)
    shared_goals: str = optional()
    benefits_partner: str = optional()
    benefits_wikimedia: str = optional()
    assets_ours: str = optional()
    assets_theirs: str = optional()
    summary: str = optional("About a minute when said aloud.")
    competencies: str = optional()
    decision_making: str = optional()
    roles: str = optional()
    community_involvement: str = optional()
    arguments: list[str] = optional("Argument codes; the list replaces the picked ones.")


class ActionIn(InputSchema):
    side: ActionSide
    text: str = Field(min_length=1, max_length=500)
    goal: str = Field("", max_length=300)
    owner: str | None = Field(None, description="Username of a member of this workspace.")
    owner_contact_id: int | None = Field(None, description="A contact of the partner.")


class ActionPatch(InputSchema):
    side: ActionSide = optional()
    text: str = optional(min_length=1, max_length=500)
    goal: str = optional(max_length=300)
    owner: str | None = optional("Username of a member of this workspace.")
    owner_contact_id: int | None = optional("A contact of the partner.")


class TextOut(Schema):
    id: int
    partner_id: int
    title: str
    kind: PartnerTextKind
    language: str
    text: str


class TextIn(InputSchema):
    title: str
    kind: PartnerTextKind = PartnerTextKind.OTHER
    language: str = Field("en", description="The text's language code, e.g. en, sv.")
    text: str


class VocabularyGroupOut(Schema):
    language: str
    phrases: list[str]
    used: list[str] = Field(description="Phrases the pitch already uses.")
    unused: list[str] = Field(description="Phrases the pitch could use.")
    generic: bool = Field(description="True when no stop word list exists for the language.")
    error: str


class VocabularyOut(Schema):
    message: str
    groups: list[VocabularyGroupOut]


# Helpers ---------------------------------------------------------------------------------------


def _partnership(request, partnership_id: int):
    return selectors.partnership_get(workspace=request.workspace, pk=partnership_id)


def _pitch_out(partnership) -> dict:
    pitch = selectors.pitch_of(partnership)
    shown = pitch or Pitch(partnership=partnership)
    spoken = selectors.pitch_text(pitch)
    return {
        "partnership_id": partnership.pk,
        **{name: getattr(shown, name) for name in services.PITCH_FIELDS},
        "version": shown.version,
        "readiness": [
            {
                "code": row.code,
                "title": _(row.question.title),
                "question": _(row.question.text),
                "answered": row.answered,
                "where": "partnership" if row.code in selectors.PARTNERSHIP_ANSWERS else "pitch",
                "fields": list(row.fields),
            }
            for row in selectors.readiness(partnership, pitch)
        ],
        "timing": method.summary_timing(shown.summary).__dict__,
        "jargon": [
            {
                "term": hit.term, "start": hit.span[0], "end": hit.span[1],
                "matched": hit.matched, "plain": _(hit.plain), "explanation": _(hit.explanation),
            }
            for hit in method.jargon_in(spoken)
        ],
        "actions": selectors.actions_of(pitch),
    }


def _action_references(partnership, values: dict) -> dict:
    if "owner" in values:
        username = values.pop("owner")
        owner = None
        if username:
            membership = (
                Membership.objects.select_related("user")
                .filter(workspace_id=partnership.workspace_id, user__username=username)
                .first()
            )
            if membership is None:
                raise ValidationError(
                    {"owner": _("No member of this workspace has the username “%(username)s”.")
                     % {"username": username}}
                )
            owner = membership.user
        values["owner_user"] = owner
    if "owner_contact_id" in values:
        contact_id = values.pop("owner_contact_id")
        contact = None
        if contact_id is not None:
            contact = Contact.objects.filter(
                partner_id=partnership.partner_id, pk=contact_id
            ).first()
            if contact is None:
                raise ValidationError(
                    {"owner_contact_id": _("Choose one of the contacts of %(partner)s.")
                     % {"partner": partnership.partner.name}}
                )
        values["owner_contact"] = contact
    return values


# The pitch --------------------------------------------------------------------------------------


@router.get(PITCH, response={200: PitchOut, **READ_ERRORS}, summary="Get a partnership's pitch")
def pitch_detail(request, slug: WorkspaceSlug, partnership_id: PartnershipId):
    """The pitch's fields, the nine readiness questions and whether each is answered, the
    timing of the summary and the jargon in the pitch. A partnership without a pitch yet
    answers with empty fields and version 1."""
    return _pitch_out(_partnership(request, partnership_id))


@router.patch(
    PITCH, response={200: PitchOut, **WRITE_ERRORS, 409: ConflictOut}, summary="Change the pitch"
)
def pitch_update(request, slug: WorkspaceSlug, partnership_id: PartnershipId, payload: PitchPatch):
    """Change the fields you send and keep the others."""
    partnership = _partnership(request, partnership_id)
    values = payload.model_dump(exclude_unset=True)
    version = values.pop("version", None)
    services.pitch_update(partnership=partnership, by=request.auth, version=version, **values)
    return _pitch_out(_partnership(request, partnership_id))


@router.post(ACTIONS, response={201: ActionOut, **WRITE_ERRORS}, summary="Add an action")
def action_create(request, slug: WorkspaceSlug, partnership_id: PartnershipId, payload: ActionIn):
    partnership = _partnership(request, partnership_id)
    values = _action_references(partnership, payload.model_dump())
    return Status(
        201, services.action_create(partnership=partnership, by=request.auth, **values)
    )


@router.patch(ACTION, response={200: ActionOut, **WRITE_ERRORS}, summary="Change an action")
def action_update(
    request, slug: WorkspaceSlug, partnership_id: PartnershipId, action_id: ActionId,
    payload: ActionPatch,
):
    action = selectors.action_get(
        workspace=request.workspace, partnership_pk=partnership_id, pk=action_id
    )
    values = _action_references(action.pitch.partnership, payload.model_dump(exclude_unset=True))
    return services.action_update(action=action, by=request.auth, **values)


@router.delete(ACTION, response={204: None, **WRITE_ERRORS}, summary="Remove an action")
def action_delete(
    request, slug: WorkspaceSlug, partnership_id: PartnershipId, action_id: ActionId
):
    action = selectors.action_get(
        workspace=request.workspace, partnership_pk=partnership_id, pk=action_id
    )
    services.action_delete(action=action, by=request.auth)
    return Status(204, None)


# The partner's texts and vocabulary ---------------------------------------------------------------


@router.get(TEXTS, response={200: list[TextOut], **READ_ERRORS}, summary="List a partner's texts")
def text_list(request, slug: WorkspaceSlug, partner_id: PartnerId):
    partner = partner_get(workspace=request.workspace, pk=partner_id)
    return selectors.partner_texts(partner)


@router.post(TEXTS, response={201: TextOut, **WRITE_ERRORS}, summary="Add a partner's text")
def text_create(request, slug: WorkspaceSlug, partner_id: PartnerId, payload: TextIn):
    """A text in the partner's own words (mission, annual report, web page), at most 100,000
    characters."""
    partner = partner_get(workspace=request.workspace, pk=partner_id)
    return Status(
        201, services.partner_text_create(partner=partner, by=request.auth, **payload.model_dump())
    )


@router.delete(TEXT, response={204: None, **WRITE_ERRORS}, summary="Remove a partner's text")
def text_delete(request, slug: WorkspaceSlug, partner_id: PartnerId, text_id: TextId):
    text = selectors.partner_text_get(
        workspace=request.workspace, partner_pk=partner_id, pk=text_id
    )
    services.partner_text_delete(text=text, by=request.auth)
    return Status(204, None)


@router.get(
    "/workspaces/{slug}/partners/{partner_id}/vocabulary",
    response={200: VocabularyOut, **READ_ERRORS, 400: ErrorOut},
    summary="The partner's vocabulary",
)
def vocabulary(
    request, slug: WorkspaceSlug, partner_id: PartnerId,
    partnership_id: Query[int | None, P(description="Compare with this partnership's pitch.")]
    = None,
):
    """Key phrases of the partner's mission and texts, by language; with `partnership_id`,
    which of them the pitch already uses."""
    partner = partner_get(workspace=request.workspace, pk=partner_id)
    pitch = None
    if partnership_id is not None:
        partnership = (
            Partnership.objects.filter(
                workspace=request.workspace, partner=partner, pk=partnership_id
            )
            .select_related("pitch")
            .first()
        )
        if partnership is None:
            raise ValidationError(
                {"partnership_id": _("There is no partnership with this id and partner.")}
            )
        pitch = selectors.pitch_of(partnership)
    report = selectors.vocabulary(partner, selectors.partner_texts(partner), pitch)
    return {"message": report.message, "groups": [group.__dict__ for group in report.groups]}
