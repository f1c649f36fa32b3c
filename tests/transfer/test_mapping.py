"""Column mapping: suggestions from the names other systems use, and the mapping a
workspace chose, remembered for the next file of the same shape."""

import pytest
from django.core.exceptions import ValidationError

from partnerkit.transfer import services
from partnerkit.transfer.columns import KINDS, header_key, suggest_mapping
from partnerkit.transfer.reading import read_table
from tests.transfer.conftest import fixture_bytes, import_bytes


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Organisation", "name"), ("Organization name", "name"), ("Account Name", "name"),
        ("ORGANISATION NAME ", "name"), ("QID", "wikidata_qid"), ("Wikidata", "wikidata_qid"),
        ("Website", "website"), ("URL", "website"), ("WEBURL", "website"), ("Homepage", "website"),
        ("Country", "country"), ("Type", "kind"), ("Kind", "kind"), ("City", "place"),
        ("Village,_Town_or_City", "place"), ("Notes", "private_notes"), ("Tags", "tags"),
        ("Wikidata item", "wikidata_qid"), ("COMMONNAME", "name"), ("?itemLabel", "name"),
        ("?item", "wikidata_qid"),
    ],
)
def test_partner_columns_are_recognised_by_their_usual_names(header, field):
    assert suggest_mapping("partners", [header]) == {field: header}


def test_notes_of_unknown_kind_are_suggested_as_private():
    assert suggest_mapping("partners", ["Notes"]) == {"private_notes": "Notes"}


def test_salesforce_headers_map_to_contacts_and_each_column_is_used_once():
    table = read_table(fixture_bytes("salesforce_accounts_contacts.csv"))
    assert suggest_mapping("contacts", table.headers) == {
        "partner": "Account: Account Name",
        "first_name": "Contact: First Name",
        "last_name": "Contact: Last Name",
        "role_title": "Contact: Title",
        "phone": "Contact: Phone",
        "email": "Contact: Email",
    }
    assert suggest_mapping("partners", table.headers) == {
        "name": "Account: Account Name", "kind": "Account: Type",
    }


def test_every_export_header_maps_back_to_its_own_column():
    for kind, spec in KINDS.items():
        headers = [column.header for column in spec.export_columns]
        fields = [column.field for column in spec.export_columns]
        assert suggest_mapping(kind, headers) == dict(zip(fields, headers)), kind
        assert suggest_mapping(kind, fields) == dict(zip(fields, fields)), kind


def test_the_header_key_ignores_order_case_and_spacing():
    assert header_key(["Name", "Web site"]) == header_key(["WEBSITE", "name "])
    assert header_key(["Name"]) != header_key(["Name", "Kind"])


def test_a_chosen_mapping_is_remembered_per_workspace_and_kind(north, south, alice, bob):
    data = b"Organisation,Sort,Ort\nNordic Museum,museum,Stockholm\n"
    mapping = {"columns": {"name": "Organisation", "kind": "Sort", "place": "Ort"}, "defaults": {}}
    import_bytes(north, alice, "partners", data, mapping=mapping)
    headers = ["ort", "ORGANISATION", "Sort"]  # the same columns, in another order
    assert services.mapping_for(workspace=north, kind="partners", headers=headers) == {
        "columns": {"name": "ORGANISATION", "kind": "Sort", "place": "ort"}, "defaults": {}
    }
    # Another workspace and another kind start from the suggestions.
    suggested = {"columns": {"name": "ORGANISATION"}, "defaults": {}}
    assert services.mapping_for(workspace=south, kind="partners", headers=headers) == suggested
    assert services.mapping_for(workspace=north, kind="contacts", headers=headers)["columns"] == {
        "partner": "ORGANISATION"
    }


def test_a_mapping_naming_columns_the_file_lacks_is_refused():
    with pytest.raises(ValidationError) as refusal:
        services.mapping_clean(
            kind="partners", headers=["Name"],
            mapping={"columns": {"name": "Name", "website": "URL", "colour": "Name"},
                     "defaults": {"kind": "castle"}},
        )
    messages = " ".join(refusal.value.messages)
    assert "The file has no column “URL” (for Website)." in messages
    assert "'colour' is not a column of partners" in messages
    assert "“castle” is not a known partner kind" in messages


def test_one_file_column_cannot_fill_two_fields():
    with pytest.raises(ValidationError, match="“Name” is chosen twice"):
        services.mapping_clean(
            kind="partners", headers=["Name"], mapping={"columns": {"name": "Name", "place": "Name"}}
        )
