"""Two people editing one record: the later stale edit is refused, never silently applied."""

PARTNERS = "/workspaces/north/partners"
CONTACTS = "/workspaces/north/contacts"


def test_a_stale_change_answers_409_with_the_other_persons_changes(alice_api, carol_api, museum):
    assert (
        carol_api.patch(
            f"{PARTNERS}/{museum.pk}", {"place": "Djurgården", "country": "NO", "version": 1}
        ).status_code
        == 200
    )

    response = alice_api.patch(f"{PARTNERS}/{museum.pk}", {"name": "Nordiska museet", "version": 1})

    assert response.status_code == 409
    body = response.json()
    assert body["detail"].startswith("Someone else saved this record")
    assert body["errors"] == {}
    assert body["current_version"] == 2
    assert body["changes"] == {
        "place": {"before": "Stockholm", "now": "Djurgården"},
        "country": {"before": "SE", "now": "NO"},
    }
    museum.refresh_from_db()
    assert (museum.name, museum.place, museum.version) == ("Nordic Museum", "Djurgården", 2)


def test_a_stale_change_saves_on_purpose_with_the_current_version(alice_api, carol_api, museum):
    carol_api.patch(f"{PARTNERS}/{museum.pk}", {"place": "Djurgården", "version": 1})
    conflict = alice_api.patch(f"{PARTNERS}/{museum.pk}", {"name": "Nordiska museet", "version": 1})
    version = conflict.json()["current_version"]
    response = alice_api.patch(
        f"{PARTNERS}/{museum.pk}", {"name": "Nordiska museet", "version": version}
    )
    assert response.status_code == 200
    assert (response.json()["name"], response.json()["place"]) == ("Nordiska museet", "Djurgården")


def test_a_stale_change_of_tags_changes_no_tags(alice_api, carol_api, museum):
    carol_api.patch(f"{PARTNERS}/{museum.pk}", {"mission": "Culture for all.", "version": 1})
    response = alice_api.patch(f"{PARTNERS}/{museum.pk}", {"tags": ["Gone"], "version": 1})
    assert response.status_code == 409
    assert sorted(tag.name for tag in museum.tags.all()) == ["GLAM", "photography"]


def test_archiving_a_partner_changed_since_it_was_read_answers_409(alice_api, carol_api, museum):
    carol_api.patch(f"{PARTNERS}/{museum.pk}", {"place": "Djurgården"})
    response = alice_api.delete(f"{PARTNERS}/{museum.pk}", version=1)
    assert response.status_code == 409
    assert response.json()["current_version"] == 2
    museum.refresh_from_db()
    assert not museum.is_archived


def test_a_stale_contact_change_answers_409(alice_api, carol_api, ingrid):
    carol_api.patch(f"{CONTACTS}/{ingrid.pk}", {"email": "ingrid.l@example.org", "version": 1})
    response = alice_api.patch(f"{CONTACTS}/{ingrid.pk}", {"phone": "+46 8 000", "version": 1})
    assert response.status_code == 409
    body = response.json()
    assert body["current_version"] == 2
    assert body["changes"] == {
        "email": {"before": "ingrid@example.org", "now": "ingrid.l@example.org"}
    }
    ingrid.refresh_from_db()
    assert ingrid.phone == ""
