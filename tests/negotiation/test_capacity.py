"""The capacity check, by hand: monthly effort of active partnerships plus our open
commitments' hours spread from this month to the month they are due."""

import datetime
from decimal import Decimal

import pytest

from partnerkit.negotiation import selectors, services
from partnerkit.negotiation.models import Commitment
from partnerkit.partnerships.models import Partnership
from partnerkit.partnerships.services import partnership_create
from tests.negotiation.conftest import SAFE, set_capacity

TODAY = datetime.date(2030, 1, 15)


def partnership(museum, alice, title, stage, effort):
    made = partnership_create(workspace=museum.workspace, partner=museum, by=alice, title=title)
    Partnership.objects.filter(pk=made.pk).update(stage=stage, effort_hours=effort)
    made.refresh_from_db()
    return made


def promise(partnership, alice, effort, due=None, side="ours", status="open", text=SAFE):
    return services.commitment_create(
        partnership=partnership, by=alice, text=text, effort_hours=effort, due_on=due,
        side=side, status=status,
    )


@pytest.mark.parametrize(
    ("due", "months"),
    [
        (None, 1),
        (datetime.date(2030, 1, 31), 1),
        (datetime.date(2030, 1, 1), 1),
        (datetime.date(2029, 11, 3), 1),  # overdue: all of it now
        (datetime.date(2030, 2, 1), 2),
        (datetime.date(2030, 3, 10), 3),
        (datetime.date(2031, 1, 15), 13),
    ],
)
def test_months_from_this_one_to_the_month_it_is_due(due, months):
    assert selectors.months_to(TODAY, due) == months


def test_add_months_crosses_years():
    assert selectors.add_months(datetime.date(2030, 11, 20), 3) == datetime.date(2031, 2, 1)


@pytest.fixture
def load(museum, alice, north):
    """40 hours a month; the load of January 2030 is 34 hours (see each line)."""
    set_capacity(north, 40)
    talks = partnership(museum, alice, "Talks", "negotiating", 10)  # 10 h every month
    partnership(museum, alice, "Idea", "idea", 50)  # not pursued yet: nothing
    declined = partnership(museum, alice, "Declined", "declined", 30)  # ended: nothing
    records = {
        "spread": promise(talks, alice, 12, datetime.date(2030, 3, 10)),  # 4 h Jan, Feb, Mar
        "undated": promise(talks, alice, 6),  # 6 h in January
        "overdue": promise(talks, alice, 9, datetime.date(2029, 12, 1)),  # 9 h in January
        "long": promise(talks, alice, 30, datetime.date(2030, 6, 30)),  # 5 h a month to June
        "theirs": promise(talks, alice, 100, side="theirs"),  # not our hours
        "done": promise(talks, alice, 50, status="done"),  # done: nothing
        "dropped": promise(talks, alice, 50, status="dropped"),
        "no effort": promise(talks, alice, None),
    }
    ended = promise(talks, alice, 70)
    Commitment.objects.filter(pk=ended.pk).update(partnership=declined)  # declined later
    records["talks"] = talks
    return records


def test_the_load_month_by_month(load, north):
    check = selectors.capacity_check(north, today=TODAY)
    assert check.recorded and check.available == 40
    assert [month.start for month in check.months] == [
        datetime.date(2030, 1, 1), datetime.date(2030, 2, 1), datetime.date(2030, 3, 1)
    ]
    assert [month.partnerships for month in check.months] == [10, 10, 10]
    assert [month.commitments for month in check.months] == [24, 9, 9]
    assert [month.total for month in check.months] == [34, 19, 19]
    assert [month.over for month in check.months] == [0, 0, 0]
    assert check.over_by == 0 and not check.is_over


def test_what_makes_up_the_load(load, north):
    check = selectors.capacity_check(north, today=TODAY)
    assert [(item.partnership.title, item.hours) for item in check.partnerships] == [("Talks", 10)]
    shares = {
        item.commitment.pk: (item.effort, item.months, item.per_month)
        for item in check.commitments
    }
    assert shares == {
        load["spread"].pk: (12, 3, 4),
        load["undated"].pk: (6, 1, 6),
        load["overdue"].pk: (9, 1, 9),
        load["long"].pk: (30, 6, 5),
    }
    # The biggest monthly share first.
    assert check.commitments[0].commitment == load["overdue"]


def test_a_new_commitment_is_tried_before_it_is_saved(load, north):
    tried = Commitment(
        text="Photograph every room", effort_hours=Decimal(27), due_on=datetime.date(2030, 1, 31)
    )
    check = selectors.capacity_check(north, extra=tried, today=TODAY)
    assert [month.extra for month in check.months] == [27, 0, 0]
    assert check.this_month.total == 61 and check.this_month.over == 21
    assert check.over_by == 21 and check.is_over
    assert check.extra.text == "Photograph every room" and check.extra.commitment is None


def test_an_edited_commitment_replaces_its_stored_self(load, north):
    edited = load["long"]
    edited.effort_hours = Decimal(60)  # 10 h a month instead of 5
    check = selectors.capacity_check(north, extra=edited, today=TODAY)
    assert [month.commitments for month in check.months] == [19, 4, 4]
    assert [month.extra for month in check.months] == [10, 10, 10]
    assert [month.total for month in check.months] == [39, 24, 24]


def test_a_tried_commitment_of_theirs_or_done_adds_nothing(load, north):
    for values in ({"side": "theirs"}, {"status": "done"}):
        tried = Commitment(text="x", effort_hours=Decimal(500), **values)
        check = selectors.capacity_check(north, extra=tried, today=TODAY)
        assert check.extra is None and check.this_month.total == 34


def test_over_capacity_is_the_largest_excess(load, north):
    set_capacity(north, 20)
    check = selectors.capacity_check(north, today=TODAY)
    assert [month.over for month in check.months] == [14, 0, 0]
    assert check.over_by == 14


def test_fractions_are_kept_to_the_hundredth(photo_project, alice, north):
    set_capacity(north, 10)
    promise(photo_project, alice, 10, datetime.date(2030, 3, 1))  # 3.33… h a month
    check = selectors.capacity_check(north, today=TODAY)
    assert [month.commitments for month in check.months] == [Decimal("3.33")] * 3


def test_without_a_profile_the_load_is_shown_and_nothing_is_over(load, north):
    north.profile.delete()
    check = selectors.capacity_check(north, today=TODAY)
    assert not check.recorded and check.available == 0
    assert check.this_month.total == 34
    assert check.over_by == 0 and not check.is_over


def test_a_profile_with_no_hours_counts_as_not_recorded(north, photo_project, alice):
    set_capacity(north, 0)
    promise(photo_project, alice, 5)
    check = selectors.capacity_check(north, today=TODAY)
    assert not check.recorded and check.this_month.commitments == 5 and not check.is_over


def test_another_workspace_does_not_count(load, north, south, southern_project, bob):
    set_capacity(south, 1)
    promise(southern_project, bob, 500)
    Partnership.objects.filter(pk=southern_project.pk).update(stage="running", effort_hours=99)
    assert selectors.capacity_check(north, today=TODAY).this_month.total == 34
    assert selectors.capacity_check(south, today=TODAY).this_month.total == 599


def test_three_queries_whatever_the_number_of_records(load, north, django_assert_num_queries):
    with django_assert_num_queries(3):
        selectors.capacity_check(north, today=TODAY)
    for n in range(20):
        promise(load["talks"], load["talks"].created_by, n + 1)
    with django_assert_num_queries(3):
        selectors.capacity_check(north, today=TODAY)
