"""The Wikidata Query Service: recorded results, typed values, errors, one query at a time."""

import datetime as dt
import threading
import time
from urllib.parse import parse_qs

import httpx
import pytest

from partnerkit.wikimedia import query
from partnerkit.wikimedia.errors import BadResponse, QuerySyntaxError, QueryTimeout
from partnerkit.wikimedia.http import Client
from tests.fakewiki import MALFORMED_QUERY, literal, row, uri

from .conftest import fixture_bytes

SELECT = "SELECT ?item WHERE { ?item wdt:P31 wd:Q33506 } LIMIT 10"


def recorded(name):
    body = fixture_bytes(name)
    return lambda request: httpx.Response(
        200, content=body, headers={"Content-Type": "application/sparql-results+json"}
    )


def test_the_query_is_posted_as_a_form_asking_for_sparql_json(serve):
    client, served = serve(recorded("wdqs_sparql_results_optional_vars_unbound.json"))
    query.select(SELECT, client=client)
    request = served.requests[0]
    assert request.method == "POST"
    assert request.url.path == "/sparql"
    assert request.headers["Accept"] == "application/sparql-results+json"
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert parse_qs(request.content.decode()) == {"query": [SELECT]}
    assert request.extensions["timeout"]["read"] == 65.0


def test_unbound_variables_are_absent_and_literals_are_typed(serve):
    client, _ = serve(recorded("wdqs_sparql_results_optional_vars_unbound.json"))
    rows = query.select(SELECT, client=client)
    assert len(rows) == 1
    film = rows[0]
    assert len(film) == 12  # 15 variables, 3 unbound
    for unbound in ("genre", "genreLabel", "musicBrainzRGId"):
        assert unbound not in film
    assert film["publicationDate"] == "2013-01-01"
    assert film["duration"] == 94.0 and isinstance(film["duration"], float)
    assert film["composer"] == "Q952428"
    assert film["countryOfOrigin"] == "Q183"
    assert film["countryOfOriginLabel"] == "Allemagne"
    assert film["imdbId"] == "tt1705952"
    assert film["wikiLink"] == "https://fr.wikipedia.org/wiki/Tarzan%20%28film%2C%202013%29"


def test_label_service_results(serve):
    client, _ = serve(recorded("wdqs_sparql_results_label_service_P742_limit50.json"))
    rows = query.select(SELECT, client=client)
    assert len(rows) == 50
    assert sum("itemDescription" not in r for r in rows) == 6
    assert sum("itemAltLabel" not in r for r in rows) == 15
    first = rows[0]
    assert first == {
        "item": "Q5798647",
        "pseudonyme": "11",  # a plain literal stays a string, even when it looks like a number
        "itemLabel": "Daniel Rojo",
        "itemDescription": "Spanish writer and actor",
        "itemAltLabel": "Daniel Rojo Bonilla",
    }
    assert all(r["item"].startswith("Q") for r in rows)


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        (
            {
                "type": "literal",
                "datatype": "http://www.w3.org/2001/XMLSchema#integer",
                "value": "42",
            },
            42,
        ),
        (
            {
                "type": "literal",
                "datatype": "http://www.w3.org/2001/XMLSchema#double",
                "value": "1.5E2",
            },
            150.0,
        ),
        (
            {
                "type": "literal",
                "datatype": "http://www.w3.org/2001/XMLSchema#dateTime",
                "value": "1866-05-01T00:00:00Z",
            },
            "1866-05-01",
        ),
        (
            {
                "type": "literal",
                "datatype": "http://www.w3.org/2001/XMLSchema#dateTime",
                "value": "-0500-01-01T00:00:00Z",
            },
            "-0500-01-01",
        ),
        (
            {
                "type": "literal",
                "datatype": "http://www.w3.org/2001/XMLSchema#boolean",
                "value": "true",
            },
            True,
        ),
        ({"type": "literal", "xml:lang": "sv", "value": "Nordiska museet"}, "Nordiska museet"),
        ({"type": "uri", "value": "http://www.wikidata.org/entity/P31"}, "P31"),
        (
            {"type": "uri", "value": "https://sv.wikipedia.org/wiki/Nordiska_museet"},
            "https://sv.wikipedia.org/wiki/Nordiska_museet",
        ),
        ({"type": "bnode", "value": "t123"}, "t123"),
    ],
)
def test_values_are_converted_by_datatype(term, expected):
    assert query.convert_value(term) == expected


def test_a_number_that_is_not_one_is_a_bad_response():
    with pytest.raises(BadResponse, match="'many'"):
        query.convert_value(
            {
                "type": "literal",
                "datatype": "http://www.w3.org/2001/XMLSchema#integer",
                "value": "many",
            }
        )


def test_a_syntax_error_quotes_the_parsers_line_only(serve, clock):
    trace = MALFORMED_QUERY.format(query="SELECT ?oops WHERE")
    client, served = serve(lambda r: httpx.Response(400, text=trace))
    with pytest.raises(QuerySyntaxError) as raised:
        query.select("SELECT ?oops WHERE", client=client)
    message = str(raised.value)
    assert 'Encountered " <VARNAME> "?oops "" at line 1, column 10.' in message
    assert "java.util" not in message and "\tat " not in message and "\n" not in message
    assert len(message) < 300
    assert not raised.value.retryable
    assert len(served.requests) == 1 and clock.sleeps == []


def test_the_60_second_limit_is_a_query_timeout_without_retry(serve, clock):
    body = "java.util.concurrent.ExecutionException: java.util.concurrent.TimeoutException\n\tat x"
    client, served = serve(lambda r: httpx.Response(500, text=body))
    with pytest.raises(QueryTimeout) as raised:
        query.select(SELECT, client=client)
    assert "longer than the 60 seconds" in str(raised.value)
    assert "Narrow it" in str(raised.value)
    assert raised.value.retryable is False
    assert len(served.requests) == 1 and clock.sleeps == []


def test_a_read_timeout_is_a_query_timeout(serve):
    def handler(request):
        raise httpx.ReadTimeout("read timed out", request=request)

    client, served = serve(handler)
    with pytest.raises(QueryTimeout):
        query.select(SELECT, client=client)
    assert len(served.requests) == 1


def test_other_server_errors_are_retried(serve, clock):
    answers = [
        httpx.Response(502),
        httpx.Response(200, json={"head": {"vars": []}, "results": {"bindings": []}}),
    ]
    client, _ = serve(lambda r: answers.pop(0))
    assert query.select(SELECT, client=client) == []
    assert len(clock.sleeps) == 1


def test_results_without_bindings_are_a_bad_response(serve):
    client, _ = serve(lambda r: httpx.Response(200, json={"head": {"vars": []}}))
    with pytest.raises(BadResponse, match="bindings"):
        query.select(SELECT, client=client)


def test_one_query_at_a_time_per_process(serve):
    state = {"running": 0, "most": 0}
    lock = threading.Lock()

    def handler(request):
        with lock:
            state["running"] += 1
            state["most"] = max(state["most"], state["running"])
        time.sleep(0.02)
        with lock:
            state["running"] -= 1
        return httpx.Response(200, json={"head": {"vars": []}, "results": {"bindings": []}})

    client, served = serve(handler)
    threads = [
        threading.Thread(target=query.select, args=(SELECT,), kwargs={"client": client})
        for _ in range(6)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(served.requests) == 6
    assert state["most"] == 1


# -- Through the fake server ---------------------------------------------------------------


def test_fake_server_rows_in_the_real_format(fakewiki):
    fakewiki.sparql_rows = [
        row(item="Q1", itemLabel=literal("Nordiska museet", lang="sv"), visitors=350000,
            founded=dt.date(1873, 1, 1), share=0.25),
        row(item="Q2", itemLabel=literal("Skansen", lang="sv"), visitors=None),
    ]  # fmt: skip
    fakewiki.sparql_vars = ["item", "itemLabel", "visitors", "founded", "share"]
    rows = query.select(SELECT, client=Client())
    assert rows == [
        {
            "item": "Q1",
            "itemLabel": "Nordiska museet",
            "visitors": 350000,
            "founded": "1873-01-01",
            "share": 0.25,
        },
        {"item": "Q2", "itemLabel": "Skansen"},
    ]
    assert uri("Q5") == {"type": "uri", "value": "http://www.wikidata.org/entity/Q5"}
    ((_, method, path, params),) = fakewiki.requests
    assert (method, path, params["query"]) == ("POST", "/sparql", SELECT)


def test_fake_server_syntax_error_and_timeout(fakewiki):
    client = Client(sleep=lambda seconds: None)
    fakewiki.fail_next(400, api="sparql")
    with pytest.raises(QuerySyntaxError, match="Encountered"):
        query.select("SELECT ?oops", client=client)
    fakewiki.fail_next("timeout", api="sparql")
    with pytest.raises(QueryTimeout):
        query.select(SELECT, client=client)


def test_a_custom_sparql_handler_sees_the_query(fakewiki):
    seen = []

    def handler(text):
        seen.append(text)
        return 200, {"head": {"vars": ["n"]}, "results": {"bindings": [row(n=3)]}}

    fakewiki.sparql_handler = handler
    assert query.select(SELECT, client=Client()) == [{"n": 3}]
    assert seen == [SELECT]
