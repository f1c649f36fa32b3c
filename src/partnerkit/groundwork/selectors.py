"""Reads of the groundwork, shaped as the method's plain data."""

from __future__ import annotations

from django.db.models import Count
from django.shortcuts import get_object_or_404

from partnerkit.groundwork.models import (
    Goal,
    GoalTypeDecision,
    Priority,
    Profile,
    ReadinessCheck,
    SwotItem,
    SwotKind,
)
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


# Pages


def goal_list(*, workspace: Workspace) -> list[Goal]:
    """The goals, most important first, each with the number of SWOT items linked to it."""
    order = {value: position for position, value in enumerate(Priority.values)}
    goals = list(Goal.objects.filter(workspace=workspace).annotate(swot_count=Count("swot_items")))
    return sorted(goals, key=lambda goal: (order.get(goal.priority, len(order)), goal.pk))


def goal_get(*, workspace: Workspace, pk: int) -> Goal:
    return get_object_or_404(Goal, workspace=workspace, pk=pk)


def swot_item_get(*, workspace: Workspace, pk: int) -> SwotItem:
    return get_object_or_404(SwotItem.objects.prefetch_related("goals"), workspace=workspace, pk=pk)


def swot_grid(*, workspace: Workspace, with_goals: bool = True) -> dict[str, list[SwotItem]]:
    """The SWOT items by kind, in the order strengths, weaknesses, opportunities, threats."""
    items = SwotItem.objects.filter(workspace=workspace)
    if with_goals:
        items = items.prefetch_related("goals")
    grid: dict[str, list[SwotItem]] = {kind: [] for kind in SwotKind.values}
    for item in items:
        grid.setdefault(item.kind, []).append(item)
    return grid


def readiness_checks(*, workspace: Workspace):
    return ReadinessCheck.objects.filter(workspace=workspace).select_related("by")


def readiness_check_get(*, workspace: Workspace, pk: int) -> ReadinessCheck:
    return get_object_or_404(readiness_checks(workspace=workspace), pk=pk)


def readiness_latest(*, workspace: Workspace) -> ReadinessCheck | None:
    return readiness_checks(workspace=workspace).first()


def goal_type_decisions(*, workspace: Workspace) -> dict[str, GoalTypeDecision]:
    return {
        decision.code: decision
        for decision in GoalTypeDecision.objects.filter(workspace=workspace).select_related("by")
    }


def method_input(*, workspace: Workspace):
    """Goals, SWOT and capacity for ``suggest_goal_types``, read once each."""
    return (
        method_goals(workspace=workspace),
        method_swot(workspace=workspace),
        method_capacity(workspace=workspace),
    )
