"""A rate limiter shared by every process of one installation, kept in the database.

Wikimedia asks each client for at most about 200 requests a minute and 3 in flight, and to
pause after HTTP 429 for as long as ``Retry-After`` says. An installation may run several web
and worker processes on several machines; they share one database, so the limiter's state lives
there (``models.RequestSlot`` and ``models.LimiterLock``), never in process memory.

Each grant is one short transaction: update the single ``LimiterLock`` row first (a write, so
on SQLite the write lock is taken at once and on PostgreSQL the row lock serialises grants),
prune old slots, count the slots started in the last 60 seconds and those still in flight, then
either insert a slot or compute how long to wait. The wait happens outside the transaction;
no transaction is ever open during an HTTP call.

A slot in flight for more than two minutes belongs to a process that died; it no longer counts.
Clocks are the processes' own (``time.time``), so machines sharing a database need NTP, as any
server does.
"""

from __future__ import annotations

import collections
import time

from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Count, F, Q

from .models import LimiterLock, RequestSlot

WINDOW = 60.0
# A request still "in flight" after this long was left behind by a process that died.
DEAD_AFTER = 120.0
# How often to look again while all in-flight places are taken.
IN_FLIGHT_POLL = 0.05
# Never sleep less than this, so floating-point edges cannot spin.
SHORTEST_WAIT = 0.001
# SQLite reports "database is locked" when its busy timeout runs out under heavy contention;
# the grant is simply tried again, this many times at most.
LOCKED_RETRIES = 100


class RateLimiter:
    """Grants requests: at most ``requests_per_minute`` in any 60 s and ``max_in_flight`` at once.

    ``clock`` and ``sleep`` are injectable: a test passes a fake clock whose sleep advances it.
    ``grants`` holds the clock time of the latest grants made by this instance.
    """

    def __init__(
        self,
        *,
        requests_per_minute: int = 150,
        max_in_flight: int = 3,
        clock=time.time,
        sleep=time.sleep,
        using: str = "default",
        poll: float = IN_FLIGHT_POLL,
    ):
        if requests_per_minute < 1 or max_in_flight < 1:
            raise ValueError("requests_per_minute and max_in_flight must be at least 1.")
        self.requests_per_minute = requests_per_minute
        self.max_in_flight = max_in_flight
        self.clock = clock
        self.sleep = sleep
        self.using = using
        self.poll = poll
        self.grants: collections.deque[float] = collections.deque(maxlen=100_000)

    def acquire(self, host: str = "") -> int:
        """Wait until a request may be sent; the slot's id, to hand back to ``release``."""
        while True:
            slot, wait = self._unlocked(self._try_acquire, host)
            if slot is not None:
                return slot
            self.sleep(max(wait, SHORTEST_WAIT))

    def release(self, slot: int) -> None:
        """The request of ``slot`` is done (answered or failed)."""
        self._unlocked(
            lambda: (
                RequestSlot.objects.using(self.using)
                .filter(pk=slot)
                .update(finished_at=self.clock())
            )
        )

    def _unlocked(self, work, *args):
        """``work(*args)``, tried again while SQLite says the database is locked."""
        for attempt in range(LOCKED_RETRIES):
            try:
                return work(*args)
            except OperationalError as error:
                if "locked" not in str(error) or attempt == LOCKED_RETRIES - 1:
                    raise
                self.sleep(self.poll)
        raise AssertionError("unreachable")  # pragma: no cover

    def pause(self, seconds: float) -> None:
        """No process sends a request for ``seconds`` from now (after HTTP 429 Retry-After)."""
        until = self.clock() + max(0.0, seconds)

        def work():
            with transaction.atomic(using=self.using):
                self._lock()
                LimiterLock.objects.using(self.using).filter(
                    pk=LimiterLock.SINGLETON, not_before__lt=until
                ).update(not_before=until)

        self._unlocked(work)

    def not_before(self) -> float:
        """Epoch seconds before which no request is sent (0 when there is no pause)."""
        row = LimiterLock.objects.using(self.using).filter(pk=LimiterLock.SINGLETON).first()
        return row.not_before if row else 0.0

    def _lock(self) -> None:
        """Take the shared lock: the first statement of the transaction is this write."""
        manager = LimiterLock.objects.using(self.using)
        if manager.filter(pk=LimiterLock.SINGLETON).update(not_before=F("not_before")) == 0:
            # The data migration makes the row; a flushed test database may have lost it.
            try:
                with transaction.atomic(using=self.using):
                    manager.create(pk=LimiterLock.SINGLETON)
            except IntegrityError:
                pass  # another process made it first
            manager.filter(pk=LimiterLock.SINGLETON).update(not_before=F("not_before"))

    def _try_acquire(self, host: str) -> tuple[int | None, float]:
        slots = RequestSlot.objects.using(self.using)
        with transaction.atomic(using=self.using):
            self._lock()
            # Read the clock only once the lock is held: waiting for it may have taken a while.
            now = self.clock()
            window_start = now - WINDOW
            not_before = (
                LimiterLock.objects.using(self.using)
                .filter(pk=LimiterLock.SINGLETON)
                .values_list("not_before", flat=True)
                .get()
            )
            if not_before > now:
                return None, not_before - now
            # Forget slots that count for nothing: outside the window and done (or dead).
            slots.filter(started_at__lte=window_start).exclude(
                finished_at__isnull=True, started_at__gt=now - DEAD_AFTER
            ).delete()
            counts = slots.aggregate(
                recent=Count("pk", filter=Q(started_at__gt=window_start)),
                in_flight=Count(
                    "pk", filter=Q(finished_at__isnull=True, started_at__gt=now - DEAD_AFTER)
                ),
            )
            recent = counts["recent"]
            if recent >= self.requests_per_minute:
                # Wait until enough of the oldest grants leave the window.
                oldest = (
                    slots.filter(started_at__gt=window_start)
                    .order_by("started_at")
                    .values_list("started_at", flat=True)[recent - self.requests_per_minute]
                )
                return None, oldest + WINDOW - now
            if counts["in_flight"] >= self.max_in_flight:
                return None, self.poll
            slot = slots.create(host=host[:20], started_at=now)
        self.grants.append(now)
        return slot.pk, 0.0
