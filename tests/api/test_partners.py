"""Reading, adding, changing, archiving and restoring partners."""

from partnerkit.partners.models import Partner

NORTH = "/workspaces/north/partners"


def test_a_partner_reads_with_all_its_fields(alice_api, museum):
    response = alice_api.get(f"{NORTH}/{museum.pk}")
    assert response.status_code == 200
    body = response.json()
    assert {key: body[key] for key in body if not key.endswith("_at")} == {
        "id": museum.pk,
        "name": "Nordic Museum",
        "kind": "museum",
        "side": "external",
        "country": "SE",
        "country_name": "Sweden",
        "place": "Stockholm",
        "website": "https://www.nordiskamuseet.se/",
        "wikidata_qid": "Q1439564",
        "description": "Museum of Swedish cultural history.",
        "mission": "",
        "tags": ["GLAM", "photography"],
        "public_notes": "",
        "private_notes": "They may have budget cuts next year.",
        "archived": False,
        "version": 1,
    }
    assert body["archived_at"] is None
    assert body["created_at"] and body["updated_at"]


def test_adding_a_partner_answers_201_and_normalises_wikidata_address_and_country(
    carol_api, carol, north
):
    response = carol_api.post(
        NORTH,
        {
            "name": "  Finnish Heritage Agency ",
            "kind": "national_government",
            "country": "fi",
            "wikidata_qid": "https://www.wikidata.org/wiki/Q1415404#P31",
            "tags": ["GLAM", "glam", "open data"],
        },
    )
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Finnish Heritage Agency"
    assert body["wikidata_qid"] == "Q1415404"
    assert (body["country"], body["country_name"]) == ("FI", "Finland")
    assert body["side"] == "external"
    assert sorted(body["tags"]) == ["GLAM", "open data"]
    assert body["version"] == 1
    partner = Partner.objects.get(pk=body["id"])
    assert partner.workspace == north
    assert partner.created_by == carol


def test_a_new_partner_needs_only_a_name_and_a_kind(alice_api):
    response = alice_api.post(
        NORTH, {"name": "Wikipedia in Swedish", "kind": "wikimedia_community"}
    )
    assert response.status_code == 201
    body = response.json()
    assert body["side"] == "internal"
    assert (body["country"], body["country_name"], body["tags"]) == ("", "", [])


def test_a_change_touches_only_the_fields_sent(alice_api, museum):
    response = alice_api.patch(
        f"{NORTH}/{museum.pk}", {"place": "Djurgården, Stockholm", "version": 1}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["place"] == "Djurgården, Stockholm"
    assert body["name"] == "Nordic Museum"
    assert body["tags"] == ["GLAM", "photography"]
    assert body["private_notes"] == "They may have budget cuts next year."
    assert body["version"] == 2


def test_sending_tags_replaces_them_and_an_empty_text_clears_a_field(alice_api, museum):
    response = alice_api.patch(f"{NORTH}/{museum.pk}", {"tags": ["Archives"], "place": ""})
    assert response.status_code == 200
    assert response.json()["tags"] == ["Archives"]
    assert response.json()["place"] == ""


def test_a_change_without_a_version_is_saved_over_the_latest(alice_api, museum):
    alice_api.patch(f"{NORTH}/{museum.pk}", {"place": "Djurgården"})
    response = alice_api.patch(f"{NORTH}/{museum.pk}", {"mission": "Show how people lived."})
    assert response.status_code == 200
    assert response.json()["version"] == 3


def test_delete_archives_the_partner_and_unarchive_brings_it_back(alice_api, museum):
    response = alice_api.delete(f"{NORTH}/{museum.pk}")
    assert response.status_code == 200
    assert response.json()["archived"] is True
    assert response.json()["archived_at"]
    museum.refresh_from_db()
    assert museum.is_archived
    assert museum.contacts.count() == 1
    assert alice_api.get(NORTH).json()["count"] == 0
    assert alice_api.get(NORTH, status="archived").json()["items"][0]["id"] == museum.pk
    assert alice_api.get(f"{NORTH}/{museum.pk}").json()["archived"] is True

    response = alice_api.post(f"{NORTH}/{museum.pk}/unarchive")
    assert response.status_code == 200
    assert response.json()["archived"] is False
    assert response.json()["archived_at"] is None
    assert alice_api.get(NORTH).json()["count"] == 1


def test_archiving_twice_changes_nothing_the_second_time(alice_api, museum):
    first = alice_api.delete(f"{NORTH}/{museum.pk}").json()
    second = alice_api.delete(f"{NORTH}/{museum.pk}").json()
    assert second["version"] == first["version"]
    assert second["archived_at"] == first["archived_at"]


def test_history_lists_changes_newest_first_with_who_and_what(alice_api, carol_api, museum):
    carol_api.patch(f"{NORTH}/{museum.pk}", {"place": "Djurgården", "private_notes": ""})
    response = alice_api.get(f"{NORTH}/{museum.pk}/history")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    latest, contact_created, partner_created = body["items"]
    assert latest["who"] == "carol"
    assert latest["kind"] == "changed"
    assert (latest["subject"], latest["subject_id"]) == ("partner", museum.pk)
    assert latest["reason"] == ""
    assert latest["when"]
    assert sorted(latest["changes"], key=lambda change: change["field"]) == [
        {"field": "place", "old": "Stockholm", "new": "Djurgården", "private": False},
        {
            "field": "private_notes",
            "old": "They may have budget cuts next year.",
            "new": "",
            "private": True,
        },
    ]
    assert (contact_created["subject"], contact_created["kind"]) == ("contact", "created")
    assert (partner_created["subject"], partner_created["kind"]) == ("partner", "created")
    assert partner_created["who"] == "alice"


def test_history_is_paginated(alice_api, museum):
    for place in ["One", "Two", "Three"]:
        alice_api.patch(f"{NORTH}/{museum.pk}", {"place": place})
    body = alice_api.get(f"{NORTH}/{museum.pk}/history", limit=2, offset=1).json()
    assert body["count"] == 5
    assert [item["changes"][0]["new"] for item in body["items"]] == ["Two", "One"]


def test_restore_brings_back_an_earlier_version_as_a_new_change(alice_api, museum):
    first = museum.history.earliest("history_id").history_id
    alice_api.patch(f"{NORTH}/{museum.pk}", {"name": "Nordiska museet", "tags": []})
    response = alice_api.post(f"{NORTH}/{museum.pk}/restore", {"history_id": first})
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Nordic Museum"
    assert body["tags"] == ["GLAM", "photography"]
    assert body["version"] == 3
    history = alice_api.get(f"{NORTH}/{museum.pk}/history").json()["items"]
    assert history[0]["reason"].startswith("Restored the version of")


def test_restore_refuses_a_history_entry_of_another_partner(alice_api, alice, north, museum):
    other = alice_api.post(NORTH, {"name": "Nobel Prize Museum", "kind": "museum"}).json()
    foreign = Partner.objects.get(pk=other["id"]).history.get().history_id
    response = alice_api.post(f"{NORTH}/{museum.pk}/restore", {"history_id": foreign})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["history_id"]
    museum.refresh_from_db()
    assert museum.version == 1
