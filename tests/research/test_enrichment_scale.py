"""Enriching 2,000 linked partners against the fake Wikimedia server, with a rate limiter on a
fake clock (its ``sleep`` advances the clock, so minutes of waiting take no real time).

What is checked:
- requests: at most ceil(2000 / 50) item batches plus a constant of 5, which covers the one
  batched label lookup for the items the facts point to (every partner here shares the same
  country and kind: one lookup of 2 ids), the request refused with 429, the request answered
  with garbled JSON, and 2 spare;
- never more than the configured requests per minute in any 60-second window of grants;
- a 429 with Retry-After injected mid-run is honoured: the retry is granted at least
  Retry-After seconds (fake clock) after the refused request;
- an interruption after batch 17 (garbled JSON) fails the job; resuming it fetches only the
  1,150 items not done, none of the 850 done.
The measured figures are printed (run pytest with -s to see them).
"""

import math
import time

from partnerkit.partners.models import Partner
from partnerkit.research import services
from partnerkit.research.models import PartnerFacts
from partnerkit.wikimedia.http import Client
from partnerkit.wikimedia.ratelimit import RateLimiter

PARTNERS = 2000
PER_MINUTE = 20
RETRY_AFTER = 30
CONSTANT = 5
INTERRUPT_AFTER_BATCH = 17
THROTTLE_AT_BATCH = 8


class FakeClock:
    def __init__(self):
        self.now = time.time()
        self.slept = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds
        self.slept += seconds


def item_ids(requests) -> list[str]:
    return [
        qid
        for _t, _m, _p, params in requests
        if params.get("action") == "wbgetentities" and params.get("props", "").startswith("labels|")
        for qid in params["ids"].split("|")
    ]


def test_enriching_2000_partners_is_batched_rate_limited_and_resumable(alice, north, fakewiki):
    fakewiki.add_item("Q34", labels={"en": "Sweden"})
    fakewiki.add_item("Q33506", labels={"en": "museum"})
    for n in range(PARTNERS):
        fakewiki.add_item(
            f"Q{10_000 + n}",
            labels={"en": f"Museum {n}"},
            instance_of=["Q33506"],
            country="Q34",
            sitelinks={"enwiki": f"Museum {n}"},
        )
    Partner.objects.bulk_create(
        Partner(workspace=north, name=f"Museum {n}", kind="museum", wikidata_qid=f"Q{10_000 + n}")
        for n in range(PARTNERS)
    )
    clock = FakeClock()
    limiter = RateLimiter(
        requests_per_minute=PER_MINUTE, max_in_flight=3, clock=clock, sleep=clock.sleep
    )
    client = Client(limiter=limiter, sleep=clock.sleep, clock=clock)
    injected = {}

    def inject(run):
        batches = run.done // 50
        if batches == THROTTLE_AT_BATCH and "429" not in injected:
            injected["429"] = len(limiter.grants)
            fakewiki.fail_next(429, retry_after=RETRY_AFTER)
        if batches == INTERRUPT_AFTER_BATCH and "garbled" not in injected:
            injected["garbled"] = len(limiter.grants)
            fakewiki.fail_next("garbled")

    started = time.monotonic()
    run = services.enrichment_start(workspace=north, by=alice, scope="all", enqueue=False)
    run = services.enrichment_process(run=run, client=client, progress=inject)
    assert run.status == "failed"
    assert run.done == INTERRUPT_AFTER_BATCH * 50
    first_attempt = list(fakewiki.requests)

    run = services.enrichment_resume(run=run, enqueue=False)
    run = services.enrichment_process(run=run, client=client)
    wall = time.monotonic() - started
    assert run.status == "done", run.error
    assert run.done == PARTNERS and run.ok_count == PARTNERS

    # Requests: batches of 50 plus the small constant.
    sent = client.requests_sent
    assert sent == len(fakewiki.requests) == run.requests
    assert sent <= math.ceil(PARTNERS / 50) + CONSTANT

    # The limit per minute, over every 60-second window starting at a grant.
    grants = list(limiter.grants)  # in the order granted; the clock never goes back
    assert len(grants) == sent
    busiest = max(sum(1 for g in grants if start <= g < start + 60) for start in grants)
    assert busiest <= PER_MINUTE

    # The 429: the refused request is the first granted after the injection; its retry waits.
    refused, retry = grants[injected["429"]], grants[injected["429"] + 1]
    assert retry - refused >= RETRY_AFTER

    # The resumed job asked only for the items not done before the interruption.
    resumed = item_ids(fakewiki.requests[len(first_attempt) :])
    done_first = {f"Q{10_000 + n}" for n in range(INTERRUPT_AFTER_BATCH * 50)}
    assert len(resumed) == PARTNERS - INTERRUPT_AFTER_BATCH * 50
    assert not set(resumed) & done_first
    assert PartnerFacts.objects.filter(partner__workspace=north).count() == PARTNERS
    facts = PartnerFacts.objects.filter(partner__workspace=north).first()
    assert facts.facts["country"]["value"]["label"] == "Sweden"

    span = grants[-1] - grants[0]
    print(
        f"\nEnrichment of {PARTNERS} partners: {sent} requests "
        f"(limit {math.ceil(PARTNERS / 50)} + {CONSTANT}), at most {busiest} in any 60 s "
        f"(limit {PER_MINUTE}), fake-clock span {span:.0f} s, fake sleep {clock.slept:.0f} s, "
        f"429 retry waited {retry - refused:.0f} s (Retry-After {RETRY_AFTER}), "
        f"resume fetched {len(resumed)} items, 0 done before; wall time {wall:.1f} s."
    )
