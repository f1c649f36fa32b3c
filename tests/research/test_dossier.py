"""The study dossier: sources, answers pre-filled from Wikidata and marked until a person
edits them, completeness, and the partnerships' sketch and estimates on the same page."""

from django.urls import reverse

from partnerkit.partnerships.services import partnership_create
from partnerkit.research import selectors, services
from partnerkit.research.models import DossierSource, StudyAnswer
from tests.conftest import login


def page_url(partner, name="research:partner", **extra):
    return reverse(name, kwargs={"workspace_slug": "north", "pk": partner.pk, **extra})


def enrich(partner, by):
    services.enrichment_start(workspace=partner.workspace, by=by, partners=[partner])


def test_size_popularity_and_the_website_are_prefilled_and_marked(
    client, alice, museum, nordic_items
):
    enrich(museum, alice)
    answers = {a.question: a for a in StudyAnswer.objects.filter(partner=museum)}
    assert answers["size"].text == "About 280 employees."
    assert answers["popularity"].text.startswith("Articles in 3 Wikipedias; 5 links")
    assert all(a.is_prefilled for a in answers.values())
    assert "leadership" not in answers  # left to people
    website = DossierSource.objects.get(partner=museum)
    assert (website.kind, website.url, website.from_wikidata) == (
        "website",
        "https://www.nordiskamuseet.se/",
        True,
    )
    page = login(client, alice).get(page_url(museum)).content.decode()
    assert page.count("from Wikidata, ") == 2


def test_a_persons_edit_removes_the_mark_and_a_refresh_leaves_it_alone(
    client, alice, museum, nordic_items
):
    enrich(museum, alice)
    login(client, alice)
    response = client.post(
        page_url(museum, "research:answers"),
        {
            "size": "About 300 people, 40 of them curators.",
            "popularity": StudyAnswer.objects.get(partner=museum, question="popularity").text,
            "care_about": "Swedish everyday life and its history.",
        },
    )
    assert response.status_code == 302
    size = StudyAnswer.objects.get(partner=museum, question="size")
    assert not size.is_prefilled and size.updated_by == alice
    assert StudyAnswer.objects.get(partner=museum, question="popularity").is_prefilled
    enrich(museum, alice)
    size.refresh_from_db()
    assert size.text == "About 300 people, 40 of them curators."
    assert not size.is_prefilled


def test_completeness_counts_answers_and_source_kinds_and_lists_what_is_missing(alice, museum):
    dossier = selectors.dossier_get(museum)
    assert dossier.completeness.percent == 0
    assert len(dossier.completeness.missing) == 12
    services.answers_update(
        partner=museum,
        by=alice,
        answers={"care_about": "Heritage", "proud_of": "Skansen", "size": "Large"},
    )
    services.source_create(
        partner=museum,
        by=alice,
        kind="annual_report",
        url="https://example.org/report.pdf",
        title="Annual report 2025",
    )
    dossier = selectors.dossier_get(museum)
    assert dossier.completeness.percent == round(100 * 4 / 12)
    missing = " | ".join(dossier.completeness.missing)
    assert "Who leads them?" in missing and "a source: mission statement" in missing
    assert "annual report" not in missing and "What are they proud of?" not in missing


def test_sources_are_added_edited_and_removed_from_the_pages(client, alice, museum):
    login(client, alice)
    response = client.post(
        page_url(museum, "research:source_create"),
        {
            "kind": "speech",
            "title": "Director's talk",
            "url": "example.org/talk",
            "date": "2026-03-01",
            "notes": "Said they want more visitors online.",
        },
    )
    assert response.status_code == 302
    source = DossierSource.objects.get(partner=museum)
    assert source.url == "https://example.org/talk" and str(source.date) == "2026-03-01"
    response = client.post(
        page_url(museum, "research:source_edit", source_pk=source.pk),
        {"kind": "nonsense", "title": "x"},
    )
    assert "kind" in response.context["form"].errors
    client.post(
        page_url(museum, "research:source_edit", source_pk=source.pk),
        {"kind": "speech", "title": "Director's talk, March", "url": ""},
    )
    source.refresh_from_db()
    assert source.title == "Director's talk, March" and source.url == ""
    client.post(page_url(museum, "research:source_delete", source_pk=source.pk))
    assert not DossierSource.objects.exists()


def test_the_page_shows_the_partnerships_sketch_and_estimates_with_reasons(client, alice, museum):
    partnership = partnership_create(
        workspace=museum.workspace,
        partner=museum,
        by=alice,
        title="Photo drive",
        sketch="Volunteers photograph the storerooms.",
        impact=4,
        impact_reason="Thousands of unseen objects.",
    )
    page = login(client, alice).get(page_url(museum)).content.decode()
    assert "Volunteers photograph the storerooms." in page
    assert "Thousands of unseen objects." in page
    assert (
        reverse("partnerships:edit", kwargs={"workspace_slug": "north", "pk": partnership.pk})
        in page
    )


def test_a_viewer_reads_the_dossier_but_cannot_change_it(client, victor, museum):
    login(client, victor)
    assert client.get(page_url(museum)).status_code == 200
    assert client.post(page_url(museum, "research:answers"), {"size": "x"}).status_code == 403
    assert (
        client.post(page_url(museum, "research:source_create"), {"kind": "other"}).status_code
        == 403
    )
    assert not StudyAnswer.objects.exists() and not DossierSource.objects.exists()


def test_another_workspace_gets_404_for_the_research_pages(client, bob, south, museum):
    login(client, bob)
    for url in (page_url(museum), page_url(museum, "research:answers")):
        assert client.get(url).status_code == 404
    url = reverse("research:partner", kwargs={"workspace_slug": "south", "pk": museum.pk})
    assert client.get(url).status_code == 404


def test_leaders_are_named_once_their_labels_are_known(client, alice, north, fakewiki):
    from partnerkit.partners import services as partner_services

    fakewiki.add_item("Q90001", labels={"en": "Ann Director"})
    fakewiki.add_item("Q90002", labels={"en": "Bo Chair"})
    fakewiki.add_item(
        "Q90000", labels={"en": "Small Archive"}, director="Q90001", chairperson="Q90002"
    )
    archive = partner_services.partner_create(
        workspace=north, by=alice, name="Small Archive", kind="archive", wikidata_qid="Q90000"
    )
    enrich(archive, alice)
    answer = StudyAnswer.objects.get(partner=archive, question="leadership")
    assert answer.text == "Director or manager: Ann Director; Chairperson: Bo Chair."
    assert answer.is_prefilled
    page = login(client, alice).get(page_url(archive)).content.decode()
    assert "Source: Wikidata Q90000, property P1037" in page
    assert 'href="https://www.wikidata.org/wiki/Q90002"' in page
