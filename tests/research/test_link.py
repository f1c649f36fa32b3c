"""Linking a partner to a Wikidata item from its research pages: search by name, paste an id
or address, and the ways a link is refused without changing anything."""

import pytest
from django.urls import reverse

from partnerkit.partners import services as partner_services
from partnerkit.partners.models import Partner
from partnerkit.research.models import DossierSource, EnrichmentRun, PartnerFacts, StudyAnswer
from tests.conftest import login


@pytest.fixture
def archive(north, alice):
    """A partner of north not linked to Wikidata yet."""
    return partner_services.partner_create(
        workspace=north, by=alice, name="Nordic Archive", kind="archive", country="SE"
    )


def link_url(partner):
    return reverse("research:link", kwargs={"workspace_slug": "north", "pk": partner.pk})


@pytest.fixture
def archive_item(nordic_items):
    nordic_items.add_item(
        "Q5000",
        labels={"en": "Nordic Archive"},
        descriptions={"en": "archive in Stockholm"},
        country="Q34",
        website="https://archive.example.org/",
        instance_of=["Q33506"],
        sitelinks={"svwiki": "Nordiska arkivet"},
    )
    nordic_items.search_results["nordic archive"] = ["Q5000", "Q1439564"]
    return nordic_items


def test_search_lists_each_candidate_with_label_description_country_and_website(
    client, alice, archive, archive_item
):
    response = login(client, alice).get(link_url(archive), {"q": "Nordic Archive"})
    page = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Nordic Archive",
        "archive in Stockholm",
        "Sweden",
        "https://archive.example.org/",
        "Q5000",
        "Nordic Museum",
        "Q1439564",
    ):
        assert text in page
    assert page.count('name="qid"') >= 3  # a Link button per candidate, and the paste field


def test_pasting_an_address_links_the_partner_records_history_and_fetches_facts(
    client, alice, archive, archive_item
):
    response = login(client, alice).post(
        link_url(archive), {"qid": "https://www.wikidata.org/wiki/Q5000#P31"}, follow=True
    )
    archive.refresh_from_db()
    assert archive.wikidata_qid == "Q5000"
    assert "linked to Q5000" in response.content.decode()
    record = archive.history.latest("history_id")
    assert record.wikidata_qid == "Q5000"
    assert record.history_user == alice
    assert "Q5000" in record.history_change_reason
    facts = PartnerFacts.objects.get(partner=archive)
    assert facts.labels == {"en": "Nordic Archive"}
    assert facts.facts["country"]["value"] == {"qid": "Q34", "label": "Sweden"}
    assert EnrichmentRun.objects.get().status == "done"


def test_a_malformed_id_is_a_form_error_under_the_field_and_nothing_is_asked(
    client, alice, archive, archive_item
):
    response = login(client, alice).post(link_url(archive), {"qid": "Q12x"})
    assert response.status_code == 200
    form = response.context["link_form"]
    assert "Q12x" in " ".join(form.errors["qid"])
    assert "is not a Wikidata item" in response.content.decode()
    archive.refresh_from_db()
    assert archive.wikidata_qid == ""
    assert archive_item.served("/wikidata/", action="wbgetentities") == []


def test_a_missing_item_is_refused_clearly_and_nothing_changes(
    client, alice, archive, archive_item
):
    archive_item.delete("Q5000")
    versions = archive.history.count()
    response = login(client, alice).post(link_url(archive), {"qid": "Q5000"})
    assert "Wikidata has no item Q5000" in " ".join(response.context["link_form"].errors["qid"])
    archive.refresh_from_db()
    assert archive.wikidata_qid == ""
    assert archive.history.count() == versions
    assert not EnrichmentRun.objects.exists()


def test_a_merged_item_is_linked_under_its_target_and_the_page_says_so(
    client, alice, archive, archive_item
):
    archive_item.redirect("Q4999", "Q5000")
    response = login(client, alice).post(link_url(archive), {"qid": "q4999"}, follow=True)
    archive.refresh_from_db()
    assert archive.wikidata_qid == "Q5000"
    page = response.content.decode()
    assert "Q4999 was merged into Q5000" in page
    assert "Q4999" in archive.history.latest("history_id").history_change_reason


def test_an_item_another_partner_is_linked_to_is_refused_naming_it(
    client, alice, archive, museum, nordic_items
):
    response = login(client, alice).post(link_url(archive), {"qid": "Q1439564"})
    errors = " ".join(response.context["link_form"].errors["qid"])
    assert "Nordic Museum" in errors and "Q1439564" in errors
    archive.refresh_from_db()
    assert archive.wikidata_qid == ""
    assert nordic_items.served("/wikidata/", action="wbgetentities") == []


def test_wikimedia_trouble_is_shown_and_the_partner_is_unchanged(
    client, alice, archive, archive_item
):
    archive_item.fail_next("garbled")
    response = login(client, alice).post(link_url(archive), {"qid": "Q5000"})
    assert response.status_code == 200
    assert response.context["link_form"].non_field_errors()
    archive.refresh_from_db()
    assert archive.wikidata_qid == ""


def test_unlinking_removes_the_link_and_the_facts_and_keeps_history(
    client, alice, museum, nordic_items
):
    login(client, alice)
    client.post(reverse("research:refresh", kwargs={"workspace_slug": "north", "pk": museum.pk}))
    assert PartnerFacts.objects.filter(partner=museum).exists()
    assert StudyAnswer.objects.filter(partner=museum, prefilled_at__isnull=False).count() == 2
    StudyAnswer.objects.create(partner=museum, question="leadership", text="Written by a person")
    client.post(reverse("research:unlink", kwargs={"workspace_slug": "north", "pk": museum.pk}))
    museum.refresh_from_db()
    assert museum.wikidata_qid == ""
    assert not PartnerFacts.objects.filter(partner=museum).exists()
    # Suggestions from the item go too; what people wrote stays.
    assert list(StudyAnswer.objects.filter(partner=museum).values_list("question", flat=True)) == [
        "leadership"
    ]
    assert not DossierSource.objects.filter(partner=museum).exists()
    assert (
        "Unlinked from Wikidata item Q1439564"
        in museum.history.latest("history_id").history_change_reason
    )


def test_a_viewer_cannot_link_and_another_workspace_gets_404(
    client, victor, bob, south, archive, archive_item
):
    login(client, victor)
    assert client.post(link_url(archive), {"qid": "Q5000"}).status_code == 403
    login(client, bob)
    assert client.get(link_url(archive)).status_code == 404
    assert client.post(link_url(archive), {"qid": "Q5000"}).status_code == 404
    assert Partner.objects.get(pk=archive.pk).wikidata_qid == ""
