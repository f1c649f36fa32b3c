"""The shapes the API reads and writes. Views fetch with selectors and write with services; these
classes only say what goes over the wire.

Input schemas forbid unknown fields, so a misspelt field is a 400 that names it instead of a
change that silently never happens. Patch schemas mark every field optional without making it
nullable: leave a field out to keep its value, send "" to clear a text.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from ninja import Field, P, Path, Query, Schema
from pydantic import ConfigDict

from partnerkit.partners.models import PartnerKind
from partnerkit.partnerships.models import Decision, GoalTypeCode, Licence, Stage
from partnerkit.partnerships.selectors import BOARD_CARDS_PER_STAGE, PartnershipFilters
from partnerkit.workspaces.models import Role

# Path parameters, described once for every endpoint that has them.
WorkspaceSlug = Path[str, P(description="The workspace's short name, as in its web address.")]
PartnerId = Path[int, P(description="The id of a partner of this workspace.")]
ContactId = Path[int, P(description="The id of a contact of this workspace.")]
VERSION_HELP = "The version you last read; if someone saved since, the answer is 409."
VersionQuery = Query[int | None, P(ge=1, description=VERSION_HELP)]


def _drop_default(schema: dict) -> None:
    schema.pop("default", None)


def optional(description: str = "", **constraints) -> Any:
    """A patch field: absent means "keep", so the OpenAPI schema shows no default for it."""
    return Field(
        None, description=description or None, json_schema_extra=_drop_default, **constraints
    )


class InputSchema(Schema):
    model_config = ConfigDict(extra="forbid")


# Errors ---------------------------------------------------------------------------------------


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, in a sentence.")
    errors: dict[str, list[str]] = Field(
        description="Messages by field name; `__all__` for messages about the whole request."
    )


# The error answers every endpoint of a kind may give, for the OpenAPI description.
READ_ERRORS = {401: ErrorOut, 404: ErrorOut}
WRITE_ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
# Endpoints that ask a Wikimedia service while you wait (see errors.wikimedia_failed).
WIKIMEDIA_ERRORS = {502: ErrorOut, 503: ErrorOut, 504: ErrorOut}


class FieldChange(Schema):
    before: Any = Field(description="The value when you read the record.")
    now: Any = Field(description="The value someone else saved since.")


class ConflictOut(ErrorOut):
    current_version: int = Field(description="Send this version to overwrite on purpose.")
    changes: dict[str, FieldChange] = Field(description="What changed since your version.")


# Workspaces -----------------------------------------------------------------------------------


class WorkspaceOut(Schema):
    slug: str = Field(description="The short name used in addresses.")
    name: str
    description: str
    role: Role = Field(description="Your role in this workspace.")

    @staticmethod
    def resolve_slug(membership) -> str:
        return membership.workspace.slug

    @staticmethod
    def resolve_name(membership) -> str:
        return membership.workspace.name

    @staticmethod
    def resolve_description(membership) -> str:
        return membership.workspace.description


# Partners -------------------------------------------------------------------------------------

KIND_HELP = "One of the partner kinds of the method, e.g. museum, library, affiliate."
COUNTRY_HELP = "ISO 3166-1 alpha-2 code, e.g. SE; empty when unknown."
QID_HELP = "A Wikidata item id such as Q190804, or the item's Wikidata address."
TAGS_HELP = "Tag names; new names create tags, matching is case-insensitive."
PRIVATE_NOTES_HELP = "For members of this workspace only; never in partner-facing output."


class PartnerOut(Schema):
    id: int
    name: str
    kind: PartnerKind
    side: Literal["internal", "external"] = Field(
        description="Internal partners are part of the movement; external ones are not."
    )
    country: str = Field(description=COUNTRY_HELP)
    country_name: str
    place: str
    website: str
    wikidata_qid: str = Field(description="The Wikidata item id, e.g. Q190804, or empty.")
    description: str
    mission: str
    tags: list[str]
    public_notes: str
    private_notes: str = Field(description=PRIVATE_NOTES_HELP)
    archived: bool
    archived_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int = Field(description="Send it back with PATCH so that edits do not collide.")

    @staticmethod
    def resolve_side(partner) -> str:
        return partner.side.value

    @staticmethod
    def resolve_country(partner) -> str:
        return partner.country.code or ""

    @staticmethod
    def resolve_country_name(partner) -> str:
        return partner.country.name or ""

    @staticmethod
    def resolve_tags(partner) -> list[str]:
        return [tag.name for tag in partner.tags.all()]

    @staticmethod
    def resolve_archived(partner) -> bool:
        return partner.is_archived


class PartnerListItem(PartnerOut):
    contact_count: int


class PartnerCreate(InputSchema):
    name: str
    kind: PartnerKind = Field(description=KIND_HELP)
    country: str = Field("", description=COUNTRY_HELP)
    place: str = ""
    website: str = Field("", description="The address of the partner's website.")
    wikidata_qid: str = Field("", description=QID_HELP)
    description: str = ""
    mission: str = Field("", description="The partner's mission statement.")
    tags: list[str] = Field([], description=TAGS_HELP)
    public_notes: str = ""
    private_notes: str = Field("", description=PRIVATE_NOTES_HELP)


class PartnerPatch(InputSchema):
    version: int = optional(VERSION_HELP, ge=1)
    name: str = optional()
    kind: PartnerKind = optional(KIND_HELP)
    country: str = optional(COUNTRY_HELP)
    place: str = optional()
    website: str = optional()
    wikidata_qid: str = optional(QID_HELP)
    description: str = optional()
    mission: str = optional()
    tags: list[str] = optional(TAGS_HELP + " The list replaces the current tags.")
    public_notes: str = optional()
    private_notes: str = optional(PRIVATE_NOTES_HELP)


class PartnerFilterQuery(Schema):
    q: str = Field("", description="Words to find in name, place, description, tag or QID.")
    kind: PartnerKind | None = Field(None, description=KIND_HELP)
    side: Literal["internal", "external"] | None = None
    country: str = Field("", description="ISO 3166-1 alpha-2 code.")
    tag: str = Field("", description="A tag name (any case).")
    status: Literal["active", "archived", "all"] = "active"
    sort: Literal["name", "-updated", "country", "kind"] = Field(
        "name", description="`-updated` puts the most recently changed first."
    )


class RestoreIn(InputSchema):
    history_id: int = Field(description="The `id` of an entry of this partner's history.")


class ChangeOut(Schema):
    field: str
    old: str
    new: str
    private: bool = Field(description="True for fields that never leave the workspace.")


class HistoryEntryOut(Schema):
    id: int = Field(description="The history id; restore a partner's version with it.")
    when: datetime
    who: str | None = Field(description="The username of whoever made the change.")
    kind: Literal["created", "changed", "deleted"]
    subject: Literal["partner", "contact"] = Field(description="What the entry is about.")
    subject_id: int
    reason: str
    changes: list[ChangeOut]

    @staticmethod
    def resolve_id(entry) -> int:
        return entry.record.history_id

    @staticmethod
    def resolve_who(entry) -> str | None:
        return entry.who.username if entry.who else None

    @staticmethod
    def resolve_subject(entry) -> str:
        return entry.record.instance_type._meta.model_name

    @staticmethod
    def resolve_subject_id(entry) -> int:
        return entry.record.id


# Contacts -------------------------------------------------------------------------------------

LANGUAGES_HELP = "Language codes separated by commas, e.g. `en, sv`."
CONSENT_HELP = "What this person agreed to: being contacted, named in documents, …"
DOCUMENTS_CONSENT_HELP = (
    "Whether generated documents may show this person's e-mail and phone; without it they "
    "show the name and role alone."
)


class ContactOut(Schema):
    id: int
    partner_id: int
    name: str
    role_title: str
    email: str
    phone: str
    languages: str = Field(description=LANGUAGES_HELP)
    introduced_by: str
    notes: str
    is_contact_point: bool = Field(description="The person we approach first at the partner.")
    consent_note: str = Field(description=CONSENT_HELP)
    details_in_documents: bool = Field(description=DOCUMENTS_CONSENT_HELP)
    created_at: datetime
    updated_at: datetime
    version: int


class ContactCreate(InputSchema):
    partner_id: int = Field(description="A partner of this workspace.")
    name: str
    role_title: str = ""
    email: str = ""
    phone: str = ""
    languages: str = Field("", description=LANGUAGES_HELP)
    introduced_by: str = ""
    notes: str = ""
    is_contact_point: bool = False
    consent_note: str = Field("", description=CONSENT_HELP)
    details_in_documents: bool = Field(False, description=DOCUMENTS_CONSENT_HELP)


class ContactPatch(InputSchema):
    version: int = optional(VERSION_HELP, ge=1)
    name: str = optional()
    role_title: str = optional()
    email: str = optional()
    phone: str = optional()
    languages: str = optional(LANGUAGES_HELP)
    introduced_by: str = optional()
    notes: str = optional()
    is_contact_point: bool = optional()
    consent_note: str = optional(CONSENT_HELP)
    details_in_documents: bool = optional(DOCUMENTS_CONSENT_HELP)


class ContactFilterQuery(Schema):
    partner_id: int | None = Field(None, description="Only the contacts of this partner.")
    q: str = Field("", description="Words to find in name, role or e-mail.")


# Partnerships ---------------------------------------------------------------------------------

PartnershipId = Path[int, P(description="The id of a partnership of this workspace.")]

# The sorts and decisions the selectors and models know, so the schema cannot drift from them.
PartnershipSort = Literal[tuple(PartnershipFilters.SORTS)]
DecisionValue = Literal[("", *Decision.values)]

ESTIMATE_HELP = "1 (low) to 5 (high); internal, never shown to the partner."
EFFORT_HELP = "Hours per month our side would spend; internal."
REASON_HELP = "Why this estimate; internal."
GOAL_TYPES_HELP = "Goal type codes, e.g. content_acquisition, outreach_recruitment."
OWNER_HELP = "The username of the member who owns the partnership on our side."
PARTNER_OWNER_HELP = "The id of the contact who owns the partnership on the partner's side."
BATNA_HELP = "Our best alternative if no agreement is reached; internal."
DECISION_HELP = "go, no_go, not_now, or empty while undecided."


def estimate(description: str = ESTIMATE_HELP) -> Any:
    return Field(None, ge=1, le=5, description=description)


class PartnershipInputSchema(InputSchema):
    # Choices arrive as their plain codes, as the services expect.
    model_config = ConfigDict(extra="forbid", use_enum_values=True)


class PartnershipSummary(Schema):
    id: int
    title: str
    partner_id: int
    partner_name: str
    partner_kind: PartnerKind
    goal_types: list[GoalTypeCode]
    stage: Stage
    owner: str | None = Field(description=OWNER_HELP)

    @staticmethod
    def resolve_partner_name(partnership) -> str:
        return partnership.partner.name

    @staticmethod
    def resolve_partner_kind(partnership) -> str:
        return partnership.partner.kind

    @staticmethod
    def resolve_goal_types(partnership) -> list[str]:
        return sorted(goal.code for goal in partnership.goal_types.all())

    @staticmethod
    def resolve_owner(partnership) -> str | None:
        return partnership.owner.username if partnership.owner_id else None


class PartnershipOut(PartnershipSummary):
    stage_changed_at: datetime | None = Field(description="When it entered its current stage.")
    partner_owner_id: int | None = Field(description=PARTNER_OWNER_HELP)
    sketch: str = Field(description="What the partnership would look like, in a few lines.")
    impact: int | None = Field(description=ESTIMATE_HELP)
    impact_reason: str
    likelihood: int | None = Field(description="Likelihood of success. " + ESTIMATE_HELP)
    likelihood_reason: str
    ease: int | None = Field(description="Ease of approach. " + ESTIMATE_HELP)
    ease_reason: str
    benefit: int | None = Field(description=ESTIMATE_HELP)
    benefit_reason: str
    risk: int | None = Field(description=ESTIMATE_HELP)
    risk_reason: str
    effort_hours: int | None = Field(description=EFFORT_HELP)
    effort_reason: str
    licence: Licence = Field(description="The licence of the content to be released.")
    batna: str = Field(description=BATNA_HELP)
    plan_b: str
    decision: DecisionValue = Field(description=DECISION_HELP)
    decision_reason: str
    next_step: str
    next_step_due: date | None
    started_on: date | None
    mou_signed_on: date | None = Field(description="When the agreement was signed.")
    review_on: date | None
    ends_on: date | None
    created_at: datetime
    updated_at: datetime
    version: int = Field(description="Send it back with PATCH so that edits do not collide.")


class PartnershipCreate(PartnershipInputSchema):
    partner_id: int = Field(description="A partner of this workspace.")
    title: str
    goal_types: list[GoalTypeCode] = Field([], description=GOAL_TYPES_HELP)
    owner: str | None = Field(None, description=OWNER_HELP)
    partner_owner_id: int | None = Field(None, description=PARTNER_OWNER_HELP)
    sketch: str = ""
    impact: int | None = estimate()
    impact_reason: str = Field("", description=REASON_HELP)
    likelihood: int | None = estimate("Likelihood of success. " + ESTIMATE_HELP)
    likelihood_reason: str = Field("", description=REASON_HELP)
    ease: int | None = estimate("Ease of approach. " + ESTIMATE_HELP)
    ease_reason: str = Field("", description=REASON_HELP)
    benefit: int | None = estimate()
    benefit_reason: str = Field("", description=REASON_HELP)
    risk: int | None = estimate()
    risk_reason: str = Field("", description=REASON_HELP)
    effort_hours: int | None = Field(None, ge=0, le=10_000, description=EFFORT_HELP)
    effort_reason: str = Field("", description=REASON_HELP)
    licence: Licence = Licence.UNDECIDED
    batna: str = Field("", description=BATNA_HELP)
    plan_b: str = ""
    decision: DecisionValue = Field("", description=DECISION_HELP)
    decision_reason: str = ""
    next_step: str = ""
    next_step_due: date | None = None
    started_on: date | None = None
    mou_signed_on: date | None = None
    review_on: date | None = None
    ends_on: date | None = None


class PartnershipPatch(PartnershipInputSchema):
    """Leave a field out to keep it; send null to clear a number, a date or an owner."""

    version: int = optional(VERSION_HELP, ge=1)
    title: str = optional()
    goal_types: list[GoalTypeCode] = optional(GOAL_TYPES_HELP + " The list replaces them.")
    owner: str | None = optional(OWNER_HELP)
    partner_owner_id: int | None = optional(PARTNER_OWNER_HELP)
    sketch: str = optional()
    impact: int | None = optional(ESTIMATE_HELP, ge=1, le=5)
    impact_reason: str = optional(REASON_HELP)
    likelihood: int | None = optional("Likelihood of success. " + ESTIMATE_HELP, ge=1, le=5)
    likelihood_reason: str = optional(REASON_HELP)
    ease: int | None = optional("Ease of approach. " + ESTIMATE_HELP, ge=1, le=5)
    ease_reason: str = optional(REASON_HELP)
    benefit: int | None = optional(ESTIMATE_HELP, ge=1, le=5)
    benefit_reason: str = optional(REASON_HELP)
    risk: int | None = optional(ESTIMATE_HELP, ge=1, le=5)
    risk_reason: str = optional(REASON_HELP)
    effort_hours: int | None = optional(EFFORT_HELP, ge=0, le=10_000)
    effort_reason: str = optional(REASON_HELP)
    licence: Licence = optional("The licence of the content to be released.")
    batna: str = optional(BATNA_HELP)
    plan_b: str = optional()
    decision: DecisionValue = optional(DECISION_HELP)
    decision_reason: str = optional()
    next_step: str = optional()
    next_step_due: date | None = optional()
    started_on: date | None = optional()
    mou_signed_on: date | None = optional()
    review_on: date | None = optional()
    ends_on: date | None = optional()


class PartnershipFilterFields(Schema):
    q: str = Field("", description="Words to find in title, partner name, sketch or next step.")
    goal_type: GoalTypeCode | None = Field(None, description="Only partnerships of this goal type.")
    partner_kind: PartnerKind | None = Field(None, description=KIND_HELP)
    owner: str = Field(
        "", description="A member's username, or `none` for partnerships without an owner."
    )
    tag: str = Field("", description="A tag of the partner (any case).")
    stage: Stage | None = None
    partner_id: int | None = Field(None, description="Only the partnerships with this partner.")


class PartnershipFilterQuery(PartnershipFilterFields):
    sort: PartnershipSort = Field(
        "title",
        description="`due` puts the soonest next step first; `-updated` the latest change.",
    )


class BoardQuery(PartnershipFilterFields):
    cards: int = Field(
        BOARD_CARDS_PER_STAGE, ge=0, le=200, description="At most this many cards a column."
    )


class BoardCardOut(PartnershipSummary):
    effort_hours: int | None = Field(description=EFFORT_HELP)
    next_step: str
    next_step_due: date | None
    version: int


class BoardColumnOut(Schema):
    stage: Stage
    label: str
    count: int = Field(description="How many partnerships are in this stage.")
    effort_hours: int = Field(description="Their total estimated effort, hours per month.")
    hidden: int = Field(description="How many of them are not among the cards.")
    cards: list[BoardCardOut] = Field(description="The soonest due first.")

    @staticmethod
    def resolve_label(column) -> str:
        return str(column.stage.label)


class BoardOut(Schema):
    columns: list[BoardColumnOut] = Field(description="One column per stage, in pipeline order.")


class StageMoveIn(InputSchema):
    to: Stage = Field(description="The stage to move to.")
    reason: str | None = Field(None, description="Why; needed to decline, drop or put on hold.")
    override_reason: str | None = Field(
        None,
        description="Coordinators and admins: why to move although conditions are unmet.",
    )


class StageChangeOut(Schema):
    id: int
    from_stage: Stage | Literal[""] = Field(description="Empty for the first stage.")
    to_stage: Stage
    by: str | None = Field(description="The username of whoever moved it.")
    at: datetime
    reason: str
    override_reason: str = Field(description="Set when unmet conditions were overridden.")
    overridden: list[str] = Field(description="The conditions the override set aside.")

    @staticmethod
    def resolve_by(change) -> str | None:
        return change.by.username if change.by_id else None


class StageMoveOut(Schema):
    partnership: PartnershipOut
    stage_change: StageChangeOut


class UnmetOut(Schema):
    rule: str = Field(
        description="The code of the method's rule, e.g. contact_point_before_contact."
    )
    message: str = Field(description="What is missing, in a sentence.")


class StageBlockedOut(ErrorOut):
    unmet: list[UnmetOut] = Field(description="Each unmet condition of the target stage.")


class PartnershipHistoryEntryOut(HistoryEntryOut):
    subject: Literal["partnership"] = Field(description="What the entry is about.")


class PartnershipRestoreIn(InputSchema):
    history_id: int = Field(description="The `id` of an entry of this partnership's history.")
