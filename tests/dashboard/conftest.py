"""Helpers the dashboard tests share: partnerships of north put in a stage directly, with or
without a stage history, and impact figures stored as a source's monthly rows."""

import datetime as dt

from django.urls import reverse

from partnerkit.impact.models import MonthlyFigure, Source
from partnerkit.method import impact as impact_method
from partnerkit.partnerships.models import GoalType, Partnership, StageChange


def dashboard_url(workspace) -> str:
    return reverse("dashboard:dashboard", kwargs={"workspace_slug": workspace.slug})


def add_partnership(partner, stage="idea", *, title=None, goal_types=(), history=(), effort=None):
    """A partnership in ``stage``; ``history`` is the (from, to) moves it made to get there."""
    partnership = Partnership.objects.create(
        workspace=partner.workspace, partner=partner, title=title or f"{stage} partnership",
        stage=stage, effort_hours=effort,
    )
    if goal_types:
        partnership.goal_types.set(GoalType.objects.filter(code__in=goal_types))
    for from_stage, to_stage in history:
        StageChange.objects.create(
            partnership=partnership, from_stage=from_stage, to_stage=to_stage
        )
    return partnership


def months_back(count: int) -> list[dt.date]:
    """The first days of the last ``count`` months, oldest first, this month last."""
    month = impact_method.month_of(dt.date.today())
    found = [month]
    for _ in range(count - 1):
        month = impact_method.month_of(month - dt.timedelta(days=1))
        found.append(month)
    return found[::-1]


def add_figures(partnership, figures: dict, *, name="Photos"):
    """A Commons category source of ``partnership`` with {month: (page views, files used)}."""
    source = Source.objects.create(
        workspace=partnership.workspace, partnership=partnership, kind="category", name=name
    )
    for month, (views, files) in figures.items():
        MonthlyFigure.objects.create(
            source=source, month=month, metric="page_views", value=views, origin="cim"
        )
        MonthlyFigure.objects.create(
            source=source, month=month, metric="files_used", value=files, origin="cim"
        )
    return source
