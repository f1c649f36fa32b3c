"""A partnership of "north" owned by alice, and a clock that can be moved forward.

Dates of the walk are fixed: Monday 2 March 2026 is day 0, so weekends fall where the
tests expect them.
"""

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.utils import timezone

from partnerkit.partnerships.services import partnership_create

DAY_0 = date(2026, 3, 2)  # a Monday


def moment(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


class Clock:
    """The process's clock (web server threads included), set to a day of the walk."""

    def __init__(self):
        self._travel = None
        self.today = None

    def go(self, day: date | int, hour: int = 10) -> date:
        if isinstance(day, int):
            day = DAY_0 + timedelta(days=day)
        self.stop()
        self._travel = time_machine.travel(moment(day, hour), tick=True)
        self._travel.start()
        self.today = day
        return day

    def stop(self):
        if self._travel is not None:
            self._travel.stop()
            self._travel = None


@pytest.fixture
def clock():
    clock = Clock()
    clock.go(0)
    yield clock
    clock.stop()


@pytest.fixture
def project(clock, north, alice, museum):
    return partnership_create(
        workspace=north,
        partner=museum,
        by=alice,
        title="Photographs of Swedish life",
        owner=alice,
    )
