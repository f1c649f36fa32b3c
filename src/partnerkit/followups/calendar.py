"""Private calendar feeds (iCalendar, RFC 5545) of follow-ups and meetings.

A calendar program subscribes to the feed's secret address and asks for it again now and
then. Open tasks are whole-day events on the day they need attention (their due date, or
the end of a snooze); meetings keep their time. Each item keeps its UID from one fetch to
the next, so a moved task moves in the calendar instead of appearing twice.
"""

from __future__ import annotations

import secrets
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from partnerkit.followups.models import CalendarFeed, FeedScope, FollowUp, TaskStatus
from partnerkit.meetings.models import Meeting

# Meetings this far back stay in the calendar; open tasks show however late they are.
MEETINGS_SINCE_DAYS = 60
PRODUCT_ID = "-//Partnerkit//Follow-ups//EN"


def feed_create(*, workspace, user, scope: str) -> tuple[CalendarFeed, str]:
    """A new feed and its secret (shown once; only its hash is stored)."""
    if scope not in FeedScope.values:
        raise ValidationError({"scope": _("Choose what the calendar shows.")})
    token = secrets.token_urlsafe(32)
    feed = CalendarFeed.objects.create(
        workspace=workspace, user=user, scope=scope, token_hash=CalendarFeed.hash(token)
    )
    return feed, token


def feed_revoke(*, feed: CalendarFeed) -> None:
    with transaction.atomic():
        CalendarFeed.objects.filter(pk=feed.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )


def render(feed: CalendarFeed, *, base_url: str, today: date | None = None) -> bytes:
    today = today or timezone.localdate()
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    title = (
        _("Partnerkit: my follow-ups in %(workspace)s")
        if feed.scope == FeedScope.MINE
        else _("Partnerkit: follow-ups of %(workspace)s")
    ) % {"workspace": feed.workspace.name}
    calendar.add("x-wr-calname", title)
    host = base_url.split("://", 1)[-1].split("/", 1)[0] or "partnerkit"
    stamp = timezone.now()
    for task in _tasks(feed, today):
        calendar.add_component(_task_event(task, host=host, base_url=base_url, stamp=stamp))
    for meeting in _meetings(feed, today):
        calendar.add_component(_meeting_event(meeting, host=host, base_url=base_url, stamp=stamp))
    CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=stamp)
    return calendar.to_ical()


def _tasks(feed: CalendarFeed, today: date):
    tasks = (
        FollowUp.objects.filter(workspace=feed.workspace, status=TaskStatus.OPEN)
        .visible(today)
        .with_when()
        .select_related("partnership__partner", "workspace")
        .order_by("when", "id")
    )
    if feed.scope == FeedScope.MINE:
        tasks = tasks.assigned_to(feed.user)
    return tasks


def _meetings(feed: CalendarFeed, today: date):
    since = timezone.now() - timedelta(days=MEETINGS_SINCE_DAYS)
    meetings = (
        Meeting.objects.filter(workspace=feed.workspace, starts_at__gte=since)
        .select_related("partnership__partner", "workspace")
        .order_by("starts_at", "id")
    )
    if feed.scope == FeedScope.MINE:
        meetings = meetings.filter(attendees__user=feed.user).distinct()
    return meetings


def _task_event(task: FollowUp, *, host: str, base_url: str, stamp) -> CalendarEvent:
    event = CalendarEvent()
    event.add("uid", f"followup-{task.pk}@{host}")
    event.add("dtstamp", stamp)
    event.add("sequence", task.version)
    event.add("summary", f"{task.title} — {task.partnership.title}")
    event.add("dtstart", task.when)
    event.add("dtend", task.when + timedelta(days=1))
    lines = [
        _("Partner: %(partner)s") % {"partner": task.partnership.partner.name},
        _("Due: %(date)s") % {"date": task.due_on.isoformat()},
    ]
    if task.limit_on:
        lines.append(_("Hard limit: %(date)s") % {"date": task.limit_on.isoformat()})
    if task.snoozed_until:
        lines.append(_("Snoozed: %(reason)s") % {"reason": task.snooze_reason})
    url = base_url.rstrip("/") + task.get_absolute_url()
    lines.append(url)
    event.add("description", "\n".join(lines))
    event.add("url", url)
    event.add("transp", "TRANSPARENT")
    event.add("categories", ["Partnerkit"])
    return event


def _meeting_event(meeting: Meeting, *, host: str, base_url: str, stamp) -> CalendarEvent:
    event = CalendarEvent()
    event.add("uid", f"meeting-{meeting.pk}@{host}")
    event.add("dtstamp", stamp)
    event.add("sequence", meeting.version)
    event.add("summary", f"{meeting.title} — {meeting.partnership.partner.name}")
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.starts_at + timedelta(minutes=meeting.minutes))
    if meeting.location:
        event.add("location", meeting.location)
    url = base_url.rstrip("/") + meeting.get_absolute_url()
    event.add("description", url)
    event.add("url", url)
    return event
