"""Reads of follow-ups: a person's work, the team's board, stale partnerships, a
partnership's log, and what a digest or a calendar feed holds. Each runs a fixed number of
queries whatever the amount of data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Max, Q
from django.http import Http404

from partnerkit.followups.models import (
    CalendarFeed,
    FollowUp,
    Interaction,
    Plan,
    StaleRule,
    TaskStatus,
)
from partnerkit.method import followups as method
from partnerkit.method.stages import Stage as MethodStage
from partnerkit.partnerships.models import Partnership
from partnerkit.workspaces.models import Membership, Role

WEEK = 7


def _tasks(queryset):
    return (
        queryset.select_related(
            "workspace", "partnership__partner", "partnership__owner", "owner", "step__plan"
        )
        .with_assignee()
        .with_when()
    )


def open_tasks(workspace, *, today: date):
    """Open tasks that show (a "no reply yet" ping shows only once it is due)."""
    return _tasks(FollowUp.objects.filter(workspace=workspace).open().visible(today))


@dataclass
class Buckets:
    overdue: list = field(default_factory=list)
    today: list = field(default_factory=list)
    this_week: list = field(default_factory=list)
    later: list = field(default_factory=list)
    snoozed: list = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.overdue) + len(self.today) + len(self.this_week) + len(self.later)


def bucket(tasks, *, today: date) -> Buckets:
    """Sort tasks by when they need attention; snoozed ones apart until the snooze ends."""
    buckets = Buckets()
    for task in sorted(tasks, key=lambda t: (t.when, t.pk)):
        task.days_late = (today - task.due_on).days
        task.past_limit = task.limit_on is not None and task.limit_on < today
        if task.snoozed_until and task.snoozed_until > today:
            buckets.snoozed.append(task)
        elif task.when < today:
            buckets.overdue.append(task)
        elif task.when == today:
            buckets.today.append(task)
        elif task.when < today + timedelta(days=WEEK):
            buckets.this_week.append(task)
        else:
            buckets.later.append(task)
    return buckets


def my_work(workspace, user, *, today: date) -> Buckets:
    return bucket(open_tasks(workspace, today=today).assigned_to(user), today=today)


@dataclass
class Person:
    user: object  # None: nobody — the partnership has no owner, or its owner has left
    member: bool
    buckets: Buckets


def team_board(workspace, *, today: date) -> list[Person]:
    """Everyone's open tasks, by person; tasks whose owner is nobody (or no longer a
    member) come first, as they need someone."""
    members = {
        m.user_id: m.user
        for m in Membership.objects.filter(workspace=workspace).select_related("user")
    }
    grouped: dict[int | None, list] = {}
    for task in open_tasks(workspace, today=today):
        key = task.assignee_id if task.assignee_id in members else None
        grouped.setdefault(key, []).append(task)
    people = [
        Person(members.get(key), key in members, bucket(tasks, today=today))
        for key, tasks in grouped.items()
    ]
    for user_id, user in members.items():
        if user_id not in grouped:
            people.append(Person(user, True, Buckets()))
    people.sort(key=lambda p: (p.member, -len(p.buckets.overdue), _name(p.user)))
    return people


def _name(user) -> str:
    if user is None:
        return ""
    return (user.get_full_name() or user.username).lower()


def owners_to_choose(workspace):
    """Members who may own a task (viewers cannot mark one done)."""
    return [
        m.user
        for m in Membership.objects.filter(
            workspace=workspace, role__in=[Role.ADMIN, Role.COORDINATOR, Role.MEMBER]
        )
        .select_related("user")
        .order_by("user__username")
    ]


# Stale partnerships ---------------------------------------------------------------------------


def stale_thresholds(workspace) -> dict[MethodStage, int]:
    limits = dict(method.STALE_DAYS)
    for rule in StaleRule.objects.filter(workspace=workspace):
        limits[MethodStage(rule.stage)] = rule.days
    return limits


@dataclass
class Stale:
    partnership: Partnership
    last_contact: date | None
    quiet_days: int
    threshold: int


def stale_partnerships(workspace, *, today: date, owner=None) -> list[Stale]:
    """Partnerships with no interaction for longer than their stage allows, quietest first."""
    limits = stale_thresholds(workspace)
    stages = [stage.value for stage in limits]
    partnerships = (
        Partnership.objects.filter(workspace=workspace, stage__in=stages)
        .select_related("partner", "owner")
        .annotate(last_contact=Max("interactions__occurred_on"))
    )
    if owner is not None:
        partnerships = partnerships.filter(owner=owner)
    found = []
    for partnership in partnerships:
        since = (partnership.stage_changed_at or partnership.created_at).date()
        stage = MethodStage(partnership.stage)
        if method.is_stale(
            stage=stage,
            last_contact=partnership.last_contact,
            since=since,
            today=today,
            thresholds=limits,
        ):
            quiet_since = max(filter(None, (partnership.last_contact, since)))
            found.append(
                Stale(
                    partnership, partnership.last_contact, (today - quiet_since).days, limits[stage]
                )
            )
    found.sort(key=lambda s: (-(s.quiet_days - s.threshold), s.partnership.title.lower()))
    return found


# A partnership's follow-ups -------------------------------------------------------------------


@dataclass
class PartnershipFollowUps:
    open: Buckets
    waiting: list  # started, not showing yet ("no reply for two weeks")
    closed: list
    interactions: list
    last_contact: date | None
    stale: bool
    threshold: int | None


CLOSED_SHOWN = 20
INTERACTIONS_SHOWN = 50


def partnership_followups(partnership: Partnership, *, today: date) -> PartnershipFollowUps:
    tasks = list(_tasks(FollowUp.objects.filter(partnership=partnership)).order_by("due_on", "id"))
    open_tasks = [t for t in tasks if t.status == TaskStatus.OPEN]
    shown = [t for t in open_tasks if t.visible_from <= today]
    waiting = [t for t in open_tasks if t.visible_from > today]
    closed = sorted(
        (t for t in tasks if t.status != TaskStatus.OPEN),
        key=lambda t: (t.closed_at, t.pk),
        reverse=True,
    )[:CLOSED_SHOWN]
    interactions = list(
        Interaction.objects.filter(partnership=partnership).select_related(
            "contact", "logged_by", "meeting"
        )[:INTERACTIONS_SHOWN]
    )
    last = interactions[0].occurred_on if interactions else None
    limits = stale_thresholds(partnership.workspace)
    stage = MethodStage(partnership.stage)
    since = (partnership.stage_changed_at or partnership.created_at).date()
    stale = method.is_stale(
        stage=stage, last_contact=last, since=since, today=today, thresholds=limits
    )
    return PartnershipFollowUps(
        bucket(shown, today=today), waiting, closed, interactions, last, stale, limits.get(stage)
    )


def partnership_card(partnership: Partnership, *, today: date) -> dict:
    """The few figures on the partnership's page."""
    tasks = list(
        FollowUp.objects.filter(partnership=partnership, status=TaskStatus.OPEN)
        .visible(today)
        .with_when()
        .order_by("when", "id")
    )
    last = (
        Interaction.objects.filter(partnership=partnership)
        .order_by("-occurred_on")
        .values_list("occurred_on", flat=True)
        .first()
    )
    return {
        "open": len(tasks),
        "overdue": sum(1 for t in tasks if t.when < today),
        "next": tasks[0] if tasks else None,
        "last_contact": last,
    }


def task_of(workspace, pk: int) -> FollowUp:
    task = (
        FollowUp.objects.select_related(
            "partnership__partner", "partnership__owner", "step", "step__plan", "owner"
        )
        .filter(workspace=workspace, pk=pk)
        .first()
    )
    if task is None:
        raise Http404
    return task


def interaction_of(partnership: Partnership, pk: int) -> Interaction:
    interaction = Interaction.objects.filter(partnership=partnership, pk=pk).first()
    if interaction is None:
        raise Http404
    return interaction


def plans_of(workspace):
    return (
        Plan.objects.filter(workspace=workspace)
        .prefetch_related("steps__after_step", "steps__owner")
        .order_by("id")
    )


def plan_of(workspace, pk: int) -> Plan:
    plan = Plan.objects.filter(workspace=workspace, pk=pk).first()
    if plan is None:
        raise Http404
    return plan


# Digests and feeds ----------------------------------------------------------------------------


@dataclass
class DigestSection:
    workspace: object
    overdue: list
    upcoming: list
    stale: list

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.upcoming or self.stale)


def digest_for(user, *, today: date, days_ahead: int) -> list[DigestSection]:
    """What a person's digest lists, per workspace: their overdue tasks, those due from
    today to ``days_ahead`` days on, and the quiet partnerships they own."""
    sections = []
    memberships = Membership.objects.filter(user=user).exclude(role=Role.VIEWER)
    for membership in memberships.select_related("workspace").order_by("workspace__name"):
        workspace = membership.workspace
        tasks = list(
            open_tasks(workspace, today=today)
            .assigned_to(user)
            .filter(Q(snoozed_until__isnull=True) | Q(snoozed_until__lte=today))
            .order_by("due_on", "id")
        )
        for task in tasks:
            task.days_late = (today - task.when).days
            task.past_limit = task.limit_on is not None and task.limit_on < today
        horizon = today + timedelta(days=days_ahead)
        section = DigestSection(
            workspace,
            [t for t in tasks if t.when < today],
            [t for t in tasks if today <= t.when <= horizon],
            stale_partnerships(workspace, today=today, owner=user),
        )
        if not section.empty:
            sections.append(section)
    return sections


def feed_by_token(token: str) -> CalendarFeed:
    """The live feed with this secret, whose owner is still a member; else 404."""
    feed = (
        CalendarFeed.objects.select_related("workspace", "user")
        .filter(token_hash=CalendarFeed.hash(token), revoked_at__isnull=True)
        .first()
    )
    if (
        feed is None
        or not feed.user.is_active
        or not Membership.objects.filter(workspace=feed.workspace, user=feed.user).exists()
    ):
        raise Http404
    return feed


def feeds_of(workspace, user):
    return CalendarFeed.objects.filter(workspace=workspace, user=user, revoked_at__isnull=True)
