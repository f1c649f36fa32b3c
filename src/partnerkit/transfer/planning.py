"""What an import would do, row by row, before anything is written.

``build_preview`` reads every row with the column mapping, names each bad value by row and
column, finds duplicates in the workspace and inside the file, and settles each row's action
(create, merge, update or skip). It only reads the database, with a fixed number of queries
whatever the size of the file. Applying (services.py) builds the same preview again inside
its transaction and refuses while it has errors.

Decisions taken here, and why:

- An empty cell means "no value here", never "clear this field": a merge or update leaves the
  stored value alone.
- Merge fills only the fields that are empty in Partnerkit (and adds tags and goal types);
  update replaces stored values with the file's non-empty ones (and moves the stage).
- A duplicate matched by Wikidata item, website, e-mail or exact name is merged unless the
  person chooses otherwise; one matched only by a similar name is skipped, because similar
  names belong to different organisations often enough.
- Two rows of one file that are certainly the same record are an error: the file must say
  which one is right. Rows that are exact repeats (every imported cell equal) are imported
  once, with a warning; rows with only similar names are a choice like any duplicate.
- A partnership whose stage conditions are not met is imported at that stage with a
  recorded override ("Imported from <file>") when the importing person may override (a
  coordinator or an admin); for anyone else that row is an error naming what is missing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist
from django.db.models import CharField
from rapidfuzz import fuzz, process

from partnerkit.method import stages
from partnerkit.partners.models import Contact, Partner
from partnerkit.partners.services import CONTACT_FIELDS, PARTNER_FIELDS
from partnerkit.partnerships.models import Partnership
from partnerkit.partnerships.services import PARTNERSHIP_FIELDS
from partnerkit.transfer import matching
from partnerkit.transfer.columns import (
    CONTACTS,
    KINDS,
    PARTNER_REFERENCE_FIELDS,
    PARTNERS,
    PARTNERSHIPS,
    KindSpec,
)
from partnerkit.transfer.reading import Table
from partnerkit.transfer.values import READERS, BadValue, read_country, read_partner_kind
from partnerkit.workspaces.models import Membership
from partnerkit.workspaces.permissions import can

CHOICES = ("merge", "update", "skip", "create")
CHOICE_LABELS = {
    "merge": "Merge: fill empty fields",
    "update": "Update: file values replace stored ones",
    "skip": "Skip this row",
    "create": "Create a new record anyway",
}
# Stages whose rule asks for a reason: the row's decision reason is that reason.
_STAGES_WITH_REASON = frozenset({"declined", "dropped", "on_hold"})

Progress = Callable[[str, int, int], None]


@dataclass
class Problem:
    row: int | None
    column: str | None
    message: str
    unit: str = "row"

    def __str__(self) -> str:
        where = []
        if self.row is not None:
            where.append(f"{self.unit.capitalize()} {self.row}")
        if self.column:
            where.append(f"column “{self.column}”")
        return f"{', '.join(where)}: {self.message}" if where else self.message

    def as_dict(self) -> dict:
        return {"row": self.row, "column": self.column, "message": self.message}


@dataclass
class Match:
    reason: str
    exact: bool
    label: str
    record_id: int | None = None  # a record in Partnerkit
    row: int | None = None  # an earlier row of the file

    @property
    def default(self) -> str:
        return "merge" if self.exact else "skip"

    def describe(self, unit: str = "row") -> str:
        where = f"{unit} {self.row}" if self.row is not None else "Partnerkit"
        return f"“{self.label}” in {where}: {self.reason}"


@dataclass
class RowPlan:
    row: int
    label: str
    # The record's fields given in the file (empty cells left out); owner and partner_owner
    # hold ids.
    values: dict = field(default_factory=dict)
    tags: list[str] | None = None
    goal_types: list[str] | None = None
    stage: str | None = None
    archived: bool | None = None
    partner_id: int | None = None
    match: Match | None = None
    repeat_of: int | None = None
    action: str = "create"
    # Stage conditions set aside by the import's override.
    override: list[str] = field(default_factory=list)
    # Why a row without a match is skipped.
    note: str = ""


@dataclass
class Preview:
    kind: str
    unit: str
    rows: list[RowPlan] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    row_count: int = 0
    can_override: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def duplicates(self) -> list[RowPlan]:
        return [plan for plan in self.rows if plan.match is not None]

    @property
    def counts(self) -> dict[str, int]:
        found = Counter(plan.action for plan in self.rows)
        return {action: found.get(action, 0) for action in ("create", "merge", "update", "skip")}

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "rows": self.row_count,
            "counts": self.counts,
            "errors": [problem.as_dict() for problem in self.errors],
            "warnings": [problem.as_dict() for problem in self.warnings],
            "duplicates": [
                {
                    "row": plan.row,
                    "label": plan.label,
                    "matches": plan.match.label,
                    "record_id": plan.match.record_id,
                    "matches_row": plan.match.row,
                    "reason": plan.match.reason,
                    "exact": plan.match.exact,
                    "action": plan.action,
                }
                for plan in self.duplicates
            ],
        }


# --------------------------------------------------------------------------------------
# Mappings
# --------------------------------------------------------------------------------------


def mapping_problems(kind: str, headers: list[str], mapping: dict) -> list[str]:
    """What is wrong with a mapping ({"columns": {field: header}, "defaults": {field:
    value}}) for a file with these headers."""
    spec = KINDS[kind]
    problems = []
    columns = mapping.get("columns", {})
    defaults = mapping.get("defaults", {})
    for name, header in columns.items():
        if name not in spec.fields:
            problems.append(
                f"{name!r} is not a column of {spec.label.lower()}; valid: "
                f"{', '.join(spec.fields)}."
            )
        elif header not in headers:
            problems.append(
                f"The file has no column “{header}” (for {spec.column(name).header})."
            )
    for name, value in defaults.items():
        if name not in spec.defaultable:
            problems.append(f"{name!r} cannot have a value for every row.")
            continue
        try:
            _read_default(name, value)
        except BadValue as error:
            problems.append(f"{spec.column(name).header} for every row: {error}")
    return problems


def missing_columns(spec: KindSpec, mapping: dict) -> list[str]:
    given = set(mapping.get("columns", {})) | {
        name for name, value in mapping.get("defaults", {}).items() if value
    }
    missing = []
    for group in spec.required_any:
        if not given & set(group):
            missing.append(" or ".join(spec.column(name).header for name in group))
    return missing


def _read_default(name: str, value: str):
    return {"kind": read_partner_kind, "country": read_country}[name](value)


# --------------------------------------------------------------------------------------
# What is in the workspace already
# --------------------------------------------------------------------------------------


class _Workspace:
    """The workspace's records that rows are compared with, loaded once."""

    def __init__(self, workspace, kind: str, by):
        self.kind = kind
        membership = Membership.objects.filter(workspace=workspace, user=by).first()
        self.can_override = membership is not None and can(membership, "override")
        self.partners: dict[int, dict] = {}
        self.partner_orgs = matching.OrgIndex()
        self.by_qid: dict[str, list[int]] = {}
        self.by_site: dict[str, list[int]] = {}
        self.by_key: dict[str, list[int]] = {}
        for row in Partner.objects.filter(workspace=workspace).values(
            "id", "name", "country", "place", "website", "wikidata_qid"
        ):
            self.partners[row["id"]] = row
            org = matching.Org(
                row["id"], row["name"], row["country"] or "", row["place"], row["website"],
                row["wikidata_qid"],
            )
            if kind == PARTNERS:
                self.partner_orgs.add(org)
            if org.qid:
                self.by_qid.setdefault(org.qid, []).append(org.ref)
            if org.site:
                self.by_site.setdefault(org.site, []).append(org.ref)
            self.by_key.setdefault(org.key, []).append(org.ref)
        self.partner_names = [row["name"] for row in self.partners.values()]
        self.contacts: dict[int, dict] = {}
        self.contacts_by_email: dict[tuple[int, str], int] = {}
        self.contacts_by_name: dict[tuple[int, str], list[int]] = {}
        self.contact_point_partners: set[int] = set()
        self.members: dict[str, int] = {}
        self.partnerships: dict[int, dict] = {}
        self.partnerships_by_title: dict[tuple[int, str], int] = {}
        if kind in (CONTACTS, PARTNERSHIPS):
            self._load_contacts(workspace)
        if kind == PARTNERSHIPS:
            self._load_members(workspace)
            self._load_partnerships(workspace)

    def _load_contacts(self, workspace):
        for row in Contact.objects.filter(partner__workspace=workspace).values(
            "id", "partner_id", "name", "email", "is_contact_point"
        ):
            self.contacts[row["id"]] = row
            if row["email"]:
                key = (row["partner_id"], row["email"].lower())
                self.contacts_by_email.setdefault(key, row["id"])
            key = (row["partner_id"], matching.name_key(row["name"]))
            self.contacts_by_name.setdefault(key, []).append(row["id"])
            if row["is_contact_point"]:
                self.contact_point_partners.add(row["partner_id"])

    def _load_members(self, workspace):
        users = get_user_model().objects.filter(memberships__workspace=workspace)
        for user_id, username, email in users.values_list("id", "username", "email"):
            self.members[username.casefold()] = user_id
            if email:
                self.members.setdefault(email.casefold(), user_id)

    def _load_partnerships(self, workspace):
        fields = ["id", "partner_id", "title", "stage", "owner_id", "partner_owner_id",
                  "licence", "decision", "decision_reason", *Partnership.ESTIMATES, "effort_hours"]
        for row in Partnership.objects.filter(workspace=workspace).values(*fields):
            row["goal_types"] = set()
            row["owner"], row["partner_owner"] = row.pop("owner_id"), row.pop("partner_owner_id")
            self.partnerships[row["id"]] = row
            key = (row["partner_id"], matching.name_key(row["title"]))
            self.partnerships_by_title.setdefault(key, row["id"])
        through = Partnership.goal_types.through
        for partnership_id, code in through.objects.filter(
            partnership__workspace=workspace
        ).values_list("partnership_id", "goaltype_id"):
            self.partnerships[partnership_id]["goal_types"].add(code)

    def partner_label(self, partner_id: int) -> str:
        return self.partners[partner_id]["name"]


# --------------------------------------------------------------------------------------
# The preview
# --------------------------------------------------------------------------------------


def build_preview(
    *, workspace, kind: str, table: Table, mapping: dict, by, file_name: str = "",
    decisions: dict | None = None, on_duplicate: str | None = None,
    progress: Progress | None = None,
) -> Preview:
    spec = KINDS[kind]
    preview = Preview(kind=kind, unit=table.unit, row_count=len(table.rows))
    for message in mapping_problems(kind, table.headers, mapping):
        preview.errors.append(Problem(None, None, message))
    for group in missing_columns(spec, mapping):
        preview.errors.append(
            Problem(None, None, f"No column is chosen for {group}; it is required.")
        )
    if preview.errors:
        return preview
    for number, message in table.notes:
        preview.warnings.append(Problem(number, None, message, table.unit))

    known = _Workspace(workspace, kind, by)
    preview.can_override = known.can_override
    reader = _RowReader(spec, table, mapping, known, preview)
    decisions = {int(row): choice for row, choice in (decisions or {}).items()}
    read_row = {
        PARTNERS: reader.partner, CONTACTS: reader.contact, PARTNERSHIPS: reader.partnership
    }[kind]
    seen: dict[tuple, int] = {}
    total = len(table.rows)
    for done, (number, cells) in enumerate(zip(table.row_numbers, table.rows), start=1):
        if progress and (done % 250 == 0 or done == total):
            progress("Checking rows", done, total)
        raw = reader.raw(cells)
        if not any(raw.values()):
            continue
        signature = tuple(sorted(raw.items()))
        if signature in seen:
            first = seen[signature]
            preview.rows.append(
                RowPlan(row=number, label=reader.label(raw), repeat_of=first, action="skip")
            )
            preview.warnings.append(
                Problem(
                    number, None, f"repeats {table.unit} {first} exactly; it is imported once.",
                    table.unit,
                )
            )
            continue
        seen[signature] = number
        plan = read_row(number, raw)
        if plan is None:
            continue
        if plan.match is not None:
            choice = decisions.get(number) or on_duplicate or plan.match.default
            plan.action = choice if choice in CHOICES else plan.match.default
        if kind == PARTNERSHIPS:
            reader.check_stage(plan, file_name)
        preview.rows.append(plan)
    return preview


class _RowReader:
    """Reads rows of one file into plans, keeping what earlier rows held to find
    duplicates inside the file."""

    def __init__(
        self, spec: KindSpec, table: Table, mapping: dict, known: _Workspace, preview: Preview
    ):
        self.spec = spec
        self.unit = table.unit
        self.known = known
        self.preview = preview
        self.columns: dict[str, str] = dict(mapping.get("columns", {}))
        self.defaults = {
            name: _read_default(name, value)
            for name, value in mapping.get("defaults", {}).items()
            if value
        }
        position = {header: index for index, header in enumerate(table.headers)}
        self.positions = {name: position[header] for name, header in self.columns.items()}
        model = {PARTNERS: Partner, CONTACTS: Contact, PARTNERSHIPS: Partnership}[spec.code]
        self.max_lengths = {
            column.field: model._meta.get_field(column.field).max_length
            for column in spec.columns
            if _model_field(model, column.field) is not None
            and isinstance(_model_field(model, column.field), CharField)
        }
        self.file_orgs = matching.OrgIndex()
        self.file_keys: dict[tuple, int] = {}

    # Cells ---------------------------------------------------------------------------

    def raw(self, cells: list[str]) -> dict[str, str]:
        return {name: cells[index] for name, index in self.positions.items()}

    def label(self, raw: dict[str, str]) -> str:
        for name in ("name", "title"):
            if raw.get(name):
                return raw[name]
        return " ".join(part for part in (raw.get("first_name"), raw.get("last_name")) if part)

    def error(self, row: int, name: str | None, message: str) -> None:
        column = self.columns.get(name) if name else None
        self.preview.errors.append(Problem(row, column, message, self.unit))

    def warn(self, row: int, name: str | None, message: str) -> None:
        column = self.columns.get(name) if name else None
        self.preview.warnings.append(Problem(row, column, message, self.unit))

    def read_cells(self, row: int, raw: dict[str, str]) -> tuple[dict, bool]:
        """Every given cell read into its value; False when one of them was bad."""
        values, ok = {}, True
        for name, text in raw.items():
            if not text:
                continue
            column = self.spec.column(name)
            try:
                value = READERS[column.type](text)
            except BadValue as bad:
                self.error(row, name, str(bad))
                ok = False
                values[name] = None
                continue
            limit = self.max_lengths.get(name)
            if limit and isinstance(value, str) and len(value) > limit:
                self.error(row, name, f"is longer than {limit} characters ({len(value)}).")
                ok = False
                values[name] = None
                continue
            values[name] = value
        for name, value in self.defaults.items():
            values.setdefault(name, value)
        for column in self.spec.columns:
            if column.required and column.field not in values:
                self.error(row, column.field, f"{column.header} is empty; it is required.")
                ok = False
        return {name: value for name, value in values.items() if value is not None}, ok

    # Partners --------------------------------------------------------------------------

    def partner(self, row: int, raw: dict[str, str]) -> RowPlan | None:
        values, ok = self.read_cells(row, raw)
        if "name" not in values:
            return None
        org = matching.Org(
            ("row", row), values["name"], values.get("country", ""), values.get("place", ""),
            values.get("website", ""), values.get("wikidata_qid", ""),
        )
        # Rows with bad values take part too, so that every duplicate is named at once.
        in_file = self.file_orgs.find(org)
        self.file_orgs.add(org)
        if in_file is not None and in_file.exact:
            column = _column_of_reason(in_file.reason)
            earlier = in_file.org.ref[1]
            self.error(
                row, column,
                f"{in_file.reason} as {self.unit} {earlier} (“{in_file.org.name}”): one "
                f"organisation, one {self.unit}. Merge the two {self.unit}s in the file, or "
                "if they are different organisations, tell them apart (Wikidata item, "
                "website, place).",
            )
            return None
        if not ok:
            return None
        plan = RowPlan(
            row=row,
            label=values["name"],
            values={name: values[name] for name in PARTNER_FIELDS if name in values},
            tags=values.get("tags"),
            archived=values.get("archived"),
        )
        existing = self.known.partner_orgs.find(org)
        if existing is not None:
            plan.match = Match(
                existing.reason, existing.exact, existing.org.name, record_id=existing.org.ref
            )
        elif in_file is not None:
            plan.match = Match(in_file.reason, False, in_file.org.name, row=in_file.org.ref[1])
        return plan

    # Contacts --------------------------------------------------------------------------

    def contact(self, row: int, raw: dict[str, str]) -> RowPlan | None:
        if not any(text for name, text in raw.items() if name not in PARTNER_REFERENCE_FIELDS):
            # CRM exports list organisations without people on rows of their own.
            self.warn(row, None, "names a partner but no contact; skipped.")
            label = next((text for text in raw.values() if text), "")
            return RowPlan(row=row, label=label, action="skip", note="no contact on this row")
        values, ok = self.read_cells(row, raw)
        name = values.get("name") or " ".join(
            part for part in (values.get("first_name"), values.get("last_name")) if part
        )
        if not name and ok:
            column = _first_mapped(self.columns, ("name", "first_name", "last_name"))
            self.error(row, column, "the contact has no name.")
            ok = False
        if len(name) > 200:
            self.error(row, "name", "is longer than 200 characters.")
            ok = False
        partner_id = self.resolve_partner(row, values, raw)
        if partner_id is None or not name:
            return None
        email = values.get("email", "").lower()
        key = matching.name_key(name)
        for file_key, reason, column in (
            (("email", partner_id, email), "the same e-mail address", "email"),
            (("name", partner_id, key), "the same name at the same partner", "name"),
        ):
            if not file_key[2]:
                continue
            earlier = self.file_keys.get(file_key)
            if earlier is not None:
                self.error(
                    row,
                    column if column in self.columns
                    else _first_mapped(self.columns, ("first_name", "last_name")),
                    f"{reason} as {self.unit} {earlier}: one person, one {self.unit}. Merge the "
                    f"two {self.unit}s in the file.",
                )
                return None
        if email:
            self.file_keys[("email", partner_id, email)] = row
        self.file_keys[("name", partner_id, key)] = row
        if not ok:
            return None
        values["name"] = name
        plan = RowPlan(
            row=row,
            label=f"{name} ({self.known.partner_label(partner_id)})",
            values={field_: values[field_] for field_ in CONTACT_FIELDS if field_ in values},
            partner_id=partner_id,
        )
        found = None
        if email and (partner_id, email) in self.known.contacts_by_email:
            found = (self.known.contacts_by_email[(partner_id, email)], "the same e-mail address")
        else:
            for contact_id in self.known.contacts_by_name.get((partner_id, key), ()):
                other_email = (self.known.contacts[contact_id]["email"] or "").lower()
                if not (email and other_email and email != other_email):
                    found = (contact_id, "the same name at the same partner")
                    break
        if found:
            contact_id, reason = found
            label = self.known.contacts[contact_id]["name"]
            plan.match = Match(reason, True, label, record_id=contact_id)
        return plan

    # Partnerships ----------------------------------------------------------------------

    def partnership(self, row: int, raw: dict[str, str]) -> RowPlan | None:
        values, ok = self.read_cells(row, raw)
        partner_id = self.resolve_partner(row, values, raw)
        if partner_id is not None and values.get("owner"):
            owner = self.known.members.get(values["owner"].casefold())
            if owner is None:
                self.error(
                    row, "owner",
                    f"“{values['owner']}” is not a member of this workspace; use the username "
                    "or e-mail of a member.",
                )
                ok = False
            values["owner"] = owner
        if partner_id is not None and values.get("partner_owner"):
            contact_id = self.find_contact(partner_id, values["partner_owner"])
            if contact_id is None:
                self.error(
                    row, "partner_owner",
                    f"“{values['partner_owner']}” is not a contact of "
                    f"{self.known.partner_label(partner_id)}; import the contacts first, or use "
                    "the contact's e-mail address or name.",
                )
                ok = False
            values["partner_owner"] = contact_id
        if partner_id is None or "title" not in values:
            return None
        key = (partner_id, matching.name_key(values["title"]))
        earlier = self.file_keys.get(key)
        if earlier is not None:
            self.error(
                row, "title",
                f"the same partner and title as {self.unit} {earlier}: one partnership, one "
                f"{self.unit}. Merge the two {self.unit}s in the file.",
            )
            return None
        self.file_keys[key] = row
        if not ok:
            return None
        plan = RowPlan(
            row=row,
            label=values["title"],
            values={name: values[name] for name in PARTNERSHIP_FIELDS if name in values},
            goal_types=values.get("goal_types"),
            stage=values.get("stage"),
            partner_id=partner_id,
        )
        existing = self.known.partnerships_by_title.get(key)
        if existing is not None:
            plan.match = Match(
                "the same partner and title", True, self.known.partnerships[existing]["title"],
                record_id=existing,
            )
        return plan

    def find_contact(self, partner_id: int, text: str) -> int | None:
        contact_id = self.known.contacts_by_email.get((partner_id, text.strip().lower()))
        if contact_id is None:
            found = self.known.contacts_by_name.get((partner_id, matching.name_key(text)), [])
            contact_id = found[0] if len(found) == 1 else None
        return contact_id

    def check_stage(self, plan: RowPlan, file_name: str) -> None:
        """Whether the method lets the partnership into its stage; an override when the
        importing person may give one."""
        if not plan.stage or plan.action not in ("create", "update"):
            if plan.stage and plan.action == "merge":
                current = self.known.partnerships[plan.match.record_id]["stage"]
                if current != plan.stage:
                    self.warn(
                        plan.row, "stage",
                        f"stays at “{stages.LABELS[stages.Stage(current)]}”: merging fills "
                        "empty fields only; choose update to move it.",
                    )
            return
        if plan.action == "update" and plan.match and plan.match.record_id:
            current = dict(self.known.partnerships[plan.match.record_id])
            from_stage = current["stage"]
            goal_types = set(plan.goal_types) if plan.goal_types else current["goal_types"]
            merged = {**current, **plan.values}
        else:
            from_stage = stages.Stage.IDEA.value
            goal_types = set(plan.goal_types or ())
            merged = dict(plan.values)
        if plan.stage == from_stage:
            return
        # The stop rules ask for a reason; the row's decision reason is that reason.
        reason = "import"
        if plan.stage in _STAGES_WITH_REASON:
            reason = merged.get("decision_reason") or ""
        facts = stages.Facts(
            goal_types=frozenset(goal_types),
            has_contact_point=plan.partner_id in self.known.contact_point_partners,
            has_owner=merged.get("owner") is not None,
            has_partner_owner=merged.get("partner_owner") is not None,
            licence=merged.get("licence") or "undecided",
            decision=merged.get("decision") or "",
            estimates={
                **{name: merged.get(name) for name in Partnership.ESTIMATES},
                "effort": merged.get("effort_hours"),
            },
            reason=reason,
        )
        unmet = stages.unmet(facts, stages.Stage(plan.stage), stages.Stage(from_stage))
        if not unmet:
            return
        missing = " ".join(str(item) for item in unmet)
        label = stages.LABELS[stages.Stage(plan.stage)]
        if self.known.can_override:
            plan.override = [str(item) for item in unmet]
            self.warn(
                plan.row, "stage",
                f"imported as “{label}” with a recorded override (“Imported from "
                f"{file_name or 'a file'}”); the method's conditions not met: {missing}",
            )
        else:
            self.error(
                plan.row, "stage",
                f"“{label}” needs what this row does not have: {missing} Only coordinators "
                "and admins may import a partnership past these conditions; fill in what is "
                "missing, or use an earlier stage.",
            )

    # Partner references ----------------------------------------------------------------

    def resolve_partner(self, row: int, values: dict, raw: dict) -> int | None:
        """The partner a contact or partnership row belongs to, by Wikidata item, website
        or name, in that order."""
        known = self.known
        qid, website, name = (
            values.get("partner_wikidata"), values.get("partner_website"), values.get("partner")
        )
        if not (qid or website or name):
            if any(raw.get(field_) for field_ in PARTNER_REFERENCE_FIELDS):
                return None  # a bad value, already reported
            self.error(
                row, _first_mapped(self.columns, PARTNER_REFERENCE_FIELDS),
                "says no partner; every row needs the partner it belongs to.",
            )
            return None
        candidates: list[int] | None = None
        if qid:
            candidates = known.by_qid.get(qid, [])
            if not candidates:
                self.error(
                    row, "partner_wikidata",
                    f"no partner of this workspace has the Wikidata item {qid}; import the "
                    "partners first.",
                )
                return None
        if website:
            by_site = known.by_site.get(matching.site_key(website), [])
            if candidates is None:
                candidates = by_site
                if not candidates:
                    self.error(
                        row, "partner_website",
                        f"no partner of this workspace has the website {website}; import the "
                        "partners first.",
                    )
                    return None
            elif len(candidates) > 1:
                candidates = [id_ for id_ in candidates if id_ in by_site] or candidates
        if name:
            by_name = known.by_key.get(matching.name_key(name), [])
            if candidates is None:
                candidates = by_name
                if not candidates:
                    self.error(row, "partner", self._no_partner_named(name))
                    return None
            elif len(candidates) > 1:
                candidates = [id_ for id_ in candidates if id_ in by_name] or candidates
        if len(candidates) > 1:
            self.error(
                row, "partner",
                f"several partners match “{name or qid or website}”; add a Partner Wikidata "
                "item or Partner website column to tell them apart.",
            )
            return None
        return candidates[0]

    def _no_partner_named(self, name: str) -> str:
        message = f"no partner of this workspace is named “{name}”"
        best = process.extractOne(
            name, self.known.partner_names, scorer=fuzz.token_sort_ratio,
            processor=matching.name_key, score_cutoff=85,
        )
        if best:
            message += f" (did you mean “{best[0]}”?)"
        return message + "; import the partners first."


def _model_field(model, name):
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _first_mapped(columns: dict[str, str], names: tuple[str, ...]) -> str | None:
    return next((name for name in names if name in columns), None)


def _column_of_reason(reason: str) -> str:
    if "Wikidata" in reason:
        return "wikidata_qid"
    if "website" in reason:
        return "website"
    return "name"
