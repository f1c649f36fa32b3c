"""Importing partnerships: goal types, stages, licences and owners read or refused by row and
column; the method's stage conditions and the recorded override; the XLSX from LibreOffice."""

import datetime as dt

import pytest

from partnerkit.partners import services as partner_services
from partnerkit.partnerships.models import Partnership, StageChange
from partnerkit.transfer.services import ImportRefused
from tests.transfer.conftest import csv_bytes, fixture_bytes, import_bytes, preview_of, problems


@pytest.fixture
def institute(north, alice):
    return partner_services.partner_create(
        workspace=north, by=alice, name="Royal Institute of Technology", kind="higher_education",
        country="SE",
    )


def test_the_xlsx_from_libreoffice_imports_with_dates_numbers_and_stages(north, alice, carol, museum, institute):
    data = fixture_bytes("partnerships_libreoffice.xlsx")
    run = import_bytes(north, alice, "partnerships", data, file_name="partnerships.xlsx")
    assert (run.created_count, run.file_format) == (3, "xlsx")
    # A spreadsheet holds no pitch, so its readiness questions are the one condition of
    # "in contact" the row cannot meet: recorded as an override, and said in the report.
    [warning] = run.warnings
    assert (warning["row"], warning["column"]) == (2, "Stage")
    assert "pitch readiness questions" in warning["message"]
    drive = Partnership.objects.get(title="Photo drive 2026")
    assert drive.stage == "in_contact"
    assert sorted(goal.code for goal in drive.goal_types.all()) == ["content_acquisition", "outreach_recruitment"]
    assert (drive.impact, drive.likelihood, drive.ease, drive.effort_hours) == (4, 3, 5, 10)
    assert (drive.licence, drive.decision, drive.owner, drive.partner_owner.name) == (
        "cc_by_sa_4", "go", alice, "Ingrid Larsson"
    )
    assert (drive.next_step_due, drive.started_on) == (dt.date(2026, 3, 15), dt.date(2026, 1, 12))
    change = StageChange.objects.get(partnership=drive)
    assert (change.from_stage, change.to_stage) == ("idea", "in_contact")
    assert change.override_reason == "Imported from partnerships.xlsx"
    assert [condition.split(":")[0] for condition in change.overridden] == [
        "Answers to the pitch readiness questions"
    ]
    assert Partnership.objects.get(title="Wiki Loves Folk Costumes").owner == carol
    scholar = Partnership.objects.get(title="Visiting scholar")
    assert (scholar.partner, scholar.stage, scholar.owner) == (institute, "shortlisted", alice)


def test_unknown_stages_goal_types_licences_and_owners_are_named(north, alice, museum):
    data = csv_bytes([
        ["Partner", "Title", "Goal types", "Stage", "Licence", "Owner", "Impact", "Next step due", "Partner owner"],
        ["Nordic Museum", "A", "content acquisition; world peace", "idea", "", "", "", "", ""],
        ["Nordic Museum", "B", "", "almost there", "", "", "", "", ""],
        ["Nordic Museum", "C", "", "", "CC BY-NC", "", "", "", ""],
        ["Nordic Museum", "D", "", "", "", "zoe", "9", "31/12/2026", "Nobody"],
        ["Nordic Museum", "", "", "", "", "", "", "", ""],
        ["Nordic Museum", "a", "", "", "", "", "", "", ""],
    ])
    preview = preview_of(north, alice, "partnerships", data)
    assert problems(preview.errors) == [
        ("Row 2, column “Goal types”: “world peace” is not a known goal type; valid: "
         "content_acquisition, content_spreading, access, outreach_awareness, "
         "outreach_recruitment, in_kind, fundraising, advocacy (separate several with ;)."),
        ("Row 3, column “Stage”: “almost there” is not a known stage; valid: idea, researching, "
         "shortlisted, preparing, in_contact, negotiating, agreed, running, completed, declined, "
         "dropped, on_hold."),
        ("Row 4, column “Licence”: “CC BY-NC” is not a known licence; valid: cc0, public_domain, "
         "cc_by_4, cc_by_sa_4, other_free, no_content, undecided."),
        "Row 5, column “Impact”: “9” is not an estimate; use a whole number from 1 (low) to 5 (high).",
        "Row 5, column “Next step due”: “31/12/2026” is not a date; write it as YYYY-MM-DD, e.g. 2026-03-31.",
        "Row 5, column “Owner”: “zoe” is not a member of this workspace; use the username or e-mail of a member.",
        ("Row 5, column “Partner owner”: “Nobody” is not a contact of Nordic Museum; import the "
         "contacts first, or use the contact's e-mail address or name."),
        "Row 6, column “Title”: Title is empty; it is required.",
        ("Row 7, column “Title”: the same partner and title as row 2: one partnership, one row. "
         "Merge the two rows in the file."),
    ]


def test_a_member_cannot_import_past_unmet_conditions_a_coordinator_overrides(north, carol, dora, museum):
    data = csv_bytes([
        ["Partner", "Title", "Stage", "Impact"],
        ["Nordic Museum", "Costume photos", "agreed", "4"],
        ["Nordic Museum", "Talk series", "researching", ""],
    ])
    preview = preview_of(north, carol, "partnerships", data, file_name="pipeline.csv")
    (error,) = preview.errors
    assert str(error).startswith(
        "Row 2, column “Stage”: “Agreed” needs what this row does not have: Estimates from "
        "research: likelihood, ease (rank before you shortlist). A “go” decision"
    )
    assert "Only coordinators and admins may import a partnership past these conditions" in str(error)
    with pytest.raises(ImportRefused):
        import_bytes(north, carol, "partnerships", data, file_name="pipeline.csv")
    assert not Partnership.objects.exists()

    preview = preview_of(north, dora, "partnerships", data, file_name="pipeline.csv")
    assert preview.ok
    assert str(preview.warnings[0]).startswith(
        "Row 2, column “Stage”: imported as “Agreed” with a recorded override (“Imported from "
        "pipeline.csv”); the method's conditions not met:"
    )
    run = import_bytes(north, dora, "partnerships", data, file_name="pipeline.csv")
    assert run.created_count == 2
    photos = Partnership.objects.get(title="Costume photos")
    change = photos.stage_changes.get()
    assert (photos.stage, change.by, change.override_reason) == ("agreed", dora, "Imported from pipeline.csv")
    assert "An owner on our side." in change.overridden
    assert Partnership.objects.get(title="Talk series").stage == "researching"


def test_declining_takes_the_decision_reason_as_its_reason(north, carol, museum):
    data = csv_bytes([
        ["Partner", "Title", "Stage", "Decision", "Decision reason"],
        ["Nordic Museum", "Paid editing offer", "declined", "no_go", "They wanted articles about their sponsors."],
    ])
    run = import_bytes(north, carol, "partnerships", data)
    offer = Partnership.objects.get()
    assert (run.created_count, offer.stage, offer.decision_reason) == (
        1, "declined", "They wanted articles about their sponsors."
    )
    assert offer.stage_changes.get().override_reason == ""


def test_merge_never_moves_the_stage_update_does(north, alice, museum):
    data = csv_bytes([["Partner", "Title", "Stage", "Sketch"], ["Nordic Museum", "Costume photos", "researching", "Photos."]])
    import_bytes(north, alice, "partnerships", data)
    moved = csv_bytes([["Partner", "Title", "Stage", "Sketch"], ["Nordic Museum", "costume photos", "on hold", "Other."]])
    preview = preview_of(north, alice, "partnerships", moved)
    assert problems(preview.warnings) == [
        ("Row 2, column “Stage”: stays at “Researching”: merging fills empty fields only; choose "
         "update to move it.")
    ]
    run = import_bytes(north, alice, "partnerships", moved)
    assert run.unchanged_count == 1
    run = import_bytes(north, alice, "partnerships", moved, on_duplicate="update")
    photos = Partnership.objects.get()
    assert (photos.stage, photos.sketch) == ("on_hold", "Other.")
    assert photos.stage_changes.first().override_reason == "Imported from file.csv"
    assert Partnership.objects.count() == 1


def test_partnerships_of_another_workspace_are_out_of_reach(north, alice, southern_library):
    data = csv_bytes([["Partner", "Title"], ["Southern Library", "Loans"]])
    preview = preview_of(north, alice, "partnerships", data)
    assert problems(preview.errors) == [
        ("Row 2, column “Partner”: no partner of this workspace is named “Southern Library”; "
         "import the partners first.")
    ]
