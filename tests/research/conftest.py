"""Wikidata items of the fake server for research tests: the Nordic Museum (Q1439564, the
``museum`` partner's item), its country and city, and a few other organisations."""

import pytest

from partnerkit.partners import services as partner_services


@pytest.fixture
def nordic_items(fakewiki):
    fakewiki.add_item("Q34", labels={"en": "Sweden", "sv": "Sverige"})
    fakewiki.add_item("Q1754", labels={"en": "Stockholm", "sv": "Stockholm"})
    fakewiki.add_item("Q33506", labels={"en": "museum", "sv": "museum"})
    fakewiki.add_item("Q7702", labels={"en": "Swedish Ministry of Culture"})
    fakewiki.add_item(
        "Q1439564",
        labels={"en": "Nordic Museum", "sv": "Nordiska museet", "de": "Nordisches Museum"},
        descriptions={"en": "museum of cultural history in Stockholm, Sweden"},
        instance_of=["Q33506"],
        country="Q34",
        place="Q1754",
        coordinates=(59.3292, 18.0936),
        website="https://www.nordiskamuseet.se/",
        inception="1873",
        employees=[(250, "2019"), (280, "2023")],
        parent="Q7702",
        commons_category="Nordiska museet",
        image="Nordiska museet 2009.jpg",
        social={"instagram": "nordiskamuseet", "facebook": "nordiskamuseet"},
        sitelinks={
            "enwiki": "Nordic Museum",
            "svwiki": "Nordiska museet",
            "dewiki": "Nordisches Museum",
            "commonswiki": "Category:Nordiska museet",
            "dewikivoyage": "Nordiska museet",
        },
    )
    fakewiki.categories["Nordiska museet"] = (1234, 12, 3)
    fakewiki.search_results["nordic museum"] = ["Q1439564"]
    return fakewiki


@pytest.fixture
def workspace_languages(north):
    north.content_languages = "en, sv"
    north.save()
    return north


@pytest.fixture
def stockholm(museum, alice):
    """The city as a second partner of the museum's workspace, linked to Q1754."""
    return partner_services.partner_create(
        workspace=museum.workspace,
        by=alice,
        name="Stockholm",
        kind="local_government",
        wikidata_qid="Q1754",
    )
