"""Calendar feeds (ICS): what a subscribed calendar shows, read back by two independent
iCalendar parsers (the one Partnerkit writes with, and another)."""

from datetime import timedelta

import pytest
from ical.calendar_stream import IcsCalendarStream
from icalendar import Calendar

from partnerkit.followups import calendar, services
from partnerkit.followups.models import FeedScope
from partnerkit.meetings import services as meetings
from partnerkit.partnerships.services import partnership_create
from tests.followups.conftest import DAY_0, moment

BASE = "https://partnerkit.example"
PROJECT = "Photographs of Swedish life"


def day(n: int):
    return DAY_0 + timedelta(days=n)


def read(feed, *, today=DAY_0) -> dict:
    """The feed's events by summary, after checking that both parsers read them alike."""
    body = calendar.render(feed, base_url=BASE, today=today)
    parsed = Calendar.from_ical(body)
    assert str(parsed["version"]) == "2.0" and str(parsed["prodid"]) == calendar.PRODUCT_ID
    events = {str(event["summary"]): event for event in parsed.walk("VEVENT")}

    other = IcsCalendarStream.calendar_from_ics(body.decode())
    assert sorted((e.uid, e.summary, e.dtstart, e.dtend) for e in other.events) == sorted(
        (str(e["uid"]), summary, e.decoded("dtstart"), e.decoded("dtend"))
        for summary, e in events.items()
    )
    return events


def feed_of(user, workspace, scope=FeedScope.MINE):
    feed, _token = calendar.feed_create(workspace=workspace, user=user, scope=scope)
    return feed


def task(project, by, title, due, owner=None):
    return services.followup_create(
        partnership=project, by=by, title=title, due_on=day(due), owner=owner
    )


def meeting(project, by, title, *, on, hour=14, minutes=90, attendees=()):
    planned = meetings.meeting_create(
        partnership=project,
        by=by,
        title=title,
        starts_at=moment(day(on), hour),
        minutes=minutes,
        location="Museum library",
    )
    for user in attendees:
        meetings.attendee_add(meeting=planned, by=by, side="ours", user=user)
    return planned


def test_a_task_is_an_all_day_event_on_the_day_it_needs_attention(clock, project, north, alice):
    licence = task(project, alice, "Ask for the photo licence", due=3)
    letters = task(project, alice, "Scan the letters", due=-1)
    services.followup_snooze(task=letters, by=alice, until=day(5), reason="They are on leave")

    events = read(feed_of(alice, north))

    event = events[f"Ask for the photo licence — {PROJECT}"]
    assert (event.decoded("dtstart"), event.decoded("dtend")) == (day(3), day(4))
    assert str(event["uid"]) == f"followup-{licence.pk}@partnerkit.example"
    assert str(event["url"]) == BASE + licence.get_absolute_url()
    assert "Partner: Nordic Museum" in str(event["description"])
    # A snoozed task shows on the day the snooze ends, saying why.
    snoozed = events[f"Scan the letters — {PROJECT}"]
    assert snoozed.decoded("dtstart") == day(5)
    assert "Snoozed: They are on leave" in str(snoozed["description"])


def test_a_task_keeps_its_uid_across_fetches_and_when_it_moves(clock, project, north, alice):
    logged = services.interaction_log(
        partnership=project, by=alice, kind="meeting", direction="both"
    )
    feed = feed_of(alice, north)
    title = f"Send the written proposal — {PROJECT}"

    first, second = read(feed)[title], read(feed)[title]
    assert str(first["uid"]) == str(second["uid"])
    assert first.decoded("dtstart") == day(2)

    # The meeting was really two days earlier: the proposal moves with it.
    services.interaction_update(interaction=logged, by=alice, version=None, occurred_on=day(-2))
    moved = read(feed)[title]
    assert str(moved["uid"]) == str(first["uid"])
    assert moved.decoded("dtstart") == day(0)
    assert moved.decoded("sequence") > first.decoded("sequence")
    assert len(read(feed)) == 1


def test_a_mine_feed_holds_only_my_tasks_and_the_meetings_i_attend(
    clock, project, north, alice, carol
):
    task(project, alice, "Ask for the photo licence", due=3)
    task(project, alice, "Scan the letters", due=4, owner=carol)
    meeting(project, alice, "Kick-off", on=3, attendees=[alice])
    meeting(project, alice, "Scanning day", on=5, attendees=[carol])

    assert sorted(read(feed_of(alice, north))) == [
        f"Ask for the photo licence — {PROJECT}",
        "Kick-off — Nordic Museum",
    ]
    assert sorted(read(feed_of(carol, north))) == [
        f"Scan the letters — {PROJECT}",
        "Scanning day — Nordic Museum",
    ]


def test_a_workspace_feed_holds_everyones_tasks_and_meetings_and_no_other_workspaces(
    clock, project, north, alice, carol, south, bob, southern_library
):
    task(project, alice, "Ask for the photo licence", due=3)
    task(project, alice, "Scan the letters", due=4, owner=carol)
    meeting(project, alice, "Scanning day", on=5, attendees=[carol])
    theirs = partnership_create(
        workspace=south, partner=southern_library, by=bob, title="Library scans", owner=bob
    )
    task(theirs, bob, "Southern secret", due=1)

    events = read(feed_of(carol, north, FeedScope.WORKSPACE))

    assert sorted(events) == [
        f"Ask for the photo licence — {PROJECT}",
        f"Scan the letters — {PROJECT}",
        "Scanning day — Nordic Museum",
    ]
    assert "Southern secret — Library scans" in read(feed_of(bob, south, FeedScope.WORKSPACE))


def test_done_cancelled_and_unseen_waiting_tasks_are_not_in_the_calendar(
    clock, project, north, alice
):
    services.interaction_log(partnership=project, by=alice, kind="meeting", direction="both")
    proposal = project.followups.get(step__code="proposal")
    services.followup_done(task=proposal, by=alice)  # starts the ping, unseen for two weeks
    ping = project.followups.get(step__code="ping")
    dropped = task(project, alice, "Print the posters", due=2)
    services.followup_cancel(task=dropped, by=alice, reason="They print them")
    kept = task(project, alice, "Ask for the photo licence", due=3)
    feed = feed_of(alice, north)

    assert sorted(read(feed)) == [f"{kept.title} — {PROJECT}"]
    before = read(feed, today=ping.visible_from - timedelta(days=1))
    assert f"{ping.title} — {PROJECT}" not in before
    on_the_day = read(feed, today=ping.visible_from)
    assert on_the_day[f"{ping.title} — {PROJECT}"].decoded("dtstart") == ping.due_on


def test_a_meeting_keeps_its_start_and_end_time(clock, project, north, alice):
    planned = meeting(project, alice, "Kick-off", on=3, hour=14, minutes=90, attendees=[alice])

    event = read(feed_of(alice, north))["Kick-off — Nordic Museum"]

    assert event.decoded("dtstart") == planned.starts_at == moment(day(3), 14)
    assert event.decoded("dtend") == moment(day(3), 14) + timedelta(minutes=90)
    assert str(event["location"]) == "Museum library"
    assert str(event["uid"]) == f"meeting-{planned.pk}@partnerkit.example"
    assert str(event["url"]) == BASE + planned.get_absolute_url()


@pytest.mark.parametrize(
    ("scope", "name"),
    [
        (FeedScope.MINE, "Partnerkit: my follow-ups in Wikimedia North"),
        (FeedScope.WORKSPACE, "Partnerkit: follow-ups of Wikimedia North"),
    ],
)
def test_the_calendar_is_named_for_what_it_shows(clock, north, alice, scope, name):
    body = calendar.render(feed_of(alice, north, scope), base_url=BASE, today=DAY_0)

    assert str(Calendar.from_ical(body)["x-wr-calname"]) == name
