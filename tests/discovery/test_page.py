"""The discovery page: results by kind and area, the hand-written query box, bulk adding."""

import html
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from partnerkit.discovery.models import DiscoveryQuery
from partnerkit.partners import services as partner_services
from partnerkit.partners.models import Partner
from partnerkit.partnerships.models import Partnership
from tests.conftest import login
from tests.discovery.conftest import binding, sparql_requests

PAGE = "/w/north/discover/"
SPARQL = "/w/north/discover/sparql/"
ADD = "/w/north/discover/add/"


def text_of(response) -> str:
    return html.unescape(response.content.decode())


def test_the_empty_page_offers_the_form_and_the_nav_marks_discover(client, alice, north):
    response = login(client, alice).get(PAGE)
    assert response.status_code == 200
    page = text_of(response)
    assert 'name="kind"' in page and 'name="area"' in page
    assert 'href="/w/north/discover/" aria-current="page"' in page
    assert "Advanced: write your own SPARQL query" in page


def test_the_partner_list_links_to_discovery(client, alice, north):
    page = text_of(login(client, alice).get("/w/north/partners/"))
    assert 'href="/w/north/discover/"' in page and "Find candidates on Wikidata" in page


def test_results_mark_the_same_item_and_a_similar_name_and_show_the_query(
    client, alice, museum, wdqs
):
    wdqs.add_item("Q1754", labels={"en": "Stockholm"})
    response = login(client, alice).get(PAGE, {"kind": "museum", "area": "Q1754"})
    assert response.status_code == 200
    page = text_of(response)
    assert "Museums in Stockholm (Q1754)" in page
    assert "Vasamuseet" in page and "Moderna Museet" in page
    assert page.count(f'href="/w/north/partners/{museum.pk}/"') == 2
    assert "same item" in page and "similar name, 100%" in page
    assert "?item wdt:P131* wd:Q1754 ." in page
    assert "https://query.wikidata.org/#" in page
    # The registered item has no box to tick; the new ones do.
    assert 'name="qids" value="Q1439564"' not in page
    assert 'name="qids" value="Q1145" data-new' in page
    assert 'name="qids" value="Q9999001" aria-label' in page  # similar: not ticked by "all"


def test_the_same_discovery_again_is_answered_from_the_cache_until_fetched_again(
    client, alice, north, wdqs
):
    login(client, alice)
    client.get(PAGE, {"kind": "museum", "area": "SE"})
    page = text_of(client.get(PAGE, {"kind": "museum", "area": "se", "limit": "200"}))
    assert len(sparql_requests(wdqs)) == 1
    assert re.search(r"fetched (now|\d+\xa0seconds? ago) by alice", page)
    assert "Museums in Sweden (SE)" in page and "Fetch again" in page
    discovery = DiscoveryQuery.objects.get()
    response = client.post(PAGE, {"discovery": discovery.pk})
    assert response.status_code == 302 and response.url == f"{PAGE}?discovery={discovery.pk}"
    assert len(sparql_requests(wdqs)) == 2


def test_a_failed_fetch_again_keeps_the_kept_answer(client, alice, north, wdqs):
    login(client, alice).get(PAGE, {"kind": "museum", "area": "SE"})
    discovery = DiscoveryQuery.objects.get()
    wdqs.fail_next("timeout", api="sparql")
    response = client.post(PAGE, {"discovery": discovery.pk})
    assert response.status_code == 200
    page = text_of(response)
    assert "stopped the query after 60 seconds" in page and "Vasamuseet" in page
    kept = DiscoveryQuery.objects.get()
    assert kept.fetched_at == discovery.fetched_at and kept.row_count == 5


def test_a_bad_area_is_named_and_nothing_is_asked(client, alice, north, wdqs):
    page = text_of(login(client, alice).get(PAGE, {"kind": "museum", "area": "Sweden"}))
    assert "“Sweden” is neither a country code" in page
    assert 'aria-invalid="true"' in page
    assert sparql_requests(wdqs) == []


def test_a_timeout_says_to_narrow_the_query(client, alice, north, wdqs):
    wdqs.fail_next("timeout", api="sparql")
    page = text_of(login(client, alice).get(PAGE, {"kind": "ngo", "area": "US"}))
    assert "stopped the query after 60 seconds" in page and "Narrow it" in page
    assert not DiscoveryQuery.objects.exists()


class TestHandWrittenQuery:
    QUERY = "SELECT ?item ?itemLabel WHERE { ?item wdt:P31 wd:Q33506 ; wdt:P131 wd:Q1754 . }"

    def test_results_of_a_member_query_are_shown_with_the_query_kept(
        self, client, carol, north, wdqs
    ):
        response = login(client, carol).post(SPARQL, {"sparql": self.QUERY})
        discovery = DiscoveryQuery.objects.get()
        assert response.status_code == 302 and response.url == f"{PAGE}?discovery={discovery.pk}"
        page = text_of(client.get(response.url))
        assert "Results of the hand-written query" in page and "Vasamuseet" in page
        assert f">{self.QUERY}</textarea>" in page
        assert discovery.handwritten and discovery.sparql == self.QUERY

    def test_a_syntax_error_shows_the_services_message_next_to_the_box(
        self, client, carol, north, wdqs
    ):
        wdqs.fail_next(400, api="sparql")
        broken = "SELECT ?item ?oops WHERE { ?item wdt:P31 wd:Q33506 }"
        response = login(client, carol).post(SPARQL, {"sparql": broken})
        assert response.status_code == 200
        page = text_of(response)
        errors = page.split('id="sparql-errors"')[1].split("</ul>")[0]
        assert "line 1, column 10" in errors
        assert f">{broken}</textarea>" in page
        assert '<details class="card" open>' in page
        assert not DiscoveryQuery.objects.exists()

    def test_a_query_without_item_is_refused_before_asking(self, client, carol, north, wdqs):
        query = {"sparql": "SELECT ?x WHERE { ?x ?p ?o }"}
        page = text_of(login(client, carol).post(SPARQL, query))
        assert "The query must select ?item" in page
        assert sparql_requests(wdqs) == []

    def test_a_timeout_says_to_narrow_it(self, client, carol, north, wdqs):
        wdqs.fail_next("timeout", api="sparql")
        page = text_of(login(client, carol).post(SPARQL, {"sparql": self.QUERY}))
        assert "stopped the query after 60 seconds" in page.split('id="sparql-errors"')[1]

    def test_viewers_see_no_box_and_may_not_post_one(self, client, victor, north, wdqs):
        login(client, victor)
        assert "write your own SPARQL" not in text_of(client.get(PAGE))
        assert client.post(SPARQL, {"sparql": self.QUERY}).status_code == 403
        assert sparql_requests(wdqs) == []

    def test_viewers_see_a_members_query_but_may_not_fetch_it_again(
        self, client, carol, victor, north, wdqs
    ):
        login(client, carol).post(SPARQL, {"sparql": self.QUERY})
        discovery = DiscoveryQuery.objects.get()
        login(client, victor)
        page = text_of(client.get(PAGE, {"discovery": discovery.pk}))
        assert "Vasamuseet" in page and "Fetch again" not in page
        assert client.post(PAGE, {"discovery": discovery.pk}).status_code == 403
        assert len(sparql_requests(wdqs)) == 1

    def test_recent_discoveries_are_listed_on_the_empty_page(self, client, carol, north, wdqs):
        login(client, carol).get(PAGE, {"kind": "learned_society", "area": "FI"})
        client.post(SPARQL, {"sparql": self.QUERY})
        page = text_of(client.get(PAGE))
        assert "Learned societies in Finland (FI)" in page and "Hand-written query" in page


class TestBulkAdd:
    def discovery(self, client, user):
        login(client, user).get(PAGE, {"kind": "museum", "area": "Q1754"})
        return DiscoveryQuery.objects.get()

    def test_ticked_results_become_partners_with_idea_partnerships(
        self, client, carol, museum, wdqs
    ):
        discovery = self.discovery(client, carol)
        response = client.post(
            ADD,
            {"discovery": discovery.pk, "qids": ["Q1145", "Q1780"], "kind": "museum"},
            follow=True,
        )
        page = text_of(response)
        vasa = Partner.objects.get(wikidata_qid="Q1145")
        assert "Added 2 partners" in page and f'href="/w/north/partners/{vasa.pk}/"' in page
        assert (
            Partnership.objects.filter(
                partner__wikidata_qid__in=["Q1145", "Q1780"], stage="idea"
            ).count()
            == 2
        )
        assert vasa.place == "Djurgården" and vasa.created_by == carol
        # Marked as registered now.
        assert 'name="qids" value="Q1145"' not in page

    def test_an_already_registered_item_is_skipped_and_reported(self, client, carol, museum, wdqs):
        discovery = self.discovery(client, carol)
        response = client.post(
            ADD,
            {"discovery": discovery.pk, "qids": ["Q1439564", "Q1780"], "kind": "museum"},
            follow=True,
        )
        page = text_of(response)
        assert "Added 1 partner with a partnership at the idea stage" in page
        assert "Skipped, already partners: Nordiska museet (Nordic Museum)." in page
        assert Partner.objects.filter(wikidata_qid="Q1439564").count() == 1

    def test_an_item_not_in_the_results_adds_nothing(self, client, carol, north, wdqs):
        discovery = self.discovery(client, carol)
        response = client.post(
            ADD,
            {"discovery": discovery.pk, "qids": ["Q1145", "Q42"], "kind": "museum"},
            follow=True,
        )
        assert "Q42 is not one of the available choices" in text_of(response)
        assert not Partner.objects.exists()

    def test_viewers_may_discover_but_not_add(self, client, victor, north, wdqs):
        discovery = self.discovery(client, victor)
        page = text_of(client.get(f"{PAGE}?discovery={discovery.pk}"))
        assert "Vasamuseet" in page and 'name="qids"' not in page
        body = {"discovery": discovery.pk, "qids": ["Q1145"], "kind": "museum"}
        response = client.post(ADD, body)
        assert response.status_code == 403
        assert not Partner.objects.exists()

    def test_another_workspaces_discovery_is_404(self, client, bob, south, carol, north, wdqs):
        discovery = self.discovery(client, carol)
        login(client, bob)
        assert client.get(f"/w/south/discover/?discovery={discovery.pk}").status_code == 404
        body = {"discovery": discovery.pk, "qids": ["Q1145"], "kind": "museum"}
        response = client.post("/w/south/discover/add/", body)
        assert response.status_code == 404
        assert not Partner.objects.exists()


def test_the_page_runs_the_same_queries_for_few_and_many_rows_and_partners(
    client, alice, north, fakewiki
):
    login(client, alice)

    def queries(area):
        client.get(PAGE, {"kind": "museum", "area": area})  # fetch and store
        with CaptureQueriesContext(connection) as context:
            response = client.get(PAGE, {"kind": "museum", "area": area})
        assert response.status_code == 200
        return [query["sql"] for query in context.captured_queries]

    fakewiki.sparql_rows = [binding(f"Q{n}", f"Museum {n}", sitelinks=n) for n in range(1, 6)]
    few = queries("Q1754")
    fakewiki.sparql_rows = [binding(f"Q{n}", f"Museum {n}", sitelinks=n) for n in range(1, 1001)]
    for n in range(60):
        partner_services.partner_create(
            workspace=north,
            by=alice,
            name=f"Museum {n}",
            kind="museum",
            wikidata_qid=f"Q{n + 1}" if n % 2 else "",
        )
    many = queries("Q1")
    assert len(many) == len(few), "\n".join(many)


def test_a_thousand_rows_come_in_pages_of_100_from_the_kept_answer(client, alice, north, fakewiki):
    fakewiki.sparql_rows = [binding(f"Q{n}", f"Museum {n}", sitelinks=n) for n in range(1, 251)]
    login(client, alice)
    first = text_of(client.get(PAGE, {"kind": "museum", "area": "SE", "limit": "1000"}))
    assert first.count('name="qids"') == 100 and "Page 1 of 3" in first
    discovery = DiscoveryQuery.objects.get()
    last = text_of(client.get(PAGE, {"discovery": discovery.pk, "page": 3}))
    assert last.count('name="qids"') == 50 and 'value="Q250"' in last and 'value="Q1"' not in last
    assert "250 results" in last
    assert len(sparql_requests(fakewiki)) == 1
    response = client.post(
        ADD, {"discovery": discovery.pk, "qids": ["Q250"], "kind": "museum", "page": "3"}
    )
    assert response.url == f"{PAGE}?discovery={discovery.pk}&page=3"
