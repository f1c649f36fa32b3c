"""Discovery through the API: running by kind and area or by hand-written SPARQL, and adding."""


from partnerkit.discovery.models import DiscoveryQuery
from partnerkit.partners.models import Partner
from partnerkit.partnerships.models import Partnership
from tests.discovery.conftest import sparql_requests

PATH = "/workspaces/north/discovery"






def test_a_viewer_runs_a_discovery_with_existing_partners_marked(victor_api, museum, wdqs):
    response = victor_api.get(PATH, kind="museum", area="Q1754")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["kind"] == "museum" and body["area"] == "Q1754" and body["row_count"] == 5
    assert body["partner_kind"] == "museum" and not body["from_cache"]
    assert "wd:Q33506" in body["sparql"]
    rows = {row["qid"]: row for row in body["rows"]}
    assert rows["Q1439564"]["existing"] == {
        "partner_id": museum.pk,
        "name": "Nordic Museum",
        "score": 100,
        "same_item": True,
    }
    assert rows["Q9999001"]["existing"]["same_item"] is False
    assert rows["Q1145"]["existing"] is None and rows["Q1145"]["sitelinks"] == 61
    assert rows["Q9999002"]["sitelinks"] is None
    again = victor_api.get(PATH, kind="museum", area="Q1754").json()
    assert again["from_cache"] and again["id"] == body["id"]
    assert len(sparql_requests(wdqs)) == 1


def test_bad_kind_and_area_are_400_naming_the_field(alice_api, north, wdqs):
    response = alice_api.get(PATH, kind="zoo", area="SE")
    assert response.status_code == 400 and list(response.json()["errors"]) == ["kind"]
    response = alice_api.get(PATH, kind="museum", area='SE" }')
    assert response.status_code == 400 and list(response.json()["errors"]) == ["area"]
    assert sparql_requests(wdqs) == []


def test_a_syntax_error_is_400_under_sparql_and_a_timeout_504(carol_api, north, wdqs):
    wdqs.fail_next(400, api="sparql")
    response = carol_api.post(PATH + "/sparql", {"sparql": "SELECT ?item ?oops WHERE {"})
    assert response.status_code == 400
    assert "line 1, column 10" in response.json()["errors"]["sparql"][0]
    wdqs.fail_next("timeout", api="sparql")
    response = carol_api.get(PATH, kind="museum", area="SE")
    assert response.status_code == 504 and "60 seconds" in response.json()["detail"]
    assert not DiscoveryQuery.objects.exists()


def test_a_member_runs_a_hand_written_query_a_viewer_may_not(carol_api, victor_api, north, wdqs):
    query = {"sparql": "SELECT ?item ?itemLabel WHERE { ?item wdt:P31 wd:Q33506 }"}
    assert victor_api.post(PATH + "/sparql", query).status_code == 403
    response = carol_api.post(PATH + "/sparql", query)
    assert response.status_code == 200, response.content
    assert response.json()["handwritten"] and response.json()["partner_kind"] is None
    assert response.json()["row_count"] == 5


def test_adding_creates_partners_with_idea_partnerships_and_skips_registered(
    carol_api, museum, north
):
    response = carol_api.post(
        PATH + "/add",
        {
            "kind": "museum",
            "items": [
                {
                    "qid": "Q1145",
                    "name": "Vasamuseet",
                    "website": "https://www.vasamuseet.se/",
                    "country": "se",
                    "place": "Djurgården",
                },
                {"qid": "https://www.wikidata.org/wiki/Q1439564", "name": "Nordiska museet"},
            ],
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    vasa = Partner.objects.get(wikidata_qid="Q1145")
    assert body["added"] == [{"partner_id": vasa.pk, "name": "Vasamuseet", "qid": "Q1145"}]
    assert body["skipped"] == [
        {"qid": "Q1439564", "name": "Nordiska museet", "existing_partner": "Nordic Museum"}
    ]
    assert vasa.country.code == "SE"
    assert Partnership.objects.get(partner=vasa).stage == "idea"


def test_adding_is_all_or_nothing(carol_api, north):
    response = carol_api.post(
        PATH + "/add",
        {
            "kind": "museum",
            "items": [
                {"qid": "Q1145", "name": "Vasamuseet"},
                {"qid": "Q2", "name": "Bad", "website": "nowhere"},
            ],
        },
    )
    assert response.status_code == 400
    assert response.json()["errors"]["website"][0].startswith("Bad (Q2): ")
    assert not Partner.objects.exists()
    body = {"kind": "museum", "items": [{"qid": "X", "name": "Y"}]}
    response = carol_api.post(PATH + "/add", body)
    assert response.status_code == 400 and "items" in response.json()["errors"]


def test_viewers_may_not_add_and_outsiders_get_404(victor_api, bob_api, north, south):
    body = {"kind": "museum", "items": [{"qid": "Q1145", "name": "Vasamuseet"}]}
    assert victor_api.post(PATH + "/add", body).status_code == 403
    assert bob_api.post(PATH + "/add", body).status_code == 404
    assert bob_api.get(PATH, kind="museum", area="SE").status_code == 404
    assert not Partner.objects.exists()
