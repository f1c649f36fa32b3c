"""Importing contacts: each row names its partner; duplicates by e-mail or name within the
partner; a real CRM export with accounts and people on the same rows."""

import pytest

from partnerkit.partners import services as partner_services
from partnerkit.partners.models import Contact, Partner
from partnerkit.transfer.services import ImportRefused
from tests.transfer.conftest import csv_bytes, fixture_bytes, import_bytes, preview_of, problems


def test_the_salesforce_export_imports_accounts_then_their_people(north, alice):
    data = fixture_bytes("salesforce_accounts_contacts.csv")
    # As partners: the account types are not partner kinds, so the file says which.
    preview = preview_of(north, alice, "partners", data)
    assert problems(preview.errors)[0].startswith(
        "Row 2, column “Account: Type”: “Technology Partner” is not a known partner kind; valid:"
    )
    run = import_bytes(
        north, alice, "partners", data,
        mapping={"columns": {"name": "Account: Account Name"}, "defaults": {"kind": "company_media"}},
    )
    assert (run.created_count, run.skipped_count) == (10, 4)  # repeated account rows, once
    assert "Row 3: repeats row 2 exactly; it is imported once." in [
        f"Row {w['row']}: {w['message']}" for w in run.warnings
    ]

    run = import_bytes(north, alice, "contacts", data)
    assert (run.created_count, run.skipped_count) == (6, 8)
    amy = Contact.objects.get(email="amy@example.org")
    assert (amy.name, amy.role_title, amy.phone, amy.partner.name) == (
        "Amy Taylor", "VP of Engineering", "4152568563", "Alpha Dynamics"
    )
    skipped = [entry for entry in run.report if entry["action"] == "skipped"]
    assert skipped[0] == {
        "row": 8, "action": "skipped", "id": None, "label": "Burlington Textiles",
        "note": "no contact on this row",
    }
    again = import_bytes(north, alice, "contacts", data)
    assert (again.created_count, again.unchanged_count) == (0, 6)
    assert Contact.objects.count() == 6


def test_the_partner_is_found_by_item_website_or_name(north, alice, museum):
    partner_services.partner_create(
        workspace=north, by=alice, name="Nordic Museum", kind="museum", country="FI",
        website="https://nordic.example.fi/",
    )
    data = csv_bytes([
        ["Partner", "Partner Wikidata item", "Partner website", "Name", "E-mail"],
        ["", "Q1439564", "", "Anna Berg", "anna@example.org"],
        ["", "", "nordic.example.fi", "Aino Virtanen", ""],
        ["Nordic Museum", "", "", "Nobody Knows", ""],
        ["Nordisk Museum", "", "", "Someone Else", ""],
        ["", "Q42", "", "Douglas", ""],
    ])
    preview = preview_of(north, alice, "contacts", data)
    assert problems(preview.errors) == [
        ("Row 4, column “Partner”: several partners match “Nordic Museum”; add a Partner "
         "Wikidata item or Partner website column to tell them apart."),
        ("Row 5, column “Partner”: no partner of this workspace is named “Nordisk Museum” (did you "
         "mean “Nordic Museum”?); import the partners first."),
        ("Row 6, column “Partner Wikidata item”: no partner of this workspace has the Wikidata "
         "item Q42; import the partners first."),
    ]
    assert [plan.partner_id for plan in preview.rows] == [
        museum.pk, Partner.objects.get(country="FI").pk
    ]


def test_contacts_match_by_email_or_name_within_the_same_partner(north, alice, museum):
    other = partner_services.partner_create(workspace=north, by=alice, name="Royal Library", kind="library")
    data = csv_bytes([
        ["Partner", "Name", "E-mail", "Role"],
        ["Nordic Museum", "I. Larsson", "INGRID@example.org", "Head of collections"],
        ["Nordic Museum", "Ingrid Larsson", "ingrid.l@example.org", ""],
        ["Nordic Museum", "Ingrid  Larsson", "", ""],
        ["Royal Library", "Ingrid Larsson", "", ""],
    ])
    preview = preview_of(north, alice, "contacts", data)
    assert problems(preview.errors) == [
        ("Row 4, column “Name”: the same name at the same partner as row 3: one person, one row. "
         "Merge the two rows in the file.")
    ]
    data = csv_bytes([
        ["Partner", "Name", "E-mail", "Role"],
        ["Nordic Museum", "I. Larsson", "INGRID@example.org", "Head of collections"],
        ["Nordic Museum", "Ingrid Larsson", "ingrid.l@example.org", ""],
        ["Royal Library", "Ingrid Larsson", "", ""],
    ])
    preview = preview_of(north, alice, "contacts", data)
    assert [(plan.row, plan.match.reason if plan.match else None) for plan in preview.rows] == [
        (2, "the same e-mail address"),
        (3, None),  # another e-mail address: another person of the same name
        (4, None),  # another partner
    ]
    run = import_bytes(north, alice, "contacts", data)
    ingrid = Contact.objects.get(email="ingrid@example.org")
    assert ingrid.role_title == "Head of digital collections"  # merge fills only empty fields
    assert (run.created_count, run.unchanged_count) == (2, 1)
    assert other.contacts.count() == 1


def test_first_and_last_names_make_the_name_and_bad_values_are_named(north, alice, museum):
    data = csv_bytes([
        ["Organisation", "First name", "Last name", "E-mail", "Languages", "Contact point"],
        ["Nordic Museum", "Sven", "Ek", "sven@", "sv", "yes"],
        ["Nordic Museum", "Kari", "Nordmann", "", "norsk", "perhaps"],
        ["Nordic Museum", "Lena", "Ek", "lena@example.org", "sv, en", "no"],
    ])
    preview = preview_of(north, alice, "contacts", data)
    assert problems(preview.errors) == [
        "Row 2, column “E-mail”: “sven@” is not an e-mail address.",
        "Row 3, column “Languages”: norsk is not a language code; use codes such as en, de, pt-br.",
        "Row 3, column “Contact point”: “perhaps” is neither yes nor no.",
    ]
    with pytest.raises(ImportRefused):
        import_bytes(north, alice, "contacts", data)
    assert museum.contacts.count() == 1
    import_bytes(north, alice, "contacts", csv_bytes([data_row for data_row in [
        ["Organisation", "First name", "Last name", "E-mail", "Languages", "Contact point"],
        ["Nordic Museum", "Lena", "Ek", "lena@example.org", "sv, en", "no"],
    ]]))
    lena = museum.contacts.get(name="Lena Ek")
    assert (lena.languages, lena.is_contact_point) == ("sv, en", False)
