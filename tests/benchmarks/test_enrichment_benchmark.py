"""Fetching the Wikidata facts of 2,000 linked partners against the local fake Wikimedia
server, on the real clock with the installation's default limits (150 requests a minute, 3 in
flight), the way `partnerkit wikidata refresh --all` does it.

The fake server waits a little before each answer (``LATENCY``) to stand for the network; a
real wbgetentities batch of 50 items takes Wikidata longer, so real runs are slower by the
difference times the number of requests. Printed: requests sent, wall time, and how much of
it was spent waiting for the limiter, the database and the server.
"""

from __future__ import annotations

import math
import time

import pytest

from partnerkit.partners.models import Partner
from partnerkit.research import services
from partnerkit.research.models import PartnerFacts
from partnerkit.wikimedia.http import Client
from partnerkit.wikimedia.ratelimit import RateLimiter

pytestmark = pytest.mark.benchmark

PARTNERS = 2000
LATENCY = 0.05


def test_enriching_2000_partners_with_the_default_limits(alice, north, fakewiki, settings):
    fakewiki.latency = LATENCY
    fakewiki.add_item("Q34", labels={"en": "Sweden", "sv": "Sverige"})
    fakewiki.add_item("Q33506", labels={"en": "museum", "sv": "museum"})
    for n in range(PARTNERS):
        fakewiki.add_item(
            f"Q{10_000 + n}",
            labels={"en": f"Museum {n}", "sv": f"Museet {n}"},
            descriptions={"en": "museum in Sweden"},
            instance_of=["Q33506"],
            country="Q34",
            website=f"https://museum{n}.example.org/",
            commons_category=f"Museum {n}",
            sitelinks={"enwiki": f"Museum {n}", "svwiki": f"Museet {n}"},
        )
    Partner.objects.bulk_create(
        Partner(workspace=north, name=f"Museum {n}", kind="museum", wikidata_qid=f"Q{10_000 + n}")
        for n in range(PARTNERS)
    )
    north.content_languages = "sv, en"
    north.save(update_fields=["content_languages"])
    limiter = RateLimiter(requests_per_minute=150, max_in_flight=3)
    client = Client(limiter=limiter)

    started = time.perf_counter()
    run = services.enrichment_start(workspace=north, by=alice, scope="all", enqueue=False)
    run = services.enrichment_process(run=run, client=client)
    wall = time.perf_counter() - started

    assert run.status == "done", run.error
    assert PartnerFacts.objects.filter(partner__workspace=north).count() == PARTNERS
    sent = client.requests_sent
    assert sent <= math.ceil(PARTNERS / 50) + 5
    grants = list(limiter.grants)
    busiest = max(sum(1 for g in grants if start <= g < start + 60) for start in grants)
    print(
        f"\nEnriching {PARTNERS} partners with the default limits: {sent} requests "
        f"(at most {busiest} in a minute), {wall:.1f} s in all, "
        f"{sent * LATENCY:.1f} s of it the fake server's latency of {LATENCY * 1000:.0f} ms "
        f"per answer; {PARTNERS / wall:.0f} partners a second."
    )
