"""The columns of each kind of file, shared by import and export, and the suggested mapping
from a file's own column names to them.

Exports write exactly these columns (``header`` in CSV and XLSX, ``field`` as the key in
JSON), and imports recognise both, so an exported file comes back without any mapping.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass

PARTNERS, CONTACTS, PARTNERSHIPS = "partners", "contacts", "partnerships"


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    # What the value is; values.py has one reader per type.
    type: str = "text"
    synonyms: tuple[str, ...] = ()
    required: bool = False
    export: bool = True
    private: bool = False
    help: str = ""


@dataclass(frozen=True)
class KindSpec:
    code: str
    label: str
    columns: tuple[Column, ...]
    # Groups of fields of which at least one must have a column (or a default).
    required_any: tuple[tuple[str, ...], ...] = ()
    # Fields for which a value for every row can be given instead of a column.
    defaultable: tuple[str, ...] = ()

    def column(self, field: str) -> Column:
        return next(column for column in self.columns if column.field == field)

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(column.field for column in self.columns)

    @property
    def export_columns(self) -> tuple[Column, ...]:
        return tuple(column for column in self.columns if column.export)


_PARTNER_REFERENCE = (
    Column(
        "partner", "Partner", "line",
        ("partner name", "organisation", "organization", "organisation name",
         "organization name", "account", "account name", "company", "company name",
         "institution", "employer"),
        help="The partner's name as in Partnerkit.",
    ),
    Column(
        "partner_wikidata", "Partner Wikidata item", "qid",
        ("partner qid", "partner wikidata", "organisation wikidata", "organization wikidata",
         "partner wikidata qid"),
        help="Tells partners with the same name apart.",
    ),
    Column(
        "partner_website", "Partner website", "url",
        ("partner url", "organisation website", "organization website", "account website",
         "company website"),
        help="Tells partners with the same name apart.",
    ),
)
_PARTNER_REFERENCE_FIELDS = ("partner", "partner_wikidata", "partner_website")

KINDS: dict[str, KindSpec] = {
    PARTNERS: KindSpec(
        PARTNERS,
        "Partners",
        (
            Column(
                "name", "Name", "line",
                ("organisation", "organization", "organisation name", "organization name",
                 "account", "account name", "institution", "institution name", "company",
                 "company name", "partner", "partner name", "common name", "name of museum",
                 "item label", "label"),
                required=True,
            ),
            Column(
                "kind", "Kind", "partner_kind",
                ("type", "partner kind", "partner type", "organisation type",
                 "organization type", "account type", "category"),
                required=True,
            ),
            Column(
                "country", "Country", "country",
                ("country code", "country name", "nation", "alpha two code", "iso country"),
                help="An ISO code such as SE, or the English name.",
            ),
            Column(
                "place", "Place", "line",
                ("city", "town", "location", "locality", "municipality",
                 "village town or city", "town or city"),
            ),
            Column(
                "website", "Website", "url",
                ("web site", "url", "homepage", "home page", "web", "web url", "web page",
                 "web pages", "site", "internet"),
            ),
            Column(
                "wikidata_qid", "Wikidata item", "qid",
                ("wikidata", "qid", "wikidata id", "wikidata qid", "wikidata url", "item",
                 "wikidata item id"),
            ),
            Column("description", "Description", "text", ("about", "summary")),
            Column("mission", "Mission statement", "text", ("mission",)),
            Column("tags", "Tags", "tags", ("tag", "keywords", "labels")),
            Column("public_notes", "Public notes", "text", ()),
            Column(
                "private_notes", "Private notes", "text",
                # Notes of unknown kind stay private: a wrong guess must not publish them.
                ("notes", "note", "internal notes", "comments", "comment"),
                private=True,
            ),
            Column("archived", "Archived", "bool", ("is archived",)),
        ),
        required_any=(("name",), ("kind",)),
        defaultable=("kind", "country"),
    ),
    CONTACTS: KindSpec(
        CONTACTS,
        "Contacts",
        (
            *_PARTNER_REFERENCE,
            Column(
                "name", "Name", "line",
                ("full name", "contact name", "contact", "person", "contact full name"),
            ),
            Column(
                "first_name", "First name", "line",
                ("given name", "firstname", "forename", "first"),
                export=False, help="Joined with the last name when there is no name column.",
            ),
            Column(
                "last_name", "Last name", "line", ("surname", "family name", "lastname", "last"),
                export=False,
            ),
            Column(
                "role_title", "Role or title", "line",
                ("role", "title", "job title", "position", "function"),
            ),
            Column(
                "email", "E-mail", "email",
                ("email address", "e mail address", "mail", "contact email"), private=True,
            ),
            Column(
                "phone", "Phone", "line",
                ("telephone", "phone number", "tel", "mobile", "contact phone"), private=True,
            ),
            Column("languages", "Languages", "languages", ("language",), private=True),
            Column("introduced_by", "Introduced by", "line", ("introduction",), private=True),
            Column("notes", "Notes", "text", ("note", "comments", "comment"), private=True),
            Column(
                "is_contact_point", "Contact point", "bool",
                ("main contact", "primary contact", "is contact point"),
            ),
            Column("consent_note", "Consent", "text", ("consent note",), private=True),
        ),
        required_any=(_PARTNER_REFERENCE_FIELDS, ("name", "first_name", "last_name")),
    ),
    PARTNERSHIPS: KindSpec(
        PARTNERSHIPS,
        "Partnerships",
        (
            *_PARTNER_REFERENCE,
            Column(
                "title", "Title", "line",
                ("partnership", "partnership title", "name", "opportunity", "opportunity name",
                 "project"),
                required=True,
            ),
            Column("goal_types", "Goal types", "goal_types", ("goal type", "goals", "goal")),
            Column("stage", "Stage", "stage", ("status", "pipeline stage")),
            Column(
                "owner", "Owner", "member",
                ("our owner", "owner on our side", "coordinator", "responsible"),
                help="Username or e-mail of a member of this workspace.",
            ),
            Column(
                "partner_owner", "Partner owner", "contact",
                ("owner on the partner's side", "their owner", "partner contact"),
                help="E-mail or name of one of the partner's contacts.",
            ),
            Column("sketch", "Sketch", "text", ("summary", "description")),
            Column("impact", "Impact", "estimate", (), private=True),
            Column("impact_reason", "Impact reason", "text", ("why this impact",), private=True),
            Column(
                "likelihood", "Likelihood of success", "estimate", ("likelihood",), private=True
            ),
            Column(
                "likelihood_reason", "Likelihood reason", "text", ("why this likelihood",),
                private=True,
            ),
            Column("ease", "Ease of approach", "estimate", ("ease",), private=True),
            Column("ease_reason", "Ease reason", "text", ("why this ease",), private=True),
            Column("benefit", "Benefit", "estimate", (), private=True),
            Column("benefit_reason", "Benefit reason", "text", ("why this benefit",), private=True),
            Column("risk", "Risk", "estimate", (), private=True),
            Column("risk_reason", "Risk reason", "text", ("why this risk",), private=True),
            Column(
                "effort_hours", "Effort (hours per month)", "hours",
                ("effort", "effort hours", "hours per month"), private=True,
            ),
            Column("effort_reason", "Effort reason", "text", ("why this effort",), private=True),
            Column("licence", "Licence", "licence", ("license", "content licence")),
            Column("batna", "BATNA", "text", (), private=True),
            Column("plan_b", "Plan B", "text", ()),
            Column("decision", "Decision", "decision", ()),
            Column(
                "decision_reason", "Decision reason", "text", ("reason for the decision",),
                private=True,
            ),
            Column("next_step", "Next step", "line", ()),
            Column("next_step_due", "Next step due", "date", ("due", "due date")),
            Column("started_on", "Started", "date", ("start date", "started on")),
            Column(
                "mou_signed_on", "Agreement signed", "date",
                ("mou signed", "agreement signed on", "signed on"),
            ),
            Column("review_on", "Review", "date", ("review date", "review on")),
            Column("ends_on", "Ends", "date", ("end date", "ends on")),
        ),
        required_any=(_PARTNER_REFERENCE_FIELDS, ("title",)),
    ),
}

PARTNER_REFERENCE_FIELDS = _PARTNER_REFERENCE_FIELDS


def normalise_header(text: str) -> str:
    """Letters and digits only, lower case, without accents: "E-mail " → "email"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(
        char for char in decomposed.casefold() if char.isalnum() and not unicodedata.combining(char)
    )


def header_key(headers: list[str]) -> str:
    """The same for files with the same column names in any order or spelling."""
    names = sorted(normalise_header(header) for header in headers)
    return hashlib.sha256("\x1f".join(names).encode()).hexdigest()


def suggest_mapping(kind: str, headers: list[str]) -> dict[str, str]:
    """{field: header} for the columns whose names say what they hold.

    Whole names are matched first ("Contact: Phone" → phone), then the part after a colon,
    as CRM exports write "Account: Account Name"; each column is used once.
    """
    spec = KINDS[kind]
    names: dict[str, str] = {}
    for column in spec.columns:
        for name in (column.field, column.header, *column.synonyms):
            names.setdefault(normalise_header(name), column.field)
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for pass_ in ("whole", "after_colon"):
        for header in headers:
            if header in used:
                continue
            text = header if pass_ == "whole" else header.rpartition(":")[2]
            if pass_ == "after_colon" and ":" not in header:
                continue
            field = names.get(normalise_header(text))
            if field and field not in mapping:
                mapping[field] = header
                used.add(header)
    return mapping
