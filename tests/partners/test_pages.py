"""The partner and contact pages as a member uses them."""

import pytest
from django.urls import reverse

from partnerkit.partners.models import Contact, Partner
from tests.conftest import login


def url(name, **kwargs):
    return reverse(f"partners:{name}", kwargs={"workspace_slug": "north", **kwargs})


def test_list_shows_partners_with_country_names_and_tags(client, alice, museum):
    response = login(client, alice).get(url("list"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nordic Museum" in html and "Sweden" in html and "photography" in html


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"q": "nordic"}, True),
        ({"q": "Q1439564"}, True),
        ({"q": "nothing-like-it"}, False),
        ({"kind": "museum"}, True),
        ({"kind": "library"}, False),
        ({"side": "external"}, True),
        ({"side": "internal"}, False),
        ({"country": "SE"}, True),
        ({"tag": "glam"}, True),
        ({"status": "archived"}, False),
    ],
)
def test_list_filters(client, alice, museum, query, expected):
    response = login(client, alice).get(url("list"), query)
    assert ("Nordic Museum" in response.content.decode()) is expected


def test_htmx_search_answers_with_the_results_only(client, alice, museum):
    response = login(client, alice).get(
        url("list"), {"q": "nordic"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="partner-results"
    )
    html = response.content.decode()
    assert "Nordic Museum" in html and "<html" not in html


def test_create_partner_accepts_a_pasted_wikidata_address(client, carol, north):
    response = login(client, carol).post(
        url("create"),
        {
            "name": "Royal Library",
            "kind": "library",
            "country": "SE",
            "wikidata_qid": "https://www.wikidata.org/wiki/Q953058",
            "website": "https://www.kb.se/",
            "tags": "GLAM, books, glam",
        },
    )
    partner = Partner.objects.get(name="Royal Library")
    assert response.status_code == 302 and response.url == partner.get_absolute_url()
    assert partner.wikidata_qid == "Q953058"
    assert {tag.name for tag in partner.tags.all()} == {"books", "GLAM"}
    assert partner.history.get().history_user == carol


@pytest.mark.parametrize(
    "field, value",
    [
        ("name", ""),
        ("kind", "castle"),
        ("country", "XX"),
        ("website", "not a url"),
        ("wikidata_qid", "P31"),
    ],
)
def test_create_partner_names_the_bad_field_and_stores_nothing(client, carol, north, field, value):
    data = {"name": "Royal Library", "kind": "library", field: value}
    response = login(client, carol).post(url("create"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Partner.objects.exists()


def test_detail_marks_private_notes_and_lists_contacts(client, victor, museum):
    html = login(client, victor).get(url("detail", pk=museum.pk)).content.decode()
    assert "They may have budget cuts next year." in html
    assert "private — workspace members only" in html
    assert "Ingrid Larsson" in html and "contact point" in html
    assert url("edit", pk=museum.pk) not in html  # viewers get no edit buttons


def test_edit_keeps_history_and_detects_a_conflict(client, alice, carol, museum):
    login(client, alice)
    form = client.get(url("edit", pk=museum.pk)).context["form"]
    assert form.initial["version"] == 1 and form.initial["tags"] == "GLAM, photography"
    # carol saves first
    client.force_login(carol)
    client.post(url("edit", pk=museum.pk), {"name": "Nordiska museet", "kind": "museum", "version": 1})
    # alice saves from the stale form: a conflict with a diff, not an overwrite
    client.force_login(alice)
    response = client.post(
        url("edit", pk=museum.pk), {"name": "Nordic Museum (Stockholm)", "kind": "museum", "version": 1}
    )
    assert response.status_code == 200
    assert response.context["conflict"]["changes"][0]["now"] == "Nordiska museet"
    museum.refresh_from_db()
    assert museum.name == "Nordiska museet"
    # saving again, now from the current version, goes through on purpose
    assert response.context["form"].data["version"] == 2
    response = client.post(
        url("edit", pk=museum.pk), {"name": "Nordic Museum (Stockholm)", "kind": "museum", "version": 2}
    )
    assert response.status_code == 302
    museum.refresh_from_db()
    assert museum.name == "Nordic Museum (Stockholm)" and museum.history.count() == 3


def test_archive_and_unarchive(client, carol, museum):
    login(client, carol).post(url("archive", pk=museum.pk))
    museum.refresh_from_db()
    assert museum.is_archived
    assert list(client.get(url("list")).context["page"].object_list) == []
    archived = client.get(url("list"), {"status": "archived"}).context["page"].object_list
    assert list(archived) == [museum]
    client.post(url("unarchive", pk=museum.pk))
    museum.refresh_from_db()
    assert not museum.is_archived


def test_history_page_shows_who_changed_what_and_restores(client, alice, museum):
    login(client, alice)
    client.post(url("edit", pk=museum.pk), {"name": "Renamed", "kind": "museum", "version": 1, "private_notes": "secret plan"})
    html = client.get(url("history", pk=museum.pk)).content.decode()
    assert "Renamed" in html and "alice" in html and "Private notes" in html
    first = museum.history.earliest("history_id")
    response = client.post(url("restore", pk=museum.pk, history_id=first.history_id))
    assert response.status_code == 302
    museum.refresh_from_db()
    assert museum.name == "Nordic Museum"
    assert museum.private_notes == "They may have budget cuts next year."


def test_contact_create_edit_delete_and_restore(client, carol, museum):
    login(client, carol)
    response = client.post(
        url("contact_create", pk=museum.pk),
        {"name": "Erik Svensson", "email": "erik@example.org", "languages": "sv, en"},
    )
    assert response.status_code == 302
    contact = Contact.objects.get(name="Erik Svensson")
    response = client.post(
        url("contact_edit", pk=museum.pk, contact_pk=contact.pk),
        {"name": "Erik Svensson", "email": "bad", "languages": "sv, english!", "version": 1},
    )
    assert set(response.context["form"].errors) == {"email", "languages"}
    client.post(url("contact_delete", pk=museum.pk, contact_pk=contact.pk))
    assert not Contact.objects.filter(pk=contact.pk).exists()
    deleted = Contact.history.filter(id=contact.pk, history_type="-").get()
    client.post(url("contact_restore", pk=museum.pk, history_id=deleted.history_id))
    assert Contact.objects.get(pk=contact.pk).email == "erik@example.org"


def test_viewer_cannot_write(client, victor, museum):
    login(client, victor)
    assert client.get(url("create")).status_code == 403
    assert client.post(url("edit", pk=museum.pk), {"name": "x", "kind": "museum"}).status_code == 403
    assert client.post(url("archive", pk=museum.pk)).status_code == 403
    museum.refresh_from_db()
    assert museum.name == "Nordic Museum" and not museum.is_archived
