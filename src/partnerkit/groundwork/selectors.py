"""Reads of the groundwork, shaped as the method's plain data."""

from __future__ import annotations

from partnerkit.groundwork.models import Goal, Profile, SwotItem
from partnerkit.method import suggest
from partnerkit.workspaces.models import Workspace


def profile_get(*, workspace: Workspace) -> Profile:
    """The workspace's profile; an empty one when none was saved yet (not stored)."""
    return Profile.objects.filter(workspace=workspace).first() or Profile(workspace=workspace)


def method_goals(*, workspace: Workspace) -> list[suggest.Goal]:
    return [
        suggest.Goal(id=goal.pk, text=goal.text, priority=goal.priority)
        for goal in Goal.objects.filter(workspace=workspace)
    ]


def method_swot(*, workspace: Workspace) -> list[suggest.SwotItem]:
    items = SwotItem.objects.filter(workspace=workspace).prefetch_related("goals")
    return [
        suggest.SwotItem(
            kind=item.kind, text=item.text, goals=tuple(goal.pk for goal in item.goals.all())
        )
        for item in items
    ]


def method_capacity(*, workspace: Workspace) -> suggest.Capacity:
    profile = profile_get(workspace=workspace)
    return suggest.Capacity(
        people=profile.people, hours=profile.hours_per_month, skills=frozenset(profile.skills)
    )
