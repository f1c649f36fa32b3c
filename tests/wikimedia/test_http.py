"""The shared HTTP layer: etiquette, retries, errors, continuation and batching."""

import email.utils
import random
import re

import httpx
import pytest

import partnerkit
from partnerkit.wikimedia.errors import (
    ApiError,
    BadResponse,
    NoSuchEntity,
    NotFound,
    RateLimited,
    Unavailable,
)
from partnerkit.wikimedia.http import (
    DEFAULT_CONTACT,
    Client,
    Endpoints,
    batches,
    default_client,
    parse_retry_after,
    user_agent,
)

from .conftest import fixture_bytes

OK = {"batchcomplete": True, "query": {"pages": []}}


def ok(request):
    return httpx.Response(200, json=OK)


# -- Etiquette -----------------------------------------------------------------------------


def test_user_agent_names_partnerkit_contact_and_httpx(serve, settings):
    settings.WIKIMEDIA_CONTACT = "mailto:glam@example.org"
    client, served = serve(ok)
    client.action("commons", {"action": "query"})
    sent = served.requests[0].headers["User-Agent"]
    assert sent == (
        f"Partnerkit/{partnerkit.__version__} (mailto:glam@example.org) httpx/{httpx.__version__}"
    )


def test_user_agent_falls_back_to_the_project_address(settings):
    settings.WIKIMEDIA_CONTACT = ""
    assert DEFAULT_CONTACT == "https://github.com/partnerkit/partnerkit"
    assert re.fullmatch(
        r"Partnerkit/\S+ \(https://github\.com/partnerkit/partnerkit\) httpx/\S+",
        Client(transport=httpx.MockTransport(ok)).user_agent,
    )
    assert user_agent("") == user_agent(DEFAULT_CONTACT)


def test_public_hosts_by_default_and_one_base_url_replaces_them_all():
    public = Endpoints.for_base_url("")
    assert public.wikidata == "https://www.wikidata.org/w/api.php"
    assert public.commons == "https://commons.wikimedia.org/w/api.php"
    assert public.sparql == "https://query.wikidata.org/sparql"
    assert public.rest == "https://wikimedia.org/api/rest_v1"
    mirror = Endpoints.for_base_url("http://mirror.example/")
    assert mirror == Endpoints(
        "http://mirror.example/wikidata/w/api.php",
        "http://mirror.example/commons/w/api.php",
        "http://mirror.example/sparql",
        "http://mirror.example/rest_v1",
        "http://mirror.example",
    )
    # Any other wiki: its own host in public, a folder of the mirror otherwise.
    assert public.site("de.wikipedia.org") == "https://de.wikipedia.org/w/api.php"
    assert mirror.site("de.wikipedia.org") == "http://mirror.example/site/de.wikipedia.org/w/api.php"
    assert mirror.site("www.wikidata.org") == mirror.wikidata


def test_action_adds_format_and_joins_lists(serve):
    client, served = serve(ok)
    client.action(
        "wikidata",
        {
            "action": "wbgetentities",
            "ids": ["Q1", "Q2"],
            "maxlag": 5,
            "redirects": True,
            "sites": None,
            "normalize": False,
        },
    )
    request = served.requests[0]
    assert request.method == "GET"
    assert request.url.path == "/wikidata/w/api.php"
    assert served.params() == {
        "format": "json",
        "formatversion": "2",
        "errorformat": "plaintext",
        "action": "wbgetentities",
        "ids": "Q1|Q2",
        "maxlag": "5",
        "redirects": "1",
    }


def test_timeouts_are_ten_seconds_to_connect_and_thirty_to_read(serve):
    client, served = serve(ok)
    client.action("commons", {"action": "query"})
    timeouts = served.requests[0].extensions["timeout"]
    assert timeouts["connect"] == 10.0
    assert timeouts["read"] == 30.0


def test_an_unknown_api_name_is_refused(serve):
    client, _ = serve(ok)
    with pytest.raises(ValueError, match="wikidata"):
        client.action("wikipedia", {})


# -- Retries -------------------------------------------------------------------------------


def failing(times, response, then=None):
    """A handler answering ``response()`` ``times`` times, then ``then`` (or OK)."""
    count = {"n": 0}

    def handler(request):
        count["n"] += 1
        if count["n"] <= times:
            return response()
        return then(request) if then else httpx.Response(200, json=OK)

    return handler


def test_server_errors_are_retried_with_growing_jittered_waits(serve, clock):
    client, served = serve(
        failing(4, lambda: httpx.Response(503, text="upstream down")), rng=random.Random(7)
    )
    assert client.action("commons", {"action": "query"}) == OK
    assert len(served.requests) == 5
    assert client.requests_sent == 5
    # Exponential ceilings 1, 2, 4, 8 s; jitter keeps each wait between half and all of it.
    for wait, ceiling in zip(clock.sleeps, [1, 2, 4, 8], strict=True):
        assert ceiling / 2 <= wait <= ceiling
    assert len(set(clock.sleeps)) == 4


def test_retry_after_in_seconds_is_honoured(serve, clock):
    client, _ = serve(failing(2, lambda: httpx.Response(429, headers={"Retry-After": "7"})))
    client.action("commons", {"action": "query"})
    assert clock.sleeps == [7.0, 7.0]


def test_retry_after_as_an_http_date_is_honoured(serve, clock):
    when = email.utils.formatdate(clock.now + 42, usegmt=True)
    client, _ = serve(failing(1, lambda: httpx.Response(503, headers={"Retry-After": when})))
    client.action("commons", {"action": "query"})
    assert clock.sleeps == [pytest.approx(42, abs=1)]


def test_parse_retry_after():
    assert parse_retry_after("120", now=0) == 120
    assert parse_retry_after("-3", now=0) == 0
    assert parse_retry_after(None, now=0) is None
    assert parse_retry_after("soon", now=0) is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480 - 60) == 60


def test_a_429_storm_gives_up_after_max_attempts_with_a_sentence_for_people(serve, clock):
    client, served = serve(
        lambda request: httpx.Response(429, headers={"Retry-After": "3"}), max_attempts=5
    )
    with pytest.raises(RateLimited) as raised:
        client.action("wikidata", {"action": "wbgetentities", "ids": "Q1"})
    assert str(raised.value) == (
        "Wikidata is busy (rate limit); tried 5 times. Try again in a few minutes."
    )
    assert raised.value.retryable
    assert len(served.requests) == 5
    assert clock.sleeps == [3.0] * 4


def test_a_very_long_retry_after_is_not_waited_for(serve, clock):
    client, served = serve(lambda request: httpx.Response(429, headers={"Retry-After": "3600"}))
    with pytest.raises(RateLimited, match="wait 3600 seconds"):
        client.action("wikidata", {"action": "wbgetentities", "ids": "Q1"})
    assert len(served.requests) == 1
    assert clock.sleeps == []


def test_recorded_maxlag_answer_is_retried_after_retry_after(serve, clock):
    body = fixture_bytes("wikidata_api_error_maxlag.json")
    answer = {"entities": {"Q1": {"id": "Q1", "missing": ""}}, "success": 1}
    client, served = serve(
        failing(
            1,
            lambda: httpx.Response(200, content=body, headers={"Retry-After": "5"}),
            then=lambda request: httpx.Response(200, json=answer),
        )
    )
    assert (
        client.action("wikidata", {"action": "wbgetentities", "ids": "Q1", "maxlag": 5}) == answer
    )
    assert clock.sleeps == [5.0]
    assert [r.url.params["maxlag"] for r in served.requests] == ["5", "5"]


def test_maxlag_without_retry_after_waits_for_the_reported_lag(serve, clock):
    body = fixture_bytes("wikidata_api_error_maxlag.json")  # "lag": 3.45
    client, _ = serve(failing(1, lambda: httpx.Response(200, content=body)))
    client.action("wikidata", {"action": "wbgetentities", "ids": "Q1", "maxlag": 5})
    assert clock.sleeps == [3.45]


def test_maxlag_that_never_clears_is_rate_limited(serve):
    body = fixture_bytes("wikidata_api_error_maxlag.json")
    client, served = serve(lambda r: httpx.Response(200, content=body), max_attempts=3)
    with pytest.raises(RateLimited, match=r"Wikidata is busy .*lag.*tried 3 times"):
        client.action("wikidata", {"action": "wbgetentities", "ids": "Q1", "maxlag": 5})
    assert len(served.requests) == 3


def test_timeouts_and_connection_errors_are_retried_then_unavailable(serve, clock):
    def handler(request):
        raise httpx.ConnectTimeout("timed out", request=request)

    client, served = serve(handler, max_attempts=3)
    with pytest.raises(Unavailable) as raised:
        client.action("wikidata", {"action": "wbgetentities", "ids": "Q1"})
    assert (
        str(raised.value) == "Wikidata is not answering (timeout); tried 3 times. Try again later."
    )
    assert raised.value.retryable
    assert len(served.requests) == 3
    assert len(clock.sleeps) == 2


def test_a_connection_error_then_success_returns_the_answer(serve):
    calls = {"n": 0}

    def handler(request):
        calls["n"] += 1
        if calls["n"] == 1:
            raise httpx.ConnectError("refused", request=request)
        return httpx.Response(200, json=OK)

    client, _ = serve(handler)
    assert client.action("commons", {"action": "query"}) == OK


def test_server_errors_to_the_end_are_unavailable(serve):
    client, _ = serve(lambda r: httpx.Response(502), max_attempts=2)
    with pytest.raises(
        Unavailable, match=r"Wikimedia Commons is not answering \(HTTP 502\); tried 2 times"
    ):
        client.action("commons", {"action": "query"})


# -- Errors that are not retried -----------------------------------------------------------


def test_garbled_json_is_a_bad_response_without_retry(serve, clock):
    client, served = serve(lambda r: httpx.Response(200, content=b'{"entities": {"Q1": {"la'))
    with pytest.raises(BadResponse, match="not valid JSON") as raised:
        client.action("wikidata", {"action": "wbgetentities", "ids": "Q1"})
    assert not raised.value.retryable
    assert len(served.requests) == 1
    assert clock.sleeps == []


def test_json_that_is_not_an_object_is_a_bad_response(serve):
    client, _ = serve(lambda r: httpx.Response(200, json=[1, 2]))
    with pytest.raises(BadResponse):
        client.action("commons", {"action": "query"})


def test_recorded_no_such_entity_error_keeps_the_apis_words(serve):
    body = fixture_bytes("wikidata_wbgetentities_error_no_such_entity_errorformat.json")
    client, served = serve(lambda r: httpx.Response(200, content=body))
    with pytest.raises(NoSuchEntity) as raised:
        client.action("wikidata", {"action": "wbgetentities", "ids": "User talk:Mhollo"})
    assert "Could not find such an entity. (Invalid id: User talk:Mhollo)" in str(raised.value)
    assert raised.value.qid == "User talk:Mhollo"
    assert raised.value.code == "no-such-entity"
    assert not raised.value.retryable
    assert len(served.requests) == 1


def test_legacy_error_format_is_understood_too(serve):
    body = {"error": {"code": "badvalue", "info": 'Unrecognized value for parameter "action": x.'}}
    client, _ = serve(lambda r: httpx.Response(200, json=body))
    with pytest.raises(ApiError) as raised:
        client.action("wikidata", {"action": "x"})
    assert raised.value.code == "badvalue"
    assert 'Unrecognized value for parameter "action": x.' in str(raised.value)
    assert not isinstance(raised.value, NoSuchEntity)


def test_rest_404_is_not_found_with_the_apis_detail(serve):
    body = fixture_bytes("pageviews_per_article_404_no_data.json")
    client, served = serve(
        lambda r: httpx.Response(
            404, content=body, headers={"Content-Type": "application/problem+json"}
        )
    )
    with pytest.raises(NotFound, match="not loaded yet"):
        client.rest(
            "metrics/pageviews/per-article/en.wikipedia/all-access/user/X/daily/2025081500/2025081900"
        )
    assert served.requests[0].url.path.startswith("/rest_v1/metrics/pageviews/")


def test_other_client_errors_are_api_errors_without_retry(serve):
    client, served = serve(lambda r: httpx.Response(403, json={"detail": "Forbidden by policy"}))
    with pytest.raises(ApiError, match="HTTP 403.*Forbidden by policy"):
        client.rest("metrics/x")
    assert len(served.requests) == 1


# -- Continuation and batching -------------------------------------------------------------


def test_continuation_sends_every_key_back_unchanged_until_absent(serve):
    pages = [
        {
            "continue": {"continue": "||imageinfo", "gucontinue": "A.jpg|nowiki|1"},
            "query": {"n": 1},
        },
        {"continue": {"continue": "gaicontinue||", "gaicontinue": "2015|B.jpg"}, "query": {"n": 2}},
        {"batchcomplete": True, "query": {"n": 3}},
    ]
    client, served = serve(lambda r: httpx.Response(200, json=pages[len(served.requests) - 1]))
    got = list(client.action_all("commons", {"action": "query", "prop": "globalusage"}))
    assert [page["query"]["n"] for page in got] == [1, 2, 3]
    assert "gucontinue" not in served.params(0) and "continue" not in served.params(0)
    assert served.params(1)["continue"] == "||imageinfo"
    assert served.params(1)["gucontinue"] == "A.jpg|nowiki|1"
    # The second continuation replaces the first: gucontinue is not sent again.
    assert served.params(2)["continue"] == "gaicontinue||"
    assert served.params(2)["gaicontinue"] == "2015|B.jpg"
    assert "gucontinue" not in served.params(2)
    assert all(served.params(i)["prop"] == "globalusage" for i in range(3))


def test_batches_of_fifty():
    assert [len(batch) for batch in batches(range(120))] == [50, 50, 20]
    assert list(batches([])) == []
    assert list(batches("abc", 2)) == [["a", "b"], ["c"]]


# -- No internet in tests ------------------------------------------------------------------


@pytest.mark.django_db
def test_the_default_client_in_tests_points_at_a_closed_port(settings):
    assert settings.WIKIMEDIA_BASE_URL == "http://127.0.0.1:9"
    assert default_client().endpoints.wikidata == "http://127.0.0.1:9/wikidata/w/api.php"
    client = Client(sleep=lambda seconds: None, max_attempts=2)
    with pytest.raises(Unavailable, match="connection failed"):
        client.action("wikidata", {"action": "wbgetentities", "ids": "Q1"})
