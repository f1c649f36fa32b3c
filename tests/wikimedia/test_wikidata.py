"""Wikidata items: recorded answers, redirects, missing ids, batching and search."""

import time

import httpx
import pytest

from partnerkit.wikimedia import wikidata
from partnerkit.wikimedia.errors import NoSuchEntity, RateLimited
from partnerkit.wikimedia.http import Client
from partnerkit.wikimedia.wikidata import MAIN_WIKIPEDIAS, Item, parse_item, wikipedia_language

from .conftest import fixture_bytes, fixture_json

REDIRECT = "wikidata_wbgetentities_Q32063953_redirect_to_Q1040.json"
BATCH_2015 = "wikidata_wbgetentities_batch_Q6_Q42_P31_with_missing.json"


def recorded(name):
    body = fixture_bytes(name)
    return lambda request: httpx.Response(200, content=body)


# -- Recorded answers ----------------------------------------------------------------------


def test_a_redirected_item_is_keyed_by_the_id_asked_for(serve):
    client, served = serve(recorded(REDIRECT))
    items = wikidata.get_items(["Q32063953"], languages=["en", "de"], client=client)
    item = items["Q32063953"]
    assert item.requested == "Q32063953"
    assert item.qid == "Q1040"
    assert item.redirected
    assert not item.missing
    assert item.labels == {"en": "Karlsruhe", "de": "Karlsruhe"}
    assert item.descriptions["de"] == "Großstadt in Baden-Württemberg"
    assert item.country == "Q183"
    assert item.place == "Q8165"
    assert item.website == "https://www.karlsruhe.de/"
    assert item.commons_category == "Karlsruhe"
    assert item.coordinates == pytest.approx((49.0139, 8.4042), abs=1e-3)
    assert "Q515" in item.instance_of
    params = served.params()
    assert params["ids"] == "Q32063953"
    assert params["props"] == "labels|descriptions|claims|sitelinks"
    assert params["languages"] == "en|de"
    assert params["maxlag"] == "5"


def test_sitelinks_map_to_wikipedias_only(serve):
    client, _ = serve(recorded(REDIRECT))
    item = wikidata.get_items(["Q32063953"], languages=["en"], client=client)["Q32063953"]
    assert len(item.sitelinks) == 106
    assert item.sitelinks["commonswiki"] == "Karlsruhe"
    assert item.sitelinks["dewikivoyage"] == "Karlsruhe"
    wikipedias = item.wikipedias
    assert wikipedias["be-tarask"] == "Карльсруэ"
    assert wikipedias["zh-min-nan"] == "Karlsruhe"
    assert wikipedias["de"] == "Karlsruhe"
    assert wikipedias["nl"] == "Karlsruhe (stad)"
    for not_wikipedia in ("commons", "dewikivoyage", "de-wikivoyage", "be_x_old", "be-x-old"):
        assert not_wikipedia not in wikipedias
    assert all("wiki" not in language for language in wikipedias)
    # dewikinews, dewikiquote, dewikisource and eight wikivoyages are not Wikipedias.
    assert len(wikipedias) == 106 - 1 - 3 - 1 - 8


def test_the_2015_format_with_a_missing_item_and_a_property(serve):
    client, _ = serve(recorded(BATCH_2015))
    items = wikidata.get_items(["Q6", "Q42", "P31"], languages=["en"], client=client)
    assert list(items) == ["Q6", "Q42", "P31"]
    assert items["Q6"] == Item(requested="Q6", qid="Q6", missing=True)
    adams = items["Q42"]
    assert adams.labels == {"en": "Douglas Adams"}
    # Entity values there carry only "numeric-id".
    assert adams.instance_of == ["Q5"]
    assert adams.image == "Douglas adams portrait cropped.jpg"
    assert adams.sitelinks["enwiki"] == "Douglas Adams"
    assert items["P31"].labels == {"en": "instance of"}


def test_a_title_without_an_item_is_keyed_minus_one(serve):
    client, served = serve(recorded("wikidata_wbgetentities_sites_titles_missing.json"))
    found = wikidata.items_for_titles("dewiki", ["1234567890"], languages=["de"], client=client)
    assert found == {"1234567890": None}
    assert served.params()["sites"] == "dewiki"
    assert served.params()["titles"] == "1234567890"


def test_a_malformed_id_is_refused_before_any_request(serve):
    client, served = serve(recorded(BATCH_2015))
    with pytest.raises(NoSuchEntity) as raised:
        wikidata.get_items(["Q42", "User talk:Mhollo"], languages=["en"], client=client)
    assert "'User talk:Mhollo' is not a Wikidata id" in str(raised.value)
    assert raised.value.qid == "User talk:Mhollo"
    assert served.requests == []


def test_ids_are_normalised_and_asked_once(fakewiki):
    fakewiki.add_item("Q42", labels={"en": "Douglas Adams"})
    client = Client()
    items = wikidata.get_items([" q42", "Q42"], languages=["en"], client=client)
    assert list(items) == ["Q42"]
    assert fakewiki.served(action="wbgetentities")[0][3]["ids"] == "Q42"


# -- Through the fake server ---------------------------------------------------------------


def test_recorded_entities_through_the_fake_server(fakewiki):
    fakewiki.add_real_entities(REDIRECT)
    fakewiki.add_real_entities(BATCH_2015)
    items = wikidata.get_items(
        ["Q32063953", "Q1040", "Q6", "Q42"], languages=["en"], client=Client()
    )
    assert items["Q32063953"].qid == "Q1040" and items["Q32063953"].redirected
    assert items["Q1040"].qid == "Q1040" and not items["Q1040"].redirected
    assert items["Q6"].missing
    assert items["Q42"].instance_of == ["Q5"]


def test_120_ids_take_three_requests_and_report_each_batch(fakewiki):
    for number in range(1, 121):
        fakewiki.add_item(f"Q{number}", labels={"en": f"Item {number}"})
    seen = []
    items = wikidata.get_items(
        [f"Q{number}" for number in range(1, 121)],
        languages=["en"],
        client=Client(),
        on_batch=lambda batch: seen.append(sorted(batch, key=lambda q: int(q[1:]))),
    )
    assert len(items) == 120
    requests = fakewiki.served("/wikidata/", action="wbgetentities")
    assert [len(params["ids"].split("|")) for *_, params in requests] == [50, 50, 20]
    assert [len(batch) for batch in seen] == [50, 50, 20]
    assert seen[2][-1] == "Q120"


def test_deleted_and_redirected_items_in_the_fake(fakewiki):
    fakewiki.add_item("Q10", labels={"en": "Old museum"})
    fakewiki.add_item("Q11", labels={"en": "Merged museum"}, country="Q34")
    fakewiki.redirect("Q10", "Q11")
    fakewiki.add_item("Q12", labels={"en": "Gone"})
    fakewiki.delete("Q12")
    items = wikidata.get_items(["Q10", "Q12"], languages=["en"], client=Client())
    assert (items["Q10"].qid, items["Q10"].labels, items["Q10"].country) == (
        "Q11",
        {"en": "Merged museum"},
        "Q34",
    )
    assert items["Q12"].missing


def test_maxlag_from_the_fake_server_is_honoured(fakewiki, clock):
    fakewiki.add_item("Q1", labels={"en": "Universe"})
    fakewiki.fail_next("maxlag", retry_after=4)
    client = Client(sleep=clock.sleep, clock=clock)
    assert wikidata.get_items(["Q1"], languages=["en"], client=client)["Q1"].labels == {
        "en": "Universe"
    }
    assert clock.sleeps == [4.0]
    assert len(fakewiki.served(action="wbgetentities")) == 2


def test_a_429_storm_from_the_fake_server_ends_in_rate_limited(fakewiki, clock):
    fakewiki.fail_next(429, retry_after=2, times=50)
    client = Client(sleep=clock.sleep, clock=clock, max_attempts=4)
    with pytest.raises(RateLimited, match="tried 4 times"):
        wikidata.get_items(["Q1"], languages=["en"], client=client)
    assert clock.sleeps == [2.0, 2.0, 2.0]


def test_two_thousand_items_in_forty_batches_are_quick(fakewiki):
    for number in range(1, 2001):
        fakewiki.add_item(f"Q{number}", labels={"en": f"Item {number}"}, instance_of=["Q33506"],
                          country="Q34", website=f"https://museum{number}.example/")  # fmt: skip
    started = time.monotonic()
    items = wikidata.get_items([f"Q{n}" for n in range(1, 2001)], languages=["en"], client=Client())
    elapsed = time.monotonic() - started
    assert len(items) == 2000 and items["Q2000"].website == "https://museum2000.example/"
    assert len(fakewiki.served(action="wbgetentities")) == 40
    assert elapsed < 5


# -- Parsing details -----------------------------------------------------------------------


def test_facts_follow_ranks_precision_and_points_in_time(fakewiki):
    from tests.fakewiki import statement, time_value

    fakewiki.add_item(
        "Q100",
        labels={"en": "Nordic Museum", "sv": "Nordiska museet", "fr": "Musée nordique"},
        descriptions={"en": "museum in Stockholm"},
        instance_of=["Q33506"],
        headquarters="Q1754",
        inception="1873-05",
        employees=[(140, "2019"), (170, "2023-01-01"), (150, "2021")],
        parent="Q10000",
        commons_category="Category:Nordiska museet",
        social={"x": "nordiskamuseet", "instagram": "nordiskamuseet"},
        claims={
            "P856": [
                statement(
                    "Q100", "P856", "https://old.example/", datatype="url", rank="deprecated"
                ),
                statement("Q100", "P856", "https://normal.example/", datatype="url"),
                statement(
                    "Q100",
                    "P856",
                    "https://www.nordiskamuseet.se/",
                    datatype="url",
                    rank="preferred",
                ),
            ],
            "P571": [],
        },
        sitelinks={"svwiki": "Nordiska museet", "commonswiki": "Category:Nordiska museet"},
    )
    item = wikidata.get_items(["Q100"], languages=["en", "sv"], client=Client())["Q100"]
    assert item.labels == {"en": "Nordic Museum", "sv": "Nordiska museet"}
    assert item.website == "https://www.nordiskamuseet.se/"
    assert item.place == "Q1754"  # no P131: the headquarters location
    assert item.inception == "1873-05"
    assert item.employees == 170
    assert item.parent == "Q10000"
    assert item.commons_category == "Nordiska museet"
    assert item.social == {"x": "nordiskamuseet", "instagram": "nordiskamuseet"}
    assert item.wikipedias == {"sv": "Nordiska museet"}
    assert time_value("1866")["precision"] == 9


@pytest.mark.parametrize(
    ("time", "precision", "expected"),
    [
        ("+1866-00-00T00:00:00Z", 9, "1866"),
        ("+1866-05-00T00:00:00Z", 10, "1866-05"),
        ("+1866-05-01T00:00:00Z", 11, "1866-05-01"),
        ("+1866-05-01T00:00:00Z", 9, "1866"),
        ("+00000001952-03-11T00:00:00Z", 11, "1952-03-11"),
        ("+1800-00-00T00:00:00Z", 7, "1800"),
    ],
)
def test_inception_is_as_precise_as_wikidata_says(time, precision, expected):
    entity = {
        "id": "Q1",
        "claims": {"P571": [{"mainsnak": {"snaktype": "value", "property": "P571", "datavalue": {
            "value": {"time": time, "precision": precision}, "type": "time"}}, "rank": "normal"}]},
    }  # fmt: skip
    assert parse_item("Q1", entity, languages=[]).inception == expected


def test_unknown_values_are_skipped():
    entity = {"id": "Q1", "claims": {"P17": [
        {"mainsnak": {"snaktype": "somevalue", "property": "P17"}, "rank": "preferred"},
        {"mainsnak": {"snaktype": "value", "property": "P17", "datavalue": {
            "value": {"entity-type": "item", "numeric-id": 34}, "type": "wikibase-entityid"}}, "rank": "normal"},
    ]}}  # fmt: skip
    assert parse_item("Q1", entity, languages=[]).country == "Q34"


def test_wikipedia_languages_from_site_ids():
    assert wikipedia_language("enwiki") == "en"
    assert wikipedia_language("be_x_oldwiki") == "be-tarask"
    assert wikipedia_language("zh_yuewiki") == "zh-yue"
    for site in ("commonswiki", "wikidatawiki", "specieswiki", "metawiki", "mediawikiwiki",
                 "sourceswiki", "dewikivoyage", "enwikisource", "frwikiquote", "dewikibooks",
                 "enwikinews", "frwiktionary", "dewikiversity"):  # fmt: skip
        assert wikipedia_language(site) is None, site
    assert len(MAIN_WIKIPEDIAS) == 20 and MAIN_WIKIPEDIAS[0] == "en" and "sv" in MAIN_WIKIPEDIAS


# -- Labels and search ---------------------------------------------------------------------


def test_labels_in_the_first_language_that_has_one(fakewiki):
    fakewiki.add_item("Q34", labels={"en": "Sweden", "sv": "Sverige"})
    fakewiki.add_item("Q20", labels={"en": "Norway"})
    fakewiki.add_item("Q99", labels={"mul": "ABBA"})
    fakewiki.delete("Q98")
    labels = wikidata.get_labels(
        ["Q34", "Q20", "Q99", "Q98"], languages=["sv", "de"], client=Client()
    )
    assert labels == {"Q34": "Sverige", "Q20": "Norway", "Q99": "ABBA"}
    assert fakewiki.served(action="wbgetentities")[0][3]["languages"] == "sv|de|mul|en"


def test_search_gives_country_and_website_in_three_requests(fakewiki):
    fakewiki.add_item("Q1", labels={"sv": "Nordiska museet", "en": "Nordic Museum"},
                      descriptions={"sv": "museum i Stockholm"}, country="Q34",
                      website="https://www.nordiskamuseet.se/")  # fmt: skip
    fakewiki.add_item("Q2", labels={"en": "Nordic Museum (Seattle)"}, country="Q30")
    fakewiki.add_item("Q3", labels={"en": "Nordic Heritage"})
    fakewiki.add_item("Q34", labels={"sv": "Sverige", "en": "Sweden"})
    fakewiki.add_item("Q30", labels={"en": "United States"})
    fakewiki.search_results["nordic museum"] = ["Q1", "Q2", "Q3"]
    hits = wikidata.search("Nordic Museum", languages=["sv", "en"], client=Client())
    assert [hit.qid for hit in hits] == ["Q1", "Q2", "Q3"]
    assert hits[0] == wikidata.SearchHit(qid="Q1", label="Nordiska museet", description="museum i Stockholm",
                                         country="Sverige", website="https://www.nordiskamuseet.se/")  # fmt: skip
    assert hits[1].country == "United States"  # no Swedish label: English
    assert hits[2].country == "" and hits[2].website == ""
    assert len(fakewiki.requests) == 3
    search_params = fakewiki.served(action="wbsearchentities")[0][3]
    assert (search_params["search"], search_params["language"], search_params["type"]) == (
        "Nordic Museum",
        "sv",
        "item",
    )


def test_search_with_no_hits_is_one_request(fakewiki):
    assert wikidata.search("Nothing like this", languages=["en"], client=Client()) == []
    assert len(fakewiki.requests) == 1
    assert wikidata.search("  ", languages=["en"], client=Client()) == []
    assert len(fakewiki.requests) == 1


def test_search_results_have_the_real_shape(fakewiki):
    fakewiki.add_item("Q5", labels={"en": "human"}, descriptions={"en": "species"})
    answer = Client().action(
        "wikidata", {"action": "wbsearchentities", "search": "human", "language": "en"}
    )
    hit = answer["search"][0]
    assert answer["searchinfo"] == {"search": "human"} and answer["success"] == 1
    assert hit["display"]["label"] == {"value": "human", "language": "en"}
    assert hit["concepturi"] == "http://www.wikidata.org/entity/Q5"
    assert {"id", "title", "pageid", "label", "description", "url", "match"} <= set(hit)


def test_recorded_entity_json_round_trips_through_the_fake(fakewiki):
    fakewiki.add_real_entities(BATCH_2015)
    served = Client().action("wikidata", {"action": "wbgetentities", "ids": "Q42|Q6"})
    recorded_q42 = fixture_json(BATCH_2015)["entities"]["Q42"]
    assert served["entities"]["Q42"]["claims"] == recorded_q42["claims"]
    assert served["entities"]["Q6"] == {"id": "Q6", "missing": ""}


def test_the_fake_refuses_more_than_fifty_ids(fakewiki):
    from partnerkit.wikimedia.errors import ApiError

    with pytest.raises(ApiError, match="toomanyvalues"):
        Client().action(
            "wikidata", {"action": "wbgetentities", "ids": [f"Q{n}" for n in range(1, 52)]}
        )


def test_items_for_wikipedia_titles(fakewiki):
    fakewiki.add_item("Q1040", labels={"de": "Karlsruhe"}, sitelinks={"dewiki": "Karlsruhe"})
    found = wikidata.items_for_titles(
        "dewiki", ["Karlsruhe", "1234567890"], languages=["de"], client=Client()
    )
    assert found["1234567890"] is None
    assert found["Karlsruhe"].qid == "Q1040"
    assert found["Karlsruhe"].labels == {"de": "Karlsruhe"}


def test_no_ids_means_no_request(serve):
    client, served = serve(recorded(BATCH_2015))
    assert wikidata.get_items([], languages=["en"], client=client) == {}
    assert wikidata.get_labels([], languages=["en"], client=client) == {}
    assert served.requests == []


def test_an_entity_under_its_target_id_is_still_found(serve):
    """Defensive: should the API key a redirect by its target, the id asked for still works."""
    entity = {"id": "Q2", "redirects": {"from": "Q1", "to": "Q2"}, "labels": {}}
    client, _ = serve(lambda r: httpx.Response(200, json={"entities": {"Q2": entity}}))
    item = wikidata.get_items(["Q1"], languages=["en"], client=client)["Q1"]
    assert (item.requested, item.qid, item.redirected) == ("Q1", "Q2", True)


def test_an_id_left_out_of_the_answer_is_a_bad_response(serve):
    from partnerkit.wikimedia.errors import BadResponse

    client, _ = serve(lambda r: httpx.Response(200, json={"entities": {}}))
    with pytest.raises(BadResponse, match="left out Q1"):
        wikidata.get_items(["Q1"], languages=["en"], client=client)
