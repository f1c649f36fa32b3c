"""Importing partners: values read or refused by row and column, duplicates in the workspace
and in the file, the choices for them, and all-or-nothing writing."""

import pytest

from partnerkit.partners import services as partner_services
from partnerkit.partners.models import Partner
from partnerkit.transfer.services import ImportRefused
from tests.transfer.conftest import csv_bytes, fixture_bytes, import_bytes, preview_of, problems

HEADER = ["Name", "Kind", "Country", "Place", "Website", "Wikidata item", "Tags", "Private notes"]


def rows(*items):
    return csv_bytes([HEADER, *items])


def test_values_are_read_the_way_people_write_them(north, alice):
    data = rows(
        ["Royal Library", "Library", "Sweden", "Stockholm", "www.kb.se", "https://www.wikidata.org/wiki/Q953058", "GLAM; books", "Ask about the map room"],
        ["Åbo Akademi", "higher_education", "fi", "Turku", "HTTP://WWW.ABO.FI/", "q1057484", "GLAM, university", ""],
        ["Statens arkiver", "archive", "DNK", "", "", "", "", ""],
    )
    run = import_bytes(north, alice, "partners", data)
    assert run.created_count == 3
    library = Partner.objects.get(name="Royal Library")
    assert (library.kind, library.country.code, library.website, library.wikidata_qid) == (
        "library", "SE", "https://www.kb.se", "Q953058"
    )
    assert sorted(tag.name for tag in library.tags.all()) == ["GLAM", "books"]
    assert library.private_notes == "Ask about the map room"
    abo = Partner.objects.get(name="Åbo Akademi")
    assert (abo.country.code, abo.website, abo.wikidata_qid) == ("FI", "http://www.abo.fi/", "Q1057484")
    assert Partner.objects.get(name="Statens arkiver").country.code == "DK"
    # The history says who imported it.
    assert library.history.latest("history_id").history_user == alice


def test_bad_values_are_named_by_row_and_column_and_nothing_is_written(north, alice):
    data = rows(
        ["Fine Museum", "museum", "SE", "", "", "", "", ""],
        ["Castle Trust", "castle", "SE", "", "", "", "", ""],
        ["Atlantis Library", "library", "Atlantis", "", "", "", "", ""],
        ["Broken Web", "museum", "", "", "not a web address", "", "", ""],
        ["Bad Item", "museum", "", "", "", "P31", "", ""],
        ["", "museum", "", "", "", "", "", ""],
        ["Long Tag", "museum", "", "", "", "", "x" * 51, ""],
    )
    preview = preview_of(north, alice, "partners", data)
    assert problems(preview.errors) == [
        ("Row 3, column “Kind”: “castle” is not a known partner kind; valid: wikimedia_community, "
         "affiliate, wmf, gallery, library, archive, museum, higher_education, learned_society, "
         "national_government, local_government, nonprofit, network, company_media, other."),
        ("Row 4, column “Country”: “Atlantis” is not a country; use an ISO code such as SE or an "
         "English name such as Sweden."),
        "Row 5, column “Website”: “not a web address” is not a web address such as https://example.org/.",
        ("Row 6, column “Wikidata item”: “P31” is not a Wikidata item; use an id such as Q190804 "
         "or the item's Wikidata address."),
        "Row 7, column “Name”: Name is empty; it is required.",
        "Row 8, column “Tags”: The tag “" + "x" * 51 + "” is longer than 50 characters.",
    ]
    with pytest.raises(ImportRefused, match="Row 3, column “Kind”"):
        import_bytes(north, alice, "partners", data)
    assert not Partner.objects.exists()


def test_a_missing_required_column_is_an_error_before_any_row(north, alice):
    preview = preview_of(north, alice, "partners", csv_bytes([["Name", "Place"], ["A", "B"]]))
    assert problems(preview.errors) == ["No column is chosen for Kind; it is required."]
    preview = preview_of(
        north, alice, "partners", csv_bytes([["Name", "Place"], ["A", "B"]]),
        mapping={"columns": {"name": "Name"}, "defaults": {"kind": "museum"}},
    )
    assert preview.ok


def test_a_kind_for_every_row_fills_rows_without_one(north, alice):
    data = csv_bytes([["Name", "Kind"], ["A museum", ""], ["A library", "library"]])
    import_bytes(north, alice, "partners", data, mapping={
        "columns": {"name": "Name", "kind": "Kind"}, "defaults": {"kind": "museum", "country": "NO"},
    })
    assert dict(Partner.objects.values_list("name", "kind")) == {"A museum": "museum", "A library": "library"}
    assert set(Partner.objects.values_list("country", flat=True)) == {"NO"}


def test_the_real_imls_file_imports_with_its_names_and_addresses(north, alice):
    data = fixture_bytes("imls_museums_2018_excerpt.csv")
    mapping = {
        "columns": {"name": "COMMONNAME", "place": "ADCITY", "website": "WEBURL"},
        "defaults": {"kind": "museum", "country": "US"},
    }
    run = import_bytes(north, alice, "partners", data, file_name="imls.csv", mapping=mapping)
    assert (run.created_count, run.encoding) == (18, "Windows-1252")
    zing = Partner.objects.get(name="ZING ZUMM CHILDREN’S MUSEUM OF JACKSONVILLE")
    assert (zing.place, zing.website) == ("JACKSONVILLE", "http://www.zingzumm.org/")
    assert Partner.objects.filter(name="JAMES E. LEWIS MUSEUM OF ART").exists()
    assert Partner.objects.get(name="JOYCE PADDOCK BLISS GALLERY").place == "WAUKESHA"
    # The same file again changes nothing.
    again = import_bytes(north, alice, "partners", data, file_name="imls.csv", mapping=mapping)
    assert (again.created_count, again.unchanged_count) == (0, 18)
    assert Partner.objects.count() == 18


def test_the_wikidata_export_reads_item_addresses_and_imports_repeats_once(north, alice):
    data = fixture_bytes("wikidata_isil_lookup_excerpt.tsv")
    mapping = {"columns": {"name": "?itemLabel", "wikidata_qid": "?item"}, "defaults": {"kind": "library"}}
    preview = preview_of(north, alice, "partners", data, mapping=mapping)
    assert preview.ok
    assert "Row 41: repeats row 3 exactly; it is imported once." in problems(preview.warnings)
    # Similar names of different Wikidata items are no duplicates.
    assert preview.duplicates == []
    run = import_bytes(north, alice, "partners", data, mapping=mapping)
    assert (run.created_count, run.skipped_count) == (39, 1)
    assert Partner.objects.get(wikidata_qid="Q867885").name == "Dänische Königliche Bibliothek"


# --------------------------------------------------------------------------------------
# Duplicates
# --------------------------------------------------------------------------------------


def test_duplicates_of_existing_partners_are_found_by_item_website_and_name(north, alice, museum):
    partner_services.partner_create(
        workspace=north, by=alice, name="Oslo City Archives", kind="archive", country="NO",
        website="https://www.oslo.kommune.no/byarkivet/",
    )
    data = rows(
        ["Nordiska museet", "museum", "SE", "", "", "Q1439564", "", ""],
        ["Oslo Byarkiv", "archive", "NO", "", "oslo.kommune.no/byarkivet", "", "", ""],
        ["NORDIC MUSEUM", "museum", "SE", "", "", "", "", ""],
        ["The Nordik Museum", "museum", "SE", "", "", "", "", ""],
        ["Nordic Museum", "museum", "NO", "", "", "", "", ""],
        ["Oslo City Archive", "archive", "NO", "", "https://www.oslo.kommune.no/kulturetaten/", "", "", ""],
    )
    preview = preview_of(north, alice, "partners", data)
    found = {plan.row: (plan.match.reason if plan.match else None, plan.action) for plan in preview.rows}
    assert found == {
        2: ("the same Wikidata item Q1439564", "merge"),
        3: ("the same website (oslo.kommune.no)", "merge"),
        4: ("the same name", "merge"),
        5: ("a similar name (92 %)", "skip"),
        # Another country, or another path on the same host: another organisation.
        6: (None, "create"),
        7: (None, "create"),
    }


def test_shared_hosts_such_as_meta_wiki_do_not_make_duplicates(north, alice):
    partner_services.partner_create(
        workspace=north, by=alice, name="Wikimedians of the North", kind="affiliate",
        website="https://meta.wikimedia.org/wiki/Wikimedians_of_the_North",
    )
    data = rows(
        ["Wiki Loves Coasts User Group", "affiliate", "", "", "https://meta.wikimedia.org/wiki/Wiki_Loves_Coasts", "", "", ""],
        ["North Wikimedians (same page)", "affiliate", "", "", "https://meta.wikimedia.org/wiki/Wikimedians_of_the_North", "", "", ""],
    )
    preview = preview_of(north, alice, "partners", data)
    assert [plan.match.reason if plan.match else None for plan in preview.rows] == [
        None, "the same website (meta.wikimedia.org/wiki/wikimedians_of_the_north)",
    ]


def test_names_with_different_numbers_are_not_similar(north, alice):
    partner_services.partner_create(workspace=north, by=alice, name="District 5 Public Library", kind="library")
    preview = preview_of(north, alice, "partners", rows(["District 6 Public Library", "library", "", "", "", "", "", ""]))
    assert preview.duplicates == []


def test_certain_duplicates_inside_the_file_are_errors_naming_both_rows(north, alice):
    data = rows(
        ["Nordic Museum", "museum", "SE", "Stockholm", "https://www.nordiskamuseet.se/", "Q1439564", "", ""],
        ["Royal Library", "library", "SE", "", "", "", "", ""],
        ["Nordiska museet", "museum", "SE", "", "", "Q1439564", "", ""],
        ["Nordic Museum Foundation", "museum", "SE", "", "http://nordiskamuseet.se", "", "", ""],
        ["ROYAL LIBRARY", "library", "SE", "", "", "", "", ""],
    )
    preview = preview_of(north, alice, "partners", data)
    assert problems(preview.errors) == [
        ("Row 4, column “Wikidata item”: the same Wikidata item Q1439564 as row 2 (“Nordic Museum”): "
         "one organisation, one row. Merge the two rows in the file, or if they are different "
         "organisations, tell them apart (Wikidata item, website, place)."),
        ("Row 5, column “Website”: the same website (nordiskamuseet.se) as row 2 (“Nordic Museum”): "
         "one organisation, one row. Merge the two rows in the file, or if they are different "
         "organisations, tell them apart (Wikidata item, website, place)."),
        ("Row 6, column “Name”: the same name as row 3 (“Royal Library”): one organisation, one "
         "row. Merge the two rows in the file, or if they are different organisations, tell them "
         "apart (Wikidata item, website, place)."),
    ]


def test_similar_names_inside_the_file_are_a_choice(north, alice):
    data = rows(
        ["Nordic Museum", "museum", "SE", "", "", "", "", ""],
        ["The Nordik Museum", "museum", "SE", "", "", "", "", ""],
    )
    preview = preview_of(north, alice, "partners", data)
    assert preview.ok
    (plan,) = preview.duplicates
    assert (plan.row, plan.match.row, plan.action) == (3, 2, "skip")
    run = import_bytes(north, alice, "partners", data, decisions={3: "create"})
    assert run.created_count == 2
    # Merging into an earlier row fills that row's new record.
    Partner.objects.all().delete()
    data = rows(["Nordic Museum", "museum", "SE", "", "", "", "", ""],
                ["The Nordik Museum", "museum", "SE", "Stockholm", "", "", "", ""])
    run = import_bytes(north, alice, "partners", data, decisions={3: "merge"})
    assert (run.created_count, run.updated_count) == (1, 1)
    assert Partner.objects.get().place == "Stockholm"


def test_merge_fills_empty_fields_and_adds_tags_update_replaces(north, alice, museum):
    data = rows(["Nordiska museet", "museum", "SE", "Djurgården", "", "Q1439564", "folk costumes", "New note"])
    run = import_bytes(north, alice, "partners", data)
    museum.refresh_from_db()
    assert run.updated_count == 1
    assert museum.name == "Nordic Museum"  # not empty: kept
    assert museum.place == "Stockholm"  # kept
    assert museum.private_notes == "They may have budget cuts next year."
    assert sorted(tag.name.lower() for tag in museum.tags.all()) == ["folk costumes", "glam", "photography"]
    assert "filled tags" in run.report[0]["note"]

    run = import_bytes(north, alice, "partners", data, on_duplicate="update")
    museum.refresh_from_db()
    assert (museum.name, museum.place, museum.private_notes) == ("Nordiska museet", "Djurgården", "New note")
    assert [tag.name for tag in museum.tags.all()] == ["folk costumes"]
    # Empty cells never clear a field.
    assert museum.description == "Museum of Swedish cultural history."


def test_skip_and_create_anyway(north, alice, museum):
    data = rows(["Nordiska museet", "museum", "SE", "", "", "Q1439564", "", ""])
    run = import_bytes(north, alice, "partners", data, decisions={2: "skip"})
    assert (run.skipped_count, Partner.objects.count()) == (1, 1)
    assert run.report[0]["note"] == "skipped: “Nordic Museum” in Partnerkit: the same Wikidata item Q1439564"
    run = import_bytes(north, alice, "partners", data, on_duplicate="create")
    assert (run.created_count, Partner.objects.count()) == (1, 2)


def test_importing_the_same_file_twice_creates_no_duplicates(north, alice):
    data = rows(
        ["Nordic Museum", "museum", "SE", "Stockholm", "https://www.nordiskamuseet.se/", "Q1439564", "GLAM", ""],
        ["Royal Library", "library", "SE", "", "", "", "", ""],
    )
    first = import_bytes(north, alice, "partners", data)
    second = import_bytes(north, alice, "partners", data)
    assert (first.created_count, second.created_count, second.unchanged_count) == (2, 0, 2)
    assert Partner.objects.count() == 2
    # No empty versions in the history either.
    assert Partner.objects.get(name="Royal Library").history.count() == 1


def test_another_workspaces_partners_are_never_matched(north, alice, southern_library):
    data = rows(["Southern Library", "library", "ES", "", "", "", "", ""])
    preview = preview_of(north, alice, "partners", data)
    assert preview.duplicates == []


def test_a_service_refusal_during_writing_undoes_the_whole_import(north, alice, monkeypatch):
    from django.core.exceptions import ValidationError

    real_create = partner_services.partner_create

    def fail_on_second(**values):
        if values["name"] == "Second":
            raise ValidationError({"name": "Refused for the test."})
        return real_create(**values)

    monkeypatch.setattr(partner_services, "partner_create", fail_on_second)
    data = rows(["First", "museum", "", "", "", "", "", ""], ["Second", "museum", "", "", "", "", "", ""])
    with pytest.raises(ImportRefused, match="Row 3, column “Name”: Refused for the test."):
        import_bytes(north, alice, "partners", data)
    assert not Partner.objects.exists()


def test_archived_partners_are_imported_archived(north, alice):
    data = csv_bytes([["Name", "Kind", "Archived"], ["Old Partner", "museum", "yes"], ["Current", "museum", "no"]])
    import_bytes(north, alice, "partners", data)
    assert Partner.objects.get(name="Old Partner").is_archived
    assert not Partner.objects.get(name="Current").is_archived


def test_checking_a_file_takes_the_same_number_of_queries_for_any_number_of_rows(north, alice, museum):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(number_of_rows):
        data = rows(*[[f"Museum {n}", "museum", "SE", "", "", "", "", ""] for n in range(number_of_rows)])
        with CaptureQueriesContext(connection) as queries:
            preview_of(north, alice, "partners", data)
        return len(queries)

    assert count(2) == count(300)
