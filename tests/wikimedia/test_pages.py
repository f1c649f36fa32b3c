"""Pages of any wiki: their state in batches of 50 (renames followed) and their revisions."""

import datetime as dt

import httpx
import pytest

from partnerkit.wikimedia import pages
from partnerkit.wikimedia.http import Client


def test_page_info_follows_normalising_and_redirects_and_marks_missing_pages(serve):
    def handler(request):
        assert request.url.path.endswith("/site/de.wikipedia.org/w/api.php")
        return httpx.Response(200, json={"batchcomplete": True, "query": {
            "normalized": [{"fromencoded": False, "from": "Alte_Brücke", "to": "Alte Brücke"}],
            "redirects": [{"from": "Alte Brücke", "to": "Alte Brücke (Heidelberg)"}],
            "pages": [
                {"pageid": 71, "ns": 0, "title": "Alte Brücke (Heidelberg)", "lastrevid": 900,
                 "length": 5120},
                {"ns": 0, "title": "Gibt es nicht", "missing": True},
            ]}})

    client, served = serve(handler)
    found = pages.page_info("de.wikipedia.org", ["Alte_Brücke", "Gibt es nicht"], client=client)
    assert served.params(0)["titles"] == "Alte_Brücke|Gibt es nicht"
    assert served.params(0)["redirects"] == "1"
    assert found["Alte_Brücke"] == pages.PageInfo("Alte Brücke (Heidelberg)", 71, 900, 5120)
    assert found["Gibt es nicht"].missing


def test_page_info_asks_fifty_titles_at_a_time(serve):
    def handler(request):
        titles = request.url.params["titles"].split("|")
        return httpx.Response(200, json={"query": {"pages": [
            {"pageid": int(t[1:]), "ns": 0, "title": t, "lastrevid": 1} for t in titles]}})

    client, served = serve(handler)
    found = pages.page_info("www.wikidata.org", [f"Q{n}" for n in range(1, 121)], client=client)
    assert len(found) == 120
    assert [len(r.url.params["titles"].split("|")) for r in served.requests] == [50, 50, 20]


def test_revisions_since_follow_the_continuation_and_tell_a_creation(serve):
    answers = [
        {"continue": {"rvcontinue": "20260105120000|12", "continue": "||"},
         "query": {"pages": [{"pageid": 5, "ns": 0, "title": "T", "revisions": [
             {"revid": 10, "parentid": 0, "timestamp": "2026-01-02T10:00:00Z", "size": 100},
             {"revid": 11, "parentid": 10, "timestamp": "2026-01-03T10:00:00Z", "size": 180}]}]}},
        {"batchcomplete": True, "query": {"pages": [{"pageid": 5, "ns": 0, "title": "T",
         "revisions": [{"revid": 12, "parentid": 11, "timestamp": "2026-02-05T12:00:00Z",
                        "size": 240}]}]}},
    ]

    client, served = serve(lambda request: httpx.Response(200, json=answers[len(served.requests) - 1]))
    revisions = pages.revisions_since(
        "en.wikipedia.org", "T", dt.datetime(2026, 1, 1, tzinfo=dt.UTC), client=client
    )
    assert served.params(0)["rvstart"] == "2026-01-01T00:00:00Z"
    assert served.params(0)["rvdir"] == "newer"
    assert served.params(1)["rvcontinue"] == "20260105120000|12"
    assert [r.revid for r in revisions] == [10, 11, 12]
    assert revisions[0].created_page and not revisions[1].created_page
    assert revisions[2].timestamp == dt.datetime(2026, 2, 5, 12, tzinfo=dt.UTC)


def test_any_wiki_is_reached_under_the_base_url_and_other_hosts_are_refused(settings):
    seen = []
    client = Client(transport=httpx.MockTransport(
        lambda request: seen.append(str(request.url)) or httpx.Response(200, json={"query": {}})
    ), base_url="http://127.0.0.1:9", contact="tests")
    client.action("fr.wikisource.org", {"action": "query"})
    assert seen[0].startswith("http://127.0.0.1:9/site/fr.wikisource.org/w/api.php?")
    with pytest.raises(ValueError, match="host name"):
        client.action("evil.example.org", {"action": "query"})
