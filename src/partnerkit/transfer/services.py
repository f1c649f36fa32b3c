"""Writes of imports: keeping a draft, remembering mappings, and applying an import through
the partners' and partnerships' own services, so validation and history hold as for any edit.
The web pages and the `partnerkit import` command call these same functions.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from partnerkit.partners import services as partner_services
from partnerkit.partners.models import Contact, Partner
from partnerkit.partnerships import services as partnership_services
from partnerkit.partnerships.models import Partnership
from partnerkit.transfer.columns import (
    CONTACTS,
    KINDS,
    PARTNERS,
    header_key,
    normalise_header,
    suggest_mapping,
)
from partnerkit.transfer.models import ImportMapping, ImportRun
from partnerkit.transfer.planning import (
    CHOICES,
    Preview,
    Problem,
    Progress,
    RowPlan,
    build_preview,
    mapping_problems,
)
from partnerkit.transfer.reading import Table
from partnerkit.workspaces.models import Workspace

# Drafts nobody applied are removed after this long (they may hold personal data).
DRAFT_LIFETIME = dt.timedelta(days=2)
# What an applied import keeps of its warnings, to show with its report.
KEPT_WARNINGS = 1000


class ImportRefused(Exception):
    """The import has errors; nothing was written. ``problems`` name rows and columns."""

    def __init__(self, problems: list[Problem], preview: Preview | None = None):
        self.problems = problems
        self.preview = preview
        first = str(problems[0]) if problems else _("The import has errors.")
        more = len(problems) - 1
        if more > 0:
            first += f" (and {more} more problem{'s' if more > 1 else ''})"
        super().__init__(first)


# --------------------------------------------------------------------------------------
# Drafts and mappings
# --------------------------------------------------------------------------------------


def mapping_for(*, workspace: Workspace, kind: str, headers: list[str]) -> dict:
    """The mapping remembered for files with these columns, else the suggested one."""
    remembered = (
        ImportMapping.objects.filter(workspace=workspace, kind=kind, header_key=header_key(headers))
        .values_list("mapping", flat=True)
        .first()
    )
    if remembered:
        # The same columns may be spelt differently this time ("ORT" for "Ort").
        spelling = {normalise_header(header): header for header in headers}
        mapping = {
            "columns": {
                name: spelling.get(normalise_header(header), header)
                for name, header in remembered.get("columns", {}).items()
            },
            "defaults": dict(remembered.get("defaults", {})),
        }
        if not mapping_problems(kind, headers, mapping):
            return mapping
    return {"columns": suggest_mapping(kind, headers), "defaults": {}}


def mapping_clean(*, kind: str, headers: list[str], mapping: dict) -> dict:
    """The mapping in its stored shape; ValidationError naming what does not fit the file."""
    cleaned = {
        "columns": {
            name: header for name, header in (mapping.get("columns") or {}).items() if header
        },
        "defaults": {
            name: value for name, value in (mapping.get("defaults") or {}).items() if value
        },
    }
    problems = mapping_problems(kind, headers, cleaned)
    used = list(cleaned["columns"].values())
    for header in {header for header in used if used.count(header) > 1}:
        problems.append(_("The column “%(header)s” is chosen twice.") % {"header": header})
    if problems:
        raise ValidationError({"mapping": problems})
    return cleaned


def import_draft_create(
    *, workspace: Workspace, by, kind: str, file_name: str, table: Table,
    mapping: dict | None = None,
) -> ImportRun:
    """Keep a file's rows until the person applies or discards the import."""
    if kind not in KINDS:
        raise ValidationError({"kind": _("Choose partners, contacts or partnerships.")})
    if mapping is None:
        mapping = mapping_for(workspace=workspace, kind=kind, headers=table.headers)
    else:
        mapping = mapping_clean(kind=kind, headers=table.headers, mapping=mapping)
    with transaction.atomic():
        ImportRun.objects.filter(
            workspace=workspace, status=ImportRun.Status.DRAFT,
            created_at__lt=timezone.now() - DRAFT_LIFETIME,
        ).delete()
        return ImportRun.objects.create(
            workspace=workspace,
            kind=kind,
            file_name=file_name[:255],
            file_format=table.format,
            encoding=table.encoding,
            delimiter=table.delimiter,
            sheet=table.sheet[:100],
            sheet_names=table.sheet_names,
            headers=table.headers,
            rows=table.rows,
            row_numbers=table.row_numbers,
            reading_notes=[list(note) for note in table.notes],
            mapping=mapping,
            row_count=len(table.rows),
            created_by=by,
        )


def import_draft_update(
    *, run: ImportRun, mapping: dict | None = None, decisions: dict | None = None
) -> ImportRun:
    if not run.is_draft:
        raise ValidationError(_("This import was applied already; start a new one."))
    fields = []
    if mapping is not None:
        run.mapping = mapping_clean(kind=run.kind, headers=run.headers, mapping=mapping)
        fields.append("mapping")
    if decisions is not None:
        run.decisions = {
            str(row): choice for row, choice in decisions.items() if choice in CHOICES
        }
        fields.append("decisions")
    if fields:
        run.save(update_fields=fields)
    return run


def import_draft_delete(*, run: ImportRun) -> None:
    if not run.is_draft:
        raise ValidationError(_("An applied import stays on record; only drafts can be discarded."))
    run.delete()


def table_of(run: ImportRun) -> Table:
    return Table(
        headers=run.headers,
        rows=run.rows,
        row_numbers=run.row_numbers,
        format=run.file_format,
        encoding=run.encoding,
        delimiter=run.delimiter,
        sheet=run.sheet,
        sheet_names=run.sheet_names,
        notes=[tuple(note) for note in run.reading_notes],
    )


def import_preview(
    *, run: ImportRun, by, decisions: dict | None = None, on_duplicate: str | None = None,
    progress: Progress | None = None,
) -> Preview:
    return build_preview(
        workspace=run.workspace, kind=run.kind, table=table_of(run), mapping=run.mapping, by=by,
        file_name=run.file_name, decisions=run.decisions if decisions is None else decisions,
        on_duplicate=on_duplicate, progress=progress,
    )


# --------------------------------------------------------------------------------------
# Applying
# --------------------------------------------------------------------------------------


def import_apply(
    *, run: ImportRun, by, decisions: dict | None = None, on_duplicate: str | None = None,
    progress: Progress | None = None,
) -> ImportRun:
    """Write every row, or nothing: the preview is built again inside the transaction, and
    any error (in the preview or from a service) undoes the whole import."""
    with transaction.atomic():
        run = ImportRun.objects.select_for_update().select_related("workspace").get(pk=run.pk)
        if not run.is_draft:
            raise ValidationError(_("This import was applied already; start a new one."))
        if decisions is not None:
            run.decisions = {
                str(row): choice for row, choice in decisions.items() if choice in CHOICES
            }
        preview = import_preview(
            run=run, by=by, decisions=run.decisions, on_duplicate=on_duplicate, progress=progress
        )
        if not preview.ok:
            raise ImportRefused(preview.errors, preview)
        writer = _Writer(run, by, preview, progress)
        report = writer.write()
        counts = {"created": 0, "updated": 0, "unchanged": 0, "skipped": 0}
        for entry in report:
            counts[entry["action"]] += 1
        run.status = ImportRun.Status.APPLIED
        run.applied_at = timezone.now()
        run.created_count = counts["created"]
        run.updated_count = counts["updated"]
        run.unchanged_count = counts["unchanged"]
        run.skipped_count = counts["skipped"]
        run.report = report
        run.warnings = [problem.as_dict() for problem in preview.warnings[:KEPT_WARNINGS]]
        # The records hold the data now; the draft's copy of the file is not kept.
        run.rows = []
        run.save()
        ImportMapping.objects.update_or_create(
            workspace=run.workspace, kind=run.kind, header_key=header_key(run.headers),
            defaults={"headers": run.headers, "mapping": run.mapping, "updated_by": by},
        )
    return run


class _Writer:
    """Turns the plans of a preview into records, one service call at a time."""

    def __init__(self, run: ImportRun, by, preview: Preview, progress: Progress | None):
        self.run = run
        self.by = by
        self.preview = preview
        self.progress = progress
        self.workspace = run.workspace
        self.columns = run.mapping.get("columns", {})
        # What each row became (or was merged into / skipped for), for rows that refer to
        # earlier rows.
        self.produced: dict[int, object] = {}
        model = {PARTNERS: Partner, CONTACTS: Contact}.get(run.kind, Partnership)
        ids = [plan.match.record_id for plan in preview.rows if plan.match and plan.match.record_id]
        records = model.objects.filter(pk__in=ids)
        if run.kind == PARTNERS:
            records = records.filter(workspace=self.workspace).prefetch_related("tags")
        elif run.kind == CONTACTS:
            records = records.filter(partner__workspace=self.workspace)
        else:
            records = records.filter(workspace=self.workspace).prefetch_related("goal_types")
        self.existing = {record.pk: record for record in records}
        self.tag_names = {
            record.pk: [tag.name for tag in record.tags.all()]
            for record in self.existing.values() if run.kind == PARTNERS
        }
        self.goal_codes = {
            record.pk: [goal.code for goal in record.goal_types.all()]
            for record in self.existing.values() if run.kind not in (PARTNERS, CONTACTS)
        }
        partner_ids = {plan.partner_id for plan in preview.rows if plan.partner_id}
        self.partners = Partner.objects.in_bulk(partner_ids) if partner_ids else {}
        owner_ids = {plan.values.get("owner") for plan in preview.rows} - {None}
        self.users = get_user_model().objects.in_bulk(owner_ids) if owner_ids else {}
        contact_ids = {plan.values.get("partner_owner") for plan in preview.rows} - {None}
        self.contacts = Contact.objects.in_bulk(contact_ids) if contact_ids else {}

    def write(self) -> list[dict]:
        report = []
        write_row = {PARTNERS: self.partner, CONTACTS: self.contact}.get(
            self.run.kind, self.partnership
        )
        total = len(self.preview.rows)
        for done, plan in enumerate(self.preview.rows, start=1):
            try:
                report.append(write_row(plan))
            except ValidationError as error:
                raise ImportRefused(self._problems(plan, error)) from error
            except (PermissionDenied, partnership_services.StageBlocked) as error:
                problem = Problem(
                    plan.row, self.columns.get("stage"), str(error), self.preview.unit
                )
                raise ImportRefused([problem]) from error
            if self.progress and (done % 50 == 0 or done == total):
                self.progress("Importing", done, total)
        return report

    def _problems(self, plan: RowPlan, error: ValidationError) -> list[Problem]:
        if not hasattr(error, "error_dict"):
            return [Problem(plan.row, None, " ".join(error.messages), self.preview.unit)]
        return [
            Problem(plan.row, self.columns.get(name), " ".join(messages), self.preview.unit)
            for name, messages in error.message_dict.items()
        ]

    # Where a duplicate goes ------------------------------------------------------------

    def _target(self, plan: RowPlan):
        if plan.repeat_of is not None:
            return self.produced.get(plan.repeat_of)
        if plan.match is None:
            return None
        if plan.match.record_id is not None:
            return self.existing.get(plan.match.record_id)
        return self.produced.get(plan.match.row)

    def _skipped(self, plan: RowPlan) -> dict:
        target = self._target(plan)
        self.produced[plan.row] = target
        if plan.repeat_of is not None:
            note = f"repeats {self.preview.unit} {plan.repeat_of}"
        elif plan.match is None:
            note = plan.note
        else:
            note = f"skipped: {plan.match.describe(self.preview.unit)}"
        return _entry(plan, "skipped", target, note)

    @staticmethod
    def _changes(record, values: dict, mode: str) -> dict:
        changes = {}
        for name, value in values.items():
            attribute = name + "_id" if name in ("owner", "partner_owner") else name
            current = getattr(record, attribute)
            if name == "country":
                current = current.code if current else ""
            if mode == "merge" and current not in (None, "", False) and not (
                name == "licence" and current == "undecided"
            ):
                continue
            if current != value:
                changes[name] = value
        return changes

    # Partners ------------------------------------------------------------------------

    def partner(self, plan: RowPlan) -> dict:
        if plan.action == "skip" or plan.repeat_of is not None:
            return self._skipped(plan)
        target = self._target(plan) if plan.action in ("merge", "update") else None
        if target is None:
            partner = partner_services.partner_create(
                workspace=self.workspace, by=self.by, tags=plan.tags or (), **plan.values
            )
            if plan.archived:
                partner = partner_services.partner_archive(partner=partner, by=self.by)
            self.produced[plan.row] = partner
            self.tag_names[partner.pk] = list(plan.tags or ())
            return _entry(plan, "created", partner, "")
        changes = self._changes(target, plan.values, plan.action)
        current_tags = self.tag_names.get(target.pk, [])
        tags = None
        if plan.tags:
            known = {name.casefold() for name in current_tags}
            if plan.action == "merge":
                added = [name for name in plan.tags if name.casefold() not in known]
                tags = current_tags + added if added else None
            elif {name.casefold() for name in plan.tags} != known:
                tags = plan.tags
        changed = list(changes) + (["tags"] if tags is not None else [])
        partner = target
        if changed:
            partner = partner_services.partner_update(
                partner=target, by=self.by, version=None, tags=tags, **changes
            )
            if tags is not None:
                self.tag_names[partner.pk] = list(tags)
        archive = plan.action == "update" and plan.archived is not None
        if archive and plan.archived != partner.is_archived:
            if plan.archived:
                partner = partner_services.partner_archive(partner=partner, by=self.by)
            else:
                partner = partner_services.partner_unarchive(partner=partner, by=self.by)
            changed.append("archived")
        return self._merged(plan, partner, changed)

    def _merged(self, plan: RowPlan, record, changed: list[str]) -> dict:
        if record.pk in self.existing:
            self.existing[record.pk] = record
        self.produced[plan.row] = record
        where = plan.match.describe(self.preview.unit) if plan.match else ""
        if not changed:
            return _entry(plan, "unchanged", record, f"nothing new for {where}")
        verb = "filled" if plan.action == "merge" else "updated"
        return _entry(plan, "updated", record, f"{verb} {', '.join(changed)} of {where}")

    # Contacts ------------------------------------------------------------------------

    def contact(self, plan: RowPlan) -> dict:
        if plan.action == "skip" or plan.repeat_of is not None:
            return self._skipped(plan)
        target = self._target(plan) if plan.action in ("merge", "update") else None
        if target is None:
            contact = partner_services.contact_create(
                partner=self.partners[plan.partner_id], by=self.by, **plan.values
            )
            self.produced[plan.row] = contact
            return _entry(plan, "created", contact, "")
        changes = self._changes(target, plan.values, plan.action)
        contact = target
        if changes:
            contact = partner_services.contact_update(
                contact=target, by=self.by, version=None, **changes
            )
        return self._merged(plan, contact, list(changes))

    # Partnerships --------------------------------------------------------------------

    def _references(self, values: dict) -> dict:
        values = dict(values)
        if values.get("owner") is not None:
            values["owner"] = self.users[values["owner"]]
        if values.get("partner_owner") is not None:
            values["partner_owner"] = self.contacts[values["partner_owner"]]
        return values

    def partnership(self, plan: RowPlan) -> dict:
        if plan.action == "skip" or plan.repeat_of is not None:
            return self._skipped(plan)
        target = self._target(plan) if plan.action in ("merge", "update") else None
        if target is None:
            partnership = partnership_services.partnership_create(
                workspace=self.workspace, partner=self.partners[plan.partner_id], by=self.by,
                goal_types=plan.goal_types or (), **self._references(plan.values),
            )
            if plan.stage and plan.stage != partnership.stage:
                self._move(partnership, plan)
            self.produced[plan.row] = partnership
            return _entry(plan, "created", partnership, "")
        changes = self._changes(target, plan.values, plan.action)
        current_goals = self.goal_codes.get(target.pk, [])
        goal_types = None
        if plan.goal_types:
            if plan.action == "merge":
                added = [code for code in plan.goal_types if code not in current_goals]
                goal_types = current_goals + added if added else None
            elif set(plan.goal_types) != set(current_goals):
                goal_types = plan.goal_types
        changed = list(changes) + (["goal types"] if goal_types is not None else [])
        partnership = target
        if changed:
            partnership = partnership_services.partnership_update(
                partnership=target, by=self.by, version=None, goal_types=goal_types,
                **self._references(changes),
            )
            if goal_types is not None:
                self.goal_codes[partnership.pk] = list(goal_types)
        if plan.action == "update" and plan.stage and plan.stage != partnership.stage:
            self._move(partnership, plan)
            changed.append("stage")
        return self._merged(plan, partnership, changed)

    def _move(self, partnership: Partnership, plan: RowPlan) -> None:
        imported = _("Imported from %(file)s") % {"file": self.run.file_name}
        # Declining, dropping and waiting need a reason: the row's decision reason, so that
        # the stored reason stays what the file says.
        with_reason = plan.stage in ("declined", "dropped", "on_hold")
        partnership_services.partnership_move(
            partnership=partnership,
            to_stage=plan.stage,
            by=self.by,
            reason=partnership.decision_reason if with_reason else imported,
            override_reason=imported if plan.override else None,
        )


def _entry(plan: RowPlan, action: str, record, note: str) -> dict:
    return {
        "row": plan.row,
        "action": action,
        "id": getattr(record, "pk", None),
        "label": plan.label,
        "note": note,
    }
