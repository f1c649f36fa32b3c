"""Refreshing the impact figures of a 10,000-file Commons category used on 3,000 articles,
against the local fake Wikimedia server answering each request after 100 ms, as
`partnerkit stats refresh` does it: three requests in flight, the rate limit configured.

The category is not on the Commons Impact Metrics allow list, so the figures are computed:
one CIM request learns that, the listing (files and their usages, 500 of each per request)
follows, then one page view request per article for the eleven complete months. Printed:
the requests against the minimum this method needs, the busiest minute against the limit,
the wall time, and the same for a second refresh with nothing changed.

Three requests go out at once on PostgreSQL (and on a SQLite file); the in-memory SQLite
database of a plain test run takes them one at a time, so run this on PostgreSQL for the
installation's figures (see README.md in this folder).

The rate defaults to 1,200 requests a minute so that a run takes minutes, not the twenty a
public installation's 150 would take; set PARTNERKIT_BENCH_REQUESTS_PER_MINUTE to measure
another.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import time

import pytest

from partnerkit.impact import services
from partnerkit.impact.models import MonthlyFigure, Snapshot
from partnerkit.partnerships.services import partnership_create
from partnerkit.wikimedia.http import Client
from partnerkit.wikimedia.ratelimit import RateLimiter
from tests.fakewiki import FakeWiki, build_category

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db(transaction=True)]

FILES, USED, PAGES = 10_000, 4_000, 3_000
LATENCY = 0.1
PER_MINUTE = int(os.environ.get("PARTNERKIT_BENCH_REQUESTS_PER_MINUTE", "1200"))
TODAY = dt.date(2026, 12, 3)
NAME = "Benchmark museum photographs"
LIMIT = 500


def minimum_requests(summary: dict) -> int:
    """What the chosen method cannot do with less: the CIM question, each generator batch of
    500 files with one more request per 500 usage rows after the first, one page view request
    per article."""
    files = sorted(summary["files"], key=lambda title: title.removeprefix("File:"))
    listing = 0
    for start in range(0, len(files), LIMIT):
        rows = sum(
            1 for title in files[start : start + LIMIT]
            for _host, _page, ns in summary["usages"].get(title, ()) if ns == 0
        )  # fmt: skip
        listing += max(1, math.ceil(rows / LIMIT))
    return 1 + listing + len(summary["pages"])


def test_refreshing_a_10000_file_category_used_on_3000_articles(alice, north, settings):
    with FakeWiki() as fake:
        fake.latency = LATENCY
        settings.WIKIMEDIA_BASE_URL = fake.url
        summary = build_category(
            fake, NAME, files=FILES, used_files=USED, pages=PAGES,
            months=(dt.date(2026, 1, 1), dt.date(2026, 11, 1)), allow=False,
        )
        partnership = _partnership(north, alice)
        source = services.source_create(partnership=partnership, by=alice, kind="category",
                                        name=NAME)
        limiter = RateLimiter(requests_per_minute=PER_MINUTE, max_in_flight=3)
        client = Client(limiter=limiter)

        started = time.perf_counter()
        run = services.refresh_start(workspace=north, by=alice, enqueue=False)
        run = services.refresh_process(run=run, client=client, today=TODAY)
        first_wall = time.perf_counter() - started
        assert run.status == "done", run.error
        first = client.requests_sent
        grants = sorted(limiter.grants)
        # The limiter's own window, where the rate is decided; the server sees the same
        # requests a few milliseconds later, so its busiest minute may differ by one.
        busiest = max(
            sum(1 for moment in grants[i:] if moment < start + 60) for i, start in enumerate(grants)
        )
        busiest_seen = fake.busiest_minute()

        figures = Snapshot.objects.get(source=source).figures
        snapshot = summary["snapshot"]
        assert figures["media_files"]["value"] == snapshot["media-file-count-deep"] == FILES
        assert figures["files_used"]["value"] == snapshot["used-media-file-count-deep"] == USED
        assert figures["pages"]["value"] == snapshot["leveraging-page-count-deep"] == PAGES
        assert figures["wikis"]["value"] == snapshot["leveraging-wiki-count-deep"]
        views = dict(MonthlyFigure.objects.filter(source=source, metric="page_views")
                     .values_list("month", "value"))
        assert views == summary["pageviews"]["deep"]

        fewest = minimum_requests(summary)
        assert first <= 1.05 * fewest
        assert busiest <= PER_MINUTE

        before = len(fake.requests)
        started = time.perf_counter()
        again = services.refresh_start(workspace=north, by=alice, enqueue=False)
        again = services.refresh_process(run=again, client=client, today=TODAY)
        second_wall = time.perf_counter() - started
        second = len(fake.requests) - before
        assert again.status == "done"
        assert second <= 0.05 * first

    print(
        f"\nImpact refresh of {FILES:,} files used on {PAGES:,} articles, {LATENCY * 1000:.0f} ms "
        f"per answer, limit {PER_MINUTE:,} requests a minute and 3 in flight:\n"
        f"  first refresh: {first:,} requests (the method's minimum: {fewest:,}; "
        f"{first / fewest:.3f}×), busiest minute {busiest:,} granted "
        f"({busiest_seen:,} seen by the server), {first_wall:.1f} s\n"
        f"  second refresh, nothing changed: {second:,} requests "
        f"({100 * second / first:.1f} % of the first), {second_wall:.1f} s"
    )


def _partnership(north, alice):
    from partnerkit.partners.services import partner_create

    partner = partner_create(workspace=north, by=alice, name="Benchmark museum", kind="museum")
    return partnership_create(workspace=north, partner=partner, by=alice, title="Benchmark",
                              started_on=dt.date(2026, 1, 5))
