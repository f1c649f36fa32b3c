"""Partners, contacts and partnerships of one workspace as CSV, XLSX or JSON.

The columns are the import's columns (columns.py), with codes for kinds, stages, goal types
and licences and ISO codes for countries, so a file exported here imports again without a
mapping and without losing anything.

Exports are for members of the workspace only (the views and the command check that) and
hold its private fields: private notes, contacts' personal data, estimates and BATNA. They
never hold another workspace's records: every query starts from the workspace.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from django.utils import timezone

import partnerkit
from partnerkit.partners.models import Contact, Partner
from partnerkit.partners.selectors import PartnerFilters, partner_list
from partnerkit.partnerships.selectors import partnership_list
from partnerkit.transfer.columns import CONTACTS, KINDS, PARTNERS, PARTNERSHIPS, Column
from partnerkit.transfer.reading import FORMULA_STARTS
from partnerkit.workspaces.models import Workspace

FORMATS = ("csv", "xlsx", "json")
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def export_rows(*, workspace: Workspace, kind: str) -> tuple[tuple[Column, ...], list[dict]]:
    """The columns and one dict per record (field → value), in a fixed number of queries."""
    columns = KINDS[kind].export_columns
    rows = {PARTNERS: _partners, CONTACTS: _contacts, PARTNERSHIPS: _partnerships}[kind](workspace)
    return columns, rows


def _partners(workspace: Workspace) -> list[dict]:
    rows = []
    for partner in partner_list(workspace=workspace, filters=PartnerFilters(status="all")):
        rows.append(
            {
                "name": partner.name,
                "kind": partner.kind,
                "country": partner.country.code or "",
                "place": partner.place,
                "website": partner.website,
                "wikidata_qid": partner.wikidata_qid,
                "description": partner.description,
                "mission": partner.mission,
                "tags": [tag.name for tag in partner.tags.all()],
                "public_notes": partner.public_notes,
                "private_notes": partner.private_notes,
                "archived": partner.is_archived,
            }
        )
    return rows


def _partner_reference(partner: Partner) -> dict:
    return {
        "partner": partner.name,
        "partner_wikidata": partner.wikidata_qid,
        "partner_website": partner.website,
    }


def _contacts(workspace: Workspace) -> list[dict]:
    contacts = (
        Contact.objects.filter(partner__workspace=workspace)
        .select_related("partner")
        .order_by("partner__name", "partner_id", "name", "id")
    )
    return [
        {
            **_partner_reference(contact.partner),
            "name": contact.name,
            "role_title": contact.role_title,
            "email": contact.email,
            "phone": contact.phone,
            "languages": contact.languages,
            "introduced_by": contact.introduced_by,
            "notes": contact.notes,
            "is_contact_point": contact.is_contact_point,
            "consent_note": contact.consent_note,
        }
        for contact in contacts
    ]


def _partnerships(workspace: Workspace) -> list[dict]:
    rows = []
    partnerships = partnership_list(workspace=workspace).order_by("partner__name", "title", "id")
    for partnership in partnerships:
        contact = partnership.partner_owner
        rows.append(
            {
                **_partner_reference(partnership.partner),
                "title": partnership.title,
                "goal_types": [goal.code for goal in partnership.goal_types.all()],
                "stage": partnership.stage,
                "owner": partnership.owner.username if partnership.owner else "",
                # The e-mail address finds the contact again more surely than the name.
                "partner_owner": (contact.email or contact.name) if contact else "",
                "sketch": partnership.sketch,
                "impact": partnership.impact,
                "impact_reason": partnership.impact_reason,
                "likelihood": partnership.likelihood,
                "likelihood_reason": partnership.likelihood_reason,
                "ease": partnership.ease,
                "ease_reason": partnership.ease_reason,
                "benefit": partnership.benefit,
                "benefit_reason": partnership.benefit_reason,
                "risk": partnership.risk,
                "risk_reason": partnership.risk_reason,
                "effort_hours": partnership.effort_hours,
                "effort_reason": partnership.effort_reason,
                "licence": partnership.licence,
                "batna": partnership.batna,
                "plan_b": partnership.plan_b,
                "decision": partnership.decision,
                "decision_reason": partnership.decision_reason,
                "next_step": partnership.next_step,
                "next_step_due": partnership.next_step_due,
                "started_on": partnership.started_on,
                "mou_signed_on": partnership.mou_signed_on,
                "review_on": partnership.review_on,
                "ends_on": partnership.ends_on,
            }
        )
    return rows


# --------------------------------------------------------------------------------------
# Formats
# --------------------------------------------------------------------------------------


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        return "; ".join(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _safe_for_spreadsheets(text: str) -> str:
    """A cell a spreadsheet program would run as a formula starts with an apostrophe,
    which it shows as text; importing takes the apostrophe off again."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def render(columns, rows, *, format: str, kind: str, workspace: Workspace) -> bytes:
    if format == "csv":
        return render_csv(columns, rows)
    if format == "xlsx":
        return render_xlsx(columns, rows, title=KINDS[kind].label)
    return render_json(columns, rows, kind=kind, workspace=workspace)


def render_csv(columns, rows) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.header for column in columns])
    for row in rows:
        writer.writerow([_safe_for_spreadsheets(_text(row[column.field])) for column in columns])
    # With a byte-order mark spreadsheet programs open the file as UTF-8, not as the
    # computer's legacy encoding.
    return buffer.getvalue().encode("utf-8-sig")


def render_xlsx(columns, rows, *, title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns):
        width = min(max(len(column.header) + 2, 12), 40)
        sheet.column_dimensions[_letters(index + 1)].width = width
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        cells = []
        for column in columns:
            value = row[column.field]
            if isinstance(value, bool | list) or value is None:
                value = _text(value)
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                # Text stays text, also when it starts with "=".
                cell.data_type = "s"
            elif isinstance(value, dt.date):
                cell.number_format = "yyyy-mm-dd"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _letters(position: int) -> str:
    from partnerkit.transfer.reading import column_letters

    return column_letters(position)


def render_json(columns, rows, *, kind: str, workspace: Workspace) -> bytes:
    def value(item):
        if isinstance(item, dt.date):
            return item.isoformat()
        return item

    document = {
        "kind": kind,
        "workspace": workspace.slug,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "exported_by": f"Partnerkit {partnerkit.__version__}",
        "columns": {column.field: column.header for column in columns},
        "rows": [{column.field: value(row[column.field]) for column in columns} for row in rows],
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def file_name(*, workspace: Workspace, kind: str, format: str) -> str:
    return f"{workspace.slug}-{kind}-{timezone.localdate().isoformat()}.{format}"
