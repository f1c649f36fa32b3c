"""Commitments screened for dangerous promises, warning signs, the capacity check and the
screening of free text, in the API.

Commitments and warning signs are internal to the workspace. Every commitment is screened
for dangerous promises when it is recorded and whenever its text changes; text that is not
in English is stored as written with `screening` = `not_screened_language`.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, P, Path, Router, Schema, Status
from ninja.pagination import paginate

from partnerkit.api.auth import TokenAuth
from partnerkit.api.pagination import Pagination
from partnerkit.api.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    ConflictOut,
    InputSchema,
    PartnershipId,
    WorkspaceSlug,
    optional,
)
from partnerkit.meetings.models import Meeting
from partnerkit.method import screening
from partnerkit.negotiation import selectors, services
from partnerkit.negotiation.models import (
    EFFORT_MAX_HOURS,
    CommitmentStatus,
    Screening,
    Side,
    SignCode,
)
from partnerkit.partners.models import Contact
from partnerkit.partnerships.models import Partnership
from partnerkit.partnerships.selectors import partnership_get
from partnerkit.workspaces.models import Membership

router = Router(tags=["Negotiation"], auth=TokenAuth(in_workspace=True))

PARTNERSHIP = "/workspaces/{slug}/partnerships/{partnership_id}"
COMMITMENTS = PARTNERSHIP + "/commitments"
CommitmentId = Path[int, P(description="The id of a commitment of this partnership.")]
EFFORT_HELP = f"Our estimate of the work, in hours altogether (0 to {EFFORT_MAX_HOURS:,})."
OWNER_USER_HELP = "Username of the member of this workspace who keeps the promise on our side."
OWNER_CONTACT_HELP = "Id of the partner's contact who keeps the promise on their side."


# Schemas --------------------------------------------------------------------------------------


class ScreeningFindingOut(Schema):
    category: str = Field(description=", ".join(screening.CATEGORIES))
    label: str
    span: list[int] = Field(description="Start and end offsets of the matched words in the text.")
    matched: str
    explanation: str = Field(description="Why the promise is dangerous.")
    alternative: str = Field(description="A safer promise to offer instead.")


class CommitmentOut(Schema):
    id: int
    partnership_id: int
    meeting_id: int | None
    side: Side
    text: str
    owner_user: str | None = Field(description=OWNER_USER_HELP)
    owner_contact_id: int | None = Field(description=OWNER_CONTACT_HELP)
    due_on: dt.date | None
    effort_hours: float | None = Field(description=EFFORT_HELP)
    status: CommitmentStatus
    screening: Screening = Field(
        description="`screened`, or `not_screened_language` when the text is not in English."
    )
    flagged: bool = Field(description="Whether the screening found a dangerous promise.")
    findings: list[ScreeningFindingOut]
    acknowledged_by: str | None = Field(description="Who decided to keep the flagged promise.")
    acknowledged_reason: str = Field(description="Why it is kept despite the flag.")
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int = Field(description="Send it back with PATCH so that edits do not collide.")

    @staticmethod
    def resolve_owner_user(commitment) -> str | None:
        return commitment.owner_user.username if commitment.owner_user_id else None

    @staticmethod
    def resolve_effort_hours(commitment) -> float | None:
        return None if commitment.effort_hours is None else float(commitment.effort_hours)

    @staticmethod
    def resolve_findings(commitment) -> list[dict]:
        return [_finding(finding) for finding in selectors.findings_of(commitment)]

    @staticmethod
    def resolve_acknowledged_by(commitment) -> str | None:
        return commitment.acknowledged_by.username if commitment.acknowledged_by_id else None


class CommitmentIn(InputSchema):
    text: str = Field(description="What is promised, in a sentence or two.")
    side: Side = Side.OURS
    meeting_id: int | None = Field(None, description="A meeting of this partnership.")
    owner_user: str | None = Field(None, description=OWNER_USER_HELP)
    owner_contact_id: int | None = Field(None, description=OWNER_CONTACT_HELP)
    due_on: dt.date | None = None
    effort_hours: Decimal | None = Field(
        None, ge=0, le=EFFORT_MAX_HOURS, decimal_places=2, description=EFFORT_HELP
    )
    status: CommitmentStatus = CommitmentStatus.OPEN


class CommitmentPatch(InputSchema):
    """Leave a field out to keep it; send null to clear an owner, a date or the effort."""

    version: int = optional("The version you last read; if someone saved since, 409.", ge=1)
    text: str = optional("A new wording is screened again.")
    side: Side = optional()
    meeting_id: int | None = optional("A meeting of this partnership.")
    owner_user: str | None = optional(OWNER_USER_HELP)
    owner_contact_id: int | None = optional(OWNER_CONTACT_HELP)
    due_on: dt.date | None = optional()
    effort_hours: Decimal | None = optional(
        EFFORT_HELP, ge=0, le=EFFORT_MAX_HOURS, decimal_places=2
    )
    status: CommitmentStatus = optional()
    acknowledged_reason: str = optional(
        "Keep a flagged promise on purpose: why. Recorded with your name."
    )


class WarningSignOut(Schema):
    id: int
    partnership_id: int
    meeting_id: int | None
    code: SignCode
    title: str
    evidence: str = Field(description="What the partner said or did.")
    recorded_by: str | None
    recorded_at: dt.datetime
    resolved: bool
    resolved_note: str

    @staticmethod
    def resolve_title(sign) -> str:
        return sign.get_code_display()

    @staticmethod
    def resolve_recorded_by(sign) -> str | None:
        return sign.recorded_by.username if sign.recorded_by_id else None


class WarningSignIn(InputSchema):
    code: SignCode = Field(description="The warning sign, from the method's catalogue.")
    evidence: str = Field(description="What did they say or do?")
    meeting_id: int | None = Field(None, description="A meeting of this partnership.")


class PromiseMonthOut(Schema):
    start: dt.date = Field(description="The first day of the month.")
    partnerships: float = Field(description="Hours of the partnerships being pursued or run.")
    commitments: float = Field(description="Hours of our open commitments falling this month.")
    total: float
    over: float = Field(description="Hours beyond the capacity; 0 when it fits.")


class PartnershipLoadOut(Schema):
    partnership_id: int
    title: str
    hours: float = Field(description="Hours per month.")


class CommitmentLoadOut(Schema):
    commitment_id: int
    partnership_id: int
    text: str
    effort: float = Field(description="Hours in total.")
    months: int = Field(description="Spread over this many months from this one.")
    per_month: float
    due_on: dt.date | None


class PromiseCapacityOut(Schema):
    recorded: bool = Field(description="Whether the workspace has recorded its hours per month.")
    available: int = Field(description="Hours per month the workspace has.")
    over_by: float = Field(description="The largest excess over the months looked at.")
    is_over: bool
    rule: str = Field(description="How the load is worked out.")
    months: list[PromiseMonthOut]
    partnerships: list[PartnershipLoadOut]
    commitments: list[CommitmentLoadOut]


class ScreeningIn(InputSchema):
    text: str = Field(description=f"At most {screening.MAX_CHARS:,} characters.")
    lang: str = Field("en", description="The language of the text; only `en` is screened.")


class ScreeningOut(Schema):
    looks_english: bool = Field(
        description="False when the text seems to be in another language or script; then "
        "nothing can be found in it."
    )
    findings: list[ScreeningFindingOut]


# Helpers --------------------------------------------------------------------------------------


def _finding(finding: screening.Finding) -> dict:
    return {
        "category": finding.category,
        "label": finding.label,
        "span": list(finding.span),
        "matched": finding.matched,
        "explanation": finding.explanation,
        "alternative": finding.alternative,
    }


def _partnership(request, partnership_id: int) -> Partnership:
    return partnership_get(workspace=request.workspace, pk=partnership_id)


def _commitment(partnership: Partnership, commitment_id: int):
    return selectors.commitment_of(partnership=partnership, pk=commitment_id)


def _references(request, partnership: Partnership, values: dict) -> dict:
    """The API's ids and usernames as the records the services take; one of another
    workspace reads like one that does not exist, as a field error."""
    if "owner_user" in values:
        username = values.pop("owner_user")
        values["owner_user"] = None
        if username:
            membership = (
                Membership.objects.select_related("user")
                .filter(workspace=request.workspace, user__username=username)
                .first()
            )
            if membership is None:
                raise ValidationError(
                    {"owner_user": _("No member of this workspace has the username “%(u)s”.")
                     % {"u": username}}  # fmt: skip
                )
            values["owner_user"] = membership.user
    if "owner_contact_id" in values:
        contact_id = values.pop("owner_contact_id")
        values["owner_contact"] = None
        if contact_id is not None:
            contact = Contact.objects.filter(
                partner_id=partnership.partner_id, pk=contact_id
            ).first()
            if contact is None:
                raise ValidationError(
                    {"owner_contact_id": _("Choose one of the contacts of %(partner)s.")
                     % {"partner": partnership.partner.name}}  # fmt: skip
                )
            values["owner_contact"] = contact
    if "meeting_id" in values:
        values["meeting"] = _meeting(partnership, values.pop("meeting_id"))
    return values


def _meeting(partnership: Partnership, meeting_id: int | None):
    if meeting_id is None:
        return None
    meeting = Meeting.objects.filter(partnership=partnership, pk=meeting_id).first()
    if meeting is None:
        raise ValidationError(
            {"meeting_id": _("There is no meeting with this id in this partnership.")}
        )
    return meeting


def _renamed(error: ValidationError) -> ValidationError:
    """Service errors name model fields; the API names its own (``owner_contact_id``)."""
    if not hasattr(error, "error_dict"):
        return error
    names = {"owner_contact": "owner_contact_id", "meeting": "meeting_id"}
    return ValidationError(
        {names.get(name, name): messages for name, messages in error.message_dict.items()}
    )


# Commitments ----------------------------------------------------------------------------------


@router.get(
    COMMITMENTS,
    response={200: list[CommitmentOut], **READ_ERRORS},
    summary="Commitments of a partnership",
)
@paginate(Pagination)
def commitment_list(request, slug: WorkspaceSlug, partnership_id: PartnershipId):
    """Promises of both sides, open ones first, soonest due first, each with what the
    screening found."""
    return selectors.commitment_list(partnership=_partnership(request, partnership_id))


@router.post(
    COMMITMENTS, response={201: CommitmentOut, **WRITE_ERRORS}, summary="Record a commitment"
)
def commitment_create(
    request, slug: WorkspaceSlug, partnership_id: PartnershipId, payload: CommitmentIn
):
    """Records a promise and screens it: `findings` lists each dangerous promise with the
    matched words, why it is dangerous and a safer alternative. Nothing stops a flagged or
    over-capacity promise from being recorded; check `GET …/capacity/commitments`."""
    partnership = _partnership(request, partnership_id)
    values = _references(request, partnership, payload.model_dump())
    try:
        commitment = services.commitment_create(partnership=partnership, by=request.auth, **values)
    except ValidationError as error:
        raise _renamed(error) from None
    return Status(201, _commitment(partnership, commitment.pk))


@router.patch(
    COMMITMENTS + "/{commitment_id}",
    response={200: CommitmentOut, **WRITE_ERRORS, 409: ConflictOut},
    summary="Change a commitment",
)
def commitment_update(
    request, slug: WorkspaceSlug, partnership_id: PartnershipId, commitment_id: CommitmentId,
    payload: CommitmentPatch,
):
    """Change the fields you send. A new wording is screened again, and a decision to keep
    a flagged promise lapses with the wording. Send `acknowledged_reason` to keep a flagged
    promise on purpose."""
    partnership = _partnership(request, partnership_id)
    commitment = _commitment(partnership, commitment_id)
    values = payload.model_dump(exclude_unset=True)
    version = values.pop("version", None)
    reason = values.pop("acknowledged_reason", None)
    values = _references(request, partnership, values)
    try:
        if values:
            commitment = services.commitment_update(
                commitment=commitment, by=request.auth, version=version, **values
            )
            version = commitment.version
        if reason is not None:
            services.commitment_acknowledge(
                commitment=commitment, by=request.auth, reason=reason, version=version
            )
    except ValidationError as error:
        raise _renamed(error) from None
    return _commitment(partnership, commitment.pk)


@router.delete(
    COMMITMENTS + "/{commitment_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Remove a commitment",
)
def commitment_delete(
    request, slug: WorkspaceSlug, partnership_id: PartnershipId, commitment_id: CommitmentId
):
    """Removes the commitment; its history keeps who removed it."""
    partnership = _partnership(request, partnership_id)
    services.commitment_delete(commitment=_commitment(partnership, commitment_id), by=request.auth)
    return Status(204, None)


# Warning signs --------------------------------------------------------------------------------


@router.get(
    PARTNERSHIP + "/warning-signs",
    response={200: list[WarningSignOut], **READ_ERRORS},
    summary="Warning signs of a partnership",
)
@paginate(Pagination)
def warning_sign_list(request, slug: WorkspaceSlug, partnership_id: PartnershipId):
    """Unresolved signs first, newest first, each with its evidence."""
    return selectors.warning_sign_list(partnership=_partnership(request, partnership_id))


@router.post(
    PARTNERSHIP + "/warning-signs",
    response={201: WarningSignOut, **WRITE_ERRORS},
    summary="Record a warning sign",
)
def warning_sign_create(
    request, slug: WorkspaceSlug, partnership_id: PartnershipId, payload: WarningSignIn
):
    """A warning sign of the method (`control`, `no_free_licence`, `tight_deadline`, `brand`,
    `no_benefit`, `mission_conflict`) with the evidence: what the partner said or did."""
    partnership = _partnership(request, partnership_id)
    meeting = _meeting(partnership, payload.meeting_id)
    try:
        sign = services.warning_sign_create(
            partnership=partnership, by=request.auth, code=payload.code,
            evidence=payload.evidence, meeting=meeting,
        )
    except ValidationError as error:
        raise _renamed(error) from None
    return Status(201, sign)


# Capacity and screening -----------------------------------------------------------------------


@router.get(
    "/workspaces/{slug}/capacity/commitments",
    response={200: PromiseCapacityOut, **READ_ERRORS},
    summary="Can we keep our promises?",
)
def capacity(request, slug: WorkspaceSlug):
    """The hours the workspace has taken on (partnerships being pursued or run, and our open
    commitments) this month and the next two, against its hours per month. See `rule` for
    how the load is worked out; `GET …/capacity` simulates what the candidates would need."""
    check = selectors.capacity_check(request.workspace)
    return {
        "recorded": check.recorded,
        "available": check.available,
        "over_by": float(check.over_by),
        "is_over": check.is_over,
        "rule": selectors.CAPACITY_RULE,
        "months": [
            {"start": month.start, "partnerships": float(month.partnerships),
             "commitments": float(month.commitments), "total": float(month.total),
             "over": float(month.over)}  # fmt: skip
            for month in check.months
        ],
        "partnerships": [
            {"partnership_id": load.partnership.pk, "title": load.partnership.title,
             "hours": float(load.hours)}  # fmt: skip
            for load in check.partnerships
        ],
        "commitments": [
            {"commitment_id": load.commitment.pk, "partnership_id": load.commitment.partnership_id,
             "text": load.text, "effort": float(load.effort), "months": load.months,
             "per_month": round(float(load.per_month), 2), "due_on": load.due_on}  # fmt: skip
            for load in check.commitments
        ],
    }


@router.post(
    "/workspaces/{slug}/screening",
    response={200: ScreeningOut, **WRITE_ERRORS},
    summary="Screen a text for dangerous promises",
)
def screen_text(request, slug: WorkspaceSlug, payload: ScreeningIn):
    """Finds dangerous promises in free text (meeting notes, a draft agreement) without
    storing anything: promising particular articles or content, giving up answerability to
    the community, exclusivity, locking articles, and non-free licences. A text that is too
    long answers 400 naming `text`; a language other than English, 400 naming `lang`."""
    try:
        findings = screening.screen(payload.text, lang=payload.lang)
    except screening.UnsupportedLanguage as error:
        raise ValidationError({"lang": str(error)}) from None
    except screening.ScreeningError as error:
        raise ValidationError({"text": str(error)}) from None
    return {
        "looks_english": screening.looks_english(payload.text),
        "findings": [_finding(finding) for finding in findings],
    }
