"""The rate limiter shared through the database, on SQLite and PostgreSQL alike."""

import threading
import time
from bisect import bisect_left

import httpx
import pytest

from partnerkit.wikimedia import wikidata
from partnerkit.wikimedia.errors import RateLimited
from partnerkit.wikimedia.http import Client
from partnerkit.wikimedia.models import LimiterLock, RequestSlot
from partnerkit.wikimedia.ratelimit import DEAD_AFTER, RateLimiter

pytestmark = pytest.mark.django_db


def most_in_any_window(times, window=60.0):
    """The largest number of ``times`` inside any half-open window [t, t + window)."""
    times = sorted(times)
    return max((bisect_left(times, t + window) - i for i, t in enumerate(times)), default=0)


def test_never_more_than_the_limit_in_any_minute_under_a_fake_clock(clock):
    limiter = RateLimiter(requests_per_minute=150, max_in_flight=3, clock=clock, sleep=clock.sleep)
    started = clock.now
    for _ in range(2000):
        limiter.release(limiter.acquire("wikidata"))
    grants = list(limiter.grants)
    assert len(grants) == 2000
    assert most_in_any_window(grants) == 150
    # As fast as allowed: 2,000 grants at 150 a minute need 13 full minutes of waiting.
    assert 13 * 60 <= grants[-1] - started < 13 * 60 + 1
    # Old slots are pruned: the table stays about one minute's worth.
    assert RequestSlot.objects.count() <= 151


def test_a_two_thousand_item_job_through_the_client_keeps_the_limit(clock):
    def answer(request):
        ids = request.url.params["ids"].split("|")
        return httpx.Response(200, json={"entities": {i: {"id": i, "missing": ""} for i in ids}})

    limiter = RateLimiter(requests_per_minute=10, max_in_flight=3, clock=clock, sleep=clock.sleep)
    client = Client(
        transport=httpx.MockTransport(answer), limiter=limiter, sleep=clock.sleep, clock=clock
    )
    items = wikidata.get_items([f"Q{n}" for n in range(1, 2001)], languages=["en"], client=client)
    assert len(items) == 2000 and client.requests_sent == 40
    assert most_in_any_window(limiter.grants) == 10
    assert limiter.grants[-1] - limiter.grants[0] >= 3 * 60  # 40 requests at 10 a minute


def test_slots_record_start_and_finish(clock):
    limiter = RateLimiter(clock=clock, sleep=clock.sleep)
    slot = limiter.acquire("sparql")
    row = RequestSlot.objects.get(pk=slot)
    assert (row.host, row.started_at, row.finished_at) == ("sparql", clock.now, None)
    clock.now += 2.5
    limiter.release(slot)
    row.refresh_from_db()
    assert row.finished_at == clock.now


def test_in_flight_requests_wait_for_a_release(clock):
    limiter = RateLimiter(
        requests_per_minute=1000, max_in_flight=2, clock=clock, sleep=clock.sleep, poll=5
    )
    first, second = limiter.acquire(), limiter.acquire()
    assert clock.sleeps == []
    # A third must wait. A slot never released (its process died) stops counting after 2 min.
    third = limiter.acquire()
    assert clock.now - limiter.grants[0] >= DEAD_AFTER
    assert set(clock.sleeps) == {5}
    limiter.release(first)
    limiter.release(second)
    limiter.release(third)


def test_a_retry_after_pauses_every_client_through_the_database(clock):
    """Two clients with their own limiters, like two processes: one 429 pauses both."""
    first = Client(
        transport=httpx.MockTransport(lambda r: httpx.Response(429, headers={"Retry-After": "30"})),
        limiter=RateLimiter(clock=clock, sleep=clock.sleep), sleep=clock.sleep, clock=clock, max_attempts=1,
    )  # fmt: skip
    other_limiter = RateLimiter(clock=clock, sleep=clock.sleep)
    second = Client(
        transport=httpx.MockTransport(lambda r: httpx.Response(200, json={"query": {}})),
        limiter=other_limiter, sleep=clock.sleep, clock=clock,
    )  # fmt: skip
    paused_at = clock.now
    with pytest.raises(RateLimited):
        first.action("commons", {"action": "query"})
    assert LimiterLock.objects.get().not_before == paused_at + 30
    assert clock.sleeps == []  # the first client gave up at once (max_attempts=1)
    second.action("commons", {"action": "query"})
    assert clock.sleeps == [30]
    assert other_limiter.grants[0] >= paused_at + 30
    assert other_limiter.not_before() == paused_at + 30


def test_a_pause_never_shortens_a_longer_one(clock):
    limiter = RateLimiter(clock=clock, sleep=clock.sleep)
    limiter.pause(60)
    limiter.pause(5)
    assert limiter.not_before() == clock.now + 60


def test_the_lock_row_is_made_again_if_it_is_gone(clock):
    LimiterLock.objects.all().delete()
    limiter = RateLimiter(clock=clock, sleep=clock.sleep)
    limiter.release(limiter.acquire())
    assert LimiterLock.objects.filter(pk=LimiterLock.SINGLETON).exists()
    assert len(limiter.grants) == 1


def test_the_migration_made_the_lock_row():
    assert LimiterLock.objects.filter(pk=LimiterLock.SINGLETON).exists()


def test_limits_must_be_positive():
    with pytest.raises(ValueError):
        RateLimiter(requests_per_minute=0)


@pytest.mark.django_db(transaction=True)
def test_at_most_three_in_flight_with_real_threads():
    limiter = RateLimiter(requests_per_minute=1000, max_in_flight=3, poll=0.005)
    state = {"now": 0, "most": 0}
    lock = threading.Lock()
    errors = []

    def work():
        from django.db import connection

        try:
            for _ in range(4):
                slot = limiter.acquire("wikidata")
                with lock:
                    state["now"] += 1
                    state["most"] = max(state["most"], state["now"])
                time.sleep(0.01)
                with lock:
                    state["now"] -= 1
                limiter.release(slot)
        except Exception as error:  # reported below, with the thread's failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(limiter.grants) == 32
    assert state["most"] == 3
    assert RequestSlot.objects.filter(finished_at__isnull=True).count() == 0


@pytest.mark.django_db(transaction=True)
def test_real_threads_through_the_fake_server_share_the_limit(fakewiki, settings):
    settings.WIKIMEDIA_MAX_IN_FLIGHT = 2
    fakewiki.latency = 0.05
    for number in range(1, 11):
        fakewiki.add_item(f"Q{number}", labels={"en": str(number)})
    from partnerkit.wikimedia.http import default_client

    client = default_client()
    errors = []

    def work(number):
        from django.db import connection

        try:
            wikidata.get_items([f"Q{number}"], languages=["en"], client=client)
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(1, 11)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(fakewiki.requests) == 10
    assert RequestSlot.objects.count() == 10
    assert fakewiki.most_concurrent == 2
