"""In Chromium, against the local fake Wikimedia server: search a partner's Wikidata item,
link it, find the study dossier pre-filled with sources, then discover museums in a region
and add two of them to the pipeline."""

import re

import pytest
from playwright.sync_api import expect

from partnerkit.partners import services as partner_services
from partnerkit.partners.models import Partner
from partnerkit.partnerships.models import Partnership
from tests.discovery.conftest import STOCKHOLM_MUSEUMS

pytestmark = pytest.mark.e2e


@pytest.fixture
def moderna(north, alice):
    """A partner registered by name only, not yet linked to Wikidata."""
    return partner_services.partner_create(
        workspace=north, by=alice, name="Moderna Museet", kind="museum", country="SE"
    )


@pytest.fixture
def wikimedia(fakewiki):
    fakewiki.add_item("Q34", labels={"en": "Sweden"})
    fakewiki.add_item("Q1754", labels={"en": "Stockholm"})
    fakewiki.add_item("Q33506", labels={"en": "museum"})
    fakewiki.add_item(
        "Q1780",
        labels={"en": "Moderna Museet", "sv": "Moderna museet"},
        descriptions={"en": "museum of modern and contemporary art in Stockholm"},
        instance_of=["Q33506"],
        country="Q34",
        place="Q1754",
        website="https://www.modernamuseet.se/",
        inception="1958",
        employees=260,
        commons_category="Moderna Museet",
        sitelinks={
            "enwiki": "Moderna Museet",
            "svwiki": "Moderna museet",
            "dewiki": "Moderna Museet",
            "commonswiki": "Category:Moderna Museet",
        },
    )
    # Another museum by a similar name, so that the search offers a real choice.
    fakewiki.add_item(
        "Q5437130",
        labels={"en": "Moderna Museet Malmö"},
        descriptions={"en": "art museum in Malmö"},
        country="Q34",
    )
    fakewiki.search_results["moderna museet"] = ["Q1780", "Q5437130"]
    fakewiki.categories["Moderna Museet"] = (1234, 12, 0)
    fakewiki.sparql_rows = list(STOCKHOLM_MUSEUMS)
    return fakewiki


def test_research_a_partner_then_discover_and_add_two(new_page, alice, museum, moderna, wikimedia):
    page = new_page(user=alice)

    # From the partner's page to the search, which shows enough to tell the items apart.
    page.goto(moderna.get_absolute_url())
    page.get_by_role("link", name="Research and study dossier").click()
    page.get_by_role("link", name="Link to Wikidata").click()
    page.get_by_label("Name to search for").fill("Moderna Museet")
    page.get_by_role("button", name="Search Wikidata").click()
    candidate = page.get_by_role("row").filter(has_text="Q1780")
    expect(candidate).to_contain_text("museum of modern and contemporary art in Stockholm")
    expect(candidate).to_contain_text("Sweden")
    expect(candidate).to_contain_text("https://www.modernamuseet.se/")
    expect(page.get_by_role("row").filter(has_text="Q5437130")).to_contain_text("Malmö")
    candidate.get_by_role("button", name="Link Q1780").click()

    # The research page: facts with their source, the content gap, the pre-filled dossier.
    expect(page.get_by_role("heading", level=1)).to_have_text("Research: Moderna Museet")
    expect(
        page.get_by_text("Moderna Museet is linked to Q1780. Its facts have been fetched.")
    ).to_be_visible()
    facts = page.locator("#wikidata")
    expect(facts.get_by_role("link", name="https://www.modernamuseet.se/")).to_be_visible()
    expect(
        facts.get_by_text(re.compile(r"Source: Wikidata Q1780, property P856, retrieved"))
    ).to_be_visible()
    gap = page.locator("#content-gap")
    expect(gap).to_contain_text("Articles in 3 Wikipedias")
    expect(gap).to_contain_text("Its Commons category holds 1,234 files.")
    expect(gap).to_contain_text(
        "none in French, Spanish, Japanese, Russian, Italian, Chinese and 11 more."
    )
    dossier = page.locator("#dossier")
    expect(dossier.get_by_text(re.compile(r"from Wikidata, ")).first).to_be_visible()
    expect(dossier).to_contain_text("260")
    sources = page.locator("#sources")
    website = sources.get_by_role("listitem").filter(has_text="from Wikidata")
    expect(website.get_by_role("link", name="Official website")).to_have_attribute(
        "href", "https://www.modernamuseet.se/"
    )
    moderna.refresh_from_db()
    assert moderna.wikidata_qid == "Q1780"

    # Discovery: museums in Stockholm; the two partners already registered are marked.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Discover").click()
    page.get_by_label("Kind").select_option(label="Museums")
    page.get_by_label("Area").fill("https://www.wikidata.org/wiki/Q1754")
    page.get_by_role("button", name="Discover", exact=True).click()
    expect(page.get_by_role("heading", name="Museums in Stockholm (Q1754)")).to_be_visible()
    for qid in ("Q1439564", "Q1780"):
        expect(
            page.get_by_role("row").filter(has_text=qid).get_by_text("same item")
        ).to_be_visible()

    page.get_by_label("Add Vasamuseet").check()
    page.get_by_label("Add Skansen").check()
    page.get_by_role("button", name="Add the ticked results as partners").click()
    expect(page.get_by_text("Added 2 partners")).to_be_visible()

    added = Partner.objects.filter(
        workspace=moderna.workspace, wikidata_qid__in=["Q1145", "Q9999002"]
    )
    assert sorted(added.values_list("name", flat=True)) == ["Skansen", "Vasamuseet"]
    ideas = Partnership.objects.filter(partner__in=added, stage="idea")
    assert ideas.count() == 2

    # They are in the pipeline's first column.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Partnerships").click()
    idea_column = page.locator("section.board-column[data-stage='idea']")
    expect(idea_column.get_by_role("link", name="Partnership with Vasamuseet")).to_be_visible()
    expect(idea_column.get_by_role("link", name="Partnership with Skansen")).to_be_visible()
