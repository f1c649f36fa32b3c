"""Sample records for the impact API endpoints, for the generated permission tests."""

import datetime as dt

from partnerkit.impact import services
from partnerkit.impact.models import RefreshRun
from partnerkit.partnerships.models import Partnership


def ids(names: set[str], values: dict) -> dict:
    """A source, a failed refresh job and a report in the workspace of the partnership in
    ``values``, for the path parameters in ``names`` that this app's endpoints add."""
    wanted = names & {"impact_source_id", "impact_run_id", "report_id"}
    if not wanted or values.get("partnership_id") is None:
        return {}
    partnership = Partnership.objects.get(pk=values["partnership_id"])
    by = partnership.created_by
    found = {}
    if "impact_source_id" in wanted or "impact_run_id" in wanted:
        source = services.source_create(partnership=partnership, by=by, kind="category",
                                        name=f"Probe {partnership.pk}")
        found["impact_source_id"] = source.pk
        run = RefreshRun.objects.create(workspace=partnership.workspace, source_ids=[source.pk],
                                        status="failed", error="Probe.")
        found["impact_run_id"] = run.pk
    if "report_id" in wanted:
        found["report_id"] = services.report_create(
            partnership=partnership, by=by, kind="community", title="Probe",
            period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 2, 1),
        ).pk
    return {name: found[name] for name in wanted}


def write_bodies(partner, partnership) -> dict:
    """For each write endpoint of this app, a body with which a member's request succeeds:
    the partnership gets a source, so that it has something to refresh."""
    if not partnership.impact_sources.exists():
        services.source_create(partnership=partnership, by=partnership.created_by,
                               kind="category", name=f"Probe refresh {partnership.pk}")
    partnership_path = "/workspaces/{slug}/partnerships/{partnership_id}"
    source = "/workspaces/{slug}/impact/sources/{impact_source_id}"
    report = "/workspaces/{slug}/reports/{report_id}"
    return {
        ("POST", partnership_path + "/impact/sources"): {"kind": "category", "name": "Probe files"},
        ("PATCH", source): {"deep": False},
        ("DELETE", source): None,
        ("POST", partnership_path + "/impact/refresh"): {},
        ("POST", "/workspaces/{slug}/impact/runs/{impact_run_id}/resume"): {},
        ("POST", partnership_path + "/reports"): {"kind": "partner"},
        ("PATCH", report): {"summary": "Probe."},
        ("DELETE", report): None,
        ("POST", report + "/sent"): {},
    }
