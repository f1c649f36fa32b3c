"""The shapes the API reads and writes. Views fetch with selectors and write with services; these
classes only say what goes over the wire.

Input schemas forbid unknown fields, so a misspelt field is a 400 that names it instead of a
change that silently never happens. Patch schemas mark every field optional without making it
nullable: leave a field out to keep its value, send "" to clear a text.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from ninja import Field, P, Path, Query, Schema
from pydantic import ConfigDict

from partnerkit.partners.models import PartnerKind
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


class ContactFilterQuery(Schema):
    partner_id: int | None = Field(None, description="Only the contacts of this partner.")
    q: str = Field("", description="Words to find in name, role or e-mail.")
