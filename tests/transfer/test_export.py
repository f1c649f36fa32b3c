"""Exports: the import's columns in CSV (UTF-8 with BOM), XLSX and JSON; only the
workspace's own records; and an export imported into another workspace gives back every
field."""

import codecs
import csv
import datetime as dt
import io
import json

import pytest
from openpyxl import load_workbook

from partnerkit.partners import services as partner_services
from partnerkit.partners.models import Contact, Partner
from partnerkit.partnerships import services as partnership_services
from partnerkit.partnerships.models import Partnership
from partnerkit.transfer.exports import export_rows, render
from partnerkit.workspaces.models import Role
from partnerkit.workspaces.services import membership_add, workspace_create
from tests.pitch.helpers import answer_pitch
from tests.transfer.conftest import import_bytes

KINDS = ("partners", "contacts", "partnerships")


@pytest.fixture
def full_north(north, alice, carol, museum):
    """A workspace with every kind of field filled in somewhere."""
    library = partner_services.partner_create(
        workspace=north, by=alice, name="Royal Library", kind="library", country="SE",
        place="Stockholm", website="https://www.kb.se/", wikidata_qid="Q953058",
        description="National library of Sweden.\nAlso the legal deposit library.",
        mission="Collect, keep and give access.", public_notes="=Open on Sundays",
        private_notes="- ask for the director, not the press office", tags=["GLAM", "books, maps"],
    )
    old = partner_services.partner_create(
        workspace=north, by=alice, name="Closed Gallery", kind="gallery", country="NO",
    )
    partner_services.partner_archive(partner=old, by=alice)
    partner_services.contact_create(
        partner=library, by=alice, name="Karin Åberg", role_title="Head of digitisation",
        email="karin@example.org", phone="+46 8 123 45", languages="sv, en",
        introduced_by="Ingrid Larsson", notes="Prefers mornings.", is_contact_point=True,
        consent_note="Agreed to be named in the MoU.",
    )
    agreed = partnership_services.partnership_create(
        workspace=north, partner=library, by=alice, goal_types=["content_acquisition", "access"],
        title="Map digitisation", owner=carol,
        partner_owner=library.contacts.get(), sketch="Scan 500 maps; upload to Commons.",
        impact=5, impact_reason="Unique maps.", likelihood=4, likelihood_reason="They asked us.",
        ease=3, ease_reason="Slow approvals.", benefit=4, benefit_reason="Visibility.",
        risk=2, risk_reason="Staff changes.", effort_hours=12, effort_reason="Two volunteers.",
        licence="cc0", batna="Photograph the public maps ourselves.", plan_b="Start with 50 maps.",
        decision="go", decision_reason="Fits the annual plan.", next_step="Send the MoU draft",
        next_step_due=dt.date(2026, 3, 1), started_on=dt.date(2026, 1, 15),
        mou_signed_on=dt.date(2026, 2, 1), review_on=dt.date(2026, 9, 1), ends_on=dt.date(2027, 1, 31),
    )
    answer_pitch(agreed, alice)
    partnership_services.partnership_move(partnership=agreed, to_stage="agreed", by=alice)
    declined = partnership_services.partnership_create(
        workspace=north, partner=museum, by=alice, title="Sponsored articles",
    )
    partnership_services.partnership_move(
        partnership=declined, to_stage="declined", by=alice, reason="Paid editing."
    )
    return north


@pytest.fixture
def west(alice, carol):
    """A second workspace of the same people, to import into."""
    workspace = workspace_create(name="Wikimedia West", slug="west", by=alice)
    membership_add(workspace=workspace, user=carol, role=Role.MEMBER)
    return workspace


def snapshot(workspace) -> dict:
    """Every field of every record, by natural keys rather than ids."""
    partners = {
        partner.name: {
            **{name: str(getattr(partner, name)) for name in partner_services.PARTNER_FIELDS},
            "tags": sorted(tag.name for tag in partner.tags.all()),
            "archived": partner.is_archived,
        }
        for partner in Partner.objects.filter(workspace=workspace)
    }
    contacts = {
        (contact.partner.name, contact.name): {
            name: getattr(contact, name) for name in partner_services.CONTACT_FIELDS
        }
        for contact in Contact.objects.filter(partner__workspace=workspace)
    }
    partnerships = {}
    for partnership in Partnership.objects.filter(workspace=workspace):
        values = {name: getattr(partnership, name) for name in partnership_services.PARTNERSHIP_FIELDS}
        values["owner"] = partnership.owner.username if partnership.owner else None
        values["partner_owner"] = partnership.partner_owner.name if partnership.partner_owner else None
        values["goal_types"] = sorted(goal.code for goal in partnership.goal_types.all())
        values["stage"] = partnership.stage
        partnerships[(partnership.partner.name, partnership.title)] = values
    return {"partners": partners, "contacts": contacts, "partnerships": partnerships}


@pytest.mark.parametrize("format", ["csv", "xlsx", "json"])
def test_export_then_import_elsewhere_gives_back_every_field(full_north, west, alice, format):
    for kind in KINDS:
        columns, rows = export_rows(workspace=full_north, kind=kind)
        data = render(columns, rows, format=format, kind=kind, workspace=full_north)
        run = import_bytes(west, alice, kind, data, file_name=f"{kind}.{format}")
        assert run.created_count == len(rows), kind
    assert snapshot(west) == snapshot(full_north)
    assert snapshot(west)["partnerships"][("Royal Library", "Map digitisation")]["stage"] == "agreed"


def test_an_export_imported_into_its_own_workspace_changes_nothing(full_north, alice):
    before = snapshot(full_north)
    for kind in KINDS:
        columns, rows = export_rows(workspace=full_north, kind=kind)
        run = import_bytes(full_north, alice, kind, render(columns, rows, format="csv", kind=kind, workspace=full_north))
        assert (run.created_count, run.updated_count, run.unchanged_count) == (0, 0, len(rows)), kind
    assert snapshot(full_north) == before


def test_csv_has_a_bom_the_import_headers_and_protects_formulas(full_north):
    columns, rows = export_rows(workspace=full_north, kind="partners")
    data = render(columns, rows, format="csv", kind="partners", workspace=full_north)
    assert data.startswith(codecs.BOM_UTF8)
    table = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert table[0] == [
        "Name", "Kind", "Country", "Place", "Website", "Wikidata item", "Description",
        "Mission statement", "Tags", "Public notes", "Private notes", "Archived",
    ]
    library = dict(zip(table[0], next(row for row in table if row[0] == "Royal Library")))
    assert library["Public notes"] == "'=Open on Sundays"
    assert library["Tags"] == "GLAM; books, maps"
    assert library["Archived"] == "no"
    assert [row[0] for row in table[1:]] == ["Closed Gallery", "Nordic Museum", "Royal Library"]


def test_xlsx_keeps_text_as_text_and_dates_as_dates(full_north):
    columns, rows = export_rows(workspace=full_north, kind="partnerships")
    data = render(columns, rows, format="xlsx", kind="partnerships", workspace=full_north)
    sheet = load_workbook(io.BytesIO(data)).active
    header = [cell.value for cell in sheet[1]]
    rows = [{name: cell for name, cell in zip(header, cells)} for cells in sheet.iter_rows(min_row=2)]
    row = next(row for row in rows if row["Title"].value == "Map digitisation")
    assert sheet.title == "Partnerships"
    assert row["Next step due"].value == dt.datetime(2026, 3, 1)
    assert row["Impact"].value == 5
    assert row["Goal types"].value == "access; content_acquisition"
    partners = render(*export_rows(workspace=full_north, kind="partners"), format="xlsx", kind="partners", workspace=full_north)
    cells = [cell for row in load_workbook(io.BytesIO(partners)).active.iter_rows() for cell in row]
    notes = next(cell for cell in cells if cell.value == "=Open on Sundays")
    assert notes.data_type == "s"


def test_json_is_keyed_by_field_with_lists_and_numbers(full_north):
    columns, rows = export_rows(workspace=full_north, kind="partnerships")
    document = json.loads(render(columns, rows, format="json", kind="partnerships", workspace=full_north))
    assert (document["kind"], document["workspace"]) == ("partnerships", "north")
    maps = next(row for row in document["rows"] if row["title"] == "Map digitisation")
    assert maps["goal_types"] == ["access", "content_acquisition"]
    assert (maps["impact"], maps["owner"], maps["partner_owner"], maps["next_step_due"]) == (
        5, "carol", "karin@example.org", "2026-03-01"
    )
    assert maps["batna"] == "Photograph the public maps ourselves."


def test_exports_never_hold_another_workspaces_records(full_north, southern_library):
    for kind in KINDS:
        _columns, rows = export_rows(workspace=full_north, kind=kind)
        text = json.dumps(rows, default=str)
        assert "Southern Library" not in text and "Lucía" not in text, kind


def test_exports_take_the_same_number_of_queries_for_any_number_of_records(north, alice, museum):
    partnership_services.partnership_create(workspace=north, partner=museum, by=alice, title="Talk")

    def count(kind):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            export_rows(workspace=north, kind=kind)
        return len(queries)

    before = {kind: count(kind) for kind in KINDS}
    for number in range(20):
        partner = partner_services.partner_create(
            workspace=north, by=alice, name=f"Partner {number}", kind="museum", tags=[f"t{number}"]
        )
        contact = partner_services.contact_create(partner=partner, by=alice, name=f"Person {number}")
        partnership_services.partnership_create(
            workspace=north, partner=partner, by=alice, title="Visit", owner=alice,
            partner_owner=contact, goal_types=["access"],
        )
    assert {kind: count(kind) for kind in KINDS} == before
