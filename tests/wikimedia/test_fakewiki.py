"""The fake Wikimedia server answers like the real APIs and records what it served."""

import json
import subprocess
import sys

import httpx
import pytest

from partnerkit.wikimedia.errors import BadResponse, Unavailable
from partnerkit.wikimedia.http import Client
from tests.fakewiki import FakeWiki


def test_it_runs_outside_pytest_fixtures_and_binds_to_localhost_only():
    with FakeWiki() as fake:
        assert fake.url.startswith("http://127.0.0.1:")
        fake.add_item("Q1", labels={"en": "Universe"})
        answer = httpx.get(
            f"{fake.url}/wikidata/w/api.php", params={"action": "wbgetentities", "ids": "Q1"}
        )
        assert answer.json()["entities"]["Q1"]["labels"]["en"]["value"] == "Universe"
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"{fake.url}/wikidata/w/api.php", timeout=1)


def test_the_fixture_points_the_settings_at_it(fakewiki, settings):
    assert settings.WIKIMEDIA_BASE_URL == fakewiki.url
    assert settings.WIKIMEDIA_REQUESTS_PER_MINUTE >= 1000


def test_requests_are_recorded_with_their_parameters(fakewiki):
    client = Client()
    client.action("wikidata", {"action": "wbgetentities", "ids": "Q1"})
    client.sparql("SELECT * WHERE {}")
    (first_time, method, path, params), (second_time, post, sparql_path, form) = fakewiki.requests
    assert (method, path, params["ids"], params["format"]) == (
        "GET",
        "/wikidata/w/api.php",
        "Q1",
        "json",
    )
    assert (post, sparql_path, form) == ("POST", "/sparql", {"query": "SELECT * WHERE {}"})
    assert second_time >= first_time
    assert fakewiki.per_minute() == {0: 2}
    assert len(fakewiki.served("/wikidata/", ids="Q1")) == 1
    assert fakewiki.served("/wikidata/", ids="Q2") == []


def test_a_429_carries_retry_after(fakewiki):
    fakewiki.fail_next(429, retry_after=2)
    answer = httpx.get(f"{fakewiki.url}/wikidata/w/api.php?action=wbgetentities&ids=Q1")
    assert answer.status_code == 429
    assert answer.headers["Retry-After"] == "2"
    assert (
        httpx.get(f"{fakewiki.url}/wikidata/w/api.php?action=wbgetentities&ids=Q1").status_code
        == 200
    )


def test_maxlag_looks_like_the_recorded_one(fakewiki):
    fakewiki.fail_next("maxlag", retry_after=5)
    answer = httpx.get(f"{fakewiki.url}/wikidata/w/api.php?action=wbgetentities&ids=Q1&maxlag=5")
    assert answer.status_code == 200
    assert answer.headers["Retry-After"] == "5"
    error = answer.json()["errors"][0]
    assert error["code"] == "maxlag" and error["data"]["lag"] == 3.45


def test_failures_can_target_one_api(fakewiki):
    fakewiki.fail_next(503, api="sparql")
    assert (
        httpx.get(f"{fakewiki.url}/wikidata/w/api.php?action=wbgetentities&ids=Q1").status_code
        == 200
    )
    assert httpx.post(f"{fakewiki.url}/sparql", data={"query": "x"}).status_code == 503


def test_garbled_and_dropped_answers(fakewiki):
    client = Client(sleep=lambda seconds: None, max_attempts=2)
    fakewiki.fail_next("garbled")
    with pytest.raises(BadResponse):
        client.action("wikidata", {"action": "wbgetentities", "ids": "Q1"})
    fakewiki.fail_next("timeout", times=2)
    with pytest.raises(Unavailable):
        client.action("wikidata", {"action": "wbgetentities", "ids": "Q1"})


def test_unknown_failure_kinds_are_refused():
    with pytest.raises(ValueError):
        FakeWiki().fail_next("slow")


def test_an_id_that_is_not_one_gets_the_real_error(fakewiki):
    answer = httpx.get(
        f"{fakewiki.url}/wikidata/w/api.php", params={"action": "wbgetentities", "ids": "Q1|Foo"}
    )
    (error,) = answer.json()["errors"]
    assert error["code"] == "no-such-entity" and "Invalid id: Foo" in error["text"]


def test_sitelink_lookup_keys_missing_titles_minus_one(fakewiki):
    fakewiki.add_item("Q1040", labels={"de": "Karlsruhe"}, sitelinks={"dewiki": "Karlsruhe"})
    answer = httpx.get(
        f"{fakewiki.url}/wikidata/w/api.php",
        params={"action": "wbgetentities", "sites": "dewiki", "titles": "Karlsruhe|1234567890"},
    ).json()
    assert answer["entities"]["-1"] == {"site": "dewiki", "title": "1234567890", "missing": ""}
    assert answer["entities"]["Q1040"]["sitelinks"]["dewiki"]["title"] == "Karlsruhe"


def test_a_cli_subprocess_can_use_it_through_the_environment(tmp_path):
    script = (
        "import django, os, sys\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'partnerkit.settings')\n"
        "django.setup()\n"
        "from partnerkit.wikimedia.http import Client\n"
        "from partnerkit.wikimedia import wikidata\n"
        "items = wikidata.get_items(['Q42'], languages=['en'], client=Client())\n"
        "print(items['Q42'].labels['en'])\n"
    )
    with FakeWiki() as fake:
        fake.add_item("Q42", labels={"en": "Douglas Adams"})
        env = {"PATH": "/usr/bin:/bin", "PARTNERKIT_DATA_DIR": str(tmp_path),
               "PARTNERKIT_WIKIMEDIA_BASE_URL": fake.url}  # fmt: skip
        done = subprocess.run(
            [sys.executable, "-c", script],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip() == "Douglas Adams"
        assert len(fake.requests) == 1


def test_entity_answers_are_plain_json(fakewiki):
    fakewiki.add_item(
        "Q7", labels={"en": "x"}, coordinates=(59.33, 18.07), employees=12, inception="1900-01-02"
    )
    body = httpx.get(f"{fakewiki.url}/wikidata/w/api.php?action=wbgetentities&ids=Q7").content
    entity = json.loads(body)["entities"]["Q7"]
    assert entity["claims"]["P625"][0]["mainsnak"]["datavalue"]["value"]["latitude"] == 59.33
    assert entity["claims"]["P1128"][0]["mainsnak"]["datavalue"]["value"]["amount"] == "+12"
    assert entity["claims"]["P571"][0]["mainsnak"]["datavalue"]["value"]["precision"] == 11
