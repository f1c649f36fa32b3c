"""The fake Wikimedia server answers like the real APIs and records what it served."""

import datetime as dt
import json
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from itertools import pairwise

import httpx
import pytest

from partnerkit.wikimedia import cim as cim_module
from partnerkit.wikimedia import commons as commons_module
from partnerkit.wikimedia import pages as pages_module
from partnerkit.wikimedia import pageviews as pageviews_module
from partnerkit.wikimedia.errors import BadResponse, Unavailable
from partnerkit.wikimedia.http import Client
from tests.fakewiki import FIXTURES, FakeWiki, build_category


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


# -- Generators with prop=globalusage (Commons) ---------------------------------------------

RECORDED_TRIO = [
    "commons_allimages_imageinfo_globalusage_continuation_1of3.json",
    "commons_allimages_imageinfo_globalusage_continuation_2of3.json",
    "commons_allimages_imageinfo_globalusage_continuation_3of3_batchcomplete.json",
]


def commons(fake, **params) -> dict:
    """One Commons Action API answer, sent as the client sends it."""
    query = {"action": "query", "format": "json", "formatversion": "2", "errorformat": "plaintext"}
    return httpx.get(f"{fake.url}/commons/w/api.php", params={**query, **params}).json()


def site(fake, host, **params) -> dict:
    query = {"action": "query", "format": "json", "formatversion": "2", "errorformat": "plaintext"}
    return httpx.get(f"{fake.url}/site/{host}/w/api.php", params={**query, **params}).json()


def walk(fake, **params) -> list[dict]:
    """Every answer of a Commons query, sending back each ``continue`` unchanged."""
    answers, following = [], {}
    while True:
        answer = commons(fake, **params, **following)
        assert "errors" not in answer, answer
        answers.append(answer)
        if "continue" not in answer:
            return answers
        following = answer["continue"]
        assert len(answers) < 1000


def test_the_recorded_allimages_continuation_is_reproduced_answer_for_answer(fakewiki):
    """The three recorded answers rebuilt from their own data: same continuations, same rows."""
    recorded = [json.loads((FIXTURES / name).read_text()) for name in RECORDED_TRIO]
    namespaces = {"Benutzer": 2, "Diskusjon": 1, "Wikipedia": 4, "User": 2, "Wikidata": 4}
    # Two page ids are in the recorded gucontinue values; the others only have to sort the way
    # the recorded rows come out (by wiki, then page id).
    page_ids = {
        ("no.wikipedia.org", "Liste over Edvard Munchs malerier"): 1281339,
        ("de.wikipedia.org", "Liste der Kulturdenkmale in Niedercunnersdorf"): 9849507,
    }
    files = sorted(recorded[0]["query"]["pages"].values(), key=lambda page: page["pageid"])
    for second, page in enumerate(files):
        fakewiki.add_file(
            page["title"], pageid=page["pageid"], timestamp=f"2015-10-31T23:00:{second:02d}Z"
        )
    next_batch = (
        "Lancelot 'Capability' BROWN - Wilderness House Moat Lane Hampton Court Palace "
        "Hampton Court London KT8 9AR.jpg"
    )
    fakewiki.add_file(next_batch, timestamp="2015-10-31T23:02:01Z")
    for answer in recorded:
        for page in answer["query"]["pages"].values():
            for use in page["globalusage"]:
                title = use["title"].replace("_", " ")
                ns = namespaces.get(title.split(":")[0], 0) if ":" in title else 0
                key = (use["wiki"], title)
                page_ids.setdefault(key, 2_000_000 + len(page_ids))
                if key not in fakewiki.pages:
                    fakewiki.add_page(use["wiki"], title, pageid=page_ids[key], ns=ns)
                fakewiki.add_usage(page["title"], use["wiki"], title, ns)

    following: dict = {}
    for expected in recorded:
        answer = commons(
            fakewiki,
            generator="allimages",
            gaisort="timestamp",
            gailimit=9,
            prop="imageinfo|globalusage",
            gulimit=10,
            guprop="url",
            **following,
        )
        assert answer["continue"] == expected["continue"]
        assert ("batchcomplete" in answer) == ("batchcomplete" in expected)
        assert {page["pageid"]: page["globalusage"] for page in answer["query"]["pages"]} == {
            page["pageid"]: page["globalusage"] for page in expected["query"]["pages"].values()
        }
        following = answer["continue"]


def test_a_category_generator_walk_merges_to_exactly_what_was_stored(fakewiki):
    wikis = ["en.wikipedia.org", "de.wikipedia.org", "www.wikidata.org", "sv.wikipedia.org"]
    stored = {}
    for n in range(23):
        uses = [(wikis[(n + k) % 4], f"Article {n % 5} {k}") for k in range(n % 4)]
        if n % 3 == 0:
            uses.append(("en.wikipedia.org", f"User:Someone/Gallery {n}", 2))  # not namespace 0
        fakewiki.add_file(f"Photo {n:02d}.jpg", categories=["Museum"], usages=uses)
        stored[f"File:Photo {n:02d}.jpg"] = {(host, title) for host, title, *ns in uses if not ns}
    fakewiki.add_category("Museum", subcategories=["Museum exhibitions", "Museum staff"])

    answers = walk(
        fakewiki,
        generator="categorymembers",
        gcmtitle="Category:Museum",
        gcmtype="file|subcat",
        gcmlimit=10,
        prop="globalusage",
        gunamespace=0,
        gulimit=4,
        guprop="url",
    )
    merged: dict[int, set] = {}
    titles: dict[int, str] = {}
    batch: set[int] = set()
    for answer in answers:
        ids = [page["pageid"] for page in answer["query"]["pages"]]
        batch = batch or set(ids)
        assert set(ids) == batch  # every answer of a batch lists the whole batch
        for page in answer["query"]["pages"]:
            titles[page["pageid"]] = page["title"]
            if page["ns"] == 14:
                assert "globalusage" not in page
                continue
            for use in page["globalusage"]:
                assert use["url"] == f"https://{use['wiki']}/wiki/{use['title']}"
                merged.setdefault(page["pageid"], set()).add(
                    (use["wiki"], use["title"].replace("_", " "))
                )
        if "batchcomplete" in answer:
            batch = set()
    assert {titles[pageid]: uses for pageid, uses in merged.items()} == {
        title: uses for title, uses in stored.items() if uses
    }
    assert sorted(t for t in titles.values() if t.startswith("File:")) == sorted(stored)
    assert {"Category:Museum exhibitions", "Category:Museum staff"} <= set(titles.values())
    assert len(answers) > 3  # the usages really were continued, and the generator too
    assert answers[-1]["batchcomplete"] is True and "continue" not in answers[-1]


def test_generator_continuations_have_the_real_shapes(fakewiki):
    for n in range(5):
        fakewiki.add_file(
            f"P{n}.jpg",
            categories=["Small"],
            usages=[("en.wikipedia.org", f"Page {n} {k}") for k in range(3)],
        )
    fakewiki.add_category("Small", subcategories=["Small details"])
    query = {
        "generator": "categorymembers",
        "gcmtitle": "Category:Small",
        "gcmtype": "subcat|file",
        "gcmlimit": 2,
        "prop": "globalusage",
        "gulimit": 2,
    }
    uses = {
        n: sorted(fakewiki.page_id("en.wikipedia.org", f"Page {n} {k}") for k in range(3))
        for n in range(5)
    }
    first = commons(fakewiki, **query)
    # Subcategories first (the order of gcmtype), then files by sort key.
    assert [page["title"] for page in first["query"]["pages"]] == [
        "Category:Small details",
        "File:P0.jpg",
    ]
    # A first request carries no continue parameter, so no generator key comes back; the
    # usages go on from the first row not given: (file, wiki id, page id).
    assert "batchcomplete" not in first
    assert first["continue"] == {"gucontinue": f"P0.jpg|enwiki|{uses[0][2]}", "continue": "||"}
    second = commons(fakewiki, **query, **first["continue"])
    assert second["batchcomplete"] is True
    p1 = fakewiki.page_id("commons.wikimedia.org", "File:P1.jpg")
    assert second["continue"] == {
        "gcmcontinue": f"file|{b'P1.jpg'.hex()}|{p1}",
        "continue": "gcmcontinue||",
    }
    # Within the next batch the generator's key is sent back with every answer.
    third = commons(fakewiki, **query, **second["continue"])
    assert [page["title"] for page in third["query"]["pages"]] == ["File:P1.jpg", "File:P2.jpg"]
    assert third["continue"] == {
        "gucontinue": f"P1.jpg|enwiki|{uses[1][2]}",
        "gcmcontinue": second["continue"]["gcmcontinue"],
        "continue": "gcmcontinue||",
    }
    fourth = commons(fakewiki, **query, **third["continue"])
    assert [len(page["globalusage"]) for page in fourth["query"]["pages"]] == [1, 1]
    assert commons(fakewiki, **query, gcmcontinue="nonsense")["errors"][0]["code"] == "badcontinue"


def test_an_empty_or_missing_category_answers_batchcomplete_without_query(fakewiki):
    fakewiki.add_category("Empty")
    for name in ("Category:Empty", "Category:Never heard of"):
        answer = commons(fakewiki, generator="categorymembers", gcmtitle=name, prop="globalusage")
        assert answer == {"batchcomplete": True}
    refused = commons(fakewiki, generator="categorymembers", gcmtitle="Empty", prop="globalusage")
    assert refused["errors"][0]["code"] == "invalidcategory"


def test_allimages_lists_a_persons_uploads_in_upload_order(fakewiki):
    for n, when in enumerate(
        ["2024-03-01T10:00:00Z", "2024-01-01T09:00:00Z", "2024-02-01T08:00:00Z"]
    ):
        fakewiki.add_file(f"Upload {n}.jpg", user="Alice Example", timestamp=when)
    fakewiki.add_file("Someone else.jpg", user="Bob", timestamp="2024-01-15T00:00:00Z")
    query = {
        "generator": "allimages",
        "gaiuser": "Alice_Example",
        "gaisort": "timestamp",
        "gailimit": 2,
        "prop": "globalusage",
    }
    first = commons(fakewiki, **query)
    assert [page["title"] for page in first["query"]["pages"]] == [
        "File:Upload 1.jpg",
        "File:Upload 2.jpg",
    ]
    assert first["continue"] == {
        "gaicontinue": "20240301100000|Upload_0.jpg",
        "continue": "gaicontinue||",
    }
    second = commons(fakewiki, **query, **first["continue"])
    assert [page["title"] for page in second["query"]["pages"]] == ["File:Upload 0.jpg"]
    assert second == {"batchcomplete": True, "query": second["query"]}
    refused = commons(fakewiki, generator="allimages", gaiuser="Alice Example", prop="globalusage")
    assert refused["errors"][0]["code"] == "invalidparammix"


def test_a_renamed_file_keeps_its_page_id_and_a_deleted_one_leaves_everything(fakewiki):
    kept = fakewiki.add_file("Old name.jpg", categories=["C"], usages=[("en.wikipedia.org", "A")])
    fakewiki.add_file("Doomed.jpg", categories=["C"], usages=[("de.wikipedia.org", "B")])
    fakewiki.rename_file("Old name.jpg", "New name.jpg")
    fakewiki.delete_file("Doomed.jpg")
    answer = commons(
        fakewiki, generator="categorymembers", gcmtitle="Category:C", prop="globalusage"
    )
    assert answer["query"]["pages"] == [
        {
            "pageid": kept,
            "ns": 6,
            "title": "File:New name.jpg",
            "globalusage": [
                {"title": "A", "wiki": "en.wikipedia.org", "url": "https://en.wikipedia.org/wiki/A"}
            ],
        }
    ]
    info = commons(fakewiki, prop="info", titles="File:Old_name.jpg|File:Doomed.jpg", redirects=1)
    assert info["query"]["redirects"] == [{"from": "File:Old name.jpg", "to": "File:New name.jpg"}]
    assert [page.get("pageid") for page in info["query"]["pages"]] == [None, kept]
    assert fakewiki.cim_figures("C")[0]["leveraging-page-count"] == 1


def test_older_direct_stores_still_feed_the_generator(fakewiki):
    fakewiki.category_members["Legacy"] = ["File:B.jpg", "File:A.jpg"]
    fakewiki.global_usage["File:A.jpg"] = [("en.wikipedia.org", "Alpha")]
    fakewiki.global_usage["B.jpg"] = [
        ("fr.wikipedia.org", "Bêta", 0),
        ("fr.wikipedia.org", "Talk:Bêta", 1),
    ]
    answer = commons(
        fakewiki,
        generator="categorymembers",
        gcmtitle="Category:Legacy",
        prop="globalusage",
        gunamespace=0,
    )
    assert [
        (p["title"], [u["title"] for u in p["globalusage"]]) for p in answer["query"]["pages"]
    ] == [("File:A.jpg", ["Alpha"]), ("File:B.jpg", ["Bêta"])]
    ids = [page["pageid"] for page in answer["query"]["pages"]]
    assert ids == [
        page["pageid"]
        for page in commons(
            fakewiki, generator="categorymembers", gcmtitle="Category:Legacy", prop="globalusage"
        )["query"]["pages"]
    ]


def test_the_commons_client_reads_generated_usage_from_the_fake(fakewiki):
    for n in range(12):
        fakewiki.add_file(
            f"F{n}.jpg",
            categories=["Walked"],
            usages=[("en.wikipedia.org", f"P{n % 4}"), ("sv.wikipedia.org", f"Q{n}")],
        )
    generator = {
        "generator": "categorymembers",
        "gcmtitle": "Category:Walked",
        "gcmtype": "file",
        "gcmlimit": 5,
    }
    original_action = Client.action

    def small_pages(self, api, params):
        return original_action(self, api, {**params, "gulimit": 3})

    client = Client()
    client.action = small_pages.__get__(client)
    batches = list(commons_module.generated_usage(generator, client=client))
    assert [len(batch.pages) for batch in batches] == [5, 5, 2]
    usages = {page.title: sorted(page.usages) for batch in batches for page in batch.pages}
    assert usages["File:F7.jpg"] == [("en.wikipedia.org", "P3"), ("sv.wikipedia.org", "Q7")]
    assert batches[-1].following is None


# -- Any wiki's pages -------------------------------------------------------------------------


def test_prop_info_normalizes_follows_redirects_and_reports_missing_pages(fakewiki):
    stockholm = fakewiki.add_page(
        "en.wikipedia.org",
        "Stockholm",
        revisions=[("2024-01-01T00:00:00Z", 100, "Alice"), ("2024-06-01T12:30:00Z", 180, "Bob")],
    )
    fakewiki.rename_page(
        "en.wikipedia.org", "Stockholm", "Stockholm City", timestamp="2025-03-01T00:00:00Z"
    )
    answer = site(
        fakewiki, "en.wikipedia.org", prop="info", titles="stockholm|Nowhere", redirects=1
    )
    assert answer["batchcomplete"] is True
    assert answer["query"]["normalized"] == [
        {"fromencoded": False, "from": "stockholm", "to": "Stockholm"}
    ]
    assert answer["query"]["redirects"] == [{"from": "Stockholm", "to": "Stockholm City"}]
    missing, found = answer["query"]["pages"]
    assert missing == {"ns": 0, "title": "Nowhere", "missing": True}
    assert found["pageid"] == stockholm and found["title"] == "Stockholm City"
    assert found["length"] == 180 and found["touched"] == "2025-03-01T00:00:00Z"
    # The move made a null revision, as MediaWiki does.
    revisions = site(
        fakewiki,
        "en.wikipedia.org",
        prop="revisions",
        titles="Stockholm City",
        rvprop="ids|timestamp|size|user",
        rvlimit="max",
    )["query"]["pages"][0]["revisions"]
    assert found["lastrevid"] == revisions[0]["revid"] and revisions[0]["size"] == 180
    # Not following: the old title is a redirect page with an id of its own.
    (redirect,) = site(fakewiki, "en.wikipedia.org", prop="info", titles="Stockholm")["query"][
        "pages"
    ]
    assert redirect["redirect"] is True and redirect["pageid"] != stockholm
    by_id = site(fakewiki, "en.wikipedia.org", prop="info", pageids=stockholm)["query"]["pages"]
    assert by_id[0]["title"] == "Stockholm City"
    too_many = site(
        fakewiki, "en.wikipedia.org", prop="info", titles="|".join(f"T{n}" for n in range(51))
    )
    (error,) = too_many["errors"]
    assert error["code"] == "toomanyvalues" and error["text"].endswith("The limit is 50.")


def test_revisions_from_a_moment_on_are_continued_with_rvcontinue(fakewiki):
    history = [
        (f"2024-{month:02d}-01T00:00:00Z", 100 + month, f"Editor {month % 3}")
        for month in range(1, 11)
    ]
    fakewiki.add_page("de.wikipedia.org", "Berlin", revisions=history)
    query = {
        "prop": "revisions",
        "titles": "Berlin",
        "rvprop": "ids|timestamp|size|user",
        "rvdir": "newer",
        "rvstart": "2024-03-01T00:00:00Z",
        "rvlimit": 3,
    }
    revisions, following, answers = [], {}, 0
    while True:
        answer = site(fakewiki, "de.wikipedia.org", **query, **following)
        answers += 1
        revisions += answer["query"]["pages"][0]["revisions"]
        if "continue" not in answer:
            assert answer["batchcomplete"] is True
            break
        assert "batchcomplete" not in answer
        following = answer["continue"]
        assert set(following) == {"rvcontinue", "continue"} and following["continue"] == "||"
        stamp, revid = following["rvcontinue"].split("|")
        assert len(stamp) == 14 and stamp.isdigit() and int(revid) > revisions[-1]["revid"]
    assert answers == 3
    assert [(r["timestamp"], r["size"], r["user"]) for r in revisions] == history[2:]
    assert all(r["parentid"] == before["revid"] for before, r in pairwise(revisions))
    assert set(revisions[0]) == {"revid", "parentid", "timestamp", "size", "user"}
    fakewiki.add_page("de.wikipedia.org", "Hamburg")
    refused = site(
        fakewiki, "de.wikipedia.org", prop="revisions", titles="Berlin|Hamburg", rvlimit=5
    )
    assert refused["errors"][0]["code"] == "invalidparammix"
    latest = site(
        fakewiki, "de.wikipedia.org", prop="revisions", titles="Berlin|Hamburg", rvprop="size"
    )
    assert [page["revisions"] for page in latest["query"]["pages"]] == [
        [{"size": 110}],
        [{"size": 1000}],
    ]


def test_wikidata_entities_are_pages_on_both_routes(fakewiki):
    fakewiki.add_item("Q1040", labels={"de": "Karlsruhe"})
    fakewiki.redirect("Q32063953", "Q1040")
    for path in ("/wikidata/w/api.php", "/site/www.wikidata.org/w/api.php"):
        answer = httpx.get(
            f"{fakewiki.url}{path}",
            params={
                "action": "query",
                "prop": "info",
                "titles": "Q32063953",
                "redirects": 1,
                "formatversion": 2,
            },
        ).json()
        assert answer["query"]["redirects"] == [{"from": "Q32063953", "to": "Q1040"}]
        (page,) = answer["query"]["pages"]
        assert (page["pageid"], page["lastrevid"], page["contentmodel"]) == (
            1140,
            2040,
            "wikibase-item",
        )
    assert fakewiki.requests_per_api()["wikidata"] == 2


def test_the_pages_client_reads_the_fake(fakewiki):
    fakewiki.add_page(
        "fr.wikipedia.org",
        "Lyon",
        revisions=[
            ("2023-05-01T00:00:00Z", 10, "A"),
            ("2024-05-01T00:00:00Z", 20, "B"),
            ("2025-05-01T00:00:00Z", 30, "C"),
        ],
    )
    fakewiki.rename_page(
        "fr.wikipedia.org", "Lyon", "Lyon (ville)", timestamp="2025-06-01T00:00:00Z"
    )
    found = pages_module.page_info("fr.wikipedia.org", ["Lyon", "Paris"], client=Client())
    assert found["Lyon"].title == "Lyon (ville)" and found["Paris"].missing
    since = pages_module.revisions_since(
        "fr.wikipedia.org", "Lyon (ville)", dt.datetime(2024, 1, 1, tzinfo=dt.UTC), client=Client()
    )
    assert [revision.size for revision in since] == [20, 30, 30]


def test_site_routes_serve_wikis_only(fakewiki):
    assert httpx.get(f"{fakewiki.url}/site/example.com/w/api.php").status_code == 404
    fakewiki.add_file("Same.jpg")
    here = httpx.get(
        f"{fakewiki.url}/site/commons.wikimedia.org/w/api.php",
        params={"action": "query", "prop": "info", "titles": "File:Same.jpg"},
    ).json()
    assert here == commons(fakewiki, prop="info", titles="File:Same.jpg")


# -- Page views by month ----------------------------------------------------------------------


def per_article(fake, project, title, granularity, start, end):
    return httpx.get(
        f"{fake.url}/rest_v1/metrics/pageviews/per-article/{project}/all-access/user/"
        f"{title}/{granularity}/{start}/{end}"
    )


def test_monthly_views_sum_the_days_and_leave_out_empty_months(fakewiki):
    days = {dt.date(2026, 1, 1) + dt.timedelta(days=n): n % 7 for n in range(59)}  # Jan, Feb
    fakewiki.add_pageviews("en.wikipedia", "Ada Lovelace", days)
    answer = per_article(
        fakewiki, "en.wikipedia", "Ada_Lovelace", "monthly", "2025120100", "2026043000"
    )
    items = answer.json()["items"]
    assert [(item["timestamp"], item["views"], item["granularity"]) for item in items] == [
        ("2026010100", sum(v for d, v in days.items() if d.month == 1), "monthly"),
        ("2026020100", sum(v for d, v in days.items() if d.month == 2), "monthly"),
    ]
    empty = per_article(
        fakewiki, "en.wikipedia", "Ada_Lovelace", "monthly", "2026030100", "2026043000"
    )
    assert empty.status_code == 404 and empty.headers["Content-Type"] == "application/problem+json"


def test_whole_months_stored_agree_with_the_daily_answer(fakewiki):
    fakewiki.set_monthly_views(
        "de.wikipedia.org", "Köln", {dt.date(2026, 1, 1): 1200, dt.date(2026, 2, 15): 29}
    )
    monthly = per_article(
        fakewiki, "de.wikipedia", "K%C3%B6ln", "monthly", "2026010100", "2026022800"
    ).json()
    assert [(i["timestamp"], i["views"]) for i in monthly["items"]] == [
        ("2026010100", 1200),
        ("2026020100", 29),
    ]
    daily = per_article(
        fakewiki, "de.wikipedia", "K%C3%B6ln", "daily", "2026010100", "2026022800"
    ).json()
    by_month: dict[str, int] = {}
    for item in daily["items"]:
        by_month[item["timestamp"][:6]] = by_month.get(item["timestamp"][:6], 0) + item["views"]
    assert by_month == {"202601": 1200, "202602": 29}
    assert len([i for i in daily["items"] if i["timestamp"].startswith("202602")]) == 28
    fakewiki.add_pageviews(
        "de.wikipedia", "Köln", {dt.date(2026, 2, 3): 5}
    )  # days replace the month
    monthly = per_article(
        fakewiki, "de.wikipedia", "K%C3%B6ln", "monthly", "2026010100", "2026022800"
    ).json()
    assert [(i["timestamp"], i["views"]) for i in monthly["items"]] == [
        ("2026010100", 1200),
        ("2026020100", 5),
    ]


def test_the_pageviews_client_reads_monthly_views(fakewiki):
    fakewiki.set_monthly_views("en.wikipedia", "HIV/AIDS", {dt.date(2025, 3, 1): 77})
    months = pageviews_module.monthly(
        "en.wikipedia.org", "HIV/AIDS", dt.date(2025, 2, 1), dt.date(2025, 4, 1), client=Client()
    )
    assert months == {dt.date(2025, 2, 1): 0, dt.date(2025, 3, 1): 77, dt.date(2025, 4, 1): 0}


# -- Commons Impact Metrics from the fake's data ----------------------------------------------


def cim_get(fake, path):
    return httpx.get(f"{fake.url}/rest_v1/metrics/commons-analytics/{path}")


def test_computed_cim_figures_match_the_builders_summary(fakewiki):
    summary = build_category(
        fakewiki,
        "Nordic Museum",
        files=600,
        used_files=150,
        pages=90,
        subcategories=9,
        overlap=40,
        cycle=True,
        seed=7,
        months=(dt.date(2025, 1, 1), dt.date(2025, 6, 1)),
    )
    assert summary["snapshot"]["media-file-count-deep"] == 600
    assert summary["snapshot"]["used-media-file-count-deep"] == 150
    assert summary["snapshot"]["leveraging-page-count-deep"] == 90
    assert summary["snapshot"]["leveraging-wiki-count-deep"] == 4
    items = cim_get(fakewiki, "category-metrics-snapshot/Nordic_Museum/20250101/20250630").json()[
        "items"
    ]
    assert [item["timestamp"] for item in items] == [f"2025-0{m}-01T00:00:00Z" for m in range(1, 7)]
    assert all({k: item[k] for k in summary["snapshot"]} == summary["snapshot"] for item in items)
    snapshot = cim_module.category_snapshot(
        "Nordic Museum", dt.date(2025, 1, 1), dt.date(2025, 1, 31), client=Client()
    )
    assert snapshot[0]["leveraging_page_count"] == summary["snapshot"]["leveraging-page-count"]
    for scope in ("deep", "shallow"):
        answer = cim_get(
            fakewiki,
            f"pageviews-per-category-monthly/Nordic_Museum/{scope}/all-wikis/20250101/20250630",
        )
        views = {
            dt.date.fromisoformat(i["timestamp"][:10]): i["pageview-count"]
            for i in answer.json()["items"]
        }
        assert views == summary["pageviews"][scope]
    german = cim_module.category_pageviews(
        "Nordic_Museum",
        dt.date(2025, 1, 1),
        dt.date(2025, 6, 30),
        wiki="de.wikipedia",
        client=Client(),
    )
    assert german == summary["pageviews_by_wiki"]["deep"]["de.wikipedia"]
    # The figures follow the data: one more page using one more file.
    unused = next(f for f in summary["files"] if f not in summary["used_files"])
    fakewiki.add_usage(unused, "nl.wikipedia.org", "Nieuw artikel")
    after = cim_get(fakewiki, "category-metrics-snapshot/Nordic_Museum/20250101/20250131").json()[
        "items"
    ][0]
    assert after["used-media-file-count-deep"] == 151 and after["leveraging-wiki-count-deep"] == 5


def test_computed_cim_figures_by_hand_with_a_deep_chain_and_a_cycle(fakewiki):
    # Level 0 … 9 below "Top", one file each; the file of level 8 and 9 is too deep.
    chain = ["Top"] + [f"Level {n}" for n in range(1, 10)]
    for parent, child in pairwise(chain):
        fakewiki.add_category(parent, subcategories=[child])
    fakewiki.add_category("Level 9", subcategories=["Top"])  # a cycle
    for depth, name in enumerate(chain):
        fakewiki.add_file(f"Depth {depth}.jpg", categories=[name])
    fakewiki.add_file("Also top.jpg", categories=["Top", "Level 1"])
    fakewiki.add_usage("Depth 0.jpg", "en.wikipedia.org", "Shared")
    fakewiki.add_usage("Also top.jpg", "en.wikipedia.org", "Shared")
    fakewiki.add_usage("Also top.jpg", "en.wikipedia.org", "User:Fan")  # namespace 2: not counted
    fakewiki.add_usage("Depth 3.jpg", "www.wikidata.org", "Q5")
    fakewiki.add_usage("Depth 8.jpg", "fr.wikipedia.org", "Trop profond")
    fakewiki.set_monthly_views("en.wikipedia", "Shared", {dt.date(2025, 1, 1): 100})
    fakewiki.set_monthly_views("wikidata", "Q5", {dt.date(2025, 1, 1): 7})
    fakewiki.set_monthly_views("fr.wikipedia", "Trop profond", {dt.date(2025, 1, 1): 1000})
    fakewiki.cim_allow.add("Top")
    (item,) = cim_get(fakewiki, "category-metrics-snapshot/Top/20250101/20250131").json()["items"]
    assert {k: v for k, v in item.items() if k not in ("category", "timestamp")} == {
        "media-file-count": 2,
        "media-file-count-deep": 9,
        "used-media-file-count": 2,
        "used-media-file-count-deep": 3,
        "leveraging-wiki-count": 1,
        "leveraging-wiki-count-deep": 2,
        "leveraging-page-count": 1,
        "leveraging-page-count-deep": 2,
    }
    deep = cim_get(
        fakewiki, "pageviews-per-category-monthly/Top/deep/all-wikis/20250101/20250131"
    ).json()
    assert deep["items"][0]["pageview-count"] == 107
    wikidata = cim_get(
        fakewiki, "pageviews-per-category-monthly/Top/deep/wikidata/20250101/20250131"
    ).json()
    assert wikidata["items"][0]["pageview-count"] == 7


def test_stored_cim_months_take_precedence_and_other_categories_are_not_found(fakewiki):
    fakewiki.cim_allow.update({"Stored", "Plain"})
    fakewiki.add_file("X.jpg", categories=["Stored"])
    fakewiki.add_cim_month("Stored", "2025-01", media_file_count=999, pageviews=5)
    stored = cim_get(fakewiki, "category-metrics-snapshot/Stored/20250101/20250131").json()
    assert stored["items"][0]["media-file-count"] == 999
    assert (
        cim_get(fakewiki, "category-metrics-snapshot/Plain/20250101/20250131").json()["items"][0][
            "media-file-count"
        ]
        == 0
    )
    missing = cim_get(fakewiki, "category-metrics-snapshot/Not_allowed/20250101/20250131")
    assert missing.status_code == 404 and "not loaded yet" in missing.json()["detail"]


# -- Changes between two refreshes ------------------------------------------------------------


def test_renaming_a_page_moves_its_usages_and_leaves_a_redirect(fakewiki):
    fakewiki.add_file(
        "Bridge.jpg", categories=["Bridges"], usages=[("en.wikipedia.org", "Old bridge")]
    )
    page = fakewiki.page_id("en.wikipedia.org", "Old bridge")
    fakewiki.rename_page("en.wikipedia.org", "Old bridge", "Old Bridge (Mostar)")
    fakewiki.add_usage("Bridge.jpg", "hr.wikipedia.org", "Stari most")
    answer = commons(
        fakewiki,
        generator="categorymembers",
        gcmtitle="Category:Bridges",
        prop="globalusage",
        guprop="url|pageid|namespace",
    )
    assert answer["query"]["pages"][0]["globalusage"] == [
        {
            "title": "Old_Bridge_(Mostar)",
            "wiki": "en.wikipedia.org",
            "url": "https://en.wikipedia.org/wiki/Old_Bridge_(Mostar)",
            "pageid": str(page),
            "ns": "0",
        },
        {
            "title": "Stari_most",
            "wiki": "hr.wikipedia.org",
            "url": "https://hr.wikipedia.org/wiki/Stari_most",
            "pageid": str(fakewiki.page_id("hr.wikipedia.org", "Stari most")),
            "ns": "0",
        },
    ]
    fakewiki.remove_usage("Bridge.jpg", "hr.wikipedia.org", "Stari most")
    fakewiki.delete_file("Bridge.jpg")
    assert (
        fakewiki.category_members["Bridges"] == []
        and "File:Bridge.jpg" not in fakewiki.global_usage
    )
    info = site(fakewiki, "en.wikipedia.org", prop="info", titles="Old bridge", redirects=1)
    assert info["query"]["pages"][0]["pageid"] == page


# -- Large data -------------------------------------------------------------------------------


def test_the_builder_makes_ten_thousand_files_quickly_with_exact_figures(fakewiki):
    started = time.perf_counter()
    summary = build_category(
        fakewiki, "Big archive", files=10_000, used_files=2_000, pages=3_000, seed=1
    )
    assert time.perf_counter() - started < 3.0
    assert summary["snapshot"] == {
        "media-file-count": 10_000,
        "used-media-file-count": 2_000,
        "leveraging-wiki-count": 4,
        "leveraging-page-count": 3_000,
        "media-file-count-deep": 10_000,
        "used-media-file-count-deep": 2_000,
        "leveraging-wiki-count-deep": 4,
        "leveraging-page-count-deep": 3_000,
    }
    assert len(summary["pages"]) == 3_000 and len(summary["months"]) == 12
    started = time.perf_counter()
    assert fakewiki.cim_figures("Big archive")[0] == summary["snapshot"]
    assert time.perf_counter() - started < 1.0
    with pytest.raises(ValueError):
        build_category(fakewiki, "Impossible", files=5, used_files=3, pages=0)


# -- What was served --------------------------------------------------------------------------


def test_requests_are_counted_per_api_and_endpoint(fakewiki):
    fakewiki.add_file("A.jpg", categories=["K"])
    commons(fakewiki, generator="categorymembers", gcmtitle="Category:K", prop="globalusage")
    commons(fakewiki, generator="categorymembers", gcmtitle="Category:K", prop="globalusage")
    site(fakewiki, "en.wikipedia.org", prop="info", titles="X")
    per_article(fakewiki, "en.wikipedia", "X", "monthly", "2025010100", "2025013100")
    httpx.get(f"{fakewiki.url}/wikidata/w/api.php", params={"action": "wbgetentities", "ids": "Q1"})
    assert fakewiki.requests_per_api() == {
        "commons": 2,
        "en.wikipedia.org": 1,
        "rest": 1,
        "wikidata": 1,
    }
    assert (
        fakewiki.requests_per_endpoint()[("commons", "generator=categorymembers&prop=globalusage")]
        == 2
    )
    assert fakewiki.count_requests(endpoint="pageviews/per-article/monthly") == 1
    assert fakewiki.count_requests("wikidata", "action=wbgetentities") == 1
    assert fakewiki.busiest_minute() == 5


def test_the_busiest_minute_is_a_sliding_window(fakewiki):
    moments = iter([0.0, 10.0, 50.0, 65.0, 69.0, 109.0, 200.0])
    fakewiki.clock = lambda: next(moments)
    for _ in range(7):
        site(fakewiki, "en.wikipedia.org", prop="info", titles="X")
    # 10, 50, 65, 69 lie within 60 s (so do 50 … 109); per calendar minute it would look like 3.
    assert fakewiki.busiest_minute() == 4
    assert fakewiki.busiest_minute(window=200.0) == 6
    assert fakewiki.busiest_minute(api="commons") == 0


def test_latency_applies_to_every_endpoint_and_answers_overlap(fakewiki):
    fakewiki.latency = 0.1
    views = (
        "metrics/pageviews/per-article/en.wikipedia/all-access/user/X/daily/2025010100/2025010200"
    )
    urls = [
        f"{fakewiki.url}/commons/w/api.php?action=query&prop=info&titles=X",
        f"{fakewiki.url}/site/en.wikipedia.org/w/api.php?action=query&prop=info&titles=X",
        f"{fakewiki.url}/rest_v1/{views}",
        f"{fakewiki.url}/wikidata/w/api.php?action=wbgetentities&ids=Q1",
    ]
    for url in urls:  # one at a time: each waits
        started = time.perf_counter()
        httpx.get(url)
        assert time.perf_counter() - started >= 0.1
    with httpx.Client() as client:  # one client: httpx.get alone takes tens of ms to set up
        client.get(urls[0])
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=4) as pool:
            list(pool.map(client.get, urls))
        # Answered side by side: at least three were being answered at one moment, and all four
        # took less than the 0.4 s they take one after another.
        assert fakewiki.most_concurrent >= 3
        assert time.perf_counter() - started < 0.38
        fakewiki.latency = {"rest": 0.2}
        started = time.perf_counter()
        client.get(urls[0])
        assert time.perf_counter() - started < 0.1
