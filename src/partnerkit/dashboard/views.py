"""The workspace dashboard: the pipeline, the partnerships by goal type, the capacity load and
the impact over time, on one page. Check permission, fetch, answer."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import mark_safe

from partnerkit.dashboard import charts, selectors
from partnerkit.negotiation.selectors import capacity_check
from partnerkit.workspaces.decorators import workspace_view
from partnerkit.workspaces.permissions import can


def _impact_charts(impact: selectors.ImpactOverTime) -> dict:
    if not impact.months:
        return {}
    from partnerkit.impact import charts as impact_charts  # Loaded on demand: matplotlib.

    def series(metric):
        return [(f"{month['month']:%Y-%m}", month[metric]) for month in impact.months]

    page_views = series("page_views")
    # Every month in the strong colour: the lighter one is for months before a report's period.
    views = impact_charts.views_chart(
        page_views, highlighted={month for month, _value in page_views},
        chart_id="dashboard-views-chart",
    )
    files = impact_charts.files_used_chart(series("files_used"), chart_id="dashboard-files-chart")
    # matplotlib escapes the text it writes.
    return {"views": mark_safe(views.svg), "files": mark_safe(files.svg)}


@workspace_view()
def dashboard(request):
    workspace = request.workspace
    list_url = reverse("partnerships:list", kwargs={"workspace_slug": workspace.slug})
    funnel = selectors.pipeline_funnel(workspace)
    goal_types = selectors.goal_type_split(workspace)
    capacity = capacity_check(workspace)
    impact = selectors.impact_over_time(workspace)
    return render(
        request,
        "dashboard/dashboard.html",
        {
            "list_url": list_url,
            "can_edit": can(request.membership, "edit"),
            "funnel": funnel,
            "funnel_chart": charts.funnel_chart(funnel, list_url=list_url),
            "goal_types": goal_types,
            "goal_types_chart": charts.goal_types_chart(goal_types, list_url=list_url),
            "capacity": capacity,
            "capacity_chart": charts.capacity_chart(capacity),
            "impact": impact,
            "impact_charts": _impact_charts(impact),
        },
    )
