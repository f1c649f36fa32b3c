"""Running a discovery against the fake query service: parsing rows with unbound variables,
keeping the answer for reuse, and marking what is already a partner."""

import json
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from partnerkit.discovery import selectors, services
from partnerkit.discovery.models import DiscoveryQuery
from partnerkit.partners import services as partner_services
from partnerkit.wikimedia.errors import QuerySyntaxError, QueryTimeout
from tests.discovery.conftest import binding, sparql_requests

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "wikimedia"


def run(workspace, user, *, kind="museum", area="Q1754", text=None, refresh=False):
    request = services.discovery_request(workspace=workspace, kind=kind, area=area, text=text)
    return services.discovery_run(workspace=workspace, by=user, request=request, refresh=refresh)


def test_rows_keep_the_service_order_and_leave_unbound_variables_empty(wdqs, north, alice):
    discovery = run(north, alice)
    assert [row["qid"] for row in discovery.rows] == [
        "Q1439564",
        "Q1145",
        "Q1780",
        "Q9999001",
        "Q9999002",
    ]
    first, moderna, skansen = discovery.rows[0], discovery.rows[2], discovery.rows[4]
    assert first == {
        "qid": "Q1439564",
        "label": "Nordiska museet",
        "description": "museum in Stockholm",
        "sitelinks": 42,
        "website": "https://www.nordiskamuseet.se/",
        "commons": "Nordiska museet",
        "country": "SE",
        "place": "Stockholm",
    }
    assert moderna["website"] == "" and moderna["description"] == "" and moderna["place"] == ""
    assert skansen["sitelinks"] is None and skansen["country"] == ""
    assert discovery.row_count == 5 and not discovery.truncated
    assert discovery.fetched_by == alice and discovery.kind == "museum"
    assert discovery.area == "Q1754"


def test_the_query_sent_is_the_built_one(wdqs, north, alice):
    discovery = run(north, alice, kind="library", area="se")
    [request] = sparql_requests(wdqs)
    sent = request[3].get("query")
    if isinstance(sent, list):
        sent = sent[0]
    assert sent == discovery.sparql
    assert 'wdt:P297 "SE"' in sent and "wd:Q7075" in sent


def test_a_second_identical_discovery_is_answered_from_the_cache(wdqs, north, alice, carol):
    first = run(north, alice)
    second = run(north, carol)
    assert len(sparql_requests(wdqs)) == 1
    assert second.pk == first.pk and second.from_cache and not first.from_cache
    assert DiscoveryQuery.objects.count() == 1


def test_the_cache_is_per_workspace_and_expires_after_seven_days(wdqs, north, south, alice, bob):
    run(north, alice)
    run(south, bob)
    assert len(sparql_requests(wdqs)) == 2
    DiscoveryQuery.objects.update(fetched_at=timezone.now() - timedelta(days=7, minutes=1))
    again = run(north, alice)
    assert not again.from_cache and len(sparql_requests(wdqs)) == 3
    assert DiscoveryQuery.objects.filter(workspace=north).count() == 1


def test_fetch_again_asks_even_when_fresh(wdqs, north, alice):
    run(north, alice)
    wdqs.sparql_rows = wdqs.sparql_rows[:2]
    again = run(north, alice, refresh=True)
    assert len(sparql_requests(wdqs)) == 2
    assert again.row_count == 2 and not again.from_cache


def test_a_syntax_error_quotes_the_service_and_keeps_the_cache(fakewiki, north, alice):
    fakewiki.sparql_handler = lambda query: (
        400,
        (
            "SPARQL-QUERY: queryStr=SELECT ?item WHERE { ?item wdt:P31 }\n"
            "java.util.concurrent.ExecutionException: org.openrdf.query.MalformedQueryException: "
            'Encountered " "}" "} "" at line 1, column 34.'
        ),
    )
    with pytest.raises(QuerySyntaxError) as error:
        run(north, alice, text="SELECT ?item WHERE { ?item wdt:P31 }")
    assert "line 1, column 34" in str(error.value)
    assert DiscoveryQuery.objects.count() == 0


def test_a_timeout_is_its_own_error(fakewiki, north, alice):
    fakewiki.sparql_handler = lambda query: (
        500,
        "java.util.concurrent.TimeoutException\n\tat java.util.concurrent.FutureTask.get",
    )
    with pytest.raises(QueryTimeout):
        run(north, alice)
    assert DiscoveryQuery.objects.count() == 0


def test_a_hand_written_query_keeps_at_most_1000_rows(fakewiki, north, alice):
    fakewiki.sparql_rows = [binding(f"Q{n}", f"Item {n}") for n in range(1, 1201)]
    discovery = run(north, alice, text="SELECT ?item ?itemLabel WHERE { ?item wdt:P31 wd:Q5 }")
    assert discovery.row_count == 1000 and discovery.truncated and discovery.handwritten
    assert discovery.rows[-1]["qid"] == "Q1000"


def test_repeated_items_in_a_hand_written_answer_count_once(fakewiki, north, alice):
    fakewiki.sparql_rows = [
        binding("Q1", "One", website="https://a.example/"),
        binding("Q1", "One", website="https://b.example/"),
        binding("Q2"),
    ]
    discovery = run(north, alice, text="SELECT ?item ?website WHERE { ?item wdt:P31 wd:Q5 }")
    assert [row["qid"] for row in discovery.rows] == ["Q1", "Q2"]
    assert discovery.rows[0]["website"] == "https://a.example/"
    assert discovery.rows[1]["label"] == ""


def recorded(name):
    path = FIXTURES / name
    if not path.exists():
        pytest.fail(f"the recorded fixture {name} is missing from tests/fixtures/wikimedia")
    return json.loads(path.read_text())


def test_the_recorded_label_service_answer_with_unbound_descriptions(fakewiki, north, alice):
    body = recorded("wdqs_sparql_results_label_service_P742_limit50.json")
    fakewiki.sparql_handler = lambda query: (200, body)
    discovery = run(
        north,
        alice,
        text="SELECT ?item ?pseudonyme ?itemLabel ?itemDescription ?itemAltLabel "
        "WHERE { ?item wdt:P742 ?pseudonyme . } LIMIT 50",
    )
    bindings = body["results"]["bindings"]
    # 50 rows, but a writer with two pseudonyms comes twice: one result per item.
    first = {}
    for b in bindings:
        first.setdefault(b["item"]["value"], b)
    assert len(bindings) == 50 and discovery.row_count == len(first) == 48
    without = [row["qid"] for row in discovery.rows if not row["description"]]
    assert without == [
        b["item"]["value"].rsplit("/", 1)[1] for b in first.values() if "itemDescription" not in b
    ]
    assert without
    assert discovery.rows[1] == {
        "qid": "Q6512",
        "label": "Søren Kierkegaard",
        "description": "Danish philosopher and theologian, founder of Existentialism",
        "sitelinks": None,
        "website": "",
        "commons": "",
        "country": "",
        "place": "",
    }


def test_the_recorded_answer_without_item_is_refused_naming_item(fakewiki, north, alice):
    body = recorded("wdqs_sparql_results_optional_vars_unbound.json")
    fakewiki.sparql_handler = lambda query: (200, body)
    with pytest.raises(ValidationError) as refused:
        run(north, alice, text="SELECT * WHERE { ?film wdt:P31 wd:Q11424 }")
    assert "?item" in refused.value.message_dict["sparql"][0]
    assert DiscoveryQuery.objects.count() == 0


class TestMarkingExisting:
    def test_the_same_item_and_a_similar_name_are_marked_with_links(
        self, wdqs, north, alice, museum
    ):
        discovery = run(north, alice)
        marked = {
            item.qid: item for item in selectors.mark_existing(workspace=north, rows=discovery.rows)
        }
        same = marked["Q1439564"].match
        assert same.same_item and same.score == 100 and same.partner_id == museum.pk
        assert same.url == f"/w/north/partners/{museum.pk}/"
        fuzzy = marked["Q9999001"].match
        assert not fuzzy.same_item and fuzzy.partner_id == museum.pk and fuzzy.score >= 90
        assert marked["Q1145"].match is None and marked["Q9999002"].match is None
        assert marked["Q1439564"].is_registered and not marked["Q9999001"].is_registered

    def test_names_are_compared_without_accents_case_and_punctuation(self, north, alice):
        partner_services.partner_create(
            workspace=north, by=alice, name="Musée d'Orsay", kind="museum"
        )
        rows = [
            {"qid": "Q23402", "label": "MUSEE D ORSAY"},
            {"qid": "Q19675", "label": "Musée du Louvre"},
        ]
        first, second = selectors.mark_existing(workspace=north, rows=rows)
        assert first.match.score == 100 and not first.match.same_item
        assert second.match is None

    def test_another_workspaces_partners_are_never_matched(
        self, north, south, alice, southern_library
    ):
        rows = [{"qid": "Q1", "label": "Southern Library"}]
        assert selectors.mark_existing(workspace=north, rows=rows)[0].match is None
        assert selectors.mark_existing(workspace=south, rows=rows)[0].match is not None

    def test_marking_costs_one_query_whatever_the_number_of_rows_and_partners(self, north, alice):
        def queries(rows):
            with CaptureQueriesContext(connection) as context:
                selectors.mark_existing(workspace=north, rows=rows)
            return len(context.captured_queries)

        few_rows = [{"qid": f"Q{n}", "label": f"Museum number {n}"} for n in range(1, 4)]
        many_rows = [{"qid": f"Q{n}", "label": f"Museum number {n}"} for n in range(1, 1001)]
        assert queries(few_rows) == 1
        for n in range(60):
            partner_services.partner_create(
                workspace=north,
                by=alice,
                name=f"Museum number {n}",
                kind="museum",
                wikidata_qid=f"Q{n + 1}" if n % 2 else "",
            )
        assert queries(many_rows) == 1
